"""Each module of components/app/private leans on a private API; these tests fail when an upgrade breaks one.

The versions each module was checked against are its ``CHECKED``; an upgrade that changes the
behaviour relied on must fail here, not quietly in the browser.
"""

from __future__ import annotations

import copy
import importlib
import json
import pkgutil

import numpy as np
import pandas as pd
import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from components import maps, offline
from components.app import mapview, private
from components.app.private import folium_render, legacy_pages, page_objects
from components.charts import build_bar_chart, freeze
from factory import make_tables, write_package
from study import aggregate
from study.labels import Labels
from study.package import load_package
from study.selection import Filters, select


def test_every_private_module_names_what_it_was_checked_against():
    names = [info.name for info in pkgutil.iter_modules(private.__path__)]
    assert {"folium_render", "legacy_pages", "page_objects", "plotly_send", "upload_sweep"} <= set(names)
    for module in (importlib.import_module(f"{private.__name__}.{name}") for name in names):
        assert module.CHECKED and all(isinstance(v, str) and v[0].isdigit() for v in module.CHECKED.values())


# --- the frozen figure's send path (plotly_send) ---------------------------------------------------


def _send_app(frozen, fig):
    import streamlit as st

    from components.app.private.plotly_send import plotly_chart

    plotly_chart(frozen, key="frozen")
    st.plotly_chart(fig, key="plain")


def test_a_frozen_figure_is_sent_as_its_stored_json():
    """st.plotly_chart sends the stored JSON of a frozen figure: the same content plotly would encode."""
    frame = pd.DataFrame({"code": ["a", "b"], "value": [0.5, np.nan], "n_actors": [4, 2], "suppressed": [False, True]})
    fig = build_bar_chart(frame, "code", "value", str, k=3, lang="de", title="T", value_title="V", value_kind="pct")
    fig.add_scatter(x=[1.0, np.nan, np.inf], y=[1, 2, 3])  # values JSON has no literal for
    frozen = freeze(fig)

    at = AppTest.from_function(_send_app, kwargs={"frozen": frozen, "fig": fig}).run()
    sent_frozen, sent_plain = (c.proto.spec for c in at.get("plotly_chart"))
    assert sent_frozen == frozen.snapshot

    def strict(text: str):
        def refuse(constant):
            raise ValueError(f"{constant} is not JSON")

        return json.loads(text, parse_constant=refuse)

    assert strict(sent_frozen)["data"][-1]["x"] == [1.0, None, None]
    assert strict(sent_frozen) == strict(sent_plain) == strict(pio.to_json(fig, validate=False))
    # outside the sending block plotly encodes as always, also a frozen figure's dict
    assert pio.to_json(frozen.to_dict(), validate=False) == pio.to_json(fig.to_dict(), validate=False)


def test_the_stored_json_itself_is_what_goes_out():
    """If Streamlit stopped encoding through plotly.io.to_json, the marker below would not arrive."""
    fig = build_bar_chart(
        pd.DataFrame({"code": ["a"], "value": [1.0], "n_actors": [4], "suppressed": [False]}),
        "code",
        "value",
        str,
        k=3,
        lang="de",
        title="T",
        value_title="V",
    )
    frozen = freeze(fig)
    frozen.snapshot = frozen.snapshot.replace('"title":', '"title" :', 1)  # same content, other bytes
    at = AppTest.from_function(_send_app, kwargs={"frozen": frozen, "fig": fig}).run()
    assert at.get("plotly_chart")[0].proto.spec == frozen.snapshot


# --- streamlit-folium's render steps and component call (folium_render) ----------------------------


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    folder = write_package(
        make_tables(seed=3, n_municipalities=4, actors_per=6, statements_per=20), tmp_path_factory.mktemp("p") / "p"
    )
    return load_package(folder)


def _capture_component(monkeypatch) -> list[dict]:
    import streamlit_folium

    calls: list[dict] = []
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: calls.append(kw))
    return calls


@pytest.mark.parametrize("tiles", [False, True])
def test_rendered_map_sends_what_st_folium_sends(package, monkeypatch, tiles):
    # show_rendered replaces st_folium on a map rendered once; the component must get the same arguments.
    from streamlit_folium import st_folium

    profiles = aggregate.municipality_profiles(select(package, Filters()))
    labels = Labels(package, "de")
    m = maps.build_map(
        profiles, "share_existing", k=3, lang="de", tiles=tiles, state_label=labels.state, size_label=labels.size_class
    )
    twin = copy.deepcopy(m)  # the same element ids
    calls = _capture_component(monkeypatch)
    offline.make_offline(twin)
    st_folium(twin, key="karte_map", height=620, use_container_width=True, returned_objects=mapview.RETURNED_OBJECTS)
    mapview.show_rendered(mapview.render_map(m, profiles, key="karte_map"), key="karte_map", height=620)
    expected, ours = calls
    expected.pop("on_change"), ours.pop("on_change")
    assert ours == expected
    assert '"Ort 0"' in ours["script"]  # the markers are in the script
    assert offline.external_urls(ours["script"] + ours["header"] + ours["html"]) == (
        ["https://tile.openstreetmap.org/{z}/{x}/{y}.png"] if tiles else []
    )
    # Pan and zoom must not rerun the app: the component returns the clicked object only.
    assert set(ours["returned_objects"]) == set(ours["default"])
    assert not {"bounds", "zoom", "center", "last_clicked"} & set(ours["returned_objects"])


