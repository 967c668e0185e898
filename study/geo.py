"""Geography of Germany for the Kooperationsatlas: the 16 federal states.

This module knows the states (ISO 3166-2 code, ARS, German and English name, neighbours, part of Germany),
turns the many ways a state is written into its ISO code, and answers
point-in-state questions against the boundaries in ``data/geo/``:

* ``bundeslaender.geojson`` – one feature per state, land plus coastal waters and
  the state's share of Lake Constance, as drawn on the map;
* ``bundeslaender_land.geojson`` – the same states without the water areas, used
  to place random or approximate points on land rather than in the sea.

Both files are derived from the BKG data set VG5000 by ``scripts/build_geodata.py``
(© GeoBasis-DE / BKG 2021 (Daten verändert), see ``data/geo/QUELLENVERMERK.md``).

Coordinates are always given as (lat, lon) in WGS84 degrees. The boundaries are
simplified (about 1 km), so ``in_germany`` and ``in_state`` accept points up to
``buffer_km`` (default 5 km) outside the German border; inside Germany every
point belongs to exactly one state. The module must not import streamlit.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

__all__ = [
    "DEFAULT_BORDER_BUFFER_KM",
    "LAND_PATH",
    "SHAPES_PATH",
    "STATES",
    "State",
    "in_germany",
    "in_state",
    "load_state_shapes",
    "normalise_state",
    "random_points_in_state",
    "state_anchor",
    "state_name",
]

REPO_ROOT = Path(__file__).resolve().parents[1]
SHAPES_PATH = REPO_ROOT / "data" / "geo" / "bundeslaender.geojson"
LAND_PATH = REPO_ROOT / "data" / "geo" / "bundeslaender_land.geojson"

#: Points this close to the German border (or the outer edge of the coastal
#: waters) still count as inside; the simplified boundaries are off by up to ~1.5 km.
DEFAULT_BORDER_BUFFER_KM = 5.0
#: Random points keep this distance from the state's border and coast where possible.
_SAMPLING_MARGIN_KM = (2.0, 1.0, 0.5)
#: A polygon shrunk by the margin must keep this share of its area, else a smaller
#: margin is tried (small states, narrow parts such as Bremerhaven, islands).
_MIN_KEPT_AREA = 0.4

# Local equirectangular projection for distances: x = lon * cos(51°), y = lat.
_REF_LAT = 51.0
_X_SCALE = math.cos(math.radians(_REF_LAT))
_KM_PER_DEG = 111.2


@dataclass(frozen=True)
class State:
    """A German federal state (Bundesland)."""

    code: str  # ISO 3166-2, e.g. "DE-BW"
    ars: str  # Amtlicher Regionalschlüssel, "01"–"16"
    name_de: str
    name_en: str


STATES: tuple[State, ...] = (
    State("DE-SH", "01", "Schleswig-Holstein", "Schleswig-Holstein"),
    State("DE-HH", "02", "Hamburg", "Hamburg"),
    State("DE-NI", "03", "Niedersachsen", "Lower Saxony"),
    State("DE-HB", "04", "Bremen", "Bremen"),
    State("DE-NW", "05", "Nordrhein-Westfalen", "North Rhine-Westphalia"),
    State("DE-HE", "06", "Hessen", "Hesse"),
    State("DE-RP", "07", "Rheinland-Pfalz", "Rhineland-Palatinate"),
    State("DE-BW", "08", "Baden-Württemberg", "Baden-Württemberg"),
    State("DE-BY", "09", "Bayern", "Bavaria"),
    State("DE-SL", "10", "Saarland", "Saarland"),
    State("DE-BE", "11", "Berlin", "Berlin"),
    State("DE-BB", "12", "Brandenburg", "Brandenburg"),
    State("DE-MV", "13", "Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"),
    State("DE-SN", "14", "Sachsen", "Saxony"),
    State("DE-ST", "15", "Sachsen-Anhalt", "Saxony-Anhalt"),
    State("DE-TH", "16", "Thüringen", "Thuringia"),
)

_BY_CODE: dict[str, State] = {s.code: s for s in STATES}
_CODES = np.array([s.code for s in STATES])

# The four usual parts of Germany, by ISO 3166-2 code.
PARTS_OF_GERMANY: dict[str, tuple[str, ...]] = {
    "nord": ("DE-SH", "DE-HH", "DE-HB", "DE-NI", "DE-MV"),
    "west": ("DE-NW", "DE-HE", "DE-RP", "DE-SL"),
    "sued": ("DE-BW", "DE-BY"),
    "ost": ("DE-BE", "DE-BB", "DE-SN", "DE-ST", "DE-TH"),
}

# States sharing a land border.
NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "DE-SH": ("DE-HH", "DE-NI", "DE-MV"),
    "DE-HH": ("DE-SH", "DE-NI"),
    "DE-NI": ("DE-SH", "DE-HH", "DE-HB", "DE-MV", "DE-BB", "DE-ST", "DE-TH", "DE-HE", "DE-NW"),
    "DE-HB": ("DE-NI",),
    "DE-NW": ("DE-NI", "DE-HE", "DE-RP"),
    "DE-HE": ("DE-NI", "DE-NW", "DE-RP", "DE-BW", "DE-BY", "DE-TH"),
    "DE-RP": ("DE-NW", "DE-HE", "DE-BW", "DE-SL"),
    "DE-BW": ("DE-RP", "DE-HE", "DE-BY"),
    "DE-BY": ("DE-BW", "DE-HE", "DE-TH", "DE-SN"),
    "DE-SL": ("DE-RP",),
    "DE-BE": ("DE-BB",),
    "DE-BB": ("DE-BE", "DE-MV", "DE-NI", "DE-ST", "DE-SN"),
    "DE-MV": ("DE-SH", "DE-NI", "DE-BB"),
    "DE-SN": ("DE-BY", "DE-TH", "DE-ST", "DE-BB"),
    "DE-ST": ("DE-NI", "DE-BB", "DE-SN", "DE-TH"),
    "DE-TH": ("DE-HE", "DE-NI", "DE-ST", "DE-SN", "DE-BY"),
}

# Further spellings beyond code, German and English name.
_ALIASES: dict[str, tuple[str, ...]] = {
    "DE-SH": ("Land Schleswig-Holstein",),
    "DE-HH": ("Freie und Hansestadt Hamburg",),
    "DE-NI": ("Land Niedersachsen", "Lower-Saxony"),
    "DE-HB": ("Freie Hansestadt Bremen",),
    "DE-NW": ("NRW", "Northrhine-Westphalia", "North Rhine Westphalia"),
    "DE-HE": ("Land Hessen", "Hessia"),
    "DE-RP": ("Rhineland Palatinate",),
    "DE-BW": ("BaWü", "Baden-Wurttemberg", "Baden-Wuerttemberg"),
    "DE-BY": ("Freistaat Bayern",),
    "DE-SL": ("Saarland",),
    "DE-BE": ("Land Berlin",),
    "DE-BB": ("Land Brandenburg",),
    "DE-MV": (
        "Mecklenburg-West Pomerania",
        "Mecklenburg-Western Pomerania",
        "Mecklenburg Vorpommern",
        "Meck-Pomm",
    ),
    "DE-SN": ("Freistaat Sachsen",),
    "DE-ST": ("Land Sachsen-Anhalt",),
    "DE-TH": ("Freistaat Thüringen", "Thuringen", "Thueringen"),
}

_UMLAUTS_AE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_UMLAUTS_A = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def _key(text: str, table: dict[int, str] = _UMLAUTS_AE) -> str:
    """Case-, umlaut- and separator-insensitive lookup key.

    "Baden-Württemberg" → "badenwuerttemberg" (or "badenwurttemberg" with _UMLAUTS_A).
    """
    text = unicodedata.normalize("NFC", text).casefold().translate(table)
    return _NON_ALNUM.sub("", text)


def _build_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for s in STATES:
        short = s.code.removeprefix("DE-")
        names = (s.code, short, s.name_de, s.name_en, *_ALIASES.get(s.code, ()))
        for name in names:
            for table in (_UMLAUTS_AE, _UMLAUTS_A):
                key = _key(name, table)
                if lookup.setdefault(key, s.code) != s.code:  # pragma: no cover - data error
                    raise RuntimeError(f"ambiguous state spelling {name!r}")
    return lookup


_LOOKUP = _build_lookup()


def normalise_state(value: str) -> str | None:
    """ISO 3166-2 code ("DE-BW") for a state's code or name; None if unknown.

    Accepts codes with or without the "DE-" prefix ("de-bw", "BW"), German names
    with umlauts or ae/oe/ue ("Baden-Württemberg", "Baden-Wuerttemberg",
    "thueringen"), English names ("Bavaria", "North Rhine-Westphalia") and a few
    common variants ("NRW", "Freistaat Sachsen"); case, surrounding whitespace and
    hyphen/space differences are ignored. Non-strings give None.
    """
    if not isinstance(value, str):
        return None
    key = _key(value)
    if not key:
        return None
    return _LOOKUP.get(key)


def _require_code(code: str) -> str:
    iso = normalise_state(code)
    if iso is None:
        raise ValueError(f"unknown German state: {code!r}")
    return iso


def state_name(code: str, lang: str = "de") -> str:
    """Name of a state in German ("de") or English ("en").

    ``code`` may be any spelling that ``normalise_state`` accepts. Raises ValueError
    for unknown states or languages.
    """
    state = _BY_CODE[_require_code(code)]
    if lang == "de":
        return state.name_de
    if lang == "en":
        return state.name_en
    raise ValueError(f"unsupported language {lang!r} (expected 'de' or 'en')")


# --------------------------------------------------------------------------- shapes


def _read_states(path: Path) -> dict[str, BaseGeometry]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"state boundaries not found at {path}; run scripts/build_geodata.py") from None
    shapes: dict[str, BaseGeometry] = {}
    for feature in data["features"]:
        code = feature["properties"]["state"]
        if code not in _BY_CODE:
            raise ValueError(f"{path}: unexpected state {code!r}")
        geom = shape(feature["geometry"])
        shapely.prepare(geom)
        shapes[code] = geom
    if len(shapes) != len(STATES):
        missing = sorted(set(_BY_CODE) - set(shapes))
        raise ValueError(f"{path}: expected 16 states, missing {missing}")
    return {s.code: shapes[s.code] for s in STATES}


@functools.lru_cache(maxsize=4)
def load_state_shapes(path: str | Path | None = None) -> dict[str, BaseGeometry]:
    """Map state code → prepared shapely (Multi)Polygon in lon/lat, in ARS order.

    Reads ``data/geo/bundeslaender.geojson`` unless ``path`` is given. The result is
    cached and shared between callers: do not modify it.
    """
    return _read_states(Path(path) if path is not None else SHAPES_PATH)


@functools.lru_cache(maxsize=1)
def _land_shapes() -> dict[str, BaseGeometry]:
    return _read_states(LAND_PATH)


def _project(geom: BaseGeometry) -> BaseGeometry:
    """lon/lat → local equirectangular coordinates in which 1 unit ≈ 111.2 km."""
    return shapely.transform(geom, lambda c: c * (_X_SCALE, 1.0))


def _unproject(geom: BaseGeometry) -> BaseGeometry:
    return shapely.transform(geom, lambda c: c / (_X_SCALE, 1.0))


def _buffer_km(geom: BaseGeometry, km: float) -> BaseGeometry:
    """Buffer a lon/lat geometry by roughly ``km`` kilometres (negative shrinks)."""
    return _unproject(shapely.buffer(_project(geom), km / _KM_PER_DEG, quad_segs=4))


@functools.lru_cache(maxsize=1)
def _germany() -> BaseGeometry:
    union = shapely.union_all(list(load_state_shapes().values()))
    shapely.prepare(union)
    return union


@functools.lru_cache(maxsize=8)
def _germany_buffered(km: float) -> BaseGeometry:
    geom = _buffer_km(_germany(), km) if km > 0 else _germany()
    shapely.prepare(geom)
    return geom


@functools.lru_cache(maxsize=1)
def _border_tree() -> tuple[np.ndarray, shapely.STRtree]:
    """R-tree over the boundary segments of all states (projected), and the index
    in STATES of the state owning each segment; shared borders appear once per state."""
    owners, segments = [], []
    for i, geom in enumerate(load_state_shapes().values()):
        for ring in shapely.get_parts(shapely.boundary(_project(geom))):
            xy = shapely.get_coordinates(ring)
            segments.append(shapely.linestrings(np.stack([xy[:-1], xy[1:]], axis=1)))
            owners.append(np.full(len(xy) - 1, i))
    return np.concatenate(owners), shapely.STRtree(np.concatenate(segments))


def _nearest_state(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Code of the state whose border is nearest to each point (lon x, lat y) outside
    or on the border of the states; ties go to the first state in ARS order."""
    owners, tree = _border_tree()
    which, idx = tree.query_nearest(shapely.points(x * _X_SCALE, y), all_matches=True)
    best = np.full(len(x), len(STATES) - 1)
    np.minimum.at(best, which, owners[idx])
    return _CODES[best]


