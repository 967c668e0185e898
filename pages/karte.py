"""Karte: the municipalities of the selection on a map of Germany – cooperation today (RQ1), processes
started (RQ6) and challenges (RQ7) – with the same numbers as a table below."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import map_scale, map_texts, maps
from components.app import mapview, ui
from components.app.content import karte as built
from components.app.context import get_context
from components.i18n import pick, t

ctx = get_context()
lang = ctx.lang
tx = partial(pick, built.TEXTS, lang=lang)
ui.page_header(ctx, "page_map")
st.markdown(tx("intro"))
if ctx.selection.filters.municipality_id:
    st.button(tx("clear"), on_click=mapview.clear_municipality, args=(st.session_state,), icon=":material/close:")
if not ui.coverage(ctx):
    st.stop()

metric = st.radio(
    tx("metric"),
    map_scale.METRICS,
    format_func=lambda m: pick(map_texts.TEXTS, m, lang),
    horizontal=True,
    key="karte_metric",
)
tiles = st.toggle(tx("tiles"), value=False, key="karte_tiles", help=tx("tiles_help"))

st.caption(tx("click_hint"))
rendered, description = built.rendered_map(ctx.selection, ctx.labels, metric, tiles)
mapview.show_rendered(rendered, key="karte_map", height=620)
st.caption(description)
sources = f"{tx('sources')}: [{maps.BKG_ATTRIBUTION}]({maps.BKG_URL})"
if tiles:
    sources += f" · [{tx('osm')}]({maps.OSM_COPYRIGHT_URL})"
st.caption(sources)

st.subheader(tx("table"))
table, any_suppressed = built.municipality_table(ctx.selection, ctx.labels)
st.dataframe(table, hide_index=True, key="karte_table")
if any_suppressed:
    st.caption(t("suppressed_note", lang, k=ctx.k))
