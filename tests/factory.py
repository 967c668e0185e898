"""Tiny data packages built in code for tests: a handful of rows, seeded, fully known."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from study.schema import contract, contract_descriptor

CITIES = [  # (state, lat, lon) well inside their states
    ("DE-BW", 48.78, 9.18),
    ("DE-BY", 48.14, 11.58),
    ("DE-BE", 52.52, 13.40),
    ("DE-NI", 52.37, 9.74),
]
CATEGORY_RQ = {
    "kooperation": 1,
    "eignung": 2,
    "gewinnung": 3,
    "unterstuetzung": 4,
    "vereinfachung": 5,
    "prozess": 6,
    "potenzial": 7,
    "herausforderung": 7,
}


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
            with_partner = cat in ("kooperation", "eignung", "unterstuetzung")
            rows.append(
                {
                    "statement_id": f"s{n:05d}",
                    "actor_id": a,
                    "code": f"c_{cat}",
                    "method": methods[rng.integers(len(methods))],
                    "partner_type": types["actor_type"][rng.integers(4)] if with_partner else "",
                    "status": statuses[rng.integers(len(statuses))] if cat == "kooperation" else "",
                    "rating": str(rng.integers(1, 6)) if cat in ("kooperation", "eignung", "herausforderung") else "",
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
                "method": "interview",
                "partner_type": p,
                "status": s,
                "rating": r,
                "quote": q,
            }
            for i, (a, code, p, s, r, q) in enumerate(rows)
        ]
    )


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
            partner = (
                types["actor_type"][rng.integers(10)] if cat in ("kooperation", "eignung", "unterstuetzung") else ""
            )
            rating = str(rng.integers(1, 6)) if cat in ("kooperation", "eignung", "herausforderung") else ""
            if cat == "eignung" and m == "m2":
                partner, rating = "t4", "5"  # all alike in one town
            rows.append(
                {
                    "statement_id": f"s{len(rows):05d}",
                    "actor_id": a,
                    "code": f"c_{cat}",
                    "method": methods[rng.integers(len(methods))],
                    "partner_type": partner,
                    "status": statuses[rng.integers(len(statuses))] if cat == "kooperation" else "",
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
