"""Aggregations behind every chart, map and table, each passed through the anonymity guard.

All functions are pure: a ``Selection`` in, a DataFrame out, with codes (not labels) as keys,
``n_actors`` on every row and ``suppressed`` where fewer than k actors stand behind a value.
A selection that is too small yields empty frames.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .anonymity import N_ACTORS, SUPPRESSED, guard, guard_partition
from .selection import Selection

EXISTING, PLANNED, WISHED = "bestehend", "geplant", "gewuenscht"
RATING_STATS = ("mean_rating", "std_rating", "min_rating", "max_rating")

# Which column of the statements view each grouping dimension uses.
DIMENSIONS = ("state", "size_class", "municipality_id", "group", "actor_type", "method", "partner_type", "code")


def _empty(columns) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})


def _codes(sel: Selection, category: str) -> pd.DataFrame:
    st = sel.statements
    return st[st["category"] == category]


def summarise(frame: pd.DataFrame, by: list[str], rating: bool = False) -> pd.DataFrame:
    """Count statements and distinct actors per group (all categories present), optionally rating stats."""
    grouped = frame.groupby(by, observed=True, sort=False)
    out = grouped.size().rename("n_statements").to_frame()
    out[N_ACTORS] = frame.drop_duplicates([*by, "actor_id"]).groupby(by, observed=True, sort=False).size()
    if rating:
        r = grouped["rating"]
        out["mean_rating"] = r.mean().astype("float64")
        out["std_rating"] = r.std().astype("float64")
        out["min_rating"] = r.min().astype("float64")
        out["max_rating"] = r.max().astype("float64")
        out["n_rated"] = r.count()
    return out.reset_index()


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
    """Actors and statements per value of one dimension (group, actor type, municipality, method …)."""
    cols = [by, N_ACTORS, "n_statements", SUPPRESSED]
    if sel.too_small:
        return _empty(cols)
    if by == "method":
        counts = summarise(sel.statements, [by])
    else:
        actors = sel.actors.groupby(by, observed=True, sort=False).size().rename(N_ACTORS)
        stmts = sel.statements.groupby(by, observed=True, sort=False).size().rename("n_statements")
        counts = pd.concat([actors, stmts], axis=1).fillna(0).reset_index().rename(columns={"index": by})
    counts = counts.sort_values(N_ACTORS, ascending=False, kind="stable")
    # Each actor has one group, type, municipality …: the rows add up to the total the page shows.
    # Actors use several methods, so rows by method are no partition of it.
    protect = guard if by == "method" else guard_partition
    return protect(counts, sel.k, ["n_statements"])[cols].reset_index(drop=True)


def rating_summary(sel: Selection, category: str, by: str = "partner_type") -> pd.DataFrame:
    """Mean rating with spread and n per value of ``by``, ranked; e.g. suitability of partner types."""
    cols = [
        by,
        "mean_rating",
        "std_rating",
        "min_rating",
        "max_rating",
        "n_rated",
        "n_statements",
        N_ACTORS,
        SUPPRESSED,
    ]
    if sel.too_small:
        return _empty(cols)
    rows = _codes(sel, category)
    rows = rows[rows[by].notna() & rows["rating"].notna()]
    out = summarise(rows, [by], rating=True)
    out = guard(out, sel.k, [*RATING_STATS, "n_rated", "n_statements"])
    out = out.sort_values(["suppressed", "mean_rating"], ascending=[True, False], kind="stable")
    return out[cols].reset_index(drop=True)


def code_frequencies(sel: Selection, category: str | None = None, research_question: int | None = None) -> pd.DataFrame:
    """Per code: how many actors mention it, their share of the selection, mean rating."""
    cols = ["code", N_ACTORS, "share_actors", "n_statements", "mean_rating", SUPPRESSED]
    if sel.too_small:
        return _empty(cols)
    st = sel.statements
    if category is not None:
        st = st[st["category"] == category]
    if research_question is not None:
        st = st[st["research_question"] == research_question]
    out = summarise(st, ["code"], rating=True)
    out["share_actors"] = out[N_ACTORS] / sel.n_actors
    out = guard(out, sel.k, ["share_actors", "n_statements", "mean_rating"])
    out = out.sort_values(["suppressed", N_ACTORS], ascending=[True, False], kind="stable")
    return out[cols].reset_index(drop=True)


def cross_table(
    sel: Selection, category: str, rows: str, columns: str, value: str = "actors", share: str | None = None
) -> pd.DataFrame:
    """Long table rows × columns for one category; value = distinct actors or mean rating.

    ``share="row"`` divides by the actors behind the whole row, ``share="col"`` by the actors of the
    selection in that column (e.g. the share of an actor group that names a challenge).
    """
    cols = [rows, columns, "value", N_ACTORS, "n_statements", SUPPRESSED]
    if sel.too_small:
        return _empty(cols)
    st = _codes(sel, category)
    st = st[st[rows].notna() & st[columns].notna()]
    out = summarise(st, [rows, columns], rating=True)
    if value == "rating":
        out["value"] = out["mean_rating"]
    else:
        out["value"] = out[N_ACTORS].astype("float64")
        if share == "row":
            totals = st.drop_duplicates([rows, "actor_id"]).groupby(rows, observed=True).size()
            out["value"] = out["value"] / out[rows].map(totals).astype("float64").to_numpy()
        elif share == "col":
            base = sel.actors if columns in sel.actors.columns else st
            totals = base.drop_duplicates([columns, "actor_id"]).groupby(columns, observed=True).size()
            denom = out[columns].map(totals).astype("float64").to_numpy()
            out["value"] = out["value"] / denom
            # A share over a column of fewer than k actors would reveal that small group.
            small_base = (denom > 0) & (denom < sel.k)
    out = guard(out, sel.k, ["value", "n_statements"])
    if share == "col" and value != "rating":
        out.loc[small_base, ["value", "n_statements", N_ACTORS]] = np.nan
        out.loc[small_base, SUPPRESSED] = True
    return out[cols].reset_index(drop=True)


def cooperation_status(sel: Selection, category: str = "kooperation") -> pd.DataFrame:
    """Per partner type: actors reporting existing, planned, wished-for cooperation, and the potential.

    The potential is the number of actors who plan or wish for cooperation with a partner type but
    report none existing with it: the gap between wished-for and existing cooperation.
    """
    cols = ["partner_type", EXISTING, PLANNED, WISHED, "potential", N_ACTORS, SUPPRESSED]
    if sel.too_small:
        return _empty(cols)
    st = _codes(sel, category)
    st = st[st["partner_type"].notna() & st["status"].notna()][["actor_id", "partner_type", "status"]]
    pairs = st.drop_duplicates()
    counts = pairs.groupby(["partner_type", "status"], observed=False).size().unstack("status", fill_value=0)
    for s in (EXISTING, PLANNED, WISHED):
        if s not in counts.columns:
            counts[s] = 0
    wants = pairs[pairs["status"].isin([PLANNED, WISHED])][["actor_id", "partner_type"]].drop_duplicates()
    has = pairs[pairs["status"] == EXISTING][["actor_id", "partner_type"]].drop_duplicates()
    gap = wants.merge(has, how="left", indicator=True)
    gap = gap[gap["_merge"] == "left_only"].groupby("partner_type", observed=False).size()
    out = counts[[EXISTING, PLANNED, WISHED]].copy()
    out["potential"] = gap.reindex(out.index, fill_value=0)
    out[N_ACTORS] = pairs.drop_duplicates(["partner_type", "actor_id"]).groupby("partner_type", observed=False).size()
    out = out[out[N_ACTORS] > 0].reset_index()
    out.columns.name = None
    # Each count is itself a number of actors: suppress every cell of 1 … k-1, not only the row total.
    for c in (EXISTING, PLANNED, WISHED, "potential"):
        small = (out[c] > 0) & (out[c] < sel.k)
        out[c] = out[c].astype("float64").where(~small, np.nan)
    out = guard(out, sel.k, [EXISTING, PLANNED, WISHED, "potential"])
    out = out.sort_values(["suppressed", "potential"], ascending=[True, False], kind="stable")
    return out[cols].reset_index(drop=True)


def municipality_profiles(sel: Selection) -> pd.DataFrame:
    """One row per municipality in the selection, with its position and key figures (for the map)."""
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
        N_ACTORS,
        "n_statements",
        "share_existing",
        "mean_severity",
        SUPPRESSED,
    ]
    if sel.too_small:
        return _empty(cols)
    st = sel.statements
    ids = sel.actors["municipality_id"].unique()
    actors = sel.actors.groupby("municipality_id", observed=True).size()
    stmts = st.groupby("municipality_id", observed=True).size()
    coop = st[(st["category"] == "kooperation") & st["status"].notna()]
    existing = (coop["status"] == EXISTING).groupby(coop["municipality_id"], observed=True).mean()
    sev = st[st["category"] == "herausforderung"].groupby("municipality_id", observed=True)["rating"].mean()
    out = mun[mun["municipality_id"].isin(ids)].copy()
    key = out["municipality_id"]
    out[N_ACTORS] = key.map(actors).fillna(0).astype("int64").to_numpy()
    out["n_statements"] = key.map(stmts).fillna(0).astype("float64").to_numpy()
    out["share_existing"] = key.map(existing).astype("float64").to_numpy()
    out["mean_severity"] = key.map(sev).astype("float64").to_numpy()
    out = guard_partition(out, sel.k, ["n_statements", "share_existing", "mean_severity"])
    return out[cols].reset_index(drop=True)


def quotable_actor_ids(package) -> pd.Index:
    """Actors whose municipality × actor group has at least k actors: only their quotes may be shown."""
    a = package.actors.merge(package.actor_types[["actor_type", "group"]], on="actor_type")
    size = a.groupby(["municipality_id", "group"], observed=True)["actor_id"].transform("size")
    return pd.Index(a.loc[size >= package.min_group_size, "actor_id"].astype(str))


def quotes(sel: Selection, research_question: int | None = None, limit: int | None = None) -> pd.DataFrame:
    """Approved quotes in the selection whose speaker cannot be singled out (see quotable_actor_ids)."""
    cols = ["statement_id", "quote", "code", "category", "research_question", "method", "group"]
    if sel.too_small:
        return _empty(cols)
    st = sel.statements
    st = st[st["quote"].notna() & (st["quote"] != "")]
    if research_question is not None:
        st = st[st["research_question"] == research_question]
    st = st[st["actor_id"].astype(str).isin(quotable_actor_ids(sel.package))]
    out = st[cols].reset_index(drop=True)
    return out.head(limit) if limit else out


def instrument_uptake(sel: Selection, category: str = "prozess") -> pd.DataFrame:
    """Process instruments: actors and municipalities naming them, and how often they go with
    existing cooperation (share of the cooperation statements in those municipalities that are existing)."""
    cols = ["code", N_ACTORS, "n_municipalities", "share_existing", SUPPRESSED]
    if sel.too_small:
        return _empty(cols)
    st = sel.statements
    inst = _codes(sel, category)
    out = summarise(inst, ["code"])
    muns = inst.drop_duplicates(["code", "municipality_id"])[["code", "municipality_id"]]
    out["n_municipalities"] = out["code"].map(muns.groupby("code", observed=True).size()).astype("float64")
    coop = st[(st["category"] == "kooperation") & st["status"].notna()]
    share_by_mun = (coop["status"] == EXISTING).groupby(coop["municipality_id"], observed=True).agg(["sum", "size"])
    joined = muns.merge(share_by_mun, left_on="municipality_id", right_index=True, how="left").fillna(0)
    agg = joined.groupby("code", observed=True)[["sum", "size"]].sum()
    ratio = (agg["sum"] / agg["size"].replace(0, np.nan)).astype("float64")
    out["share_existing"] = out["code"].map(ratio).astype("float64")
    out = guard(out, sel.k, ["n_municipalities", "share_existing"])
    out = out.sort_values(["suppressed", N_ACTORS], ascending=[True, False], kind="stable")
    return out[cols].reset_index(drop=True)


def statements_export(sel: Selection) -> pd.DataFrame:
    """The selection's statements for download: no actor ids, quotes only where the rule allows."""
    cols = [
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
    if sel.too_small:
        return pd.DataFrame(columns=cols)
    st = sel.statements
    allowed = st["actor_id"].astype(str).isin(quotable_actor_ids(sel.package))
    out = st[cols].copy()
    out["quote"] = out["quote"].where(allowed.to_numpy(), None)
    # A municipality with fewer than k actors of a type would expose those actors' statements.
    a = sel.package.actors
    type_size = a.groupby(["municipality_id", "actor_type"], observed=True).size()
    key = pd.MultiIndex.from_arrays([st["municipality_id"], st["actor_type"]])
    small_type = type_size.reindex(key).fillna(0).to_numpy() < sel.k
    out["actor_type"] = out["actor_type"].astype(object).where(~small_type, None)
    return out.reset_index(drop=True)
