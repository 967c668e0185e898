"""Rendering a folium map once and sending it to streamlit-folium's component on every rerun.

``st_folium`` renders the whole folium tree (Jinja templates, GeoJSON bounds, id rewriting) on every
call – most of a warm rerun of the map page. ``render`` does the same steps once with the module's
private helpers (``_get_html``, ``_get_header``, ``_get_map_string``), and ``send`` calls the
component function ``_component_func`` with the arguments ``st_folium`` would pass.
``tests/test_private_apis.py`` checks that the component receives exactly what ``st_folium`` sends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import folium
import streamlit_folium

from ... import offline

CHECKED = {"streamlit-folium": "0.27.4", "folium": "0.20.0"}


@dataclass(frozen=True)
class Rendered:
    """What streamlit-folium sends to its component for a map."""

    key: str  # the component's key: st_folium's hash of the script and the widget key
    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


def render(m: folium.Map, *, key: str) -> Rendered:
    """Render a map (already made offline) as ``st_folium`` does (render=True, a Map, no extras)."""
    m.get_root().render()
    m.render()
    html = streamlit_folium._get_html(m)
    header = streamlit_folium._get_header(m)
    script = streamlit_folium._get_map_string(m)
    js, css = offline.resources(m)
    return Rendered(
        key=streamlit_folium.generate_js_hash(script, key, False),
        script=script,
        header=header,
        html=html,
        map_id=streamlit_folium.get_full_id(m),
        css_links=tuple(css),
        js_links=tuple(js),
    )


def send(r: Rendered, *, height: int, returned_objects: list[str], on_change: Callable[[], None]) -> dict | None:
    """What ``st_folium(m, key=..., height=height, use_container_width=True, returned_objects=...,
    on_change=...)`` does after rendering."""
    return streamlit_folium._component_func(
        script=r.script,
        header=r.header,
        html=r.html,
        id=r.map_id,
        key=r.key,
        height=height,
        width=None,
        returned_objects=returned_objects,
        default=dict.fromkeys(returned_objects),
        zoom=None,
        center=None,
        feature_group=None,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(r.css_links),
        js_links=list(r.js_links),
        on_change=on_change,
        wrap_longitude=False,
    )
