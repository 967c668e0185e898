"""The Kooperationskompass page through AppTest: profile in (URL or widgets) → ranking out, URL mirrored."""

from __future__ import annotations

from functools import partial

import pandas as pd
import pytest
from apptest_support import open_page

from components import compass_text, handout
from components.i18n import coverage_text, t
from components.text import md
from factory import make_tables, write_package
from study import compass as c
from study.labels import Labels
from study.package import load_package
from study.selection import Filters, filter_options, select

PAGE = "pages/kompass.py"


open_kompass = partial(open_page, PAGE)


def markdown(at) -> list[str]:
    """Every paragraph of the page's Markdown (a card holds several, separated by blank lines)."""
    return [part for m in at.markdown for part in m.value.split("\n\n")]


def headings(at) -> list[str]:
    return [m.removeprefix("#### ") for m in markdown(at) if m.startswith("#### ")]


@pytest.fixture(scope="module")
def demo():
    return load_package()


def demo_profile(demo) -> tuple[dict, c.Profile]:
    opts = c.profile_options(demo)
    types, challenges = opts["actor_types"], opts["challenges"]
    query = {
        "k_land": opts["state"][1],
        "k_groesse": opts["size_class"][1],
        "k_typ": [types[3], types[11], types[13]],
        "k_herausf": [challenges[1], challenges[3]],
        "k_rat": "1",
    }
    profile = c.Profile(
        state=opts["state"][1],
        size_class=opts["size_class"][1],
        actor_types=(types[3], types[11], types[13]),
        challenges=(challenges[1], challenges[3]),
        council_resolution=True,
    )
    return query, profile


def test_profile_from_url_gives_the_computed_ranking(demo):
    query, profile = demo_profile(demo)
    at = open_kompass(query)
    expected = c.compass(select(demo, Filters()), profile)
    labels = Labels(demo, "de")
    # widgets show the profile read from the URL
    assert at.selectbox(key="k_land").value == profile.state
    assert at.multiselect(key="k_typ").value == list(profile.actor_types)
    # a yes from the link; the other question left open reads "keine Angabe", not "nein"
    assert at.radio(key="k_rat").value == "1" and at.radio(key="k_ftt").value == ""
    # both lists, in the computed order, local partners first
    want = [f"{r.rank}. {md(labels.actor_type(r.actor_type))}" for r in expected.partners + expected.build_up]
    assert headings(at) == want
    assert len(expected.partners) == 3
    # each rank's card: heading, its parts in small print, its sentence, then its voices
    sentences = markdown(at)
    cards = {m.value.split("\n\n")[0]: m.value.split("\n\n") for m in at.markdown if m.value.startswith("#### ")}
    for rec in expected.partners:
        card = cards[f"#### {rec.rank}. {md(labels.actor_type(rec.actor_type))}"]
        assert card[1:3] == [
            f":small[{md(compass_text.parts_text(rec, 'de'))}]",
            md(compass_text.rank_sentence(rec, expected, labels, "de")),
        ]
        assert [q for q in card if q.startswith("> ")] == [f"> „{md(q.text)}“" for q in rec.quotes]
    # similar municipalities with their criteria
    for row in expected.similar.itertuples():
        assert any(m.startswith(f"**{md(row.name)}**") for m in sentences)
        assert f"Warum ähnlich: {md(compass_text.criteria_text(row.criteria, expected.profile, 'de'))}" in sentences
    # handout downloads
    buttons = {b.key for b in at.get("download_button")}
    assert "kompass_html" in buttons
    assert ("kompass_pdf" in buttons) == handout.pdf_available()


