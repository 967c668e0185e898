"""The presentation mode: slide sequence, navigation (buttons and their keyboard shortcuts), the slide in the
URL, filters named on each slide, projector-sized charts, constant CSS, and the escaped contact slide."""

from __future__ import annotations

import json
import re
from functools import partial

import plotly.graph_objects as go
import pytest
from apptest_support import charts, open_page

from components import slides as sl
from components.app.pages import registered_url_path
from components.i18n import t
from components.text import md
from factory import make_tables, write_package
from study import findings
from study.evidence import question_findings
from study.labels import Labels
from study.package import load_package
from study.selection import Filters, filter_options, select

PAGE = "pages/praesentation.py"


open_slides = partial(open_page, PAGE)


def number_of(at) -> str:
    return next(m.value.strip("*") for m in at.markdown if " / " in m.value and m.value.startswith("**"))


def slide_title(at) -> str:
    if at.header:
        return at.header[0].value
    return at.title[0].value


@pytest.fixture(scope="module")
def demo():
    return load_package()


@pytest.fixture(scope="module")
def deck(demo):
    return sl.build_slides(demo, "de", t("app_subtitle", "de"), "Vielen Dank!")


def test_slide_sequence_follows_the_research_questions(demo, deck):
    assert deck[0].kind == "title" and deck[-1].kind == "closing"
    assert len(deck) == len(demo.findings) + 2
    rqs = [s.finding.research_question for s in deck[1:-1]]
    assert rqs == sorted(rqs)
    want = [f.finding_id for rq in range(1, 8) for f in question_findings(demo, rq, "de")]
    assert [s.finding.finding_id for s in deck[1:-1]] == want


def test_title_slide_and_navigation(demo, deck):
    n = len(deck)
    at = open_slides()
    assert number_of(at) == f"1 / {n}"
    assert at.title[0].value == t("app_subtitle", "de")
    assert any(md(demo.title) in m.value for m in at.markdown)
    assert at.button(key="folie_zurueck").disabled
    at.button(key="folie_weiter").click().run()
    assert number_of(at) == f"2 / {n}"
    assert slide_title(at) == md(deck[1].title)
    assert at.query_params["folie"] in ("2", ["2"])
    at.button(key="folie_weiter").click().run()
    assert number_of(at) == f"3 / {n}" and slide_title(at) == md(deck[2].title)
    at.button(key="folie_zurueck").click().run()
    assert number_of(at) == f"2 / {n}" and slide_title(at) == md(deck[1].title)
    # the clicker's Page Down / Page Up buttons move the same way
    at.button(key="folie_bild_runter").click().run()
    assert number_of(at) == f"3 / {n}"
    at.button(key="folie_bild_hoch").click().run()
    assert number_of(at) == f"2 / {n}"


def test_buttons_have_keyboard_shortcuts():
    at = open_slides()
    shortcuts = {b.key: b.proto.shortcut for b in at.button}
    assert shortcuts["folie_zurueck"] == "left" and shortcuts["folie_weiter"] == "right"
    assert shortcuts["folie_bild_hoch"] == "pageup" and shortcuts["folie_bild_runter"] == "pagedown"


def test_reload_with_folie_starts_there(deck):
    n = len(deck)
    at = open_slides({"folie": "3"})
    assert number_of(at) == f"3 / {n}"
    assert slide_title(at) == md(deck[2].title)
    at = open_slides({"folie": "999"})
    assert number_of(at) == f"{n} / {n}"
    assert at.button(key="folie_weiter").disabled
    at = open_slides({"folie": "abc"})
    assert number_of(at) == f"1 / {n}"


def slide_of(deck, words: str) -> int:
    """The number of the demo's slide whose finding title has ``words`` (the demo's text, not a code)."""
    return next(i for i, s in enumerate(deck, start=1) if s.kind == "finding" and words in s.finding.title)


