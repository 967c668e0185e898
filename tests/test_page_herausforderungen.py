"""The page "Herausforderungen & Potenziale" under AppTest, on the demo data and on a package with known numbers."""

from __future__ import annotations

import math
from functools import partial

import pytest
from apptest_support import charts, open_number_tables, open_page

from components.i18n import t
from factory import evidence_tables, write_evidence_package, write_package
from study import aggregate
from study.evidence import category_matrix, ranked_frequencies
from study.labels import Labels
from study.package import load_package
from study.selection import Filters, select

PAGE = "pages/herausforderungen.py"


specs = charts


def heatmap(at) -> dict:
    (trace,) = [s["data"][0] for s in specs(at) if s["data"][0]["type"] == "heatmap"]
    return trace


def grid(trace) -> dict[tuple[str, str], float | None]:
    return {(y, x): trace["z"][i][j] for i, y in enumerate(trace["y"]) for j, x in enumerate(trace["x"])}


open_page = partial(open_page, PAGE)


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


def matrix_grid(sel, labels, by, basis, share):
    """What the heatmap must show: study.evidence's matrix, withheld cells as None."""
    m = category_matrix(sel, "herausforderung", by, basis=basis, share=share)
    out = {}
    for r, c, v, s in zip(m.frame["code"], m.frame[by], m.frame["value"], m.frame["suppressed"], strict=True):
        out[(labels.code(r), labels.of(by)(c))] = None if s or math.isnan(v) else pytest.approx(v)
    return m, out


def test_known_numbers_in_heatmap_and_ranking(known):
    at = open_page()
    labels = Labels(known, "de")
    sel = select(known, Filters())
    k = sel.k

    def check(by, basis, share):
        trace = heatmap(at)
        m, cells = matrix_grid(sel, labels, by, basis, share)
        assert trace["y"] == [labels.code(c) for c in m.row_order]
        # every column the matrix has values for is drawn (merged units too), and no other
        assert set(trace["x"]) == {labels.of(by)(c) for c in m.frame[by]}
        got = grid(trace)
        for key, value in cells.items():
            assert got[key] == value, key
        return got, m

    absolute, m = check("group", "actors", None)
    # counts are protected unit cells: never 1 … k-1, never withheld
    assert all(v is not None and (v == 0 or v >= k) for v in absolute.values())
    # rows ordered by the actors naming the challenge (sum over the columns), ties in codebook order
    totals = m.frame.groupby("code")["value"].sum()
    codebook = ["h_c", "h_a", "h_b", "h_d"]
    assert m.row_order == sorted(codebook, key=lambda c: (-totals[c], codebook.index(c)))
    at.radio(key="hp_share").set_value("col").run()
    col, _ = check("group", "actors", "col")
    assert all(v is None or 0 <= v <= 1 for v in col.values())
    at.radio(key="hp_share").set_value("row").run()
    row, _ = check("group", "actors", "row")
    for code in codebook:  # each row adds up to 100 % (up to rounding to whole percent)
        assert sum(v for (r, _), v in row.items() if r == f"Code {code}" and v is not None) == pytest.approx(
            1.0, abs=0.02
        )
    at.radio(key="hp_basis").set_value("rating").run()
    rating, _ = check("group", "rating", None)
    # h_a (all 2) and h_c (all 3) were rated alike everywhere: withheld in every column.
    assert all(rating[(f"Code {c}", col_label)] is None for c in ("h_a", "h_c") for col_label in heatmap(at)["x"])
    # h_b in the actor unit of "kirche" (t4, merged with other types): a mean of its actors' ratings,
    # rounded to one decimal, where at least k of them rated and not all alike.
    units = known.protection.actor_units
    unit = next(u for u, members in units["members"].items() if "t4" in members)
    members = set(units.loc[unit, "members"])
    types = known.actors.set_index(known.actors["actor_id"].astype(str))["actor_type"].astype(str)
    st = sel.statements[sel.statements["code"] == "h_b"]
    ratings = st[st["actor_id"].astype(str).map(types).isin(members)].groupby("actor_id", observed=True)["rating"]
    means = ratings.mean().dropna()
    cell = rating[("Code h_b", labels.of("group")(units.loc[unit, "group"]))]
    if len(means) >= k and means.nunique() > 1:
        assert cell == pytest.approx(round(means.mean(), 1))
    else:
        assert cell is None
    at.radio(key="hp_by").set_value("municipality_id").run()
    by_mun, _ = check("municipality_id", "rating", None)
    assert by_mun[("Code h_b", "Ort 0")] == pytest.approx(4.0)  # 5, 4, 3 from three actors of m0
    assert by_mun[("Code h_c", "Ort 0")] is None  # three actors, all rated 3
    assert by_mun[("Code h_b", "Ort 1")] is None  # two raters only

    # the title as one line (the figure wraps long titles with <br>, components.charts.wrap_text)
    bars = {
        s["layout"]["title"]["text"].replace("<br>", " "): s["data"][0]
        for s in specs(at)
        if s["data"][0]["type"] == "bar"
    }
    ranking = bars["Anteil der Akteure, die die Herausforderung nennen"]
    ranked = ranked_frequencies(sel, category="herausforderung")
    assert ranking["y"] == [labels.code(c) for c in ranked["code"]]
    assert ranking["x"] == pytest.approx(ranked["share_actors"].tolist())
    assert ranked["code"].iloc[0] == "h_c" and ranked["share_actors"].iloc[0] == pytest.approx(0.6)  # 3 + 3 of 10
    assert "< 3" not in ranking["text"]
    instruments = [t for title, t in bars.items() if title.startswith("Prozesse")]
    expected = aggregate.instrument_uptake(sel)["n_actors"].tolist()
    assert instruments[0]["x"] == expected
    assert all(v == 0 or v >= k for v in expected)


def test_small_selection_shows_notice(tmp_path, monkeypatch):
    # 10 counted actors, k = 11: the whole package is too small.
    folder = write_package(evidence_tables(), tmp_path / "k11", metadata={"anonymity": {"min_group_size": 11}})
    monkeypatch.setenv("STUDY_DATA", str(folder))
    at = open_page({"gruppe": "kirche"})
    assert any("weniger als 11 Akteure" in w.value for w in at.warning)
    assert not at.get("plotly_chart")


def test_actor_filter_is_widened_to_its_unit(known):
    # "kirche" (one actor) is answered for its unit, the merged types t1, t3, t4, with a notice.
    at = open_page({"gruppe": "kirche"})
    assert not any("weniger als 3 Akteure" in w.value for w in at.warning)
    assert any(i.value.startswith("Zum Schutz kleiner Gruppen gehört zur Auswahl auch: ") for i in at.info)
    assert at.get("plotly_chart")
    # no regional breakdown within an actor filter
    assert "municipality_id" not in at.radio(key="hp_by").options
    assert any(c.value.startswith("Nicht verfügbar für diese Auswahl") for c in at.caption)


def test_english(known):
    at = open_page({"sprache": "en"})
    assert at.title[0].value == "Challenges & potentials"
    assert heatmap(at)["y"][0] == "Code h_c en"
    assert any(m.value.startswith("Each cell") for m in at.markdown)


def test_withheld_cells_are_explained(known):
    # Means are withheld where fewer than k actors rated or all alike: "< 3" in the table, explained below.
    at = open_page()
    at.radio(key="hp_basis").set_value("rating").run()
    open_number_tables(at)
    note = t("suppressed_note", "de", k=3)
    assert note in [c.value for c in at.caption]
    trace = heatmap(at)
    assert any(text == "< 3" for row in trace["text"] for text in row)
