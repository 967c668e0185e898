"""The mapping from a QDA project's variables, document groups and codes to the data contract.

``default_mapping()`` is the convention the README documents; a JSON file given with ``--mapping``
overrides any of its keys (dictionaries are merged one level deep, lists and values replaced).
``--write-mapping`` writes the mapping in effect, filled with what the project contains, for editing.
"""

from __future__ import annotations

import copy
import json
import re
import secrets
from pathlib import Path
from typing import Any

from ..catalog import fold
from ..schema import (
    ACTOR_TYPES,
    CHALLENGE,
    CODEBOOK,
    COOPERATION,
    FOCUS_GROUP,
    INTERVIEW,
    MUNICIPALITIES,
    POTENTIAL,
    PROCESS,
    RESEARCH_QUESTION,
    SIMPLIFICATION,
    SITE_VISIT,
    STATEMENTS,
    SUITABILITY,
    SUPPORT,
    WINNING,
    contract,
    study_actor_types,
)
from .messages import ImportFailed, issue

MAPPING_VERSION = 1

# Contract field → document variable names looked for (German and English, as typed in MAXQDA).
VARIABLES: dict[str, list[str]] = {
    "municipality": ["Kommune", "Municipality"],
    "state": ["Bundesland", "State", "Federal state"],
    "size_class": ["Größenklasse", "Size class", "Groessenklasse"],
    "population": ["Einwohner", "Population", "Einwohnerzahl", "Inhabitants"],
    "council_resolution": ["Ratsbeschluss", "Council resolution"],
    "fairtrade_town": ["Fairtrade-Town", "Fairtrade Town"],
    "actor_type": ["Akteurstyp", "Actor type"],
    "actor_group": ["Akteursgruppe", "Actor group"],
    "method": ["Methode", "Method"],
}

# Category → top-level code names (short and long, German and English); the contract's labels are added.
CATEGORY_NAMES: dict[str, list[str]] = {
    COOPERATION: ["Kooperation", "Kooperationen", "Cooperation"],
    SUITABILITY: ["Eignung", "Eignung als Partner", "Suitability"],
    WINNING: ["Gewinnung", "Gewinnung von Partnern", "Winning partners"],
    SUPPORT: ["Unterstützung", "Formen der Unterstützung", "Support"],
    SIMPLIFICATION: ["Vereinfachung", "Vereinfachung & Synergien", "Simplification"],
    PROCESS: ["Prozess", "Prozesse", "Prozesse anstoßen", "Process"],
    POTENTIAL: ["Potenzial", "Potenziale", "Potential"],
    CHALLENGE: ["Herausforderung", "Herausforderungen", "Challenge"],
}
# Method → words a document group (or set, or the variable) contains, compared without regard to case.
# The most specific comes first: "Fokusgruppeninterviews" are focus groups, "Vor-Ort-Interviews" site visits.
METHOD_WORDS = {
    FOCUS_GROUP: ["fokusgruppe", "focus group"],
    SITE_VISIT: ["vor-ort", "vor ort", "site visit"],
    INTERVIEW: ["interview"],
}


def default_mapping() -> dict[str, Any]:
    """The default mapping (a fresh copy)."""
    c = contract()
    categories = {}
    for cat in c.allowed(CODEBOOK, "category"):
        names = list(CATEGORY_NAMES.get(cat, []))
        names += [c.label(CODEBOOK, "category", cat, lang) for lang in ("de", "en")]
        categories[cat] = list(dict.fromkeys(names))
    statuses = {
        s: list(dict.fromkeys([s, *(c.label(STATEMENTS, "status", s, lang) for lang in ("de", "en"))]))
        for s in c.allowed(STATEMENTS, "status")
    }
    return {
        "version": MAPPING_VERSION,
        # Secret for the actor pseudonyms; without it they are derived from the project's municipalities.
        "pseudonym_key": None,
        "pseudonymise_municipalities": False,
        "strict": False,
        "code_separator": ">",
        "variables": copy.deepcopy(VARIABLES),
        "methods": copy.deepcopy(METHOD_WORDS),
        "document_groups": {},  # document group / set name → method, overriding the words above
        "categories": categories,
        "research_questions": dict(RESEARCH_QUESTION),
        # code path ("Kooperation > Beratung") → {"category", "code", "label_de", "label_en",
        # "research_question"} (any subset), or null to leave the code out
        "codes": {},
        "partner_code": "Partner",
        "status_code": "Status",
        "status_values": statuses,
        "speaker_code": "Sprecher",
        "quote_code": "Zitat freigegeben",
        "rating_code": None,  # e.g. "Bewertung" with children "1" … "5"; REFI-QDA has no weights
        "rating_bands": [20, 40, 60, 80, 100],  # upper bounds of MAXQDA weights for ratings 1 … 5
        "ignore_codes": [],  # top-level codes (or paths) that are neither content nor reported as unmapped
        # actor type label or code → {"actor_type", "group", "label_de", "label_en"}
        "actor_types": {
            label_de: {"actor_type": code, "group": group, "label_de": label_de, "label_en": label_en}
            for code, group, label_de, label_en in study_actor_types()
        },
    }


