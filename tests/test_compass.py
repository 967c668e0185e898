"""The Kooperationskompass's matching and ranking on hand-made packages whose answers are known."""

from __future__ import annotations

import pandas as pd
import pytest

from factory import make_tables, statement_rows, write_package
from study import compass as c
from study.package import load_package
from study.schema import contract
from study.selection import Filters, select

ALL_TYPES = ("t1", "t2", "t3", "t4")
CH1, CH2 = "c_herausforderung", "c_herausforderung2"


def with_codes(t: dict, *codes: tuple[str, str, int]) -> dict:
    extra = pd.DataFrame(
        [
            {
                "code": code,
                "category": cat,
                "research_question": str(rq),
                "label_de": f"Code {code}",
                "label_en": f"Code {code} (en)",
                "description_de": "",
            }
            for code, cat, rq in codes
        ]
    )
    t["codebook"] = pd.concat([t["codebook"], extra], ignore_index=True)
    return t


@pytest.fixture(scope="module")
def known(tmp_path_factory):
    """m0 BW grossstadt (Fairtrade, council), m1 BY mittelstadt, m2 BE kleinstadt (Fairtrade),
    m3 NI landgemeinde; six actors each of types t1 t2 t3 t4 t1 t2 (groups verwaltung ×4,
    zivilgesellschaft ×1 = t3, kirche ×1 = t4, so only t1/t2 speakers are quotable)."""
    t = make_tables(seed=0, n_municipalities=4, actors_per=6)
    t = with_codes(t, (CH2, "herausforderung", 7), ("c_prozess2", "prozess", 6))
    rows = [
        # suitability: t3 rated 5 by four actors in two municipalities, t1 3 (three actors),
        # t4 2 (three actors), t2 by only two actors → withheld
        ("m0_a0", "c_eignung", "t3", "", "5", "Typ drei kennt den Markt."),
        ("m0_a1", "c_eignung", "t3", "", "5", ""),
        ("m1_a0", "c_eignung", "t3", "", "5", ""),
        ("m1_a1", "c_eignung", "t3", "", "5", ""),
        ("m0_a2", "c_eignung", "t3", "", "", "Von einer Einzelperson."),
        ("m0_a0", "c_eignung", "t1", "", "3", ""),
        ("m1_a0", "c_eignung", "t1", "", "3", ""),
        ("m2_a0", "c_eignung", "t1", "", "3", ""),
        ("m0_a0", "c_eignung", "t4", "", "2", ""),
        ("m2_a0", "c_eignung", "t4", "", "2", ""),
        ("m3_a0", "c_eignung", "t4", "", "2", ""),
        ("m0_a4", "c_eignung", "t2", "", "4", ""),
        ("m1_a4", "c_eignung", "t2", "", "4", ""),
        # cooperation: with t3 existing (three actors in m0, m1); with t4 wished (three actors in m0, m2, m3);
        # with t2 existing from two actors only → withheld
        ("m0_a0", "c_kooperation", "t3", "bestehend", "", ""),
        ("m0_a1", "c_kooperation", "t3", "bestehend", "", ""),
        ("m1_a0", "c_kooperation", "t3", "bestehend", "", ""),
        ("m0_a0", "c_kooperation", "t4", "gewuenscht", "", ""),
        ("m2_a0", "c_kooperation", "t4", "gewuenscht", "", ""),
        ("m3_a0", "c_kooperation", "t4", "geplant", "", ""),
        ("m2_a1", "c_kooperation", "t2", "bestehend", "", ""),
        ("m3_a1", "c_kooperation", "t2", "bestehend", "", ""),
        # support: t4 offers c_unterstuetzung (three actors); t1 from two actors → withheld
        ("m0_a0", "c_unterstuetzung", "t4", "", "", ""),
        ("m1_a0", "c_unterstuetzung", "t4", "", "", ""),
        ("m2_a0", "c_unterstuetzung", "t4", "", "", ""),
        ("m0_a1", "c_unterstuetzung", "t1", "", "", ""),
        ("m1_a1", "c_unterstuetzung", "t1", "", "", ""),
        # challenge CH1: named by three t4 actors (speakers); by three t3 actors about t2 (partner);
        # by one t1 actor → withheld. CH2: named by three t4 actors.
        ("m0_a3", CH1, "", "", "4", ""),
        ("m1_a3", CH1, "", "", "4", ""),
        ("m2_a3", CH1, "", "", "4", ""),
        ("m0_a2", CH1, "t2", "", "4", ""),
        ("m1_a2", CH1, "t2", "", "4", ""),
        ("m3_a2", CH1, "t2", "", "4", ""),
        ("m0_a0", CH1, "", "", "4", ""),
        ("m0_a3", CH2, "", "", "3", ""),
        ("m1_a3", CH2, "", "", "3", ""),
        ("m3_a3", CH2, "", "", "3", ""),
        # process instruments: c_prozess2 in m0 (2 of 3 cooperation statements existing),
        # c_prozess in m2 (1 of 2 existing); each named by three actors
        ("m0_a0", "c_prozess2", "", "", "", ""),
        ("m0_a1", "c_prozess2", "", "", "", ""),
        ("m0_a4", "c_prozess2", "", "", "", ""),
        ("m2_a0", "c_prozess", "", "", "", ""),
        ("m2_a1", "c_prozess", "", "", "", ""),
        ("m2_a4", "c_prozess", "", "", "", ""),
    ]
    t["statements"] = statement_rows(rows)
    return load_package(write_package(t, tmp_path_factory.mktemp("compass") / "p"))


