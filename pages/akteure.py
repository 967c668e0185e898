"""Akteure (RQ2): who took part, and which actor types are best suited as partners of the administration."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.app import ui
from components.app.content import akteure as built
from components.app.context import get_context
from components.i18n import pick, t
from components.text import md
from study import cooperation

ctx = get_context()
lang, sel, k = ctx.lang, ctx.selection, ctx.k
labels = ctx.labels


tx = partial(pick, built.TEXTS, lang=lang)


ui.page_header(ctx, "page_actors")
if not ui.coverage(ctx):
    st.stop()

# Participants by actor group, actor type, municipality or method.
st.header(tx("participants"))
dimensions = ui.allowed_dimensions(ctx, built.DIMENSIONS)
by = st.segmented_control(
    tx("dimension"),
    dimensions,
    default=dimensions[0],
    required=True,
    format_func=labels.dimension_title,
    key="akteure_dimension",
)
by = by if by in dimensions else dimensions[0]
participants = built.participants_chart(sel, labels, by)
if participants is None:
    st.info(t("no_data", lang))
else:
    ui.chart(*participants, ctx, "akteure_participants")
    if by == "method":
        st.caption(tx("method_note"))

# Suitability of actor types as partners, over all criteria or one.
st.header(tx("suitability"))
criteria = [None, *cooperation.category_codes(ctx.package, cooperation.SUITABILITY)]
criterion = st.selectbox(
    tx("criterion"),
    criteria,
    format_func=lambda c: tx("all_criteria") if c is None else labels.code(c),
    key="akteure_criterion",
)
description = cooperation.code_description(ctx.package, criterion, lang) if criterion is not None else ""
if description:
    st.markdown(f"*{md(description)}*")
st.caption(tx("suitability_explain", k=k))
suitability = built.suitability_chart(sel, labels, criterion)
if suitability is None:
    st.info(t("no_data", lang))
else:
    ui.chart(*suitability, ctx, "akteure_suitability")
