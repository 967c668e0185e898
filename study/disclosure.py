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

from . import schema
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


def _merge_small(sizes: dict[str, int], k: int, buckets: list[list[str]]) -> list[list[str]]:
    """Global recoding: merge units smaller than k, first within their closest bucket, then further out.

    ``buckets`` are nested groupings of the keys from closest to widest (e.g. state × size class, state,
    size class); within a bucket the smallest units are merged together until each has k, and a unit
    still small goes on to the next bucket; what is left at the end joins the smallest unit overall.
    """
    units: dict[str, list[str]] = {m: [m] for m in sizes}
    total = dict(sizes)
    unit_of = {m: m for m in sizes}
    for bucket_of in buckets:
        groups: dict[str, list[str]] = {}
        for u in units:
            groups.setdefault(bucket_of(units[u][0]), []).append(u)
        for members in groups.values():
            small = sorted((u for u in members if total[u] < k), key=lambda u: (total[u], u))
            if not small:
                continue
            large = sorted((u for u in members if total[u] >= k), key=lambda u: (total[u], u))
            while small:
                head = small.pop(0)
                if total[head] >= k:
                    continue
                if small:
                    other = small.pop(0)
                elif large:
                    other = large.pop(0)
                else:
                    break
                units[head] += units.pop(other)
                total[head] += total.pop(other)
                for m in units[head]:
                    unit_of[m] = head
                if total[head] < k:
                    small.insert(0, head)
                    small.sort(key=lambda u: (total[u], u))
    while len(units) > 1 and any(total[u] < k for u in units):
        head = min((u for u in units if total[u] < k), key=lambda u: (total[u], u))
        other = min((u for u in units if u != head), key=lambda u: (total[u], u))
        units[head] += units.pop(other)
        total[head] += total.pop(other)
    position = {m: i for i, m in enumerate(sizes)}
    merged = [sorted(ms, key=position.__getitem__) for ms in units.values()]
    return sorted(merged, key=lambda ms: position[ms[0]])  # units in the package's order of their first member


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
    h = pd.util.hash_pandas_object(st[cols], index=False).to_numpy()
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
    _package: object = None

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
        return self._dimension_units[dimension]

    @cached_property
    def _dimension_units(self) -> dict[str, pd.Series]:
        return {dim: self.unit_of(family_of(dim)).map(self.unit_values[dim]) for dim in (*REGION_DIMS, *ACTOR_DIMS)}

    @cached_property
    def single_family(self) -> bool:
        """Whether the actor family is switched off: by the package (``"anonymity": {"actor_filters":
        false}``, what the release check advises when it finds linked-table disclosures), or because a
        town minus a type would isolate a small cell."""
        declared = (self._package.metadata.get("anonymity") or {}).get("actor_filters", True)
        return declared is False or bool(isolated_cells(self))

    @cached_property
    def index(self) -> _Index:
        return _index(self, self._package)

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

    state, size = mun["state"].to_dict(), mun["size_class"].to_dict()
    region_buckets = [lambda m: (state[m], size[m]), lambda m: state[m], lambda m: size[m]]

    type_sizes = {t: int(n) for t, n in a.groupby("actor_type", sort=False).size().items()}
    type_sizes = {t: type_sizes[t] for t in types.index if t in type_sizes}

    group = types["group"].to_dict()
    actor_buckets = [lambda t: group[t]]

    region_units = _units(_merge_small(mun_sizes, k, region_buckets), mun_sizes, mun, ("state", "size_class"))
    actor_units = _units(_merge_small(type_sizes, k, actor_buckets), type_sizes, types, ("group",))
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
        _package=package,
        actors=a,
        region_units=region_units,
        actor_units=actor_units,
    )


def _units(groups: list[list[str]], sizes: dict[str, int], attrs: pd.DataFrame, columns) -> pd.DataFrame:
    values = {col: attrs[col].astype(str).to_dict() for col in columns}
    rows = []
    for members in groups:
        row = {"unit": _joined(members), "members": tuple(members), N_ACTORS: sum(sizes[m] for m in members)}
        for col in columns:
            row[col] = _joined(values[col][m] for m in members)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["unit", "members", N_ACTORS, *columns])
    return frame.set_index(pd.Index(frame["unit"], name=None))


def isolated_cells(plan: Plan) -> list[tuple[str, str]]:
    """Cells (municipality unit × type unit) of fewer than k actors that a linear combination of regional
    and actor selections isolates: e.g. a town minus a type found only there. Empty for most packages;
    where not, the actor family is switched off (``Plan.single_family``).

    Selections are sums of unit indicators; a cell's indicator is such a sum exactly when the cell is a
    bridge of the bipartite graph of region units and type units (it lies on no cycle), so bridges are
    found by depth-first search instead of solving the linear system.
    """
    cells = plan.actors.groupby(["region_unit", "actor_unit"]).size()
    if cells.empty:
        return []
    nodes: dict[tuple[str, str], int] = {}
    edges = []
    for ru, au in cells.index:
        a = nodes.setdefault(("r", ru), len(nodes))
        b = nodes.setdefault(("a", au), len(nodes))
        edges.append((a, b))
    bridges = _bridges(len(nodes), edges)
    sizes = cells.to_numpy()
    return [tuple(cells.index[j]) for j in sorted(bridges) if sizes[j] < plan.k]


