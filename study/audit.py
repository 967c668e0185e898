"""The release check (``python -m study audit PATH``): attack a package through the pages' own functions.

Each attack family tries to learn a value about fewer than k actors from what the dashboard publishes,
over the permitted selection space (every single unit and filter value, pairs, and a seeded sample of
larger unions). A finding is a value a reader could recover exactly or within the protection interval
(±1 actor for counts, ±0.5 for mean ratings). The report is German (English on request); the exit code
is 1 if any family found something.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import aggregate, chart_downloads, cooperation, disclosure, evidence
from .anonymity import N_ACTORS, SUPPRESSED
from .package import StudyPackage
from .selection import QUERY_KEYS, Filters, Selection, select

FAMILIES = (
    "rows",
    "differencing",
    "linked",
    "homogeneity",
    "small_groups",
    "precision",
    "quotes",
    "downloads",
)
TITLES = {
    "rows": ("Zeilen und Spalten aus einzelnen Akteuren", "Rows and columns standing for single actors"),
    "differencing": ("Differenzbildung zwischen erlaubten Auswahlen", "Differencing between permitted selections"),
    "linked": ("Verknüpfte Tabellen (Intervallprüfung per LP)", "Linked tables (interval audit by LP)"),
    "homogeneity": ("Homogene Gruppen (alle gleich)", "Homogeneous groups (all alike)"),
    "small_groups": ("Kennzahlen kleiner Gruppen", "Statistics of small groups"),
    "precision": ("Genauigkeit gesendet gegenüber gezeigt", "Precision sent versus shown"),
    "quotes": ("Zitate, die weniger als k Akteuren zuzuordnen sind", "Quotes attributable to fewer than k actors"),
    "downloads": ("Downloads mit Einzeldaten", "Downloads with record-level data"),
}
# Breakdowns the pages offer, by the function that makes them.
BREAKDOWNS = ("group", "actor_type", "municipality_id", "state", "size_class", "method")
EPS = 1e-6


@dataclass
class Result:
    family: str
    checked: int = 0
    found: int = 0
    examples: list[str] = field(default_factory=list)

    def hit(self, example: str) -> None:
        self.found += 1
        if len(self.examples) < 3:
            self.examples.append(example)


@dataclass
class AuditReport:
    package: str
    k: int
    n_selections: int
    results: dict[str, Result]
    seconds: float
    sampled: int | None = None  # statistics sampled for the linear programmes (national scale)

    @property
    def ok(self) -> bool:
        return not any(r.found for r in self.results.values())

    def format(self, lang: str = "de") -> str:
        de = lang != "en"
        head = "Freigabeprüfung (Anonymität)" if de else "Release check (anonymity)"
        lines = [
            f"{head}: {self.package}",
            (f"k = {self.k}, {self.n_selections} erlaubte Auswahlen geprüft, {self.seconds:.1f} s".replace(".", ","))
            if de
            else f"k = {self.k}, {self.n_selections} permitted selections checked, {self.seconds:.1f} s",
        ]
        if self.sampled:
            lines.append(
                f"Stichprobe: {self.sampled} Kennzahlen und ihre kleinen Zellen (großes Paket)"
                if de
                else f"Sample: {self.sampled} statistics and their small cells (large package)"
            )
        lines.append("")
        for fam in FAMILIES:
            r = self.results[fam]
            title = TITLES[fam][0 if de else 1]
            verdict = ("gefunden" if de else "found") if r.found else "ok"
            lines.append(
                f"- {title}: {r.found} {'rückrechenbare Werte' if de else 'recoverable values'} "
                f"({r.checked} {'Prüfungen' if de else 'checks'}) – {verdict}"
            )
            for ex in r.examples:
                lines.append(f"    {'Beispiel' if de else 'Example'}: {ex}")
        lines.append("")
        if self.results["linked"].found:
            lines.append(
                'Hinweis: Mit "anonymity": {"actor_filters": false} in datapackage.json werden Ergebnisse nur '
                "nach Region aufgeschlüsselt; dann entfallen diese Funde."
                if de
                else 'Hint: with "anonymity": {"actor_filters": false} in datapackage.json results are broken '
                "down by region only; these findings then disappear."
            )
        if self.ok:
            lines.append(
                "Ergebnis: bestanden – kein Wert über weniger als k Akteure ist rückrechenbar."
                if de
                else "Result: passed – no value about fewer than k actors can be recovered."
            )
        else:
            lines.append(
                "Ergebnis: NICHT bestanden – das Paket darf so nicht veröffentlicht werden."
                if de
                else "Result: FAILED – the package must not be published like this."
            )
        return "\n".join(lines)


# --- the selection space ---------------------------------------------------------------------------


def permitted_filters(package: StudyPackage, seed: int = 0, sample: int = 20) -> list[Filters]:
    """Filters a user can set: each value of each filter, pairs, and seeded random unions, per family."""
    rng = np.random.default_rng(seed)
    plan = package.protection
    a = plan.actors
    out: list[Filters] = [Filters()]
    for dims in disclosure.FAMILY_DIMS.values():
        for dim in dims:
            values = sorted({str(v) for v in (package.statements["method"] if dim == "method" else a[dim]).dropna()})
            if len(values) > 10 * sample:  # national scale: a seeded sample of the single values
                values = sorted(rng.choice(values, size=10 * sample, replace=False))
            out += [Filters(**{dim: (v,)}) for v in values]
            pairs = list(itertools.combinations(values, 2))
            rng.shuffle(pairs)
            out += [Filters(**{dim: p}) for p in pairs[:sample]]
            for _ in range(sample // 2 if len(values) > 3 else 0):
                size = int(rng.integers(3, len(values)))
                out.append(Filters(**{dim: tuple(sorted(rng.choice(values, size=size, replace=False)))}))
    # Combinations across families are refused by select(); they are in the space a URL can ask for.
    for _ in range(sample // 4):
        mun = str(rng.choice(a["municipality_id"].unique()))
        typ = str(rng.choice(a["actor_type"].unique()))
        out.append(Filters(municipality_id=(mun,), actor_type=(typ,)))
    return list(dict.fromkeys(out))


@dataclass
class Seen:
    """What the checks keep of a selection once it is dropped: its actors as a bit set, its published
    ratings. A selection holds a filtered copy of the statements; at national scale a few hundred of them
    do not fit in memory, so the check builds, examines and drops them one at a time."""

    label: str
    family: str
    bits: np.ndarray  # packed bit per counted actor, in the plan's order
    size: int
    raters: np.ndarray  # published number of raters per partner type (NaN: not shown)
    partner_types: pd.Index  # the order of ``raters``, shared by every selection


def _bits(sel: Selection) -> np.ndarray:
    member = np.zeros(len(sel.plan.actors), dtype=bool)
    member[sel.plan.actors.index.get_indexer(sel.actors["actor_id"].astype(str))] = True
    return np.packbits(member)


def _popcount(bits: np.ndarray) -> int:
    return int(np.bitwise_count(bits).sum())


# --- the families ----------------------------------------------------------------------------------


def _check_rows(sel: Selection, res: Result) -> None:
    """Every published row of a breakdown stands for at least k actors of the selection."""
    for by in BREAKDOWNS:
        frame = aggregate.participants(sel, by)
        if frame.empty:
            continue
        res.checked += 1
        if by == "method":
            continue  # an actor counts for each method: these rows are protected counts, not groups
        units = sel.plan.dimension_units(by).reindex(sel.actors["actor_id"].astype(str))
        sizes = units.value_counts()
        small = sizes[(sizes > 0) & (sizes < sel.k)]
        for value, n in small.items():
            res.hit(f"{_describe(sel)}: {by} = {value} steht für {n} Akteur(e)")


def _check_additivity(sel: Selection, res: Result) -> None:
    """A selection's counts are the sums of its units' counts, so any difference a reader forms is again a
    sum of protected unit cells."""
    if sel.family == disclosure.METHOD:
        return
    family = sel.count_family()
    dim = "municipality_id" if family == disclosure.REGION else "actor_type"
    total = aggregate.code_frequencies(sel).set_index("code")[N_ACTORS]
    cells = disclosure.count_actors(sel, sel.statements, ["code"], by=dim)
    summed = cells.groupby("code")[N_ACTORS].sum()
    res.checked += 1
    gap = (total - summed.reindex(total.index).fillna(0)).abs()
    if (gap > EPS).any():
        res.hit(f"{_describe(sel)}: Summe der Einheiten weicht ab ({gap.idxmax()})")


def _check_differencing(seen: list[Seen], plan: disclosure.Plan, k: int, res: Result) -> None:
    """No two (or three, as a chain) permitted selections of one family differ by 1 … k−1 actors; across
    families no linear combination of published sets isolates a cell of fewer than k actors; nested
    selections do not give away the mean of fewer than k raters."""
    whole = [s for s in seen if s.family == disclosure.ALL]
    for family in (disclosure.REGION, disclosure.ACTORS):
        members = [s for s in seen if s.family == family] + whole
        if not members:
            continue
        bits = np.stack([s.bits for s in members])
        rng = np.random.default_rng(1)
        for i, first in enumerate(members):
            # first minus each later member, and each later member minus first, in one vector operation
            later = bits[i + 1 :]
            if not len(later):
                continue
            ahead = np.bitwise_count(first.bits & ~later).sum(axis=1)
            behind = np.bitwise_count(later & ~first.bits).sum(axis=1)
            res.checked += len(later)
            for j in np.flatnonzero(((ahead > 0) & (ahead < k)) | ((behind > 0) & (behind < k))):
                other = members[i + 1 + j]
                n = ahead[j] if 0 < ahead[j] < k else behind[j]
                res.hit(f"{first.label} gegen {other.label}: Unterschied {n} Akteur(e)")
            for j in np.flatnonzero((ahead == 0) | (behind == 0)):
                other = members[i + 1 + j]
                big, small = (first, other) if ahead[j] > 0 or behind[j] == 0 else (other, first)
                if ahead[j] == 0 and behind[j] == 0:
                    continue  # the same actors: the same published means
                _check_nested_means(big, small, k, res)
        for _ in range(min(200, len(members) ** 2)):
            i, j, m = rng.integers(len(members), size=3)
            chain = _popcount(bits[i] & ~(bits[j] | bits[m]))
            res.checked += 1
            if 0 < chain < k:
                res.hit(f"Kette über drei Auswahlen: {chain} Akteur(e)")
    for cell in [] if plan.single_family else disclosure.isolated_cells(plan):
        res.checked += 1
        res.hit(f"Zelle {cell} lässt sich aus Regions- und Akteursauswahlen herausrechnen")
    res.checked += 1


def _check_nested_means(big: Seen, small: Seen, k: int, res: Result) -> None:
    """Nested selections whose published rater counts differ by 1 … k−1 reveal the others' mean."""
    res.checked += 1
    d = big.raters - small.raters  # NaN where either side is not shown
    for i in np.flatnonzero((d > EPS) & (d < k)):
        res.hit(f"{big.label} gegen {small.label}: Mittelwert von {int(d[i])} Bewerter(n), {big.partner_types[i]}")


