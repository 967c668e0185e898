"""Erkenntnisse: the study team's findings per research question, with their evidence and approved quotes."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.app import ui
from components.app.content import findings as built
from components.app.context import get_context
from components.app.pages import FINDINGS_TAB_KEY, QUESTIONS, findings_question, findings_tab_labels
from components.i18n import pick, rq_text, t
from components.slides import filter_summary
from components.text import md
from study import aggregate

ctx = get_context()
lang, sel, k = ctx.lang, ctx.selection, ctx.k
short = t("rq_short", lang)
tx = partial(pick, built.TEXTS, lang=lang)

ui.page_header(ctx, "page_findings")
st.markdown(tx("intro"))
if sel.filters.active():
    # The findings do not follow the filters; only their evidence does.
    summary = filter_summary(sel.filters, ctx.labels, lang)
    st.info(md(t("findings_study_wide", lang, selection=summary)), icon=":material/info:")
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
    question = built.question(sel, ctx.labels, rq)
    with tab:
        st.subheader(f"{short} {rq}: {rq_text(rq, lang)}")
        st.markdown(f"#### {tx('findings')}")
        if not question.findings:
            st.caption(tx("no_findings"))
        for title, text, target, finding in question.findings:
            with st.container(border=True):
                st.markdown(f"{title}\n\n{text}")
                if target:
                    ui.page_link(target, label=tx("to_view"), icon=":material/arrow_forward:")
                if covered:
                    # The chart the slide of this finding shows; built only while its expander is open.
                    key = f"ek_beleg_{finding.finding_id}"
                    with st.expander(tx("finding_evidence"), key=key, on_change="rerun") as box:
                        if box.open:
                            evidence = built.page_finding_chart(sel, ctx.labels, finding)
                            if evidence is None:
                                st.caption(tx("no_finding_evidence"))
                            else:
                                if evidence.fallback:
                                    st.caption(t("evidence_fallback", lang))
                                ui.chart(evidence.figure, evidence.table, ctx, f"{key}_chart")
                                if evidence.marked:
                                    st.caption(t("evidence_marked", lang))

        st.markdown(f"#### {tx('evidence')}")
        if not covered:
            st.warning(t("too_small", lang, k=k), icon=":material/lock:")
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
