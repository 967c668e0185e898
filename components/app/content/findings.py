"""Erkenntnisse and Präsentation: a research question's evidence charts, and what a question's tab shows."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from study import cooperation, evidence
from study import findings as study_findings
from study.evidence import Finding
from study.labels import Labels
from study.selection import Selection

from ...charts import ChartTable, FrozenFigure, build_grouped_bars, figure_table, prepared
from ...evidence import build_code_shares, build_matrix_heatmap, code_table, matrix_table, page_for_view
from ...i18n import pick, t
from ...slides import Slide, build_slides, mark_categories, presentation_figure
from ...text import md
from ..cache import cached
from .common import chart_source

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
    "finding_evidence": ("Beleg zu dieser Kernaussage", "Evidence for this finding"),
    "no_finding_evidence": (
        "Für diese Auswahl gibt es dazu keine zeigbaren Zahlen.",
        "No figures can be shown on this for the current selection.",
    ),
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
        charts.append((item.category, *prepared(size(fig) if size else fig, table, chart_source(sel, labels))))
    return charts


@dataclass(frozen=True)
class FindingChart:
    """The chart that backs one finding, with its table and what the caption under it says."""

    figure: FrozenFigure
    table: ChartTable
    marked: bool  # some labels are bold: what the finding names
    fallback: bool  # the finding's own breakdown is not available for this selection


def _bold(fig: go.Figure, axis: str, names: list[str]) -> bool:
    before = fig.layout[f"{axis}axis"].ticktext
    mark_categories(fig, axis, names)
    return fig.layout[f"{axis}axis"].ticktext != before


def _plan_figure(sel: Selection, labels: Labels, plan: study_findings.EvidencePlan, frame):
    """Figure and table of a plan's frame (see ``study.findings.plan_frame``)."""
    lang, k = labels.lang, sel.k
    category = labels.category(plan.category)
    named_codes = [labels.code(c) for c in plan.codes]
    if plan.kind == study_findings.BY_SIZE:
        value_title = t("share_actors", lang)
        title = t("evidence_by_size", lang, category=category)
        fig = build_matrix_heatmap(
            frame, labels.code, labels.size_class, k=k, lang=lang, title=title, value_title=value_title
        )
        table = matrix_table(
            frame,
            labels.code,
            labels.size_class,
            k=k,
            lang=lang,
            row_title=category,
            column_title=labels.dimension_title("size_class"),
            value_title=value_title,
        )
        return fig, table, ("y", named_codes)
    if plan.kind == study_findings.PARTNER_STATUS:
        series = [(s, labels.status(s)) for s in cooperation.STATUSES]
        fig = build_grouped_bars(
            frame,
            "partner_type",
            series,
            labels.partner_type,
            k=k,
            lang=lang,
            title=t("evidence_partner_status", lang),
            value_title=t("n_actors", lang),
        )
        table = figure_table(
            frame,
            [
                ("partner_type", labels.dimension_title("partner_type"), labels.partner_type),
                *[(column, name, "int") for column, name in series],
                ("n_actors", t("n_actors", lang), "int"),
            ],
            k=k,
            lang=lang,
        )
        return fig, table, ("y", [])
    if plan.kind == study_findings.PARTNER_CODES:
        rating = plan.basis == "rating"
        value_title = t("mean_rating" if rating else "n_actors", lang)
        title = t("evidence_partner_rating" if rating else "evidence_partner_actors", lang, category=category)
        fig = build_matrix_heatmap(
            frame, labels.partner_type, labels.code, k=k, lang=lang, title=title, value_title=value_title
        )
        table = matrix_table(
            frame,
            labels.partner_type,
            labels.code,
            k=k,
            lang=lang,
            row_title=labels.dimension_title("partner_type"),
            column_title=category,
            value_title=value_title,
        )
        return fig, table, ("x", [])
    short = t("rq_short", lang)
    title = f"{category} ({short} {plan.research_question})"
    fig = build_code_shares(frame, labels.code, k=k, lang=lang, title=title)
    return fig, code_table(frame, labels.code, k=k, lang=lang), ("y", named_codes)


def finding_chart(sel: Selection, labels: Labels, finding: Finding, size=None) -> FindingChart | None:
    """The evidence for one finding: the chart ``study.findings.evidence_plan`` chooses from what it names.

    Where the selection does not allow that breakdown (e.g. size classes within a filter by actors), the
    share of actors naming its category's codes stands in, the named codes in bold. None without data."""
    plan = study_findings.evidence_plan(sel.package, finding.finding_id, finding.research_question)
    if plan is None or sel.too_small:
        return None
    frame = study_findings.plan_frame(sel, plan)
    fallback = False
    if study_findings.frame_is_empty(frame) and plan.kind != study_findings.CODES:
        plan = study_findings.EvidencePlan(study_findings.CODES, plan.research_question, plan.category, plan.codes)
        frame, fallback = study_findings.plan_frame(sel, plan), True
    if study_findings.frame_is_empty(frame):
        return None
    fig, table, (axis, names) = _plan_figure(sel, labels, plan, frame)
    if size:
        fig = size(fig)
    marked = _bold(fig, axis, names)
    if marked and size:
        # A slide has no room for a caption: the title says what bold means.
        fig.update_layout(title_text=f"{fig.layout.title.text} · {t('evidence_marked_short', labels.lang)}")
    # the source line under the title, as on every other chart: an exported PNG says what it shows and where from
    return FindingChart(*prepared(fig, table, chart_source(sel, labels)), marked, fallback)


@dataclass(frozen=True)
class Question:
    """What a research question's tab on "Erkenntnisse" shows, per selection and language."""

    findings: list[tuple[str, str, str | None, Finding]]  # (title, text) as Markdown, the page to go to, the finding
    charts: list[tuple[str, FrozenFigure, ChartTable]]  # (category, figure, table) with data
    quotes: list[tuple[str, str]]  # (quote, source) as Markdown


@cached
def question(sel: Selection, labels: Labels, rq: int) -> Question:
    """A research question's findings, evidence charts and quotes (charts and quotes only for a large selection)."""
    findings = [
        (f"**{md(f.title)}**", md(f.text), page_for_view(f.view), f)
        for f in evidence.question_findings(sel.package, rq, labels.lang)
    ]
    charts, quotes = [], []
    if not sel.too_small:
        charts = evidence_charts(sel, labels, rq)
        sample = evidence.quote_sample(sel, rq)
        for quote, group, code in zip(sample["quote"], sample["group"], sample["code"], strict=True):
            source = (labels.group(group), labels.code(code))
            if labels.lang != "de":
                # The quotes are what people said, in German: an English reader is told so.
                source = (t("quote_original", labels.lang), *source)
            quotes.append((f"> „{md(quote)}“", " · ".join(md(part) for part in source)))
    return Question(findings, charts, quotes)


@cached
def page_finding_chart(sel: Selection, labels: Labels, finding: Finding) -> FindingChart | None:
    """A finding's evidence chart for the page "Erkenntnisse" (the slides show it in presentation size)."""
    return finding_chart(sel, labels, finding)


@cached
def slides(labels: Labels) -> list[Slide]:
    lang = labels.lang
    return build_slides(labels.package, lang, t("app_subtitle", lang), pick(SLIDE_TEXTS, "closing", lang))


@cached
def slide_chart(sel: Selection, labels: Labels, finding: Finding) -> FindingChart | None:
    """A finding's evidence chart in presentation size, with its table."""
    return finding_chart(sel, labels, finding, size=presentation_figure)
