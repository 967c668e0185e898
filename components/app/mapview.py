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

from study.selection import QUERY_KEYS

from .. import map_wire, maps, offline
from .private import folium_render

MUNICIPALITY_KEY = QUERY_KEYS["municipality_id"]  # the sidebar's multiselect ("kommune")
RETURNED_OBJECTS = ["last_object_clicked", "last_object_clicked_tooltip"]


def select_clicked(state: MutableMapping, key: str, candidates: pd.DataFrame) -> str | None:
    """Callback: select the clicked municipality (if any) in the shared filter; returns its id.

    ``state`` is ``st.session_state`` in the app; ``state[key]`` holds what streamlit-folium returned;
    ``candidates`` has ``municipality_id``, ``lat`` and ``lon`` of the markers that were on the map.
    """
    clicked = map_wire.clicked_municipality(state.get(key), candidates)
    if clicked is not None and list(state.get(MUNICIPALITY_KEY) or []) != [clicked]:
        state[MUNICIPALITY_KEY] = [clicked]
    return clicked


def clear_municipality(state: MutableMapping) -> None:
    """Callback: drop the municipality filter only (the other filters stay)."""
    state[MUNICIPALITY_KEY] = []


@dataclass(frozen=True)
class RenderedMap(folium_render.Rendered):
    """A map rendered once (``folium_render.render``), shown on every rerun, and its markers."""

    candidates: pd.DataFrame  # municipality_id, lat, lon of the markers (for the click callback)


def render_map(m: folium.Map, profiles: pd.DataFrame, *, key: str) -> RenderedMap:
    """Make the map self-contained and render it as ``st_folium`` would (no streamlit calls)."""
    offline.make_offline(m, base_path=st.get_option("server.baseUrlPath"))
    # The state boundaries are one object for every map, never changed (components.maps caches them).
    rendered = folium_render.render(m, key=key, frozen=(maps._boundaries(),))
    return RenderedMap(**vars(rendered), candidates=profiles[["municipality_id", "lat", "lon"]].copy())


def _on_change(key: str, component_key: str, candidates: pd.DataFrame) -> None:
    state = st.session_state
    state[key] = state.get(component_key, {})  # as st_folium does
    select_clicked(state, key, candidates)


def show_rendered(r: RenderedMap, *, key: str, height: int = 560) -> dict | None:
    """Show a map from ``render_map``; a click on a marker selects that municipality in the filters."""
    on_change = partial(_on_change, key, r.key, r.candidates)
    return folium_render.send(r, height=height, returned_objects=RETURNED_OBJECTS, on_change=on_change)