@pytest.mark.parametrize(
    "text",
    ["plain", "line\n", "two\n\n", "{ a: 1 }", "{{ 1 + 1 }}", "{% if true %}x{% endif %}", "a {# b #} c", "w\r\nx\ry"],
)
def test_a_macro_output_renders_as_branca_would(text):
    """Kept as text only where Jinja gives it back unchanged (one trailing newline dropped); else compiled."""
    import branca.element

    assert folium_render._element(text).render() == branca.element.Element(text).render()


def test_rendering_compiles_no_output_and_encodes_frozen_data_once(package, monkeypatch):
    """The fast path is really taken: branca's own render compiles every macro's output as a template and
    encodes the boundaries in each render; if an upgrade goes round the hooks, the counts below change."""
    import jinja2

    profiles = aggregate.municipality_profiles(select(package, Filters()))
    labels = Labels(package, "de")

    def made():
        m = maps.build_map(
            profiles, "share_existing", k=3, lang="de", state_label=labels.state, size_label=labels.size_class
        )
        offline.make_offline(m)
        return m, copy.deepcopy(m)  # the twin has the same ids, and a copy of the boundaries

    (first, first_twin), (second, second_twin) = made(), made()
    boundaries = maps._boundaries()
    compiled, encoded = [], []
    from_string = jinja2.Environment.from_string
    monkeypatch.setattr(
        jinja2.Environment, "from_string", lambda env, *a, **kw: compiled.append(1) or from_string(env, *a, **kw)
    )
    dumps = folium_render._json_dumps
    monkeypatch.setattr(
        folium_render, "_json_dumps", lambda obj, **kw: encoded.append(obj is boundaries) or dumps(obj, **kw)
    )
    folium_render._frozen.pop(id(boundaries), None)
    a = folium_render.render(first, key="k", frozen=(boundaries,))
    b = folium_render.render(second, key="k", frozen=(boundaries,))
    assert encoded.count(True) == 1  # the boundaries once, for both maps
    # only AtlasMap's fixed viewport header, each time the map renders (twice per render, as st_folium does);
    # branca itself compiles every macro's output, ten and more per map
    assert len(compiled) <= 4
    # not frozen (a copy of the boundaries): encoded again, to the same text
    assert folium_render.render(first_twin, key="k") == a
    assert folium_render.render(second_twin, key="k") == b


def test_rendered_map_click_selects_the_municipality(package, monkeypatch):
    profiles = aggregate.municipality_profiles(select(package, Filters()))
    labels = Labels(package, "de")
    m = maps.build_map(profiles, "n_statements", k=3, lang="de", state_label=labels.state, size_label=labels.size_class)
    rendered = mapview.render_map(m, profiles, key="karte_map")
    calls = _capture_component(monkeypatch)
    state: dict = {rendered.key: {"last_object_clicked_tooltip": "Ort 1 ⟦m1⟧"}}
    monkeypatch.setattr(mapview.st, "session_state", state)
    mapview.show_rendered(rendered, key="karte_map")
    calls[0]["on_change"]()
    assert state["karte_map"] == {"last_object_clicked_tooltip": "Ort 1 ⟦m1⟧"}
    assert state[mapview.MUNICIPALITY_KEY] == ["m1"]


# --- the legacy pages/ flag (legacy_pages) ---------------------------------------------------------


def test_the_pages_folder_flag_decides_the_legacy_mode(tmp_path, monkeypatch):
    from streamlit.runtime.pages_manager import PagesManager

    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text("")
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    PagesManager(str(tmp_path / "app.py"))
    assert PagesManager.uses_pages_directory is True  # a pages/ folder: legacy mode, as the live server starts
    legacy_pages.use_navigation()
    PagesManager(str(tmp_path / "app.py"))
    assert PagesManager.uses_pages_directory is False  # and it stays off once switched


# --- st.Page copies (page_objects) ------------------------------------------------------------------


def _navigation_app():
    import streamlit as st

    from components.app.private import page_objects

    pages = page_objects.fresh_pages(
        "test", lambda: (st.Page(lambda: None, title="A", url_path="a", default=True), st.Page(lambda: None, title="B"))
    )
    st.session_state["chosen"] = st.navigation(pages)
    st.session_state["made"] = page_objects._made["test"]


def test_navigation_marks_the_copy_not_the_shared_page():
    at = AppTest.from_function(_navigation_app).run()
    assert not at.exception
    chosen, made = at.session_state["chosen"], at.session_state["made"]
    assert all(hasattr(chosen, mark) for mark in page_objects.MARKS)
    assert chosen._can_be_called and chosen._default
    assert not made[0]._can_be_called  # the object kept for all sessions is not marked
    assert chosen is not made[0]
