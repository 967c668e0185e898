"""Kooperationskompass: which participating municipalities resemble a municipality's profile, and which
actor types it should approach first, with the study's evidence for each.

Pure functions over a ``Selection``; nothing here knows a particular municipality, actor type or code:
actor types come from the package's ``actor_types`` table, challenges and support forms from its codebook
categories. Every number that leaves this module comes from ``study.disclosure`` (protected counts,
protected means); a withheld mean is ``None`` (shown as "< k").

Similarity (``similar_municipalities``) adds points per matching criterion (``SIMILARITY_POINTS``):
size class (same, or next on the municipal scale), region (same state, neighbouring state, or same part
of Germany; only the best of the three counts) and the two instruments (council resolution and
Fairtrade-Town status, each the same as in the profile).

The partner score (``recommend``) is the sum of four parts, each a value between 0 and 1 times its
weight in points (``WEIGHTS``, 100 points in all):

* ``eignung``: the mean suitability rating of the type as a partner (1 → 0, 5 → 1);
* ``kooperation``: the share of the selection's municipalities in which cooperation with the type
  exists (counting 1) or is only planned / wished for (counting ``WISHED_ONLY_FACTOR``);
* ``herausforderung``: the share of the profile's challenges linked to the type (see ``challenge_links``);
* ``unterstuetzung``: the share of the codebook's support forms the type is named as offering.

A part whose evidence is withheld (fewer than k actors) or missing counts 0. Without challenges in the
profile the challenge part drops out and the other three are scaled to 100 points (``profile_weights``). Types that exist locally
are ranked as partners to approach; the others, ranked the same way, as partners to build up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from . import aggregate, geo
from . import disclosure as dc
from .anonymity import N_ACTORS, SUPPRESSED
from .schema import (
    CHALLENGE,
    COOPERATION,
    EXISTING,
    MUNICIPALITIES,
    PLANNED,
    PROCESS,
    SUITABILITY,
    SUPPORT,
    WINNING,
    WISHED,
    contract,
)
from .selection import Filters, Selection

WISHED_STATUSES = (PLANNED, WISHED)

# Points of the partner score, in the order the parts are shown.
WEIGHTS: dict[str, float] = {SUITABILITY: 40.0, COOPERATION: 25.0, CHALLENGE: 20.0, SUPPORT: 15.0}
RATING_MIN, RATING_MAX = 1.0, 5.0
# In the cooperation part a municipality with existing cooperation counts fully, one where it is only
# planned or wished for counts this much.
WISHED_ONLY_FACTOR = 0.5

# Points per similarity criterion; of the region criteria only the best counts.
SIMILARITY_POINTS: dict[str, int] = {
    "same_size": 3,
    "near_size": 1,
    "same_state": 3,
    "neighbour_state": 2,
    "same_part": 1,
    "council_resolution": 1,
    "fairtrade_town": 1,
}
INSTRUMENTS = ("council_resolution", "fairtrade_town")

# Municipal size classes from large to small; "next on the scale" means adjacent here. Classes not in
# this scale (e.g. districts, "landkreis") are only similar to themselves.
SIZE_SCALE = ("grossstadt", "mittelstadt", "kleinstadt", "landgemeinde")

QUOTES_PER_TYPE = 2
# Quotes about a partner type, preferred in this order of their code's category.
QUOTE_CATEGORIES = (SUITABILITY, SUPPORT, COOPERATION, WINNING)


@dataclass(frozen=True)
class Profile:
    """A municipality as described by its user: where, how large, who is there, what is hard."""

    state: str | None = None
    size_class: str | None = None
    actor_types: tuple[str, ...] = ()
    challenges: tuple[str, ...] = ()
    # None: not given (an unticked box is not a "no"); only given answers count as shared criteria.
    council_resolution: bool | None = None
    fairtrade_town: bool | None = None


# Profile field → query-string key; "k_" keeps them apart from the shared filters' keys.
QUERY_KEYS = {
    "state": "k_land",
    "size_class": "k_groesse",
    "actor_types": "k_typ",
    "challenges": "k_herausf",
    "council_resolution": "k_rat",
    "fairtrade_town": "k_ftt",
}
_TRUE = ("1", "true", "ja", "yes")
_FALSE = ("0", "false", "nein", "no")


def _answer(value: str | None) -> bool | None:
    """A yes/no answer from the query string; anything else is "not given"."""
    text = (value or "").lower()
    return True if text in _TRUE else False if text in _FALSE else None


def _values(raw) -> list[str]:
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    return [v.strip() for item in items for v in str(item).split(",") if v.strip()]


def profile_from_query(query: Mapping[str, object], package) -> Profile:
    """Read a profile from a query mapping (values as str or list, lists also comma-separated);
    unknown values are dropped, so a hand-edited link cannot break the page."""
    k = QUERY_KEYS

    def first(key):
        values = _values(query.get(key))
        return values[0] if values else None

    return clean_profile(
        Profile(
            state=first(k["state"]),
            size_class=first(k["size_class"]),
            actor_types=tuple(_values(query.get(k["actor_types"]))),
            challenges=tuple(_values(query.get(k["challenges"]))),
            council_resolution=_answer(first(k["council_resolution"])),
            fairtrade_town=_answer(first(k["fairtrade_town"])),
        ),
        package,
    )


def profile_to_query(profile: Profile) -> dict[str, list[str]]:
    """The query-string form of a profile (only what is set)."""
    k = QUERY_KEYS
    out: dict[str, list[str]] = {}
    if profile.state:
        out[k["state"]] = [profile.state]
    if profile.size_class:
        out[k["size_class"]] = [profile.size_class]
    if profile.actor_types:
        out[k["actor_types"]] = list(profile.actor_types)
    if profile.challenges:
        out[k["challenges"]] = list(profile.challenges)
    for name in INSTRUMENTS:
        answer = getattr(profile, name)
        if answer is not None:
            out[k[name]] = ["1" if answer else "0"]
    return out


def part_of_germany(state: str | None) -> str | None:
    for part, states in geo.PARTS_OF_GERMANY.items():
        if state in states:
            return part
    return None


def profile_options(package) -> dict[str, tuple[str, ...]]:
    """What the profile form offers: every state and size class of the contract, the package's actor
    types and its challenge codes (codebook category ``herausforderung``), in the package's order."""
    cb = package.codebook
    return {
        "state": contract().allowed(MUNICIPALITIES, "state"),
        "size_class": contract().allowed(MUNICIPALITIES, "size_class"),
        "actor_types": tuple(str(v) for v in package.actor_types["actor_type"]),
        "challenges": tuple(str(c) for c in cb.loc[cb["category"] == CHALLENGE, "code"]),
    }


