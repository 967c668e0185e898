"""Disclosure control: the one mechanism every published number goes through.

What is protected: sets of actors a reader can name from outside — by municipality (and so state
and size class), by actor type (and so group), by the method they took part in — and every set of
fewer than k of them, down to the single actor. What they said, rated, cooperate with or were quoted
as saying must not be learnt, exactly or within a protection interval, from any combination of
pages, filters and downloads.

How (the methods of statistics offices, see the "Daten & Methode" page):

* **Query space.** Actors (only those with at least one statement count) are grouped into *units*,
  disjoint groups of at least k: municipalities in the regional family, actor types in the actor
  family, each merged with a neighbour while smaller than k (global recoding). A selection is a union
  of units of one family: filters of the regional and the actor family are never combined, and a
  method filter stands alone. The difference of two selections is again a union of units, so
  differencing never isolates fewer than k actors. Breakdowns follow the same rule: by municipality,
  state or size class only where no actor filter is active, by group or type only where no regional
  filter is, by method only without other filters.
* **Counts are added up from protected unit cells.** A count of actors is computed per unit and
  protected there, then summed: every published count is a sum of the same protected cells, so
  tables agree with their totals and any difference a reader forms is again such a sum. A cell of
  1 … k−1 actors is randomly rounded to 0 or k (unbiased, with the cell-key method: each actor has a
  secret key, and the cell's key is the sum of its actors' keys, so the same cell always gets the
  same value); a cell near its unit's size is capped at size − k + 1, so that "(almost) all of them"
  never shows. Zeros are therefore not proof of absence, and no small group is ever pinned down.
* **Means** are means of actor means (one talkative actor does not dominate), taken over the units
  in which at least k actors rated and did not all give the same value; the study-wide mean adds
  the other units' ratings as one pool when the pool itself passes that rule. No minimum, maximum
  or spread is published. Values are rounded here to the precision shown.
* **Quotes** appear only where no regional or method filter is active, without method or id:
  attributed at most to an actor unit of at least k actors.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from .anonymity import N_ACTORS, SUPPRESSED

MIN_K = 3
ALL, REGION, ACTORS, METHOD = "all", "region", "actors", "method"
REGION_DIMS = ("state", "size_class", "municipality_id")
ACTOR_DIMS = ("group", "actor_type")
METHOD_DIMS = ("method",)
FAMILY_DIMS = {REGION: REGION_DIMS, ACTORS: ACTOR_DIMS, METHOD: METHOD_DIMS}
# Filter families in the order in which a conflicting URL is resolved (the first one wins).
FAMILY_ORDER = (REGION, ACTORS, METHOD)
UNIT_SEPARATOR = " + "
MEAN_DECIMALS = 1
SHARE_DECIMALS = 2  # a share of 0.56 is shown as "56 %"


def effective_k(declared: int) -> int:
    """The threshold in force: what the package declares, never below ``MIN_K``."""
    return max(MIN_K, int(declared))


def family_of(dimension: str) -> str | None:
    """The filter family a dimension belongs to (None for what a statement is about: code, partner …)."""
    for family, dims in FAMILY_DIMS.items():
        if dimension in dims:
            return family
    return None


def _merge_small(sizes: dict[str, int], k: int, affinity) -> list[list[str]]:
    """Greedy global recoding: merge the smallest unit below k with its closest neighbour until none is."""
    units = [[m] for m in sizes]
    total = {tuple(u): sizes[u[0]] for u in units}
    while True:
        small = [u for u in units if total[tuple(u)] < k]
        if not small or len(units) == 1:
            return units
        unit = min(small, key=lambda u: (total[tuple(u)], u))
        others = [u for u in units if u is not unit]
        partner = min(others, key=lambda o: (-affinity(unit, o), total[tuple(o)], o))
        units = [u for u in others if u is not partner] + [sorted(unit + partner, key=list(sizes).index)]
        merged = units[-1]
        total[tuple(merged)] = sum(sizes[m] for m in merged)


def _actor_keys(actor_ids: pd.Series, secret: bytes) -> np.ndarray:
    """A secret key in [0, 1) per actor: the cell-key method's record keys."""
    out = np.empty(len(actor_ids), dtype="float64")
    for i, a in enumerate(actor_ids.astype(str)):
        digest = hashlib.blake2b(a.encode("utf-8"), key=secret[:64], digest_size=8).digest()
        out[i] = int.from_bytes(digest, "big") / 2**64
    return out


def package_secret(package) -> bytes:
    """The key of the cell-key method: from the package's metadata, else from its statements' content.

    A reader without the statements cannot compute it; the same package always gives the same key.
    """
    given = (package.metadata.get("anonymity") or {}).get("secret")
    if given:
        return hashlib.sha256(str(given).encode("utf-8")).digest()
    st = package.statements
    cols = [c for c in ("statement_id", "actor_id", "code", "rating") if c in st.columns]
    h = pd.util.hash_pandas_object(st[cols].astype(str), index=False).to_numpy()
    return hashlib.sha256(h.tobytes()).digest()


