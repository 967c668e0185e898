"""Erkenntnisse: the study team's findings per research question, with their evidence and approved quotes."""

from __future__ import annotations

import streamlit as st

from components import memo, ui
from components.context import get_context
from components.evidence import build_code_shares, code_table, page_for_view
from components.i18n import rq_text, t
from components.text import md
from study.selection import Selection

TEXT = {
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
        "Freigegebene Zitate, nur von Akteuren, deren Akteursgruppe in ihrer Kommune mindestens {k} Akteure hat; "
        "ohne Kommune und Person.",
        "Approved quotes, only from actors whose actor group has at least {k} actors in their municipality; "
        "without municipality or person.",
    ),
    "no_quotes": (
        "Für diese Auswahl gibt es hier keine zeigbaren Zitate.",
        "No quotes can be shown for this selection.",
    ),
    "to_view": ("Zur Auswertung", "Go to the analysis"),
}


def tx(key: str, **params) -> str:
    de, en = TEXT[key]
    text = en if lang == "en" else de
    return text.format(**params) if params else text


@memo.view
def evidence_charts(sel: Selection, lang: str, rq: int) -> list:
    """(category, figure, table) per evidence category of a research question that has data (memoised)."""
    labels, k = memo.labels(sel.package, lang), sel.k
    short = t("rq_short", lang)
    charts = []
    for item in memo.evidence.question_evidence(sel, rq):
        if item.frame.empty:
            continue
        title = f"{labels.category(item.category)} ({short} {rq})"
        fig = build_code_shares(item.frame, labels.code, k=k, lang=lang, title=title)
        charts.append((item.category, fig, ui.chart_table(code_table(item.frame, labels.code, k=k, lang=lang))))
    return charts


ctx = get_context()
lang, labels, sel, k = ctx.lang, ctx.labels, ctx.selection, ctx.k
short = t("rq_short", lang)

ui.page_header(ctx, "page_findings")
st.markdown(tx("intro"))
# Findings are the study team's words and always shown; evidence and quotes need a large enough selection.
covered = ui.coverage(ctx)

questions = tuple(range(1, 8))
for rq, tab in zip(questions, st.tabs([f"{short} {rq}" for rq in questions]), strict=True):
    with tab:
        st.subheader(f"{short} {rq}: {rq_text(rq, lang)}")
        st.markdown(f"#### {tx('findings')}")
        findings = memo.evidence.question_findings(ctx.package, rq, lang)
        if not findings:
            st.caption(tx("no_findings"))
        for finding in findings:
            with st.container(border=True):
                st.markdown(f"**{md(finding.title)}**")
                st.markdown(md(finding.text))
                target = page_for_view(finding.view)
                if target:
                    st.page_link(target, label=tx("to_view"), icon=":material/arrow_forward:")

        st.markdown(f"#### {tx('evidence')}")
        if not covered:
            st.warning(t("too_small", lang, k=k), icon="🔒")
            continue
        st.caption(tx("evidence_explain"))
        charts = evidence_charts(sel, lang, rq)
        if not charts:
            st.info(t("no_data", lang))
        for category, fig, table in charts:
            ui.chart(fig, table, ctx, f"ek_{rq}_{category}")

        st.markdown(f"#### {tx('quotes')}")
        st.caption(tx("quotes_rule", k=k))
        sample = memo.evidence.quote_sample(sel, rq)
        if sample.empty:
            st.caption(tx("no_quotes"))
        for quote in sample.itertuples(index=False):
            st.markdown(f"> „{md(quote.quote)}“")
            source = (labels.method(quote.method), labels.group(quote.group), labels.code(quote.code))
            st.caption(" · ".join(md(part) for part in source))
