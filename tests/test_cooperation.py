"""study.cooperation on a hand-made package whose answers are known."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from factory import make_tables, write_package
from study import cooperation as co
from study.package import load_package
from study.selection import Filters, select

# Actors: m<i>_a<j> with types t1 t2 t3 t4 t1 t2 (j = 0 … 5); groups t1, t2 verwaltung, t3
# zivilgesellschaft, t4 kirche. Rows: (actor, code, partner_type, status, rating).
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
    t = make_tables(seed=0, n_municipalities=3, actors_per=6)
    extra = pd.DataFrame(
        {
            "code": ["c_eignung2", "c_unterstuetzung2"],
            "category": ["eignung", "unterstuetzung"],
            "research_question": ["2", "4"],
            "label_de": ["Kriterium zwei", "Hilfe zwei"],
            "label_en": ["Criterion two", "Support two"],
            "description_de": ["", ""],
        }
    )
    t["codebook"] = pd.concat([t["codebook"], extra], ignore_index=True)
    t["statements"] = pd.DataFrame(
        [
            {
                "statement_id": f"s{i}",
                "actor_id": a,
                "code": c,
                "method": "interview",
                "partner_type": p,
                "status": s,
                "rating": r,
                "quote": "",
            }
            for i, (a, c, p, s, r) in enumerate(ROWS)
        ]
    )
    return t


@pytest.fixture
def known(tmp_path):
    return load_package(write_package(known_tables(), tmp_path / "p"))


@pytest.fixture
def sel(known):
    return select(known, Filters())


def as_dict(frame, *keys, value="n_actors"):
    return {tuple(str(r[k]) for k in keys): r[value] for _, r in frame.iterrows()}


def test_category_codes_in_codebook_order(known):
    assert co.category_codes(known, "eignung") == ["c_eignung", "c_eignung2"]
    assert co.category_codes(known, "unterstuetzung") == ["c_unterstuetzung", "c_unterstuetzung2"]
    with pytest.raises(ValueError):
        co.category_codes(known, "no_such_category")


@pytest.mark.parametrize(
    "code, partner, mean, n_actors, n_rated, lo, hi",
    [
        (None, "t3", 22 / 7, 6, 7, 2, 5),
        ("c_eignung", "t3", 4.0, 4, 4, 3, 5),
        ("c_eignung2", "t3", 2.0, 3, 3, 2, 2),
    ],
)
def test_suitability_by_criterion(sel, code, partner, mean, n_actors, n_rated, lo, hi):
    out = co.suitability(sel, code)
    row = out[out["partner_type"].astype(str) == partner].iloc[0]
    assert row["mean_rating"] == pytest.approx(mean)
    assert row["n_actors"] == n_actors and row["n_rated"] == n_rated
    assert (row["min_rating"], row["max_rating"]) == (lo, hi)
    assert not row["suppressed"]


@pytest.mark.parametrize("code", [None, "c_eignung2"])
def test_suitability_suppresses_small_partner_types(sel, code):
    out = co.suitability(sel, code)
    t4 = out[out["partner_type"].astype(str) == "t4"].iloc[0]
    assert t4["suppressed"] and math.isnan(t4["mean_rating"]) and math.isnan(t4["n_actors"])
    assert out["suppressed"].tolist()[-1]  # ranked: suppressed rows last


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


@pytest.mark.parametrize(
    "status, expected, suppressed",
    [
        ("bestehend", {("t1", "t3"): 4, ("t3", "t3"): 3}, {("t2", "t3")}),
        ("geplant", {("t2", "t4"): 3}, set()),
        ("gewuenscht", {("t1", "t4"): 3}, {("t1", "t3")}),
    ],
)
def test_status_matrix(sel, status, expected, suppressed):
    out = co.status_matrix(sel, status)
    shown = out[~out["suppressed"]]
    assert as_dict(shown, "actor_type", "partner_type", value="value") == expected
    hidden = out[out["suppressed"]]
    assert {(str(a), str(b)) for a, b in zip(hidden["actor_type"], hidden["partner_type"], strict=True)} == suppressed
    assert hidden["value"].isna().all() and hidden["n_actors"].isna().all()


def test_status_matrix_rows_in_package_order(sel):
    out = co.status_matrix(sel, "bestehend")
    assert co.present_order(out, "actor_type") == ["t1", "t2", "t3"]
    assert co.present_order(out, "partner_type") == ["t3"]


def test_cooperation_links_counts_and_order(sel):
    links = co.cooperation_links(sel)
    assert len(links) == 6
    shown = links[~links["suppressed"]]
    assert as_dict(shown, "actor_type", "partner_type", "status") == {
        ("t1", "t3", "bestehend"): 4,
        ("t1", "t4", "gewuenscht"): 3,
        ("t2", "t4", "geplant"): 3,
        ("t3", "t3", "bestehend"): 3,
    }
    first = links.iloc[0]
    assert (str(first["actor_type"]), str(first["partner_type"]), first["n_statements"]) == ("t1", "t3", 5)
    assert links["suppressed"].tolist() == [False] * 4 + [True] * 2
    assert links.loc[links["suppressed"], "n_actors"].isna().all()


def test_cooperation_links_for_chosen_statuses(sel):
    links = co.cooperation_links(sel, statuses=["geplant"])
    assert as_dict(links, "actor_type", "partner_type", "status") == {("t2", "t4", "geplant"): 3}
    assert co.cooperation_links(sel, statuses=[]).empty
    with pytest.raises(ValueError):
        co.cooperation_links(sel, statuses=["bald"])


@pytest.mark.parametrize("min_actors, n_edges", [(None, 4), (1, 4), (3, 4), (4, 1), (5, 0)])
def test_network_edges_threshold(sel, min_actors, n_edges):
    links = co.cooperation_links(sel)
    edges = co.network_edges(links, sel.k, min_actors)
    assert len(edges) == n_edges
    assert not edges["suppressed"].any()
    assert (edges["n_actors"] >= max(sel.k, min_actors or 0)).all()


def test_strongest_link(sel):
    assert co.strongest_link(co.cooperation_links(sel)) == 4
    assert co.strongest_link(co.cooperation_links(sel, statuses=[])) == 0


def test_network_nodes(known):
    nodes = co.network_nodes(known)
    assert nodes["actor_type"].tolist() == ["t1", "t2", "t3", "t4"]
    assert nodes["group"].tolist() == ["verwaltung", "verwaltung", "zivilgesellschaft", "kirche"]


@pytest.mark.parametrize(
    "by, expected, suppressed",
    [
        ("partner_type", {("c_unterstuetzung", "t3"): 4, ("c_unterstuetzung2", "t4"): 3}, set()),
        (
            "group",
            {("c_unterstuetzung", "verwaltung"): 3, ("c_unterstuetzung2", "zivilgesellschaft"): 3},
            {("c_unterstuetzung", "kirche")},
        ),
    ],
)
def test_support_matrix(sel, by, expected, suppressed):
    out = co.support_matrix(sel, by)
    shown = out[~out["suppressed"]]
    assert as_dict(shown, "code", by, value="value") == expected
    hidden = out[out["suppressed"]]
    assert {(str(a), str(b)) for a, b in zip(hidden["code"], hidden[by], strict=True)} == suppressed


def test_support_matrix_orders(sel):
    out = co.support_matrix(sel, "group")
    assert co.present_order(out, "code") == ["c_unterstuetzung", "c_unterstuetzung2"]
    # groups follow the contract's order, not the alphabet
    assert co.present_order(out, "group") == ["verwaltung", "zivilgesellschaft", "kirche"]
    # rows in reading order of the heatmap: group by group (contract order), then code
    assert list(zip(out["group"], out["code"].astype(str), strict=True)) == [
        ("verwaltung", "c_unterstuetzung"),
        ("zivilgesellschaft", "c_unterstuetzung2"),
        ("kirche", "c_unterstuetzung"),
    ]
    with pytest.raises(ValueError):
        co.support_matrix(sel, "code")


def test_too_small_selection_yields_nothing(known):
    small = select(known, Filters(municipality_id=("m0",), actor_type=("t3",)))
    assert small.too_small
    assert co.suitability(small).empty
    assert co.status_matrix(small, "bestehend").empty
    assert co.cooperation_links(small).empty
    assert co.support_matrix(small).empty


@pytest.mark.parametrize("k, n_shown", [(2, 5), (3, 4), (4, 1)])
def test_threshold_follows_the_package(tmp_path, k, n_shown):
    package = load_package(write_package(known_tables(), tmp_path / "p", metadata={"anonymity": {"min_group_size": k}}))
    links = co.cooperation_links(select(package, Filters()))
    assert (~links["suppressed"]).sum() == n_shown
    assert len(co.network_edges(links, package.min_group_size)) == n_shown


def test_every_row_has_n_actors_and_suppressed(sel):
    for frame in (
        co.suitability(sel),
        co.status_matrix(sel, "bestehend"),
        co.cooperation_links(sel),
        co.support_matrix(sel),
    ):
        assert {"n_actors", "suppressed"} <= set(frame.columns)
        small = frame["n_actors"].notna() & (frame["n_actors"] < sel.k)
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
