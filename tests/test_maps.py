"""The map builder (components.maps) and the offline rewriting (components.offline), checked by data and HTML."""

from __future__ import annotations

import json
import shutil
import subprocess

import folium
import folium.plugins
import numpy as np
import pandas as pd
import pytest
from branca.colormap import LinearColormap

from components import map_scale, map_texts, map_wire, maps, offline
from components.i18n import pick
from components.text import html_text
from factory import make_tables, write_package
from study import aggregate
from study.package import load_package
from study.selection import Filters, select

K = 3
EVIL = "<img src=x onerror=alert(1)>"


def state_label(code: str) -> str:
    return f"Land {code}"


def size_label(code: str) -> str:
    return f"Größe {code}"


LABELS = dict(state_label=state_label, size_label=size_label)


def profiles_frame() -> pd.DataFrame:
    """Four municipalities as municipality_profiles returns them: one suppressed, one placed approximately."""
    return pd.DataFrame(
        {
            "municipality_id": ["a1", "b2", "c3", "d4"],
            "name": ["Altdorf", EVIL, "Chemnitz-Land", "Dorf & Co"],
            "state": ["DE-BY", "DE-BE", "DE-SN", "DE-NI"],
            "size_class": ["kleinstadt", "grossstadt", "landkreis", "landgemeinde"],
            "population": pd.array([5060, 3_600_000, 116_460, None], dtype="Int64"),
            "lat": [48.14, 52.52, 50.83, 52.37],
            "lon": [11.58, 13.40, 12.92, 9.74],
            "approximate": [False, False, True, False],
            "fairtrade_town": pd.array([True, False, None, True], dtype="boolean"),
            "council_resolution": pd.array([False, True, True, None], dtype="boolean"),
            "n_actors": [4.0, 20.0, 9.0, np.nan],
            "n_statements": [40.0, 250.0, 90.0, np.nan],
            "share_existing": [0.25, 0.5, 0.75, np.nan],
            "mean_severity": [2.0, 3.5, 4.1, np.nan],
            "suppressed": [False, False, False, True],
        }
    )


def build(profiles=None, metric="share_existing", tiles=False, lang="de", offline_ready=True) -> folium.Map:
    m = maps.build_map(
        profiles_frame() if profiles is None else profiles, metric, k=K, lang=lang, tiles=tiles, **LABELS
    )
    return offline.make_offline(m) if offline_ready else m


def props(m) -> dict[str, dict]:
    return {f["properties"]["i"]: f["properties"] for f in maps.map_features(m)["features"]}


def html(m) -> str:
    return m.get_root().render()


# --------------------------------------------------------------------------- markers


def test_one_marker_per_municipality_at_its_position():
    m = build()
    features = maps.map_features(m)["features"]
    assert len(features) == 4
    assert [f["geometry"]["coordinates"] for f in features] == [
        [11.58, 48.14],
        [13.4, 52.52],
        [12.92, 50.83],
        [9.74, 52.37],
    ]
    # The embedded data holds the same four ids (escaped), once each.
    layer = next(c for c in m._children.values() if isinstance(c, maps.MunicipalityLayer))
    assert json.loads(layer.data_json)["i"] == ["a1", "b2", "c3", "d4"]


def test_radius_grows_with_actors_and_suppressed_gets_the_smallest():
    p = props(build())
    assert p["a1"]["r"] < p["c3"]["r"] < p["b2"]["r"]  # 4 < 9 < 20 actors
    assert p["d4"]["r"] == map_scale.RADIUS_LABELLED[0] <= p["a1"]["r"]
    assert p["b2"]["r"] == map_scale.RADIUS_LABELLED[1]
    # Area, not radius, is proportional: r² grows linearly with the actors.
    r2 = {i: p[i]["r"] ** 2 - map_scale.RADIUS_LABELLED[0] ** 2 for i in ("a1", "c3", "b2")}
    assert r2["c3"] / r2["b2"] == pytest.approx(9 / 20, abs=0.05)


