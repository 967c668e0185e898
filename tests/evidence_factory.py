"""A hand-made package for the evidence tests and the page tests: every statement and quote is known.

Two municipalities m0, m1 with six actors each (from ``factory.make_tables``): types t1, t2, t3, t4, t1, t2,
i.e. per municipality four actors of group "verwaltung" (a0, a1, a4, a5), one "zivilgesellschaft" (a2)
and one "kirche" (a3). Only actors with statements are counted: m0_a2 and m1_a3 say nothing, so five
per municipality. With k = 3 (``study.disclosure``) the region units are m0 and m1 (five actors each:
a count of 1 or 2 is published as 0 or 3, more than 3 is capped at 3), the actor units "t2" (four,
"verwaltung") and "t1 + t3 + t4" (six, group "verwaltung + zivilgesellschaft + kirche"); quotes are
attributed to those units' groups only.

Challenges (actors naming them): h_c 6 (3 per municipality, exact), h_a 5 (m0 2, m1 3), h_b 5 (m0 3,
m1 2; ratings 5, 4, 3 in m0), h_d 2 (both in m0).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from factory import make_tables, write_package

# Codebook order matters: ties and suppressed codes follow it.
CODES = (
    ("h_c", "herausforderung", 7),
    ("h_a", "herausforderung", 7),
    ("h_b", "herausforderung", 7),
    ("h_d", "herausforderung", 7),
    ("p_a", "potenzial", 7),
    ("v_a", "vereinfachung", 5),
    ("pr_a", "prozess", 6),
    ("k_a", "kooperation", 1),
)
VERWALTUNG = ("a0", "a1", "a4", "a5")

# (code, actor, rating, quote); ratings only on challenges.
STATEMENTS = (
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

FINDINGS = (
    ("f1", 1, "Erkenntnis Kooperation", "Finding cooperation", "kooperation"),
    ("f5", 5, "Erkenntnis Vereinfachung", "Finding simplification", ""),
    ("f6", 6, "Erkenntnis Prozesse", "Finding processes", "gibt_es_nicht"),
    ("f7", 7, "Erkenntnis Herausforderungen", "Finding challenges", "herausforderungen"),
)


def evidence_tables() -> dict[str, pd.DataFrame]:
    tables = make_tables(seed=0, n_municipalities=2, actors_per=6, statements_per=1)
    tables["codebook"] = pd.DataFrame(
        {
            "code": [c for c, _, _ in CODES],
            "category": [cat for _, cat, _ in CODES],
            "research_question": [str(rq) for _, _, rq in CODES],
            "label_de": [f"Code {c}" for c, _, _ in CODES],
            "label_en": [f"Code {c} en" for c, _, _ in CODES],
            "description_de": ["" for _ in CODES],
        }
    )
    tables["statements"] = pd.DataFrame(
        {
            "statement_id": [f"s{i:03d}" for i in range(len(STATEMENTS))],
            "actor_id": [a for _, a, _, _ in STATEMENTS],
            "code": [c for c, _, _, _ in STATEMENTS],
            "method": ["interview" for _ in STATEMENTS],
            "partner_type": ["t3" if c == "k_a" else "" for c, _, _, _ in STATEMENTS],
            "status": ["bestehend" if c == "k_a" else "" for c, _, _, _ in STATEMENTS],
            "rating": ["" if r is None else str(r) for _, _, r, _ in STATEMENTS],
            "quote": [q for _, _, _, q in STATEMENTS],
        }
    )
    tables["findings"] = pd.DataFrame(
        {
            "finding_id": [f for f, *_ in FINDINGS],
            "research_question": [str(rq) for _, rq, *_ in FINDINGS],
            "title_de": [de for _, _, de, _, _ in FINDINGS],
            "text_de": [f"Text {de}." for _, _, de, _, _ in FINDINGS],
            "title_en": [en for _, _, _, en, _ in FINDINGS],
            "text_en": [f"Text {en}." for _, _, _, en, _ in FINDINGS],
            "view": [v for *_, v in FINDINGS],
        }
    )
    return tables


def write_evidence_package(folder: Path) -> Path:
    return write_package(evidence_tables(), folder)