@pytest.fixture(scope="module")
def sel(known):
    return select(known, Filters())


def rec(recs, actor_type):
    return next(r for r in recs if r.actor_type == actor_type)


def test_type_rated_five_everywhere_ranks_first_when_local(sel):
    partners, build_up = c.recommend(sel, c.Profile(actor_types=ALL_TYPES))
    assert [r.actor_type for r in partners][0] == "t3"
    assert build_up == ()
    assert [r.rank for r in partners] == [1, 2, 3, 4]
    scores = [r.score for r in partners]
    assert scores == sorted(scores, reverse=True)


def test_absent_type_is_recommended_to_build_up_not_as_partner(sel):
    partners, build_up = c.recommend(sel, c.Profile(actor_types=("t1", "t4")))
    assert [r.actor_type for r in partners] == ["t4", "t1"]
    assert "t3" not in {r.actor_type for r in partners}
    assert build_up[0].actor_type == "t3" and not build_up[0].local and build_up[0].rank == 1
    assert {r.actor_type for r in build_up} == {"t2", "t3"}
    assert all(r.local for r in partners)


def test_score_parts_and_weights(sel):
    partners, _ = c.recommend(sel, c.Profile(actor_types=ALL_TYPES, challenges=(CH1, CH2)))
    assert sum(c.WEIGHTS.values()) == 100
    t3 = rec(partners, "t3")
    # rating 5 → 1 × 40; existing in 2 of 4 municipalities → 0.5 × 25; CH1 of (CH1, CH2) → 0.5 × 20; no support
    assert [p.key for p in t3.parts] == list(c.WEIGHTS)
    assert [p.points for p in t3.parts] == pytest.approx([40.0, 12.5, 10.0, 0.0])
    assert t3.score == pytest.approx(62.5)
    t4 = rec(partners, "t4")
    # rating 2 → 0.25 × 40; wished only in 3 of 4 → 3 × 0.5 / 4 × 25; both challenges; 1 of 1 support form
    assert [p.points for p in t4.parts] == pytest.approx([10.0, 9.375, 20.0, 15.0])
    assert t4.n_mun_existing == 0 and t4.n_mun_wished == 3
    assert t4.support == (("c_unterstuetzung", 3),)
    assert t4.challenges == ((CH1, 3), (CH2, 3))


def test_small_counts_are_withheld_and_count_nothing(sel):
    partners, _ = c.recommend(sel, c.Profile(actor_types=ALL_TYPES, challenges=(CH1,)))
    t2 = rec(partners, "t2")
    assert t2.mean_rating is None and t2.n_rated is None  # two raters
    assert t2.part(c.SUITABILITY).value == 0
    assert t2.n_mun_existing is None  # two actors report existing cooperation
    assert t2.part(c.COOPERATION).value == 0
    t1 = rec(partners, "t1")
    assert t1.support == ()  # offered according to two actors only
    assert t1.challenges == ()  # one t1 actor names CH1
    assert t1.mean_rating == 3 and t1.n_rated == 3


def test_unrated_type_is_not_withheld(known):
    # In m3 alone nobody rates t3: no evidence (0), not a withheld value (None).
    partners, _ = c.recommend(select(known, Filters(municipality_id=("m3",))), c.Profile(actor_types=ALL_TYPES))
    t3 = rec(partners, "t3")
    assert t3.n_rated == 0 and t3.mean_rating is None


def test_challenge_links_by_speaker_and_by_partner(sel):
    links = c.challenge_links(sel, (CH1,))
    shown = links[~links["suppressed"]]
    got = {(r.actor_type, r.code): r.n_actors for r in shown.itertuples()}
    assert got == {("t4", CH1): 3, ("t3", CH1): 3, ("t2", CH1): 3}
    t1 = links[links["actor_type"] == "t1"].iloc[0]
    assert t1["suppressed"] and pd.isna(t1["n_actors"])
    assert c.challenge_links(sel, ()).empty


def test_cooperation_reach_counts_municipalities(sel):
    reach = c.cooperation_reach(sel).set_index("partner_type")
    assert reach.loc["t3", "n_mun_existing"] == 2 and reach.loc["t3", "reach_existing"] == 2
    assert reach.loc["t4", "n_mun_wished"] == 3 and reach.loc["t4", "reach_wished_only"] == 3
    assert reach.loc["t2", "existing_suppressed"] and pd.isna(reach.loc["t2", "n_mun_existing"])
    assert reach.loc["t2", "reach_existing"] == 0


def test_quotes_are_about_the_type_and_follow_the_quote_rule(sel):
    partners, _ = c.recommend(sel, c.Profile(actor_types=ALL_TYPES))
    t3 = rec(partners, "t3")
    texts = [q.text for q in t3.quotes]
    assert texts == ["Typ drei kennt den Markt."]
    # the single zivilgesellschaft actor of m0 may not be quoted
    assert all("Einzelperson" not in q.text for r in partners for q in r.quotes)


