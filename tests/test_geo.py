"""Tests for study.geo and the state boundaries in data/geo/."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from study import geo
from study.schema import contract

REPO_ROOT = Path(__file__).resolve().parents[1]
GEO_DIR = REPO_ROOT / "data" / "geo"
SHARED_GEO = REPO_ROOT.parent / "shared" / "geo"
CODES = [s.code for s in geo.STATES]


def _features(name: str) -> list[dict]:
    return json.loads((GEO_DIR / name).read_text(encoding="utf-8"))["features"]


# --------------------------------------------------------------------- data files


@pytest.mark.parametrize("name", ["bundeslaender.geojson", "bundeslaender_land.geojson"])
def test_geojson_has_16_valid_states(name):
    features = _features(name)
    assert len(features) == 16
    expected = [{"state": s.code, "ars": s.ars, "name_de": s.name_de, "name_en": s.name_en} for s in geo.STATES]
    assert [f["properties"] for f in features] == expected
    geoms = [shape(f["geometry"]) for f in features]
    for f, g in zip(features, geoms, strict=True):
        assert g.geom_type in ("Polygon", "MultiPolygon"), f["properties"]["state"]
        assert g.is_valid, f["properties"]["state"]
        assert not g.is_empty
        minx, miny, maxx, maxy = g.bounds  # WGS84 lon/lat around Germany
        assert 5.5 < minx < maxx < 15.5 and 47.0 < miny < maxy < 55.5
    assert shapely.coverage_is_valid(geoms)  # no overlaps between states


@pytest.mark.parametrize("name", ["bundeslaender.geojson", "bundeslaender_land.geojson"])
def test_geojson_small_and_rounded(name):
    path = GEO_DIR / name
    assert path.stat().st_size < 300_000
    coords = shapely.get_coordinates([shape(f["geometry"]) for f in _features(name)])
    assert np.allclose(coords, np.round(coords, 4), rtol=0, atol=1e-9)


def test_land_lies_within_states():
    states = geo.load_state_shapes()
    assert states is geo.load_state_shapes()  # cached
    land = {f["properties"]["state"]: shape(f["geometry"]) for f in _features("bundeslaender_land.geojson")}
    for code in CODES:
        outside = shapely.difference(land[code], states[code]).area
        assert outside < 1e-6 * land[code].area, code
    # coastal waters and Lake Constance are part of the map geometry only
    assert land["DE-SH"].area < 0.7 * states["DE-SH"].area
    assert land["DE-TH"].area == pytest.approx(states["DE-TH"].area)


def test_source_notes_present():
    assert (GEO_DIR / "QUELLENVERMERK-BKG.txt").is_file()
    note = (GEO_DIR / "QUELLENVERMERK.md").read_text(encoding="utf-8")
    assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in note
    assert "https://www.bkg.bund.de" in note
    assert "Datenlizenz Deutschland – Namensnennung – 2.0" in note


# ---------------------------------------------------------------------- states


def test_states_table():
    assert len(geo.STATES) == 16
    assert [s.ars for s in geo.STATES] == [f"{i:02d}" for i in range(1, 17)]
    assert len(set(CODES)) == 16
    with pytest.raises(AttributeError):
        geo.STATES[0].code = "DE-XX"  # frozen


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("DE-BW", "DE-BW"),
        ("de-bw", "DE-BW"),
        (" DE-BY ", "DE-BY"),
        ("BY", "DE-BY"),
        ("by", "DE-BY"),
        ("DE_NW", "DE-NW"),
        ("de th", "DE-TH"),
        ("Baden-Württemberg", "DE-BW"),
        ("baden-württemberg", "DE-BW"),
        ("BADEN-WÜRTTEMBERG", "DE-BW"),
        ("Baden-Wuerttemberg", "DE-BW"),
        ("Baden-Wurttemberg", "DE-BW"),
        ("Baden Württemberg", "DE-BW"),
        ("Baden-Wu\u0308rttemberg", "DE-BW"),  # decomposed umlaut (NFD)
        ("Thüringen", "DE-TH"),
        ("Thueringen", "DE-TH"),
        ("thüringen", "DE-TH"),
        ("Bayern", "DE-BY"),
        ("Freistaat Bayern", "DE-BY"),
        ("Nordrhein-Westfalen", "DE-NW"),
        ("Nordrhein Westfalen", "DE-NW"),
        ("NRW", "DE-NW"),
        ("Rheinland-Pfalz", "DE-RP"),
        ("Mecklenburg-Vorpommern", "DE-MV"),
        ("Sachsen-Anhalt", "DE-ST"),
        ("Sachsen", "DE-SN"),
        ("Niedersachsen", "DE-NI"),
        ("Hessen", "DE-HE"),
        ("Saarland", "DE-SL"),
        ("Berlin", "DE-BE"),
        ("Brandenburg", "DE-BB"),
        ("Hamburg", "DE-HH"),
        ("Bremen", "DE-HB"),
        ("Schleswig-Holstein", "DE-SH"),
        ("Bavaria", "DE-BY"),
        ("North Rhine-Westphalia", "DE-NW"),
        ("north rhine westphalia", "DE-NW"),
        ("Lower Saxony", "DE-NI"),
        ("Hesse", "DE-HE"),
        ("Thuringia", "DE-TH"),
        ("Saxony-Anhalt", "DE-ST"),
        ("Saxony", "DE-SN"),
        ("Rhineland-Palatinate", "DE-RP"),
        ("Mecklenburg-Western Pomerania", "DE-MV"),
        ("Mecklenburg-West Pomerania", "DE-MV"),
        ("", None),
        ("   ", None),
        ("DE", None),
        ("Germany", None),
        ("DE-XX", None),
        ("Bayernn", None),
        ("Sachsen Anhalt Thüringen", None),
        ("Tirol", None),
        ("08", None),
        (None, None),
        (float("nan"), None),
        (8, None),
    ],
)
def test_normalise_state(value, expected):
    assert geo.normalise_state(value) == expected


@pytest.mark.parametrize("state", geo.STATES, ids=CODES)
def test_normalise_state_round_trip(state):
    for value in (state.code, state.code[3:], state.name_de, state.name_en, state.ars):
        if value == state.ars:
            assert geo.normalise_state(value) is None
        else:
            assert geo.normalise_state(value) == state.code
            assert geo.normalise_state(value.upper()) == state.code
            assert geo.normalise_state(value.lower()) == state.code


def test_state_name():
    assert geo.state_name("DE-BW") == "Baden-Württemberg"
    assert geo.state_name("DE-BY", "en") == "Bavaria"
    assert geo.state_name("nrw", lang="de") == "Nordrhein-Westfalen"
    assert geo.state_name("DE-TH", "en") == "Thuringia"
    with pytest.raises(ValueError, match="unknown"):
        geo.state_name("DE-XX")
    with pytest.raises(ValueError, match="language"):
        geo.state_name("DE-BW", "fr")


# ------------------------------------------------------------------ point tests

INSIDE = {
    "Berlin": (52.52, 13.405),
    "München": (48.137, 11.575),
    "Hamburg": (53.55, 9.99),
    "Sylt": (54.9, 8.3),
    "Konstanz": (47.66, 9.17),
    "Köln": (50.94, 6.96),
    "Dresden": (51.05, 13.74),
    "Görlitz": (51.15, 14.99),
    "Aachen": (50.776, 6.084),
    "Helgoland": (54.18, 7.89),
    "Fehmarn": (54.45, 11.15),
    "Oberstdorf": (47.41, 10.28),
}
OUTSIDE = {
    "Paris": (48.857, 2.352),
    "Wien": (48.208, 16.373),
    "København": (55.676, 12.568),
    "Zürich": (47.37, 8.54),
    "Strasbourg (west)": (48.58, 7.68),  # the centre is within 5 km of the Rhine
    "Nancy": (48.69, 6.18),
    "Praha": (50.08, 14.43),
    "Amsterdam": (52.37, 4.9),
    "Luxembourg": (49.61, 6.13),
    "Innsbruck": (47.27, 11.39),
    "Szczecin": (53.43, 14.55),
    "Poznań": (52.41, 16.93),
    "North Sea": (54.5, 6.0),
    "Baltic Sea": (55.0, 13.0),
}


@pytest.mark.parametrize(("lat", "lon"), INSIDE.values(), ids=INSIDE.keys())
def test_in_germany_inside(lat, lon):
    assert geo.in_germany(lat, lon)
    assert geo.in_germany(lat, lon, buffer_km=0)


@pytest.mark.parametrize(("lat", "lon"), OUTSIDE.values(), ids=OUTSIDE.keys())
def test_in_germany_outside(lat, lon):
    assert not geo.in_germany(lat, lon)
    assert not any(geo.in_state(code, lat, lon) for code in CODES)


def test_in_germany_border_tolerance():
    # Salzburg and Strasbourg's centre are 2–4 km from the German border.
    for lat, lon in [(47.80, 13.04), (48.58, 7.75)]:
        assert geo.in_germany(lat, lon)
        assert not geo.in_germany(lat, lon, buffer_km=0)
    assert geo.in_state("DE-BY", 47.80, 13.04)
    assert geo.in_state("DE-BW", 48.58, 7.75)
    assert not geo.in_state("DE-RP", 48.58, 7.75)


def test_in_germany_vectorised():
    lat = np.array([p[0] for p in INSIDE.values()] + [p[0] for p in OUTSIDE.values()])
    lon = np.array([p[1] for p in INSIDE.values()] + [p[1] for p in OUTSIDE.values()])
    result = geo.in_germany(lat, lon)
    assert result.dtype == bool and result.shape == lat.shape
    assert result.tolist() == [True] * len(INSIDE) + [False] * len(OUTSIDE)
    assert geo.in_germany(52.52, 13.405).shape == ()
    with_nan = geo.in_germany(pd.Series([52.52, np.nan]), pd.Series([13.405, 13.4]))
    assert with_nan.tolist() == [True, False]
    assert geo.in_germany([], []).shape == (0,)
    # broadcasting a scalar against an array
    assert geo.in_germany(52.52, np.array([13.405, 2.35])).tolist() == [True, False]


@pytest.mark.parametrize(
    ("code", "lat", "lon"),
    [
        ("DE-BE", 52.52, 13.405),
        ("DE-BY", 48.137, 11.575),
        ("DE-HH", 53.55, 9.99),
        ("DE-SH", 54.9, 8.3),
        ("DE-BW", 47.66, 9.17),
        ("DE-HB", 53.08, 8.80),
        ("DE-HB", 53.55, 8.58),  # Bremerhaven
        ("DE-BB", 52.40, 13.06),  # Potsdam
        ("DE-NW", 51.51, 7.47),
        ("DE-TH", 50.98, 11.03),
    ],
)
def test_in_state(code, lat, lon):
    assert geo.in_state(code, lat, lon)
    others = [c for c in CODES if c != code]
    assert not any(geo.in_state(c, lat, lon) for c in others)
    assert geo.in_state(geo.state_name(code, "en"), lat, lon)  # any spelling


def test_in_state_unknown_code():
    with pytest.raises(ValueError, match="unknown"):
        geo.in_state("DE-XX", 52.5, 13.4)


def test_every_point_near_germany_in_exactly_one_state():
    rng = np.random.default_rng(7)
    lat = rng.uniform(46.8, 55.4, 20_000)
    lon = rng.uniform(5.5, 15.5, 20_000)
    # add points exactly on state borders (vertices shared by Berlin and Brandenburg)
    border = shapely.get_coordinates(geo.load_state_shapes()["DE-BE"])
    lat = np.concatenate([lat, border[:, 1]])
    lon = np.concatenate([lon, border[:, 0]])
    count = sum(geo.in_state(code, lat, lon).astype(int) for code in CODES)
    assert count.max() == 1
    assert np.array_equal(count == 1, geo.in_germany(lat, lon))


# ------------------------------------------------------------------ sampling


@pytest.mark.parametrize("code", CODES)
def test_random_points_in_state(code):
    lat, lon = geo.random_points_in_state(code, 500, np.random.default_rng(42))
    assert lat.shape == lon.shape == (500,)
    assert geo.in_state(code, lat, lon, buffer_km=0).all()
    assert geo.in_germany(lat, lon, buffer_km=0).all()
    again = geo.random_points_in_state(code, 500, np.random.default_rng(42))
    assert np.array_equal(lat, again[0]) and np.array_equal(lon, again[1])
    other = geo.random_points_in_state(code, 500, np.random.default_rng(43))
    assert not np.array_equal(lat, other[0])
    assert len(np.unique(lat)) == 500


def test_random_points_on_land_and_away_from_border():
    land = {f["properties"]["state"]: shape(f["geometry"]) for f in _features("bundeslaender_land.geojson")}
    rng = np.random.default_rng(1)
    for code in ("DE-SH", "DE-MV", "DE-BY", "DE-BE"):
        lat, lon = geo.random_points_in_state(code, 300, rng)
        assert shapely.contains_xy(land[code], lon, lat).all(), code  # not in the sea
        # at least 1 km (~0.009° lat) from the state border for large states
        boundary = geo.load_state_shapes()[code].boundary
        dist = shapely.distance(boundary, shapely.points(lon, lat))
        assert dist.min() > 0.005, code


def test_random_points_small_states_cover_all_parts():
    # Bremen has two parts: Bremen city and Bremerhaven (north of 53.4°).
    lat, _ = geo.random_points_in_state("DE-HB", 2000, np.random.default_rng(5))
    assert (lat > 53.4).mean() > 0.05
    assert (lat < 53.3).mean() > 0.5


def test_random_points_edge_cases():
    rng = np.random.default_rng(0)
    lat, lon = geo.random_points_in_state("DE-BE", 0, rng)
    assert lat.shape == lon.shape == (0,)
    with pytest.raises(ValueError):
        geo.random_points_in_state("DE-BE", -1, rng)
    with pytest.raises(ValueError, match="unknown"):
        geo.random_points_in_state("Atlantis", 5, rng)


def test_random_points_fast():
    import time

    rng = np.random.default_rng(3)
    for code in CODES:  # warm caches
        geo.random_points_in_state(code, 1, rng)
    start = time.perf_counter()
    for code in CODES:
        geo.random_points_in_state(code, 675, rng)  # 16 * 675 = 10,800
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize("code", CODES)
def test_state_anchor_inside(code):
    lat, lon = geo.state_anchor(code)
    assert isinstance(lat, float) and isinstance(lon, float)
    assert geo.in_state(code, lat, lon, buffer_km=0)
    assert geo.state_anchor(code) == (lat, lon)


def test_state_anchor_plausible():
    lat, lon = geo.state_anchor("DE-BE")
    assert abs(lat - 52.5) < 0.1 and abs(lon - 13.4) < 0.15
    assert not geo.in_state("DE-BE", *geo.state_anchor("DE-BB"), buffer_km=0)


# ------------------------------------------------------- GeoNames places (shared/)


@pytest.fixture(scope="module")
def places():
    path = SHARED_GEO / "places_de.csv"
    if not path.is_file():
        pytest.skip(f"{path} not present")
    return pd.read_csv(path, dtype={"state": str})


def test_places_in_germany(places):
    assert len(places) > 3000
    inside = geo.in_germany(places["lat"].to_numpy(), places["lon"].to_numpy())
    assert inside.mean() >= 0.99, places[~inside].head(20)


def test_places_in_listed_state(places):
    ok = np.zeros(len(places), dtype=bool)
    for code in CODES:
        mask = (places["state"] == code).to_numpy()
        ok[mask] = geo.in_state(code, places["lat"][mask], places["lon"][mask])
    assert ok.mean() >= 0.97, places[~ok].head(20)


def test_states_neighbours_and_parts_are_consistent():
    states = set(contract().allowed("municipalities", "state"))
    assert set(geo.NEIGHBOURS) == states
    for s, ns in geo.NEIGHBOURS.items():
        for n in ns:
            assert s in geo.NEIGHBOURS[n], (s, n)
    parts = [s for group in geo.PARTS_OF_GERMANY.values() for s in group]
    assert sorted(parts) == sorted(states)