def test_widgets_write_the_url(demo):
    opts = c.profile_options(demo)
    at = open_kompass()
    assert not any(k.startswith("k_") for k in at.query_params)
    at.selectbox(key="k_land").set_value(opts["state"][2]).run()
    at.multiselect(key="k_typ").set_value([opts["actor_types"][0], opts["actor_types"][4]]).run()
    at.radio(key="k_ftt").set_value("1").run()
    assert not at.exception
    assert at.query_params["k_land"] == [opts["state"][2]] or at.query_params["k_land"] == opts["state"][2]
    assert list(at.query_params["k_typ"]) == [opts["actor_types"][0], opts["actor_types"][4]]
    assert at.query_params["k_ftt"] in ("1", ["1"])
    labels = Labels(demo, "de")
    local = [h for h in headings(at)][:2]
    assert {h.split(". ", 1)[1] for h in local} == {
        md(labels.actor_type(opts["actor_types"][0])),
        md(labels.actor_type(opts["actor_types"][4])),
    }
    # "nein" is an answer of its own, kept in the link; "keine Angabe" removes the key again
    at.radio(key="k_ftt").set_value("0").run()
    assert at.query_params["k_ftt"] in ("0", ["0"])
    at.radio(key="k_ftt").set_value("").run()
    assert "k_ftt" not in at.query_params


def test_absent_types_are_to_build_up(demo):
    opts = c.profile_options(demo)
    first = opts["actor_types"][0]
    at = open_kompass({"k_typ": first})
    subheaders = [s.value for s in at.subheader]
    assert "Partner vor Ort, die Sie zuerst ansprechen können" in subheaders
    assert "Partner, die Sie aufbauen können" in subheaders
    labels = Labels(demo, "de")
    heads = headings(at)
    assert heads[0] == f"1. {md(labels.actor_type(first))}"
    # every other type appears once, in the build-up list (numbered from 1 again)
    assert len(heads) == len(opts["actor_types"])
    assert heads[1].startswith("1. ")
    # the first five of the build-up list as cards, the others in one expander below them
    n_build_up = len(opts["actor_types"]) - 1
    assert n_build_up > 5
    cards = [m for m in at.markdown if m.value.startswith("#### ")]
    assert [m.value.split("\n\n")[0] for m in cards[1:6]] == [f"#### {heads[i]}" for i in range(1, 6)]
    (more,) = [e for e in at.expander if e.label == f"Plätze 6 bis {n_build_up}"]
    (text,) = [m.value for m in more.markdown]
    assert [p for p in text.split("\n\n") if p.startswith("#### ")] == [f"#### {h}" for h in heads[6:]]


def test_no_local_types_prompts_and_ranks_all_to_build_up(demo):
    at = open_kompass()
    assert any("Wählen Sie oben" in i.value for i in at.info)
    assert len(headings(at)) == len(c.profile_options(demo)["actor_types"])


def test_unknown_url_values_are_dropped():
    at = open_kompass({"k_land": "XX", "k_typ": ["nope"], "k_herausf": "<script>"})
    assert at.selectbox(key="k_land").value == ""
    assert at.multiselect(key="k_typ").value == []
    assert "k_land" not in at.query_params and "k_typ" not in at.query_params


def test_similar_municipality_cooperation_is_anonymised(demo):
    mun = demo.municipalities.iloc[0]
    query = {
        "k_land": str(mun["state"]),
        "k_groesse": str(mun["size_class"]),
        "k_rat": "1" if mun["council_resolution"] else "0",
        "k_ftt": "1" if mun["fairtrade_town"] else "0",
    }
    at = open_kompass(query)
    assert any(m.startswith(f"**{md(mun['name'])}**") for m in markdown(at))
    # each similar municipality's table is sent only while its expander is open
    boxes = [e for e in at.expander if e.label == "Kooperationen in dieser Kommune (Akteure je Status)"]
    assert boxes and not at.dataframe
    for box in boxes:
        at.session_state[box.key] = True
    at.run()
    tables = [d.value for d in at.dataframe if "Partnertyp" in d.value.columns]
    assert len(tables) == len(boxes)
    values = pd.concat(tables)[["bestehend", "geplant", "gewünscht"]].to_numpy().ravel().tolist()
    k = demo.min_group_size
    # every shown count is 0 or at least k; everything else reads "< k"
    for v in values:
        assert v == f"< {k}" or v == "0" or int(v.replace(".", "")) >= k


