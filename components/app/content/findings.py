"""Erkenntnisse and Präsentation: a research question's evidence charts, and what a question's tab shows."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from study import evidence
from study.labels import Labels
from study.selection import Selection

from ...charts import ChartTable, FrozenFigure, prepared
from ...evidence import build_code_shares, code_table, page_for_view
from ...i18n import pick, t
from ...slides import Slide, build_slides, presentation_figure
from ...text import md
from ..cache import cached

TEXTS = {
    "intro": (
        "Die Kernaussagen des Studienteams zu den sieben Forschungsfragen, jeweils mit den Belegen aus der "
        "aktuellen Auswahl und freigegebenen Zitaten.",
        "The study team's key findings on the seven research questions, each with the evidence from the current "
        "selection and approved quotes.",
    ),
    "findings": ("Kernaussagen", "Key findings"),
    "no_findings": ("Zu dieser Forschungsfrage liegen keine Kernaussagen vor.", "No key findings on this question."),
    "evidence": ("Belege", "Evidence"),
    "evidence_explain": (
        "Wie viele Akteure der Auswahl die Codes dieser Forschungsfrage nennen – die Grundlage der Kernaussagen.",
        "How many actors of the selection name the codes of this research question – the basis of the findings.",
    ),
    "quotes": ("Stimmen aus der Studie", "Voices from the study"),
    "quotes_rule": (
        "Freigegebene Zitate, ohne Kommune, Person und Erhebungsmethode; genannt wird höchstens die "
        "Akteursgruppe, die für mindestens {k} Befragte steht.",
        "Approved quotes, without municipality, person or method; at most the actor group is named, which "
        "stands for at least {k} participants.",
    ),
    "no_quotes": (
        "Für diese Auswahl gibt es hier keine zeigbaren Zitate.",
        "No quotes can be shown for this selection.",
    ),
    "to_view": ("Zur Auswertung", "Go to the analysis"),
}
SLIDE_TEXTS = {
    "closing": ("Vielen Dank!", "Thank you!"),
    "contact": ("Kontakt zum Studienteam", "Contact the study team"),
    "no_contact": ("Das Datenpaket nennt keinen Kontakt.", "The data package names no contact."),
    "data": ("Datenpaket", "Data package"),
    "date": ("Stand", "Date"),
    "selection": ("Auswahl", "Selection"),
    "findings": ("{n} Kernaussagen zu sieben Forschungsfragen", "{n} key findings on seven research questions"),
    "back": ("Zurück", "Back"),
    "next": ("Weiter", "Next"),
    "voting": ("Abstimmung im Raum", "Vote in the room"),
    "keys": (
        "Tasten: ← / → oder Bild ↑ / Bild ↓ (Presenter)",
        "Keys: ← / → or Page Up / Page Down (presenter)",
    ),
}


def evidence_charts(sel: Selection, labels: Labels, rq: int, size=None) -> list[tuple[str, FrozenFigure, ChartTable]]:
    """A research question's evidence: per category, the share of actors naming each code, with its table.

    ``size`` turns a chart into another size (``presentation_figure`` for the slides)."""
    lang, short = labels.lang, t("rq_short", labels.lang)
    charts = []
    for item in evidence.question_evidence(sel, rq):
        if item.frame.empty:
            continue
        title = f"{labels.category(item.category)} ({short} {rq})"
        fig: go.Figure = build_code_shares(item.frame, labels.code, k=sel.k, lang=lang, title=title)
        table = code_table(item.frame, labels.code, k=sel.k, lang=lang)
        charts.append((item.category, *prepared(size(fig) if size else fig, table)))
    return charts


@dataclass(frozen=True)
class Question:
    """What a research question's tab on "Erkenntnisse" shows, per selection and language."""

    findings: list[tuple[str, str, str | None]]  # (title, text) as Markdown, and the page to go to
    charts: list[tuple[str, FrozenFigure, ChartTable]]  # (category, figure, table) with data
    quotes: list[tuple[str, str]]  # (quote, source) as Markdown


@cached
def question(sel: Selection, labels: Labels, rq: int) -> Question:
    """A research question's findings, evidence charts and quotes (charts and quotes only for a large selection)."""
    findings = [
        (f"**{md(f.title)}**", md(f.text), page_for_view(f.view))
        for f in evidence.question_findings(sel.package, rq, labels.lang)
    ]
    charts, quotes = [], []
    if not sel.too_small:
        charts = evidence_charts(sel, labels, rq)
        sample = evidence.quote_sample(sel, rq)
        for quote, group, code in zip(sample["quote"], sample["group"], sample["code"], strict=True):
            source = (labels.group(group), labels.code(code))
            quotes.append((f"> „{md(quote)}“", " · ".join(md(part) for part in source)))
    return Question(findings, charts, quotes)


@cached
def slides(labels: Labels) -> list[Slide]:
    lang = labels.lang
    return build_slides(labels.package, lang, t("app_subtitle", lang), pick(SLIDE_TEXTS, "closing", lang))


@cached
def slide_charts(sel: Selection, labels: Labels, rq: int) -> list[tuple[str, FrozenFigure, ChartTable]]:
    """A research question's evidence charts in presentation size, with their tables."""
    return evidence_charts(sel, labels, rq, size=presentation_figure)
