"""Aggregations for the actor and cooperation views (RQ1–RQ4), built on ``study.aggregate``.

Every function is pure: a ``Selection`` (or an aggregate frame) in, a DataFrame out, with codes as
keys and ``n_actors`` on every row (protected counts, see ``study.disclosure``); ``suppressed`` marks a
withheld mean.
Narrowing to one code or one cooperation status keeps the selection's actors as the population, so
shares and the "too small" rule refer to the filtered actors, not to those who made a statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from . import aggregate as agg
from . import disclosure as dc
from .anonymity import N_ACTORS, SUPPRESSED
from .package import StudyPackage
from .schema import ACTOR_TYPES, CODEBOOK, COOPERATION, MUNICIPALITIES, STATUSES, SUITABILITY, SUPPORT, contract
from .schema import WINNING as WINNING  # the categories this module's callers name, re-exported
from .selection import Selection

# Speaker dimensions a support form can be crossed with: who offers it (partner) or who needs it (speaker).
SUPPORT_DIMENSIONS = ("partner_type", "group", "actor_type")

# View columns that are plain strings but whose values the contract enumerates, in a meaningful order.
_ENUMS = {
    "group": (ACTOR_TYPES, "group"),
    "state": (MUNICIPALITIES, "state"),
    "size_class": (MUNICIPALITIES, "size_class"),
    "category": (CODEBOOK, "category"),
}

LINK_COLUMNS = ["actor_type", "partner_type", "status", N_ACTORS, SUPPRESSED]


def _empty(columns) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})


def _check_category(category: str) -> None:
    if category not in contract().allowed(CODEBOOK, "category"):
        raise ValueError(f"unknown category {category!r}")


def category_codes(package: StudyPackage, category: str) -> list[str]:
    """The codes of one codebook category, in the codebook's order (e.g. the suitability criteria)."""
    _check_category(category)
    cb = package.codebook
    return [str(c) for c in cb.loc[cb["category"] == category, "code"]]


def code_description(package: StudyPackage, code: str, lang: str = "de") -> str:
    """The codebook's description of a code in the language, "" if there is none in that language."""
    cb = package.codebook
    column = f"description_{lang}"
    if column not in cb.columns:
        return ""
    values = cb.loc[cb["code"].astype(str) == str(code), column]
    return "" if values.empty or pd.isna(values.iloc[0]) else str(values.iloc[0])


def narrow(sel: Selection, *, code: str | None = None, status: str | None = None) -> Selection:
    """The selection with its statements restricted to one code and/or status; its actors unchanged."""
    st = sel.statements
    mask = pd.Series(True, index=st.index)
    if code is not None:
        mask &= st["code"].astype(str) == str(code)
    if status is not None:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        mask &= st["status"].astype(str) == status
    return replace(sel, statements=st[mask])


def present_order(frame: pd.DataFrame, column: str) -> list[str]:
    """The values of ``column`` present in ``frame``, in the package's or contract's order.

    Categorical columns follow their categories (actor types, codes in package order); columns
    whose values the contract enumerates (group, state …) follow the contract; others as they come.
    """
    values = frame[column].dropna()
    present = list(dict.fromkeys(str(v) for v in values))
    if isinstance(values.dtype, pd.CategoricalDtype):
        order = [str(c) for c in values.cat.categories]
    elif column in _ENUMS:
        order = list(contract().allowed(*_ENUMS[column]))
    else:
        return present
    rank = {v: i for i, v in enumerate(order)}
    return sorted(present, key=lambda v: rank.get(v, len(order)))