@dataclass(frozen=True, eq=False)
class Plan:
    """A package's protection: its counted actors with their units and keys. Made once per package."""

    k: int
    secret: bytes
    bundled_demo: bool
    actors: pd.DataFrame  # actor_id (index) → municipality_id, state, size_class, actor_type, group, units, key
    region_units: pd.DataFrame  # unit → members, n_actors, state, size_class
    actor_units: pd.DataFrame  # unit → members, n_actors, group

    def units(self, family: str) -> pd.DataFrame:
        return self.region_units if family == REGION else self.actor_units

    def unit_of(self, family: str) -> pd.Series:
        """actor_id → unit of the family."""
        return self.actors["region_unit" if family == REGION else "actor_unit"]

    @cached_property
    def unit_values(self) -> dict[str, dict[str, str]]:
        """Per breakdown dimension: unit → the value it is shown under (merged values joined)."""
        out = {}
        for dim in REGION_DIMS:
            col = "unit" if dim == "municipality_id" else dim
            out[dim] = dict(zip(self.region_units.index, self.region_units[col], strict=True))
        for dim in ACTOR_DIMS:
            col = "unit" if dim == "actor_type" else dim
            out[dim] = dict(zip(self.actor_units.index, self.actor_units[col], strict=True))
        return out

    def dimension_units(self, dimension: str) -> pd.Series:
        """actor_id → the value of a breakdown dimension, as units make it (e.g. merged types)."""
        family = family_of(dimension)
        return self.unit_of(family).map(self.unit_values[dimension])

    @cached_property
    def merged(self) -> dict[str, list[tuple[str, ...]]]:
        """Per family, the units that merge several municipalities or types (for the page's note)."""
        return {fam: [tuple(m) for m in self.units(fam)["members"] if len(m) > 1] for fam in (REGION, ACTORS)}


def _joined(values) -> str:
    return UNIT_SEPARATOR.join(dict.fromkeys(str(v) for v in values))


def make_plan(package) -> Plan:
    """Units and keys for a package (see the module docstring)."""
    k = effective_k(package.declared_min_group_size)
    counted_ids = pd.Index(package.statements["actor_id"].dropna().astype(str).unique())
    a = package.actors.astype({"actor_id": str, "municipality_id": str, "actor_type": str})
    a = a[a["actor_id"].isin(counted_ids)]
    mun = package.municipalities.astype({"municipality_id": str, "state": str, "size_class": str})
    mun = mun.set_index("municipality_id")
    types = package.actor_types.astype({"actor_type": str, "group": str}).set_index("actor_type")
    a = a.assign(
        state=a["municipality_id"].map(mun["state"]),
        size_class=a["municipality_id"].map(mun["size_class"]),
        group=a["actor_type"].map(types["group"]),
    ).set_index("actor_id")

    mun_sizes = {m: int(n) for m, n in a.groupby("municipality_id", sort=False).size().items()}
    mun_sizes = {m: mun_sizes[m] for m in mun.index if m in mun_sizes}

    def region_affinity(u, o):
        same_state = len({mun.at[m, "state"] for m in u + o}) == 1
        same_size = len({mun.at[m, "size_class"] for m in u + o}) == 1
        return 2 * same_state + same_size

    type_sizes = {t: int(n) for t, n in a.groupby("actor_type", sort=False).size().items()}
    type_sizes = {t: type_sizes[t] for t in types.index if t in type_sizes}

    def actor_affinity(u, o):
        return int(len({types.at[t, "group"] for t in u + o}) == 1)

    region_units = _units(_merge_small(mun_sizes, k, region_affinity), mun_sizes, mun, ("state", "size_class"))
    actor_units = _units(_merge_small(type_sizes, k, actor_affinity), type_sizes, types, ("group",))
    member_of_region = {m: u for u, ms in region_units["members"].items() for m in ms}
    member_of_type = {t: u for u, ts in actor_units["members"].items() for t in ts}
    a["region_unit"] = a["municipality_id"].map(member_of_region)
    a["actor_unit"] = a["actor_type"].map(member_of_type)
    secret = package_secret(package)
    a["key"] = _actor_keys(a.index.to_series(), secret)
    return Plan(
        k=k,
        secret=secret,
        bundled_demo=_is_bundled_demo(package),
        actors=a,
        region_units=region_units,
        actor_units=actor_units,
    )


