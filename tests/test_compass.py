"""The Kooperationskompass's matching and ranking on hand-made packages whose answers are known."""

from __future__ import annotations

import pytest

from factory import make_tables, statement_rows, with_codes, write_package
from study import compass as c
from study import disclosure as dc
from study.package import load_package
from study.schema import CHALLENGE, PROCESS
from study.selection import Filters, select

ALL_TYPES = ("t1", "t2", "t3", "t4")
CH1, CH2 = "c_herausforderung", "c_herausforderung2"


@pytest.fixture(scope="module")
def known(tmp_path_factory):
    """m0 BW grossstadt (Fairtrade, council), m1 BY mittelstadt, m2 BE kleinstadt (Fairtrade),
    m3 NI landgemeinde; six actors each of types t1 t2 t3 t4 t1 t2 (a0 … a5; groups verwaltung ×4,
    zivilgesellschaft ×1 = t3, kirche ×1 = t4). Every actor speaks (a filler ``c_gewinnung`` statement),
    so with k = 3 the region units are the four municipalities (six actors each: counts of 3 or 4 in one
    municipality are published exactly, 1 or 2 become 0 or 3) and the actor units the four types.
    Evidence that is meant to be exact sits in cells of 3 actors of one municipality; the cells meant
    to be small hold one or two actors."""
    t = make_tables(seed=0, n_municipalities=4, actors_per=6)
    t = with_codes(t, (CH2, CHALLENGE, 7), ("c_prozess2", PROCESS, 6))
    rows = [
        # suitability: t3 rated 5, 5, 4 in m0 and 5, 4, 4 in m1 → 4.5 from six raters; t1 2, 3, 4 in m2 → 3.0;
        # t4 1, 2, 3 in m3 → 2.0; t2 by one actor each in m0 and m1 → withheld
        ("m0_a0", "c_eignung", "t3", "", "5", "Typ drei kennt den Markt."),
        ("m0_a1", "c_eignung", "t3", "", "5", ""),
        ("m0_a4", "c_eignung", "t3", "", "4", ""),
        ("m1_a0", "c_eignung", "t3", "", "5", ""),
        ("m1_a1", "c_eignung", "t3", "", "4", ""),
        ("m1_a4", "c_eignung", "t3", "", "4", ""),
        ("m0_a2", "c_eignung", "t3", "", "", "Von einer Einzelperson."),
        ("m2_a0", "c_eignung", "t1", "", "2", ""),
        ("m2_a1", "c_eignung", "t1", "", "3", ""),
        ("m2_a4", "c_eignung", "t1", "", "4", ""),
        ("m3_a0", "c_eignung", "t4", "", "1", ""),
        ("m3_a1", "c_eignung", "t4", "", "2", ""),
        ("m3_a4", "c_eignung", "t4", "", "3", ""),
        ("m0_a5", "c_eignung", "t2", "", "4", ""),
        ("m1_a5", "c_eignung", "t2", "", "5", ""),
        # cooperation: with t3 existing (three actors each in m0, m1); with t4 wished (m2) and planned (m3),
        # three actors each; with t2 existing from three actors in m2 and a single one in m1
        ("m0_a0", "c_kooperation", "t3", "bestehend", "", ""),
        ("m0_a1", "c_kooperation", "t3", "bestehend", "", ""),
        ("m0_a4", "c_kooperation", "t3", "bestehend", "", ""),
        ("m1_a0", "c_kooperation", "t3", "bestehend", "", ""),
        ("m1_a1", "c_kooperation", "t3", "bestehend", "", ""),
        ("m1_a4", "c_kooperation", "t3", "bestehend", "", ""),
        ("m2_a0", "c_kooperation", "t4", "gewuenscht", "", ""),
        ("m2_a1", "c_kooperation", "t4", "gewuenscht", "", ""),
        ("m2_a4", "c_kooperation", "t4", "gewuenscht", "", ""),
        ("m3_a0", "c_kooperation", "t4", "geplant", "", ""),
        ("m3_a1", "c_kooperation", "t4", "geplant", "", ""),
        ("m3_a4", "c_kooperation", "t4", "geplant", "", ""),
        ("m2_a0", "c_kooperation", "t2", "bestehend", "", ""),
        ("m2_a1", "c_kooperation", "t2", "bestehend", "", ""),
        ("m2_a5", "c_kooperation", "t2", "bestehend", "", ""),
        ("m1_a5", "c_kooperation", "t2", "bestehend", "", ""),
        # support: t4 offers c_unterstuetzung according to three actors in m0
        ("m0_a0", "c_unterstuetzung", "t4", "", "", ""),
        ("m0_a1", "c_unterstuetzung", "t4", "", "", ""),
        ("m0_a4", "c_unterstuetzung", "t4", "", "", ""),
        # challenge CH1: named by three t4 actors (speakers, one per town: a unit of its own); by three
        # m0 actors about t2 (partner; as speakers two of type t1, one of type t2). CH2: three t4 actors.
        ("m0_a3", CH1, "", "", "4", ""),
        ("m1_a3", CH1, "", "", "3", ""),
        ("m2_a3", CH1, "", "", "4", ""),
        ("m0_a0", CH1, "t2", "", "4", ""),
        ("m0_a1", CH1, "t2", "", "4", ""),
        ("m0_a4", CH1, "t2", "", "4", ""),
        ("m0_a3", CH2, "", "", "3", ""),
        ("m1_a3", CH2, "", "", "3", ""),
        ("m3_a3", CH2, "", "", "3", ""),
        # process instruments: c_prozess2 in m0 (3 of 3 actors reporting cooperation report an existing one),
        # c_prozess in m2 (3 of 4); each named by three actors
        ("m0_a0", "c_prozess2", "", "", "", ""),
        ("m0_a1", "c_prozess2", "", "", "", ""),
        ("m0_a4", "c_prozess2", "", "", "", ""),
        ("m2_a0", "c_prozess", "", "", "", ""),
        ("m2_a1", "c_prozess", "", "", "", ""),
        ("m2_a4", "c_prozess", "", "", "", ""),
    ]
    rows += [(a, "c_gewinnung", "", "", "", "") for a in t["actors"]["actor_id"]]
    t["statements"] = statement_rows(rows)
    return load_package(write_package(t, tmp_path_factory.mktemp("compass") / "p"))


