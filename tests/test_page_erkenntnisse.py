"""The page "Erkenntnisse" under AppTest: findings, their evidence, quotes and the anonymity threshold."""

from __future__ import annotations

from functools import partial

import pytest
from apptest_support import charts, open_page

from components import i18n
from components.app.pages import FINDINGS_TAB_KEY, findings_question
from components.text import md
from factory import evidence_tables, write_evidence_package, write_package
from study.disclosure import count_actors
from study.evidence import question_evidence, quote_sample
from study.labels import Labels
from study.package import data_path, load_package
from study.selection import Filters, filter_options, select

PAGE = "pages/erkenntnisse.py"


open_page = partial(open_page, PAGE)


def paragraphs(at) -> list[str]:
    """Markdown paragraphs and captions (a finding or a quote is one Markdown block of several)."""
    return [part for m in at.markdown for part in m.value.split("\n\n")] + [c.value for c in at.caption]


def tab_views(at):
    """Open each research question's tab in turn (only the open tab is rendered) and yield the app."""
    for label in [t.label for t in at.tabs]:
        at.session_state[FINDINGS_TAB_KEY] = label
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        yield at


def texts(at) -> list[str]:
    return [text for view in tab_views(at) for text in paragraphs(view)]


def bar_specs(at) -> list[dict]:
    return [spec for view in tab_views(at) for spec in charts(view)]


def page_links(at) -> list[str]:
    return [link.proto.page for view in tab_views(at) for link in view.get("page_link")]


@pytest.fixture
def known(monkeypatch, tmp_path):
    folder = write_evidence_package(tmp_path / "pkg")
    monkeypatch.setenv("STUDY_DATA", str(folder))
    return load_package(folder)


def test_demo_shows_every_finding_and_evidence():
    pkg = load_package(data_path())
    at = open_page()
    shown = texts(at)
    for title in pkg.findings["title_de"]:
        assert f"**{md(title)}**" in shown
    assert [t.label for t in at.tabs] == [f"FF {rq} · {i18n.t(f'rq_topic_{rq}', 'de')}" for rq in range(1, 8)]
    # One evidence chart per research question and category of its codes, equal to study.evidence.
    sel = select(pkg, Filters())
    labels = Labels(pkg, "de")
    expected = [e for rq in range(1, 8) for e in question_evidence(sel, rq) if not e.frame.empty]
    specs = bar_specs(at)
    assert len(specs) == len(expected)
    for spec, item in zip(specs, expected, strict=True):
        bar = spec["data"][0]
        assert bar["y"] == [labels.code(c) for c in item.frame["code"]]
        shown_values = item.frame["share_actors"].where(~item.frame["suppressed"], 0).fillna(0).tolist()
        assert bar["x"] == pytest.approx(shown_values)
    assert len(page_links(at)) == len(pkg.findings)


def test_only_the_open_tab_is_rendered_and_the_url_opens_one():
    at = open_page()
    # the first question's tab is open: its heading, none of the others'; no number in the URL
    assert [s.value.split(":")[0] for s in at.subheader] == ["FF 1"]
    assert FINDINGS_TAB_KEY not in at.query_params
    at = open_page({FINDINGS_TAB_KEY: "4"})
    assert [s.value.split(":")[0] for s in at.subheader] == ["FF 4"]
    # opening another tab writes its number into the URL
    at.session_state[FINDINGS_TAB_KEY] = "FF 6"
    at.run()
    assert [s.value.split(":")[0] for s in at.subheader] == ["FF 6"]
    assert at.query_params[FINDINGS_TAB_KEY] in ("6", ["6"])
    # switching the language keeps the open question, and its number in the URL
    at.sidebar.radio(key="sprache").set_value("en").run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value.split(":")[0] for s in at.subheader] == ["RQ 6"]
    assert at.query_params[FINDINGS_TAB_KEY] in ("6", ["6"])
    # an unknown value falls back to the first tab
    at = open_page({FINDINGS_TAB_KEY: "<b>9</b>"})
    assert [s.value.split(":")[0] for s in at.subheader] == ["FF 1"]
    assert FINDINGS_TAB_KEY not in at.query_params
    # a presentation link from here keeps the filters
    state = filter_options(load_package(data_path()))["state"][0]
    at = open_page({FINDINGS_TAB_KEY: "4", "land": state})
    at.query_params["praesentation"] = "1"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value and at.query_params["land"] in (state, [state])