def test_suppressed_municipality_shows_less_than_k_and_no_number():
    m = build()
    p = props(m)["d4"]
    assert p["v"] == ["&lt; 3"] * 4  # actors, statements, share, severity
    assert p["s"] == 1 and p["c"] == -1
    assert all(props(m)[i]["s"] == 0 for i in ("a1", "b2", "c3"))


def test_suppressed_values_from_a_real_selection_never_reach_the_map(tmp_path):
    # One actor of group "kirche" per municipality: 3 actors in all (= k), 1 per municipality (< k).
    package = load_package(write_package(make_tables(seed=2, n_municipalities=3, actors_per=6), tmp_path / "p"))
    sel = select(package, Filters(group=("kirche",)))
    profiles = aggregate.municipality_profiles(sel)
    assert profiles["suppressed"].all()
    m = build(profiles)
    for p in props(m).values():
        assert p["v"] == [html_text(f"< {package.min_group_size}")] * 4
        assert p["r"] == map_scale.RADIUS_LABELLED[0]


def test_values_formatted_in_german_and_english():
    assert props(build())["c3"]["v"] == ["9", "90", "75\u00a0%", "4,1"]
    assert props(build(lang="en"))["c3"]["v"] == ["9", "90", "75%", "4.1"]
    big = props(build())["b2"]
    assert big["p"] == "3.600.000"
    assert props(build(lang="en"))["b2"]["p"] == "3,600,000"


def test_approximate_position_is_flagged_and_explained():
    m = build()
    p = props(m)
    assert p["c3"]["x"] == 1
    assert [p[i]["x"] for i in ("a1", "b2", "d4")] == [0, 0, 0]
    page = html(m)
    assert "Lage ungefähr" in page  # the tooltip line
    assert "gestrichelter Rand: Lage ungefähr" in page  # the legend
    assert ".ka-m.ka-x { border-style: dashed; }" in page
    assert "Approximate position" in html(build(lang="en"))


def test_colour_classes_follow_the_scale():
    p = props(build())
    # Shares 25 %, 50 %, 75 % fall into the classes 20–40, 40–60, 60–80 % of five.
    assert [p[i]["c"] for i in ("a1", "b2", "c3")] == [1, 2, 3]


def test_fairtrade_and_council_flags_keep_unknown_apart():
    p = props(build())
    assert p["a1"]["f"] == [1, 0]
    assert p["c3"]["f"] == [None, 1]
    assert p["d4"]["f"] == [1, None]


def test_data_text_is_escaped_in_the_html():
    m = build()
    page = html(m)
    assert props(m)["b2"]["n"] == html_text(EVIL)
    assert "<img" not in page
    assert "onerror=alert(1)>" not in page
    # In the script the escaped name is JSON with <, >, & as \u escapes: no raw markup anywhere.
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in page
    assert "Dorf \\u0026amp; Co" in page


def test_script_cannot_be_closed_by_data():
    frame = profiles_frame()
    frame.loc[0, "name"] = "</script><script>alert(1)</script>"
    page = html(build(frame))
    assert page.count("</script>") == page.count("<script")
    assert "alert(1)</script>" not in page


def test_metric_label_shown_in_the_marker_is_the_chosen_one():
    for metric in map_scale.METRICS:
        page = html(build(metric=metric))
        config = page.split("kaMunicipalities.pointToLayer(", 1)[1].split(")\n", 1)[0]
        assert json.loads(config)["metric"] == map_scale.VALUE_ORDER.index(metric)
        assert pick(map_texts.TEXTS, metric, "de") in page


def test_unknown_metric_is_refused():
    with pytest.raises(ValueError):
        build(metric="n_actors")


def test_empty_selection_builds_an_empty_layer():
    empty = profiles_frame().iloc[0:0]
    m = build(empty)
    assert maps.map_features(m)["features"] == []


# --------------------------------------------------------------------------- offline


def test_no_external_url_with_tiles_off():
    m = build()
    assert offline.external_urls(m) == []
    js, css = offline.resources(m)
    assert js == [offline.LEAFLET_JS] and css == [offline.LEAFLET_CSS]


