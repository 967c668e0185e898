"""Aggregations behind every chart, map and table, each built through ``study.disclosure``.

All functions are pure: a ``Selection`` in, a DataFrame out, with codes (not labels) as keys and
``n_actors`` on every row. Counts are protected sums of unit cells, means are protected means,
``suppressed`` marks a value that is withheld (a mean from too few actors, a breakdown the selection's
filter family does not allow). A selection that is too small yields empty frames.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import disclosure as dc
from .anonymity import N_ACTORS, SUPPRESSED
from .schema import CHALLENGE, COOPERATION, EXISTING, PLANNED, PROCESS, WISHED
from .selection import Selection

# Which column of the statements view each grouping dimension uses.
DIMENSIONS = ("state", "size_class", "municipality_id", "group", "actor_type", "method", "partner_type", "code")


def _empty(columns) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})


def _codes(sel: Selection, category: str) -> pd.DataFrame:
    st = sel.statements
    return st[st["category"] == category]


def key_figures(sel: Selection) -> dict[str, int | None]:
    """Municipalities, actors and statements in the selection (None when it is too small)."""
    if sel.too_small:
        return {"municipalities": None, "actors": None, "statements": None}
    return {
        "municipalities": sel.n_municipalities,
        "actors": sel.n_actors,
        "statements": sel.n_statements,
    }


def participants(sel: Selection, by: str) -> pd.DataFrame:
    """Actors and statements per value of one dimension (group, actor type, municipality, method …).

    By a unit dimension the rows are units of at least k actors, counted exactly; by method, an actor
    can count several times, so those counts are protected counts. Empty if the selection's filter
    family does not allow the breakdown.
    """
    cols = [by, N_ACTORS, "n_statements", SUPPRESSED]
    if sel.too_small or not sel.allows(by):
        return _empty(cols)
    st = sel.statements
    if dc.family_of(by) in (dc.REGION, dc.ACTORS):
        unit_of = sel.plan.dimension_units(by)
        ids = sel.actors["actor_id"].astype(str)
        actors = unit_of.reindex(ids).value_counts(sort=False).rename(N_ACTORS)
        stmts = unit_of.reindex(st["actor_id"].astype(str).to_numpy()).value_counts(sort=False).rename("n_statements")
        counts = pd.concat([actors, stmts], axis=1).fillna(0).rename_axis(by).reset_index()
    else:
        counts = dc.count_actors(sel, st, [by])
        n = st.groupby(by, observed=True, sort=False).size().rename("n_statements")
        counts = counts.merge(n.reset_index().astype({by: str}), on=by, how="left")
    counts = counts.astype({N_ACTORS: "float64", "n_statements": "float64"})
    counts[SUPPRESSED] = False
    counts = counts[counts[N_ACTORS] > 0].sort_values(N_ACTORS, ascending=False, kind="stable")
    return counts[cols].reset_index(drop=True)


def rating_summary(sel: Selection, category: str, by: str = "partner_type") -> pd.DataFrame:
    """Mean rating and the actors behind it per value of ``by``, ranked; e.g. suitability of partner types."""
    cols = [by, "mean_rating", N_ACTORS, SUPPRESSED]
    if sel.too_small or not sel.allows(by):
        return _empty(cols)
    rows = _codes(sel, category)
    rows = rows[rows[by].notna()]
    breakdown = by if dc.family_of(by) else None
    out = dc.mean_ratings(sel, rows, [] if breakdown else [by], by=breakdown)
    if out.empty:
        return _empty(cols)
    out = out.sort_values([SUPPRESSED, "mean_rating"], ascending=[True, False], kind="stable")
    return out[cols].reset_index(drop=True)


def code_frequencies(sel: Selection, category: str | None = None, research_question: int | None = None) -> pd.DataFrame:
    """Per code: how many actors mention it, their share of the selection, mean rating."""
    cols = ["code", N_ACTORS, "share_actors", "mean_rating", SUPPRESSED]
    if sel.too_small:
        return _empty(cols)
    st = sel.statements
    if category is not None:
        st = st[st["category"] == category]
    if research_question is not None:
        st = st[st["research_question"] == research_question]
    out = dc.count_actors(sel, st, ["code"])
    if out.empty:
        return _empty(cols)
    ratings = dc.mean_ratings(sel, st, ["code"])[["code", "mean_rating"]]
    out = out.merge(ratings, on="code", how="left")
    out["share_actors"] = dc.shares(out[N_ACTORS], sel.n_actors)
    out[SUPPRESSED] = False
    out = out.sort_values(N_ACTORS, ascending=False, kind="stable")
    return out[cols].reset_index(drop=True)


def cross_table(
    sel: Selection, category: str, rows: str, columns: str, value: str = "actors", share: str | None = None
) -> pd.DataFrame:
    """Long table rows × columns for one category; value = distinct actors or mean rating.

    At most one of ``rows`` and ``columns`` may be a speaker dimension (municipality, group, type …),
    and only one the selection allows. ``share="row"`` divides by the actors behind the whole row,
    ``share="col"`` by the actors of the selection in that column (e.g. the share of an actor group
    that names a challenge).
    """
    cols = [rows, columns, "value", N_ACTORS, SUPPRESSED]
    if sel.too_small or not (sel.allows(rows) and sel.allows(columns)):
        return _empty(cols)
    speaker = [d for d in (rows, columns) if dc.family_of(d)]
    if len(speaker) > 1:
        raise ValueError("a cross table has at most one speaker dimension")
    by = speaker[0] if speaker else None
    content = [d for d in (rows, columns) if d != by]
    st = _codes(sel, category)
    st = st[st[rows].notna() & st[columns].notna()]
    if value == "rating":
        out = dc.mean_ratings(sel, st, content, by=by).rename(columns={"mean_rating": "value"})
        return out[cols].reset_index(drop=True)
    family = sel.count_family(by)
    out = dc.count_actors(sel, st, content, by=by)
    out["value"] = out[N_ACTORS]
    if share == "row":
        if rows == by:
            totals = dc.count_actors(sel, st, [], by=by)
        elif by is not None:
            # The units partition each row: its total is the sum of its cells.
            totals = out.groupby(rows, sort=False)[N_ACTORS].sum().reset_index()
        else:
            totals = dc.count_actors(sel, st, [rows])
        total = out[rows].map(dict(zip(totals[rows], totals[N_ACTORS], strict=True)))
        out["value"] = dc.shares(out[N_ACTORS], total)
    elif share == "col":
        if columns == by:
            base = participants(sel, by)
        else:
            base = dc.count_actors(sel, st, [columns], family=family)
        out["value"] = dc.shares(out[N_ACTORS], out[columns].map(dict(zip(base[columns], base[N_ACTORS], strict=True))))
    out[SUPPRESSED] = False
    return out[cols].reset_index(drop=True)


def cooperation_status(sel: Selection, category: str = COOPERATION) -> pd.DataFrame:
    """Per partner type: actors reporting existing, planned, wished-for cooperation, and the potential.

    The potential is the number of actors who plan or wish for cooperation with a partner type but
    report none existing with it: the gap between wished-for and existing cooperation. Each column is a
    protected count of actors.
    """
    cols = ["partner_type", EXISTING, PLANNED, WISHED, "potential", N_ACTORS, SUPPRESSED]
    if sel.too_small:
        return _empty(cols)
    st = _codes(sel, category)
    pairs = st[st["partner_type"].notna() & st["status"].notna()][["actor_id", "partner_type", "status"]]
    pairs = pairs.astype(str).drop_duplicates()
    if pairs.empty:
        return _empty(cols)
    out = dc.count_actors(sel, pairs, ["partner_type"])
    by_status = dc.count_actors(sel, pairs, ["partner_type", "status"])
    wide = by_status.pivot_table(index="partner_type", columns="status", values=N_ACTORS, aggfunc="sum", fill_value=0)
    for s in (EXISTING, PLANNED, WISHED):
        out[s] = out["partner_type"].map(wide[s] if s in wide.columns else {}).fillna(0.0).astype("float64")
    wants = pairs[pairs["status"].isin([PLANNED, WISHED])][["actor_id", "partner_type"]].drop_duplicates()
    has = pairs[pairs["status"] == EXISTING][["actor_id", "partner_type"]].drop_duplicates()
    gap = wants.merge(has, how="left", indicator=True)
    gap = dc.count_actors(sel, gap[gap["_merge"] == "left_only"][["actor_id", "partner_type"]], ["partner_type"])
    out["potential"] = out["partner_type"].map(dict(zip(gap["partner_type"], gap[N_ACTORS], strict=True)))
    out["potential"] = out["potential"].fillna(0.0).astype("float64")
    out[SUPPRESSED] = False
    out = out[out[N_ACTORS] > 0].sort_values("potential", ascending=False, kind="stable")
    return out[cols].reset_index(drop=True)


def municipality_profiles(sel: Selection) -> pd.DataFrame:
    """One row per municipality in the selection, with its position and key figures (for the map).

    The figures belong to the municipality's unit (``unit``; merged municipalities share theirs) and
    are withheld under an actor or method filter, where they would describe actors of one type in one
    town.
    """
    mun = sel.package.municipalities
    cols = [
        "municipality_id",
        "name",
        "state",
        "size_class",
        "population",
        "lat",
        "lon",
        "approximate",
        "fairtrade_town",
        "council_resolution",
        "unit",
        N_ACTORS,
        "n_statements",
        "share_existing",
        "mean_severity",
        SUPPRESSED,
    ]
    if sel.too_small:
        return _empty(cols)
    ids = sel.actors["municipality_id"].astype(str).unique()
    out = mun[mun["municipality_id"].astype(str).isin(ids)].copy()
    unit_of_mun = {m: u for u, ms in sel.plan.region_units["members"].items() for m in ms}
    out["unit"] = out["municipality_id"].astype(str).map(unit_of_mun)
    figures = ["n_statements", "share_existing", "mean_severity", N_ACTORS]
    if not sel.allows("municipality_id"):
        for c in figures:
            out[c] = np.nan
        out[SUPPRESSED] = True
        return out[cols].reset_index(drop=True)
    by = "municipality_id"
    people = participants(sel, by).set_index(by)
    st = sel.statements
    coop = st[(st["category"] == COOPERATION) & st["status"].notna()]
    reporting = dc.count_actors(sel, coop, [], by=by).set_index(by)[N_ACTORS]
    existing = dc.count_actors(sel, coop[coop["status"] == EXISTING], [], by=by).set_index(by)[N_ACTORS]
    severity = dc.mean_ratings(sel, st[st["category"] == CHALLENGE], [], by=by).set_index(by)["mean_rating"]
    unit = out["unit"]
    out[N_ACTORS] = unit.map(people[N_ACTORS]).astype("float64").to_numpy()
    out["n_statements"] = unit.map(people["n_statements"]).astype("float64").to_numpy()
    rep = unit.map(reporting).astype("float64").to_numpy()
    out["share_existing"] = dc.shares(unit.map(existing).fillna(0.0).astype("float64").to_numpy(), rep)
    out["mean_severity"] = unit.map(severity).astype("float64").to_numpy()
    out[SUPPRESSED] = False
    return out[cols].reset_index(drop=True)


def quotable(sel: Selection) -> bool:
    """Whether quotes may appear in this selection: no regional or method filter (see ``study.disclosure``)."""
    return sel.family in (dc.ALL, dc.ACTORS)


def quotes(sel: Selection, research_question: int | None = None, limit: int | None = None) -> pd.DataFrame:
    """Approved quotes in the selection, attributed at most to the speaker's actor unit's group.

    None under a regional or method filter: a quote seen there and under an actor filter would be tied
    to the few actors in both. No statement id or method leaves with a quote (ids run in blocks per
    actor); ``quote_id`` is a keyed pseudonym, stable per package.
    """
    cols = ["quote_id", "quote", "code", "category", "research_question", "partner_type", "group"]
    if sel.too_small or not quotable(sel):
        return _empty(cols)
    st = sel.statements
    st = st[st["quote"].notna() & (st["quote"] != "")]
    if research_question is not None:
        st = st[st["research_question"] == research_question]
    plan = sel.plan
    ids = st["actor_id"].astype(str)
    group_of_unit = plan.actor_units["group"]
    out = pd.DataFrame(
        {
            "quote_id": dc.quote_ids(plan, st["statement_id"].astype(str)),
            "quote": st["quote"].astype(str).to_numpy(),
            "code": st["code"].astype(str).to_numpy(),
            "category": st["category"].astype(str).to_numpy(),
            "research_question": st["research_question"].to_numpy(),
            "partner_type": st["partner_type"].astype(object).to_numpy(),
            "group": plan.unit_of(dc.ACTORS).reindex(ids).map(group_of_unit).to_numpy(),
        }
    )
    out = out.sort_values("quote_id", kind="stable").reset_index(drop=True)
    return out.head(limit) if limit else out


def instrument_uptake(sel: Selection, category: str = PROCESS) -> pd.DataFrame:
    """Process instruments: actors and municipalities naming them, and how often they go with existing
    cooperation (share of the actors with cooperation statements in those municipalities that report an
    existing one). Municipality figures only where the selection allows a breakdown by municipality."""
    cols = ["code", N_ACTORS, "n_municipalities", "share_existing", SUPPRESSED]
    if sel.too_small:
        return _empty(cols)
    st = sel.statements
    inst = _codes(sel, category)
    out = dc.count_actors(sel, inst, ["code"])
    if out.empty:
        return _empty(cols)
    out[SUPPRESSED] = False
    if sel.allows("municipality_id"):
        by = "municipality_id"
        cells = dc.count_actors(sel, inst, ["code"], by=by)
        cells = cells[cells[N_ACTORS] > 0]
        out["n_municipalities"] = out["code"].map(cells.groupby("code").size()).fillna(0).astype("float64")
        coop = st[(st["category"] == COOPERATION) & st["status"].notna()]
        reporting = dc.count_actors(sel, coop, [], by=by).set_index(by)[N_ACTORS]
        existing = dc.count_actors(sel, coop[coop["status"] == EXISTING], [], by=by).set_index(by)[N_ACTORS]
        cells = cells.assign(rep=cells[by].map(reporting).fillna(0.0), ex=cells[by].map(existing).fillna(0.0))
        agg = cells.groupby("code")[["ex", "rep"]].sum()
        out["share_existing"] = dc.shares(out["code"].map(agg["ex"]), out["code"].map(agg["rep"]))
    else:
        out["n_municipalities"] = np.nan
        out["share_existing"] = np.nan
    out = out.sort_values(N_ACTORS, ascending=False, kind="stable")
    return out[cols].reset_index(drop=True)


STATEMENT_EXPORT_COLUMNS = [
    "statement_id",
    "municipality_id",
    "state",
    "size_class",
    "group",
    "actor_type",
    "code",
    "category",
    "research_question",
    "method",
    "partner_type",
    "status",
    "rating",
    "quote",
]


def statements_export(sel: Selection) -> pd.DataFrame | None:
    """The selection's statements for download, only for the bundled demonstration package.

    Record-level rows identify actors whatever is left out of them; for any other package (whatever
    its metadata says) this returns None and the pages offer the protected tables instead.
    """
    if not dc.is_bundled_demo(sel.package):
        return None
    if sel.too_small:
        return pd.DataFrame(columns=STATEMENT_EXPORT_COLUMNS)
    return sel.statements[STATEMENT_EXPORT_COLUMNS].reset_index(drop=True)