def _xy(lat, lon) -> tuple[np.ndarray, np.ndarray]:
    lat_a, lon_a = np.broadcast_arrays(np.asarray(lat, dtype=float), np.asarray(lon, dtype=float))
    return lon_a, lat_a


def in_germany(lat, lon, *, buffer_km: float = DEFAULT_BORDER_BUFFER_KM) -> np.ndarray:
    """Whether points (lat, lon) lie in Germany or within ``buffer_km`` of its border.

    Vectorised: scalars or array-likes (broadcast together); returns a numpy bool
    array of the broadcast shape (0-d for scalars). Coastal waters count as Germany.
    NaN coordinates give False.
    """
    x, y = _xy(lat, lon)
    return np.asarray(shapely.contains_xy(_germany_buffered(float(buffer_km)), x, y), dtype=bool)


def in_state(code: str, lat, lon, *, buffer_km: float = DEFAULT_BORDER_BUFFER_KM) -> np.ndarray:
    """Whether points (lat, lon) lie in the given state; vectorised like ``in_germany``.

    Inside Germany the state boundaries decide. A point outside all states but within
    ``buffer_km`` of Germany belongs to the nearest state, so
    ``in_germany(p) == any(in_state(c, p) for c in codes)``.
    """
    iso = _require_code(code)
    x, y = _xy(lat, lon)
    state = load_state_shapes()[iso]
    inside = np.asarray(shapely.contains_xy(state, x, y), dtype=bool)
    if buffer_km <= 0:
        return inside
    slack = ~inside & shapely.contains_xy(_germany_buffered(float(buffer_km)), x, y)
    if slack.any():
        # Not inside this state but near Germany: the point belongs to the nearest
        # state if it lies outside all states or exactly on this state's border
        # (ties go to the first state in ARS order); otherwise it is in another state.
        sx, sy = x[slack], y[slack]
        unclaimed = shapely.intersects_xy(state, sx, sy) | ~shapely.contains_xy(_germany(), sx, sy)
        nearest = np.zeros(sx.shape, dtype=bool)
        if unclaimed.any():
            nearest[unclaimed] = _nearest_state(sx[unclaimed], sy[unclaimed]) == iso
        inside[slack] = nearest
    return inside


