"""Karte: the municipalities of the selection on a map of Germany – cooperation today (RQ1), processes
started (RQ6) and challenges (RQ7) – with the same numbers as a table below."""

from __future__ import annotations

import streamlit as st

from components import maps
from components.app import mapview, memo, ui
from components.app.context import get_context
from components.i18n import t
from components.text import md
from study.selection import Selection

TEXT = {
    "intro": (
        "Jeder Kreis ist eine Kommune der Auswahl; seine Fläche zeigt, wie viele Akteure dort befragt wurden. "
        "Farbe und Zahl im Kreis zeigen die gewählte Kennzahl: den Anteil bestehender Kooperationen (FF 1), die Zahl "
        "codierter Aussagen oder die mittlere Schwere der genannten Herausforderungen (FF 7). Tooltip und Tabelle nennen zudem "
        "Ratsbeschluss und Fairtrade-Town-Status als angestoßene Prozesse (FF 6).",
        "Each circle is a municipality of the selection; its area shows how many actors were interviewed there. "
        "Colour and the number in the circle show the chosen figure: the share of existing cooperations (RQ 1), the "
        "number of coded statements or the mean severity of the challenges named (RQ 7). Tooltip and table also give council resolution and "
        "Fairtrade Town status as processes started (RQ 6).",
    ),
    "metric": ("Kennzahl für Farbe und Zahl", "Figure for colour and number"),
    "tiles": (
        "Hintergrundkarte (OpenStreetMap) laden – sendet Ihre IP-Adresse an externe Server",
        "Load background map (OpenStreetMap) – sends your IP address to external servers",
    ),
    "tiles_help": (
        "Ohne Hintergrundkarte lädt die Karte nichts von fremden Servern: Grenzen und Skripte kommen aus dem "
        "Dashboard selbst.",
        "Without the background map nothing is loaded from other servers: boundaries and scripts come from the "
        "dashboard itself.",
    ),
    "click_hint": (
        "Ein Klick auf einen Kreis (oder Tab-Taste und Enter) wählt die Kommune in den Filtern links aus.",
        "Clicking a circle (or Tab and Enter) selects the municipality in the filters on the left.",
    ),
    "clear": ("Kommunen-Auswahl aufheben", "Clear municipality selection"),
    "sources": ("Kartengrundlage", "Map data"),
    "osm": ("Hintergrund: © OpenStreetMap-Mitwirkende", "Background: © OpenStreetMap contributors"),
    "table": ("Die Kommunen als Tabelle", "The municipalities as a table"),
}


def tx(key: str) -> str:
    de, en = TEXT[key]
    return en if lang == "en" else de


# The map (rendered once) and the table, memoised per selection, language and options (components.app.memo.view).


@memo.view
def map_view(sel: Selection, lang: str, metric: str, tiles: bool) -> tuple[mapview.RenderedMap, str]:
    profiles = memo.aggregate.municipality_profiles(sel)
    labels = memo.labels(sel.package, lang)
    m = maps.build_map(
        profiles, metric, k=sel.k, lang=lang, tiles=tiles, state_label=labels.state, size_label=labels.size_class
    )
    description = md(maps.describe_map(profiles, metric, k=sel.k, lang=lang))  # names come from the data
    return mapview.render_map(m, profiles, key="karte_map"), description


@memo.view
def table_view(sel: Selection, lang: str):
    profiles = memo.aggregate.municipality_profiles(sel)
    labels = memo.labels(sel.package, lang)
    table = maps.profile_table(profiles, k=sel.k, lang=lang, state_label=labels.state, size_label=labels.size_class)
    return table, bool(profiles["suppressed"].astype(bool).any())


ctx = get_context()
lang = ctx.lang
ui.page_header(ctx, "page_map", rqs=(1, 6, 7))
st.markdown(tx("intro"))
if ctx.selection.filters.municipality_id:
    st.button(tx("clear"), on_click=mapview.clear_municipality, args=(st.session_state,), icon=":material/close:")
if not ui.coverage(ctx):
    st.stop()

metric = st.radio(
    tx("metric"),
    maps.METRICS,
    format_func=lambda m: maps.text(m, lang),
    horizontal=True,
    key="karte_metric",
)
tiles = st.toggle(tx("tiles"), value=False, key="karte_tiles", help=tx("tiles_help"))

st.caption(tx("click_hint"))
rendered, description = map_view(ctx.selection, lang, metric, tiles)
mapview.show_rendered(rendered, key="karte_map", height=620)
st.caption(description)
sources = f"{tx('sources')}: [{maps.BKG_ATTRIBUTION}]({maps.BKG_URL})"
if tiles:
    sources += f" · [{tx('osm')}]({maps.OSM_COPYRIGHT_URL})"
st.caption(sources)

st.subheader(tx("table"))
table, any_suppressed = table_view(ctx.selection, lang)
st.dataframe(table, hide_index=True, key="karte_table")
if any_suppressed:
    st.caption(t("suppressed_note", lang, k=ctx.k))
