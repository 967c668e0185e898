"""The Akteure page (RQ2) under AppTest: it renders, shows what study/ computes, and protects small groups."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from apptest_support import dashboard, open_number_tables

from components.i18n import fmt_float, fmt_int, t
from factory import make_tables, small_group_query, write_package
from study import aggregate
from study import cooperation as coop
from study.labels import Labels
from study.package import load_package
from study.selection import Filters, select

PAGE = "pages/akteure.py"


@pytest.fixture
def package_dir(tmp_path, monkeypatch):
    """A tiny package (4 municipalities × 10 actors) the app runs on; types t3 and t4 have 2 per municipality."""
    folder = write_package(make_tables(seed=0, n_municipalities=4, actors_per=10, statements_per=30), tmp_path / "p")
    monkeypatch.setenv("STUDY_DATA", str(folder))
    return folder


@pytest.fixture
def package(package_dir):
    return load_package(package_dir)


def open_page(query=None):
    at = dashboard(query)
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return open_number_tables(at)


def charts(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def cells(frame, column, kind, k, lang="de") -> list[str]:
    """What the page must show for a column of an aggregate frame: formatted, or "< k" where suppressed."""
    fmt = {"int": fmt_int, "float": fmt_float}[kind]
    return [f"< {k}" if s else fmt(v, lang) for v, s in zip(frame[column], frame["suppressed"], strict=True)]


def test_renders_with_default_filters(package):
    at = open_page()
    assert at.title[0].value == t("page_actors", "de")
    assert [h.value for h in at.header][:2] == [
        "Wer hat teilgenommen?",
        "Wie gut eignen sich die Akteurstypen als Partner?",
    ]
    assert "FF 2" in at.markdown[0].value
    assert len(charts(at)) == 2
    assert all(el.proto.alt for el in at.get("plotly_chart"))  # every chart carries its text alternative


def test_participants_equal_study(package):
    at = open_page()
    sel = select(package, Filters())
    expected = aggregate.participants(sel, "group")
    table = at.dataframe[0].value
    assert table.iloc[:, 0].tolist() == [Labels(package).group(g) for g in expected["group"]]
    assert table["Akteure (Anzahl)"].tolist() == cells(expected, "n_actors", "int", sel.k)
    assert table["Aussagen (Anzahl)"].tolist() == cells(expected, "n_statements", "int", sel.k)
    bars = charts(at)[0]["data"][0]
    assert bars["x"] == expected["n_actors"].fillna(0).tolist()
    assert f"n = {sel.n_actors}" in charts(at)[0]["layout"]["title"]["text"]


@pytest.mark.parametrize("dimension", ["actor_type", "municipality_id", "method"])
def test_participants_by_other_dimensions(package, dimension):
    at = open_page()
    at.segmented_control(key="akteure_dimension").set_value(dimension).run()
    assert not at.exception
    sel = select(package, Filters())
    expected = aggregate.participants(sel, dimension)
    table = at.dataframe[0].value
    assert table.iloc[:, 0].tolist() == [Labels(package).of(dimension)(v) for v in expected[dimension]]
    assert table["Akteure (Anzahl)"].tolist() == cells(expected, "n_actors", "int", sel.k)


def test_suitability_equals_study_and_marks_suppressed(package):
    at = open_page()
    sel = select(package, Filters())
    expected = coop.suitability(sel)
    table = at.dataframe[1].value
    labels = Labels(package)
    assert table.iloc[:, 0].tolist() == [labels.partner_type(p) for p in expected["partner_type"]]
    assert table["Mittelwert"].tolist() == cells(expected, "mean_rating", "float", sel.k)
    assert table["Akteure (Anzahl)"].tolist() == cells(expected, "n_actors", "int", sel.k)
    assert table["Bewertungen (Anzahl)"].tolist() == cells(expected, "n_rated", "int", sel.k)
    bars = charts(at)[1]["data"][0]
    assert bars["error_x"]["arrayminus"] == pytest.approx(
        (expected["mean_rating"] - expected["min_rating"]).fillna(0).tolist()
    )


def test_suitability_for_one_criterion(package, tmp_path, monkeypatch):
    # a second suitability criterion, so that choosing one differs from "all criteria"
    tables = make_tables(seed=0, n_municipalities=4, actors_per=10, statements_per=30)
    cb = tables["codebook"]
    extra = cb[cb["category"] == "eignung"].assign(code="c_eignung_b", label_de="Kriterium B", label_en="Criterion B")
    tables["codebook"] = pd.concat([cb, extra], ignore_index=True)
    st = tables["statements"]
    rated = st.index[st["code"] == "c_eignung"]
    st.loc[rated[::2], "code"] = "c_eignung_b"  # every other suitability statement now rates criterion B
    folder = write_package(tables, tmp_path / "two_criteria")
    monkeypatch.setenv("STUDY_DATA", str(folder))
    package = load_package(folder)
    at = open_page()
    assert at.selectbox(key="akteure_criterion").options == ["alle Kriterien", "Code eignung", "Kriterium B"]
    at.selectbox(key="akteure_criterion").set_value("c_eignung_b").run()
    assert not at.exception
    sel = select(package, Filters())
    expected = coop.suitability(sel, "c_eignung_b")
    assert not expected.equals(coop.suitability(sel))
    table = at.dataframe[1].value
    assert table["Mittelwert"].tolist() == cells(expected, "mean_rating", "float", sel.k)
    assert "Kriterium B" in charts(at)[1]["layout"]["title"]["text"]


def test_small_selection_shows_notice_and_no_chart(package):
    at = open_page(small_group_query(package))
    assert any(t("too_small", "de", k=package.min_group_size) == w.value for w in at.warning)
    assert charts(at) == []
    assert len(at.dataframe) == 0


def test_small_selection_on_the_demo_package(monkeypatch):
    monkeypatch.delenv("STUDY_DATA", raising=False)
    demo = load_package()
    at = open_page(small_group_query(demo))
    assert any(t("too_small", "de", k=demo.min_group_size) == w.value for w in at.warning)
    assert charts(at) == []


def test_english(package):
    at = open_page({"sprache": "en"})
    assert at.title[0].value == "Actors"
    assert at.header[0].value == "Who took part?"
    assert "RQ 2" in at.markdown[0].value
    table = at.dataframe[0].value
    assert "Administration" in table.iloc[:, 0].tolist()  # group label from the contract, in English
    assert list(table.columns) == ["Actor group", "Actors (number)", "Statements (number)"]
    at.segmented_control(key="akteure_dimension").set_value("actor_type").run()
    assert "Type one" in at.dataframe[0].value.iloc[:, 0].tolist()  # actor type label from the package
    assert at.selectbox(key="akteure_criterion").options[0] == "all criteria"
    assert charts(at)[1]["layout"]["title"]["text"].startswith("Suitability as a partner")


def test_english_numbers_use_english_format(package):
    at = open_page({"sprache": "en"})
    sel = select(package, Filters())
    expected = coop.suitability(sel)
    assert at.dataframe[1].value["Mean"].tolist() == cells(expected, "mean_rating", "float", sel.k, "en")


def test_demo_package_renders(monkeypatch):
    monkeypatch.delenv("STUDY_DATA", raising=False)
    at = open_page()
    assert len(charts(at)) == 2
    sel = select(load_package(), Filters())
    expected = aggregate.participants(sel, "group")
    assert at.dataframe[0].value["Akteure (Anzahl)"].tolist() == cells(expected, "n_actors", "int", sel.k)
