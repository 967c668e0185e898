"""Rendering a folium map once and sending it to streamlit-folium's component on every rerun.

``st_folium`` renders the whole folium tree (Jinja templates, GeoJSON bounds, id rewriting) on every
call – most of a warm rerun of the map page. ``render`` does the same steps once with the module's
private helpers (``_get_html``, ``_get_header``, ``_get_map_string``), and ``send`` calls the
component function ``_component_func`` with the arguments ``st_folium`` would pass.
``tests/test_private_apis.py`` checks that the component receives exactly what ``st_folium`` sends.

Rendering itself is made cheaper inside ``render`` (a new selection renders a new map: about 110 ms of CPU per
study map with branca's own path, 13 ms with this one; it was most of the map page's server time). branca's ``MacroElement.render`` wraps each macro's output – the
whole state-boundary GeoJSON among them – in ``Element(text)``, which compiles that text as a Jinja template
only to render it back unchanged: two thirds of a render. Inside ``render`` the output is kept as it is
(``_Literal``) whenever Jinja would give it back unchanged (no ``{{``, ``{%``, ``{#``, no carriage return; one
trailing newline dropped, as Jinja does); the figure's script part, which streamlit-folium never reads (it
builds the script from each element's macro itself), is made only if rendered; and the figure's own template,
whose output is thrown away, is not rendered. Big data that never changes (``frozen``: the state boundaries,
the same object in every map) is encoded by Jinja's ``tojson`` once per process, not once per map. Everywhere
else branca and Jinja render as always.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

import branca.element
import folium
import jinja2.filters
import streamlit_folium

from ... import offline

# Checked: jinja2's tojson filter calls jinja2.filters.htmlsafe_json_dumps(value, dumps=..., indent=..., **kwargs);
# MacroElement.render adds Element(macro(self, kwargs)) for the template's header, html and script
# macros to the figure's parts under the element's name, then renders its children; Figure.render renders its
# children, then its template; streamlit-folium reads header and html from the figure, not its script.
CHECKED = {"streamlit-folium": "0.27.4", "folium": "0.20.0", "branca": "0.8.2", "jinja2": "3.1.6"}

_FAST: ContextVar[bool] = ContextVar("rendering_for_streamlit_folium", default=False)
_macro_render = branca.element.MacroElement.render
_json_dumps = jinja2.filters.htmlsafe_json_dumps
# id → (the frozen object, the encoder's arguments, its JSON); the object is kept so that its id stays its own
_frozen: dict[int, tuple[object, tuple, str | None]] = {}
_FROZEN_MAX = 8  # a caller that passes new objects every time must not fill the memory
_JINJA_SYNTAX = ("{{", "{%", "{#", "\r")


class _Literal(branca.element.Element):
    """A macro's output that Jinja would render back unchanged: kept as text, not compiled."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class _Deferred(branca.element.Element):
    """A macro's output that is only made if someone renders it (the figure's script part)."""

    def __init__(self, make: Callable[[], str]):
        super().__init__()
        self._make = make

    def render(self, **kwargs) -> str:
        return _element(self._make()).render(**kwargs)


def _element(text: str) -> branca.element.Element:
    """What ``Element(text)`` renders to, without compiling ``text`` when Jinja would not change it."""
    if any(mark in text for mark in _JINJA_SYNTAX):
        return branca.element.Element(text)
    return _Literal(text[:-1] if text.endswith("\n") else text)


def _render_macro(self, **kwargs):
    if not _FAST.get():
        return _macro_render(self, **kwargs)
    figure = self.get_root()
    assert isinstance(figure, branca.element.Figure), "You cannot render this Element if it is not in a Figure."
    module = self._template.module.__dict__
    header, html, script = module.get("header"), module.get("html"), module.get("script")
    if header is not None:
        figure.header.add_child(_element(header(self, kwargs)), name=self.get_name())
    if html is not None:
        figure.html.add_child(_element(html(self, kwargs)), name=self.get_name())
    if script is not None:
        figure.script.add_child(_Deferred(lambda: script(self, kwargs)), name=self.get_name())
    for element in self._children.values():
        element.render(**kwargs)


branca.element.MacroElement.render = _render_macro


def _tojson(obj, dumps=None, **kwargs):
    seen = _frozen.get(id(obj)) if _FAST.get() else None
    if seen is None or seen[0] is not obj:
        return _json_dumps(obj, dumps=dumps, **kwargs)
    args = (dumps, tuple(sorted(kwargs.items())))
    if seen[1] != args or seen[2] is None:
        seen = _frozen[id(obj)] = (obj, args, _json_dumps(obj, dumps=dumps, **kwargs))
    return seen[2]


jinja2.filters.htmlsafe_json_dumps = _tojson


def _freeze(objects) -> None:
    for obj in objects:
        if id(obj) not in _frozen or _frozen[id(obj)][0] is not obj:
            if len(_frozen) >= _FROZEN_MAX:
                _frozen.clear()
            _frozen[id(obj)] = (obj, (), None)


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


def render(m: folium.Map, *, key: str, frozen: tuple = ()) -> Rendered:
    """Render a map (already made offline) as ``st_folium`` does (render=True, a Map, no extras).

    ``frozen``: data of the map's layers that nobody changes (its JSON is made once and kept)."""
    _freeze(frozen)
    token = _FAST.set(True)
    try:
        for child in list(m.get_root()._children.values()):  # Figure.render without its unused template
            child.render()
        m.render()
        html = streamlit_folium._get_html(m)
        header = streamlit_folium._get_header(m)
        script = streamlit_folium._get_map_string(m)
    finally:
        _FAST.reset(token)
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
