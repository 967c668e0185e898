"""Präsentation: the findings as slides for a focus group on a projector, one finding per slide.

Large type, the sidebar and Streamlit's chrome hidden (constant CSS), navigation by buttons, arrow keys
and Page Up / Page Down (as presenter clickers send them). The current slide is the query parameter
"folie", so a reload keeps the place; a slide change replaces the browser's history entry (one "back"
leaves the slides). The page the slides were opened from is "von" (or the session's last page): a link
leads back there. The shared filters come from the URL / session as everywhere.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.app import ui
from components.app.content import findings as built
from components.app.context import get_context
from components.app.pages import PAGES
from components.i18n import coverage_text, pick, rq_text, t
from components.slides import (
    CHART_KEY,
    HEAD_KEY,
    HISTORY_SCRIPT,
    NAV_KEY,
    SLIDE_CSS,
    clamp_slide,
    contacts,
    filter_summary,
    package_date,
)
from components.text import md

PARAM = "folie"
# Where the slides were opened from: "?von=karte" (set when a link with ?praesentation=1 opens them), else
# the last page of this session (dashboard.py keeps it), else the overview.
FROM_PARAM, FROM_KEY = "von", "praesentation_von"
NOT_A_RETURN = ("praesentation", "mitmachen")


def go_to(number: int) -> None:
    st.query_params[PARAM] = str(number)


def return_page():
    """The page spec to go back to: a known page other than the slides, never one the URL made up."""
    known = {spec.url_path: spec for spec in PAGES if spec.url_path not in NOT_A_RETURN}
    for candidate in (st.query_params.get(FROM_PARAM), st.session_state.get(FROM_KEY)):
        if candidate in known:
            return known[candidate]
    return PAGES[0]


ctx = get_context()
lang, labels, sel, k, package = ctx.lang, ctx.labels, ctx.selection, ctx.k, ctx.package
tx = partial(pick, built.SLIDE_TEXTS, lang=lang)
st.html(SLIDE_CSS)
# components/slide_history.js, inlined as it is (deploy.proxy allows exactly this text by its hash).
st.html(f"<script>{HISTORY_SCRIPT}</script>", unsafe_allow_javascript=True)

slides = built.slides(labels)
n_slides = len(slides)
current = clamp_slide(st.query_params.get(PARAM, "1"), n_slides)
if st.query_params.get(PARAM) != str(current):
    st.query_params[PARAM] = str(current)
slide = slides[current - 1]
summary = filter_summary(sel.filters, labels, lang)
selection_text = f"{tx('selection')}: {summary}"
back_to = return_page()

# One line on top: the selection with what it covers, the way out, the slide number.
with st.container(key=HEAD_KEY, horizontal=True, vertical_alignment="center", gap="small", wrap=False):
    line = selection_text
    if not sel.too_small:
        covered = coverage_text(sel.n_municipalities, sel.n_actors, sel.n_statements, lang).split(": ", 1)[-1]
        line = f"{selection_text} · {covered} · {t('slide_protection', lang)}"
    st.caption(md(line), width="stretch")
    ui.page_link(back_to.file, label=t("slide_exit", lang, page=t(back_to.title_key, lang)), icon=":material/close:")
    st.markdown(f"**{current} / {n_slides}**", width="content")
large_enough = not sel.too_small
if not large_enough:
    st.warning(t("too_small", lang, k=k), icon=":material/lock:")
ui.protection_notices(ctx)

if slide.kind == "title":
    st.title(md(slide.title))
    st.markdown(f"**{tx('data')}:** {md(package.title)}")
    stand = package_date(package.metadata, lang)
    if stand:
        st.markdown(f"**{tx('date')}:** {stand}")
    st.markdown(f"**{md(selection_text)}**")
    st.markdown(tx("findings", n=n_slides - 2))
elif slide.kind == "finding":
    finding = slide.finding
    rq = finding.research_question
    short = t("rq_short", lang)
    st.caption(md(f"{short} {rq} · {t(f'rq_topic_{rq}', lang)} – {rq_text(rq, lang)}"))
    st.header(md(finding.title), anchor=False)
    st.markdown(md(finding.text))
    if large_enough:
        evidence = built.slide_chart(sel, labels, finding)
        if evidence is not None:
            with st.container(key=CHART_KEY):
                ui.chart(evidence.figure, evidence.table, ctx, f"folie_{current}", height="stretch")
else:
    st.title(md(slide.title))
    st.subheader(tx("contact"), anchor=False)
    people = contacts(package.metadata)
    if not people:
        st.markdown(tx("no_contact"))
    for person in people:
        st.markdown("  \n".join(md(person[key]) for key in ("title", "organization", "email", "path") if key in person))

with st.container(key=NAV_KEY):
    back, middle, forward = st.columns([1, 3, 1], vertical_alignment="center")
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
    with middle.container(horizontal=True, gap="medium", vertical_alignment="center"):
        st.caption(tx("keys"), width="content")
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