@pytest.fixture(scope="module")
def sel(known):
    return select(known, Filters())


def rec(recs, actor_type):
    return next(r for r in recs if r.actor_type == actor_type)


def test_type_rated_highest_ranks_first_when_local(sel):
    partners, build_up = c.recommend(sel, c.Profile(actor_types=ALL_TYPES))
    # t3: 4.5 of 5 from six raters and existing cooperation in two of four towns: 35 + 12.5 points of 80,
    # scaled to 100 because no challenges were entered (the challenge part drops out)
    assert [r.actor_type for r in partners][0] == "t3"
    assert partners[0].score == pytest.approx(47.5 * 100 / 80)
    assert partners[0].part(c.CHALLENGE).weight == 0
    assert build_up == ()
    assert [r.rank for r in partners] == [1, 2, 3, 4]
    scores = [r.score for r in partners]
    assert scores == sorted(scores, reverse=True)


def test_absent_type_is_recommended_to_build_up_not_as_partner(sel):
    partners, build_up = c.recommend(sel, c.Profile(actor_types=("t1", "t4")))
    # t4: 10 + 6.25 + 0 + 15 points; t1: 20 points (rating 3.0 only)
    assert [r.actor_type for r in partners] == ["t4", "t1"]
    assert "t3" not in {r.actor_type for r in partners}
    assert build_up[0].actor_type == "t3" and not build_up[0].local and build_up[0].rank == 1
    assert {r.actor_type for r in build_up} == {"t2", "t3"}
    assert all(r.local for r in partners)


def test_without_challenges_every_type_can_reach_the_maximum():
    weights = c.profile_weights(c.Profile())
    assert weights[c.CHALLENGE] == 0 and sum(weights.values()) == pytest.approx(100)
    # the others keep their proportions
    assert weights[c.SUITABILITY] / weights[c.SUPPORT] == pytest.approx(c.WEIGHTS[c.SUITABILITY] / c.WEIGHTS[c.SUPPORT])
    assert c.profile_weights(c.Profile(challenges=(CH1,))) == c.WEIGHTS


