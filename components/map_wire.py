"""The map's wire format: the municipalities as embedded columns, their GeoJSON features, and the click back.

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

import numpy as np
import pandas as pd

from study.anonymity import suppression_label

from .i18n import fmt_int
from .map_scale import (
    COORD_DIGITS,
    LABELLED_MARKERS_MAX,
    METRIC_KIND,
    METRICS,
    VALUE_ORDER,
    Scale,
    format_value,
    marker_radius,
    metric_scale,
)
from .text import html_text

# Brackets around the id hidden at the end of each tooltip, read back when a marker is clicked.
ID_OPEN, ID_CLOSE = "\u27e6", "\u27e7"
_ID_PATTERN = re.compile(f"{ID_OPEN}([^{ID_CLOSE}]*){ID_CLOSE}")


def _json(obj) -> str:
    """Compact JSON that is safe inside an HTML <script> element."""
    out = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return out.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028")


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