def _units(groups: list[list[str]], sizes: dict[str, int], attrs: pd.DataFrame, columns) -> pd.DataFrame:
    rows = []
    for members in groups:
        row = {"unit": _joined(members), "members": tuple(members), N_ACTORS: sum(sizes[m] for m in members)}
        for col in columns:
            row[col] = _joined(attrs.loc[list(members), col])
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["unit", "members", N_ACTORS, *columns])
    return frame.set_index(pd.Index(frame["unit"], name=None))


# --- protected cells -------------------------------------------------------------------------------


def protect_counts(n: np.ndarray, size: np.ndarray, k: int, cell_key: np.ndarray) -> np.ndarray:
    """Protected value of unit cells: ``n`` actors of a unit of ``size`` actors, with the cell's key.

    0 stays 0; 1 … k−1 become k with probability n/k (decided by the cell key), else 0; values above
    ``size − k + 1`` are capped there (never below k): the published value never pins a group of
    fewer than k actors, and "all of them" is never shown.
    """
    n = np.asarray(n, dtype="float64")
    size = np.asarray(size, dtype="float64")
    cap = np.maximum(size - k + 1, k)
    out = np.minimum(n, cap)
    small = (n > 0) & (n < k)
    out[small] = np.where(np.asarray(cell_key)[small] < n[small] / k, k, 0.0)
    return out


def feasible_counts(p: float, size: float, k: int) -> tuple[float, float]:
    """What a reader who knows the rule can infer about a unit cell's true count from its value p."""
    cap = max(size - k + 1, k)
    if p == 0:
        return 0.0, float(min(k - 1, size))
    if p == cap:
        lo = 1.0 if p == k else float(cap)
        return lo, float(size)
    if p == k:
        return 1.0, float(k)
    return float(p), float(p)


def round_mean(values) -> np.ndarray:
    return np.round(np.asarray(values, dtype="float64"), MEAN_DECIMALS)


def round_share(values) -> np.ndarray:
    return np.round(np.asarray(values, dtype="float64"), SHARE_DECIMALS)


# --- counting and rating through the units ---------------------------------------------------------


def _with_units(sel, frame: pd.DataFrame, family: str) -> pd.DataFrame:
    plan = sel.plan
    ids = frame["actor_id"].astype(str).to_numpy()
    unit = plan.unit_of(family)
    return frame.assign(
        actor_id=ids,
        _unit=unit.reindex(ids).to_numpy(),
        _key=plan.actors["key"].reindex(ids).to_numpy(),
    )


def count_actors(
    sel, frame: pd.DataFrame, keys: list[str] | tuple[str, ...] = (), by: str | None = None, family: str | None = None
) -> pd.DataFrame:
    """Protected number of distinct actors in ``frame`` per ``keys`` (what was said) and breakdown ``by``.

    Counted per unit cell, protected there (``protect_counts``), then added up: the same cell always
    contributes the same value, to every table and total it is part of.
    """
    keys = [c for c in keys if c != by]
    family = family or sel.count_family(by)
    out_cols = [*keys, *([by] if by else []), N_ACTORS]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == N_ACTORS else "object") for c in out_cols})
    pairs = frame[["actor_id", *keys]].drop_duplicates()
    pairs = _with_units(sel, pairs, family)
    cells = pairs.groupby([*keys, "_unit"], observed=True, sort=False).agg(n=("actor_id", "size"), ck=("_key", "sum"))
    cells = cells.reset_index()
    sizes = sel.plan.units(family)[N_ACTORS].reindex(cells["_unit"]).to_numpy()
    cells[N_ACTORS] = protect_counts(cells["n"].to_numpy(), sizes, sel.k, cells["ck"].to_numpy() % 1.0)
    if by:
        cells[by] = cells["_unit"].map(sel.plan.unit_values[by])
    group = [*keys, *([by] if by else [])]
    if not group:
        return pd.DataFrame({N_ACTORS: [float(cells[N_ACTORS].sum())]})
    for col in keys:
        if isinstance(cells[col].dtype, pd.CategoricalDtype):
            cells[col] = cells[col].astype(str)
    out = cells.groupby(group, sort=False)[N_ACTORS].sum().reset_index()
    return out[out_cols]


