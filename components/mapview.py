"""Showing a map from ``components.maps`` in Streamlit, and turning a click on a marker into a filter.

The map is rendered by streamlit-folium after ``components.offline.make_offline`` (no CDN). Only the
clicked object is returned to Python, so panning and zooming never rerun the app; a click on a
marker sets the shared municipality filter from ``on_change``, which runs before the next script
run, i.e. before the sidebar widget with that key is drawn again.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from functools import partial

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from study.selection import QUERY_KEYS

from . import maps, offline

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