@pytest.mark.parametrize(
    ("base_path", "prefix"),
    [("", ""), ("kooperationsatlas", "/kooperationsatlas"), ("/atlas/karte/", "/atlas/karte")],
)
def test_static_urls_carry_the_base_path(base_path, prefix):
    """Behind a reverse proxy under a base path the map's document fetches Leaflet from below that path."""
    m = offline.make_offline(build(offline_ready=False), base_path=base_path)
    js, css = offline.resources(m)
    assert js == [prefix + offline.LEAFLET_JS] and css == [prefix + offline.LEAFLET_CSS]


def test_local_scripts_exist_in_static():
    m = build()
    for url in (*offline.resources(m)[0], *offline.resources(m)[1]):
        path = offline.local_file(url)
        assert path is not None and path.is_file(), url
    vendor = offline.STATIC_DIR / offline.LEAFLET_DIR
    assert (vendor / "LICENSE").read_text().startswith("BSD 2-Clause License")
    for image in ("layers.png", "layers-2x.png", "marker-icon.png"):
        assert (vendor / "images" / image).is_file()


def test_vendored_leaflet_is_the_one_folium_expects():
    default = dict(folium.Map.default_js)["leaflet"]
    assert f"leaflet@{offline.LEAFLET_VERSION}/" in default
    assert (
        f'version="{offline.LEAFLET_VERSION}"' in (offline.STATIC_DIR / offline.LEAFLET_DIR / "leaflet.js").read_text()
    )


def test_without_make_offline_the_map_would_load_cdns():
    # The check can fail: folium's defaults are external.
    urls = offline.external_urls(build(offline_ready=False))
    assert any("cdn.jsdelivr.net" in u for u in urls)
    assert any("code.jquery.com" in u for u in urls)


def test_osm_tiles_and_attribution_only_when_asked_for():
    on = build(tiles=True)
    assert offline.external_urls(on) == [maps.OSM_TILES]
    page = html(on)
    assert 'openstreetmap.org/copyright\\"\\u003eOpenStreetMap\\u003c/a\\u003e-Mitwirkende' in page
    assert "OpenStreetMap\\u003c/a\\u003e contributors" in html(build(tiles=True, lang="en"))
    assert "tile.openstreetmap.org" not in html(build())


def test_bkg_attribution_is_linked():
    page = html(build())
    assert (
        '\\u003ca href=\\"https://www.bkg.bund.de\\"\\u003e\\u00a9 GeoBasis-DE / BKG 2021 (Daten ver\\u00e4ndert)'
        in page
    )
    assert maps.BKG_ATTRIBUTION == "© GeoBasis-DE / BKG 2021 (Daten verändert)"


def test_make_offline_refuses_plugins_it_cannot_serve():
    m = build(offline_ready=False)
    folium.plugins.MarkerCluster().add_to(m)
    with pytest.raises(offline.OfflineError, match="not vendored"):
        offline.make_offline(m)


def test_make_offline_refuses_colormaps():
    m = build(offline_ready=False)
    LinearColormap(["#ffffff", "#000000"]).add_to(m)
    with pytest.raises(offline.OfflineError, match="d3"):
        offline.make_offline(m)


def test_make_offline_after_a_render_removes_cdn_links():
    m = build(offline_ready=False)
    html(m)  # folium puts its CDN links into the header
    offline.make_offline(m)
    assert offline.external_urls(m) == []


def test_make_offline_leaves_folium_classes_untouched():
    build()
    assert "cdn.jsdelivr.net" in dict(folium.Map.default_js)["leaflet"]


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ('<script src="https://cdn.example.org/x.js"></script>', ["https://cdn.example.org/x.js"]),
        ('<link rel="stylesheet" href="//fonts.example.org/a.css"/>', ["//fonts.example.org/a.css"]),
        ("<style>.a { background: url('//img.example.org/b.png') }</style>", ["//img.example.org/b.png"]),
        (
            'L.tileLayer("https://{s}.tiles.example.org/{z}/{x}/{y}.png")',
            ["https://{s}.tiles.example.org/{z}/{x}/{y}.png"],
        ),
        ('<a href="https://www.bkg.bund.de">BKG</a>', []),
        ('"\\u003ca href=\\"https://www.bkg.bund.de\\"\\u003eBKG\\u003c/a\\u003e"', []),
        ('<svg xmlns="http://www.w3.org/2000/svg"></svg>', []),
        ("// a comment, not a URL", []),
        ('<script src="/app/static/vendor/x.js"></script>', []),
    ],
)
def test_external_urls(snippet, expected):
    assert offline.external_urls(snippet) == expected