def clean_profile(profile: Profile, package) -> Profile:
    """The profile without values the package or contract does not know (e.g. from an edited link)."""
    opts = profile_options(package)
    return replace(
        profile,
        state=profile.state if profile.state in opts["state"] else None,
        size_class=profile.size_class if profile.size_class in opts["size_class"] else None,
        actor_types=tuple(v for v in dict.fromkeys(profile.actor_types) if v in opts["actor_types"]),
        challenges=tuple(v for v in dict.fromkeys(profile.challenges) if v in opts["challenges"]),
    )


# --- similar municipalities ------------------------------------------------------------------------


def _size_distance(a: str, b: str) -> int | None:
    if a in SIZE_SCALE and b in SIZE_SCALE:
        return abs(SIZE_SCALE.index(a) - SIZE_SCALE.index(b))
    return None


def similarity_criteria(profile: Profile, state: str, size_class: str, council: bool, fairtrade: bool) -> tuple:
    """The criteria (keys of ``SIMILARITY_POINTS``) a municipality with these attributes shares with the profile."""
    found = []
    if profile.size_class is not None:
        if size_class == profile.size_class:
            found.append("same_size")
        elif _size_distance(size_class, profile.size_class) == 1:
            found.append("near_size")
    if profile.state is not None:
        if state == profile.state:
            found.append("same_state")
        elif state in geo.NEIGHBOURS.get(profile.state, ()):
            found.append("neighbour_state")
        elif part_of_germany(state) is not None and part_of_germany(state) == part_of_germany(profile.state):
            found.append("same_part")
    if profile.council_resolution is not None and bool(council) == profile.council_resolution:
        found.append("council_resolution")
    if profile.fairtrade_town is not None and bool(fairtrade) == profile.fairtrade_town:
        found.append("fairtrade_town")
    return tuple(found)


