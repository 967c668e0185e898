"""Which aggregate is the evidence for a research question, a finding or a heatmap, for any codebook.

Pure functions over a ``Selection``: nothing here knows a particular code, actor type or municipality.
The research question of a code and the category it belongs to come from the package's codebook,
so a package with other codes gets its evidence the same way. Every frame comes from
``study.aggregate`` and so carries ``n_actors`` and ``suppressed``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import aggregate, disclosure
from .anonymity import N_ACTORS, SUPPRESSED
from .package import StudyPackage
from .schema import CHALLENGE as CHALLENGE  # the heatmap's usual category, re-exported for callers
from .selection import Selection

# Heatmap bases: "actors" counts distinct actors (optionally as a share), "rating" averages the rating.
BASES = ("actors", "rating")
SHARES = (None, "col", "row")
HEATMAP_DIMENSIONS = ("group", "municipality_id", "size_class")
QUOTE_LIMIT = 5


def _codebook_position(package: StudyPackage) -> dict[str, int]:
    return {str(c): i for i, c in enumerate(package.codebook["code"])}


def category_questions(package: StudyPackage, category: str) -> tuple[int, ...]:
    """The research questions the codes of one category answer (ascending)."""
    cb = package.codebook
    return tuple(sorted({int(q) for q in cb.loc[cb["category"] == category, "research_question"]}))


def question_categories(package: StudyPackage, research_question: int) -> tuple[str, ...]:
    """The categories with codes for one research question, in the contract's category order."""
    cb = package.codebook
    used = set(cb.loc[cb["research_question"] == int(research_question), "category"].astype(str))
    return tuple(str(c) for c in cb["category"].cat.categories if str(c) in used)


def ranked_frequencies(
    sel: Selection, category: str | None = None, research_question: int | None = None
) -> pd.DataFrame:
    """``aggregate.code_frequencies`` in a fully deterministic order.

    Shown codes first, by the number of actors naming them (most first); ties and the suppressed
    codes keep the codebook's order, so the order never depends on the order of the statements.
    """
    freq = aggregate.code_frequencies(sel, category=category, research_question=research_question)
    if freq.empty:
        return freq
    pos = freq["code"].astype(str).map(_codebook_position(sel.package)).fillna(len(sel.package.codebook))
    # Suppressed rows have no count (NaN); sort them after the shown ones, by codebook position only.
    ordered = freq.assign(_pos=pos.to_numpy(), _n=freq[N_ACTORS].fillna(-1.0).to_numpy())
    ordered = ordered.sort_values([SUPPRESSED, "_n", "_pos"], ascending=[True, False, True], kind="stable")
    return ordered.drop(columns=["_pos", "_n"]).reset_index(drop=True)


def code_order(sel: Selection, category: str) -> list[str]:
    """Codes of a category as the rows of a chart: most actors first (see ``ranked_frequencies``)."""
    return [str(c) for c in ranked_frequencies(sel, category=category)["code"]]


def dimension_order(sel: Selection, dimension: str, present: pd.Series | None = None) -> list[str]:
    """The values of an actor dimension (group, municipality, size class …) in the package's order.

    Only values that occur among the selection's actors (and in ``present``, if given) are returned. For
    a breakdown dimension the values are those of the protection units (``study.disclosure``), so a
    merged unit ("a + b") is one value, placed where its first member stands.
    """
    if dimension in sel.actors.columns and disclosure.family_of(dimension) in (disclosure.REGION, disclosure.ACTORS):
        raw = sel.actors[dimension]
        cats = [str(c) for c in raw.cat.categories] if isinstance(raw.dtype, pd.CategoricalDtype) else []
        rank = {c: i for i, c in enumerate(cats)}
        units = sel.plan.dimension_units(dimension).reindex(sel.actors["actor_id"].astype(str))
        occurring = list(dict.fromkeys(str(v) for v in units.dropna()))
        if present is not None:
            wanted = {str(v) for v in present.dropna()}
            occurring = [v for v in occurring if v in wanted]
        first = lambda v: rank.get(v.split(disclosure.UNIT_SEPARATOR)[0], len(rank))  # noqa: E731
        return sorted(occurring, key=lambda v: (first(v), v))
    values = sel.statements[dimension] if dimension not in sel.actors.columns else sel.actors[dimension]
    occurring = {str(v) for v in values.dropna()}
    if present is not None:
        occurring &= {str(v) for v in present.dropna()}
    cats = values.cat.categories if isinstance(values.dtype, pd.CategoricalDtype) else sorted(occurring)
    return [str(c) for c in cats if str(c) in occurring]


@dataclass(frozen=True)
class Matrix:
    """A long rows × columns frame from ``aggregate.cross_table`` with the order to draw it in."""

    frame: pd.DataFrame
    rows: str
    columns: str
    row_order: list[str]
    column_order: list[str]
    value_kind: str  # "int", "pct" or "float": how the values are to be written


def value_kind(basis: str, share: str | None) -> str:
    if basis == "rating":
        return "float"
    return "pct" if share in ("col", "row") else "int"