def _bridges(n: int, edges: list[tuple[int, int]]) -> set[int]:
    """Indices of the bridge edges of an undirected graph (iterative Tarjan, low-link values)."""
    adjacency: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for j, (a, b) in enumerate(edges):
        adjacency[a].append((b, j))
        adjacency[b].append((a, j))
    order = [-1] * n
    low = [0] * n
    out: set[int] = set()
    counter = 0
    for root in range(n):
        if order[root] != -1:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack = [(root, -1, iter(adjacency[root]))]
        while stack:
            node, via, it = stack[-1]
            advanced = False
            for nxt, j in it:
                if j == via:
                    continue
                if order[nxt] == -1:
                    order[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append((nxt, j, iter(adjacency[nxt])))
                    advanced = True
                    break
                low[node] = min(low[node], order[nxt])
            if advanced:
                continue
            stack.pop()
            if stack:
                parent = stack[-1][0]
                low[parent] = min(low[parent], low[node])
                if low[node] > order[parent]:
                    out.add(via)
    return out


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
# Both run on integer codes with numpy (np.unique, bincount): a page calls them a dozen times per
# selection and the release check thousands of times.


@dataclass(frozen=True, eq=False)
class _Index:
    """Per family: each package actor's unit position (-1: no statement) and key, and the units' values."""

    actor_ids: pd.Index
    unit_pos: dict[str, np.ndarray]
    sizes: dict[str, np.ndarray]
    key: np.ndarray


def _index(plan: Plan, package) -> _Index:
    ids = pd.Index(package.statements["actor_id"].cat.categories.astype(str))
    pos, sizes = {}, {}
    for family in (REGION, ACTORS):
        units = plan.units(family)
        where = pd.Index(units.index)
        unit = plan.unit_of(family).reindex(ids)
        pos[family] = where.get_indexer(unit.fillna("").to_numpy()).astype("int64")
        sizes[family] = units[N_ACTORS].to_numpy().astype("float64")
    key = plan.actors["key"].reindex(ids).fillna(0.0).to_numpy()
    return _Index(ids, pos, sizes, key)


def _actor_positions(sel, column: pd.Series) -> np.ndarray:
    index = sel.plan.index
    if isinstance(column.dtype, pd.CategoricalDtype) and column.cat.categories.equals(index.actor_ids):
        return column.cat.codes.to_numpy().astype("int64")
    return index.actor_ids.get_indexer(column.astype(str).to_numpy()).astype("int64")


def _factorize(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy().astype("int64"), np.asarray(column.cat.categories.astype(str), dtype=object)
    codes, uniques = pd.factorize(column.astype(str), sort=False)
    return codes.astype("int64"), np.asarray(uniques, dtype=object)


def _cells(sel, frame: pd.DataFrame, keys: list[str], family: str):
    """Distinct (actor, keys) pairs grouped into (keys, unit) cells: combo code, unit, n, key sum, pair index."""
    index = sel.plan.index
    actor = _actor_positions(sel, frame["actor_id"])
    combo = np.zeros(len(frame), dtype="int64")
    decode = []
    for col in keys:
        codes, cats = _factorize(frame[col])
        combo = combo * (len(cats) + 1) + (codes + 1)
        decode.append((col, cats))
    n_actors = len(index.actor_ids)
    unit = index.unit_pos[family][np.clip(actor, 0, None)]
    valid = (actor >= 0) & (unit >= 0)
    return actor, combo, unit, valid, decode, n_actors


def _decode(combo: np.ndarray, decode: list) -> dict[str, np.ndarray]:
    out = {}
    rest = combo.copy()
    for col, cats in reversed(decode):
        base = len(cats) + 1
        out[col] = cats[(rest % base) - 1]
        rest //= base
    return out


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
    index = sel.plan.index
    actor, combo, unit, valid, decode, n_actors = _cells(sel, frame, keys, family)
    if keys:
        valid &= np.all([frame[c].notna().to_numpy() for c in keys], axis=0)
    pairs = np.unique(combo[valid] * n_actors + actor[valid])
    p_actor, p_combo = pairs % n_actors, pairs // n_actors
    n_units = len(index.sizes[family])
    p_unit = index.unit_pos[family][p_actor]
    cell, inverse = np.unique(p_combo * n_units + p_unit, return_inverse=True)
    n = np.bincount(inverse).astype("float64")
    ck = np.bincount(inverse, weights=index.key[p_actor]) % 1.0
    c_unit, c_combo = cell % n_units, cell // n_units
    value = protect_counts(n, index.sizes[family][c_unit], sel.k, ck)
    units = sel.plan.units(family).index
    if by:
        labels = np.asarray([sel.plan.unit_values[by][u] for u in units], dtype=object)[c_unit]
        lab_codes, lab_uniques = pd.factorize(labels, sort=False)
        group = c_combo * (len(lab_uniques) + 1) + lab_codes
    else:
        group = c_combo
    out_group, inv = np.unique(group, return_inverse=True)
    total = np.bincount(inv, weights=value)
    data = {}
    if by:
        data_combo = out_group // (len(lab_uniques) + 1)
        data.update(_decode(data_combo, decode))
        data[by] = np.asarray(lab_uniques, dtype=object)[out_group % (len(lab_uniques) + 1)]
    else:
        data.update(_decode(out_group, decode))
    data[N_ACTORS] = total
    return pd.DataFrame(data, columns=out_cols)


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
    group_cols = [*keys, *([by] if by else [])]
    out_cols = [*group_cols, "mean_rating", N_ACTORS, SUPPRESSED]
    empty = pd.DataFrame(
        {c: pd.Series(dtype="float64" if c in ("mean_rating", N_ACTORS) else "object") for c in out_cols}
    )
    if frame.empty:
        return empty
    rated = frame[frame["rating"].notna()]
    if rated.empty:
        return empty
    index = sel.plan.index
    actor, combo, unit, valid, decode, n_actors = _cells(sel, rated, keys, family)
    if keys:
        valid &= np.all([rated[c].notna().to_numpy() for c in keys], axis=0)
    rating = rated["rating"].to_numpy(dtype="float64", na_value=np.nan)
    pair_key = combo[valid] * n_actors + actor[valid]
    pairs, inv = np.unique(pair_key, return_inverse=True)
    r = np.bincount(inv, weights=rating[valid]) / np.bincount(inv)  # each actor's mean
    p_actor, p_combo = pairs % n_actors, pairs // n_actors
    n_units = len(index.sizes[family])
    p_unit = index.unit_pos[family][p_actor]
    cell, cinv = np.unique(p_combo * n_units + p_unit, return_inverse=True)
    n = np.bincount(cinv).astype("float64")
    s = np.bincount(cinv, weights=r)
    lo = np.full(len(cell), np.inf)
    hi = np.full(len(cell), -np.inf)
    np.minimum.at(lo, cinv, r)
    np.maximum.at(hi, cinv, r)
    ck = np.bincount(cinv, weights=index.key[p_actor]) % 1.0
    c_unit, c_combo = cell % n_units, cell // n_units
    p = protect_counts(n, index.sizes[family][c_unit], sel.k, ck)
    ok = (n >= sel.k) & (hi > lo)
    units = sel.plan.units(family).index
    if by:
        labels = np.asarray([sel.plan.unit_values[by][u] for u in units], dtype=object)[c_unit]
        lab_codes, lab_uniques = pd.factorize(labels, sort=False)
        base = len(lab_uniques) + 1
        group = c_combo * base + lab_codes
    else:
        group = c_combo
    out_group, ginv = np.unique(group, return_inverse=True)
    m = len(out_group)
    S = np.bincount(ginv, weights=np.where(ok, s, 0.0), minlength=m)
    N = np.bincount(ginv, weights=np.where(ok, n, 0.0), minlength=m)
    P = np.bincount(ginv, weights=np.where(ok, p, 0.0), minlength=m)
    if sel.is_whole_study and not by:
        # The units left out form one pool per group; it enters if it passes the same rule.
        rest = ~ok[cinv]  # per actor: is its cell left out?
        a_group = ginv[cinv]
        pn = np.bincount(a_group, weights=rest.astype(float), minlength=m)
        ps = np.bincount(a_group, weights=np.where(rest, r, 0.0), minlength=m)
        plo = np.full(m, np.inf)
        phi = np.full(m, -np.inf)
        np.minimum.at(plo, a_group[rest], r[rest])
        np.maximum.at(phi, a_group[rest], r[rest])
        pp = np.bincount(ginv, weights=np.where(ok, 0.0, p), minlength=m)
        take = (pn >= sel.k) & (phi > plo) & (pp >= sel.k)
        S, N, P = S + np.where(take, ps, 0), N + np.where(take, pn, 0), P + np.where(take, pp, 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = round_mean(np.where(N > 0, S / np.where(N > 0, N, 1), np.nan))
    data = {}
    if by:
        data.update(_decode(out_group // base, decode))
        data[by] = np.asarray(lab_uniques, dtype=object)[out_group % base]
    else:
        data.update(_decode(out_group, decode))
    suppressed = np.isnan(mean)
    data["mean_rating"] = mean
    data[N_ACTORS] = np.where(suppressed, np.nan, P)
    data[SUPPRESSED] = suppressed
    return pd.DataFrame(data, columns=out_cols)


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
_TABLES = (
    schema.MUNICIPALITIES,
    schema.ACTOR_TYPES,
    schema.ACTORS,
    schema.CODEBOOK,
    schema.STATEMENTS,
    schema.FINDINGS,
)


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