def max_similarity(profile: Profile) -> int:
    """The most points a municipality can get for this profile (criteria left open give none)."""
    points = sum(SIMILARITY_POINTS[name] for name in INSTRUMENTS if getattr(profile, name) is not None)
    if profile.size_class is not None:
        points += SIMILARITY_POINTS["same_size"]
    if profile.state is not None:
        points += SIMILARITY_POINTS["same_state"]
    return points


def similar_municipalities(sel: Selection, profile: Profile, limit: int = 3) -> pd.DataFrame:
    """The selection's municipalities most like the profile: points, and the criteria behind them.

    Ranked by points (most first), ties in the package's order; municipalities sharing nothing but
    one instrument are left out (at least 2 points). ``criteria`` holds the matched keys of
    ``SIMILARITY_POINTS``. A municipality's attributes are not personal data; what it says is only
    shown through the aggregates.
    """
    cols = ["municipality_id", "name", "state", "size_class", "council_resolution", "fairtrade_town"]
    out_cols = [*cols, "score", "max_score", "criteria"]
    if sel.too_small:
        return pd.DataFrame(columns=out_cols)
    ids = set(sel.actors["municipality_id"].astype(str))
    mun = sel.package.municipalities
    mun = mun[mun["municipality_id"].astype(str).isin(ids)]
    rows = []
    for order, rec in enumerate(mun[cols].itertuples(index=False)):
        criteria = similarity_criteria(
            profile, str(rec.state), str(rec.size_class), bool(rec.council_resolution), bool(rec.fairtrade_town)
        )
        score = sum(SIMILARITY_POINTS[c] for c in criteria)
        rows.append(
            {
                "municipality_id": str(rec.municipality_id),
                "name": str(rec.name),
                "state": str(rec.state),
                "size_class": str(rec.size_class),
                "council_resolution": bool(rec.council_resolution),
                "fairtrade_town": bool(rec.fairtrade_town),
                "score": score,
                "max_score": max_similarity(profile),
                "criteria": criteria,
                "_order": order,
            }
        )
    out = pd.DataFrame(rows, columns=[*out_cols, "_order"])
    out = out[out["score"] >= 2].sort_values(["score", "_order"], ascending=[False, True], kind="stable")
    return out[out_cols].head(limit).reset_index(drop=True)


def municipality_filters(filters: Filters, municipality_id: str) -> Filters:
    """The shared filters narrowed to one municipality: its cooperation comes from ``aggregate`` on these."""
    return replace(filters, municipality_id=(str(municipality_id),))


# --- evidence per actor type -----------------------------------------------------------------------