def big_fonts(spec) -> None:
    layout = spec["layout"]
    assert layout["font"]["size"] >= 20 and layout["title"]["font"]["size"] >= 20
    assert layout["xaxis"]["tickfont"]["size"] >= 20 and layout["yaxis"]["tickfont"]["size"] >= 20
    assert spec["data"][0]["textfont"]["size"] >= 20
    assert "height" not in layout  # as tall as the slide leaves room for (height="stretch")


def test_finding_slide_shows_one_large_chart_of_what_it_names(demo, deck):
    at = open_slides({"folie": "2"})
    finding = deck[1].finding
    plan = findings.evidence_plan(demo, finding.finding_id, finding.research_question)
    (spec,) = charts(at)
    big_fonts(spec)
    labels = Labels(demo, "de")
    rows = [labels.partner_type(t) for t in plan.partner_types]
    assert plan.kind == findings.PARTNER_STATUS and spec["data"][0]["y"] == rows
    assert any(md(finding.text) == m.value for m in at.markdown)


def test_repair_slide_shows_repair_initiatives_and_no_other_partner(demo, deck):
    at = open_slides({"folie": str(slide_of(deck, "Repair"))})
    (spec,) = charts(at)
    types = demo.actor_types
    repair = types.loc[types["label_de"].str.contains("Repair"), "label_de"].tolist()
    # one bar per status, all of them for the repair initiatives only
    assert [trace["y"] for trace in spec["data"]] == [repair] * 3
    assert [trace["name"] for trace in spec["data"]] == ["bestehend", "geplant", "gewünscht"]


def test_town_and_country_slide_shows_size_classes(demo, deck):
    at = open_slides({"folie": str(slide_of(deck, "Stadt und Land"))})
    (spec,) = charts(at)
    heatmap = spec["data"][0]
    assert heatmap["type"] == "heatmap"
    labels = Labels(demo, "de")
    sizes = {labels.size_class(v) for v in demo.municipalities["size_class"].astype(str)}
    assert set(heatmap["x"]) == sizes
    assert "Größenklasse" in spec["layout"]["title"]["text"]
    # the codes the finding names are bold, and the title says what bold means
    ticks = spec["layout"]["yaxis"]["ticktext"]
    bold = [tick for tick in ticks if tick.startswith("<b>")]
    assert 1 <= len(bold) < len(ticks) and "fett" in spec["layout"]["title"]["text"]
    assert spec["layout"]["yaxis"]["tickvals"] == heatmap["y"]  # the data keeps the plain labels
    assert "min_width" not in spec["layout"]["meta"]  # no sideways scrolling box on the projector


def test_slides_of_one_question_show_different_charts(demo, deck):
    """Not the same general chart on every slide of a research question."""
    rq1 = [i for i, s in enumerate(deck, start=1) if s.kind == "finding" and s.finding.research_question == 1]
    shown = []
    for number in rq1:
        (spec,) = charts(open_slides({"folie": str(number)}))
        shown.append(json.dumps([spec["data"], spec["layout"]["title"]["text"]], sort_keys=True))
    assert len(set(shown)) == len(shown) >= 3


def test_every_slide_renders(deck):
    at = open_slides()
    for number in range(1, len(deck) + 1):
        at.query_params["folie"] = str(number)
        at.run()
        assert not at.exception, (number, [e.value for e in at.exception])
        assert number_of(at) == f"{number} / {len(deck)}"


def test_chrome_is_hidden_by_constant_css():
    at = open_slides()
    html = [h.proto.body for h in at.get("html")]
    assert sl.SLIDE_CSS.strip() in html
    css = sl.SLIDE_CSS
    for selector in ('[data-testid="stSidebar"]', "header", '[data-testid="stToolbar"]'):
        assert selector in css
    assert "display: none" in css
    # type follows the screen's height, never below these floors (px)
    floors = {
        sel.strip().split()[-1]: int(px) for sel, px in re.findall(r"([^{}]+)\{\s*font-size: clamp\((\d+)px", css)
    }
    assert floors["h1"] >= 36 and floors["h2"] >= 28 and floors["blockquote"] >= 20
    assert min(int(px) for px in re.findall(r"clamp\((\d+)px", css)) >= 16