def new_key() -> str:
    return secrets.token_hex(16)


def load_mapping(path: str | Path | None) -> dict[str, Any]:
    """The default mapping, overridden by the JSON file at ``path`` if given."""
    mapping = default_mapping()
    if path is None:
        return mapping
    name = Path(path).name
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFailed([issue("mapping_unreadable", file=name, detail=str(exc)[:200])]) from None
    if not isinstance(data, dict):
        raise ImportFailed([issue("mapping_unreadable", file=name, detail="kein JSON-Objekt")])
    problems = []
    for key, value in data.items():
        if key.startswith("_"):  # notes for the team, e.g. what --write-mapping found
            continue
        if key not in mapping:
            problems.append(issue("mapping_invalid", file=name, key=key, detail="unbekannter Schlüssel"))
            continue
        default = mapping[key]
        if isinstance(default, dict):
            if not isinstance(value, dict):
                problems.append(issue("mapping_invalid", file=name, key=key, detail="erwartet ein Objekt {…}"))
                continue
            merged = dict(default)
            merged.update(value)
            mapping[key] = merged
        else:
            mapping[key] = value
    problems += _check(mapping, name)
    if problems:
        raise ImportFailed(problems)
    return mapping


def _check(m: dict[str, Any], name: str) -> list:
    out = []
    c = contract()

    def bad(key, detail):
        out.append(issue("mapping_invalid", file=name, key=key, detail=detail))

    bands = m["rating_bands"]
    if not (
        isinstance(bands, list)
        and len(bands) == 5
        and all(isinstance(b, int) and not isinstance(b, bool) for b in bands)
        and bands == sorted(bands)
    ):
        bad("rating_bands", "erwartet fünf aufsteigende ganze Zahlen, z. B. [20, 40, 60, 80, 100]")
    for key in ("partner_code", "status_code", "speaker_code", "quote_code", "code_separator"):
        if not isinstance(m[key], str) or not m[key].strip():
            bad(key, "erwartet einen Text")
    if m["rating_code"] is not None and not isinstance(m["rating_code"], str):
        bad("rating_code", "erwartet einen Text oder null")
    for cat, rq in m["research_questions"].items():
        if cat not in c.allowed(CODEBOOK, "category") or not isinstance(rq, int) or not 1 <= rq <= 7:
            bad(f"research_questions.{cat}", "erwartet eine Kategorie des Vertrags mit Forschungsfrage 1 … 7")
    for path, spec in m["codes"].items():
        if spec is None:
            continue
        if not isinstance(spec, dict):
            bad(f"codes.{path}", "erwartet ein Objekt oder null")
            continue
        if "category" in spec and spec["category"] not in c.allowed(CODEBOOK, "category"):
            bad(f"codes.{path}.category", f"„{spec['category']}“ ist keine Kategorie")
        rq = spec.get("research_question")
        if rq is not None and (not isinstance(rq, int) or not 1 <= rq <= 7):
            bad(f"codes.{path}.research_question", "erwartet 1 … 7")
    for label, spec in m["actor_types"].items():
        if not isinstance(spec, dict) or spec.get("group") not in c.allowed(ACTOR_TYPES, "group"):
            bad(f"actor_types.{label}", "erwartet ein Objekt mit „group“ (eine Akteursgruppe des Vertrags)")
    for group, method in m["document_groups"].items():
        if method not in c.allowed(STATEMENTS, "method"):
            bad(f"document_groups.{group}", f"„{method}“ ist keine Methode")
    for key in ("variables", "methods", "categories", "status_values"):
        for k, v in m[key].items():
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                bad(f"{key}.{k}", "erwartet eine Liste von Texten")
    return out


# --- matching what people type ----------------------------------------------------------------

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def key(text: object) -> str:
    """Case-, umlaut- and punctuation-insensitive form ("Wissenschaft & Bildung" ~ "wissenschaft_bildung")."""
    return _NON_ALNUM.sub("", fold(str(text).strip()))


def enum_lookup(table: str, column: str) -> dict[str, str]:
    """Folded code or German/English label → the contract's code, for one enumerated column."""
    col = contract().column(table, column)
    out = {}
    for code in col.enum or ():
        for text in (code, col.label(code, "de"), col.label(code, "en")):
            out.setdefault(key(text), code)
    return out


def size_class_lookup() -> dict[str, str]:
    return enum_lookup(MUNICIPALITIES, "size_class")


def group_lookup() -> dict[str, str]:
    return enum_lookup(ACTOR_TYPES, "group")


def slug(text: str, limit: int = 40) -> str:
    """A code-like identifier: lower case, umlauts spelt out, other characters as underscores."""
    s = re.sub(r"[^0-9a-z]+", "_", fold(text)).strip("_")
    return (s or "x")[:limit].rstrip("_")


def write_mapping(mapping: dict[str, Any], path: str | Path) -> None:
    text = json.dumps(mapping, ensure_ascii=False, indent=2)
    Path(path).write_text(text + "\n", encoding="utf-8")