def test_shared_filters_apply_and_small_selection_stops(demo):
    a = demo.actors
    counts = a.groupby(["municipality_id", "actor_type"], observed=True).size()
    mun, typ = counts[(counts > 0) & (counts < demo.min_group_size)].index[0]
    # A municipality × type request is never refused: the type filter is dropped (regional and actor
    # filters are not combined) and the compass works on the whole municipality.
    at = open_kompass({"kommune": str(mun), "typ": str(typ), "k_typ": str(typ)})
    dropped = t("notice_dropped", "de", dims=t("filter_actor_type", "de"))
    assert any(n.value == dropped for n in [*at.warning, *at.info])
    assert not any("weniger als" in w.value for w in at.warning)
    assert headings(at)
    sel = select(demo, Filters(municipality_id=(str(mun),), actor_type=(str(typ),)))
    assert sel.filters == Filters(municipality_id=(str(mun),)) and not sel.too_small
    expected = coverage_text(sel.n_municipalities, sel.n_actors, sel.n_statements)
    assert any(expected == cap.value for cap in at.caption), "coverage of the whole municipality"
    state = filter_options(demo)["state"][0]
    at = open_kompass({"land": state})
    sel = select(demo, Filters(state=(state,)))
    expected = coverage_text(sel.n_municipalities, sel.n_actors, sel.n_statements)
    assert any(expected == cap.value for cap in at.caption), "coverage of the filtered selection"
    assert any("Die Filter links gelten auch hier" in i.value for i in at.info)


def test_too_small_package_stops(tmp_path, monkeypatch):
    # Fewer than k counted actors in the whole package: the page stops after the notice.
    folder = write_package(make_tables(n_municipalities=1, actors_per=2), tmp_path / "tiny")
    monkeypatch.setenv("STUDY_DATA", str(folder))
    assert select(load_package(folder), Filters()).too_small
    at = open_kompass({"k_typ": "t1"})
    assert any("weniger als 3 Akteure" in w.value for w in at.warning)
    assert headings(at) == []


def test_english(demo):
    query, _ = demo_profile(demo)
    at = open_kompass({**query, "sprache": "en"})
    assert at.title[0].value == "Cooperation compass"
    assert "Local partners to approach first" in [s.value for s in at.subheader]
    assert any(md("ranks 1 (") in m for m in markdown(at))


def test_neutral_package(tmp_path, monkeypatch):
    """On a package with neutral codes the page works and the type rated best locally comes first."""
    t = make_tables(seed=3, n_municipalities=4, actors_per=8, statements_per=10)
    folder = write_package(t, tmp_path / "neutral")
    monkeypatch.setenv("STUDY_DATA", str(folder))
    package = load_package(folder)
    profile = c.Profile(actor_types=("t1", "t3"), challenges=("c_herausforderung",))
    at = open_kompass({"k_typ": ["t1", "t3"], "k_herausf": "c_herausforderung"})
    expected = c.compass(select(package, Filters()), profile)
    labels = Labels(package, "de")
    assert headings(at) == [
        f"{r.rank}. {md(labels.actor_type(r.actor_type))}" for r in expected.partners + expected.build_up
    ]
    assert {r.actor_type for r in expected.partners} == {"t1", "t3"}


def test_values_of_another_package_are_dropped(demo, tmp_path, monkeypatch):
    """After another package is loaded, remembered values it lacks must not break the widgets."""
    opts = c.profile_options(demo)
    at = open_kompass({"k_typ": opts["actor_types"][0], "k_herausf": opts["challenges"][0], "k_land": "DE-BY"})
    monkeypatch.setenv("STUDY_DATA", str(write_package(make_tables(seed=5), tmp_path / "other")))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="k_typ").value == []
    assert at.multiselect(key="k_herausf").value == []
    assert at.selectbox(key="k_land").value == "DE-BY"  # states come from the contract, not the package
    assert at.multiselect(key="k_typ").options == ["Typ eins", "Typ zwei", "Typ drei", "Typ vier"]