def category_matrix(sel: Selection, category: str, by: str, basis: str = "actors", share: str | None = None) -> Matrix:
    """Codes of a category × an actor dimension; rows ordered by the actors naming the code overall.

    ``basis="actors"`` counts distinct actors per cell (``share`` "col": of the column's actors in the
    selection, "row": of the actors naming the code); ``basis="rating"`` is the mean rating per cell.
    Counts are protected sums of unit cells (``study.disclosure``) of the breakdown's family, so no cell
    needs withholding to protect another; by municipality a row's cells add up to what the ranking shows,
    by group or type they add up to the same code counted over type units (which can differ slightly).
    Empty when the selection's filter family does not allow a breakdown by ``by``.
    """
    if basis not in BASES:
        raise ValueError(f"unknown basis {basis!r}")
    if share not in SHARES:
        raise ValueError(f"unknown share {share!r}")
    frame = aggregate.cross_table(sel, category, "code", by, value=basis, share=share if basis == "actors" else None)
    present_rows = {str(c) for c in frame["code"]}
    rows = [c for c in code_order(sel, category) if c in present_rows]
    if frame.empty:
        return Matrix(frame, "code", by, [], [], value_kind(basis, share))
    if basis == "rating":
        columns = dimension_order(sel, by, frame[by])
    else:
        # Counts: a cell nobody stands behind is a shown zero (it identifies nobody), not a gap.
        columns = dimension_order(sel, by)
        frame = _with_zeros(frame, by, rows, columns)
    return Matrix(frame, "code", by, rows, columns, value_kind(basis, share))


def _with_zeros(frame: pd.DataFrame, by: str, rows: list[str], columns: list[str]) -> pd.DataFrame:
    have = set(zip(frame["code"].astype(str), frame[by].astype(str), strict=True))
    missing = [(r, c) for r in rows for c in columns if (r, c) not in have]
    if not missing:
        return frame
    zeros = pd.DataFrame(
        {
            "code": [r for r, _ in missing],
            by: [c for _, c in missing],
            "value": 0.0,
            N_ACTORS: 0.0,
            SUPPRESSED: False,
        }
    )
    out = frame.assign(code=frame["code"].astype(str), **{by: frame[by].astype(str)})
    return pd.concat([out, zeros], ignore_index=True)


@dataclass(frozen=True)
class Evidence:
    """The aggregate that backs one research question's findings for one category of codes."""

    research_question: int
    category: str
    frame: pd.DataFrame


def question_evidence(sel: Selection, research_question: int) -> list[Evidence]:
    """Evidence for a research question: how many actors name each of its codes, per category.

    The codebook says which codes answer which question; a question whose codes span several
    categories (e.g. potentials and challenges) gets one frame per category.
    """
    rq = int(research_question)
    return [
        Evidence(rq, cat, ranked_frequencies(sel, category=cat, research_question=rq))
        for cat in question_categories(sel.package, rq)
    ]


@dataclass(frozen=True)
class Finding:
    finding_id: str
    research_question: int
    title: str
    text: str
    view: str | None


def question_findings(package: StudyPackage, research_question: int, lang: str = "de") -> list[Finding]:
    """The study team's findings for one research question, in the package's order, in one language."""
    f = package.findings
    f = f[f["research_question"] == int(research_question)]
    suffix = "en" if lang == "en" else "de"
    out = []
    for _, row in f.iterrows():
        view = row.get("view")
        view = str(view).strip() if isinstance(view, str) and str(view).strip() else None
        out.append(
            Finding(
                str(row["finding_id"]),
                int(row["research_question"]),
                str(row[f"title_{suffix}"]),
                str(row[f"text_{suffix}"]),
                view,
            )
        )
    return out


def finding_evidence(sel: Selection, finding: Finding) -> list[Evidence]:
    """A finding is backed by the evidence of its research question (findings name no codes)."""
    return question_evidence(sel, finding.research_question)


def quote_sample(sel: Selection, research_question: int, limit: int = QUOTE_LIMIT) -> pd.DataFrame:
    """At most ``limit`` approved, quotable quotes for a question, spread over its codes.

    Deterministic: codes in codebook order take turns (one quote each per round), and within a code
    quotes follow their keyed pseudonym. Only ``aggregate.quotes`` decides which quotes may be shown.
    """
    q = aggregate.quotes(sel, research_question=research_question)
    if q.empty or limit <= 0:
        return q.head(0).reset_index(drop=True)
    pos = q["code"].astype(str).map(_codebook_position(sel.package)).fillna(len(sel.package.codebook))
    q = q.assign(_pos=pos.to_numpy(), _sid=q["quote_id"].astype(str).to_numpy())
    q = q.sort_values(["_pos", "_sid"], kind="stable")
    q["_turn"] = q.groupby("_pos", sort=False).cumcount()
    q = q.sort_values(["_turn", "_pos", "_sid"], kind="stable").head(limit)
    return q.drop(columns=["_pos", "_sid", "_turn"]).reset_index(drop=True)