def test_score_parts_and_weights(sel):
    partners, _ = c.recommend(sel, c.Profile(actor_types=ALL_TYPES, challenges=(CH1, CH2)))
    assert sum(c.WEIGHTS.values()) == 100
    t3 = rec(partners, "t3")
    # rating 4.5 → 0.875 × 40; existing in 2 of 4 municipalities → 0.5 × 25; no challenge, no support
    assert [p.key for p in t3.parts] == list(c.WEIGHTS)
    assert [p.points for p in t3.parts] == pytest.approx([35.0, 12.5, 0.0, 0.0])
    assert t3.score == pytest.approx(47.5)
    assert (t3.mean_rating, t3.n_rated, t3.n_mun_existing, t3.n_mun_wished) == (4.5, 6, 2, 0)
    t4 = rec(partners, "t4")
    # rating 2 → 0.25 × 40; wished only in 2 of 4 → 2 × 0.5 / 4 × 25; both challenges; 1 of 1 support form
    assert [p.points for p in t4.parts] == pytest.approx([10.0, 6.25, 20.0, 15.0])
    assert t4.n_mun_existing == 0 and t4.n_mun_wished == 2
    assert t4.support == (("c_unterstuetzung", 3),)
    assert t4.challenges == ((CH1, 3), (CH2, 3))
    # t2: CH1 of (CH1, CH2), named about it by three actors of m0
    t2 = rec(partners, "t2")
    assert t2.part(c.CHALLENGE).points == pytest.approx(10.0)
    assert t2.challenges == ((CH1, 3),)


def test_small_counts_are_protected_not_withheld(sel):
    partners, _ = c.recommend(sel, c.Profile(actor_types=ALL_TYPES, challenges=(CH1,)))
    t2 = rec(partners, "t2")
    # one rater per municipality, two in all: no mean, and the pool of two does not pass either
    assert t2.mean_rating is None and t2.n_rated is None
    assert t2.part(c.SUITABILITY).value == 0
    # existing cooperation with t2: three actors in m2 (exact) and one in m1 (rounded to 0 or k)
    st = sel.statements
    coop = st[(st["category"] == "kooperation") & (st["status"] == "bestehend") & (st["partner_type"] == "t2")]
    cells = dc.count_actors(sel, coop, ["partner_type"], by="municipality_id").set_index("municipality_id")
    assert cells.loc["m2", "n_actors"] == 3
    assert set(cells["n_actors"]) <= {0.0, 3.0}
    assert t2.n_mun_existing == int((cells["n_actors"] > 0).sum()) in (1, 2)
    assert t2.part(c.COOPERATION).value == pytest.approx(t2.n_mun_existing / 4)
    # t1 speaks about CH1 twice (m0_a0, m0_a4): a cell of two actors of one unit, shown as 0 or k
    t1 = rec(partners, "t1")
    speakers = dc.count_actors(sel, st[st["code"] == CH1], ["code"], by="actor_type").set_index("actor_type")
    n_t1 = speakers.loc["t1", "n_actors"]
    assert n_t1 in (0.0, 3.0)
    assert t1.challenges == (((CH1, 3),) if n_t1 else ())
    assert t1.support == ()
    assert t1.mean_rating == 3 and t1.n_rated == 3
    # deterministic: the same package gives the same protected values every time
    again, _ = c.recommend(select(sel.package, Filters()), c.Profile(actor_types=ALL_TYPES, challenges=(CH1,)))
    assert again == partners


def test_unrated_type_is_not_withheld(known):
    # In m3 alone nobody rates t3: no evidence (0), not a withheld value (None).
    partners, _ = c.recommend(select(known, Filters(municipality_id=("m3",))), c.Profile(actor_types=ALL_TYPES))
    t3 = rec(partners, "t3")
    assert t3.n_rated == 0 and t3.mean_rating is None


