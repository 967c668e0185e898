"""The page "Herausforderungen & Potenziale" under AppTest, on the demo data and on a package with known numbers."""

from __future__ import annotations

import json
import math

import pytest
from apptest_support import dashboard
from evidence_factory import write_evidence_package

from study import aggregate
from study.evidence import category_matrix, ranked_frequencies
from study.labels import Labels
from study.package import load_package
from study.selection import Filters, select

PAGE = "pages/herausforderungen.py"


def specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def heatmap(at) -> dict:
    (trace,) = [s["data"][0] for s in specs(at) if s["data"][0]["type"] == "heatmap"]
    return trace


def grid(trace) -> dict[tuple[str, str], float | None]:
    return {(y, x): trace["z"][i][j] for i, y in enumerate(trace["y"]) for j, x in enumerate(trace["x"])}


def open_page(query=None):
    at = dashboard(query)
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def known(monkeypatch, tmp_path):
    folder = write_evidence_package(tmp_path / "pkg")
    monkeypatch.setenv("STUDY_DATA", str(folder))
    return load_package(folder)


def test_demo_page_renders_all_charts():
    at = open_page()
    titles = [s["layout"]["title"]["text"] for s in specs(at)]
    assert len(titles) == 6
    assert any(s["data"][0]["type"] == "heatmap" for s in specs(at))
    assert at.title[0].value == "Herausforderungen & Potenziale"
    assert any("FF 5" in m.value and "FF 7" in m.value for m in at.markdown)


def test_demo_heatmap_equals_study_and_switches(monkeypatch):
    from study.package import data_path

    pkg = load_package(data_path())
    labels = Labels(pkg, "de")
    sel = select(pkg, Filters())
    at = open_page()

    def expected(by, basis, share):
        m = category_matrix(sel, "herausforderung", by, basis=basis, share=share)
        out = {}
        for r, c, v, s in zip(m.frame["code"], m.frame[by], m.frame["value"], m.frame["suppressed"], strict=True):
            out[(labels.code(r), labels.of(by)(c))] = None if s or math.isnan(v) else pytest.approx(v)
        return m, out

    def check(by, basis, share):
        trace = heatmap(at)
        m, cells = expected(by, basis, share)
        assert trace["y"] == [labels.code(c) for c in m.row_order]
        got = grid(trace)
        for key, value in cells.items():
            assert got[key] == value, key
        return got

    absolute = check("group", "actors", None)
    at.radio(key="hp_share").set_value("col").run()
    col = check("group", "actors", "col")
    assert col != absolute
    assert all(v is None or 0 <= v <= 1 for v in col.values())
    at.radio(key="hp_share").set_value("row").run()
    check("group", "actors", "row")
    at.radio(key="hp_basis").set_value("rating").run()
    assert at.radio(key="hp_share").disabled
    rating = check("group", "rating", None)
    assert all(v is None or 1 <= v <= 5 for v in rating.values())
    at.radio(key="hp_by").set_value("municipality_id").run()
    trace = heatmap(at)
    assert trace["x"] == [labels.municipality(m) for m in pkg.municipalities["municipality_id"]]
    check("municipality_id", "rating", None)
    at.radio(key="hp_by").set_value("size_class").run()
    check("size_class", "rating", None)
    assert not at.exception


def test_known_numbers_in_heatmap_and_ranking(known):
    at = open_page()
    labels = Labels(known, "de")
    trace = heatmap(at)
    assert trace["y"] == ["Code h_c", "Code h_a", "Code h_b", "Code h_d"]
    verwaltung, zivil = labels.group("verwaltung"), labels.group("zivilgesellschaft")
    g = grid(trace)
    assert g[("Code h_c", verwaltung)] == 6
    assert g[("Code h_a", verwaltung)] == 5
    # h_b: 1 "zivilgesellschaft" actor (suppressed), so its 4 "verwaltung" actors are withheld too.
    assert g[("Code h_b", zivil)] is None and g[("Code h_b", verwaltung)] is None
    i = trace["y"].index("Code h_b")
    assert trace["text"][i][trace["x"].index(zivil)] == "< 3"
    assert trace["text"][i][trace["x"].index(verwaltung)] == "< 3"
    at.radio(key="hp_share").set_value("col").run()
    assert grid(heatmap(at))[("Code h_c", verwaltung)] == pytest.approx(0.75)
    at.radio(key="hp_share").set_value("row").run()
    assert grid(heatmap(at))[("Code h_c", verwaltung)] == pytest.approx(1.0)
    at.radio(key="hp_basis").set_value("rating").run()
    assert grid(heatmap(at))[("Code h_a", verwaltung)] == pytest.approx(2.0)
    at.radio(key="hp_by").set_value("municipality_id").run()
    by_mun = grid(heatmap(at))
    assert by_mun[("Code h_c", "Ort 0")] == pytest.approx(3.0)
    assert by_mun[("Code h_b", "Ort 0")] is None

    bars = {s["layout"]["title"]["text"]: s["data"][0] for s in specs(at) if s["data"][0]["type"] == "bar"}
    ranking = bars["Anteil der Akteure, die die Herausforderung nennen"]
    assert ranking["y"] == ["Code h_c", "Code h_a", "Code h_b", "Code h_d"]
    ranked = ranked_frequencies(select(known, Filters()), category="herausforderung")
    assert ranking["x"][:3] == pytest.approx(ranked["share_actors"].iloc[:3].tolist())
    assert ranking["x"][:3] == pytest.approx([6 / 12, 5 / 12, 5 / 12])
    assert ranking["text"][3] == "< 3"
    instruments = [t for title, t in bars.items() if title.startswith("Prozesse")]
    assert instruments[0]["x"] == [3]
    assert aggregate.instrument_uptake(select(known, Filters()))["n_actors"].tolist() == [3]


def test_small_selection_shows_notice(known):
    at = open_page({"gruppe": "kirche"})
    assert any("weniger als 3 Akteure" in w.value for w in at.warning)
    assert not at.get("plotly_chart")


def test_english(known):
    at = open_page({"sprache": "en"})
    assert at.title[0].value == "Challenges & potentials"
    assert heatmap(at)["y"][0] == "Code h_c en"
    assert any(m.value.startswith("Each cell") for m in at.markdown)


def test_withheld_cells_are_explained(known):
    at = open_page()
    assert any("zurückrechnen" in c.value for c in at.caption)
