"""The study team's findings and where the dashboard shows the evidence for each research question."""

from __future__ import annotations

import pandas as pd

# The view that answers each research question (see the study's seven questions).
RQ_PAGES = {
    1: "kooperation",
    2: "akteure",
    3: "kooperation",
    4: "kooperation",
    5: "herausforderungen",
    6: "herausforderungen",
    7: "herausforderungen",
}


def findings_by_question(findings: pd.DataFrame, lang: str = "de") -> dict[int, list[str]]:
    """Finding titles per research question, in the package's order."""
    column = "title_en" if lang == "en" else "title_de"
    return {int(rq): group[column].tolist() for rq, group in findings.groupby("research_question", sort=True)}