def test_challenge_links_by_speaker_and_by_partner(sel):
    links = c.challenge_links(sel, (CH1,))
    assert not links["suppressed"].any()
    assert (links["n_actors"] >= sel.k).all()  # links counting 0 are left out, none shows 1 … k-1
    got = {(r.actor_type, r.code): r.n_actors for r in links.itertuples()}
    # t4 by speakers (three), t2 by partner (three in m0): exact
    assert got[("t4", CH1)] == 3 and got[("t2", CH1)] == 3
    assert ("t3", CH1) not in got
    st = sel.statements
    speakers = dc.count_actors(sel, st[st["code"] == CH1], ["code"], by="actor_type").set_index("actor_type")
    assert (("t1", CH1) in got) == bool(speakers.loc["t1", "n_actors"] > 0)
    assert c.challenge_links(sel, ()).empty


def test_challenge_links_under_a_regional_filter_are_by_partner_only(known):
    m0 = select(known, Filters(municipality_id=("m0",)))
    assert not m0.allows("actor_type")
    got = {(r.actor_type, r.code): r.n_actors for r in c.challenge_links(m0, (CH1,)).itertuples()}
    assert got == {("t2", CH1): 3}


def test_cooperation_reach_counts_municipalities(sel):
    reach = c.cooperation_reach(sel).set_index("partner_type")
    assert reach.loc["t3", "n_mun_existing"] == 2 and reach.loc["t3", "reach_existing"] == 2
    assert reach.loc["t3", "n_actors_existing"] == 6
    assert reach.loc["t4", "n_mun_wished"] == 2 and reach.loc["t4", "reach_wished_only"] == 2
    assert reach.loc["t4", "n_mun_existing"] == 0
    assert not reach["existing_suppressed"].any() and not reach["wished_suppressed"].any()
    # t2: m2 exact, m1 one actor (0 or k)
    assert reach.loc["t2", "n_mun_existing"] in (1, 2)
    assert reach.loc["t2", "n_actors_existing"] == 3 * reach.loc["t2", "n_mun_existing"]


def test_cooperation_reach_under_an_actor_filter_is_flagged(known):
    by_type = select(known, Filters(actor_type=("t1",)))
    assert by_type.family == "actors" and not by_type.allows("municipality_id")
    reach = c.cooperation_reach(by_type)
    assert reach["existing_suppressed"].all() and reach["wished_suppressed"].all()
    assert (reach["n_mun_existing"] == 0).all()


def test_quotes_are_about_the_type_and_follow_the_quote_rule(sel, known):
    partners, _ = c.recommend(sel, c.Profile(actor_types=ALL_TYPES))
    t3 = rec(partners, "t3")
    # both quotes about t3 (category eignung), attributed to the speaker's actor unit's group only
    assert {(q.text, q.group) for q in t3.quotes} == {
        ("Typ drei kennt den Markt.", "verwaltung"),
        ("Von einer Einzelperson.", "zivilgesellschaft"),
    }
    assert [q.quote_id for q in t3.quotes] == sorted(q.quote_id for q in t3.quotes)
    assert all(q.code == "c_eignung" for q in t3.quotes)
    assert set(c.Quote.__dataclass_fields__) == {"quote_id", "text", "code", "group"}
    ids = {q.quote_id for q in t3.quotes}
    assert not ids & set(known.statements["statement_id"].astype(str))
    assert all(r.quotes == () for r in partners if r.actor_type != "t3")
    # no quotes under a regional filter
    regional, _ = c.recommend(select(known, Filters(municipality_id=("m0",))), c.Profile(actor_types=ALL_TYPES))
    assert all(r.quotes == () for r in regional)


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
    # boxes left open are "keine Angabe", not "nein": they match nobody
    assert c.similarity_criteria(c.Profile(size_class="landkreis"), "DE-BE", "landgemeinde", False, False) == ()
    answered = c.Profile(size_class="landkreis", council_resolution=False, fairtrade_town=False)
    assert c.similarity_criteria(answered, "DE-BE", "landgemeinde", False, False) == (
        "council_resolution",
        "fairtrade_town",
    )
    assert c.max_similarity(c.Profile()) == 0 and c.max_similarity(answered) == 3 + 1 + 1