@pytest.mark.parametrize(
    "value, expected",
    [("3", 3), (" 7 ", 7), ("FF 2", 2), ("RQ 5", 5), ("0", None), ("8", None), ("FF", None), (None, None), ("", None)],
)
def test_findings_question(value, expected):
    assert findings_question(value) == expected


def test_english_titles():
    pkg = load_package(data_path())
    at = open_page({"sprache": "en"})
    shown = texts(at)
    for title_en, title_de in zip(pkg.findings["title_en"], pkg.findings["title_de"], strict=True):
        assert f"**{md(title_en)}**" in shown
        if title_en != title_de:
            assert f"**{md(title_de)}**" not in shown
    assert [t.label for t in at.tabs][0] == "RQ 1 · Cooperation"


def test_only_allowed_quotes_without_place_or_person(known):
    at = open_page()
    shown = texts(at)
    quotes = [m for m in shown if m.startswith("> ")]
    sel = select(known, Filters())
    labels = Labels(known, "de")
    expected = [q for rq in range(1, 8) for q in quote_sample(sel, rq).to_dict("records")]
    assert [f"> „{md(q['quote'])}“" for q in expected] == quotes
    assert len(quotes) == 5  # all in RQ 7, capped at the sample limit, deterministic order
    # A quote is attributed at most to its speaker's actor unit (>= k actors), here the merged unit
    # of t1, t3, t4: never to "kirche" or "zivilgesellschaft" alone.
    units = known.protection.actor_units
    assert all(units.loc[units["group"] == q["group"], "n_actors"].min() >= sel.k for q in expected)
    sources = {f":small[{md(labels.group(q['group']))} · {md(labels.code(q['code']))}]" for q in expected}
    assert sources <= set(shown)
    assert labels.group("kirche") not in {labels.group(q["group"]) for q in expected}
    # No municipality name or actor id anywhere in the page body.
    names = known.municipalities["name"].tolist()
    ids = known.actors["actor_id"].astype(str).tolist()
    body = " ".join(shown)
    assert not any(name in body for name in names)
    assert not any(i.replace("_", "\\_") in body or i in body for i in ids)


def test_regional_filter_withholds_quotes(known):
    at = open_page({"kommune": "m0", FINDINGS_TAB_KEY: "7"})
    shown = paragraphs(at)
    assert not [m for m in shown if m.startswith("> ")]
    assert i18n.t("quotes_withheld", "de") in shown
    assert at.get("plotly_chart")  # the evidence is still shown for the municipality


def test_page_links_only_to_existing_pages(known):
    at = open_page()
    links = page_links(at)
    # f1 → kooperation, f7 → herausforderungen; f5 has no view, f6 points to a page that does not exist.
    assert sorted(links) == ["herausforderungen", "kooperation"]


def test_small_selection_keeps_findings_hides_evidence_and_quotes(tmp_path, monkeypatch):
    # The package has 10 counted actors; with k = 11 every selection is too small.
    folder = write_package(evidence_tables(), tmp_path / "k11", metadata={"anonymity": {"min_group_size": 11}})
    monkeypatch.setenv("STUDY_DATA", str(folder))
    small = load_package(folder)
    assert select(small, Filters()).too_small
    at = open_page({"gruppe": "kirche"})
    shown, charts, notices = [], [], []
    for view in tab_views(at):
        shown += paragraphs(view)
        charts += view.get("plotly_chart")
        # the coverage notice on top, and the notice in place of evidence and quotes in the open tab
        notices.append(len([w.value for w in view.warning if "weniger als 11 Akteure" in w.value]))
    for title in small.findings["title_de"]:
        assert f"**{md(title)}**" in shown
    assert not charts
    assert not [m for m in shown if m.startswith("> ")]
    assert notices == [2] * 7