def _raters(sel: Selection, partner_types: pd.Index) -> np.ndarray:
    ratings = aggregate.rating_summary(sel, cooperation.SUITABILITY).set_index("partner_type")
    shown = ratings.loc[~ratings[SUPPRESSED].astype(bool), N_ACTORS].astype(float)
    return shown.reindex(partner_types).to_numpy(dtype=float)


def _statistics(sel: Selection) -> list[tuple[str, pd.DataFrame]]:
    """The counted statistics the pages publish by municipality and by type: (name, rows of the statistic)."""
    st = sel.statements
    out = [(f"Code {c}", g) for c, g in st.groupby("code", observed=True)]
    coop = st[(st["category"] == cooperation.COOPERATION) & st["partner_type"].notna() & st["status"].notna()]
    for (p, s), g in coop.groupby(["partner_type", "status"], observed=True):
        out.append((f"Kooperation {p}/{s}", g))
    for m, g in st.groupby("method", observed=True):
        out.append((f"Methode {m}", g))
    return out


def _check_linked(sel: Selection, res: Result, linprog: Callable | None, max_statistics: int | None = None) -> None:
    """Interval audit: from the published counts by municipality units and by type units (the two
    breakdowns of the whole study), can a reader prove that a cell of fewer than k actors (one
    municipality × one type) said something? Solved as a linear programme per cell and statistic."""
    from scipy import sparse

    plan, k = sel.plan, sel.k
    a = plan.actors
    cells = a.groupby(["region_unit", "actor_unit"]).size()
    region = {u: i for i, u in enumerate(plan.region_units.index)}
    actor = {u: i for i, u in enumerate(plan.actor_units.index)}
    n_cells = len(cells)
    rows_r = [region[ru] for ru, _ in cells.index]
    rows_a = [len(region) + actor[au] for _, au in cells.index]
    columns = np.arange(n_cells)
    matrix = sparse.csr_matrix(
        (np.ones(2 * n_cells), (np.concatenate([rows_r, rows_a]), np.concatenate([columns, columns]))),
        shape=(len(region) + len(actor), n_cells),
    )
    stacked = sparse.vstack([matrix, -matrix]).tocsr()
    capacity = cells.to_numpy().astype(float)
    cell_bounds = np.column_stack([np.zeros(n_cells), capacity])
    sizes = np.concatenate([plan.region_units[N_ACTORS].to_numpy(), plan.actor_units[N_ACTORS].to_numpy()])
    small = [j for j in range(n_cells) if capacity[j] < k]
    if max_statistics is not None and len(small) > 20 * max_statistics:  # national scale: a seeded sample
        small = sorted(np.random.default_rng(0).choice(small, 20 * max_statistics, replace=False).tolist())
    region_list, actor_list = list(region), list(actor)
    statistics = _statistics(sel)
    if max_statistics is not None and len(statistics) > max_statistics:
        rng = np.random.default_rng(0)
        statistics = [statistics[i] for i in sorted(rng.choice(len(statistics), max_statistics, replace=False))]
    for name, rows in statistics:
        by_region = disclosure.count_actors(sel, rows, [], by="municipality_id").set_index("municipality_id")
        by_actor = disclosure.count_actors(sel, rows, [], by="actor_type").set_index("actor_type")
        p = np.concatenate(
            [
                by_region[N_ACTORS].reindex(region_list).fillna(0).to_numpy(),
                by_actor[N_ACTORS].reindex(actor_list).fillna(0),
            ]
        )
        bounds = np.array([disclosure.feasible_counts(v, n, k) for v, n in zip(p, sizes, strict=True)])
        lo, hi = bounds[:, 0], bounds[:, 1]
        if linprog is None:
            unit_capacity = matrix @ capacity
            for j in small:
                res.checked += 1
                # The cell can hold nobody if every unit's lower bound fits in the rest of the unit.
                if any(lo[r] > unit_capacity[r] - capacity[j] for r in matrix[:, j].nonzero()[0]):
                    res.hit(f"{name}: Zelle {cells.index[j]} (ohne LP geprüft)")
            continue
        res.checked += len(small)
        if not small or np.all(lo <= 0):  # nobody has to have said it: every cell can be empty at once
            continue
        for j in pinned_cells(linprog, stacked, np.concatenate([hi, -lo]), cell_bounds, small):
            ru, au = cells.index[j]
            res.hit(f"{name}: {ru} × {au} ({int(capacity[j])} Akteur(e)) nennt es nachweislich")