def test_similar_municipalities_need_more_than_one_instrument(sel):
    # A profile sharing only instruments with everybody finds nobody.
    profile = c.Profile(state=None, size_class=None, council_resolution=True, fairtrade_town=False)
    assert c.similar_municipalities(sel, profile).empty
    only_instrument = c.Profile(state="DE-SL", size_class="landkreis", council_resolution=True, fairtrade_town=True)
    similar = c.similar_municipalities(sel, only_instrument)
    assert similar["municipality_id"].tolist() == ["m0"]  # both instruments (2 points); others share one


def test_first_steps_rank_by_share_existing(sel):
    steps = c.first_steps(sel)
    assert steps["code"].astype(str).tolist() == ["c_prozess2", "c_prozess"]
    # m0: 3 of 3 actors reporting cooperation report an existing one; m2: 3 of 4 (shares in whole percent)
    assert steps["share_existing"].tolist() == pytest.approx([1.0, 0.75])
    assert steps["rank"].tolist() == [1, 2]


def test_compass_cleans_the_profile_and_respects_small_selections(known, sel):
    result = c.compass(sel, c.Profile(state="XX", actor_types=("t1", "nope"), challenges=(CH1, "c_eignung")))
    assert result.profile.state is None
    assert result.profile.actor_types == ("t1",)
    assert result.profile.challenges == (CH1,)
    assert [r.actor_type for r in result.partners] == ["t1"]
    # A municipality and a type are never combined: the type filter is dropped, the town stays.
    town = select(known, Filters(municipality_id=("m0",), actor_type=("t3",)))
    assert town.family == "region" and not town.too_small
    assert ("dropped", ("actor_type",)) in town.notices
    # A filter that matches no actor leaves a selection too small for any result.
    small = select(known, Filters(municipality_id=("nowhere",)))
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
    assert all(k.startswith("k_") for k in query) and query["k_ftt"] == ["0"]  # a given "no" is kept
    assert c.profile_from_query(query, known) == profile
    assert "k_ftt" not in c.profile_to_query(c.Profile(council_resolution=True))  # not given: not in the link
    # comma-separated values and single strings, as people edit links by hand
    assert c.profile_from_query({"k_typ": "t2,t4", "k_rat": "ja"}, known) == c.Profile(
        actor_types=("t2", "t4"), council_resolution=True
    )
    assert c.profile_from_query({}, known) == c.Profile()


def test_score_chart_text_is_legible_and_the_scale_ends_at_the_maximum(known, sel):
    """Issue 14: the points written on the stacked bars reach 4.5:1 against their bar (WCAG AA)."""
    from components import compass_text
    from components.charts import contrast_ratio
    from study.labels import Labels

    labels = Labels(known, "de")
    for profile in (c.Profile(actor_types=ALL_TYPES), c.Profile(actor_types=ALL_TYPES, challenges=(CH1, CH2))):
        partners, _ = c.recommend(sel, profile)
        fig = compass_text.build_score_chart(partners, labels, k=sel.k, lang="de", title="Punkte")
        names = [trace.name for trace in fig.data]
        assert ("Ihre Herausforderungen" in names) == bool(profile.challenges)  # no empty part without them
        for trace in fig.data:
            assert contrast_ratio(trace.insidetextfont.color, trace.marker.color) >= 4.5
        assert list(fig.layout.xaxis.range) == [0, 100] and fig.layout.xaxis.tickvals[-1] == 100
        table = compass_text.score_table(partners, labels, "de")
        assert any("max. 50" in h for h in table.columns) != bool(profile.challenges)  # 40 scaled to 50
        text = compass_text.parts_text(partners[0], "de")
        assert text.endswith("/100 Punkte") and ("Herausforderungen" in text) == bool(profile.challenges)


def test_profile_lines_say_not_given_for_open_questions():
    from components import compass_text
    from study.labels import Labels

    class NoLabels(Labels):
        def __init__(self):
            pass

    lines = dict(compass_text.profile_lines(c.Profile(fairtrade_town=False), NoLabels(), "de"))
    assert lines["Ratsbeschluss zur fairen Beschaffung"] == "keine Angabe"
    assert lines["Fairtrade-Town"] == "nein"
