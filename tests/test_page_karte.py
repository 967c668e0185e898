"""The Karte page under AppTest (content, filters, click callback) and, marked ``browser``, in Chromium."""

from __future__ import annotations

from functools import partial

import pandas as pd
import pytest
from apptest_support import ROOT, open_page
from streamlit.testing.v1 import AppTest

from components import maps
from components.app import mapview
from components.i18n import fmt_int, fmt_pct, t
from components.text import md
from factory import make_tables, write_package
from study import aggregate
from study.labels import Labels
from study.package import load_package
from study.selection import Filters, select

PAGE = "pages/karte.py"


@pytest.fixture
def package_dir(tmp_path, monkeypatch):
    """Four municipalities in four states (BW, BY, BE, NI), six actors each; one actor of group "kirche" each."""
    folder = write_package(make_tables(seed=3, n_municipalities=4, actors_per=6, statements_per=20), tmp_path / "p")
    monkeypatch.setenv("STUDY_DATA", str(folder))
    return folder


@pytest.fixture
def package(package_dir):
    return load_package(package_dir)


open_page = partial(open_page, PAGE)


def table(at) -> pd.DataFrame:
    frames = [df.value for df in at.dataframe]
    assert len(frames) == 1
    return frames[0]


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def expected_profiles(package, filters: Filters | None = None):
    return aggregate.municipality_profiles(select(package, filters or Filters()))


def test_demo_data_renders_with_one_row_per_municipality():
    at = open_page()
    assert at.title[0].value == "Karte"
    header = "\n".join(m.value for m in at.markdown)
    assert "**FF 1:**" in header and "**FF 6:**" in header and "**FF 7:**" in header  # the questions in full, on demand
    demo = load_package(ROOT / "data" / "study")
    profiles = expected_profiles(demo)
    shown = table(at)
    assert list(shown["Kommune"]) == list(profiles["name"])
    assert list(shown["Akteure"]) == [fmt_int(v) for v in profiles["n_actors"]]
    assert list(shown["Anteil bestehender Kooperationen"]) == [fmt_pct(v) for v in profiles["share_existing"]]
    labels = Labels(demo, "de")
    assert list(shown["Bundesland"]) == [labels.state(s) for s in profiles["state"]]
    assert "GeoBasis-DE / BKG 2021 (Daten verändert)](https://www.bkg.bund.de)" in captions(at)
    # The tile toggle is off by default and says what it costs.
    toggle = at.toggle(key="karte_tiles")
    assert toggle.value is False
    assert "IP-Adresse" in toggle.label


def test_table_equals_study_on_a_known_package(package):
    at = open_page()
    profiles = expected_profiles(package)
    shown = table(at)
    assert list(shown["Kommune"]) == ["Ort 0", "Ort 1", "Ort 2", "Ort 3"]
    assert list(shown["Codierte Aussagen"]) == [fmt_int(v) for v in profiles["n_statements"]]
    assert "4 Kommunen der Auswahl" in captions(at)


def test_state_filter_shows_only_that_states_municipalities(package):
    at = open_page({"land": "DE-BY"})
    shown = table(at)
    assert list(shown["Kommune"]) == ["Ort 1"]
    assert list(shown["Bundesland"]) == ["Bayern"]
    assert "1 Kommune der Auswahl" in captions(at)


def test_suppressed_municipalities_show_less_than_k(package):
    # Group "kirche": one actor per municipality, four in all (>= k = 3).
    at = open_page({"gruppe": "kirche"})
    shown = table(at)
    assert len(shown) == 4
    assert set(shown["Akteure"]) == {"< 3"}
    assert set(shown["Anteil bestehender Kooperationen"]) == {"< 3"}
    assert shown["Einwohner"].tolist() == ["10.000", "20.000", "30.000", "40.000"]
    assert "weniger als 3 Akteuren" in captions(at)


def test_municipality_and_group_filter_drops_the_group(package):
    # Regional and actor filters are never combined: the group is dropped, with a notice, and the map
    # and table show the whole municipality.
    at = open_page({"kommune": "m0", "gruppe": "kirche"})
    dropped = t("notice_dropped", "de", dims=t("filter_group", "de"))
    assert any(n.value == dropped for n in [*at.warning, *at.info])
    assert not any("weniger als 3 Akteure" in w.value for w in at.warning)
    shown = table(at)
    profiles = expected_profiles(package, Filters(municipality_id=("m0",)))
    assert list(shown["Kommune"]) == ["Ort 0"]
    assert list(shown["Akteure"]) == [fmt_int(v) for v in profiles["n_actors"]]


