"""The map of the municipalities: a self-contained folium map built from ``municipality_profiles``.

One marker per municipality: its area grows with the number of actors, its fill colour and the
number written inside it show the chosen metric, a dashed outline marks an approximate position,
and municipalities behind fewer than k actors show "< k" on a hatched grey marker. The state
boundaries (BKG VG5000) form the background; an OpenStreetMap tile layer is added only on request,
as loading tiles sends the visitor's IP address to the tile servers.

All markers form ONE Leaflet GeoJSON layer. Its data is embedded column by column (short keys,
numbers pre-formatted in German or English, texts HTML-escaped) and expanded into point features in
the browser; tooltips and popups are assembled there from the properties, so the HTML grows by about
80 bytes per municipality. The builders do not import streamlit.

Marker properties (``features_from_columns``): ``i`` municipality id, ``n`` name, ``d`` index into
the "state · size class" texts, ``v`` formatted values [actors, statements, share of existing
cooperations, mean severity] ("< k" where suppressed), ``p`` population, ``f`` [Fairtrade Town,
council resolution] as 1/0/null, ``r`` marker radius in pixels, ``c`` colour class (-1: none), ``s`` 1
if suppressed, ``x`` 1 if the position is approximate. ``i``, ``n`` and the texts are HTML-escaped
(Leaflet inserts tooltip and popup text as HTML).

In the embedded columns (``marker_columns``) a value of ``v`` whose text is a plain integer is a JSON
number, ``f`` two strings of "1", "0" or "-", and ``c`` one string with one digit per municipality (class + 1, "0": none), which keeps a
national map below 1 MB; the features hold the texts and classes as described above.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from study import geo
from study.anonymity import suppression_label

from .i18n import fmt_float, fmt_int, fmt_pct, pick, tr
from .text import html_text

METRICS = ("share_existing", "n_statements", "mean_severity")
# Position of each metric's formatted value in the feature property ``v``.
VALUE_ORDER = ("n_actors", "n_statements", "share_existing", "mean_severity")
METRIC_KIND = {"share_existing": "pct", "n_statements": "int", "mean_severity": "float"}

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

# Five sequential classes from light to dark blue; text on the first three is dark, on the last two
# white (contrast at least 4.5:1 either way). Every marker has a dark outline (contrast with the map).
CLASS_COLOURS = ("#DEEBF7", "#9ECAE1", "#4292C6", "#2171B5", "#08306B")
CLASS_TEXT = ("#1A1A1A", "#1A1A1A", "#1A1A1A", "#FFFFFF", "#FFFFFF")
SUPPRESSED_COLOUR = "#BBBBBB"
MISSING_COLOUR = "#F2F2F2"
OUTLINE = "#1A1A1A"
BACKGROUND = "#EEF1F4"

# Above this many municipalities the markers are canvas circles without a number inside (thousands
# of DOM markers make the browser slow); the value stays in the tooltip, popup and table.
LABELLED_MARKERS_MAX = 1500
RADIUS_LABELLED = (17, 28)  # px: the smallest circle still holds "100 %" / "< 3"
RADIUS_PLAIN = (2, 8)
COORD_DIGITS = 3  # about 100 m: finer than a pixel up to zoom 10, and a marker is 4 px or larger

# Brackets around the id hidden at the end of each tooltip, read back when a marker is clicked.
ID_OPEN, ID_CLOSE = "\u27e6", "\u27e7"
_ID_PATTERN = re.compile(f"{ID_OPEN}([^{ID_CLOSE}]*){ID_CLOSE}")

TEXTS: dict[str, tuple[str, str]] = {
    "n_actors": ("Akteure", "Actors"),
    "n_statements": ("Codierte Aussagen", "Coded statements"),
    "share_existing": ("Anteil bestehender Kooperationen", "Share of existing cooperations"),
    "mean_severity": ("Mittlere Schwere der Herausforderungen (1–5)", "Mean severity of challenges (1–5)"),
    "name": ("Kommune", "Municipality"),
    "state": ("Bundesland", "Federal state"),
    "size_class": ("Größenklasse", "Size class"),
    "population": ("Einwohner", "Population"),
    "fairtrade_town": ("Fairtrade-Town", "Fairtrade Town"),
    "council_resolution": ("Ratsbeschluss faire Beschaffung", "Council resolution on fair procurement"),
    "position": ("Lage", "Position"),
    "exact": ("genau", "exact"),
    "approximate": ("Lage ungefähr", "Approximate position"),
    "approximate_short": ("ungefähr", "approximate"),
    "yes": ("ja", "yes"),
    "no": ("nein", "no"),
    "legend_colour": ("Farbe und Zahl im Kreis", "Colour and number in the circle"),
    "legend_colour_plain": ("Farbe", "Colour"),
    "legend_size": ("Kreisfläche: Zahl der Akteure", "Circle area: number of actors"),
    "legend_dashed": ("gestrichelter Rand: Lage ungefähr", "dashed outline: approximate position"),
    "legend_suppressed": ("weniger als {k} Akteure, nicht ausgewiesen", "fewer than {k} actors, withheld"),
    "legend_missing": ("keine Angaben", "no data"),
    "legend_plain": ("Werte: im Tooltip und in der Tabelle", "Values: in the tooltip and the table"),
    "range": ("{a} bis unter {b}", "{a} to under {b}"),
    "range_last": ("{a} bis {b}", "{a} to {b}"),
    "map_alt": (
        "Karte Deutschlands mit {n} Kommunen der Auswahl. Farbe und Zahl im Kreis: {metric}.",
        "Map of Germany with {n} municipalities of the selection. Colour and number in the circle: {metric}.",
    ),
    "map_alt_range": (
        "Höchster Wert: {top} ({top_value}); niedrigster Wert: {low} ({low_value}).",
        "Highest value: {top} ({top_value}); lowest value: {low} ({low_value}).",
    ),
    "map_alt_suppressed": (
        "{n} Kommunen mit weniger als {k} Akteuren werden ohne Werte gezeigt.",
        "{n} municipalities with fewer than {k} actors are shown without values.",
    ),
    "map_alt_suppressed_1": (
        "Eine Kommune mit weniger als {k} Akteuren wird ohne Werte gezeigt.",
        "One municipality with fewer than {k} actors is shown without values.",
    ),
    "map_alt_approximate": (
        "{n} Kommunen sind nur ungefähr verortet.",
        "{n} municipalities are placed approximately.",
    ),
    "map_alt_approximate_1": (
        "Eine Kommune ist nur ungefähr verortet.",
        "One municipality is placed approximately.",
    ),
}


def _json(obj) -> str:
    """Compact JSON that is safe inside an HTML <script> element."""
    out = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return out.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028")


# --------------------------------------------------------------------------- values and scales


def format_value(value, kind: str, lang: str) -> str:
    if kind == "pct":
        return fmt_pct(value, lang)
    if kind == "float":
        return fmt_float(value, lang, 1)
    return fmt_int(value, lang)


def _nice_steps(span: float, minimum: float):
    """Candidate class widths 1, 2, 2.5, 5 × 10^e from about span/5 upwards, never below ``minimum``."""
    raw = max(span / 5, minimum, 1e-12)
    exponent = math.floor(math.log10(raw))
    for e in range(exponent, exponent + 4):
        for m in (1, 2, 2.5, 5):
            step = m * 10**e
            if step >= minimum - 1e-12:
                yield step


@dataclass(frozen=True)
class Scale:
    """Class breaks of a metric: class i holds breaks[i] <= v < breaks[i+1] (the last class is closed)."""

    metric: str
    kind: str
    breaks: tuple[float, ...]

    @property
    def n_classes(self) -> int:
        return max(len(self.breaks) - 1, 0)

    @property
    def colours(self) -> tuple[int, ...]:
        """Index into CLASS_COLOURS of each class, spread over the palette when there are fewer."""
        n = self.n_classes
        if n <= 1:
            return (2,) * n
        return tuple(int(round(x)) for x in np.linspace(0, len(CLASS_COLOURS) - 1, n))

    def classify(self, values: pd.Series) -> np.ndarray:
        """Colour index per value (-1 for missing values)."""
        v = pd.to_numeric(values, errors="coerce").astype("float64").to_numpy()
        out = np.full(len(v), -1, dtype="int64")
        if self.n_classes == 0:
            return out
        inner = np.asarray(self.breaks[1:-1], dtype="float64")
        cls = np.searchsorted(inner, v, side="right")
        cls = np.clip(cls, 0, self.n_classes - 1)
        palette = np.asarray(self.colours)
        ok = ~np.isnan(v)
        out[ok] = palette[cls[ok]]
        return out

    def labels(self, lang: str) -> list[str]:
        out = []
        for i in range(self.n_classes):
            a = format_value(self.breaks[i], self.kind, lang)
            b = format_value(self.breaks[i + 1], self.kind, lang)
            last = i == self.n_classes - 1
            out.append(pick(TEXTS, "range_last" if last else "range", lang, a=a, b=b))
        return out


def metric_scale(profiles: pd.DataFrame, metric: str) -> Scale:
    """Classes for a metric: shares in fixed 20-%-steps, counts and ratings in nice steps over the data."""
    kind = METRIC_KIND[metric]
    if kind == "pct":
        return Scale(metric, kind, (0.0, 0.2, 0.4, 0.6, 0.8, 1.0))
    values = pd.to_numeric(profiles[metric], errors="coerce").dropna().astype("float64")
    if values.empty:
        return Scale(metric, kind, ())
    lo_v, hi_v = float(values.min()), float(values.max())
    minimum = 1.0 if kind == "int" else 0.1
    if hi_v - lo_v < 1e-9:
        lo = math.floor(lo_v / minimum) * minimum
        return Scale(metric, kind, (round(lo, 6), round(lo + minimum, 6)))
    for step in _nice_steps(hi_v - lo_v, minimum):
        lo = math.floor(lo_v / step + 1e-9) * step
        # The last class is closed, so a maximum sitting on a break needs no extra class.
        n = max(math.ceil((hi_v - lo) / step - 1e-9), 1)
        if n <= len(CLASS_COLOURS):
            return Scale(metric, kind, tuple(round(lo + i * step, 6) for i in range(n + 1)))
    raise AssertionError("unreachable: a step of span/1 always fits")  # pragma: no cover


def marker_radius(n_actors: pd.Series, labelled: bool = True) -> np.ndarray:
    """Radius in pixels so that the circle's area grows with the number of actors (NaN: the smallest)."""
    r_min, r_max = RADIUS_LABELLED if labelled else RADIUS_PLAIN
    n = pd.to_numeric(n_actors, errors="coerce").astype("float64").to_numpy()
    top = np.nanmax(n) if np.isfinite(n).any() else 0.0
    if top <= 0:
        return np.full(len(n), r_min, dtype="int64")
    # Area from r_min² (no actors) to r_max² (the most actors), linear in the number of actors.
    area = r_min**2 + (r_max**2 - r_min**2) * np.nan_to_num(n, nan=0.0) / top
    return np.round(np.sqrt(area)).astype("int64")