# --------------------------------------------------------------------------- points


@functools.cache
def _sampling_region(code: str) -> tuple[BaseGeometry, tuple[float, ...], float]:
    """Land area of the state, each part shrunk by up to 2 km; bbox; fill ratio."""
    state = load_state_shapes()[code]
    land = shapely.intersection(_land_shapes()[code], state)
    parts = []
    for part in shapely.get_parts(land):
        kept = part
        for km in _SAMPLING_MARGIN_KM:
            shrunk = _buffer_km(part, -km)
            if shrunk.area >= _MIN_KEPT_AREA * part.area:
                kept = shrunk
                break
        parts.append(kept)
    region = shapely.intersection(shapely.union_all(parts), state)
    region = shapely.union_all([g for g in shapely.get_parts(region) if g.geom_type == "Polygon"])
    if region.is_empty:  # pragma: no cover - cannot happen with the shipped data
        raise ValueError(f"no area to sample in {code}")
    shapely.prepare(region)
    minx, miny, maxx, maxy = region.bounds
    fill = region.area / ((maxx - minx) * (maxy - miny))
    return region, (minx, miny, maxx, maxy), fill


def random_points_in_state(code: str, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``n`` random points (lat, lon arrays) on land inside the state.

    Uniform in lon/lat over the state's land area, kept about 2 km away from borders
    and coast where the state (or island) is large enough. Rejection sampling in the
    bounding box; the result depends only on ``code``, ``n`` and the state of ``rng``.
    """
    iso = _require_code(code)
    if n < 0:
        raise ValueError("n must be non-negative")
    region, (minx, miny, maxx, maxy), fill = _sampling_region(iso)
    lat = np.empty(n)
    lon = np.empty(n)
    done = 0
    while done < n:
        need = n - done
        batch = int(need / fill * 1.2) + 16
        xs = rng.uniform(minx, maxx, batch)
        ys = rng.uniform(miny, maxy, batch)
        ok = shapely.contains_xy(region, xs, ys)
        xs, ys = xs[ok][:need], ys[ok][:need]
        lon[done : done + len(xs)] = xs
        lat[done : done + len(ys)] = ys
        done += len(xs)
    return lat, lon


@functools.cache
def state_anchor(code: str) -> tuple[float, float]:
    """A fixed representative point (lat, lon) on land inside the state.

    The centroid of the state's land area if it lies well inside, else a point on
    the surface of the sampling region. Used to place municipalities without
    coordinates approximately.
    """
    iso = _require_code(code)
    region = _sampling_region(iso)[0]
    centroid = _land_shapes()[iso].centroid
    if shapely.contains_xy(region, centroid.x, centroid.y):
        point = centroid
    else:
        largest = max(shapely.get_parts(region), key=lambda g: g.area)
        point = largest.point_on_surface()
    return round(point.y, 5), round(point.x, 5)
