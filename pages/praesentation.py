"""Präsentation: the findings as slides for a focus group on a projector, one finding per slide.

Large type, the sidebar and Streamlit's chrome hidden (constant CSS), navigation by buttons, arrow keys
and Page Up / Page Down (as presenter clickers send them). The current slide is the query parameter
"folie", so a reload keeps the place; the shared filters come from the URL / session as everywhere.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from components.app import ui
from components.app.content import findings as built
from components.app.context import get_context
from components.i18n import pick, rq_text, t
from components.slides import (
    SLIDE_CSS,
    clamp_slide,
    contacts,
    filter_summary,
)
from components.text import md

PARAM = "folie"


def go_to(number: int) -> None:
    st.query_params[PARAM] = str(number)


ctx = get_context()
lang, labels, sel, k, package = ctx.lang, ctx.labels, ctx.selection, ctx.k, ctx.package
tx = partial(pick, built.SLIDE_TEXTS, lang=lang)
st.html(SLIDE_CSS)

slides = built.slides(labels)
n_slides = len(slides)
current = clamp_slide(st.query_params.get(PARAM, "1"), n_slides)
if st.query_params.get(PARAM) != str(current):
    st.query_params[PARAM] = str(current)
slide = slides[current - 1]
selection_text = f"{tx('selection')}: {filter_summary(sel.filters, labels, lang)}"

top_left, top_right = st.columns([5, 1])
top_left.caption(md(selection_text))
top_right.markdown(f"**{current} / {n_slides}**")
with top_left:
    large_enough = ui.coverage(ctx)

if slide.kind == "title":
    st.title(md(slide.title))
    st.markdown(f"**{tx('data')}:** {md(package.title)}")
    st.markdown(f"**{tx('date')}:** {dt.date.today().strftime('%d.%m.%Y' if lang == 'de' else '%Y-%m-%d')}")
    st.markdown(f"**{md(selection_text)}**")
    st.markdown(tx("findings", n=n_slides - 2))
elif slide.kind == "finding":
    finding = slide.finding
    rq = finding.research_question
    short = t("rq_short", lang)
    st.markdown(f"**{short} {rq}** – {rq_text(rq, lang)}")
    st.header(md(finding.title), anchor=False)
    st.markdown(md(finding.text))
    if large_enough:
        for category, fig, table in built.slide_charts(sel, labels, rq):
            ui.chart(fig, table, ctx, f"folie_{current}_{category}")
else:
    st.title(md(slide.title))
    st.subheader(tx("contact"), anchor=False)
    people = contacts(package.metadata)
    if not people:
        st.markdown(tx("no_contact"))
    for person in people:
        st.markdown("  \n".join(md(person[key]) for key in ("title", "organization", "email", "path") if key in person))

st.divider()
back, middle, forward = st.columns([1, 3, 1])
back.button(
    tx("back"),
    key="folie_zurueck",
    on_click=go_to,
    args=(max(current - 1, 1),),
    disabled=current == 1,
    shortcut="Left",
    icon=":material/arrow_back:",
    width="stretch",
)
middle.caption(tx("keys"))
with middle:
    # The focus group's live vote, started from the slides (the presenter's key is asked there).
    ui.page_link("pages/abstimmung.py", label=tx("voting"), icon=":material/how_to_vote:")
forward.button(
    tx("next"),
    key="folie_weiter",
    on_click=go_to,
    args=(min(current + 1, n_slides),),
    disabled=current == n_slides,
    shortcut="Right",
    icon=":material/arrow_forward:",
    icon_position="right",
    width="stretch",
    type="primary",
)
# Presenter clickers send Page Up / Page Down: the same moves on two buttons hidden by the slide CSS.
with st.container(key="folie_tasten"):
    st.button(tx("back"), key="folie_bild_hoch", on_click=go_to, args=(max(current - 1, 1),), shortcut="PageUp")
    st.button(
        tx("next"), key="folie_bild_runter", on_click=go_to, args=(min(current + 1, n_slides),), shortcut="PageDown"
    )