# A statistic with this many provably named small cells fails anyway; the rest is not searched.
PINNED_ENOUGH = 3


def pinned_cells(linprog: Callable, a_ub, b_ub: np.ndarray, bounds: np.ndarray, cells: list[int]) -> list[int]:
    """The cells among `cells` whose minimum over the feasible region {a_ub x <= b_ub, bounds} is above zero.

    Every solution clears each cell it leaves at zero, so instead of one linear programme per cell, the sum
    of the undecided cells is minimised and whatever comes out zero is cleared; only when that clears nothing
    is a single cell's minimum taken. This gives the same answer as one programme per cell with far fewer
    programmes, and stops after PINNED_ENOUGH pinned cells.
    """
    undecided = np.asarray(sorted(cells), dtype=int)
    pinned: list[int] = []
    n = a_ub.shape[1]
    while undecided.size and len(pinned) < PINNED_ENOUGH:
        c = np.zeros(n)
        c[undecided] = 1.0
        out = linprog(c, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
        if out.status != 0:  # infeasible bounds cannot happen for published counts; nothing to prove
            return pinned
        zero = out.x[undecided] <= EPS
        if zero.any():
            undecided = undecided[~zero]
            continue
        # Every undecided cell holds someone in this solution: take the first one's own minimum.
        j = int(undecided[0])
        c = np.zeros(n)
        c[j] = 1.0
        out = linprog(c, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
        if out.status == 0 and out.fun > EPS:
            pinned.append(j)
            undecided = undecided[1:]
        else:
            undecided = undecided[out.x[undecided] > EPS] if out.status == 0 else undecided[1:]
    return pinned


def _check_homogeneity(sel: Selection, res: Result) -> None:
    """No published count proves that all actors of a unit said something; no mean sits at a scale end."""
    if sel.family == disclosure.METHOD:
        return
    family = sel.count_family()
    dim = "municipality_id" if family == disclosure.REGION else "actor_type"
    sizes = sel.plan.units(family)[N_ACTORS]
    cells = disclosure.count_actors(sel, sel.statements, ["code"], by=dim)
    for row in cells.itertuples(index=False):
        n = getattr(row, N_ACTORS)
        size = sizes.get(getattr(row, dim))
        res.checked += 1
        if size is not None and n > 0 and disclosure.feasible_counts(n, size, sel.k)[0] >= size:
            res.hit(f"{_describe(sel)}: alle {int(size)} Akteure von {getattr(row, dim)} nennen {row.code}")
    ratings = aggregate.rating_summary(sel, cooperation.SUITABILITY)
    shown = ratings[~ratings[SUPPRESSED].astype(bool)]
    res.checked += len(shown)
    for row in shown[(shown["mean_rating"] <= 1.0) | (shown["mean_rating"] >= 5.0)].itertuples(index=False):
        res.hit(f"{_describe(sel)}: Mittelwert {row.mean_rating} für {row.partner_type} – alle gleich")


def _published_frames(sel: Selection) -> list[tuple[str, pd.DataFrame]]:
    frames = [
        ("Eignung", aggregate.rating_summary(sel, cooperation.SUITABILITY)),
        ("Codes", aggregate.code_frequencies(sel)),
        ("Kooperation", aggregate.cooperation_status(sel)),
        ("Karte", aggregate.municipality_profiles(sel)),
        ("Instrumente", aggregate.instrument_uptake(sel)),
    ]
    for by in evidence.HEATMAP_DIMENSIONS:
        if sel.allows(by):
            m = evidence.category_matrix(sel, evidence.CHALLENGE, by, basis="rating")
            frames.append((f"Heatmap Bewertung {by}", m.frame.rename(columns={"value": "mean_rating"})))
            m = evidence.category_matrix(sel, evidence.CHALLENGE, by, share="col")
            frames.append((f"Heatmap Anteil {by}", m.frame.rename(columns={"value": "share_actors"})))
    # Each chart's "Daten herunterladen" is the chart's own table: attacked as the screens are.
    return frames + chart_downloads.chart_frames(sel)


def _check_small_groups(sel: Selection, frames: list[tuple[str, pd.DataFrame]], res: Result) -> None:
    """No minimum, maximum or spread is published; every mean stands for at least k actors."""
    banned = {"min_rating", "max_rating", "std_rating"}
    for name, frame in frames:
        res.checked += 1
        if banned & set(frame.columns):
            res.hit(f"{name}: Spalten {sorted(banned & set(frame.columns))}")
        for col in ("mean_rating", "mean_severity"):
            if col in frame and N_ACTORS in frame:
                bad = frame[frame[col].notna() & (frame[N_ACTORS].fillna(0) < sel.k)]
                if len(bad):
                    res.hit(f"{_describe(sel)} {name}: Mittelwert aus {bad[N_ACTORS].iloc[0]} Akteur(en)")


def _check_precision(frames: list[tuple[str, pd.DataFrame]], res: Result) -> None:
    """Values leave ``study`` rounded to what the pages show: means 1 decimal, shares whole percent."""
    digits = {"mean_rating": 1, "mean_severity": 1, "share_actors": 2, "share_existing": 2, N_ACTORS: 0}
    for name, frame in frames:
        for col, d in digits.items():
            if col not in frame:
                continue
            values = pd.to_numeric(frame[col], errors="coerce").dropna().to_numpy()
            res.checked += 1
            off = np.abs(values - np.round(values, d)) > 1e-9
            if off.any():
                res.hit(f"{name}.{col}: {values[off][0]!r} hat mehr als {d} Nachkommastellen")


class _QuoteAttribution:
    """Each quote, over all selections that show it, stays attributed to at least k actors."""

    def __init__(self, plan: disclosure.Plan, k: int):
        self.plan, self.k = plan, k
        self.seen: dict[str, np.ndarray] = {}
        self.groups: dict[str, str] = {}

    def observe(self, sel: Selection, bits: np.ndarray) -> None:
        q = aggregate.quotes(sel)
        for qid, group in zip(q["quote_id"], q["group"], strict=True):
            self.seen[qid] = self.seen[qid] & bits if qid in self.seen else bits
            self.groups[qid] = str(group)

    def finish(self, res: Result) -> None:
        group_of = self.plan.actors["actor_unit"].map(self.plan.actor_units["group"])
        group_bits = {g: np.packbits((group_of == g).to_numpy()) for g in {str(v) for v in group_of.dropna().unique()}}
        empty = np.zeros_like(next(iter(group_bits.values()))) if group_bits else None
        for qid, bits in self.seen.items():
            res.checked += 1
            n = _popcount(bits & group_bits.get(self.groups[qid], empty))
            if n < self.k:
                res.hit(f"Zitat {qid}: zuzuordnen zu {n} Akteur(en)")


def _check_downloads(package: StudyPackage, sel: Selection, res: Result) -> None:
    """Record-level rows only for the bundled demonstration package, whatever the metadata claims."""
    res.checked += 1
    rows = aggregate.statements_export(sel)
    if rows is not None and not disclosure.is_bundled_demo(package):
        res.hit(f"{_describe(sel)}: {len(rows)} Einzelaussagen im Download")


def _describe(sel: Selection) -> str:
    active = sel.filters.active()
    if not active:
        return "ohne Filter"
    return "?" + "&".join(f"{QUERY_KEYS[d]}={','.join(v)}" for d, v in active.items())


# Above this many counted actors the check samples statistics and small cells (national scale).
SAMPLE_ABOVE_ACTORS = 5000
NATIONAL_STATISTICS = 40


def run_audit(
    package: StudyPackage, seed: int = 0, sample: int = 20, use_lp: bool = True, max_statistics: int | None = None
) -> AuditReport:
    """Run every attack family on a package; see the module docstring.

    Selections are built, examined and dropped one at a time; only their actor sets (as bits) and
    published ratings are kept for the checks that compare selections.
    """
    start = time.perf_counter()
    linprog = None
    if use_lp:
        from scipy.optimize import linprog
    plan, k = package.protection, package.min_group_size
    if max_statistics is None and len(plan.actors) > SAMPLE_ABOVE_ACTORS:
        max_statistics = NATIONAL_STATISTICS
    filters = permitted_filters(package, seed=seed, sample=sample)
    # Every published table of a page, for the single filter values and a seeded sample of the rest.
    rng = np.random.default_rng(seed)
    others = [i for i, f in enumerate(filters) if not all(len(v) == 1 for v in f.active().values())]
    tabled = {i for i, f in enumerate(filters) if i not in set(others)}
    tabled |= {others[i] for i in rng.permutation(len(others))[: sample // 2]}
    results = {fam: Result(fam) for fam in FAMILIES}
    quotes = _QuoteAttribution(plan, k)
    seen: list[Seen] = []
    partner_types = pd.Index([str(t) for t in package.actor_types["actor_type"]])
    for i, f in enumerate(filters):
        sel = select(package, f)
        if i < 20:
            _check_downloads(package, sel, results["downloads"])
        if sel.too_small:
            continue
        bits = _bits(sel)
        _check_rows(sel, results["rows"])
        _check_additivity(sel, results["differencing"])
        _check_homogeneity(sel, results["homogeneity"])
        quotes.observe(sel, bits)
        if i in tabled:
            frames = _published_frames(sel)
            _check_small_groups(sel, frames, results["small_groups"])
            _check_precision(frames, results["precision"])
        if sel.family in (disclosure.REGION, disclosure.ACTORS, disclosure.ALL):
            seen.append(
                Seen(_describe(sel), sel.family, bits, len(sel.actors), _raters(sel, partner_types), partner_types)
            )
        del sel
    _check_differencing(seen, plan, k, results["differencing"])
    quotes.finish(results["quotes"])
    whole = select(package, Filters())
    if not whole.too_small and not plan.single_family:
        # Only where both breakdowns of the whole study (by town and by type) are published.
        _check_linked(whole, results["linked"], linprog, max_statistics)
    return AuditReport(
        package.source, package.min_group_size, len(filters), results, time.perf_counter() - start, max_statistics
    )
