"""The map of the municipalities: a self-contained folium map built from ``municipality_profiles``.

One marker per municipality: its area grows with the number of actors, its fill colour and the
number written inside it show the chosen metric, a dashed outline marks an approximate position,
and municipalities behind fewer than k actors show "< k" on a hatched grey marker. The state
boundaries (BKG VG5000) form the background; an OpenStreetMap tile layer is added only on request,
as loading tiles sends the visitor's IP address to the tile servers. All markers form ONE Leaflet
GeoJSON layer, whose data is in the wire format of ``map_wire``; scales and formats are in
``map_scale``, the words in ``map_texts``, the markers' JavaScript in ``static/map/municipalities.js``.
The builders do not import streamlit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import folium
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from study import geo
from study.anonymity import suppression_label

from . import map_scale
from .i18n import count_noun, fmt_int, pick, tr
from .map_scale import (
    BACKGROUND,
    CLASS_COLOURS,
    CLASS_TEXT,
    METRIC_KIND,
    MISSING_COLOUR,
    OUTLINE,
    SUPPRESSED_COLOUR,
    VALUE_ORDER,
    Scale,
    format_value,
)
from .map_texts import TEXTS
from .map_wire import ID_CLOSE, ID_OPEN, _flag, _json, _labelled, features_from_columns, marker_columns
from .text import html_text

GERMANY_BOUNDS = ((47.27, 5.87), (55.06, 15.04))
BKG_URL = "https://www.bkg.bund.de"
BKG_ATTRIBUTION = "© GeoBasis-DE / BKG 2021 (Daten verändert)"
BKG_ATTRIBUTION_HTML = f'<a href="{BKG_URL}">{BKG_ATTRIBUTION}</a>'
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_COPYRIGHT_URL = "https://www.openstreetmap.org/copyright"
OSM_ATTRIBUTION_HTML = {
    "de": f'&copy; <a href="{OSM_COPYRIGHT_URL}">OpenStreetMap</a>-Mitwirkende',
    "en": f'&copy; <a href="{OSM_COPYRIGHT_URL}">OpenStreetMap</a> contributors',
}


# Turns the embedded columns into GeoJSON features (mirrors features_from_columns).
# The markers' JavaScript: a real file in static/, inlined into the map's script (no extra request).
MARKERS_JS = Path(__file__).resolve().parents[1] / "static" / "map" / "municipalities.js"


@cache
def markers_js() -> str:
    return MARKERS_JS.read_text(encoding="utf-8")


class MunicipalityLayer(MacroElement):
    """One Leaflet GeoJSON layer with a marker per municipality; the data embedded column by column."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        var {{ this.get_name() }} = L.geoJson(kaMunicipalities.expand({{ this.data_json }}), {
            pointToLayer: kaMunicipalities.pointToLayer({{ this.config_json }})
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, columns: dict, config: dict):
        super().__init__()
        self._name = "MunicipalityLayer"
        self.columns = columns
        self.data_json = _json(columns)
        self.library = markers_js()
        self.config_json = _json(config)


class Declutter(MacroElement):
    """Moves overlapping labelled markers apart after every zoom (``declutter`` in the JS)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        kaMunicipalities.declutter({{ this._parent.get_name() }}, {{ this.layer }});
        {% endmacro %}
        """
    )

    def __init__(self, layer: str):
        super().__init__()
        self._name = "Declutter"
        self.layer = layer


class Legend(MacroElement):
    """The legend, a collapsible Leaflet control; the map is fitted to ``bounds`` beside it (``legend`` in the JS).

    Its HTML is built from our own texts and formatted numbers.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        kaMunicipalities.controls({{ this._parent.get_name() }}, {{ this.controls_json }});
        var {{ this.get_name() }} = kaMunicipalities.legend({{ this._parent.get_name() }}, {{ this.html_json }},
            {{ this.title_json }}, {{ this.bounds_json }}, {{ this.margin }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, *, title: str, bounds, margin: int, controls: dict[str, str]):
        super().__init__()
        self._name = "Legend"
        self.controls_json = _json(controls)
        self.html = html
        self.html_json = _json(html)
        self.title_json = _json(html_text(title))
        self.bounds_json = _json([list(corner) for corner in bounds])
        self.margin = int(margin)


def _css() -> str:
    classes = "\n".join(
        f".ka-m.ka-c{i} {{ background: {bg}; color: {fg}; }}"
        for i, (bg, fg) in enumerate(zip(CLASS_COLOURS, CLASS_TEXT, strict=True))
    )
    return f"""<style>
