"""study.evidence and components.evidence on hand-made packages with known answers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from evidence_factory import write_evidence_package

from components import evidence as cev
from factory import make_tables, write_package
from study import aggregate
from study import evidence as ev
from study.labels import Labels
from study.package import load_package
from study.selection import Filters, select


@pytest.fixture(scope="module")
def pkg(tmp_path_factory):
    return load_package(write_evidence_package(tmp_path_factory.mktemp("evidence") / "pkg"))


@pytest.fixture(scope="module")
def sel(pkg):
    return select(pkg, Filters())


def cells(matrix: ev.Matrix) -> dict[tuple[str, str], float | None]:
    """(row, column) → value, None for a suppressed cell."""
    f = matrix.frame
    return {
        (str(r), str(c)): (None if s else float(v))
        for r, c, v, s in zip(f[matrix.rows], f[matrix.columns], f["value"], f["suppressed"], strict=True)
    }


# --- codebook questions -----------------------------------------------------------------------------


def test_category_questions_and_question_categories(pkg):
    assert ev.category_questions(pkg, "herausforderung") == (7,)
    assert ev.category_questions(pkg, "prozess") == (6,)
    assert ev.category_questions(pkg, "eignung") == ()
    # Contract order: potenzial comes before herausforderung.
    assert ev.question_categories(pkg, 7) == ("potenzial", "herausforderung")
    assert ev.question_categories(pkg, 1) == ("kooperation",)
    assert ev.question_categories(pkg, 2) == ()


def test_factory_package_has_one_category_per_question(tiny_package):
    assert ev.question_categories(tiny_package, 7) == ("potenzial", "herausforderung")
    for rq in range(1, 7):
        assert len(ev.question_categories(tiny_package, rq)) == 1


# --- ranking ------------------------------------------------------------------------------------------


def test_ranked_frequencies_orders_by_actors_then_codebook(sel):
    ranked = ev.ranked_frequencies(sel, category="herausforderung")
    # h_a and h_b: 5 actors each; h_a comes first in the codebook (h_b first in the data).
    assert [str(c) for c in ranked["code"]] == ["h_c", "h_a", "h_b", "h_d"]
    assert ranked["n_actors"].iloc[:3].tolist() == [6, 5, 5]
    assert ranked["share_actors"].iloc[0] == pytest.approx(6 / 12)
    # h_d is named by 2 < k actors: suppressed, no number, last.
    assert bool(ranked["suppressed"].iloc[3]) and math.isnan(ranked["n_actors"].iloc[3])
    assert ev.code_order(sel, "herausforderung") == ["h_c", "h_a", "h_b", "h_d"]


def test_ranked_frequencies_are_the_aggregate_reordered(sel):
    ranked = ev.ranked_frequencies(sel, category="herausforderung")
    plain = aggregate.code_frequencies(sel, "herausforderung")
    key = lambda f: f.assign(code=f["code"].astype(str)).sort_values("code").reset_index(drop=True)  # noqa: E731
    pd.testing.assert_frame_equal(key(ranked), key(plain))


def test_ranked_frequencies_of_a_small_selection_are_empty(pkg):
    small = select(pkg, Filters(group=("kirche",)))
    assert small.too_small
    assert ev.ranked_frequencies(small, category="herausforderung").empty
    assert ev.code_order(small, "herausforderung") == []


# --- heatmap matrix -------------------------------------------------------------------------------------


def test_matrix_by_group_counts_actors(sel):
    m = ev.category_matrix(sel, "herausforderung", "group")
    assert m.value_kind == "int"
    assert m.row_order == ["h_c", "h_a", "h_b", "h_d"]
    assert m.column_order == ["verwaltung", "zivilgesellschaft", "kirche"]
    c = cells(m)
    assert c[("h_c", "verwaltung")] == 6
    assert c[("h_a", "verwaltung")] == 5
    assert c[("h_b", "zivilgesellschaft")] is None  # one actor
    assert c[("h_d", "verwaltung")] is None and c[("h_d", "kirche")] is None


def test_matrix_shows_zeros_for_counts_and_gaps_for_ratings(sel):
    counts = ev.category_matrix(sel, "herausforderung", "group")
    c = cells(counts)
    # Every row × column cell exists; nobody in "zivilgesellschaft" or "kirche" names h_c.
    assert len(c) == len(counts.row_order) * len(counts.column_order)
    assert c[("h_c", "zivilgesellschaft")] == 0 and c[("h_c", "kirche")] == 0
    assert cells(ev.category_matrix(sel, "herausforderung", "group", share="row"))[("h_c", "kirche")] == 0
    ratings = cells(ev.category_matrix(sel, "herausforderung", "group", basis="rating"))
    assert ("h_c", "kirche") not in ratings
    # Columns for counts are all groups of the selection's actors.
    assert ev.category_matrix(sel, "potenzial", "group").column_order == ["verwaltung", "zivilgesellschaft", "kirche"]
    assert ev.category_matrix(sel, "potenzial", "group", basis="rating").column_order == ["verwaltung"]


def test_matrix_withholds_cells_that_would_reveal_a_suppressed_one(sel):
    """h_b: 5 actors, 4 "verwaltung" + 1 "zivilgesellschaft"; showing the 4 would reveal the 1."""
    for basis, share in (("actors", None), ("actors", "col"), ("actors", "row"), ("rating", None)):
        m = ev.category_matrix(sel, "herausforderung", "group", basis=basis, share=share)
        c = cells(m)
        assert c[("h_b", "verwaltung")] is None, (basis, share)
        f = m.frame.set_index(["code", "group"])
        assert bool(f.loc[("h_b", "verwaltung"), "secondary"])
        assert not bool(f.loc[("h_b", "zivilgesellschaft"), "secondary"])
        assert math.isnan(f.loc[("h_b", "verwaltung"), "n_actors"])
        # Rows without a suppressed cell are untouched.
        assert not f.loc["h_c", "secondary"].any()
    # By municipality: h_a is 2 (m0) + 3 (m1), h_b 3 + 2: both rows fully withheld; h_c 3 + 3 shown.
    c = cells(ev.category_matrix(sel, "herausforderung", "municipality_id"))
    assert c[("h_a", "m1")] is None and c[("h_b", "m0")] is None
    assert c[("h_c", "m0")] == 3 and c[("h_c", "m1")] == 3


def test_secondary_cells_rule():
    """At least two withheld cells per affected row, standing for at least k actors together."""
    from study.package import data_path

    pkg = load_package(data_path())
    for filters in (Filters(), Filters(method=("fokusgruppe",)), Filters(size_class=("landkreis",))):
        sel = select(pkg, filters)
        for by in ev.HEATMAP_DIMENSIONS:
            hide = ev.secondary_cells(sel, "herausforderung", by)
            st = sel.statements[sel.statements["category"] == "herausforderung"]
            n = st.drop_duplicates(["code", by, "actor_id"]).groupby(["code", by], observed=True).size()
            n = {(str(a), str(b)): int(v) for (a, b), v in n.items() if v > 0}
            for code in {a for a, _ in n}:
                row = {b: v for (a, b), v in n.items() if a == code}
                withheld = {b for b, v in row.items() if v < sel.k} | {b for a, b in hide if a == code}
                if withheld:
                    assert len(withheld) >= 2 or len(row) == 1, (code, by)
                    assert sum(row[b] for b in withheld) >= sel.k or withheld == set(row), (code, by)
                # Secondary cells are only taken from shown cells of rows with a suppressed one.
                assert all(row[b] >= sel.k for a, b in hide if a == code)


def test_matrix_shares_of_column_and_row(sel):
    col = cells(ev.category_matrix(sel, "herausforderung", "group", share="col"))
    # 8 "verwaltung" actors in the selection.
    assert col[("h_c", "verwaltung")] == pytest.approx(6 / 8)
    assert col[("h_a", "verwaltung")] == pytest.approx(5 / 8)
    row = cells(ev.category_matrix(sel, "herausforderung", "group", share="row"))
    assert row[("h_c", "verwaltung")] == pytest.approx(1.0)
    by_mun = cells(ev.category_matrix(sel, "herausforderung", "municipality_id", share="row"))
    assert by_mun[("h_c", "m0")] == pytest.approx(0.5) and by_mun[("h_c", "m1")] == pytest.approx(0.5)
    assert ev.category_matrix(sel, "herausforderung", "group", share="row").value_kind == "pct"


def test_matrix_mean_rating_ignores_share(sel):
    m = ev.category_matrix(sel, "herausforderung", "group", basis="rating")
    assert m.value_kind == "float"
    c = cells(m)
    assert c[("h_c", "verwaltung")] == pytest.approx(3.0)
    assert c[("h_a", "verwaltung")] == pytest.approx(2.0)
    with_share = ev.category_matrix(sel, "herausforderung", "group", basis="rating", share="col")
    pd.testing.assert_frame_equal(with_share.frame, m.frame)


def test_matrix_by_municipality_and_size_class(sel, pkg):
    m = ev.category_matrix(sel, "herausforderung", "municipality_id", share="col")
    assert m.column_order == ["m0", "m1"]
    c = cells(m)
    assert c[("h_c", "m0")] == pytest.approx(3 / 6)
    assert c[("h_b", "m1")] is None  # two actors in m1
    sizes = ev.category_matrix(sel, "herausforderung", "size_class")
    used = set(pkg.municipalities["size_class"])
    assert sizes.column_order == [str(s) for s in pkg.municipalities["size_class"].cat.categories if s in used]


def test_matrix_rejects_unknown_basis(sel):
    with pytest.raises(ValueError):
        ev.category_matrix(sel, "herausforderung", "group", basis="median")
    with pytest.raises(ValueError):
        ev.category_matrix(sel, "herausforderung", "group", share="total")


def test_matrix_of_small_selection_is_empty(pkg):
    m = ev.category_matrix(select(pkg, Filters(group=("kirche",))), "herausforderung", "group")
    assert m.frame.empty and m.row_order == [] and m.column_order == []


def test_dimension_order_keeps_package_order_and_filters(sel):
    assert ev.dimension_order(sel, "municipality_id") == ["m0", "m1"]
    assert ev.dimension_order(sel, "group") == ["verwaltung", "zivilgesellschaft", "kirche"]
    assert ev.dimension_order(sel, "group", pd.Series(["kirche", "verwaltung"])) == ["verwaltung", "kirche"]


# --- evidence per question and finding ------------------------------------------------------------------


def test_question_evidence_follows_the_codebook(sel):
    items = ev.question_evidence(sel, 7)
    assert [e.category for e in items] == ["potenzial", "herausforderung"]
    assert [str(c) for c in items[1].frame["code"]] == ["h_c", "h_a", "h_b", "h_d"]
    assert [str(c) for c in items[0].frame["code"]] == ["p_a"]
    assert items[0].frame["n_actors"].tolist() == [3]
    (single,) = ev.question_evidence(sel, 5)
    assert single.category == "vereinfachung" and single.frame["n_actors"].tolist() == [3]
    assert ev.question_evidence(sel, 2) == []


def test_question_evidence_works_on_any_codebook(tiny_package):
    sel = select(tiny_package, Filters())
    for rq in range(1, 8):
        for item in ev.question_evidence(sel, rq):
            expected = aggregate.code_frequencies(sel, category=item.category, research_question=rq)
            assert set(item.frame["code"].astype(str)) == set(expected["code"].astype(str))
            assert (
                tiny_package.codebook.set_index("code").loc[item.frame["code"].astype(str), "research_question"] == rq
            ).all()


def test_findings_in_both_languages(pkg, sel):
    (f7,) = ev.question_findings(pkg, 7, "de")
    assert (f7.finding_id, f7.title, f7.view) == ("f7", "Erkenntnis Herausforderungen", "herausforderungen")
    assert f7.text == "Text Erkenntnis Herausforderungen."
    (f7en,) = ev.question_findings(pkg, 7, "en")
    assert f7en.title == "Finding challenges"
    (f5,) = ev.question_findings(pkg, 5)
    assert f5.view is None
    assert ev.question_findings(pkg, 2) == []
    assert [e.category for e in ev.finding_evidence(sel, f7)] == ["potenzial", "herausforderung"]


# --- quotes -------------------------------------------------------------------------------------------------


def test_quote_sample_only_allowed_and_round_robin(sel):
    q = ev.quote_sample(sel, 7)
    # Codebook order h_c, h_a, h_b, h_d, p_a; one quote per code per round.
    assert q["quote"].tolist() == ["Zitat C eins", "Zitat B eins", "Zitat P eins", "Zitat B zwei"]
    assert "actor_id" not in q.columns and "municipality_id" not in q.columns
    assert set(q["group"].astype(str)) == {"verwaltung"}
    assert ev.quote_sample(sel, 7, limit=2)["quote"].tolist() == ["Zitat C eins", "Zitat B eins"]
    assert ev.quote_sample(sel, 1).empty
    assert ev.quote_sample(sel, 7, limit=0).empty


def test_quote_sample_is_deterministic_and_capped(tiny_package):
    sel = select(tiny_package, Filters())
    for rq in range(1, 8):
        a, b = ev.quote_sample(sel, rq), ev.quote_sample(sel, rq)
        pd.testing.assert_frame_equal(a, b)
        assert len(a) <= ev.QUOTE_LIMIT
        allowed = set(aggregate.quotes(sel, research_question=rq)["statement_id"])
        assert set(a["statement_id"]) <= allowed


def test_quote_sample_of_small_selection_is_empty(pkg):
    assert ev.quote_sample(select(pkg, Filters(group=("kirche",))), 7).empty


# --- builders (components.evidence) --------------------------------------------------------------------------


def test_heatmap_builder_follows_matrix(sel, pkg):
    labels = Labels(pkg, "de")
    m = ev.category_matrix(sel, "herausforderung", "group", share="col")
    fig = cev.build_matrix_heatmap(m, labels.code, labels.group, k=3, lang="de", title="T", value_title="V")
    trace = fig.data[0]
    assert list(trace.y) == [labels.code(c) for c in m.row_order]
    assert list(trace.x) == [labels.group(c) for c in m.column_order]
    z = np.array(trace.z, dtype="float64")
    assert z[0, 0] == pytest.approx(0.75)  # h_c × verwaltung
    assert trace.text[2][0] == "< 3" and trace.text[2][1] == "< 3"  # h_b: withheld, suppressed
    assert math.isnan(z[2, 0]) and math.isnan(z[2, 1])
    table = cev.matrix_table(
        m, labels.code, labels.group, k=3, lang="de", row_title="R", column_title="C", value_title="V"
    )
    assert table.iloc[0].tolist() == ["Code h_c", labels.group("verwaltung"), "75\u00a0%", "6"]
    h_b = table[table["R"] == "Code h_b"]
    assert h_b["C"].tolist() == [labels.group(g) for g in ("verwaltung", "zivilgesellschaft", "kirche")]
    assert h_b[["V", "Akteure (Anzahl)"]].to_numpy().ravel().tolist() == ["< 3"] * 4 + ["0\u00a0%", "0"]


def test_code_share_builder_and_table(sel, pkg):
    labels = Labels(pkg, "en")
    ranked = ev.ranked_frequencies(sel, category="herausforderung")
    fig = cev.build_code_shares(ranked, labels.code, k=3, lang="en", title="T")
    bar = fig.data[0]
    assert list(bar.y) == ["Code h_c en", "Code h_a en", "Code h_b en", "Code h_d en"]
    assert bar.x[0] == pytest.approx(6 / 12) and bar.x[3] == 0
    assert bar.text[3] == "< 3"
    table = cev.code_table(ranked, labels.code, k=3, lang="en", rating_title="Severity")
    assert "Severity" in table.columns
    assert table.iloc[0].tolist() == ["Code h_c en", "6", "50%", "6", "3.0"]
    assert table.iloc[3].tolist()[1:] == ["< 3"] * 4
    ratings = cev.build_code_ratings(ranked, labels.code, k=3, lang="en", title="T", value_title="S")
    assert ratings.data[0].x[2] == pytest.approx((5 + 4 + 3 + 4 + 1) / 5)  # h_b


def test_code_table_without_ratings_has_no_rating_column(sel, pkg):
    labels = Labels(pkg, "de")
    table = cev.code_table(ev.ranked_frequencies(sel, category="potenzial"), labels.code, k=3, lang="de")
    assert len(table.columns) == 4


def test_instrument_builder(sel, pkg):
    labels = Labels(pkg, "de")
    uptake = aggregate.instrument_uptake(sel)
    fig = cev.build_instrument_chart(uptake, labels.code, k=3, lang="de", title="T", metric="n_municipalities")
    assert list(fig.data[0].x) == [2.0]
    table = cev.instrument_table(uptake, labels.code, k=3, lang="de")
    # pr_a: 3 actors in 2 municipalities; the only cooperation statements (3, all existing) are in m0 and m1.
    assert table.iloc[0].tolist() == ["Code pr_a", "3", "2", "100\u00a0%"]


def test_page_for_view(tmp_path):
    assert cev.page_for_view("herausforderungen") == "pages/herausforderungen.py"
    assert cev.page_for_view("gibt_es_nicht") is None
    assert cev.page_for_view("../dashboard") is None
    assert cev.page_for_view("") is None and cev.page_for_view(None) is None
    (tmp_path / "x.py").write_text("")
    assert cev.page_for_view("x", tmp_path) == "pages/x.py"


def test_generic_over_other_codes(tmp_path):
    """Neutral codes (c_<category>) from the factory: the evidence comes out of the codebook alone."""
    tables = make_tables(seed=3, n_municipalities=3, actors_per=8, statements_per=10)
    pkg = load_package(write_package(tables, tmp_path / "p"))
    sel = select(pkg, Filters())
    m = ev.category_matrix(sel, "herausforderung", "group")
    assert m.row_order == ["c_herausforderung"]
    assert set(m.column_order) <= {"verwaltung", "zivilgesellschaft", "kirche"}
    n = aggregate.code_frequencies(sel, "herausforderung")["n_actors"].iloc[0]
    shown = m.frame[~m.frame["suppressed"]]
    assert shown["value"].sum() <= n


def test_has_secondary(sel):
    assert ev.category_matrix(sel, "herausforderung", "group").has_secondary
    assert not ev.category_matrix(sel, "potenzial", "group").has_secondary
