"""Showing a map from ``components.maps`` in Streamlit, and turning a click on a marker into a filter.

The map is rendered by streamlit-folium after ``components.offline.make_offline`` (no CDN). Only the
clicked object is returned to Python, so panning and zooming never rerun the app; a click on a
marker sets the shared municipality filter from ``on_change``, which runs before the next script
run, i.e. before the sidebar widget with that key is drawn again.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from functools import partial

import folium
import pandas as pd
import streamlit as st
import streamlit_folium
from streamlit_folium import st_folium

from study.selection import QUERY_KEYS

from .. import maps, offline

MUNICIPALITY_KEY = QUERY_KEYS["municipality_id"]  # the sidebar's multiselect ("kommune")
RETURNED_OBJECTS = ["last_object_clicked", "last_object_clicked_tooltip"]


def select_clicked(state: MutableMapping, key: str, candidates: pd.DataFrame) -> str | None:
    """Callback: select the clicked municipality (if any) in the shared filter; returns its id.

    ``state`` is ``st.session_state`` in the app; ``state[key]`` holds what streamlit-folium returned;
    ``candidates`` has ``municipality_id``, ``lat`` and ``lon`` of the markers that were on the map.
    """
    clicked = maps.clicked_municipality(state.get(key), candidates)
    if clicked is not None and list(state.get(MUNICIPALITY_KEY) or []) != [clicked]:
        state[MUNICIPALITY_KEY] = [clicked]
    return clicked


def clear_municipality(state: MutableMapping) -> None:
    """Callback: drop the municipality filter only (the other filters stay)."""
    state[MUNICIPALITY_KEY] = []


@dataclass(frozen=True)
class RenderedMap:
    """What streamlit-folium sends to its component for a map: rendered once, shown on every rerun.

    ``st_folium`` renders the whole folium tree (Jinja templates, GeoJSON bounds, id rewriting) on
    every call – most of a warm rerun of the map page. ``render_map`` does the same work once, so the
    result can be memoised per selection and options; ``show_rendered`` only passes it on.
    """

    key: str  # the component's key: st_folium's hash of the script and the widget key
    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    candidates: pd.DataFrame  # municipality_id, lat, lon of the markers (for the click callback)


def render_map(m: folium.Map, profiles: pd.DataFrame, *, key: str) -> RenderedMap:
    """Make the map self-contained and render it as ``st_folium`` would (no streamlit calls)."""
    offline.make_offline(m)
    # The same steps, in the same order, as streamlit_folium.st_folium (render=True, a Map, no extras).
    m.get_root().render()
    m.render()
    html = streamlit_folium._get_html(m)
    header = streamlit_folium._get_header(m)
    script = streamlit_folium._get_map_string(m)
    js, css = offline.resources(m)
    return RenderedMap(
        key=streamlit_folium.generate_js_hash(script, key, False),
        script=script,
        header=header,
        html=html,
        map_id=streamlit_folium.get_full_id(m),
        css_links=tuple(css),
        js_links=tuple(js),
        candidates=profiles[["municipality_id", "lat", "lon"]].copy(),
    )


def _on_change(key: str, component_key: str, candidates: pd.DataFrame) -> None:
    state = st.session_state
    state[key] = state.get(component_key, {})  # as st_folium does
    select_clicked(state, key, candidates)


def show_rendered(r: RenderedMap, *, key: str, height: int = 560) -> dict | None:
    """Show a map from ``render_map``; a click on a marker selects that municipality in the filters.

    Equivalent to ``st_folium(m, key=key, height=height, use_container_width=True,
    returned_objects=RETURNED_OBJECTS, on_change=...)`` (``tests/test_page_karte.py`` checks that
    the component receives the same arguments), without rendering the map again.
    """
    return streamlit_folium._component_func(
        script=r.script,
        header=r.header,
        html=r.html,
        id=r.map_id,
        key=r.key,
        height=height,
        width=None,
        returned_objects=RETURNED_OBJECTS,
        default=dict.fromkeys(RETURNED_OBJECTS),
        zoom=None,
        center=None,
        feature_group=None,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(r.css_links),
        js_links=list(r.js_links),
        on_change=partial(_on_change, key, r.key, r.candidates),
        wrap_longitude=False,
    )


def show_map(m, profiles: pd.DataFrame, *, key: str, height: int = 560) -> dict | None:
    """Render the map self-contained; a click on a marker selects that municipality in the filters."""
    offline.make_offline(m)
    candidates = profiles[["municipality_id", "lat", "lon"]].copy()
    return st_folium(
        m,
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=RETURNED_OBJECTS,
        on_change=partial(select_clicked, st.session_state, key, candidates),
    )
