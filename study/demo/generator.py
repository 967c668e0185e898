"""Deterministic synthetic demonstration data for the Kooperationsatlas: the generator.

``generate_demo`` writes a Frictionless data package with exactly the structure of the study's package
(``study/contract/datapackage.json``). Every municipality, actor, statement, quote and finding in it is
invented (words in ``vocabulary``, numbers in ``patterns``); the numbers only have plausible patterns so
that the dashboard's charts show structure. The same seed and scale always give byte-identical files.

Two scales: ``"study"`` mirrors the study (10 pseudonymised municipalities, about 120 actors, a few
thousand coded statements) and is shipped in ``data/study/``; ``"national"`` (10,800 municipalities,
100,000 actors, 2,000,000 statements) is a load test for the app. Everything per actor and per statement
is vectorised with numpy; Python loops only run over lookup-table rows or the ten study municipalities.
"""

from __future__ import annotations

import string
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema
from ..geo import random_points_in_state
from ..package import write_package
from . import patterns as pat
from . import vocabulary as voc

__all__ = ["generate_demo", "NATIONAL_SIZES"]

NATIONAL_SIZES = {"municipalities": 10_800, "actors": 100_000, "statements": 2_000_000}

# Fixed so that regenerating with the same seed reproduces the files byte for byte.
CREATED = "2026-11-25T00:00:00Z"

GROUPS = schema.contract().allowed(schema.ACTOR_TYPES, "group")
SIZE_CLASSES = schema.contract().allowed(schema.MUNICIPALITIES, "size_class")
CATEGORIES = schema.CATEGORIES
METHODS = schema.METHODS
STATUSES = schema.STATUSES

# (actor_type, group, label_de, label_en) in the study's order.
ACTOR_TYPES = schema.study_actor_types()
TYPE_IDS = tuple(t[0] for t in ACTOR_TYPES)
T = {t: i for i, t in enumerate(TYPE_IDS)}
TYPE_GROUP = np.array([GROUPS.index(t[1]) for t in ACTOR_TYPES])

CODE_IDS = tuple(c[0] for c in voc.CODEBOOK)
C = {c: i for i, c in enumerate(CODE_IDS)}
CODE_CAT = np.array([CATEGORIES.index(c[1]) for c in voc.CODEBOOK])
CAT_CODES = [np.flatnonzero(np.equal(CODE_CAT, k)) for k in range(len(CATEGORIES))]
MAX_CODES = max(len(x) for x in CAT_CODES)


# --------------------------------------------------------------------------- helpers