# --------------------------------------------------------------------------- scales, legend, table, text


def test_share_scale_is_fixed_and_classes_are_half_open():
    scale = map_scale.metric_scale(profiles_frame(), "share_existing")
    assert scale.breaks == (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
    cls = scale.classify(pd.Series([0.0, 0.2, 0.3999, 1.0, np.nan]))
    assert cls.tolist() == [0, 1, 1, 4, -1]
    assert scale.labels("de")[0] == "0\u00a0% bis unter 20\u00a0%"
    assert scale.labels("de")[-1] == "80\u00a0% bis 100\u00a0%"


@pytest.mark.parametrize("metric", ["n_statements", "mean_severity"])
def test_data_scales_cover_the_values_with_at_most_five_classes(metric):
    frame = profiles_frame()
    scale = map_scale.metric_scale(frame, metric)
    values = frame[metric].dropna()
    assert 1 <= scale.n_classes <= len(map_scale.CLASS_COLOURS)
    assert scale.breaks[0] <= values.min() and values.max() <= scale.breaks[-1]
    assert (scale.classify(values) >= 0).all()


def test_scale_of_a_single_value():
    frame = profiles_frame()
    frame["n_statements"] = 50.0
    scale = map_scale.metric_scale(frame, "n_statements")
    assert scale.n_classes == 1
    assert (scale.classify(frame["n_statements"]) == 2).all()


def test_legend_explains_colour_size_outline_and_suppression():
    page = html(build())
    legend = next(c for c in build()._children.values() if isinstance(c, maps.Legend)).html
    for phrase in (
        "Farbe und Zahl im Kreis",
        "Anteil bestehender Kooperationen",
        "0\u00a0% bis unter 20\u00a0%",
        "&lt; 3: weniger als 3 Akteure",
        "gestrichelter Rand",
        "Kreisfläche: Zahl der Akteure",
    ):
        assert phrase in legend
    assert "ka-legend" in page


def test_many_municipalities_use_canvas_circles_and_stay_small():
    rng = np.random.default_rng(0)
    n = 10_800
    frame = pd.DataFrame(
        {
            "municipality_id": [f"{i:08d}" for i in range(n)],
            "name": [f"Gemeinde {i}" for i in range(n)],
            "state": rng.choice(["DE-BY", "DE-NW", "DE-SN"], n),
            "size_class": rng.choice(["kleinstadt", "landgemeinde"], n),
            "population": pd.array(rng.integers(100, 500_000, n), dtype="Int64"),
            "lat": rng.uniform(48, 54, n),
            "lon": rng.uniform(7, 14, n),
            "approximate": rng.random(n) < 0.01,
            "fairtrade_town": pd.array(rng.random(n) < 0.3, dtype="boolean"),
            "council_resolution": pd.array(rng.random(n) < 0.2, dtype="boolean"),
            "n_actors": rng.integers(3, 30, n).astype(float),
            "n_statements": rng.integers(10, 600, n).astype(float),
            "share_existing": rng.random(n),
            "mean_severity": rng.uniform(1, 5, n),
            "suppressed": np.zeros(n, dtype=bool),
        }
    )
    m = build(frame)
    size = len(html(m).encode())
    assert size < 160_000 + 120 * n  # boundaries + about 90 bytes per municipality
    assert '"labelled":false' in html(m)
    assert max(p["r"] for p in props(m).values()) == map_scale.RADIUS_PLAIN[1]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run the map's JavaScript")
def test_browser_expansion_matches_features_from_columns():
    columns, _, _ = map_wire.marker_columns(profiles_frame(), "share_existing", k=K, lang="de", **LABELS)
    script = f"{maps.markers_js()}\nconsole.log(JSON.stringify(kaMunicipalities.expand({map_wire._json(columns)})));"
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True, timeout=30).stdout
    assert json.loads(out) == map_wire.features_from_columns(columns)


