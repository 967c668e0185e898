"""Überblick: what the study is, key figures, the seven research questions and the key findings."""

from __future__ import annotations

import streamlit as st

from components.app import ui
from components.app.content import common
from components.app.context import get_context
from components.app.pages import analysis_page
from components.i18n import count_noun, rq_text, t, tr
from components.text import md


def easy_read(text: str) -> str:
    """Markdown with a line break at every line end (Leichte Sprache: one sentence per line)."""
    return "\n".join(line + "  " if line.strip() else line for line in text.split("\n"))


ctx = get_context()
lang = ctx.lang

st.title(t("app_title", lang))
st.subheader(t("app_subtitle", lang))
st.markdown(
    t("overview_intro", lang, municipalities=count_noun(len(ctx.package.municipalities), "municipalities", lang))
)

# BITV 2.0 § 4: the start page explains the offer in easy-to-read language; one sentence per line.
with st.expander(t("easy_h", lang), icon=":material/menu_book:"):
    st.markdown(easy_read(t("easy_text", lang, k=ctx.k)))

if ui.coverage(ctx):
    ui.key_figures(ctx)

st.header(tr(("Die sieben Forschungsfragen", "The seven research questions"), lang))
by_question = common.findings_by_question(ctx.labels)
for rq in range(1, 8):
    with st.container(border=True):
        st.markdown(f"**{t('rq_short', lang)} {rq}** – {rq_text(rq, lang)}")
        for title in by_question.get(rq, []):
            st.markdown(f"- {md(title)}")
        ui.page_link(
            analysis_page(rq),
            label=tr(("Zur Auswertung", "Go to the analysis"), lang),
            icon=":material/arrow_forward:",
        )