.leaflet-container {{ background: {BACKGROUND}; font-family: "Source Sans Pro", Arial, sans-serif; }}
.ka-m {{ display: flex; align-items: center; justify-content: center; box-sizing: border-box;
  border: 2px solid {OUTLINE}; border-radius: 50%; font: 600 12px/1 "Source Sans Pro", Arial, sans-serif;
  white-space: nowrap; letter-spacing: -0.2px; }}
.ka-m.ka-x {{ border-style: dashed; }}
.ka-m.ka-s {{ background: repeating-linear-gradient(45deg, {SUPPRESSED_COLOUR} 0 4px, #DDDDDD 4px 8px);
  color: #1A1A1A; }}
.ka-m.ka-na {{ background: {MISSING_COLOUR}; color: #1A1A1A; }}
{classes}
.ka-m:focus-visible {{ outline: 3px solid #E69F00; outline-offset: 2px; }}
.ka-legend {{ background: rgba(255,255,255,0.95); padding: 6px 9px; border: 1px solid #8A8A8A; border-radius: 4px;
  font-size: 13px; line-height: 1.35; color: #1A1A1A; max-width: 260px; }}
.ka-legend summary {{ cursor: pointer; font-weight: 600; }}
.ka-legend summary:focus-visible {{ outline: 3px solid #E69F00; outline-offset: 2px; }}
.ka-legend[open] summary {{ margin-bottom: 4px; }}
.ka-legend-body {{ max-height: 60vh; overflow-y: auto; }}
.ka-legend .ka-sw {{ display: inline-block; width: 14px; height: 14px; margin-right: 6px; vertical-align: -2px;
  border: 1px solid {OUTLINE}; border-radius: 50%; }}
.ka-legend .ka-sw.ka-x {{ border-style: dashed; border-width: 2px; background: #FFFFFF; }}
.ka-legend .ka-sw.ka-s {{ background: repeating-linear-gradient(45deg, {SUPPRESSED_COLOUR} 0 3px, #DDDDDD 3px 6px); }}
/* The attribution (bottom right) wraps beside the scale bar (bottom left, at most 100 px wide) instead of
   running over it on a phone's narrow map; on a wide map it stays one line. */
.leaflet-control-attribution {{ max-width: calc(100% - 140px); white-space: normal; line-height: 1.3; }}
.leaflet-tooltip, .leaflet-popup-content {{ font-size: 13px; line-height: 1.35; color: #1A1A1A; }}
</style>"""


def legend_html(scale: Scale, *, k: int, lang: str, labelled: bool, any_missing: bool) -> str:
    """The legend: what colour, number, size, outline and "< k" mean (our texts, escaped)."""
    title = pick(TEXTS, scale.metric, lang)
    head = pick(TEXTS, "legend_colour" if labelled else "legend_colour_plain", lang)
    rows = [f"<strong>{html_text(head)}:</strong><br>{html_text(title)}"]
    for colour, label in zip(scale.colours, scale.labels(lang), strict=True):
        rows.append(f'<span class="ka-sw" style="background:{CLASS_COLOURS[colour]}"></span>{html_text(label)}')
    hidden = suppression_label(k)
    rows.append(
        f'<span class="ka-sw ka-s"></span>{html_text(hidden)}: {html_text(pick(TEXTS, "legend_suppressed", lang, k=k))}'
    )
    if any_missing:
        rows.append(
            f'<span class="ka-sw" style="background:{MISSING_COLOUR}"></span>– : {html_text(pick(TEXTS, "legend_missing", lang))}'
        )
    rows.append(f'<span class="ka-sw ka-x"></span>{html_text(pick(TEXTS, "legend_dashed", lang))}')
    rows.append(html_text(pick(TEXTS, "legend_size", lang)))
    if labelled:
        rows.append(html_text(pick(TEXTS, "legend_moved", lang)))
    else:
        rows.append(html_text(pick(TEXTS, "legend_plain", lang)))
    return "<br>".join(rows)


_VIEWPORT = re.compile(r"<meta name=\"viewport\"[^>]*>")
ACCESSIBLE_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1.0" />'


class AtlasMap(folium.Map):
    """folium's Map without ``user-scalable=no, maximum-scale=1.0`` (WCAG 1.4.4: zooming must stay possible)."""

    def render(self, **kwargs):
        super().render(**kwargs)
        header = self.get_root().header
        name = self.get_name()
        if name in header._children:
            fixed = _VIEWPORT.sub(ACCESSIBLE_VIEWPORT, header._children[name].render())
            header._children[name] = Element(fixed.replace("{", "{{ '{' }}"))


def _boundaries() -> dict:
    """The state boundaries without attributes (the layer is not interactive)."""
    return _boundaries_cached(str(geo.SHAPES_PATH))


@cache
def _boundaries_cached(path: str) -> dict:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": f["geometry"], "properties": {}} for f in data["features"]],
    }


def map_bounds(states: Sequence[str] = ()) -> tuple[tuple[float, float], tuple[float, float]]:
    """((south, west), (north, east)) around the given federal states, or around Germany when none is given."""
    shapes = geo.load_state_shapes()
    chosen = [shapes[code] for code in dict.fromkeys(states) if code in shapes]
    if not chosen:
        return GERMANY_BOUNDS
    west = min(g.bounds[0] for g in chosen)
    south = min(g.bounds[1] for g in chosen)
    east = max(g.bounds[2] for g in chosen)
    north = max(g.bounds[3] for g in chosen)
    return (round(south, 3), round(west, 3)), (round(north, 3), round(east, 3))


def focus_states(profiles: pd.DataFrame, filters) -> tuple[str, ...]:
    """The states the map zooms to: the state filter's, else those of the selection's municipalities once any
    filter is set (the whole country without filters)."""
    if filters.state:
        return tuple(filters.state)
    if filters.is_empty or not len(profiles):
        return ()
    return tuple(sorted(str(v) for v in profiles["state"].dropna().unique()))


def build_map(
    profiles: pd.DataFrame,
    metric: str,
    *,
    k: int,
    lang: str,
    state_label: Callable[[str], str],
    size_label: Callable[[str], str],
    tiles: bool = False,
    states: Sequence[str] = (),
) -> folium.Map:
    """The map of the municipalities in ``profiles`` (from ``study.aggregate.municipality_profiles``).

    The view is fitted to the federal states ``states`` (all of Germany when empty), beside the legend.

    With ``tiles=False`` (the default) the map references no external resource once
    ``components.offline.make_offline`` has pointed its scripts at the app; ``tiles=True`` adds the
    OpenStreetMap tile layer with its attribution.
    """
    labelled = _labelled(profiles)
    columns, places, scale = marker_columns(
        profiles, metric, k=k, lang=lang, state_label=state_label, size_label=size_label
    )
    (s, w), (n, e) = GERMANY_BOUNDS
    m = AtlasMap(
        location=[(s + n) / 2, (w + e) / 2],
        zoom_start=6,
        tiles=None,
        min_zoom=5,
        max_zoom=18 if tiles else 12,
        zoom_control=False,  # both come from the legend's script, with German titles and kilometres only
        control_scale=False,
        zoom_snap=0.25,  # lets fitBounds fill the frame with Germany
        zoom_delta=0.5,
    )
    m.get_root().header.add_child(Element(_css()), name="kooperationsatlas_map_css")
    if tiles:
        attribution = OSM_ATTRIBUTION_HTML["en" if lang == "en" else "de"]
        folium.TileLayer(tiles=OSM_TILES, attr=attribution, name="OpenStreetMap", max_zoom=19).add_to(m)
    folium.GeoJson(
        _boundaries(),
        name=tr(("Bundesländer", "Federal states"), lang),
        control=False,
        interactive=False,
        attribution=BKG_ATTRIBUTION_HTML,
        style={
            "color": "#5B6770",
            "weight": 1,
            "fill": True,
            "fillColor": "#FFFFFF",
            "fillOpacity": 0.0 if tiles else 1.0,
        },
    ).add_to(m)
    config = {
        "labelled": labelled,
        "metric": VALUE_ORDER.index(metric),
        "metricTitle": pick(TEXTS, metric, lang),
        "fields": [html_text(pick(TEXTS, c, lang)) for c in VALUE_ORDER],
        "places": places,
        "population": html_text(pick(TEXTS, "population", lang)),
        "fairtrade": html_text(pick(TEXTS, "fairtrade_town", lang)),
        "council": html_text(pick(TEXTS, "council_resolution", lang)),
        "approximate": html_text(pick(TEXTS, "approximate", lang)),
        "yes": pick(TEXTS, "yes", lang),
        "no": pick(TEXTS, "no", lang),
        "colours": list(CLASS_COLOURS),
        "suppressed": SUPPRESSED_COLOUR,
        "missing": MISSING_COLOUR,
        "outline": OUTLINE,
        "open": ID_OPEN,
        "close": ID_CLOSE,
    }
    layer = MunicipalityLayer(columns, config)
    layer.add_to(m)
    any_missing = bool(len(profiles)) and bool((~profiles["suppressed"].astype(bool) & profiles[metric].isna()).any())
    radius = map_scale.RADIUS_LABELLED if labelled else map_scale.RADIUS_PLAIN
    Legend(
        legend_html(scale, k=k, lang=lang, labelled=labelled, any_missing=any_missing),
        title=pick(TEXTS, "legend_title", lang),
        bounds=map_bounds(states),
        margin=radius[1] + 4,
        controls={"zoomIn": pick(TEXTS, "zoom_in", lang), "zoomOut": pick(TEXTS, "zoom_out", lang)},
    ).add_to(m)
    if labelled:
        Declutter(layer.get_name()).add_to(m)
    return m


def map_features(m: folium.Map) -> dict:
    """The FeatureCollection of the municipality layer of a map built by ``build_map``."""
    for child in m._children.values():
        if isinstance(child, MunicipalityLayer):
            return features_from_columns(child.columns)
    raise ValueError("the map has no municipality layer")


# --------------------------------------------------------------------------- texts around the map


def describe_map(profiles: pd.DataFrame, metric: str, *, k: int, lang: str) -> str:
    """Text alternative of the map: what it shows, the highest and lowest value, suppressed and approximate."""
    n = count_noun(len(profiles), "municipalities", lang)
    parts = [pick(TEXTS, "map_alt", lang, n=n, metric=pick(TEXTS, metric, lang))]
    if len(profiles):
        shown = profiles[~profiles["suppressed"].astype(bool) & profiles[metric].notna()]
        if len(shown):
            ordered = shown.sort_values(metric, ascending=False, kind="stable")
            top, low = ordered.iloc[0], ordered.iloc[-1]
            kind = METRIC_KIND[metric]
            parts.append(
                pick(
                    TEXTS,
                    "map_alt_range",
                    lang,
                    top=top["name"],
                    top_value=format_value(top[metric], kind, lang),
                    low=low["name"],
                    low_value=format_value(low[metric], kind, lang),
                )
            )
        n_supp = int(profiles["suppressed"].astype(bool).sum())
        if n_supp:
            key = "map_alt_suppressed_1" if n_supp == 1 else "map_alt_suppressed"
            parts.append(pick(TEXTS, key, lang, n=fmt_int(n_supp, lang), k=k))
        n_approx = int(profiles["approximate"].astype(bool).sum())
        if n_approx:
            key = "map_alt_approximate_1" if n_approx == 1 else "map_alt_approximate"
            parts.append(pick(TEXTS, key, lang, n=fmt_int(n_approx, lang)))
    return " ".join(parts)


def profile_table(
    profiles: pd.DataFrame,
    *,
    k: int,
    lang: str,
    state_label: Callable[[str], str],
    size_label: Callable[[str], str],
) -> pd.DataFrame:
    """The map's numbers as a display table of strings (German formats, "< k" where suppressed).

    Population, Fairtrade Town and council resolution describe the municipality, not its actors, and
    are shown for every row; the actor-based figures are withheld where fewer than k actors answered.
    """
    suppressed = profiles["suppressed"].astype(bool).to_numpy()
    hidden = suppression_label(k)
    kinds = {"n_actors": "int", **METRIC_KIND}

    def values(col: str) -> list[str]:
        return [
            hidden if s else format_value(v, kinds[col], lang) for v, s in zip(profiles[col], suppressed, strict=True)
        ]

    def flags(col: str) -> list[str]:
        out = []
        for v in profiles[col]:
            f = _flag(v)
            out.append("–" if f is None else pick(TEXTS, "yes" if f else "no", lang))
        return out

    out = {
        pick(TEXTS, "name", lang): [str(v) for v in profiles["name"]],
        pick(TEXTS, "state", lang): [state_label(str(v)) for v in profiles["state"]],
        pick(TEXTS, "size_class", lang): [size_label(str(v)) for v in profiles["size_class"]],
        pick(TEXTS, "population", lang): [fmt_int(v, lang) if not pd.isna(v) else "–" for v in profiles["population"]],
    }
    for col in VALUE_ORDER:
        out[pick(TEXTS, col, lang)] = values(col)
    out[pick(TEXTS, "fairtrade_town", lang)] = flags("fairtrade_town")
    out[pick(TEXTS, "council_resolution", lang)] = flags("council_resolution")
    out[pick(TEXTS, "position", lang)] = [
        pick(TEXTS, "approximate_short" if a else "exact", lang) for a in profiles["approximate"].astype(bool)
    ]
    return pd.DataFrame(out)