@pytest.mark.parametrize("mun", ["m0", "m1", "m2", "m3"])
def test_profile_equal_to_a_municipality_finds_it_first(known, sel, mun):
    m = known.municipalities.set_index(known.municipalities["municipality_id"].astype(str)).loc[mun]
    profile = c.Profile(
        state=str(m["state"]),
        size_class=str(m["size_class"]),
        council_resolution=bool(m["council_resolution"]),
        fairtrade_town=bool(m["fairtrade_town"]),
    )
    similar = c.similar_municipalities(sel, profile)
    top = similar.iloc[0]
    assert top["municipality_id"] == mun
    assert set(top["criteria"]) == {"same_size", "same_state", "council_resolution", "fairtrade_town"}
    assert top["score"] == top["max_score"] == c.max_similarity(profile)
    assert (similar["score"].iloc[1:] < top["score"]).all()


def test_similarity_criteria_region_and_size():
    hessen = c.Profile(state="DE-HE", size_class="mittelstadt")
    crit = c.similarity_criteria(hessen, "DE-BW", "grossstadt", False, False)
    assert "neighbour_state" in crit and "near_size" in crit
    assert "same_part" in c.similarity_criteria(hessen, "DE-SL", "landkreis", False, False)
    berlin = c.similarity_criteria(hessen, "DE-BE", "landgemeinde", True, True)
    assert berlin == ()  # other part of Germany, two sizes apart, other instruments
    assert c.similarity_criteria(c.Profile(size_class="landkreis"), "DE-BE", "landgemeinde", False, False) == (
        "council_resolution",
        "fairtrade_town",
    )


def test_similar_municipalities_need_more_than_one_instrument(sel):
    # A profile sharing only instruments with everybody finds nobody.
    profile = c.Profile(state=None, size_class=None, council_resolution=True, fairtrade_town=False)
    assert c.similar_municipalities(sel, profile).empty
    only_instrument = c.Profile(state="DE-SL", size_class="landkreis", council_resolution=True, fairtrade_town=True)
    similar = c.similar_municipalities(sel, only_instrument)
    assert similar["municipality_id"].tolist() == ["m0"]  # both instruments (2 points); others share one


def test_states_neighbours_and_parts_are_consistent():
    states = set(contract().allowed("municipalities", "state"))
    assert set(c.NEIGHBOURS) == states
    for s, ns in c.NEIGHBOURS.items():
        for n in ns:
            assert s in c.NEIGHBOURS[n], (s, n)
    parts = [s for group in c.PARTS_OF_GERMANY.values() for s in group]
    assert sorted(parts) == sorted(states)


def test_first_steps_rank_by_share_existing(sel):
    steps = c.first_steps(sel)
    assert steps["code"].astype(str).tolist() == ["c_prozess2", "c_prozess"]
    assert steps["share_existing"].tolist() == pytest.approx([2 / 3, 1 / 2])
    assert steps["rank"].tolist() == [1, 2]


def test_compass_cleans_the_profile_and_respects_small_selections(known, sel):
    result = c.compass(sel, c.Profile(state="XX", actor_types=("t1", "nope"), challenges=(CH1, "c_eignung")))
    assert result.profile.state is None
    assert result.profile.actor_types == ("t1",)
    assert result.profile.challenges == (CH1,)
    assert [r.actor_type for r in result.partners] == ["t1"]
    small = select(known, Filters(municipality_id=("m0",), actor_type=("t3",)))
    assert small.too_small
    empty = c.compass(small, c.Profile(actor_types=ALL_TYPES))
    assert empty.too_small and empty.partners == () and empty.build_up == () and empty.similar.empty


def test_profile_options_come_from_the_package(known):
    opts = c.profile_options(known)
    assert opts["actor_types"] == ALL_TYPES
    assert opts["challenges"] == (CH1, CH2)
    assert len(opts["state"]) == 16


def test_municipality_filters_keep_the_other_filters():
    f = c.municipality_filters(Filters(group=("verwaltung",), municipality_id=("m1",)), "m0")
    assert f.municipality_id == ("m0",) and f.group == ("verwaltung",)


def test_profile_round_trips_through_the_query(known):
    profile = c.Profile(
        state="DE-BY",
        size_class="kleinstadt",
        actor_types=("t2", "t4"),
        challenges=(CH2,),
        council_resolution=True,
        fairtrade_town=False,
    )
    query = c.profile_to_query(profile)
    assert set(query) <= {k for k in c.QUERY_KEYS.values()}
    assert all(k.startswith("k_") for k in query) and "k_ftt" not in query
    assert c.profile_from_query(query, known) == profile
    # comma-separated values and single strings, as people edit links by hand
    assert c.profile_from_query({"k_typ": "t2,t4", "k_rat": "ja"}, known) == c.Profile(
        actor_types=("t2", "t4"), council_resolution=True
    )
    assert c.profile_from_query({}, known) == c.Profile()