# --------------------------------------------------------------------------- features


def _flag(value) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return 1 if bool(value) else 0


_FLAG_CHAR = {1: "1", 0: "0", None: "-"}
_FLAG_VALUE = {c: v for v, c in _FLAG_CHAR.items()}


def _flag_string(values: pd.Series) -> str:
    """The flags as one string, a character per municipality: "1", "0" or "-" (unknown)."""
    return "".join(_FLAG_CHAR[_flag(v)] for v in values)


def _labelled(profiles: pd.DataFrame) -> bool:
    return len(profiles) <= LABELLED_MARKERS_MAX


def marker_columns(
    profiles: pd.DataFrame,
    metric: str,
    *,
    k: int,
    lang: str,
    state_label: Callable[[str], str],
    size_label: Callable[[str], str],
) -> tuple[dict, list[str], Scale]:
    """The markers' data column by column, as embedded in the map (see the module doc for the keys).

    ``s`` and ``x`` list the row positions of suppressed and approximately placed municipalities.
    Returns the columns, the escaped "state · size class" texts that ``d`` indexes, and the colour
    scale of the metric.
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; expected one of {METRICS}")
    scale = metric_scale(profiles, metric)
    # The loader places municipalities without coordinates approximately; any still without a
    # position get no marker (they stay in the table).
    profiles = profiles[profiles["lat"].notna() & profiles["lon"].notna()].reset_index(drop=True)
    n = len(profiles)
    suppressed = profiles["suppressed"].astype(bool).to_numpy()
    classes = np.where(suppressed, -1, scale.classify(profiles[metric])) if n else np.zeros(0, "int64")
    radius = marker_radius(profiles["n_actors"], _labelled(profiles)) if n else np.zeros(0, "int64")
    # Formatted numbers hold no HTML specials; only "< k" and the data texts need escaping.
    hidden = html_text(suppression_label(k))
    kinds = {"n_actors": "int", **METRIC_KIND}
    values = [
        [
            hidden if s else _compact(format_value(v, kinds[col], lang))
            for v, s in zip(profiles[col], suppressed, strict=True)
        ]
        for col in VALUE_ORDER
    ]
    pairs = list(zip(profiles["state"].astype(str), profiles["size_class"].astype(str), strict=True))
    codes, uniques = pd.factorize(pd.Series(pairs, dtype="object")) if n else (np.zeros(0, "int64"), [])
    places = [html_text(f"{state_label(s)} · {size_label(c)}") for s, c in uniques]
    columns = {
        "lon": [round(float(v), COORD_DIGITS) for v in profiles["lon"]],
        "lat": [round(float(v), COORD_DIGITS) for v in profiles["lat"]],
        "i": [html_text(v) for v in profiles["municipality_id"]],
        "n": [html_text(v) for v in profiles["name"]],
        "d": [int(v) for v in codes],
        "v": values,
        "p": ["–" if pd.isna(v) else fmt_int(v, lang) for v in profiles["population"]],
        "f": [_flag_string(profiles["fairtrade_town"]), _flag_string(profiles["council_resolution"])],
        "r": [int(v) for v in radius],
        "c": "".join(str(int(v) + 1) for v in classes),
        "s": [int(j) for j in np.flatnonzero(suppressed)],
        "x": [int(j) for j in np.flatnonzero(profiles["approximate"].astype(bool).to_numpy())],
    }
    return columns, places, scale


def _compact(formatted: str) -> str | int:
    """A formatted value whose text is a plain integer ("12", not "1.234") as a JSON number: 2 bytes less."""
    if (
        formatted.isascii()
        and formatted.isdigit()
        and (formatted == "0" or not formatted.startswith("0"))
        and len(formatted) < 16
    ):
        return int(formatted)
    return formatted


def features_from_columns(columns: dict) -> dict:
    """The markers' columns as a GeoJSON FeatureCollection, one feature per municipality.

    The browser builds exactly this from the embedded columns (``expand`` in ``static/map/municipalities.js``).
    """
    suppressed, approximate = set(columns["s"]), set(columns["x"])
    features = []
    for j in range(len(columns["i"])):
        props = {
            "i": columns["i"][j],
            "n": columns["n"][j],
            "d": columns["d"][j],
            "v": [str(col[j]) for col in columns["v"]],
            "p": columns["p"][j],
            "f": [_FLAG_VALUE[columns["f"][0][j]], _FLAG_VALUE[columns["f"][1][j]]],
            "r": columns["r"][j],
            "c": int(columns["c"][j]) - 1,
            "s": int(j in suppressed),
            "x": int(j in approximate),
        }
        geometry = {"type": "Point", "coordinates": [columns["lon"][j], columns["lat"][j]]}
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}


# --------------------------------------------------------------------------- folium elements

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


class Legend(MacroElement):
    """A Leaflet control with the legend; its HTML is built from our own texts and formatted numbers."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomright"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "ka-legend");
            div.innerHTML = {{ this.html_json }};
            L.DomEvent.disableClickPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str):
        super().__init__()
        self._name = "Legend"
        self.html = html
        self.html_json = _json(html)


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
.ka-legend .ka-sw {{ display: inline-block; width: 14px; height: 14px; margin-right: 6px; vertical-align: -2px;
  border: 1px solid {OUTLINE}; border-radius: 50%; }}