def test_slide_changes_replace_the_history_entry():
    at = open_slides()
    script = sl.HISTORY_SCRIPT
    assert f"<script>{script}</script>" in [h.proto.body for h in at.get("html")]
    assert "replaceState" in script and "praesentation" in script


def test_title_slide_gives_the_package_date(demo):
    at = open_slides()
    stand = sl.package_date(demo.metadata, "de")
    assert stand == ".".join(reversed(str(demo.metadata["created"])[:10].split("-")))
    assert f"**Stand:** {stand}" in [m.value for m in at.markdown]
    assert sl.package_date({}, "de") is None and sl.package_date({"created": "kaputt"}, "de") is None
    assert sl.package_date({"created": "2026-11-25T00:00:00Z"}, "en") == "2026-11-25"


def test_exit_link_leads_back_where_the_slides_were_opened():
    at = open_slides({"folie": "2"})
    # opened from the overview (the first page of the session)
    (exit_link,) = [link for link in at.get("page_link") if "zurück zu" in link.proto.label]
    # the overview is the default page, registered under its reserved path (components.app.pages)
    assert exit_link.proto.label == "Beenden: zurück zu „Überblick“"
    assert exit_link.proto.page == registered_url_path("pages/ueberblick.py") == "start"
    at = open_slides({"folie": "2", "von": "karte"})
    (exit_link,) = [link for link in at.get("page_link") if "zurück zu" in link.proto.label]
    assert exit_link.proto.label == "Beenden: zurück zu „Karte“" and exit_link.proto.page.endswith("karte")
    # a made-up origin is not followed
    at = open_slides({"von": "<b>x</b>"})
    assert [link.proto.label for link in at.get("page_link") if "zurück zu" in link.proto.label] == [
        "Beenden: zurück zu „Überblick“"
    ]


def test_one_compact_selection_line(demo):
    at = open_slides({"folie": "2"})
    lines = [c.value for c in at.caption if c.value.startswith(md("Auswahl:"))]
    assert len(lines) == 1
    assert "Kommunen" in lines[0] and "Akteure" in lines[0] and "codierte Aussagen" in lines[0]


def test_filters_are_named_on_every_slide(demo):
    state = filter_options(demo)["state"][0]
    labels = Labels(demo, "de")
    expected = md(f"Auswahl: Bundesland: {labels.state(state)}")
    for folie in ("1", "2", str(len(demo.findings) + 2)):
        at = open_slides({"land": state, "folie": folie})
        assert [c.value for c in at.caption if c.value.startswith(expected)], folie


def test_municipality_and_type_filter_drops_the_type(demo):
    # A municipality × type request is answered for the whole municipality, never refused.
    a = demo.actors
    counts = a.groupby(["municipality_id", "actor_type"], observed=True).size()
    mun, typ = counts[(counts > 0) & (counts < demo.min_group_size)].index[0]
    at = open_slides({"kommune": str(mun), "typ": str(typ), "folie": "2"})
    dropped = t("notice_dropped", "de", dims=t("filter_actor_type", "de"))
    assert any(n.value == dropped for n in [*at.warning, *at.info])
    assert not any("weniger als" in w.value for w in at.warning)
    sel = select(demo, Filters(municipality_id=(str(mun),), actor_type=(str(typ),)))
    assert sel.filters == Filters(municipality_id=(str(mun),))
    assert at.header and len(charts(at)) == 1


def test_small_selection_keeps_findings_but_no_charts(tmp_path, monkeypatch):
    # Fewer than k counted actors in the whole package: findings are shown, charts are not.
    folder = write_package(make_tables(n_municipalities=1, actors_per=2), tmp_path / "tiny")
    monkeypatch.setenv("STUDY_DATA", str(folder))
    assert select(load_package(folder), Filters()).too_small
    at = open_slides({"folie": "2"})
    assert at.header and not at.get("plotly_chart")
    assert any("weniger als 3 Akteure" in w.value for w in at.warning)