def challenge_links(sel: Selection, codes: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """Which actor types statements link to the given challenge codes, with the actors behind each link.

    A challenge statement (category ``herausforderung``, code in ``codes``) links an actor type if it
    names that type as partner (``partner_type``), or, where the selection allows a breakdown by type,
    if the actor who made it is of that type (speaker types are actor units). ``n_actors`` is the
    larger of the two protected counts; links counting 0 are left out.
    """
    cols = ["actor_type", "code", N_ACTORS, SUPPRESSED]
    if sel.too_small or not codes:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    st = sel.statements
    ch = st[(st["category"] == CHALLENGE) & st["code"].astype(str).isin([str(c) for c in codes])]
    about = dc.count_actors(sel, ch[ch["partner_type"].notna()], ["partner_type", "code"])
    parts = [about.rename(columns={"partner_type": "actor_type"})]
    if sel.allows("actor_type"):
        parts.append(dc.count_actors(sel, ch, ["code"], by="actor_type"))
    links = pd.concat(parts, ignore_index=True)
    if links.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    links = links.assign(actor_type=links["actor_type"].astype(str), code=links["code"].astype(str))
    links = links.groupby(["actor_type", "code"], sort=False)[N_ACTORS].max().reset_index()
    links = links[links[N_ACTORS] > 0].assign(**{SUPPRESSED: False})
    return links[cols].reset_index(drop=True)


def cooperation_reach(sel: Selection) -> pd.DataFrame:
    """Per partner type: in how many municipalities cooperation with it exists, and in how many it is
    planned or wished for, each with the distinct actors reporting it.

    Counts are protected (``study.disclosure``); a municipality counts where its unit's protected count
    is above 0. ``reach_existing`` is the number of municipalities with existing cooperation,
    ``reach_wished_only`` those with planned / wished-for cooperation but none existing. Under an actor
    or method filter, where municipalities may not be told apart, the municipality figures are 0 and
    flagged (``existing_suppressed`` / ``wished_suppressed``).
    """
    cols = [
        "partner_type",
        "n_mun_existing",
        "n_actors_existing",
        "existing_suppressed",
        "n_mun_wished",
        "n_actors_wished",
        "wished_suppressed",
        "reach_existing",
        "reach_wished_only",
    ]
    if sel.too_small:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in cols})
    st = sel.statements
    coop = st[(st["category"] == COOPERATION) & st["partner_type"].notna() & st["status"].notna()]
    out = pd.DataFrame({"partner_type": pd.Series(sorted(set(coop["partner_type"].astype(str))), dtype="str")})
    by_mun = sel.allows("municipality_id")
    units = {}
    for name, statuses in (("existing", (EXISTING,)), ("wished", WISHED_STATUSES)):
        part = coop[coop["status"].isin(statuses)]
        n = dc.count_actors(sel, part, ["partner_type"])
        out[f"n_actors_{name}"] = out["partner_type"].map(dict(zip(n["partner_type"], n[N_ACTORS], strict=True)))
        out[f"n_actors_{name}"] = out[f"n_actors_{name}"].fillna(0.0).astype("float64")
        if by_mun:
            cells = dc.count_actors(sel, part, ["partner_type"], by="municipality_id")
            cells = cells[cells[N_ACTORS] > 0]
            units[name] = {p: set(g["municipality_id"]) for p, g in cells.groupby("partner_type")}
        else:
            units[name] = {}
        out[f"n_mun_{name}"] = out["partner_type"].map(lambda p, u=units[name]: len(u.get(p, ()))).astype("float64")
        out[f"{name}_suppressed"] = not by_mun
    existing, wished = units["existing"], units["wished"]
    out["reach_existing"] = out["n_mun_existing"]
    out["reach_wished_only"] = (
        out["partner_type"].map(lambda p: len(wished.get(p, set()) - existing.get(p, set()))).astype("float64")
    )
    return out[cols].reset_index(drop=True)


def support_offers(sel: Selection) -> pd.DataFrame:
    """Support forms (category ``unterstuetzung``) per offering partner type, from at least k actors."""
    frame = aggregate.cross_table(sel, SUPPORT, "partner_type", "code")
    cols = ["partner_type", "code", N_ACTORS]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    shown = frame[~frame[SUPPRESSED].astype(bool) & (frame[N_ACTORS] > 0)]
    pos = {str(c): i for i, c in enumerate(sel.package.codebook["code"])}
    shown = shown.assign(
        partner_type=shown["partner_type"].astype(str),
        code=shown["code"].astype(str),
        _pos=shown["code"].astype(str).map(pos).to_numpy(),
    )
    shown = shown.sort_values([N_ACTORS, "_pos"], ascending=[False, True], kind="stable")
    return shown[cols].reset_index(drop=True)


@dataclass(frozen=True)
class Quote:
    quote_id: str
    text: str
    code: str
    group: str


def partner_quotes(sel: Selection, limit: int = QUOTES_PER_TYPE) -> dict[str, tuple[Quote, ...]]:
    """Approved quotes *about* each partner type (statements naming it as ``partner_type``).

    Only ``aggregate.quotes`` decides which quotes may be shown. Quotes are chosen by the statement's
    partner type, not the speaker's type, so placing a quote under a type says nothing about who spoke.
    """
    q = aggregate.quotes(sel)
    if q.empty:
        return {}
    q = q[q["partner_type"].notna()]
    rank = {c: i for i, c in enumerate(QUOTE_CATEGORIES)}
    q = q.assign(
        partner_type=q["partner_type"].astype(str),
        _cat=q["category"].astype(str).map(rank).fillna(len(rank)).to_numpy(),
        _sid=q["quote_id"].astype(str).to_numpy(),
    ).sort_values(["_cat", "_sid"], kind="stable")
    out: dict[str, tuple[Quote, ...]] = {}
    for ptype, group in q.groupby("partner_type", sort=False):
        out[str(ptype)] = tuple(
            Quote(str(r.quote_id), str(r.quote), str(r.code), str(r.group))
            for r in group.head(limit).itertuples(index=False)
        )
    return out