def mean_ratings(
    sel, frame: pd.DataFrame, keys: list[str] | tuple[str, ...] = (), by: str | None = None
) -> pd.DataFrame:
    """Protected mean rating per ``keys`` and breakdown ``by``: a mean of actor means over the units with
    at least k raters who did not all give the same value; rounded to the precision shown.

    For the whole study without breakdown, the remaining units' ratings enter as one pool when the pool
    passes the same rule. ``n_actors`` is the protected number of actors whose ratings entered.
    """
    keys = [c for c in keys if c != by]
    family = sel.count_family(by)
    group = [*keys, *([by] if by else [])]
    out_cols = [*group, "mean_rating", N_ACTORS, SUPPRESSED]
    rated = frame[frame["rating"].notna()] if not frame.empty else frame
    if rated.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="float64" if c in ("mean_rating", N_ACTORS) else "object") for c in out_cols}
        )
    rated = rated.assign(rating=rated["rating"].astype("float64"), _all="")
    rated = rated.assign(**{c: rated[c].astype(str) for c in keys})
    keys_ = [*keys, "_all"]
    per_actor = (
        rated.groupby(["actor_id", *keys_], observed=True, sort=False)["rating"].mean().rename("r").reset_index()
    )
    per_actor = _with_units(sel, per_actor, family)
    cells = (
        per_actor.groupby([*keys_, "_unit"], sort=False)
        .agg(n=("r", "size"), s=("r", "sum"), lo=("r", "min"), hi=("r", "max"), ck=("_key", "sum"))
        .reset_index()
    )
    sizes = sel.plan.units(family)[N_ACTORS].reindex(cells["_unit"]).to_numpy()
    cells["p"] = protect_counts(cells["n"].to_numpy(), sizes, sel.k, cells["ck"].to_numpy() % 1.0)
    cells["ok"] = (cells["n"] >= sel.k) & (cells["hi"] > cells["lo"])
    if by:
        cells[by] = cells["_unit"].map(sel.plan.unit_values[by])
    group_ = [*keys_, *([by] if by else [])]
    everything = cells.groupby(group_, sort=False).size().index
    used = cells[cells["ok"]]
    sums = used.groupby(group_, sort=False)[["s", "n", "p"]].sum().reindex(everything, fill_value=0.0)
    if sel.is_whole_study and not by:
        rest = cells[~cells["ok"]]
        pooled = per_actor.merge(rest[[*keys_, "_unit"]], on=[*keys_, "_unit"])
        pool = pooled.groupby(keys_, sort=False)["r"].agg(["sum", "size", "min", "max"])
        pool = pool.reindex(everything).assign(p=rest.groupby(keys_, sort=False)["p"].sum().reindex(everything))
        take = ((pool["size"] >= sel.k) & (pool["max"] > pool["min"])).to_numpy()
        sums.loc[take, "s"] += pool.loc[take, "sum"].to_numpy()
        sums.loc[take, "n"] += pool.loc[take, "size"].to_numpy()
        sums.loc[take, "p"] += pool.loc[take, "p"].to_numpy()
    sums = sums.reset_index()
    mean = (sums["s"] / sums["n"].where(sums["n"] > 0)).astype("float64")
    sums["mean_rating"] = round_mean(mean)
    sums[SUPPRESSED] = sums["mean_rating"].isna()
    sums[N_ACTORS] = sums["p"].astype("float64").where(~sums[SUPPRESSED], np.nan)
    return sums[out_cols].reset_index(drop=True)


def shares(numerator, denominator) -> np.ndarray:
    """A protected count over a population, rounded to whole percent (NaN where the population is 0)."""
    num = np.asarray(numerator, dtype="float64")
    den = np.asarray(denominator, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        return round_share(np.where(den > 0, np.minimum(num / den, 1.0), np.nan))


def quote_ids(plan: Plan, statement_ids: pd.Series) -> np.ndarray:
    """Keyed pseudonyms for quotes: stable per package, in no relation to statement or actor ids."""
    secret = plan.secret
    return np.array(
        [hashlib.blake2b(s.encode("utf-8"), key=secret, digest_size=6).hexdigest() for s in statement_ids.astype(str)],
        dtype=object,
    )


# --- the bundled demonstration package ---------------------------------------------------------------

# SHA-256 over the tables of the demonstration package in data/study (``package_digest``). Record-level
# downloads exist only for a package with exactly this content: a real package cannot get them by
# calling itself synthetic. ``make demo`` output must match it (tests/test_disclosure.py checks).
DEMO_DIGEST = "b6441c3c1f6fe2b95005a21b631f2691a7f4c7e165c81c57326a58cb44b207ce"
_DEMO_MAX_STATEMENTS = 100_000
_TABLES = ("municipalities", "actor_types", "actors", "codebook", "statements", "findings")


def package_digest(package) -> str:
    """A digest of a package's content, independent of how it was read (CSV, xlsx, zip, Parquet copy)."""
    h = hashlib.sha256()
    for name in _TABLES:
        frame = package.table(name)
        text = frame.astype(object).where(frame.notna(), "").astype(str)
        h.update(name.encode())
        h.update(text.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return h.hexdigest()


def _is_bundled_demo(package) -> bool:
    if not package.synthetic or len(package.statements) > _DEMO_MAX_STATEMENTS:
        return False
    return package_digest(package) == DEMO_DIGEST


def is_bundled_demo(package) -> bool:
    """Whether this is the bundled demonstration package (by content, not by its metadata)."""
    return package.protection.bundled_demo
