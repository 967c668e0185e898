"""The tests' one package factory: tiny data packages built in code, a handful of rows, seeded, fully known.

``make_tables`` (any codebook category once, neutral type names), ``hard_tables`` (hard to protect),
``evidence_tables`` (every statement and quote known) build string tables; ``write_package`` writes them.
tests/conftest.py loads each once per session as a read-only fixture (a test that changes a package
builds its own). QDA projects (the import's input, not packages) are in ``factory.qda``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from study.schema import (
    CHALLENGE,
    COOPERATION,
    EXISTING,
    INTERVIEW,
    POTENTIAL,
    PROCESS,
    RESEARCH_QUESTION,
    SIMPLIFICATION,
    SUITABILITY,
    SUPPORT,
    contract,
    contract_descriptor,
)

CITIES = [  # (state, lat, lon) well inside their states
    ("DE-BW", 48.78, 9.18),
    ("DE-BY", 48.14, 11.58),
    ("DE-BE", 52.52, 13.40),
    ("DE-NI", 52.37, 9.74),
]
CATEGORY_RQ = dict(RESEARCH_QUESTION)
# Categories whose statements name a partner type, and those that carry a rating.
WITH_PARTNER = (COOPERATION, SUITABILITY, SUPPORT)
RATED = (COOPERATION, SUITABILITY, CHALLENGE)


def make_tables(
    seed: int = 0, n_municipalities: int = 3, actors_per: int = 6, statements_per: int = 8
) -> dict[str, pd.DataFrame]:
    """A valid package as string tables; actor types and codes get neutral names (t1…, c_…)."""
    rng = np.random.default_rng(seed)
    size_classes = contract().allowed("municipalities", "size_class")
    mun = pd.DataFrame(
        {
            "municipality_id": [f"m{i}" for i in range(n_municipalities)],
            "name": [f"Ort {i}" for i in range(n_municipalities)],
            "state": [CITIES[i % len(CITIES)][0] for i in range(n_municipalities)],
            "size_class": [size_classes[i % len(size_classes)] for i in range(n_municipalities)],
            "population": [str(10000 * (i + 1)) for i in range(n_municipalities)],
            "lat": [str(CITIES[i % len(CITIES)][1]) for i in range(n_municipalities)],
            "lon": [str(CITIES[i % len(CITIES)][2]) for i in range(n_municipalities)],
            "fairtrade_town": ["true" if i % 2 == 0 else "false" for i in range(n_municipalities)],
            "council_resolution": ["true" if i == 0 else "false" for i in range(n_municipalities)],
        }
    )
    types = pd.DataFrame(
        {
            "actor_type": ["t1", "t2", "t3", "t4"],
            "group": ["verwaltung", "verwaltung", "zivilgesellschaft", "kirche"],
            "label_de": ["Typ eins", "Typ zwei", "Typ drei", "Typ vier"],
            "label_en": ["Type one", "Type two", "", "Type four"],
        }
    )
    actors_rows = []
    for m in mun["municipality_id"]:
        for j in range(actors_per):
            actors_rows.append(
                {"actor_id": f"{m}_a{j}", "municipality_id": m, "actor_type": types["actor_type"][j % 4]}
            )
    actors = pd.DataFrame(actors_rows)
    codes = pd.DataFrame(
        {
            "code": [f"c_{cat}" for cat in CATEGORY_RQ],
            "category": list(CATEGORY_RQ),
            "research_question": [str(rq) for rq in CATEGORY_RQ.values()],
            "label_de": [f"Code {cat}" for cat in CATEGORY_RQ],
            "label_en": [f"Code {cat} (en)" for cat in CATEGORY_RQ],
            "description_de": ["" for _ in CATEGORY_RQ],
        }
    )
    methods = contract().allowed("statements", "method")
    statuses = contract().allowed("statements", "status")
    rows = []
    n = 0
    for a in actors["actor_id"]:
        for _ in range(statements_per):
            cat = list(CATEGORY_RQ)[rng.integers(len(CATEGORY_RQ))]
            with_partner = cat in WITH_PARTNER
            rows.append(
                {
                    "statement_id": f"s{n:05d}",
                    "actor_id": a,
                    "code": f"c_{cat}",
                    "method": methods[rng.integers(len(methods))],
                    "partner_type": types["actor_type"][rng.integers(4)] if with_partner else "",
                    "status": statuses[rng.integers(len(statuses))] if cat == COOPERATION else "",
                    "rating": str(rng.integers(1, 6)) if cat in RATED else "",
                    "quote": f"Zitat {n}" if rng.random() < 0.2 else "",
                }
            )
            n += 1
    statements = pd.DataFrame(rows)
    findings = pd.DataFrame(
        {
            "finding_id": [f"f{rq}" for rq in range(1, 8)],
            "research_question": [str(rq) for rq in range(1, 8)],
            "title_de": [f"Erkenntnis {rq}" for rq in range(1, 8)],
            "text_de": [f"Text zu Frage {rq}." for rq in range(1, 8)],
            "title_en": [f"Finding {rq}" for rq in range(1, 8)],
            "text_en": [f"Text on question {rq}." for rq in range(1, 8)],
            "view": ["" for _ in range(7)],
        }
    )
    return {
        "municipalities": mun,
        "actor_types": types,
        "actors": actors,
        "codebook": codes,
        "statements": statements,
        "findings": findings,
    }


def statement_rows(rows) -> pd.DataFrame:
    """A statements table from (actor, code, partner_type, status, rating, quote) tuples, all interviews."""
    return pd.DataFrame(
        [
            {
                "statement_id": f"s{i:03d}",
                "actor_id": a,
                "code": code,
                "method": INTERVIEW,
                "partner_type": p,
                "status": s,
                "rating": r,
                "quote": q,
            }
            for i, (a, code, p, s, r, q) in enumerate(rows)
        ]
    )


def with_codes(tables: dict[str, pd.DataFrame], *codes: tuple[str, str, int]) -> dict[str, pd.DataFrame]:
    """The tables with more codebook entries, given as (code, category, research question)."""
    extra = pd.DataFrame(
        [
            {
                "code": code,
                "category": cat,
                "research_question": str(rq),
                "label_de": f"Code {code}",
                "label_en": f"Code {code} (en)",
                "description_de": "",
            }
            for code, cat, rq in codes
        ]
    )
    return {**tables, "codebook": pd.concat([tables["codebook"], extra], ignore_index=True)}


def small_group_query(package) -> dict[str, str]:
    """A municipality and actor type with 1 … k-1 actors (found in the data, not assumed)."""
    sizes = package.actors.groupby(["municipality_id", "actor_type"], observed=True).size()
    small = sizes[(sizes > 0) & (sizes < package.min_group_size)]
    assert len(small), "the package needs a small municipality × actor type cell for this test"
    municipality, actor_type = small.index[0]
    return {"kommune": str(municipality), "typ": str(actor_type)}


def write_package(
    tables: dict[str, pd.DataFrame],
    folder: Path,
    sep: str = ",",
    encoding: str = "utf-8",
    metadata: dict | None = None,
    with_descriptor: bool = True,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", sep=sep, index=False, encoding=encoding)
    if with_descriptor:
        desc = contract_descriptor()
        desc.update({"synthetic": True, "title": "Testpaket"})
        desc.update(metadata or {})
        (folder / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    return folder


def write_xlsx(tables: dict[str, pd.DataFrame], path: Path) -> Path:
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        for name, frame in tables.items():
            frame.to_excel(xw, sheet_name=name, index=False)
    return path


def hard_tables(seed: int = 7, n_municipalities: int = 6) -> dict[str, pd.DataFrame]:
    """A package built to be hard to protect, as a ten-town qualitative study is.

    Almost every municipality × type cell holds one actor (more than 90 %); some cells hold exactly
    2 and 3; two actors have no statement; one talkative actor makes most statements of its cell; one
    type occurs in a single town only; ratings of one partner type are all alike in one town.
    """
    rng = np.random.default_rng(seed)
    base = make_tables(seed=seed, n_municipalities=n_municipalities, actors_per=1, statements_per=1)
    types = pd.DataFrame(
        {
            "actor_type": [f"t{i}" for i in range(1, 11)],
            "group": [
                "verwaltung",
                "verwaltung",
                "politik",
                "zivilgesellschaft",
                "zivilgesellschaft",
                "sozialwirtschaft",
                "kreislaufwirtschaft",
                "kirche",
                "wirtschaft",
                "sonstige",
            ],
            "label_de": [f"Typ {i}" for i in range(1, 11)],
            "label_en": [f"Type {i}" for i in range(1, 11)],
        }
    )
    actors = []
    for mi, m in enumerate(base["municipalities"]["municipality_id"]):
        for ti, t in enumerate(types["actor_type"]):
            if t == "t10" and mi > 0:
                continue  # t10 only in the first town
            n = 1
            if (mi, ti) == (0, 0):
                n = 3
            elif (mi, ti) == (1, 1):
                n = 2
            actors += [{"actor_id": f"{m}_{t}_{j}", "municipality_id": m, "actor_type": t} for j in range(n)]
    actors = pd.DataFrame(actors)
    codes = base["codebook"]
    methods = contract().allowed("statements", "method")
    statuses = contract().allowed("statements", "status")
    silent = set(actors["actor_id"].iloc[[5, 17]])
    talkative = actors["actor_id"].iloc[2]
    rows = []
    for a, m in actors[["actor_id", "municipality_id"]].itertuples(index=False):
        if a in silent:
            continue
        for _ in range(40 if a == talkative else 6):
            cat = list(CATEGORY_RQ)[rng.integers(len(CATEGORY_RQ))]
            partner = types["actor_type"][rng.integers(10)] if cat in WITH_PARTNER else ""
            rating = str(rng.integers(1, 6)) if cat in RATED else ""
            if cat == SUITABILITY and m == "m2":
                partner, rating = "t4", "5"  # all alike in one town
            rows.append(
                {
                    "statement_id": f"s{len(rows):05d}",
                    "actor_id": a,
                    "code": f"c_{cat}",
                    "method": methods[rng.integers(len(methods))],
                    "partner_type": partner,
                    "status": statuses[rng.integers(len(statuses))] if cat == COOPERATION else "",
                    "rating": rating,
                    "quote": f"Zitat {len(rows)}" if rng.random() < 0.3 else "",
                }
            )
    return {**base, "actor_types": types, "actors": actors, "codebook": codes, "statements": pd.DataFrame(rows)}


def with_silent_municipality(
    tables: dict[str, pd.DataFrame], municipality_id: str = "m_silent"
) -> dict[str, pd.DataFrame]:
    """The tables plus one municipality whose actors (one per type) made no statement: a filter on it
    matches no counted actor."""
    mun = tables["municipalities"]
    row = mun.iloc[[0]].assign(municipality_id=municipality_id, name="Stiller Ort")
    types = tables["actor_types"]["actor_type"]
    actors = pd.DataFrame(
        {"actor_id": [f"{municipality_id}_{t}" for t in types], "municipality_id": municipality_id, "actor_type": types}
    )
    return {
        **tables,
        "municipalities": pd.concat([mun, row], ignore_index=True),
        "actors": pd.concat([tables["actors"], actors], ignore_index=True),
    }


# --- the evidence package --------------------------------------------------------------------------
# A hand-made package for the evidence tests and the page tests: every statement and quote is known.
#
# Two municipalities m0, m1 with six actors each (from ``factory.make_tables``): types t1, t2, t3, t4, t1, t2,
# i.e. per municipality four actors of group "verwaltung" (a0, a1, a4, a5), one "zivilgesellschaft" (a2)
# and one "kirche" (a3). Only actors with statements are counted: m0_a2 and m1_a3 say nothing, so five
# per municipality. With k = 3 (``study.disclosure``) the region units are m0 and m1 (five actors each:
# a count of 1 or 2 is published as 0 or 3, more than 3 is capped at 3), the actor units "t2" (four,
# "verwaltung") and "t1 + t3 + t4" (six, group "verwaltung + zivilgesellschaft + kirche"); quotes are
# attributed to those units' groups only.
#
# Challenges (actors naming them): h_c 6 (3 per municipality, exact), h_a 5 (m0 2, m1 3), h_b 5 (m0 3,
# m1 2; ratings 5, 4, 3 in m0), h_d 2 (both in m0).

# Codebook order matters: ties and suppressed codes follow it.
EVIDENCE_CODES = (
    ("h_c", CHALLENGE, 7),
    ("h_a", CHALLENGE, 7),
    ("h_b", CHALLENGE, 7),
    ("h_d", CHALLENGE, 7),
    ("p_a", POTENTIAL, 7),
    ("v_a", SIMPLIFICATION, 5),
    ("pr_a", PROCESS, 6),
    ("k_a", COOPERATION, 1),
)

# (code, actor, rating, quote); ratings only on challenges.
EVIDENCE_STATEMENTS = (
    # h_b first in the data, so a data-ordered ranking would put it before h_a (both 5 actors).
    ("h_b", "m0_a0", 5, "Zitat B eins"),
    ("h_b", "m0_a1", 4, ""),
    ("h_b", "m0_a4", 3, "Zitat B zwei"),
    ("h_b", "m1_a0", 4, ""),
    ("h_b", "m1_a2", 1, "Verbotenes Zitat"),  # zivilgesellschaft in m1: alone, must never appear
    ("h_a", "m0_a0", 2, ""),
    ("h_a", "m0_a1", 2, ""),
    ("h_a", "m1_a0", 2, ""),
    ("h_a", "m1_a1", 2, ""),
    ("h_a", "m1_a4", 2, ""),
    ("h_c", "m0_a0", 3, ""),
    ("h_c", "m0_a4", 3, "Zitat C eins"),
    ("h_c", "m0_a5", 3, ""),
    ("h_c", "m1_a0", 3, ""),
    ("h_c", "m1_a4", 3, ""),
    ("h_c", "m1_a5", 3, ""),
    ("h_d", "m0_a0", 5, ""),
    ("h_d", "m0_a3", 5, "Verbotenes Kirchenzitat"),  # kirche: alone in m0
    ("p_a", "m0_a0", None, "Zitat P eins"),
    ("p_a", "m0_a1", None, ""),
    ("p_a", "m1_a0", None, ""),
    ("v_a", "m0_a0", None, ""),
    ("v_a", "m0_a1", None, ""),
    ("v_a", "m0_a4", None, ""),
    ("pr_a", "m0_a0", None, ""),
    ("pr_a", "m0_a1", None, ""),
    ("pr_a", "m1_a0", None, ""),
    ("k_a", "m0_a0", None, ""),
    ("k_a", "m0_a1", None, ""),
    ("k_a", "m1_a1", None, ""),
)

EVIDENCE_FINDINGS = (
    ("f1", 1, "Erkenntnis Kooperation", "Finding cooperation", "kooperation"),
    ("f5", 5, "Erkenntnis Vereinfachung", "Finding simplification", ""),
    ("f6", 6, "Erkenntnis Prozesse", "Finding processes", "gibt_es_nicht"),
    ("f7", 7, "Erkenntnis Herausforderungen", "Finding challenges", "herausforderungen"),
)


def evidence_tables() -> dict[str, pd.DataFrame]:
    """The evidence package (see the comment above ``EVIDENCE_CODES``)."""
    tables = make_tables(seed=0, n_municipalities=2, actors_per=6, statements_per=1)
    tables["codebook"] = pd.DataFrame(
        {
            "code": [c for c, _, _ in EVIDENCE_CODES],
            "category": [cat for _, cat, _ in EVIDENCE_CODES],
            "research_question": [str(rq) for _, _, rq in EVIDENCE_CODES],
            "label_de": [f"Code {c}" for c, _, _ in EVIDENCE_CODES],
            "label_en": [f"Code {c} en" for c, _, _ in EVIDENCE_CODES],
            "description_de": ["" for _ in EVIDENCE_CODES],
        }
    )
    tables["statements"] = pd.DataFrame(
        {
            "statement_id": [f"s{i:03d}" for i in range(len(EVIDENCE_STATEMENTS))],
            "actor_id": [a for _, a, _, _ in EVIDENCE_STATEMENTS],
            "code": [c for c, _, _, _ in EVIDENCE_STATEMENTS],
            "method": [INTERVIEW for _ in EVIDENCE_STATEMENTS],
            "partner_type": ["t3" if c == "k_a" else "" for c, _, _, _ in EVIDENCE_STATEMENTS],
            "status": [EXISTING if c == "k_a" else "" for c, _, _, _ in EVIDENCE_STATEMENTS],
            "rating": ["" if r is None else str(r) for _, _, r, _ in EVIDENCE_STATEMENTS],
            "quote": [q for _, _, _, q in EVIDENCE_STATEMENTS],
        }
    )
    tables["findings"] = pd.DataFrame(
        {
            "finding_id": [f for f, *_ in EVIDENCE_FINDINGS],
            "research_question": [str(rq) for _, rq, *_ in EVIDENCE_FINDINGS],
            "title_de": [de for _, _, de, _, _ in EVIDENCE_FINDINGS],
            "text_de": [f"Text {de}." for _, _, de, _, _ in EVIDENCE_FINDINGS],
            "title_en": [en for _, _, _, en, _ in EVIDENCE_FINDINGS],
            "text_en": [f"Text {en}." for _, _, _, en, _ in EVIDENCE_FINDINGS],
            "view": [v for *_, v in EVIDENCE_FINDINGS],
        }
    )
    return tables


def write_evidence_package(folder: Path) -> Path:
    return write_package(evidence_tables(), folder)
