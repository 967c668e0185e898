"""The Akteure page (RQ2) under AppTest: it renders, shows what study/ computes, and protects small groups."""

from __future__ import annotations

from functools import partial

import pandas as pd
import pytest
from apptest_support import charts, open_page

from components.i18n import fmt_float, fmt_int, t
from factory import make_tables, small_group_query, write_package
from study import aggregate
from study import cooperation as coop
from study.labels import Labels
from study.package import load_package
from study.selection import Filters, select

PAGE = "pages/akteure.py"


open_page = partial(open_page, PAGE, number_tables=True)


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
    assert "Bewertungen (Anzahl)" not in table.columns  # no n_rated, min or max any more
    bars = charts(at)[1]["data"][0]
    assert bars["x"] == expected["mean_rating"].fillna(0).tolist()
    assert "error_x" not in bars or not bars["error_x"].get("arrayminus")  # no ranges are shown


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


def test_municipality_and_type_filter_drops_the_type(package):
    # Regional and actor filters are never combined: the type is dropped, with a notice, and the page
    # shows the whole municipality.
    query = small_group_query(package)
    at = open_page(query)
    dropped = t("notice_dropped", "de", dims=t("filter_actor_type", "de"))
    assert any(n.value == dropped for n in [*at.warning, *at.info])
    assert not any(t("too_small", "de", k=package.min_group_size) == w.value for w in at.warning)
    sel = select(package, Filters(municipality_id=(query["kommune"],), actor_type=(query["typ"],)))
    assert set(sel.actors["municipality_id"]) == {query["kommune"]}
    assert sel.n_actors == (package.actors["municipality_id"].astype(str) == query["kommune"]).sum()
    assert f"n = {sel.n_actors}" in charts(at)[0]["layout"]["title"]["text"]
    # within a regional filter, participants are broken down by municipality only
    assert at.segmented_control(key="akteure_dimension").options == [Labels(package).dimension_title("municipality_id")]
    assert aggregate.participants(sel, "group").empty
    expected = aggregate.participants(sel, "municipality_id")
    assert at.dataframe[0].value["Akteure (Anzahl)"].tolist() == cells(expected, "n_actors", "int", sel.k)


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
    shown = at.dataframe[1].value["Mean"].tolist()
    assert shown == cells(expected, "mean_rating", "float", sel.k, "en")
    assert any("." in v and "," not in v for v in shown)  # at least one mean is shown, with a decimal point


def test_demo_package_renders(monkeypatch):
    monkeypatch.delenv("STUDY_DATA", raising=False)
    at = open_page()
    assert len(charts(at)) == 2
    sel = select(load_package(), Filters())
    expected = aggregate.participants(sel, "group")
    assert at.dataframe[0].value["Akteure (Anzahl)"].tolist() == cells(expected, "n_actors", "int", sel.k)


def test_a_chart_with_every_value_withheld_says_why_instead_of_a_blank(demo_package):
    """Issue 14: a suitability criterion under a single state filter has fewer than k raters in every row."""
    from components.app.content import akteure as built
    from study.selection import filter_options

    labels = Labels(demo_package, "de")
    criteria = coop.category_codes(demo_package, coop.SUITABILITY)
    found = None
    for state in filter_options(demo_package)["state"]:
        sel = select(demo_package, Filters(state=(state,)))
        for criterion in criteria:
            chart = built.suitability_chart.__wrapped__(sel, labels, criterion)
            if chart is not None and chart[0].layout.meta.get("empty") == "suppressed":
                found = (state, criterion)
                break
        if found:
            break
    assert found, "the demo package has no all-withheld suitability chart any more"
    at = open_page({"land": found[0]})
    n_before = len(charts(at))
    at.selectbox(key="akteure_criterion").set_value(found[1]).run()
    assert not at.exception
    assert len(charts(at)) == n_before - 1  # no white chart area …
    sentence = t("chart_empty_suppressed", "de", k=demo_package.min_group_size)
    assert sentence in [i.value for i in at.info]  # … but the reason in words
    assert "Für diese Auswahl" in sentence and "zu wenige Akteure" in sentence


def test_every_chart_offers_its_data_as_csv_and_xlsx(package):
    at = open_page()
    keys = {b.key for b in at.get("download_button")}
    assert {"akteure_participants_csv", "akteure_participants_xlsx"} <= keys
    assert {"akteure_suitability_csv", "akteure_suitability_xlsx"} <= keys


def test_suitability_is_a_dot_on_the_rating_scale(package):
    suitability = charts(open_page())[1]
    assert [trace["type"] for trace in suitability["data"]] == ["scatter"]
    assert suitability["layout"]["xaxis"]["tickvals"] == [1, 2, 3, 4, 5]
    participants = charts(open_page())[0]["layout"]["xaxis"]
    assert all(float(v).is_integer() for v in participants["tickvals"])