# --- the ranking ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One part of a partner score: a value in [0, 1] times its weight in points."""

    key: str
    weight: float
    value: float

    @property
    def points(self) -> float:
        return self.weight * self.value


@dataclass(frozen=True)
class Recommendation:
    """An actor type as a partner, with its rank in its list, the score's parts and the evidence.

    ``None`` in a number means withheld (from fewer than k actors); 0 means no evidence at all.
    """

    actor_type: str
    local: bool
    rank: int
    parts: tuple[Part, ...]
    mean_rating: float | None
    n_rated: int | None
    n_mun_existing: int | None
    n_mun_wished: int | None
    support: tuple[tuple[str, int], ...] = ()
    challenges: tuple[tuple[str, int], ...] = ()
    quotes: tuple[Quote, ...] = ()

    @property
    def score(self) -> float:
        return float(sum(p.points for p in self.parts))

    def part(self, key: str) -> Part:
        return next(p for p in self.parts if p.key == key)


@dataclass(frozen=True)
class Compass:
    """Everything the compass shows for one profile on one selection."""

    profile: Profile
    similar: pd.DataFrame
    partners: tuple[Recommendation, ...]  # types that exist locally: to approach first
    build_up: tuple[Recommendation, ...]  # types that do not: to build up
    steps: pd.DataFrame
    n_municipalities: int
    k: int
    too_small: bool = False
    weights: dict = field(default_factory=lambda: dict(WEIGHTS))


def profile_weights(profile: Profile) -> dict[str, float]:
    """The parts' points for this profile: without challenges entered, the challenge part drops out and
    the other parts are scaled to the same 100 points, so that every type can still reach the maximum."""
    if profile.challenges:
        return dict(WEIGHTS)
    rest = sum(w for key, w in WEIGHTS.items() if key != CHALLENGE)
    total = sum(WEIGHTS.values())
    return {key: 0.0 if key == CHALLENGE else w * total / rest for key, w in WEIGHTS.items()}


def _int_or_none(value) -> int | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else int(value)


