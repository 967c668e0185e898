"""study.evidence and components.evidence on hand-made packages with known answers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from components import evidence as cev
from factory import make_tables, write_package
from study import aggregate
from study import disclosure as dc
from study import evidence as ev
from study.labels import Labels
from study.package import load_package
from study.selection import Filters, select


@pytest.fixture(scope="module")
def pkg(evidence_package):
    return evidence_package


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

# With k = 3 the counted actors (those with statements: five per municipality) make two region units,
# m0 and m1 (a count of 1 or 2 in one becomes 0 or 3, more than 3 is capped at 3), and two actor units,
# "t2" (group "verwaltung", four actors) and "t1 + t3 + t4" (six actors, its groups joined).
MERGED_GROUP = "verwaltung + zivilgesellschaft + kirche"


def challenge_statements(sel):
    st = sel.statements
    return st[st["category"] == "herausforderung"]


def test_units_of_the_evidence_package(sel):
    plan = sel.plan
    assert plan.k == 3 and sel.n_actors == 10 and sel.family == "all"
    assert plan.region_units["n_actors"].to_dict() == {"m0": 5, "m1": 5}
    assert plan.actor_units["n_actors"].to_dict() == {"t2": 4, "t1 + t3 + t4": 6}
    assert plan.unit_values["group"] == {"t2": "verwaltung", "t1 + t3 + t4": MERGED_GROUP}


def test_ranked_frequencies_orders_by_actors_then_codebook(sel, pkg):
    ranked = ev.ranked_frequencies(sel, category="herausforderung")
    codes = [str(c) for c in ranked["code"]]
    assert sorted(codes) == ["h_a", "h_b", "h_c", "h_d"]
    # h_c: three actors in each municipality, exact: 3 + 3.
    assert codes[0] == "h_c" and ranked["n_actors"].iloc[0] == 6
    assert ranked["share_actors"].iloc[0] == pytest.approx(0.6)
    # Most actors first; ties in codebook order (h_b comes first in the data, not in the codebook).
    pos = {c: i for i, c in enumerate(pkg.codebook["code"].astype(str))}
    assert codes == sorted(codes, key=lambda c: (-ranked.set_index("code").loc[c, "n_actors"], pos[c]))
    # Counts are never withheld: sums of the protected municipality cells, each 0 or at least k.
    assert not ranked["suppressed"].any() and ranked["n_actors"].notna().all()
    cells = dc.count_actors(sel, challenge_statements(sel), ["code"], by="municipality_id")
    assert ((cells["n_actors"] == 0) | (cells["n_actors"] >= sel.k)).all()
    sums = cells.groupby("code")["n_actors"].sum()
    assert ranked.set_index("code")["n_actors"].to_dict() == {c: sums[c] for c in codes}
    assert ranked["share_actors"].tolist() == pytest.approx([round(n / 10, 2) for n in ranked["n_actors"]])
    # Means only where at least k actors of a unit rated differently: h_b from m0's 5, 4, 3.
    means = ranked.set_index("code")["mean_rating"]
    assert means["h_b"] == pytest.approx(4.0)
    assert means[["h_a", "h_c", "h_d"]].isna().all()  # all alike, or too few raters
    assert ev.code_order(sel, "herausforderung") == codes
    pd.testing.assert_frame_equal(ranked, ev.ranked_frequencies(select(pkg, Filters()), category="herausforderung"))


def test_ranked_frequencies_are_the_aggregate_reordered(sel):
    ranked = ev.ranked_frequencies(sel, category="herausforderung")
    plain = aggregate.code_frequencies(sel, "herausforderung")
    key = lambda f: f.assign(code=f["code"].astype(str)).sort_values("code").reset_index(drop=True)  # noqa: E731
    pd.testing.assert_frame_equal(key(ranked), key(plain))


def test_ranked_frequencies_of_a_small_selection_are_empty(pkg):
    # A group filter is widened to its whole actor unit, so it is never too small ...
    kirche = select(pkg, Filters(group=("kirche",)))
    assert not kirche.too_small and kirche.n_actors == 6
    assert kirche.notices == (("widened_actors", ("t1", "t3")),)
    # ... only a filter matching no actor is.
    small = select(pkg, Filters(group=("gibt_es_nicht",)))
    assert small.too_small
    assert ev.ranked_frequencies(small, category="herausforderung").empty
    assert ev.code_order(small, "herausforderung") == []


# --- heatmap matrix -------------------------------------------------------------------------------------


def test_matrix_by_group_counts_actors(sel):
    m = ev.category_matrix(sel, "herausforderung", "group")
    assert m.value_kind == "int"
    assert m.row_order == ev.code_order(sel, "herausforderung")
    # The cells are the protected counts per actor unit, shown under the unit's (joined) group.
    expected = dc.count_actors(sel, challenge_statements(sel), ["code"], by="group")
    expected = {
        (str(r), str(g)): float(n)
        for r, g, n in zip(expected["code"], expected["group"], expected["n_actors"], strict=True)
    }
    assert {g for _, g in expected} <= {"verwaltung", MERGED_GROUP}
    c = cells(m)
    for cell, n in expected.items():
        assert c[cell] == n
        assert n == 0 or n >= sel.k
    # h_c: four actors of type t1 (a0, a4 in both towns) in the six-actor merged unit: exact (cap 6 - k + 1).
    assert c[("h_c", MERGED_GROUP)] == 4
    assert not m.frame["suppressed"].any() and m.frame["n_actors"].notna().all()


def test_matrix_by_group_has_one_column_per_actor_unit(sel):
    m = ev.category_matrix(sel, "herausforderung", "group")
    assert set(m.column_order) == {"verwaltung", MERGED_GROUP}
    assert set(m.frame["group"].astype(str)) == set(m.column_order)


def test_matrix_shows_zeros_for_counts_and_gaps_for_ratings(sel):
    counts = ev.category_matrix(sel, "herausforderung", "municipality_id")
    c = cells(counts)
    # Every row × column cell exists; nobody in m1 names h_d: a shown zero.
    assert len(c) == len(counts.row_order) * len(counts.column_order)
    assert c[("h_d", "m1")] == 0
    assert cells(ev.category_matrix(sel, "herausforderung", "municipality_id", share="row"))[("h_d", "m1")] == 0
    ratings = cells(ev.category_matrix(sel, "herausforderung", "municipality_id", basis="rating"))
    assert ("h_d", "m1") not in ratings
    # A mean from fewer than k raters, or from ratings all alike, is withheld (a gap, not a number).
    assert ratings[("h_b", "m1")] is None  # two raters
    assert ratings[("h_c", "m0")] is None  # three raters, all 3
    # Columns for counts are all municipalities of the selection's actors.
    assert ev.category_matrix(sel, "potenzial", "municipality_id").column_order == ["m0", "m1"]
    assert ev.category_matrix(sel, "potenzial", "municipality_id", basis="rating").column_order == []


def test_matrix_counts_are_protected_cells_not_withheld(sel):
    """No cell is withheld to protect another: every count is a protected unit cell (0 or at least k)."""
    for by in ("municipality_id", "size_class", "group"):
        for share in (None, "col", "row"):
            m = ev.category_matrix(sel, "herausforderung", by, share=share)
            assert not m.frame["suppressed"].any(), (by, share)
            n = m.frame["n_actors"]
            assert n.notna().all() and ((n == 0) | (n >= sel.k)).all(), (by, share)
    # By municipality the units are the municipalities: a row adds up to what the ranking shows.
    m = ev.category_matrix(sel, "herausforderung", "municipality_id")
    ranked = ev.ranked_frequencies(sel, category="herausforderung").set_index("code")["n_actors"]
    assert m.frame.groupby("code")["value"].sum().to_dict() == ranked.to_dict()


def test_matrix_shares_of_column_and_row(sel):
    col = ev.category_matrix(sel, "herausforderung", "municipality_id", share="col")
    # Five counted actors per municipality; h_c has three in each.
    assert cells(col)[("h_c", "m0")] == pytest.approx(0.6)
    people = aggregate.participants(sel, "municipality_id").set_index("municipality_id")["n_actors"]
    f = col.frame
    assert f["value"].tolist() == pytest.approx(
        [round(n / people[m], 2) for n, m in zip(f["n_actors"], f["municipality_id"], strict=True)]
    )
    by_group = ev.category_matrix(sel, "herausforderung", "group", share="col").frame
    groups = aggregate.participants(sel, "group").set_index("group")["n_actors"]
    assert groups.to_dict() == {"verwaltung": 4, MERGED_GROUP: 6}
    shown = by_group[by_group["group"].isin(list(groups.index))]
    assert shown["value"].tolist() == pytest.approx(
        [round(n / groups[g], 2) for n, g in zip(shown["n_actors"], shown["group"], strict=True)]
    )
    row = ev.category_matrix(sel, "herausforderung", "municipality_id", share="row")
    assert cells(row)[("h_c", "m0")] == pytest.approx(0.5) and cells(row)[("h_c", "m1")] == pytest.approx(0.5)
    totals = row.frame.groupby("code")["n_actors"].transform("sum")
    expected = [round(n / t, 2) if t else 0.0 for n, t in zip(row.frame["n_actors"], totals, strict=True)]
    assert row.frame["value"].fillna(0.0).tolist() == pytest.approx(expected)
    assert row.value_kind == "pct"


def test_matrix_mean_rating_ignores_share(sel):
    m = ev.category_matrix(sel, "herausforderung", "municipality_id", basis="rating")
    assert m.value_kind == "float"
    c = cells(m)
    assert c[("h_b", "m0")] == pytest.approx(4.0)  # 5, 4, 3
    # By group: h_b's merged unit has four raters (5, 3, 4, 1): mean 3.25, shown to one decimal.
    by_group = cells(ev.category_matrix(sel, "herausforderung", "group", basis="rating"))
    assert by_group[("h_b", MERGED_GROUP)] == pytest.approx(3.2)
    assert by_group[("h_b", "verwaltung")] is None  # one rater
    with_share = ev.category_matrix(sel, "herausforderung", "municipality_id", basis="rating", share="col")
    pd.testing.assert_frame_equal(with_share.frame, m.frame)


def test_matrix_by_municipality_and_size_class(sel, pkg):
    m = ev.category_matrix(sel, "herausforderung", "municipality_id", share="col")
    assert m.column_order == ["m0", "m1"]
    c = cells(m)
    assert c[("h_c", "m0")] == pytest.approx(3 / 5)
    sizes = ev.category_matrix(sel, "herausforderung", "size_class")
    used = set(pkg.municipalities["size_class"])
    assert sizes.column_order == [str(s) for s in pkg.municipalities["size_class"].cat.categories if s in used]
    # One municipality per size class here: the same cells under the size class's name.
    size_of = dict(
        zip(
            pkg.municipalities["municipality_id"].astype(str), pkg.municipalities["size_class"].astype(str), strict=True
        )
    )
    by_mun = cells(ev.category_matrix(sel, "herausforderung", "municipality_id"))
    assert cells(sizes) == {(r, size_of[col]): v for (r, col), v in by_mun.items()}


def test_matrix_breakdowns_follow_the_filter_family(pkg):
    town = select(pkg, Filters(municipality_id=("m0",)))
    assert town.family == "region"
    assert ev.category_matrix(town, "herausforderung", "group").frame.empty
    assert not ev.category_matrix(town, "herausforderung", "municipality_id").frame.empty
    by_type = select(pkg, Filters(actor_type=("t2",)))
    assert by_type.family == "actors"
    assert ev.category_matrix(by_type, "herausforderung", "municipality_id").frame.empty
    assert not ev.category_matrix(by_type, "herausforderung", "group").frame.empty


def test_matrix_rejects_unknown_basis(sel):
    with pytest.raises(ValueError):
        ev.category_matrix(sel, "herausforderung", "group", basis="median")
    with pytest.raises(ValueError):
        ev.category_matrix(sel, "herausforderung", "group", share="total")


def test_matrix_of_small_selection_is_empty(pkg):
    m = ev.category_matrix(select(pkg, Filters(group=("gibt_es_nicht",))), "herausforderung", "group")
    assert m.frame.empty and m.row_order == [] and m.column_order == []


def test_dimension_order_keeps_package_order_and_filters(sel):
    """Breakdown values are the units' values, in the package's order of their first member."""
    assert ev.dimension_order(sel, "municipality_id") == ["m0", "m1"]
    assert ev.dimension_order(sel, "group") == ["verwaltung", MERGED_GROUP]
    assert ev.dimension_order(sel, "group", pd.Series([MERGED_GROUP, "kirche"])) == [MERGED_GROUP]


def test_dimension_order_filters_to_present_values(sel):
    assert ev.dimension_order(sel, "municipality_id") == ["m0", "m1"]
    assert ev.dimension_order(sel, "municipality_id", pd.Series(["m1", "m9"])) == ["m1"]
    assert set(ev.dimension_order(sel, "group")) == {"verwaltung", MERGED_GROUP}
    assert ev.dimension_order(sel, "method") == ["interview"]


# --- evidence per question and finding ------------------------------------------------------------------


def test_question_evidence_follows_the_codebook(sel):
    items = ev.question_evidence(sel, 7)
    assert [e.category for e in items] == ["potenzial", "herausforderung"]
    assert [str(c) for c in items[1].frame["code"]] == ev.code_order(sel, "herausforderung")
    assert [str(c) for c in items[0].frame["code"]] == ["p_a"]
    for item in items:
        pd.testing.assert_frame_equal(
            item.frame, ev.ranked_frequencies(sel, category=item.category, research_question=7)
        )
    # v_a: three actors of m0 (exact).
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


def test_quote_sample_only_allowed_and_round_robin(sel, pkg):
    q = ev.quote_sample(sel, 7)
    allowed = aggregate.quotes(sel, research_question=7)
    # Codebook order h_c, h_a, h_b, h_d, p_a; one quote per code per round; within a code by quote_id.
    h_b = allowed[allowed["code"] == "h_b"].sort_values("quote_id")["quote"].tolist()
    assert sorted(h_b) == ["Verbotenes Zitat", "Zitat B eins", "Zitat B zwei"]
    expected = ["Zitat C eins", h_b[0], "Verbotenes Kirchenzitat", "Zitat P eins", h_b[1]]
    assert q["quote"].tolist() == expected
    assert ev.quote_sample(sel, 7, limit=2)["quote"].tolist() == expected[:2]
    # No ids, methods or places leave with a quote; quote_id is a pseudonym, not a statement id.
    assert list(q.columns) == ["quote_id", "quote", "code", "category", "research_question", "partner_type", "group"]
    assert not set(q["quote_id"]) & set(pkg.statements["statement_id"].astype(str))
    # The lone zivilgesellschaft and kirche speakers are attributed only to their merged actor unit.
    assert set(q["group"].astype(str)) == {MERGED_GROUP}
    assert ev.quote_sample(sel, 1).empty
    assert ev.quote_sample(sel, 7, limit=0).empty


def test_quotes_only_without_regional_or_method_filter(pkg):
    assert ev.quote_sample(select(pkg, Filters(municipality_id=("m0",))), 7).empty
    assert ev.quote_sample(select(pkg, Filters(method=("interview",))), 7).empty
    by_type = ev.quote_sample(select(pkg, Filters(actor_type=("t1",))), 7)
    assert not by_type.empty and set(by_type["group"].astype(str)) == {MERGED_GROUP}


def test_quote_sample_is_deterministic_and_capped(tiny_package):
    sel = select(tiny_package, Filters())
    for rq in range(1, 8):
        a, b = ev.quote_sample(sel, rq), ev.quote_sample(sel, rq)
        pd.testing.assert_frame_equal(a, b)
        assert len(a) <= ev.QUOTE_LIMIT
        allowed = set(aggregate.quotes(sel, research_question=rq)["quote_id"])
        assert set(a["quote_id"]) <= allowed


def test_quote_sample_of_small_selection_is_empty(pkg):
    assert ev.quote_sample(select(pkg, Filters(group=("gibt_es_nicht",))), 7).empty


# --- builders (components.evidence) --------------------------------------------------------------------------


def test_heatmap_builder_follows_matrix(sel, pkg):
    labels = Labels(pkg, "de")
    m = ev.category_matrix(sel, "herausforderung", "municipality_id", share="col")
    fig = cev.build_matrix_heatmap(m, labels.code, labels.municipality, k=3, lang="de", title="T", value_title="V")
    trace = fig.data[0]
    assert list(trace.y) == [labels.code(c) for c in m.row_order]
    assert list(trace.x) == [labels.municipality(c) for c in m.column_order]
    z = np.array(trace.z, dtype="float64")
    values = m.frame.set_index(["code", "municipality_id"])["value"]
    for i, r in enumerate(m.row_order):
        for j, col in enumerate(m.column_order):
            assert z[i, j] == pytest.approx(values[(r, col)])
    assert z[0, 0] == pytest.approx(0.6)  # h_c × m0: 3 of 5
    assert "< 3" not in {t for row in trace.text for t in row}  # counts are never withheld
    table = cev.matrix_table(
        m, labels.code, labels.municipality, k=3, lang="de", row_title="R", column_title="C", value_title="V"
    )
    assert len(table) == len(m.row_order) * len(m.column_order)
    assert table.iloc[0].tolist() == ["Code h_c", labels.municipality("m0"), "60\u00a0%", "3"]
    assert table["R"].tolist() == [labels.code(r) for r in m.row_order for _ in m.column_order]
    # A shown zero, not a gap: nobody in m1 names h_d.
    h_d = table[table["R"] == "Code h_d"].set_index("C")
    assert h_d.loc[labels.municipality("m1"), ["V", "Akteure (Anzahl)"]].tolist() == ["0\u00a0%", "0"]


def test_heatmap_builder_marks_withheld_means(sel, pkg):
    labels = Labels(pkg, "de")
    m = ev.category_matrix(sel, "herausforderung", "municipality_id", basis="rating")
    fig = cev.build_matrix_heatmap(m, labels.code, labels.municipality, k=3, lang="de", title="T", value_title="V")
    trace = fig.data[0]
    i, j = m.row_order.index("h_b"), m.column_order.index("m1")
    assert trace.text[i][j] == "< 3"  # two raters
    assert math.isnan(np.array(trace.z, dtype="float64")[i, j])
    assert np.array(trace.z, dtype="float64")[i, m.column_order.index("m0")] == pytest.approx(4.0)


def test_code_share_builder_and_table(sel, pkg):
    labels = Labels(pkg, "en")
    ranked = ev.ranked_frequencies(sel, category="herausforderung")
    fig = cev.build_code_shares(ranked, labels.code, k=3, lang="en", title="T")
    bar = fig.data[0]
    assert list(bar.y) == [labels.code(c) for c in ranked["code"]]
    assert list(bar.x) == pytest.approx(ranked["share_actors"].tolist())
    assert bar.x[0] == pytest.approx(0.6)  # h_c: 6 of 10
    assert "< 3" not in list(bar.text)
    table = cev.code_table(ranked, labels.code, k=3, lang="en", rating_title="Severity")
    assert "Severity" in table.columns
    assert table.iloc[0].tolist() == ["Code h_c en", "6", "60%", "–"]  # h_c: ratings all alike
    h_b = table[table["Code"] == "Code h_b en"].iloc[0].tolist()
    n_b = int(ranked.set_index("code").loc["h_b", "n_actors"])
    assert h_b == ["Code h_b en", str(n_b), f"{round(100 * n_b / 10)}%", "4.0"]
    ratings = cev.build_code_ratings(ranked, labels.code, k=3, lang="en", title="T", value_title="S")
    pos = [str(c) for c in ranked["code"]].index("h_b")
    assert ratings.data[0].x[pos] == pytest.approx((5 + 4 + 3) / 3)  # m0's raters; m1's two are left out


def test_code_table_without_ratings_has_no_rating_column(sel, pkg):
    labels = Labels(pkg, "de")
    table = cev.code_table(ev.ranked_frequencies(sel, category="potenzial"), labels.code, k=3, lang="de")
    assert list(table.columns) == ["Code", "Akteure (Anzahl)", "Anteil der Akteure"]


def test_instrument_builder(sel, pkg):
    labels = Labels(pkg, "de")
    uptake = aggregate.instrument_uptake(sel)
    assert uptake["code"].astype(str).tolist() == ["pr_a"]
    # pr_a: two actors in m0, one in m1: each municipality cell is 0 or k.
    cells = dc.count_actors(sel, sel.statements[sel.statements["code"] == "pr_a"], ["code"], by="municipality_id")
    assert set(cells["n_actors"]) <= {0.0, 3.0}
    n_mun = int((cells["n_actors"] > 0).sum())
    assert uptake["n_actors"].iloc[0] == cells["n_actors"].sum()
    assert uptake["n_municipalities"].iloc[0] == n_mun
    fig = cev.build_instrument_chart(uptake, labels.code, k=3, lang="de", title="T", metric="n_municipalities")
    assert list(fig.data[0].x) == [float(n_mun)]
    table = cev.instrument_table(uptake, labels.code, k=3, lang="de")
    row = table.iloc[0].tolist()
    assert row[:3] == ["Code pr_a", str(int(uptake["n_actors"].iloc[0])), str(n_mun)]
    # The only cooperation statements (three actors, all existing) are in m0 (two) and m1 (one).
    share = uptake["share_existing"].iloc[0]
    assert (row[3] == "–") if math.isnan(share) else (share == 1.0 and row[3] == "100\u00a0%")


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
