"""Aggregations on hand-made packages whose answers are known, and the anonymity property."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factory import make_tables, statement_rows, with_silent_municipality, write_package
from study import aggregate as agg
from study import disclosure as dc
from study.package import load_package
from study.selection import Filters, select


def statements(rows):
    """rows: (actor, code category, partner_type, status, rating, quote); the code is c_<category>."""
    return statement_rows([(a, f"c_{cat}", *rest) for a, cat, *rest in rows])


# m0: actors m0_a0..a5 (types t1 t2 t3 t4 t1 t2), m1 and m2 likewise; statements hand-written. Counted
# (with a statement): m0_a0..a3, m1_a0..a2, m2_a0..a1. Units with k = 3: regions m0 (4) and m1 + m2 (3 + 2);
# actor types t1 (3), t2 (3) and t3 + t4 (2 + 1).
ROWS = [
    # suitability of t3: four actors rate 5, 4, 4, 3 → mean 4.0
    ("m0_a0", "eignung", "t3", "", "5", ""),
    ("m0_a1", "eignung", "t3", "", "4", ""),
    ("m1_a0", "eignung", "t3", "", "4", ""),
    ("m1_a1", "eignung", "t3", "", "3", ""),
    # suitability of t4: only two actors → suppressed
    ("m0_a0", "eignung", "t4", "", "2", ""),
    ("m0_a1", "eignung", "t4", "", "2", ""),
    # cooperation with t3: 3 existing; with t4: 3 wished, 1 of whom also existing
    ("m0_a0", "kooperation", "t3", "bestehend", "4", ""),
    ("m0_a1", "kooperation", "t3", "bestehend", "3", ""),
    ("m1_a0", "kooperation", "t3", "bestehend", "5", ""),
    ("m0_a0", "kooperation", "t4", "gewuenscht", "", ""),
    ("m1_a1", "kooperation", "t4", "gewuenscht", "", ""),
    ("m2_a0", "kooperation", "t4", "gewuenscht", "", ""),
    ("m2_a1", "kooperation", "t4", "gewuenscht", "", ""),
    ("m2_a1", "kooperation", "t4", "bestehend", "", ""),
    # challenge: named by 4 actors of m0 (severity 5,5,4,4) and by 1 actor of m1
    ("m0_a0", "herausforderung", "", "", "5", "Zu teuer."),
    ("m0_a1", "herausforderung", "", "", "5", ""),
    ("m0_a2", "herausforderung", "", "", "4", ""),
    ("m0_a3", "herausforderung", "", "", "4", ""),
    ("m1_a2", "herausforderung", "", "", "1", "Einzelstimme."),
]


def known_tables():
    t = make_tables(seed=0, n_municipalities=3, actors_per=6)
    t["statements"] = statements(ROWS)
    return t


@pytest.fixture(scope="module")
def known(tmp_path_factory):
    return load_package(write_package(known_tables(), tmp_path_factory.mktemp("known") / "p"))


def test_units_of_the_known_package(known):
    # what the expectations below rest on (see ROWS)
    plan = known.protection
    assert plan.region_units["n_actors"].to_dict() == {"m0": 4, "m1 + m2": 5}
    assert plan.actor_units["n_actors"].to_dict() == {"t1": 3, "t2": 3, "t3 + t4": 3}
    assert not plan.single_family


def test_rating_summary_ranks_and_suppresses(known):
    sel = select(known, Filters())
    out = agg.rating_summary(sel, "eignung")
    assert list(out.columns) == ["partner_type", "mean_rating", "n_actors", "suppressed"]  # no min, max, spread
    assert out["partner_type"].astype(str).tolist() == ["t3", "t4"]
    t3, t4 = out.iloc[0], out.iloc[1]
    # four raters (5, 4, 4, 3), two per unit: no unit passes alone, the pool of four does
    assert t3["mean_rating"] == 4.0 and not t3["suppressed"]
    assert t3["n_actors"] >= sel.k
    # only two raters, and both gave 2: withheld
    assert t4["suppressed"] and math.isnan(t4["mean_rating"]) and math.isnan(t4["n_actors"])


def test_rating_summary_is_a_mean_of_actor_means_rounded(tmp_path):
    t = make_tables(seed=0, n_municipalities=3, actors_per=6)
    rows = [
        # m0_a0 is talkative (1, 1, 1, 1) but counts once, as 1; the others rate 4, 5, 4, 4, 5
        *[("m0_a0", "eignung", "t3", "", "1", "")] * 4,
        ("m0_a1", "eignung", "t3", "", "4", ""),
        ("m0_a2", "eignung", "t3", "", "5", ""),
        ("m1_a0", "eignung", "t3", "", "4", ""),
        ("m1_a1", "eignung", "t3", "", "4", ""),
        ("m1_a2", "eignung", "t3", "", "5", ""),
    ]
    t["statements"] = statements(rows)
    out = agg.rating_summary(select(load_package(write_package(t, tmp_path / "p")), Filters()), "eignung")
    # mean of actor means 23 / 6 = 3.83 rounded to 3.8, not the statements' mean 30 / 9
    assert out.iloc[0]["mean_rating"] == 3.8 and not out.iloc[0]["suppressed"]


def test_cooperation_status_and_potential(known):
    sel = select(known, Filters())
    out = agg.cooperation_status(sel)
    assert list(out.columns) == [
        "partner_type",
        "bestehend",
        "geplant",
        "gewuenscht",
        "potential",
        "n_actors",
        "suppressed",
    ]
    assert out["potential"].is_monotonic_decreasing  # ranked by potential
    assert not out["suppressed"].any()
    counts = out[["bestehend", "geplant", "gewuenscht", "potential", "n_actors"]].to_numpy()
    assert np.isin(counts, [0, *range(sel.k, 100)]).all()  # never 1 … k-1, never NaN
    by = out.set_index("partner_type")
    # nobody plans or wishes for cooperation with t3: true zeros stay zero, and so does its potential
    assert (by.loc["t3", "geplant"], by.loc["t3", "gewuenscht"], by.loc["t3", "potential"]) == (0, 0, 0)
    # t4 is wished for by m0_a0 (1 of m0's 4: 0 or k) and by 3 of the 5 in "m1 + m2" (capped at 5 - k + 1 = 3)
    assert by.loc["t4", "gewuenscht"] in (3, 6)
    # each count is the sum of the protected unit cells that a breakdown by municipality shows
    coop = sel.statements[(sel.statements["category"] == "kooperation") & sel.statements["status"].notna()]
    for status in ("bestehend", "gewuenscht"):
        rows = coop[coop["status"] == status][["actor_id", "partner_type"]].astype(str)
        cells = dc.count_actors(sel, rows, ["partner_type"], by="municipality_id")
        assert set(cells["n_actors"]) <= {0, *range(sel.k, 100)}
        total = cells.groupby("partner_type")["n_actors"].sum()
        for partner, value in total.items():
            assert by.loc[partner, status] == value, (status, partner)
    # deterministic: the same package, read twice, gives the same table
    again = agg.cooperation_status(select(load_package(known.source), Filters()))
    pd.testing.assert_frame_equal(out, again)


def test_challenge_cross_table_by_municipality(known):
    sel = select(known, Filters())
    cross = lambda value="actors", share=None: agg.cross_table(  # noqa: E731
        sel, "herausforderung", "code", "municipality_id", value=value, share=share
    ).set_index("municipality_id")
    counts = cross()
    # the units: m0 (4 counted actors) and m1 + m2 (2 + 3, merged)
    assert counts.index.tolist() == ["m0", "m1 + m2"]
    # all four of m0 name the challenge: capped at 4 - k + 1, so k; m1 + m2 has one speaker: 0 or k
    assert counts.loc["m0", "value"] == 3
    assert counts.loc["m1 + m2", "value"] in (0, 3)
    assert (counts["value"] == counts["n_actors"]).all() and not counts["suppressed"].any()
    ratings = cross("rating")
    assert ratings.loc["m0", "value"] == 4.5 and not ratings.loc["m0", "suppressed"]
    assert ratings.loc["m1 + m2", "suppressed"] and math.isnan(ratings.loc["m1 + m2", "value"])
    # col: share of the unit's actors (m0: 3 of 4 counted actors); row: share of the row's total
    people = agg.participants(sel, "municipality_id").set_index("municipality_id")["n_actors"]
    col = cross(share="col")
    assert col.loc["m0", "value"] == 0.75
    for unit in counts.index:
        assert col.loc[unit, "value"] == round(counts.loc[unit, "n_actors"] / people[unit], 2)
    row = cross(share="row")
    total = counts["n_actors"].sum()
    for unit in counts.index:
        assert row.loc[unit, "value"] == round(counts.loc[unit, "n_actors"] / total, 2)


def test_group_cells_are_zero_or_k_and_add_up(known):
    # speakers m0_a0 (t1), m0_a1 (t2), m0_a2 (t3), m0_a3 (t4), m1_a2 (t3); units t1, t2 and t3 + t4
    sel = select(known, Filters())
    by_group = agg.cross_table(sel, "herausforderung", "code", "group").set_index("group")
    by_type = agg.cross_table(sel, "herausforderung", "code", "actor_type").set_index("actor_type")
    assert by_type.index.tolist() == ["t1", "t2", "t3 + t4"]
    # one speaker each in t1 and t2 (units of 3): never shown as 1
    assert by_type.loc["t1", "value"] in (0, 3) and by_type.loc["t2", "value"] in (0, 3)
    assert by_type.loc["t3 + t4", "value"] == 3  # 3 of 3, capped at k
    # both verwaltung types form one row, the sum of their cells; the merged unit keeps its joint label
    assert sorted(by_group.index) == ["verwaltung", "zivilgesellschaft + kirche"]
    assert by_group.loc["verwaltung", "value"] == by_type.loc["t1", "value"] + by_type.loc["t2", "value"]
    assert by_group.loc["zivilgesellschaft + kirche", "value"] == 3
    assert not by_group["suppressed"].any() and by_group["value"].notna().all()


def test_conflicting_filters_keep_the_regional_family(known):
    # kommune + typ would be one actor: the type filter is dropped, with a notice
    sel = select(known, Filters(municipality_id=("m0",), actor_type=("t3",)))
    assert sel.family == "region"
    assert sel.notices == (("dropped", ("actor_type",)),)
    assert not sel.too_small
    town = select(known, Filters(municipality_id=("m0",)))
    assert set(sel.actors["actor_id"]) == set(town.actors["actor_id"])
    assert agg.key_figures(sel) == agg.key_figures(town)
    pd.testing.assert_frame_equal(agg.code_frequencies(sel), agg.code_frequencies(town))


def too_small_frames(sel):
    return (
        agg.participants(sel, "group"),
        agg.participants(sel, "municipality_id"),
        agg.rating_summary(sel, "eignung"),
        agg.code_frequencies(sel),
        agg.cross_table(sel, "herausforderung", "code", "group"),
        agg.cooperation_status(sel),
        agg.municipality_profiles(sel),
        agg.instrument_uptake(sel),
        agg.quotes(sel),
    )


def test_selection_below_threshold_yields_nothing(known, tmp_path):
    # a filter that matches no counted actor: the municipality whose actors made no statement
    tables = with_silent_municipality(known_tables())
    package = load_package(write_package(tables, tmp_path / "silent"))
    silent = select(package, Filters(municipality_id=("m_silent",)))
    # the whole package, with only two speaking actors
    tables["statements"] = statements(ROWS[:2])  # m0_a0 and m0_a1
    two = select(load_package(write_package(tables, tmp_path / "two")), Filters())
    assert two.n_actors == 2
    for sel in (silent, two):
        assert sel.too_small
        assert agg.key_figures(sel) == {"municipalities": None, "actors": None, "statements": None}
        for frame in too_small_frames(sel):
            assert frame.empty
        assert agg.statements_export(sel) is None
    # the rest of that package is not too small
    assert not select(package, Filters()).too_small


def test_key_figures_single_municipality(known):
    # m0 has six actors, but m0_a4 and m0_a5 made no statement and do not count
    sel = select(known, Filters(municipality_id=("m0",)))
    assert sel.notices == ()
    assert agg.key_figures(sel) == {"municipalities": 1, "actors": 4, "statements": 11}
    # m1 alone (3 counted actors) is merged with m2 (2) into one unit: the filter widens to both
    widened = select(known, Filters(municipality_id=("m1",)))
    assert widened.notices == (("widened_region", ("m2",)),)
    assert agg.key_figures(widened) == {"municipalities": 2, "actors": 5, "statements": 8}
    # both units chosen: the whole study
    assert select(known, Filters(municipality_id=("m0", "m1"))).family == "all"


def test_quotes_attributed_to_actor_units_only(known):
    sel = select(known, Filters())
    out = agg.quotes(sel)
    assert list(out.columns) == ["quote_id", "quote", "code", "category", "research_question", "partner_type", "group"]
    by_quote = out.set_index("quote")["group"].to_dict()
    # m0_a0 is of type t1 (verwaltung); m1_a2 of t3, which is merged with t4 into one unit
    assert by_quote == {"Zu teuer.": "verwaltung", "Einzelstimme.": "zivilgesellschaft + kirche"}
    assert out["quote_id"].is_monotonic_increasing
    assert not set(out["quote_id"]) & set(known.statements["statement_id"].astype(str))
    pd.testing.assert_frame_equal(out, agg.quotes(select(load_package(known.source), Filters())))  # stable ids
    # under an actor filter, the quotes of the chosen units; none under a regional or method filter
    assert agg.quotes(select(known, Filters(actor_type=("t1",))))["quote"].tolist() == ["Zu teuer."]
    assert agg.quotes(select(known, Filters(municipality_id=("m0",)))).empty
    assert agg.quotes(select(known, Filters(method=("interview",)))).empty
    assert agg.quotes(sel, research_question=1).empty
    assert len(agg.quotes(sel, limit=1)) == 1


def test_municipality_profiles(known):
    sel = select(known, Filters())
    out = agg.municipality_profiles(sel).set_index("municipality_id")
    assert out["unit"].to_dict() == {"m0": "m0", "m1": "m1 + m2", "m2": "m1 + m2"}
    assert out.loc["m0", "n_actors"] == 4 and out.loc["m0", "n_statements"] == 11
    assert out.loc["m0", "mean_severity"] == 4.5
    # merged municipalities share their unit's figures; one rater of the challenge in it: withheld
    for col in ("n_actors", "n_statements", "share_existing"):
        assert out.loc["m1", col] == out.loc["m2", col]
    assert out.loc["m1", "n_actors"] == 5 and math.isnan(out.loc["m1", "mean_severity"])
    # the share of existing cooperation is the share of two protected counts of the unit
    coop = sel.statements[(sel.statements["category"] == "kooperation") & sel.statements["status"].notna()]
    rep = dc.count_actors(sel, coop, [], by="municipality_id").set_index("municipality_id")["n_actors"]
    ex = dc.count_actors(sel, coop[coop["status"] == "bestehend"], [], by="municipality_id")
    ex = ex.set_index("municipality_id")["n_actors"]
    for m in ("m0", "m1"):
        unit = out.loc[m, "unit"]
        want = ex.get(unit, 0.0) / rep[unit] if rep.get(unit, 0) > 0 else np.nan
        assert out.loc[m, "share_existing"] == pytest.approx(round(want, 2), nan_ok=True)
    assert not out["suppressed"].any()
    # under an actor filter the figures would describe one type in one town: withheld
    typed = agg.municipality_profiles(select(known, Filters(actor_type=("t1",))))
    assert typed["suppressed"].all() and typed[["n_actors", "n_statements", "mean_severity"]].isna().all().all()


def test_filters_round_trip_query(known):
    f = Filters(state=("DE-BW", "DE-BE"), method=("interview",), actor_type=("t2", "t4"), group=("kirche",))
    assert Filters.from_query(f.to_query(), known) == f
    # unknown values from a hand-edited link are dropped, comma lists are accepted
    assert Filters.from_query({"land": "DE-BW,DE-XX", "typ": ["zz"]}, known) == Filters(state=("DE-BW",))


# --- the anonymity property --------------------------------------------------------------------

CATEGORIES = ("kooperation", "eignung", "herausforderung", "unterstuetzung", "prozess")
SPEAKER_DIMS = ("state", "size_class", "municipality_id", "group", "actor_type")
# Columns that hold protected counts of actors: 0 or at least k, never 1 … k-1.
COUNT_COLUMNS = ("n_actors", "bestehend", "geplant", "gewuenscht", "potential")
MEAN_COLUMNS = ("mean_rating", "mean_severity")


def aggregates(sel):
    """(name, frame, statement filter, breakdown) for every aggregate the dashboard can show."""
    yield "participants_group", agg.participants(sel, "group"), {}, "group"
    yield "participants_method", agg.participants(sel, "method"), {}, "method"
    yield "participants_mun", agg.participants(sel, "municipality_id"), {}, "municipality_id"
    for cat in CATEGORIES:
        yield f"codes_{cat}", agg.code_frequencies(sel, cat), {"category": cat}, None
        yield f"ratings_{cat}", agg.rating_summary(sel, cat), {"category": cat, "rated": True}, "partner_type"
        for by in ("group", "municipality_id", "size_class", "partner_type"):
            for value, share in (("actors", None), ("rating", None), ("actors", "col"), ("actors", "row")):
                frame = agg.cross_table(sel, cat, "code", by, value=value, share=share)
                spec = {"category": cat, "rated": value == "rating", "value": value, "share": share}
                yield f"cross_{cat}_{by}_{value}_{share}", frame, spec, by
    yield "status", agg.cooperation_status(sel), {"category": "kooperation", "has_status": True}, None
    yield "profiles", agg.municipality_profiles(sel), {"category": "herausforderung", "rated": True}, None
    yield "instruments", agg.instrument_uptake(sel), {"category": "prozess"}, None


def distinct_actors_behind(sel, row, frame_columns, spec):
    """The distinct actors of the selection behind a row; speaker dimensions are matched by unit label."""
    st = sel.statements
    if spec.get("category"):
        st = st[st["category"] == spec["category"]]
    if spec.get("rated"):
        st = st[st["rating"].notna()]
    if spec.get("has_status"):
        st = st[st["status"].notna()]
    if "unit" in frame_columns:  # profiles: the municipality's unit
        unit_of = sel.plan.unit_of(dc.REGION)
        st = st[st["actor_id"].astype(str).map(unit_of).to_numpy() == row["unit"]]
    for dim in agg.DIMENSIONS:
        if dim in frame_columns and "unit" not in frame_columns:
            if dim in SPEAKER_DIMS:
                label = st["actor_id"].astype(str).map(sel.plan.dimension_units(dim))
                st = st[label.to_numpy() == str(row[dim])]
            else:
                st = st[st[dim].astype(str) == str(row[dim])]
    return st["actor_id"].nunique()


@pytest.mark.heavy
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 10_000),
    n_mun=st.integers(1, 4),
    actors_per=st.integers(1, 7),
    k=st.integers(2, 5),
    filter_choice=st.sampled_from(["none", "state", "group", "type", "method", "mun"]),
)
def test_no_aggregate_from_fewer_than_k_actors(tmp_path_factory, seed, n_mun, actors_per, k, filter_choice):
    tables = make_tables(seed=seed, n_municipalities=n_mun, actors_per=actors_per, statements_per=6)
    folder = write_package(tables, tmp_path_factory.mktemp("pkg"), metadata={"anonymity": {"min_group_size": k}})
    pkg = load_package(folder)
    k = pkg.min_group_size  # the declared k, never below 3
    filters = {
        "none": Filters(),
        "state": Filters(state=("DE-BW",)),
        "group": Filters(group=("verwaltung",)),
        "type": Filters(actor_type=("t3",)),
        "method": Filters(method=("interview",)),
        "mun": Filters(municipality_id=("m0",)),
    }[filter_choice]
    sel = select(pkg, filters)
    for name, frame, spec, by in aggregates(sel):
        if sel.too_small:
            assert frame.empty, name
            continue
        if by is not None and not sel.allows(by):
            assert frame.empty, name  # a breakdown the filter family does not allow
            continue
        if name == "profiles" and not sel.allows("municipality_id"):
            assert frame["suppressed"].all() and frame["n_actors"].isna().all(), name
            continue
        counts = [c for c in COUNT_COLUMNS if c in frame.columns]
        if spec.get("value") == "actors" and spec.get("share") is None:
            counts.append("value")
        for c in counts:
            values = frame[c].dropna()
            assert not ((values > 0) & (values < k)).any(), (name, c, values.tolist())
        for c in [c for c in frame.columns if c.startswith("share")]:
            assert frame[c].dropna().between(0, 1).all(), (name, c)
        means = [c for c in MEAN_COLUMNS if c in frame.columns]
        if spec.get("value") == "rating":
            means.append("value")
        for _, row in frame.iterrows():
            if row["suppressed"] and name != "profiles":
                assert all(pd.isna(row[c]) for c in means), (name, row.to_dict())
            for c in means:
                if pd.notna(row[c]):
                    behind = distinct_actors_behind(sel, row, frame.columns, spec)
                    assert behind >= k, (name, c, behind, row.to_dict())
                    assert row[c] == round(row[c], 1)


def test_aggregates_are_deterministic(known):
    first = {name: frame for name, frame, _, _ in aggregates(select(known, Filters()))}
    reloaded = load_package(known.source)
    for name, frame, _, _ in aggregates(select(reloaded, Filters())):
        pd.testing.assert_frame_equal(frame, first[name], obj=name)


def test_statements_export_only_for_the_bundled_demo(tmp_path):
    # a test package calls itself synthetic, but is not the bundled demonstration package
    tables = make_tables(seed=2, actors_per=12)
    package = load_package(write_package(tables, tmp_path / "p", metadata={"synthetic": True}))
    assert package.synthetic and not dc.is_bundled_demo(package)
    for filters in (Filters(), Filters(municipality_id=("m0",)), Filters(actor_type=("t1",))):
        assert agg.statements_export(select(package, filters)) is None


def test_participants_by_group_partition_the_selection(known):
    sel = select(known, Filters())
    out = agg.participants(sel, "group")
    # units of at least k actors, counted exactly; they partition the selection
    assert out.set_index("group")["n_actors"].to_dict() == {"verwaltung": 6, "zivilgesellschaft + kirche": 3}
    assert out["n_actors"].sum() == sel.n_actors and (out["n_actors"] >= sel.k).all()
    assert out["n_statements"].sum() == sel.n_statements
    assert not out["suppressed"].any()
    # not offered under a regional filter: a type within a town would be single actors
    assert agg.participants(select(known, Filters(municipality_id=("m0",))), "group").empty