def test_profile_table_formats_and_suppresses_actor_figures_only():
    table = maps.profile_table(profiles_frame(), k=K, lang="de", **LABELS)
    assert len(table) == 4
    row = table.iloc[3]
    for col in (
        "Akteure",
        "Codierte Aussagen",
        "Anteil bestehender Kooperationen",
        "Mittlere Schwere der Herausforderungen (1–5)",
    ):
        assert row[col] == "< 3"
    assert row["Einwohner"] == "–" and row["Fairtrade-Town"] == "ja" and row["Ratsbeschluss faire Beschaffung"] == "–"
    assert table.iloc[1]["Einwohner"] == "3.600.000"
    assert table.iloc[2]["Anteil bestehender Kooperationen"] == "75\u00a0%"
    assert table.iloc[2]["Lage"] == "ungefähr" and table.iloc[0]["Lage"] == "genau"
    assert table.iloc[0]["Bundesland"] == "Land DE-BY"
    english = maps.profile_table(profiles_frame(), k=K, lang="en", **LABELS)
    assert english.iloc[2]["Position"] == "approximate"


def test_describe_map_names_extremes_and_counts():
    text = maps.describe_map(profiles_frame(), "share_existing", k=K, lang="de")
    assert "4 Kommunen" in text
    assert "Höchster Wert: Chemnitz-Land (75\u00a0%)" in text
    assert "niedrigster Wert: Altdorf (25\u00a0%)" in text
    assert "Eine Kommune mit weniger als 3 Akteuren" in text
    assert "Eine Kommune ist nur ungefähr verortet" in text


# --------------------------------------------------------------------------- clicks


def test_click_is_resolved_by_the_id_in_the_tooltip():
    frame = profiles_frame()
    tooltip = "Chemnitz-LandLand DE-SN · Größe landkreisAkteure: 9\u27e6c3\u27e7"
    assert map_wire.clicked_municipality({"last_object_clicked_tooltip": tooltip}, frame) == "c3"


def test_a_name_cannot_fake_the_id():
    frame = profiles_frame()
    tooltip = "\u27e6a1\u27e7 fake name … \u27e6b2\u27e7"  # the hidden id is always the last bracket
    assert map_wire.clicked_municipality({"last_object_clicked_tooltip": tooltip}, frame) == "b2"
    assert map_wire.clicked_municipality({"last_object_clicked_tooltip": "\u27e6zz\u27e7"}, frame) is None


def test_click_falls_back_to_the_marker_position():
    frame = profiles_frame()
    hit = {"last_object_clicked": {"lat": 52.52, "lng": 13.4}, "last_object_clicked_tooltip": None}
    assert map_wire.clicked_municipality(hit, frame) == "b2"
    miss = {"last_object_clicked": {"lat": 52.0, "lng": 13.0}}
    assert map_wire.clicked_municipality(miss, frame) is None
    assert map_wire.clicked_municipality(None, frame) is None
    assert map_wire.clicked_municipality({"last_object_clicked": None}, frame) is None


def test_the_map_frame_does_not_block_zooming():
    m = build()
    for _ in range(2):  # streamlit-folium renders the map more than once
        page = html(m)
        assert "user-scalable" not in page and "maximum-scale" not in page
        assert maps.ACCESSIBLE_VIEWPORT in page


def test_a_municipality_without_position_gets_no_marker():
    frame = profiles_frame()
    frame.loc[0, ["lat", "lon"]] = np.nan
    m = build(frame)
    assert sorted(props(m)) == ["b2", "c3", "d4"]
    assert "NaN" not in html(m)


