"""Erkenntnisse: the study team's findings per research question, with their evidence and approved quotes."""

from __future__ import annotations

import streamlit as st

from components.app import memo, ui
from components.app.context import get_context
from components.app.pages import FINDINGS_TAB_KEY, QUESTIONS, findings_question, findings_tab_labels
from components.evidence import build_code_shares, code_table, page_for_view
from components.i18n import pick, rq_text, t
from components.text import md
from components.views import Question
from study import aggregate
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


def tx(key: str, **params) -> str:
    return pick(TEXT, key, lang, **params)


@memo.view
def questions(sel: Selection, lang: str) -> dict[int, Question]:
    labels, k = memo.labels(sel.package, lang), sel.k
    short = t("rq_short", lang)
    out = {}
    for rq in QUESTIONS:
        findings = [
            (f"**{md(f.title)}**", md(f.text), page_for_view(f.view))
            for f in memo.evidence.question_findings(sel.package, rq, lang)
        ]
        charts, quotes = [], []
        if not sel.too_small:
            for item in memo.evidence.question_evidence(sel, rq):
                if item.frame.empty:
                    continue
                title = f"{labels.category(item.category)} ({short} {rq})"
                fig = build_code_shares(item.frame, labels.code, k=k, lang=lang, title=title)
                charts.append((item.category, *ui.prepared(fig, code_table(item.frame, labels.code, k=k, lang=lang))))
            sample = memo.evidence.quote_sample(sel, rq)
            for quote, group, code in zip(sample["quote"], sample["group"], sample["code"], strict=True):
                source = (labels.group(group), labels.code(code))
                quotes.append((f"> „{md(quote)}“", " · ".join(md(part) for part in source)))
        out[rq] = Question(findings, charts, quotes)
    return out


ctx = get_context()
lang, sel, k = ctx.lang, ctx.selection, ctx.k
short = t("rq_short", lang)

ui.page_header(ctx, "page_findings")
st.markdown(tx("intro"))
# Findings are the study team's words and always shown; evidence and quotes need a large enough selection.
covered = ui.coverage(ctx)

# Only the open tab is built and sent (a rerun per tab switch instead of all seven on every rerun).
# The open question is in the URL ("frage=3"), so a link can point at it. It is taken from there when
# the page opens, and kept when the language (and with it the tab labels) changes.
labels = findings_tab_labels(lang)
if st.session_state.get(FINDINGS_TAB_KEY) not in labels:
    rq = findings_question(st.session_state.get(FINDINGS_TAB_KEY) or st.query_params.get(FINDINGS_TAB_KEY))
    st.session_state[FINDINGS_TAB_KEY] = labels[(rq or 1) - 1]
tabs = st.tabs(labels, key=FINDINGS_TAB_KEY, on_change="rerun")
open_rq = next(rq for rq, tab in zip(QUESTIONS, tabs, strict=True) if tab.open)
ui.mirror_in_url([FINDINGS_TAB_KEY], {FINDINGS_TAB_KEY: [str(open_rq)]} if open_rq != 1 else {})
for rq, tab in zip(QUESTIONS, tabs, strict=True):
    if not tab.open:
        continue
    question = questions(sel, lang)[rq]
    with tab:
        st.subheader(f"{short} {rq}: {rq_text(rq, lang)}")
        st.markdown(f"#### {tx('findings')}")
        if not question.findings:
            st.caption(tx("no_findings"))
        for title, text, target in question.findings:
            with st.container(border=True):
                st.markdown(f"{title}\n\n{text}")
                if target:
                    ui.page_link(target, label=tx("to_view"), icon=":material/arrow_forward:")

        st.markdown(f"#### {tx('evidence')}")
        if not covered:
            st.warning(t("too_small", lang, k=k), icon="🔒")
            continue
        st.caption(tx("evidence_explain"))
        if not question.charts:
            st.info(t("no_data", lang))
        for category, fig, table in question.charts:
            ui.chart(fig, table, ctx, f"ek_{rq}_{category}")

        st.markdown(f"#### {tx('quotes')}")
        st.caption(tx("quotes_rule", k=k))
        if not aggregate.quotable(sel):
            st.caption(t("quotes_withheld", lang))
        elif not question.quotes:
            st.caption(tx("no_quotes"))
        for quote, source in question.quotes:
            st.markdown(f"{quote}\n\n:small[{source}]")
