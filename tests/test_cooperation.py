"""study.cooperation on a hand-made package whose answers are known."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from factory import make_tables, statement_rows, with_codes, with_silent_municipality, write_package
from study import cooperation as co
from study.package import load_package
from study.schema import SUITABILITY, SUPPORT
from study.selection import Filters, select

# Actors: m<i>_a<j> with types t1 t2 t3 t4 t1 t2 (j = 0 … 5); groups t1, t2 verwaltung, t3
# zivilgesellschaft, t4 kirche. Rows: (actor, code, partner_type, status, rating). Counted (with a statement):
# 12 actors; with k = 3 the units are m0 (5), m1 (4), m2 (3) and t1 (5), t3 (3), t2 + t4 (3 + 1). The
# comments below give the true counts; what is shown is protected per unit (see study.disclosure).
ROWS = [
    # suitability, criterion c_eignung, of t3: 5 4 4 3 → mean 4 from 4 actors
    ("m0_a0", "c_eignung", "t3", "", "5"),
    ("m0_a1", "c_eignung", "t3", "", "4"),
    ("m1_a0", "c_eignung", "t3", "", "4"),
    ("m1_a1", "c_eignung", "t3", "", "3"),
    # criterion c_eignung2 of t3: 2 2 2 from 3 actors; of t4: two actors only
    ("m0_a0", "c_eignung2", "t3", "", "2"),
    ("m2_a0", "c_eignung2", "t3", "", "2"),
    ("m2_a1", "c_eignung2", "t3", "", "2"),
    ("m0_a0", "c_eignung2", "t4", "", "1"),
    ("m0_a1", "c_eignung2", "t4", "", "1"),
    # cooperation: t1 → t3 existing, 4 actors (m0_a0 twice)
    ("m0_a0", "c_kooperation", "t3", "bestehend", "4"),
    ("m0_a0", "c_kooperation", "t3", "bestehend", "5"),
    ("m1_a0", "c_kooperation", "t3", "bestehend", "4"),
    ("m2_a0", "c_kooperation", "t3", "bestehend", "3"),
    ("m0_a4", "c_kooperation", "t3", "bestehend", "3"),
    # t2 → t3 existing: 2 actors (suppressed)
    ("m0_a1", "c_kooperation", "t3", "bestehend", "2"),
    ("m1_a1", "c_kooperation", "t3", "bestehend", "2"),
    # t1 → t4 wished for: 3 actors; t2 → t4 planned: 3 actors
    ("m0_a0", "c_kooperation", "t4", "gewuenscht", "3"),
    ("m1_a0", "c_kooperation", "t4", "gewuenscht", "3"),
    ("m2_a0", "c_kooperation", "t4", "gewuenscht", "3"),
    ("m0_a1", "c_kooperation", "t4", "geplant", "3"),
    ("m1_a1", "c_kooperation", "t4", "geplant", "3"),
    ("m2_a1", "c_kooperation", "t4", "geplant", "3"),
    # t3 → t3 existing (within one type): 3 actors; t1 → t3 wished for: 1 actor (suppressed)
    ("m0_a2", "c_kooperation", "t3", "bestehend", "4"),
    ("m1_a2", "c_kooperation", "t3", "bestehend", "4"),
    ("m2_a2", "c_kooperation", "t3", "bestehend", "4"),
    ("m1_a4", "c_kooperation", "t3", "gewuenscht", "4"),
    # support c_unterstuetzung offered by t3: speakers t1 t2 t1 (verwaltung) and t4 (kirche)
    ("m0_a0", "c_unterstuetzung", "t3", "", ""),
    ("m0_a1", "c_unterstuetzung", "t3", "", ""),
    ("m1_a0", "c_unterstuetzung", "t3", "", ""),
    ("m0_a3", "c_unterstuetzung", "t3", "", ""),
    # support c_unterstuetzung2 offered by t4: three t3 speakers (zivilgesellschaft)
    ("m0_a2", "c_unterstuetzung2", "t4", "", ""),
    ("m1_a2", "c_unterstuetzung2", "t4", "", ""),
    ("m2_a2", "c_unterstuetzung2", "t4", "", ""),
]


def known_tables():
    t = with_codes(
        make_tables(seed=0, n_municipalities=3, actors_per=6),
        ("c_eignung2", SUITABILITY, 2),
        ("c_unterstuetzung2", SUPPORT, 4),
    )
    t["statements"] = statement_rows([(*row, "") for row in ROWS])
    return t


@pytest.fixture(scope="module")
def known(tmp_path_factory):
    return load_package(write_package(known_tables(), tmp_path_factory.mktemp("known") / "p"))


@pytest.fixture(scope="module")
def sel(known):
    return select(known, Filters())


def as_dict(frame, *keys, value="n_actors"):
    return {tuple(str(r[k]) for k in keys): r[value] for _, r in frame.iterrows()}


def test_units_of_the_known_package(known):
    # what the expectations below rest on: with k = 3, t2 (3 counted actors) and t4 (1) form one unit
    plan = known.protection
    assert plan.actor_units["n_actors"].to_dict() == {"t1": 5, "t3": 3, "t2 + t4": 4}
    assert plan.region_units["n_actors"].to_dict() == {"m0": 5, "m1": 4, "m2": 3}


def test_category_codes_in_codebook_order(known):
    assert co.category_codes(known, "eignung") == ["c_eignung", "c_eignung2"]
    assert co.category_codes(known, "unterstuetzung") == ["c_unterstuetzung", "c_unterstuetzung2"]
    with pytest.raises(ValueError):
        co.category_codes(known, "no_such_category")


# Suitability: a mean of actor means over units of at least k raters who did not all rate alike; the study
# as a whole adds the other units as one pool. m0_a0 rates t3 with 5 (c_eignung) and 2 (c_eignung2): 3.5.
@pytest.mark.parametrize(
    "code, partner, mean",
    [
        (None, "t3", 3.1),  # (3.5 + 4 + 4 + 3 + 2 + 2) / 6 = 3.08
        ("c_eignung", "t3", 4.0),  # (5 + 4 + 4 + 3) / 4
    ],
)
def test_suitability_by_criterion(sel, code, partner, mean):
    out = co.suitability(sel, code)
    assert list(out.columns) == ["partner_type", "mean_rating", "n_actors", "suppressed"]  # no spread, no min/max
    row = out[out["partner_type"].astype(str) == partner].iloc[0]
    assert row["mean_rating"] == mean
    assert row["n_actors"] >= sel.k
    assert not row["suppressed"]


@pytest.mark.parametrize("code", [None, "c_eignung2"])
def test_suitability_suppresses_small_partner_types(sel, code):
    out = co.suitability(sel, code)
    t4 = out[out["partner_type"].astype(str) == "t4"].iloc[0]
    assert t4["suppressed"] and math.isnan(t4["mean_rating"]) and math.isnan(t4["n_actors"])
    assert out["suppressed"].tolist()[-1]  # ranked: suppressed rows last


def test_suitability_withholds_ratings_that_are_all_alike(sel):
    # c_eignung2 of t3: three raters, all gave 2 — showing "2.0" would tell each one's rating
    out = co.suitability(sel, "c_eignung2")
    t3 = out[out["partner_type"].astype(str) == "t3"].iloc[0]
    assert t3["suppressed"] and math.isnan(t3["mean_rating"]) and math.isnan(t3["n_actors"])


def test_suitability_only_criterion_rows(sel):
    # c_eignung has no rating of t4 at all
    assert "t4" not in co.suitability(sel, "c_eignung")["partner_type"].astype(str).tolist()


def test_suitability_rejects_codes_of_other_categories(sel):
    with pytest.raises(ValueError):
        co.suitability(sel, "c_kooperation")


def test_narrow_keeps_the_actors(sel):
    narrowed = co.narrow(sel, code="c_kooperation", status="geplant")
    assert narrowed.n_actors == sel.n_actors
    assert len(narrowed.statements) == 3
    assert set(narrowed.statements["status"].astype(str)) == {"geplant"}
    with pytest.raises(ValueError):
        co.narrow(sel, status="bald")


# Speaker types are actor units: t1 (5 counted actors), t3 (3) and t2 + t4 (3 + 1, merged). A count of
# 1 … k-1 actors in a unit shows as 0 or k, a count above size - k + 1 is capped there: with k = 3, no
# cell of these units can show more than 3.
ANY = (0, 3)  # a cell of 1 or 2 actors


@pytest.mark.parametrize(
    "status, expected",
    [
        # t1 → t3: 4 of t1's 5 (capped at 3); t3 → t3: all 3 of t3; t2 + t4 → t3: 2 actors
        ("bestehend", {("t1", "t3"): (3,), ("t3", "t3"): (3,), ("t2 + t4", "t3"): ANY}),
        ("geplant", {("t2 + t4", "t4"): (3,)}),
        # t1 → t4: 3 actors; t1 → t3: 1 actor
        ("gewuenscht", {("t1", "t4"): (3,), ("t1", "t3"): ANY}),
    ],
)
def test_status_matrix(sel, status, expected):
    out = co.status_matrix(sel, status)
    got = as_dict(out, "actor_type", "partner_type", value="value")
    assert set(got) == set(expected)
    for cell, value in got.items():
        assert value in expected[cell], (cell, value)
    assert not out["suppressed"].any()
    assert (out["value"] == out["n_actors"]).all()


def test_status_matrix_is_deterministic(known, sel):
    again = select(load_package(known.source), Filters())
    for status in co.STATUSES:
        pd.testing.assert_frame_equal(co.status_matrix(sel, status), co.status_matrix(again, status))


def test_status_matrix_rows_in_unit_order(known, sel):
    out = co.status_matrix(sel, "bestehend")
    # the speaker units in the plan's order (a merged unit after the single types), partners in package order
    units = [u for u in known.protection.actor_units.index if u in set(out["actor_type"])]
    assert co.present_order(out, "actor_type") == units and len(units) == 3
    assert co.present_order(out, "partner_type") == ["t3"]
    assert out["actor_type"].tolist() == units


def test_cooperation_links_counts_and_order(sel):
    links = co.cooperation_links(sel)
    assert list(links.columns) == ["actor_type", "partner_type", "status", "n_actors", "suppressed"]
    got = as_dict(links, "actor_type", "partner_type", "status")
    certain = {
        ("t1", "t3", "bestehend"): 3,
        ("t1", "t4", "gewuenscht"): 3,
        ("t2 + t4", "t4", "geplant"): 3,
        ("t3", "t3", "bestehend"): 3,
    }
    assert got.items() >= certain.items()
    # the cells of 1 or 2 actors are there only if they were rounded up to k; a link of 0 is left out
    assert set(got) - set(certain) <= {("t2 + t4", "t3", "bestehend"), ("t1", "t3", "gewuenscht")}
    assert (links["n_actors"] >= sel.k).all() and not links["suppressed"].any()
    # the links are the status matrices' non-zero cells
    for status in co.STATUSES:
        matrix = co.status_matrix(sel, status)
        cells = as_dict(matrix[matrix["n_actors"] > 0], "actor_type", "partner_type")
        assert cells == {(a, p): n for (a, p, s), n in got.items() if s == status}, status
    # strongest first, ties by speaker, partner and status
    ordered = links.sort_values(
        ["n_actors", "actor_type", "partner_type", "status"], ascending=[False, True, True, True], kind="stable"
    )
    assert links.equals(ordered.reset_index(drop=True))


def test_cooperation_links_for_chosen_statuses(sel):
    links = co.cooperation_links(sel, statuses=["geplant"])
    assert as_dict(links, "actor_type", "partner_type", "status") == {("t2 + t4", "t4", "geplant"): 3}
    assert co.cooperation_links(sel, statuses=[]).empty
    with pytest.raises(ValueError):
        co.cooperation_links(sel, statuses=["bald"])


def test_cooperation_links_withheld_under_a_regional_or_method_filter(known):
    for filters in (Filters(municipality_id=("m0",)), Filters(method=("interview",))):
        sel = select(known, filters)
        assert not sel.too_small and not sel.allows("actor_type")
        assert co.cooperation_links(sel).empty
    # under an actor filter: the chosen units' links only
    typed = co.cooperation_links(select(known, Filters(actor_type=("t1",))))
    assert set(typed["actor_type"]) == {"t1"} and len(typed) >= 2


# Every link shows exactly k = 3 (see above): a threshold of k or less keeps them all, above k none.
@pytest.mark.parametrize("min_actors, keeps_all", [(None, True), (1, True), (3, True), (4, False), (5, False)])
def test_network_edges_threshold(sel, min_actors, keeps_all):
    links = co.cooperation_links(sel)
    assert set(links["n_actors"]) == {3}
    edges = co.network_edges(links, sel.k, min_actors)
    assert len(edges) == (len(links) if keeps_all else 0)
    assert not edges["suppressed"].any()
    assert (edges["n_actors"] >= max(sel.k, min_actors or 0)).all()


def test_network_edges_leave_out_small_and_suppressed_links(sel):
    links = pd.DataFrame(
        {
            "actor_type": ["t1", "t2", "t3", "t4"],
            "partner_type": ["t3"] * 4,
            "status": ["bestehend"] * 4,
            "n_actors": [5.0, 2.0, float("nan"), 3.0],
            "suppressed": [False, False, True, False],
        }
    )
    edges = co.network_edges(links, sel.k)
    assert edges["actor_type"].tolist() == ["t1", "t4"]
    assert co.network_edges(links, sel.k, 4)["actor_type"].tolist() == ["t1"]
    assert co.strongest_link(links) == 5


def test_strongest_link(sel):
    # t1 → t3 existing is said by 4 of t1's 5 actors: capped at 5 - k + 1 = 3
    assert co.strongest_link(co.cooperation_links(sel)) == 3
    assert co.strongest_link(co.cooperation_links(sel, statuses=[])) == 0


def test_network_nodes(known):
    nodes = co.network_nodes(known)
    assert nodes["actor_type"].tolist() == ["t1", "t2", "t3", "t4"]
    assert nodes["group"].tolist() == ["verwaltung", "verwaltung", "zivilgesellschaft", "kirche"]


# Support c_unterstuetzung (offered by t3) is named by m0_a0 (t1), m0_a1 (t2), m1_a0 (t1), m0_a3 (t4);
# c_unterstuetzung2 (offered by t4) by m0_a2, m1_a2, m2_a2 (all t3). By partner the cells are the regional
# units m0 (5), m1 (4), m2 (3); by group the actor units, labelled with their groups.
@pytest.mark.parametrize(
    "by, expected",
    [
        # m0: 3 of 5 → 3, m1: 1 → 0 or 3; c_unterstuetzung2: one speaker in each town → 0 or 3 each
        ("partner_type", {("c_unterstuetzung", "t3"): (3, 6), ("c_unterstuetzung2", "t4"): (0, 3, 6, 9)}),
        (
            "group",
            {
                ("c_unterstuetzung", "verwaltung"): ANY,  # t1: m0_a0, m1_a0
                ("c_unterstuetzung", "verwaltung + kirche"): ANY,  # t2 + t4: m0_a1, m0_a3
                ("c_unterstuetzung2", "zivilgesellschaft"): (3,),  # t3: all 3
            },
        ),
    ],
)
def test_support_matrix(sel, by, expected):
    out = co.support_matrix(sel, by)
    got = as_dict(out, "code", by, value="value")
    assert set(got) == set(expected)
    for cell, value in got.items():
        assert value in expected[cell], (cell, value)
    assert not out["suppressed"].any()


def test_support_matrix_orders(sel):
    out = co.support_matrix(sel, "group")
    assert co.present_order(out, "code") == ["c_unterstuetzung", "c_unterstuetzung2"]
    # groups follow the contract's order, not the alphabet; a merged unit's joint label comes last
    assert co.present_order(out, "group") == ["verwaltung", "zivilgesellschaft", "verwaltung + kirche"]
    # rows in reading order of the heatmap: group by group, then code
    assert list(zip(out["group"], out["code"].astype(str), strict=True)) == [
        ("verwaltung", "c_unterstuetzung"),
        ("zivilgesellschaft", "c_unterstuetzung2"),
        ("verwaltung + kirche", "c_unterstuetzung"),
    ]
    with pytest.raises(ValueError):
        co.support_matrix(sel, "code")


def test_too_small_selection_yields_nothing(tmp_path):
    # a town whose actors made no statement: no counted actor matches the filter
    package = load_package(write_package(with_silent_municipality(known_tables()), tmp_path / "p"))
    small = select(package, Filters(municipality_id=("m_silent",)))
    assert small.too_small and small.n_actors == 0
    assert co.suitability(small).empty
    assert co.status_matrix(small, "bestehend").empty
    assert co.cooperation_links(small).empty
    assert co.support_matrix(small).empty
    assert not co.cooperation_links(select(package, Filters())).empty


def test_combined_filters_are_not_too_small(known):
    # a town and a type together would be one actor: the type filter is dropped, the town's unit stays
    sel = select(known, Filters(municipality_id=("m0",), actor_type=("t3",)))
    assert ("dropped", ("actor_type",)) in sel.notices and not sel.too_small
    assert co.status_matrix(sel, "bestehend").equals(
        co.status_matrix(select(known, Filters(municipality_id=("m0",))), "bestehend")
    )


def test_threshold_follows_the_package(tmp_path):
    def links_for(k):
        meta = {"anonymity": {"min_group_size": k}}
        package = load_package(write_package(known_tables(), tmp_path / f"k{k}", metadata=meta))
        return package, co.cooperation_links(select(package, Filters()))

    # k is never below 3: a declared 2 protects as 3 does
    p2, links2 = links_for(2)
    p3, links3 = links_for(3)
    assert p2.min_group_size == 3
    pd.testing.assert_frame_equal(links2, links3)
    # with k = 4 the small types merge into fewer, larger units, and every link shows at least 4
    p4, links4 = links_for(4)
    assert p4.min_group_size == 4
    units = p4.protection.actor_units
    assert (units["n_actors"] >= 4).all() and len(units) < len(p3.protection.actor_units)
    assert set(links4["actor_type"]) <= set(units.index)
    assert len(links4) and (links4["n_actors"] >= 4).all()
    assert len(co.network_edges(links4, p4.min_group_size)) == len(links4)


def test_every_row_has_n_actors_and_suppressed(sel):
    for frame in (
        co.suitability(sel),
        co.status_matrix(sel, "bestehend"),
        co.status_matrix(sel, "gewuenscht"),
        co.cooperation_links(sel),
        co.support_matrix(sel),
    ):
        assert {"n_actors", "suppressed"} <= set(frame.columns)
        small = frame["n_actors"].notna() & (frame["n_actors"] > 0) & (frame["n_actors"] < sel.k)
        assert not small.any()


def test_code_description(tmp_path):
    t = known_tables()
    t["codebook"].loc[t["codebook"]["code"] == "c_eignung2", "description_de"] = "Wie gut passt es?"
    package = load_package(write_package(t, tmp_path / "p"))
    assert co.code_description(package, "c_eignung2") == "Wie gut passt es?"
    assert co.code_description(package, "c_eignung2", "en") == ""  # the contract has German descriptions only
    assert co.code_description(package, "c_eignung") == ""
    assert co.code_description(package, "no_such_code") == ""


def test_sort_in_order_follows_categories_then_contract():
    frame = pd.DataFrame(
        {
            "code": pd.Categorical(["y", "x", "y", "x"], categories=["y", "x"]),
            "group": ["kirche", "kirche", "verwaltung", "politik"],
            "n_actors": [1, 2, 3, 4],
        }
    )
    out = co.sort_in_order(frame, ["group", "code"])
    assert out["n_actors"].tolist() == [3, 4, 1, 2]
    assert co.sort_in_order(frame.iloc[0:0], ["group"]).empty