.ka-legend .ka-sw.ka-x {{ border-style: dashed; border-width: 2px; background: #FFFFFF; }}
.ka-legend .ka-sw.ka-s {{ background: repeating-linear-gradient(45deg, {SUPPRESSED_COLOUR} 0 3px, #DDDDDD 3px 6px); }}
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
    if not labelled:
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


def build_map(
    profiles: pd.DataFrame,
    metric: str,
    *,
    k: int,
    lang: str,
    state_label: Callable[[str], str],
    size_label: Callable[[str], str],
    tiles: bool = False,
) -> folium.Map:
    """The map of the municipalities in ``profiles`` (from ``study.aggregate.municipality_profiles``).

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
        control_scale=True,
        zoom_snap=0.25,  # lets fitBounds fill the frame with Germany
        zoom_delta=0.5,
    )
    m.fit_bounds([[s, w], [n, e]])
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
    MunicipalityLayer(columns, config).add_to(m)
    any_missing = bool(len(profiles)) and bool((~profiles["suppressed"].astype(bool) & profiles[metric].isna()).any())
    Legend(legend_html(scale, k=k, lang=lang, labelled=labelled, any_missing=any_missing)).add_to(m)
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
    parts = [pick(TEXTS, "map_alt", lang, n=fmt_int(len(profiles), lang), metric=pick(TEXTS, metric, lang))]
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


# --------------------------------------------------------------------------- clicks


def clicked_municipality(returned: Mapping | None, profiles: pd.DataFrame, tolerance: float = 1e-4) -> str | None:
    """The municipality_id of the marker a click on the map hit, or None.

    ``returned`` is what streamlit-folium returns. The id hidden at the end of the marker's tooltip
    (``last_object_clicked_tooltip``) decides; without it, the marker at the clicked position
    (``last_object_clicked``, exact for labelled markers) within ``tolerance`` degrees.
    """
    if not returned or not len(profiles):
        return None
    ids = [str(v) for v in profiles["municipality_id"]]
    tooltip = returned.get("last_object_clicked_tooltip")
    if isinstance(tooltip, str):
        found = _ID_PATTERN.findall(tooltip)
        if found and found[-1] in ids:
            return found[-1]
    point = returned.get("last_object_clicked")
    if isinstance(point, Mapping) and point.get("lat") is not None and point.get("lng") is not None:
        lat = profiles["lat"].astype("float64").round(COORD_DIGITS).to_numpy()
        lon = profiles["lon"].astype("float64").round(COORD_DIGITS).to_numpy()
        dist = np.hypot(lat - float(point["lat"]), lon - float(point["lng"]))
        best = int(np.nanargmin(dist)) if np.isfinite(dist).any() else -1
        if best >= 0 and dist[best] <= tolerance:
            return ids[best]
    return None