def _draw(rng: np.random.Generator, keys: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Categorical draw per element: row ``keys[i]`` of ``table`` holds the weights."""
    u = rng.random(len(keys))
    cum = np.cumsum(np.asarray(table, dtype=float), axis=1)
    last = np.array([np.flatnonzero(row > 0)[-1] if row.any() else 0 for row in table])
    out = np.zeros(len(keys), dtype=np.int64)
    # One searchsorted per distinct table row keeps memory flat at 2 M statements.
    for r in np.unique(keys):
        m = keys == r
        idx = np.searchsorted(cum[r], u[m] * cum[r, -1], side="right")
        out[m] = np.minimum(idx, last[r])
    return out


def _ratings(rng: np.random.Generator, mean: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(rng.normal(mean, pat.RATING_SD)), 1, 5).astype(np.int64)


def _ids(prefix: str, n: int, width: int) -> pa.Array:
    """``prefix`` + zero-padded 1…n; wider than ``width`` only if n needs it."""
    width = max(width, len(str(n)))
    digits = np.arange(1, n + 1).astype(f"U{width}")
    return pa.array(np.strings.add(prefix, np.strings.zfill(digits, width)))


def _take(values, idx: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """Strings ``values[idx]``; null where ``mask`` is True."""
    return pc.take(pa.array(list(values), pa.string()), pa.array(idx, mask=mask))


def _log_uniform(rng: np.random.Generator, lo, hi) -> np.ndarray:
    return np.exp(rng.uniform(np.log(lo), np.log(hi)))


def _population(rng: np.random.Generator, size: np.ndarray, ranges: dict) -> np.ndarray:
    lo = np.array([ranges[s][0] for s in SIZE_CLASSES])[size]
    hi = np.array([ranges[s][1] for s in SIZE_CLASSES])[size]
    pop = _log_uniform(rng, lo, hi)
    # Rounded like published figures; exact counts would help re-identification.
    return (np.rint(pop / 10) * 10).astype(np.int64)


def _engagement(rng, size, thresholds) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Latent engagement → fairtrade_town, council_resolution and their distances to the threshold."""
    z = np.array(pat.SIZE_ENGAGEMENT)[size] + rng.normal(0, 1, len(size))
    fair_score = z + rng.normal(0, 1.0, len(size)) - thresholds[0]
    council_score = z + rng.normal(0, 1.0, len(size)) - thresholds[1]
    return fair_score > 0, council_score > 0, fair_score, council_score


# --------------------------------------------------------------------------- municipalities & actors


_MUNICIPALITY_FIELDS = ("ids", "names", "state", "size", "population", "fair", "council", "lat", "lon", "missing")


def _municipalities(*columns) -> dict:
    """Municipality columns by name; size is an index into SIZE_CLASSES, missing marks unknown coordinates."""
    return dict(zip(_MUNICIPALITY_FIELDS, columns, strict=True))


def _study_municipalities(rng: np.random.Generator) -> dict:
    n = 10
    # City states are left out: a pseudonymised city in Berlin or Hamburg is no pseudonym.
    territorial = [s for s in pat.STATE_WEIGHTS if s not in pat.CITY_STATES]
    states = np.array(rng.choice(territorial, size=n, replace=False))
    size = rng.permutation(np.repeat(np.arange(len(SIZE_CLASSES)), 2))
    population = _population(rng, size, pat.STUDY_POPULATION_RANGE)
    fair, council, fair_score, council_score = _engagement(rng, size, (0.2, 0.5))
    # Ten places should show both values of each flag, or the filters have nothing to do.
    for flag, score in ((fair, fair_score), (council, council_score)):
        if flag.all() or not flag.any():
            flag[np.argmin(np.abs(score))] ^= True
    lat = np.empty(n)
    lon = np.empty(n)
    for i, code in enumerate(states):
        a, b = random_points_in_state(str(code), 1, rng)
        lat[i], lon[i] = a[0], b[0]
    missing = np.zeros(n, dtype=bool)
    missing[rng.integers(n)] = True  # exercises the app's "approximate position" path
    ids = pa.array([f"K{i + 1:02d}" for i in range(n)])
    names = pa.array([f"Kommune {string.ascii_uppercase[i]}" for i in range(n)])
    return _municipalities(ids, names, states, size, population, fair, council, lat, lon, missing)


def _national_municipalities(rng: np.random.Generator, n: int) -> dict:
    codes = list(pat.STATE_WEIGHTS)
    w = np.array([pat.STATE_WEIGHTS[c] for c in codes], dtype=float)
    quota = w / w.sum() * n
    counts = np.floor(quota).astype(int)
    # Largest remainder, ties broken by order, so the counts sum to n exactly.
    counts[np.argsort(-(quota - counts), kind="stable")[: n - counts.sum()]] += 1
    state_idx = rng.permutation(np.repeat(np.arange(len(codes)), counts))
    states = np.array(codes)[state_idx]
    size = _draw(rng, np.zeros(n, dtype=np.int64), np.array([pat.NATIONAL_SIZE_SHARE]))
    size[np.isin(states, pat.CITY_STATES)] = SIZE_CLASSES.index("grossstadt")
    population = _population(rng, size, pat.POPULATION_RANGE)
    fair, council, _, _ = _engagement(rng, size, (1.3, 1.6))
    lat = np.empty(n)
    lon = np.empty(n)
    for k, code in enumerate(codes):
        idx = np.flatnonzero(state_idx == k)
        if len(idx):
            lat[idx], lon[idx] = random_points_in_state(code, len(idx), rng)
    missing = rng.random(n) < pat.NATIONAL_MISSING_COORDS
    width = max(5, len(str(n)))
    return _municipalities(
        _ids("M", n, width), _ids("Kommune ", n, width), states, size, population, fair, council, lat, lon, missing
    )


_GROUP_TYPES = {g: [t for t in TYPE_IDS if ACTOR_TYPES[T[t]][1] == g] for g in GROUPS}


def _study_actor_types(rng: np.random.Generator, mun: dict) -> tuple[np.ndarray, np.ndarray]:
    """Actor (municipality index, type index) for the ten study municipalities.

    Every municipality gets at least three administration actors and one more group
    with three actors, so that k = 3 anonymity leaves something to show; council,
    churches and the like stay at one or two actors so that suppression is visible.
    Every group and actor type occurs somewhere.
    """
    n = len(mun["ids"])
    sizes = [SIZE_CLASSES[s] for s in mun["size"]]
    targets = rng.permutation([11, 11, 11, 12, 12, 12, 12, 13, 13, 13])
    core = ("zivilgesellschaft", "sozialwirtschaft", "kreislaufwirtschaft")
    counts = [dict.fromkeys(GROUPS, 0) for _ in range(n)]
    caps = [{} for _ in range(n)]
    for m in range(n):
        counts[m]["verwaltung"] = 3 + int(rng.random() < 0.3)
        counts[m]["politik"] = 1
        strong = core[_draw(rng, np.zeros(1, np.int64), np.array([[2, 1, 1]]))[0]]
        for g in core:
            counts[m][g] = 3 if g == strong else 1
            caps[m][g] = 4 if g == strong and g == "zivilgesellschaft" else 3
    # The rarer groups are seeded into two municipalities each so none is missing.
    seeded = np.zeros(n, dtype=int)
    for g, _, _ in pat.STUDY_OPTIONAL:
        if g in core:
            continue
        eligible = [m for m in rng.permutation(n) if _optional_allowed(g, sizes[m])]
        for m in sorted(eligible, key=lambda m: seeded[m])[:2]:
            counts[m][g] += 1
            seeded[m] += 1
    for m in range(n):
        options = [o for o in pat.STUDY_OPTIONAL if _optional_allowed(o[0], sizes[m])]
        while sum(counts[m].values()) < targets[m]:
            open_ = [o for o in options if counts[m][o[0]] < caps[m].get(o[0], o[2])]
            w = np.array([[o[1] for o in open_]], dtype=float)
            counts[m][open_[_draw(rng, np.zeros(1, np.int64), w)[0]][0]] += 1

    mun_of, type_of = [], []
    for m in range(n):
        for g in GROUPS:
            c = counts[m][g]
            if not c:
                continue
            weights = dict(pat.STUDY_TYPE_WEIGHTS.get(g, {t: 1 for t in _GROUP_TYPES[g]}))
            if g == "zivilgesellschaft":
                # A Fairtrade Town has a steering group by definition.
                weights["fairtrade_gruppe"] = 50 if mun["fair"][m] else 1
            if g == "verwaltung" and sizes[m] == "landgemeinde":
                weights["nachhaltigkeitsbuero"] = 1
            types = list(weights)
            p = np.array([weights[t] for t in types], dtype=float)
            k = min(c, len(types))
            chosen = list(rng.choice(types, size=k, replace=False, p=p / p.sum()))
            if c > k:
                chosen += list(rng.choice(types, size=c - k, p=p / p.sum()))
            for t in chosen:
                mun_of.append(m)
                type_of.append(T[str(t)])
    mun_of, type_of = np.array(mun_of), np.array(type_of)
    # A type that no draw picked replaces a duplicate of its group.
    for t in range(len(TYPE_IDS)):
        if (type_of == t).any():
            continue
        same_group = TYPE_GROUP[type_of] == TYPE_GROUP[t]
        dup = same_group & (np.bincount(type_of, minlength=len(TYPE_IDS))[type_of] > 1)
        type_of[rng.choice(np.flatnonzero(dup))] = t
    order = np.lexsort((type_of, mun_of))
    return mun_of[order], type_of[order]


def _optional_allowed(group: str, size: str) -> bool:
    # Universities are not found in small towns and villages.
    return not (group == "wissenschaft_bildung" and size in ("kleinstadt", "landgemeinde"))


def _national_actor_types(rng: np.random.Generator, mun: dict, n_actors: int) -> tuple[np.ndarray, np.ndarray]:
    n_mun = len(mun["size"])
    w = np.array(pat.NATIONAL_ACTORS_BY_SIZE, dtype=float)[mun["size"]] * rng.lognormal(0, 0.4, n_mun)
    p = w / w.sum()
    if n_actors >= n_mun:
        counts = 1 + rng.multinomial(n_actors - n_mun, p)
    else:
        counts = rng.multinomial(n_actors, p)
    mun_of = np.repeat(np.arange(n_mun), counts)
    table = np.array([pat.NATIONAL_TYPE_WEIGHTS[t] for t in TYPE_IDS], dtype=float).T
    type_of = _draw(rng, mun["size"][mun_of], table)
    # Within a municipality, actors listed by type as in the study package.
    order = np.lexsort((type_of, mun_of))
    return mun_of[order], type_of[order]


# --------------------------------------------------------------------------- statements


def _category_table() -> np.ndarray:
    """Rows: group * 2 + has_council; more cooperation talk where a resolution exists."""
    rows = []
    for g in GROUPS:
        base = np.array(pat.CATEGORY_WEIGHTS[g], dtype=float)
        for council in (0, 1):
            w = base.copy()
            w[0] *= 1.2 if council else 0.9
            rows.append(w)
    return np.array(rows)


def _code_table() -> np.ndarray:
    """Rows: (category * 5 + size) * 2 + council; columns: position within category."""
    table = np.zeros((len(CATEGORIES) * len(SIZE_CLASSES) * 2, MAX_CODES))
    for k, cat in enumerate(CATEGORIES):
        codes = [CODE_IDS[i] for i in CAT_CODES[k]]
        for s in range(len(SIZE_CLASSES)):
            for council in (0, 1):
                if cat == schema.PROCESS:
                    w = [pat.PROZESS_WEIGHTS[c][0 if council else 1] for c in codes]
                elif cat == schema.CHALLENGE:
                    w = [pat.CHALLENGE_WEIGHTS[c][s] for c in codes]
                else:
                    w = [pat.CODE_WEIGHTS[c] for c in codes]
                table[(k * len(SIZE_CLASSES) + s) * 2 + council, : len(w)] = w
    return table


def _partner_table() -> np.ndarray:
    table = np.full((len(CODE_IDS), len(TYPE_IDS)), pat.PARTNER_BASE_WEIGHT)
    for code, weights in pat.PARTNER_WEIGHTS.items():
        for t, w in weights.items():
            table[C[code], T[t]] += w
    for code in CODE_IDS:
        if voc.CODEBOOK[C[code]][1] in (schema.SUITABILITY, schema.WINNING):
            for t, w in pat.ELIGIBILITY_PARTNERS.items():
                table[C[code], T[t]] += w
    return table


def _status_table() -> np.ndarray:
    """Rows: partner type * 2 + council."""
    rows = []
    for t in TYPE_IDS:
        b, g, w = pat.STATUS[t]
        for council in (0, 1):
            shift = pat.STATUS_SHIFT_COUNCIL[0 if council else 1]
            pb = float(np.clip(b + shift, 0.03, 0.95))
            rest = (1 - pb) / (g + w)
            rows.append((pb, g * rest, w * rest))
    return np.array(rows)


def _contract_articles(text: str) -> str:
    """German merges preposition and article: "bei dem Weltladen" → "beim Weltladen"."""
    # The dative forms in the vocabulary carry the full article so they fit every preposition.
    for long, short in voc.CONTRACTIONS:
        text = text.replace(long, short)
    return text


def _quote_pool() -> tuple[list[str], np.ndarray, np.ndarray]:
    """All formatted quotes, plus lookup[code, variant, template, partner] → pool index.

    Variant: the status for kooperation, positive/negative for eignung, else 0.
    Partner slot len(TYPE_IDS) stands for "no partner". -1 means no quote.
    """
    n_types = len(TYPE_IDS)
    max_t = max(
        max(len(v) for v in voc.KOOP_QUOTES),
        max(len(v) for pair in voc.SUITABILITY_QUOTES.values() for v in pair),
        max(len(v) for v in voc.CODE_QUOTES.values()),
    )
    lookup = np.full((len(CODE_IDS), 3, max_t, n_types + 1), -1, dtype=np.int64)
    n_templates = np.zeros((len(CODE_IDS), 3), dtype=np.int64)
    pool: list[str] = []

    def add(code: str, variant: int, templates, **fmt) -> None:
        n_templates[C[code], variant] = len(templates)
        for j, template in enumerate(templates):
            for p in range(n_types + 1):
                dat = voc.DATIVE[TYPE_IDS[p]] if p < n_types else None
                if "{dat}" in template and dat is None:
                    continue
                lookup[C[code], variant, j, p] = len(pool)
                pool.append(_contract_articles(template.format(dat=dat, **fmt)))

    for code, topic in voc.KOOP_TOPIC.items():
        for s, templates in enumerate(voc.KOOP_QUOTES):
            add(code, s, templates, topic=topic)
    for code, (pos, neg) in voc.SUITABILITY_QUOTES.items():
        add(code, 0, pos)
        add(code, 1, neg)
    for code, templates in voc.CODE_QUOTES.items():
        add(code, 0, templates)
    return pool, lookup, n_templates


def _statements(
    rng: np.random.Generator,
    mun: dict,
    actor_mun: np.ndarray,
    actor_type: np.ndarray,
    n_statements: int,
    quote_share: float,
) -> dict:
    n_actors = len(actor_mun)
    actor_group = TYPE_GROUP[actor_type]
    w = (
        np.array(pat.TALKATIVENESS)[actor_group]
        * np.array(pat.SIZE_TALKATIVENESS)[mun["size"][actor_mun]]
        * rng.gamma(4.0, 0.25, n_actors)
    )
    counts = rng.multinomial(n_statements, w / w.sum())
    actor = np.repeat(np.arange(n_actors), counts)
    n = len(actor)
    m = actor_mun[actor]
    size = mun["size"][m]
    council = mun["council"][m].astype(np.int64)
    group = actor_group[actor]

    category = _draw(rng, group * 2 + council, _category_table())
    pos = _draw(rng, (category * len(SIZE_CLASSES) + size) * 2 + council, _code_table())
    code_of = np.full((len(CATEGORIES), MAX_CODES), -1)
    for k, idx in enumerate(CAT_CODES):
        code_of[k, : len(idx)] = idx
    code = code_of[category, pos]
    method = _draw(rng, np.zeros(n, dtype=np.int64), np.array([pat.METHOD_WEIGHTS]))

    is_koop = category == CATEGORIES.index(schema.COOPERATION)
    is_eig = category == CATEGORIES.index(schema.SUITABILITY)
    is_unt = category == CATEGORIES.index(schema.SUPPORT)
    is_gew = category == CATEGORIES.index(schema.WINNING)
    is_pot = category == CATEGORIES.index(schema.POTENTIAL)
    is_her = category == CATEGORIES.index(schema.CHALLENGE)

    gew_partner = rng.random(n) < pat.GEWINNUNG_PARTNER_SHARE
    has_partner = is_koop | is_eig | is_unt | (is_gew & gew_partner)
    partner = _draw(rng, code, _partner_table())
    partner[~has_partner] = 0

    status = _draw(rng, partner * 2 + council, _status_table())
    status[~is_koop] = 0

    rating = np.zeros(n, dtype=np.int64)
    mean = np.zeros(n)
    mean[is_koop] = np.array(pat.INTENSITY)[status[is_koop]]
    suit = np.array([pat.SUITABILITY[t] for t in TYPE_IDS])
    eig_first = CAT_CODES[CATEGORIES.index(schema.SUITABILITY)][0]
    mean[is_eig] = suit[partner[is_eig], code[is_eig] - eig_first]
    sev = np.zeros(len(CODE_IDS))
    for c, v in pat.SEVERITY.items():
        sev[C[c]] = v
    for c, v in pat.POTENTIAL_RATING.items():
        sev[C[c]] = v
    small = np.isin(size, [SIZE_CLASSES.index("kleinstadt"), SIZE_CLASSES.index("landgemeinde")])
    staff = code == C["her_personalkapazitaet"]
    mean[is_her | is_pot] = sev[code[is_her | is_pot]]
    mean[staff & small] += pat.SMALL_STAFF_SEVERITY_BONUS
    rated_pot = is_pot & (rng.random(n) < pat.POTENTIAL_RATED_SHARE)
    has_rating = is_koop | is_eig | is_her | rated_pot
    rating_all = _ratings(rng, mean)
    rating[has_rating] = rating_all[has_rating]

    # Quotes: fitting the status or rating, never a speaker quoting their own type.
    pool, lookup, n_templates = _quote_pool()
    variant = np.zeros(n, dtype=np.int64)
    variant[is_koop] = status[is_koop]
    variant[is_eig] = np.where(rating[is_eig] >= 4, 0, 1)
    neutral_eig = is_eig & (rating == 3)
    nt = n_templates[code, variant]
    template = np.minimum((rng.random(n) * nt).astype(np.int64), np.maximum(nt - 1, 0))
    slot = np.where(has_partner, partner, len(TYPE_IDS))
    quote_idx = lookup[code, variant, template, slot]
    wants = rng.random(n) < quote_share
    own = has_partner & (partner == actor_type[actor])
    has_quote = wants & (quote_idx >= 0) & ~neutral_eig & ~own

    return {
        "n": n,
        "actor": actor,
        "code": code,
        "method": method,
        "partner": partner,
        "has_partner": has_partner,
        "status": status,
        "is_koop": is_koop,
        "rating": rating,
        "has_rating": has_rating,
        "quote_idx": np.where(has_quote, quote_idx, 0),
        "has_quote": has_quote,
        "pool": pool,
    }


def _fixed_decimals(values: np.ndarray, missing: np.ndarray, decimals: int) -> pa.Array:
    return pa.array(np.round(values, decimals), mask=missing)


def _package_descriptor(scale: str, seed: int, columns: dict[str, list[str]]) -> dict:
    contract = schema.contract_descriptor()
    for res in contract["resources"]:
        names = [f["name"] for f in res["schema"]["fields"]]
        if names != columns[res["name"]]:  # pragma: no cover - guards contract drift
            raise RuntimeError(f"contract changed for {res['name']}: {names}")
    meta = {
        "title": voc.TITLE,
        "description": voc.DESCRIPTION.format(scale=scale, seed=seed),
        "version": contract.get("version", "1.0.0"),
        "created": CREATED,
        "synthetic": True,
        "anonymity": {"min_group_size": 3},
        "licenses": [
            {
                "name": "CC0-1.0",
                "title": voc.LICENSE_TITLE,
                "path": "https://creativecommons.org/publicdomain/zero/1.0/",
            }
        ],
        "sources": [
            {"title": voc.SOURCE_TITLE},
            {"title": voc.GEODATA_TITLE, "path": "https://www.bkg.bund.de"},
        ],
        "contributors": [{"title": voc.CONTACT_TITLE, "email": "studienteam@example.org", "role": "contact"}],
        "x-demo": {"generator": "study.demo.generate_demo", "scale": scale, "seed": seed},
    }
    out = {k: contract[k] for k in ("name", "profile") if k in contract}
    out.update(meta)
    for k, val in contract.items():
        if k not in out and k != "resources":
            out[k] = val
    out["resources"] = contract["resources"]
    return out


# --------------------------------------------------------------------------- API


def generate_demo(
    outdir,
    seed: int = 20261125,
    scale: str = "study",
    *,
    sizes: dict | None = None,
) -> Path:
    """Write a synthetic demonstration data package into ``outdir`` and return it.

    Writes the six CSV resources of the contract and a ``datapackage.json`` marked
    ``"synthetic": true``. ``scale`` is ``"study"`` (10 municipalities, ~120 actors,
    ~3,000 statements) or ``"national"`` (``NATIONAL_SIZES``); for ``"national"``,
    ``sizes`` may override ``municipalities``, ``actors`` and ``statements``.
    The output depends only on ``seed``, ``scale`` and ``sizes``.
    """
    if scale not in pat.QUOTE_SHARE:
        raise ValueError(f"scale must be 'study' or 'national', not {scale!r}")
    if sizes is not None:
        if scale != "national":
            raise ValueError("sizes only applies to scale='national'")
        unknown = set(sizes) - set(NATIONAL_SIZES)
        if unknown:
            raise ValueError(f"unknown sizes: {sorted(unknown)}")
    counts = {**NATIONAL_SIZES, **(sizes or {})}
    if any(int(v) < 1 for v in counts.values()):
        raise ValueError("sizes must be positive")

    rng = np.random.default_rng(seed)
    if scale == "study":
        mun = _study_municipalities(rng)
        actor_mun, actor_type = _study_actor_types(rng, mun)
        n_statements = int(rng.integers(2700, 3300))
        actor_width = 3
    else:
        mun = _national_municipalities(rng, int(counts["municipalities"]))
        actor_mun, actor_type = _national_actor_types(rng, mun, int(counts["actors"]))
        n_statements = int(counts["statements"])
        actor_width = 6
    st = _statements(rng, mun, actor_mun, actor_type, n_statements, pat.QUOTE_SHARE[scale])

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    mun_ids = mun["ids"]
    actor_ids = _ids("A", len(actor_mun), actor_width)

    tables: dict[str, dict[str, pa.Array]] = {
        "municipalities": {
            "municipality_id": mun_ids,
            "name": mun["names"],
            "state": pa.array(mun["state"].astype(str)),
            "size_class": _take(SIZE_CLASSES, mun["size"]),
            "population": pa.array(mun["population"]),
            "lat": _fixed_decimals(mun["lat"], mun["missing"], 4),
            "lon": _fixed_decimals(mun["lon"], mun["missing"], 4),
            "fairtrade_town": pa.array(mun["fair"]),
            "council_resolution": pa.array(mun["council"]),
        },
        "actor_types": {
            "actor_type": pa.array(TYPE_IDS),
            "group": pa.array([t[1] for t in ACTOR_TYPES]),
            "label_de": pa.array([t[2] for t in ACTOR_TYPES]),
            "label_en": pa.array([t[3] for t in ACTOR_TYPES]),
        },
        "actors": {
            "actor_id": actor_ids,
            "municipality_id": pc.take(mun_ids, pa.array(actor_mun)),
            "actor_type": _take(TYPE_IDS, actor_type),
        },
        "codebook": {
            "code": pa.array(CODE_IDS),
            "category": pa.array([c[1] for c in voc.CODEBOOK]),
            "research_question": pa.array([schema.RESEARCH_QUESTION[c[1]] for c in voc.CODEBOOK], pa.int64()),
            "label_de": pa.array([c[2] for c in voc.CODEBOOK]),
            "label_en": pa.array([c[3] for c in voc.CODEBOOK]),
            "description_de": pa.array([c[4] for c in voc.CODEBOOK]),
        },
        "statements": {
            "statement_id": _ids("S", st["n"], 5),
            "actor_id": pc.take(actor_ids, pa.array(st["actor"])),
            "code": _take(CODE_IDS, st["code"]),
            "method": _take(METHODS, st["method"]),
            "partner_type": _take(TYPE_IDS, st["partner"], ~st["has_partner"]),
            "status": _take(STATUSES, st["status"], ~st["is_koop"]),
            "rating": pa.array(st["rating"], mask=~st["has_rating"]),
            "quote": _take(st["pool"], st["quote_idx"], ~st["has_quote"]),
        },
        "findings": {
            "finding_id": pa.array([f"F{i + 1:02d}" for i in range(len(voc.FINDINGS))]),
            "research_question": pa.array([f[0] for f in voc.FINDINGS], pa.int64()),
            "title_de": pa.array([f[2] for f in voc.FINDINGS]),
            "text_de": pa.array([f[3] for f in voc.FINDINGS]),
            "title_en": pa.array([f[4] for f in voc.FINDINGS]),
            "text_en": pa.array([f[5] for f in voc.FINDINGS]),
            "view": pa.array([f[1] for f in voc.FINDINGS]),
        },
    }
    write_package(outdir, _package_descriptor(scale, seed, {k: list(c) for k, c in tables.items()}), tables)
    return outdir
