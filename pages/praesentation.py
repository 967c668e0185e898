"""Präsentation: the findings as slides for a focus group on a projector, one finding per slide.

Large type, the sidebar and Streamlit's chrome hidden (constant CSS), navigation by buttons, arrow keys
and Page Up / Page Down (as presenter clickers send them). The current slide is the query parameter
"folie", so a reload keeps the place; the shared filters come from the URL / session as everywhere.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.app import memo, ui
from components.app.context import get_context
from components.charts import FrozenFigure
from components.evidence import build_code_shares, code_table
from components.i18n import rq_text, t
from components.slides import (
    SLIDE_CSS,
    Slide,
    build_slides,
    clamp_slide,
    contacts,
    filter_summary,
    presentation_figure,
)
from components.text import md
from study.package import StudyPackage
from study.selection import Selection

TEXT = {
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
PARAM = "folie"


def tx(key: str, **params) -> str:
    de, en = TEXT[key]
    text = en if lang == "en" else de
    return text.format(**params) if params else text


def go_to(number: int) -> None:
    st.query_params[PARAM] = str(number)


@memo.view
def slides_of(package: StudyPackage, lang: str) -> list[Slide]:
    return build_slides(package, lang, t("app_subtitle", lang), TEXT["closing"][lang == "en"])


@memo.view
def slide_charts(sel: Selection, lang: str, rq: int) -> list[tuple[str, FrozenFigure, ui.ChartTable]]:
    """A research question's evidence charts in presentation size, with their tables."""
    labels, short = memo.labels(sel.package, lang), t("rq_short", lang)
    charts = []
    for item in memo.evidence.question_evidence(sel, rq):
        if item.frame.empty:
            continue
        title = f"{labels.category(item.category)} ({short} {rq})"
        fig = build_code_shares(item.frame, labels.code, k=sel.k, lang=lang, title=title)
        table = code_table(item.frame, labels.code, k=sel.k, lang=lang)
        charts.append((item.category, *ui.prepared(presentation_figure(fig), table)))
    return charts


ctx = get_context()
lang, labels, sel, k, package = ctx.lang, ctx.labels, ctx.selection, ctx.k, ctx.package
st.html(SLIDE_CSS)

slides = slides_of(package, lang)
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
        for category, fig, table in slide_charts(sel, lang, rq):
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