def test_too_small_selection_shows_the_notice_and_no_map(tmp_path, monkeypatch):
    # Only a package with fewer than k counted actors in all makes a selection too small.
    folder = write_package(make_tables(n_municipalities=1, actors_per=2), tmp_path / "tiny")
    monkeypatch.setenv("STUDY_DATA", str(folder))
    assert select(load_package(folder), Filters(municipality_id=("m0",))).too_small
    at = open_page({"kommune": "m0"})
    assert any("weniger als 3 Akteure" in w.value for w in at.warning)
    assert len(at.dataframe) == 0
    assert not [el for el in at.main if type(el).__name__ == "UnknownElement"]
    # The page still offers to clear the municipality selection.
    assert any(b.label == "Kommunen-Auswahl aufheben" for b in at.button)


def test_metric_switch_changes_the_description(package):
    at = open_page()
    at.radio(key="karte_metric").set_value("mean_severity").run()
    assert not at.exception
    # The text alternative, escaped for Markdown since it holds municipality names.
    expected = maps.describe_map(expected_profiles(package), "mean_severity", k=3, lang="de")
    assert expected.startswith("Karte mit 4 Kommunen der Auswahl. Farbe und Zahl im Kreis: Mittlere")
    assert md(expected) in captions(at)


def test_tiles_toggle_adds_the_osm_attribution(package):
    at = open_page()
    at.toggle(key="karte_tiles").set_value(True).run()
    assert not at.exception
    assert "OpenStreetMap" in captions(at)


def test_english(package):
    at = open_page({"sprache": "en"})
    assert at.title[0].value == "Map"
    assert "Share of existing cooperations" in table(at).columns
    assert "Map with 4 municipalities" in captions(at)


def test_clear_button_drops_only_the_municipality_filter(package):
    at = open_page({"kommune": "m1", "groesse": "mittelstadt"})
    [button] = [b for b in at.button if b.label == "Kommunen-Auswahl aufheben"]
    button.click().run()
    assert not at.exception
    assert at.session_state["kommune"] == []
    assert at.session_state["groesse"] == ["mittelstadt"]


# --------------------------------------------------------------------------- the click callback


def test_select_clicked_sets_the_shared_filter():
    profiles = pd.DataFrame({"municipality_id": ["K1", "K2"], "lat": [50.0, 52.0], "lon": [8.0, 13.0]})
    state = {"karte_map": {"last_object_clicked_tooltip": "Ort\u27e6K2\u27e7", "last_object_clicked": None}}
    assert mapview.select_clicked(state, "karte_map", profiles) == "K2"
    assert state["kommune"] == ["K2"]
    # By position when the tooltip is missing.
    state = {"karte_map": {"last_object_clicked": {"lat": 50.0, "lng": 8.0}}, "kommune": ["K2"]}
    assert mapview.select_clicked(state, "karte_map", profiles) == "K1"
    assert state["kommune"] == ["K1"]
    # A click beside every marker changes nothing.
    state = {"karte_map": {"last_object_clicked": {"lat": 40.0, "lng": 1.0}}, "kommune": ["K2"]}
    assert mapview.select_clicked(state, "karte_map", profiles) is None
    assert state["kommune"] == ["K2"]
    state = {}
    assert mapview.select_clicked(state, "karte_map", profiles) is None
    assert "kommune" not in state


def _callback_app():
    """The sidebar's multiselect is drawn before the callback runs again: setting it must be allowed."""
    import pandas as pd
    import streamlit as st

    from components.app import mapview

    profiles = pd.DataFrame({"municipality_id": ["K1", "K2"], "lat": [50.0, 52.0], "lon": [8.0, 13.0]})
    st.sidebar.multiselect("Kommune", ["K1", "K2"], key="kommune")
    st.session_state["karte_map"] = {"last_object_clicked_tooltip": "\u27e6K2\u27e7"}
    st.button("click", on_click=mapview.select_clicked, args=(st.session_state, "karte_map", profiles))


def test_callback_updates_the_widget_without_an_api_exception():
    at = AppTest.from_function(_callback_app)
    at.run()
    assert at.sidebar.multiselect[0].value == []
    at.button[0].click().run()
    assert not at.exception
    assert at.sidebar.multiselect[0].value == ["K2"]


def test_warm_rerun_renders_no_map(package_dir, monkeypatch):
    # After a filter change back and forth, the map of a selection seen before comes from the cache.
    at = open_page()
    calls = []
    real = mapview.render_map
    monkeypatch.setattr(mapview, "render_map", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    state = at.sidebar.multiselect(key="land")
    first = state.options[0]
    for value in ([first], [], [first], []):
        at.sidebar.multiselect(key="land").set_value(value)
        at.run()
        assert not at.exception
    assert len(calls) == 1  # only the first selection with one state was new