def recommend(sel: Selection, profile: Profile) -> tuple[tuple[Recommendation, ...], tuple[Recommendation, ...]]:
    """Rank every actor type of the package; return (types to approach, types to build up).

    Within each list: most points first, ties in the order of the package's ``actor_types`` table.
    """
    if sel.too_small:
        return (), ()
    types = [str(t) for t in sel.package.actor_types["actor_type"]]
    ratings = aggregate.rating_summary(sel, SUITABILITY, by="partner_type")
    ratings = {str(r.partner_type): r for r in ratings.itertuples(index=False)}
    reach = {str(r.partner_type): r for r in cooperation_reach(sel).itertuples(index=False)}
    n_mun = max(sel.n_municipalities, 1)
    offers = support_offers(sel)
    cb = sel.package.codebook
    n_support_codes = max(int((cb["category"] == SUPPORT).sum()), 1)
    support = {
        str(p): tuple((str(c), int(n)) for c, n in zip(g["code"], g[N_ACTORS], strict=True))
        for p, g in offers.groupby("partner_type", sort=False)
    }
    links = challenge_links(sel, profile.challenges)
    links = links[~links[SUPPRESSED].astype(bool)] if not links.empty else links
    challenge_order = {c: i for i, c in enumerate(profile.challenges)}
    linked: dict[str, tuple[tuple[str, int], ...]] = {}
    for ptype, g in links.groupby("actor_type", sort=False) if not links.empty else ():
        pairs = sorted(
            ((str(c), int(n)) for c, n in zip(g["code"], g[N_ACTORS], strict=True)),
            key=lambda cn: challenge_order.get(cn[0], len(challenge_order)),
        )
        linked[str(ptype)] = tuple(pairs)
    quotes = partner_quotes(sel)
    local = set(profile.actor_types)
    weights = profile_weights(profile)

    entries = []
    for order, ptype in enumerate(types):
        r = ratings.get(ptype)
        if r is None:
            mean, n_rated = None, 0
        else:
            mean = None if bool(r.suppressed) else float(r.mean_rating)
            n_rated = _int_or_none(r.n_actors)
        c = reach.get(ptype)
        if c is None:
            n_existing, n_wished, reach_value = 0, 0, 0.0
        else:
            n_existing = None if c.existing_suppressed else int(c.n_mun_existing)
            n_wished = None if c.wished_suppressed else int(c.n_mun_wished)
            reach_value = (float(c.reach_existing) + WISHED_ONLY_FACTOR * float(c.reach_wished_only)) / n_mun
        sup = support.get(ptype, ())
        chal = linked.get(ptype, ())
        parts = (
            Part(
                SUITABILITY,
                weights[SUITABILITY],
                0.0 if mean is None else (mean - RATING_MIN) / (RATING_MAX - RATING_MIN),
            ),
            Part(COOPERATION, weights[COOPERATION], min(1.0, reach_value)),
            Part(CHALLENGE, weights[CHALLENGE], len(chal) / len(profile.challenges) if profile.challenges else 0.0),
            Part(SUPPORT, weights[SUPPORT], min(1.0, len(sup) / n_support_codes)),
        )
        entries.append(
            (
                order,
                Recommendation(
                    actor_type=ptype,
                    local=ptype in local,
                    rank=0,
                    parts=parts,
                    mean_rating=mean,
                    n_rated=n_rated,
                    n_mun_existing=n_existing,
                    n_mun_wished=n_wished,
                    support=sup,
                    challenges=chal,
                    quotes=quotes.get(ptype, ()),
                ),
            )
        )

    def ranked(items):
        items = sorted(items, key=lambda e: (-round(e[1].score, 9), e[0]))
        return tuple(replace(rec, rank=i) for i, (_, rec) in enumerate(items, start=1))

    return ranked([e for e in entries if e[1].local]), ranked([e for e in entries if not e[1].local])


def first_steps(sel: Selection) -> pd.DataFrame:
    """Process instruments (category ``prozess``) ranked by how often they go with existing cooperation.

    ``aggregate.instrument_uptake``'s ``share_existing`` decides (highest first); withheld rows last; ties
    by the actors naming the instrument, then the codebook's order. Adds ``rank`` (1 …).
    """
    frame = aggregate.instrument_uptake(sel, PROCESS)
    if frame.empty:
        return frame.assign(rank=pd.Series(dtype="int64"))
    pos = {str(c): i for i, c in enumerate(sel.package.codebook["code"])}
    ordered = frame.assign(
        _share=frame["share_existing"].fillna(-1.0).to_numpy(),
        _n=frame[N_ACTORS].fillna(-1.0).to_numpy(),
        _pos=frame["code"].astype(str).map(pos).to_numpy(),
    ).sort_values([SUPPRESSED, "_share", "_n", "_pos"], ascending=[True, False, False, True], kind="stable")
    ordered = ordered.drop(columns=["_share", "_n", "_pos"]).reset_index(drop=True)
    ordered["rank"] = np.arange(1, len(ordered) + 1)
    return ordered


def compass(sel: Selection, profile: Profile, limit: int = 3) -> Compass:
    """The whole compass for a profile: similar municipalities, both partner lists, first steps."""
    profile = clean_profile(profile, sel.package)
    if sel.too_small:
        empty = pd.DataFrame()
        return Compass(profile, empty, (), (), empty, 0, sel.k, too_small=True)
    partners, build_up = recommend(sel, profile)
    return Compass(
        profile=profile,
        similar=similar_municipalities(sel, profile, limit=limit),
        partners=partners,
        build_up=build_up,
        steps=first_steps(sel),
        n_municipalities=sel.n_municipalities,
        k=sel.k,
        weights=profile_weights(profile),
    )