def test_compact_values_keep_their_text():
    # Plain integers travel as JSON numbers (shorter); anything else stays text.
    assert map_wire._compact("12") == 12 and map_wire._compact("0") == 0
    assert [map_wire._compact(v) for v in ("1.234", "75\u00a0%", "4,1", "&lt; 3", "07", "–")] == [
        "1.234",
        "75\u00a0%",
        "4,1",
        "&lt; 3",
        "07",
        "–",
    ]
    assert map_wire._flag_string(pd.Series([True, False, None, float("nan")], dtype="object")) == "10--"


# --------------------------------------------------------------------------- view, legend, overlaps


def _separate(points: list[dict], gap: float = 2) -> list[list[float]]:
    script = (
        f"{maps.markers_js()}\nconsole.log(JSON.stringify(kaMunicipalities.separate({json.dumps(points)}, {gap})));"
    )
    return json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to run the map's JavaScript")
def test_overlapping_circles_are_pushed_apart_and_lone_ones_stay():
    rng = np.random.default_rng(1)
    cluster = [{"x": 100 + float(x), "y": 100 + float(y), "r": 20} for x, y in rng.normal(0, 10, (12, 2))]
    same_spot = [{"x": 400.0, "y": 400.0, "r": 17} for _ in range(3)]
    alone = [{"x": 900.0, "y": 50.0, "r": 28}]
    points = cluster + same_spot + alone
    offsets = _separate(points)
    moved = [(p["x"] + o[0], p["y"] + o[1], p["r"]) for p, o in zip(points, offsets, strict=True)]
    for i, (ax, ay, ar) in enumerate(moved):
        for bx, by, br in moved[i + 1 :]:
            assert np.hypot(ax - bx, ay - by) >= ar + br + 2 - 0.2
    assert offsets[-1] == [0, 0]
    # Pushed no further than the cluster needs: within a few diameters of where they were.
    assert max(np.hypot(*o) for o in offsets) < 6 * 20
    assert _separate(points) == offsets  # the same input places the circles the same way


def test_map_bounds_cover_the_chosen_states_or_germany():
    assert maps.map_bounds(()) == maps.GERMANY_BOUNDS
    (s, w), (n, e) = maps.map_bounds(("DE-BY",))
    assert 47.2 < s < 47.4 and 50.5 < n < 50.6 and 8.9 < w < 9.1 and 13.8 < e < 13.9
    (s2, w2), (n2, e2) = maps.map_bounds(("DE-BY", "DE-SH"))
    assert s2 == s and n2 > 54.5 and w2 < w
    assert maps.map_bounds(("XX",)) == maps.GERMANY_BOUNDS


def test_the_map_zooms_to_the_filter_or_the_selection_states():
    frame = profiles_frame()
    assert maps.focus_states(frame, Filters()) == ()
    assert maps.focus_states(frame, Filters(state=("DE-BE",))) == ("DE-BE",)
    assert maps.focus_states(frame.iloc[:2], Filters(size_class=("kleinstadt", "grossstadt"))) == ("DE-BE", "DE-BY")
    page = html(maps.build_map(frame, "share_existing", k=K, lang="de", states=("DE-BE",), **LABELS))
    (s, w), (n, e) = maps.map_bounds(("DE-BE",))
    assert f"[[{s},{w}],[{n},{e}]]" in page


def test_legend_is_collapsible_and_named():
    page = html(build())
    assert "kaMunicipalities.legend(" in page and '"Legende"' in page
    assert "kaMunicipalities.declutter(" in page
    assert '"zoomIn":"Vergrößern"' in page and '"zoomControl": false' in page
    assert '"Legend"' in html(build(lang="en"))


def test_one_municipality_is_singular():
    one = profiles_frame().iloc[:1]
    assert "mit 1 Kommune der Auswahl" in maps.describe_map(one, "share_existing", k=K, lang="de")
    assert "with 1 municipality of the selection" in maps.describe_map(one, "share_existing", k=K, lang="en")
    assert "mit 4 Kommunen der Auswahl" in maps.describe_map(profiles_frame(), "share_existing", k=K, lang="de")
