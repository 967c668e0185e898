"""The study team's findings, per research question."""

from __future__ import annotations

import pandas as pd


def findings_by_question(findings: pd.DataFrame, lang: str = "de") -> dict[int, list[str]]:
    """Finding titles per research question, in the package's order."""
    column = "title_en" if lang == "en" else "title_de"
    return {int(rq): group[column].tolist() for rq, group in findings.groupby("research_question", sort=True)}
