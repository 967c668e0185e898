"""Aggregations on hand-made packages whose answers are known, and the anonymity property."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factory import make_tables, write_package
from study import aggregate as agg
from study.package import load_package
from study.selection import Filters, select


def statements(rows):
    """rows: (actor, code category, partner_type, status, rating, quote)"""
    return pd.DataFrame(
        [
            {
                "statement_id": f"s{i}",
                "actor_id": a,
                "code": f"c_{cat}",
                "method": "interview",
                "partner_type": p,
                "status": s,
                "rating": r,
                "quote": q,
            }
            for i, (a, cat, p, s, r, q) in enumerate(rows)
        ]
    )


@pytest.fixture
def known(tmp_path):
    """m0: actors m0_a0..a5 (types t1 t2 t3 t4 t1 t2), m1 and m2 likewise; statements hand-written."""
    t = make_tables(seed=0, n_municipalities=3, actors_per=6)
    rows = [
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
    t["statements"] = statements(rows)
    return load_package(write_package(t, tmp_path / "p"))


def test_rating_summary_ranks_and_suppresses(known):
    out = agg.rating_summary(select(known, Filters()), "eignung")
    assert out["partner_type"].astype(str).tolist() == ["t3", "t4"]
    t3, t4 = out.iloc[0], out.iloc[1]
    assert t3["mean_rating"] == 4.0 and t3["n_actors"] == 4 and t3["min_rating"] == 3 and t3["max_rating"] == 5
    assert t3["std_rating"] == pytest.approx(np.std([5, 4, 4, 3], ddof=1))
    assert t4["suppressed"] and math.isnan(t4["mean_rating"]) and math.isnan(t4["n_actors"])


def test_cooperation_status_and_potential(known):
    out = agg.cooperation_status(select(known, Filters())).set_index("partner_type")
    assert out.loc["t3", "bestehend"] == 3
    assert out.loc["t3", "potential"] == 0
    assert out.loc["t4", "gewuenscht"] == 4
    # m2_a1 wishes for and has cooperation with t4, so three actors remain as potential
    assert out.loc["t4", "potential"] == 3
    # one existing cooperation with t4 is a count of a single actor: suppressed, not shown as 1
    assert math.isnan(out.loc["t4", "bestehend"])


@pytest.mark.parametrize(
    ("by", "value", "share", "expected"),
    [
        ("municipality_id", "actors", None, {"m0": 4.0, "m1": None}),
        ("municipality_id", "rating", None, {"m0": 4.5, "m1": None}),
        ("municipality_id", "actors", "col", {"m0": 4 / 6, "m1": None}),
        ("municipality_id", "actors", "row", {"m0": 4 / 5, "m1": None}),
        ("group", "actors", None, {"verwaltung": None, "zivilgesellschaft": None, "kirche": None}),
    ],
)
def test_challenge_cross_table(known, by, value, share, expected):
    out = agg.cross_table(select(known, Filters()), "herausforderung", "code", by, value=value, share=share)
    got = {str(k): (None if math.isnan(v) else v) for k, v in zip(out[by], out["value"], strict=True)}
    for key, want in expected.items():
        if want is None:
            assert got.get(key) is None
        else:
            assert got[key] == pytest.approx(want)


def test_group_cell_of_two_actors_is_suppressed(known):
    # m0's challenge speakers a0..a3 have types t1 t2 t3 t4: verwaltung 2 (t1, t2) → suppressed
    out = agg.cross_table(select(known, Filters()), "herausforderung", "code", "group")
    row = out[out["group"] == "verwaltung"].iloc[0]
    assert row["suppressed"] and math.isnan(row["value"])


def test_selection_below_threshold_yields_nothing(known):
    sel = select(known, Filters(municipality_id=("m0",), actor_type=("t3",)))
    assert sel.n_actors == 1 and sel.too_small
    assert agg.key_figures(sel) == {"municipalities": None, "actors": None, "statements": None}
    for frame in (
        agg.participants(sel, "group"),
        agg.rating_summary(sel, "eignung"),
        agg.code_frequencies(sel),
        agg.cooperation_status(sel),
        agg.municipality_profiles(sel),
        agg.quotes(sel),
        agg.statements_export(sel),
    ):
        assert frame.empty


def test_key_figures_single_municipality(known):
    sel = select(known, Filters(municipality_id=("m0",)))
    assert agg.key_figures(sel) == {"municipalities": 1, "actors": 6, "statements": 11}


def test_quotes_only_where_municipality_group_has_k_actors(known):
    # m0 has 2 verwaltung actors (a0 t1, a4 t1, a1 t2, a5 t2 → 4) — m0_a0 may be quoted;
    # m1_a2 is t3 (zivilgesellschaft), alone in that group in m1 → never quoted.
    out = agg.quotes(select(known, Filters()))
    assert out["quote"].tolist() == ["Zu teuer."]
    exported = agg.statements_export(select(known, Filters()))
    assert exported["quote"].dropna().tolist() == ["Zu teuer."]
    assert "actor_id" not in exported.columns


def test_municipality_profiles(known):
    out = agg.municipality_profiles(select(known, Filters())).set_index("municipality_id")
    assert out.loc["m0", "n_actors"] == 6
    assert out.loc["m0", "share_existing"] == pytest.approx(2 / 3)
    assert out.loc["m0", "mean_severity"] == pytest.approx(4.5)


def test_filters_round_trip_query(known):
    f = Filters(state=("DE-BW", "DE-BE"), method=("interview",), actor_type=("t2", "t4"), group=("kirche",))
    assert Filters.from_query(f.to_query(), known) == f
    # unknown values from a hand-edited link are dropped, comma lists are accepted
    assert Filters.from_query({"land": "DE-BW,DE-XX", "typ": ["zz"]}, known) == Filters(state=("DE-BW",))


# --- the anonymity property --------------------------------------------------------------------

CATEGORIES = ("kooperation", "eignung", "herausforderung", "unterstuetzung", "prozess")


def aggregates(sel):
    """(name, frame, statement filter) for every aggregate the dashboard can show."""
    yield "participants_group", agg.participants(sel, "group"), {}
    yield "participants_method", agg.participants(sel, "method"), {}
    yield "participants_mun", agg.participants(sel, "municipality_id"), {}
    for cat in CATEGORIES:
        yield f"codes_{cat}", agg.code_frequencies(sel, cat), {"category": cat}
        yield f"ratings_{cat}", agg.rating_summary(sel, cat), {"category": cat, "rated": True}
        for by in ("group", "municipality_id", "size_class", "partner_type"):
            for value, share in (("actors", None), ("rating", None), ("actors", "col"), ("actors", "row")):
                frame = agg.cross_table(sel, cat, "code", by, value=value, share=share)
                yield f"cross_{cat}_{by}_{value}_{share}", frame, {"category": cat, "rated": value == "rating"}
    yield "status", agg.cooperation_status(sel), {"category": "kooperation", "has_status": True}
    yield "profiles", agg.municipality_profiles(sel), {}
    yield "instruments", agg.instrument_uptake(sel), {"category": "prozess"}


def distinct_actors_behind(sel, row, frame_columns, spec):
    st = sel.statements
    if spec.get("category"):
        st = st[st["category"] == spec["category"]]
    if spec.get("rated"):
        st = st[st["rating"].notna()]
    if spec.get("has_status"):
        st = st[st["status"].notna()]
    for dim in agg.DIMENSIONS:
        if dim in frame_columns:
            st = st[st[dim].astype(str) == str(row[dim])]
    return st["actor_id"].nunique()


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
    filters = {
        "none": Filters(),
        "state": Filters(state=("DE-BW",)),
        "group": Filters(group=("verwaltung",)),
        "type": Filters(actor_type=("t3",)),
        "method": Filters(method=("interview",)),
        "mun": Filters(municipality_id=("m0",)),
    }[filter_choice]
    sel = select(pkg, filters)
    for name, frame, spec in aggregates(sel):
        if sel.too_small:
            assert frame.empty, name
            continue
        value_cols = [
            c
            for c in frame.columns
            if c not in agg.DIMENSIONS
            and c
            not in (
                "suppressed",
                "name",
                "lat",
                "lon",
                "approximate",
                "population",
                "fairtrade_town",
                "council_resolution",
            )
        ]
        for _, row in frame.iterrows():
            if row["suppressed"]:
                assert all(pd.isna(row[c]) for c in value_cols if c != "potential"), (name, row)
                continue
            if name == "profiles":
                behind = int((sel.actors["municipality_id"].astype(str) == str(row["municipality_id"])).sum())
            else:
                behind = distinct_actors_behind(sel, row, frame.columns, spec)
            has_value = any(pd.notna(row[c]) and row[c] != 0 for c in value_cols)
            assert behind == 0 or behind >= k or not has_value, (name, behind, row.to_dict())


def test_statements_export_hides_actor_type_of_small_groups(tmp_path):
    small = load_package(write_package(make_tables(seed=2, actors_per=6), tmp_path / "small"))
    out = agg.statements_export(select(small, Filters()))
    assert out["actor_type"].isna().all()  # every municipality has at most 2 actors per type
    large = load_package(write_package(make_tables(seed=2, actors_per=12), tmp_path / "large"))
    out = agg.statements_export(select(large, Filters()))
    assert out["actor_type"].notna().all()  # 3 actors of each type in each municipality


@pytest.mark.parametrize(
    ("counts", "k", "hidden"),
    [
        ([10, 5, 2], 3, [False, True, True]),  # one small row alone would follow from the total
        ([10, 5, 4, 1, 1], 3, [False, False, True, True, True]),  # two small rows of 2 actors: add the next
        ([10, 6, 1, 1, 1], 3, [False, False, True, True, True]),  # three small rows of 3 actors suffice
        ([10, 5, 4], 3, [False, False, False]),  # nothing small, nothing hidden
        ([10, 0, 2], 3, [True, False, True]),  # a zero row is no cover
    ],
)
def test_guard_partition_complementary_suppression(counts, k, hidden):
    from study.anonymity import guard_partition

    frame = pd.DataFrame({"group": list("abcdefgh"[: len(counts)]), "n_actors": counts, "n_statements": counts})
    out = guard_partition(frame, k, ["n_statements"])
    assert out["suppressed"].tolist() == hidden
    assert out["n_actors"].isna().tolist() == hidden


def test_participants_by_group_cannot_be_recovered_from_the_total(known):
    sel = select(known, Filters())
    out = agg.participants(sel, "group")
    hidden = out[out["suppressed"]]
    assert len(hidden) != 1
    if len(hidden):
        assert sel.n_actors - out["n_actors"].sum() >= sel.k