def test_english_slides(demo):
    at = open_slides({"sprache": "en", "folie": "2"})
    deck = sl.build_slides(demo, "en", t("app_subtitle", "en"), "Thank you!")
    assert slide_title(at) == md(deck[1].title)
    assert at.button(key="folie_weiter").label == "Next"


def test_closing_slide_shows_escaped_contacts(tmp_path, monkeypatch):
    contributors = [
        {"title": "<b>Team</b> *Studie*", "email": "team@example.org", "role": "contact"},
        {"title": "Not shown", "role": "author"},
    ]
    folder = write_package(make_tables(seed=4), tmp_path / "p", metadata={"contributors": contributors})
    monkeypatch.setenv("STUDY_DATA", str(folder))
    package = load_package(folder)
    n = len(package.findings) + 2
    at = open_slides({"folie": str(n)})
    assert number_of(at) == f"{n} / {n}"
    assert at.title[0].value == "Vielen Dank\\!"
    text = "\n".join(m.value for m in at.markdown)
    assert md("<b>Team</b> *Studie*") in text and "<b>" not in text
    assert md("team@example.org") in text
    assert "Not shown" not in text


# --- the building blocks -------------------------------------------------------------------------------


def test_contacts_only_role_contact():
    meta = {
        "contributors": [
            {"title": "A", "role": "Contact", "email": "a@x"},
            {"title": "B", "role": "author"},
            "junk",
            {"title": "C", "role": "contact", "organization": "Org", "email": ""},
        ]
    }
    assert sl.contacts(meta) == [{"title": "A", "email": "a@x"}, {"title": "C", "organization": "Org"}]
    assert sl.contacts({}) == []


def test_clamp_slide():
    assert sl.clamp_slide("3", 10) == 3
    assert sl.clamp_slide(" 0 ", 10) == 1
    assert sl.clamp_slide("11", 10) == 10
    assert sl.clamp_slide(None, 10) == 1
    assert sl.clamp_slide("x", 10) == 1


def test_filter_summary(demo):
    labels = Labels(demo, "de")
    assert sl.filter_summary(Filters(), labels, "de") == "alle Daten (keine Filter)"
    opts = filter_options(demo)
    text = sl.filter_summary(Filters(state=opts["state"][:2], group=opts["group"][:1]), labels, "de")
    assert text == (
        f"Bundesland: {labels.state(opts['state'][0])}, {labels.state(opts['state'][1])} · "
        f"Akteursgruppe: {labels.group(opts['group'][0])}"
    )


def test_presentation_figure_enlarges_a_copy():
    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h", text=["1", "2"]))
    fig.update_layout(font=dict(size=14), meta={"alt": "Alt"})
    big = sl.presentation_figure(fig)
    assert big.layout.font.size >= 20 and big.data[0].textfont.size >= 20
    assert big.layout.meta["alt"] == "Alt"
    assert fig.layout.font.size == 14  # the original is untouched (it may be shared)


def test_mark_categories_bolds_only_the_named_and_escapes_labels():
    fig = go.Figure(go.Bar(y=["a & b", "<x>", "c"], x=[1, 2, 3], orientation="h"))
    sl.mark_categories(fig, "y", ["<x>", "not there"])
    assert fig.layout.yaxis.ticktext == ("a &amp; b", "<b>&lt;x&gt;</b>", "c")
    assert fig.layout.yaxis.tickvals == ("a & b", "<x>", "c")
    plain = go.Figure(go.Bar(y=["a"], x=[1], orientation="h"))
    assert sl.mark_categories(plain, "y", ["z"]).layout.yaxis.ticktext is None


def test_slide_charts_carry_the_source_line(deck):
    at = open_slides({"folie": "2"})
    (spec,) = charts(at)
    source = spec["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")
    assert "Auswahl:" in source and "Quelle:" in source and "Demodaten" in source
    assert "<br>" not in spec["layout"]["title"]["text"]  # the projector has room for the title on one line