def sort_in_order(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Rows sorted by the given columns, each in its ``present_order`` (e.g. a heatmap's reading order)."""
    if frame.empty:
        return frame.reset_index(drop=True)
    keys = {}
    for column in columns:
        rank = {v: i for i, v in enumerate(present_order(frame, column))}
        keys[f"_rank_{column}"] = frame[column].astype(str).map(rank).to_numpy()
    ranked = frame.assign(**keys).sort_values(list(keys), kind="stable")
    return ranked.drop(columns=list(keys)).reset_index(drop=True)


def suitability(sel: Selection, code: str | None = None, by: str = "partner_type") -> pd.DataFrame:
    """Suitability ratings per partner type (ranked, with the actors behind each mean), over all criteria or one.

    ``code`` must be a code of the suitability category; ``None`` means all criteria together.
    """
    if code is not None and code not in category_codes(sel.package, SUITABILITY):
        raise ValueError(f"{code!r} is not a code of category {SUITABILITY!r}")
    return agg.rating_summary(narrow(sel, code=code), SUITABILITY, by=by)


def status_matrix(
    sel: Selection,
    status: str,
    rows: str = "actor_type",
    columns: str = "partner_type",
    category: str = COOPERATION,
) -> pd.DataFrame:
    """Who cooperates with whom for one status: distinct actors per speaker type × partner type."""
    _check_category(category)
    out = agg.cross_table(narrow(sel, status=status), category, rows, columns)
    return sort_in_order(out, [rows, columns])


def cooperation_links(
    sel: Selection, statuses: Sequence[str] | None = None, category: str = COOPERATION
) -> pd.DataFrame:
    """Directed links speaker type → partner type per status, with the distinct actors behind each.

    Speaker types are actor units (``study.disclosure``), each link a protected count; links whose
    count is 0 are left out. Sorted by actors, strongest first. Empty under a regional or method
    filter, where speaker types within a town would be single actors.
    """
    _check_category(category)
    chosen = tuple(STATUSES if statuses is None else statuses)
    unknown = set(chosen) - set(STATUSES)
    if unknown:
        raise ValueError(f"unknown status {sorted(unknown)!r}")
    if sel.too_small or not chosen or not sel.allows("actor_type"):
        return _empty(LINK_COLUMNS)
    st = sel.statements
    st = st[(st["category"] == category) & st["partner_type"].notna() & st["status"].isin(chosen)]
    out = dc.count_actors(sel, st, ["partner_type", "status"], by="actor_type")
    out = out[out[N_ACTORS] > 0]
    if out.empty:
        return _empty(LINK_COLUMNS)
    out[SUPPRESSED] = False
    out = out.sort_values(
        [N_ACTORS, "actor_type", "partner_type", "status"], ascending=[False, True, True, True], kind="stable"
    )
    return out[LINK_COLUMNS].reset_index(drop=True)


def network_edges(links: pd.DataFrame, k: int, min_actors: int | None = None) -> pd.DataFrame:
    """The links that may be drawn: not suppressed, at least max(k, min_actors) actors; strongest first."""
    threshold = max(int(k), int(min_actors or 0))
    n = links[N_ACTORS].astype("float64")
    keep = ~links[SUPPRESSED].astype(bool) & (n >= threshold)
    out = links[keep.to_numpy()]
    return out.sort_values(N_ACTORS, ascending=False, kind="stable").reset_index(drop=True)


def strongest_link(links: pd.DataFrame) -> int:
    """The most actors behind one shown link (0 if none): the upper end of a "minimum actors" slider."""
    n = links.loc[~links[SUPPRESSED].astype(bool), N_ACTORS].dropna()
    return int(n.max()) if len(n) else 0


def network_nodes(package: StudyPackage) -> pd.DataFrame:
    """The actor types as network nodes, with their group, in the package's order."""
    types = package.actor_types
    return pd.DataFrame({"actor_type": types["actor_type"].astype(str), "group": types["group"].astype(str)})


def speaker_nodes(sel: Selection, links: pd.DataFrame) -> pd.DataFrame:
    """The network's nodes: the package's actor types, then the merged actor units that speak in ``links``
    (e.g. "kammer + lokale_unternehmen"); speakers are actor units, partners single types."""
    nodes = network_nodes(sel.package)
    units = sel.plan.actor_units
    merged = units[units["members"].map(len) > 1]
    merged = merged[merged["unit"].isin(set(links["actor_type"].astype(str)))]
    extra = pd.DataFrame({"actor_type": merged["unit"].astype(str), "group": merged["group"].astype(str)})
    return pd.concat([nodes, extra], ignore_index=True)


def support_matrix(sel: Selection, by: str = "partner_type") -> pd.DataFrame:
    """Forms of support × who offers them (``partner_type``) or who needs them (speaker ``group``)."""
    if by not in SUPPORT_DIMENSIONS:
        raise ValueError(f"unknown dimension {by!r}")
    out = agg.cross_table(sel, SUPPORT, "code", by)
    return sort_in_order(out, [by, "code"])