def test_known_evidence_values(known):
    at = open_page()
    bars = {s["layout"]["title"]["text"]: s["data"][0] for s in bar_specs(at)}
    challenges = bars["Herausforderungen (FF 7)"]
    sel = select(known, Filters())
    st = sel.statements[sel.statements["category"] == "herausforderung"]
    counts = count_actors(sel, st, ["code"]).set_index("code")["n_actors"]
    per_unit = count_actors(sel, st, ["code"], by="municipality_id")
    # every unit cell is 0 or at least k; the totals are the sums of the unit cells
    assert per_unit["n_actors"].isin([0.0]).sum() + (per_unit["n_actors"] >= sel.k).sum() == len(per_unit)
    assert per_unit.groupby("code")["n_actors"].sum().sort_index().tolist() == counts.sort_index().tolist()
    # ranked by actors, ties in codebook order
    order = ["h_c", "h_a", "h_b", "h_d"]
    ranked = sorted(order, key=lambda c: (-counts[c], order.index(c)))
    assert challenges["y"] == [f"Code {c}" for c in ranked]
    assert challenges["x"] == pytest.approx([round(counts[c] / sel.n_actors, 2) for c in ranked])
    assert counts["h_c"] == 6  # 3 per municipality, capped at 5 - 3 + 1 = 3 per unit of 5 actors
    assert "< 3" not in challenges["text"]  # counts are never withheld any more
    p_a = count_actors(sel, sel.statements[sel.statements["code"] == "p_a"], ["code"])["n_actors"]
    assert bars["Potenziale (FF 7)"]["x"] == pytest.approx([round(float(p_a.sum()) / sel.n_actors, 2)])
    # RQ 2–4 have no codes in this package: no chart, a "no data" note instead.
    assert set(bars) == {
        "Kooperation (FF 1)",
        "Vereinfachung & Synergien (FF 5)",
        "Prozesse anstoßen (FF 6)",
        "Potenziale (FF 7)",
        "Herausforderungen (FF 7)",
    }


def test_tabs_name_their_topic():
    at = open_page()
    labels = [t.label for t in at.tabs]
    assert labels[0] == "FF 1 · Kooperation" and labels[2] == "FF 3 · Gewinnung"
    assert len(set(labels)) == 7 and all(" · " in label and label.split(" · ")[1] for label in labels)
    # a tab label of either language, new or old, opens its question
    for label in ["FF 3 · Gewinnung", "RQ 3 · Winning partners", "FF 3", "RQ 3"]:
        assert findings_question(label) == 3


def test_a_filter_says_the_findings_are_study_wide():
    at = open_page()
    assert not [i for i in at.info if "ganze Studie" in i.value]
    state = filter_options(load_package(data_path()))["state"][0]
    at = open_page({"land": state})
    notes = [i.value for i in at.info if "ganze Studie" in i.value]
    assert len(notes) == 1 and "Bundesland" in notes[0]
    at = open_page({"land": state, "sprache": "en"})
    assert [i for i in at.info if "whole study" in i.value]


def test_english_quotes_are_marked_as_german_originals(known):
    shown = texts(open_page({"sprache": "en"}))
    sources = [m for m in shown if m.startswith(":small[")]
    assert sources and all(m.startswith(":small[German original · ") for m in sources)
    assert not [m for m in texts(open_page()) if "German original" in m or "Originalzitat" in m]


def test_each_finding_opens_the_evidence_its_slide_shows():
    pkg = load_package(data_path())
    # the finding about repair initiatives, found by its words (the demo's own text, not a code)
    row = pkg.findings[pkg.findings["title_de"].str.contains("Repair")].iloc[0]
    at = open_page({FINDINGS_TAB_KEY: str(int(row["research_question"]))})
    assert not charts(at) or all("Partnertyp" not in c["layout"]["title"]["text"] for c in charts(at))
    assert f"ek_beleg_{row['finding_id']}" in [e.key for e in at.expander]  # there, closed
    before = len(charts(at))
    at.session_state[f"ek_beleg_{row['finding_id']}"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    specs = charts(at)
    assert len(specs) == before + 1
    repair = Labels(pkg, "de").actor_type(
        pkg.actor_types.loc[pkg.actor_types["label_de"].str.contains("Repair"), "actor_type"].iloc[0]
    )
    assert any(repair in (spec["data"][0].get("y") or []) for spec in specs)


def test_evidence_charts_carry_the_source_line_like_every_chart():
    """The question's charts and a finding's evidence chart: selection, n, source, date and "Demodaten" under
    the title, so that the PNG the camera exports says what it shows (components.charts.source_layout)."""
    pkg = load_package(data_path())
    row = pkg.findings.iloc[0]
    at = open_page({FINDINGS_TAB_KEY: str(int(row["research_question"]))})
    at.session_state[f"ek_beleg_{row['finding_id']}"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    specs = charts(at)
    assert len(specs) >= 2
    for spec in specs:
        source = spec["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")
        assert "Auswahl:" in source and "Quelle:" in source and "Stand:" in source and "Demodaten" in source
