"""Self-contained folium maps: scripts and styles from the app itself, no CDN, no third-party requests.

folium loads Leaflet, jQuery, Bootstrap, Font Awesome and Leaflet.awesome-markers from public CDNs
(``default_js`` / ``default_css`` of the map and of plugins). streamlit-folium strips the ``<script
src>`` and ``<link>`` tags from the map's header and loads the same ``default_js`` / ``default_css``
URLs itself inside its component iframe. ``make_offline`` rewrites those lists on the map's elements
(instance attributes; folium's classes stay untouched): Leaflet comes from ``static/vendor/``, served
by Streamlit at ``/app/static/...`` (``[server] enableStaticServing = true``), and what the map does not
use is dropped. An element that needs a resource not vendored here is refused, so no CDN URL slips
through unnoticed. Absolute paths from the origin are used because relative URLs inside the
component iframe resolve against the component's own URL.

``external_urls`` lists every URL a rendered map would make the browser fetch from another host.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import branca
from branca.element import Element

ROOT = Path(__file__).resolve().parents[1]
STATIC_DIR = ROOT / "static"
STATIC_URL = "/app/static"  # where Streamlit serves ./static

LEAFLET_VERSION = "1.9.3"
LEAFLET_DIR = f"vendor/leaflet-{LEAFLET_VERSION}"
LEAFLET_JS = f"{STATIC_URL}/{LEAFLET_DIR}/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/{LEAFLET_DIR}/leaflet.css"

# folium's resource names → the local copy, or None where the map does not need the resource.
REPLACEMENTS: dict[str, str | None] = {
    "leaflet": LEAFLET_JS,
    "leaflet_css": LEAFLET_CSS,
    "jquery": None,
    "bootstrap": None,
    "awesome_markers": None,
    "bootstrap_css": None,
    "glyphicons_css": None,
    "awesome_markers_font_css": None,
    "awesome_markers_css": None,
    "awesome_rotate_css": None,
}


class OfflineError(ValueError):
    """The map needs a script or style that is not available from the app."""


def is_local(url: str) -> bool:
    """A path on the app's own origin (not ``//host/...``, not ``http(s)://...``)."""
    return url.startswith("/") and not url.startswith("//")


def local_file(url: str) -> Path | None:
    """The file in ./static behind a local static URL, or None for other URLs."""
    prefix = STATIC_URL + "/"
    if not url.startswith(prefix):
        return None
    return STATIC_DIR / url[len(prefix) :]


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def _localise(element: Element, attr: str, base_path: str) -> None:
    entries = getattr(element, attr, None)
    if not entries:
        return
    kept = []
    for name, url in entries:
        if is_local(url):
            kept.append((name, url))
            continue
        if name not in REPLACEMENTS:
            raise OfflineError(f"{type(element).__name__} loads {url!r} ({name}), which is not vendored in static/")
        if name == "leaflet" and LEAFLET_VERSION not in url:
            raise OfflineError(f"folium expects Leaflet from {url!r}, but static/ holds Leaflet {LEAFLET_VERSION}")
        local = REPLACEMENTS[name]
        if local is not None:
            kept.append((name, base_path + local))
    setattr(element, attr, kept)


def make_offline(m: Element, base_path: str = "") -> Element:
    """Point every script and style of the map (and its root figure) at the app; returns the map.

    ``base_path`` is Streamlit's ``server.baseUrlPath`` (e.g. ``kooperationsatlas`` behind a reverse proxy):
    the map is its own document under the app's path, so its static URLs must carry the prefix."""
    base_path = "/" + base_path.strip("/") if base_path.strip("/") else ""
    root = m.get_root()
    for element in (*_walk(root), *_walk(m)):
        if isinstance(element, branca.colormap.ColorMap):
            # streamlit-folium loads d3 from two CDNs for every branca colormap.
            raise OfflineError("branca colormaps make streamlit-folium load d3 from a CDN; use an HTML legend")
        _localise(element, "default_js", base_path)
        _localise(element, "default_css", base_path)
    # Links a previous render already put into the header are rebuilt from the lists above.
    header = root.header._children
    for name in list(header):
        link = header[name]
        url = getattr(link, "url", None)
        if isinstance(url, str) and not is_local(url):
            del header[name]
    return m


# Any absolute URL; protocol-relative ones only where something is loaded from them.
_ABSOLUTE = re.compile(r"""\bhttps?://[^\s"'<>\\`)]+""", re.IGNORECASE)
_PROTOCOL_RELATIVE = re.compile(
    r"""(?:\b(?:src|href)\s*=\s*\\?["']?|url\(\s*\\?["']?)(//[^\s"'<>\\`)]+)""", re.IGNORECASE
)
# Links a person may follow (attributions) are not requests the page makes by itself.
_ANCHOR_HREF = re.compile(r"""(?:<|\\u003c)a\s[^>]*?\bhref\s*=\s*\\?["']([^"'\\]+)""", re.IGNORECASE)
# XML namespace names look like URLs but are never fetched.
_NAMESPACES = ("http://www.w3.org/",)


def external_urls(source: str | Element) -> list[str]:
    """URLs on other hosts that the map's HTML would make the browser fetch (sorted, without duplicates).

    ``source`` is HTML or a folium element (rendered with ``get_root().render()``). Script and style
    sources, tile URL templates and any other absolute URL in the HTML or its scripts count; the
    ``href`` of ``<a>`` links (attributions) and XML namespace names do not.
    """
    html = source if isinstance(source, str) else source.get_root().render()
    anchors = {m.span(1) for m in _ANCHOR_HREF.finditer(html)}
    found = set()
    for m in _ABSOLUTE.finditer(html):
        if m.span() in anchors or m.group().startswith(_NAMESPACES):
            continue
        found.add(m.group())
    for m in _PROTOCOL_RELATIVE.finditer(html):
        found.add(m.group(1))
    return sorted(found)


def resources(m: Element) -> tuple[list[str], list[str]]:
    """The scripts and styles streamlit-folium would load for the map (as it collects them)."""
    js: list[str] = []
    css: list[str] = []
    for element in _walk(m):
        js.extend(src for _, src in getattr(element, "default_js", []) or [])
        css.extend(href for _, href in getattr(element, "default_css", []) or [])
    return list(dict.fromkeys(js)), list(dict.fromkeys(css))
