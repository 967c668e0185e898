"""Every page through AppTest: default filters and several filter combinations, on the demo package
and on a tiny package with neutral codes (so no page can depend on the demo's municipalities,
actor types or codes)."""

from __future__ import annotations

import re

import pytest
from apptest_support import NUMBER_TABLES, dashboard, open_number_tables, open_page

from components.app.pages import FILES
from components.app.pages import PAGES as ALL_PAGES
from components.i18n import coverage_text, fmt_int, t
from factory import make_tables, write_package
from study.package import load_package
from study.selection import Filters, filter_options, select

# The participants' voting page has no sidebar and no filters; tests/test_page_voting.py drives it.
PAGES = [f for f in FILES if f != "pages/mitmachen.py"]
BANNER = "Demodaten – keine Studienergebnisse"
# Pages whose results are charts with their tables of numbers.
CHART_PAGES = ("pages/akteure.py", "pages/kooperation.py")


def coverage(at) -> str:
    """The coverage line; on the slides, the coverage within their one line "Auswahl: <filters> · <coverage> · …"."""
    line = next((c.value for c in at.caption if c.value.startswith(("Auswahl:", "Selection:"))), "")
    if line:
        return line
    slide = next(
        (c.value.replace("\\", "") for c in at.caption if c.value.startswith(("Auswahl\\:", "Selection\\:"))), ""
    )
    found = re.search(r"^(\w+): .*? · (\S+ \w+ · \S+ \w+ · \S+ .*?) · [^·]+$", slide)
    return f"{found.group(1)}: {found.group(2)}" if found else ""


def expected_coverage(package, filters: Filters) -> str:
    sel = select(package, filters)
    return coverage_text(sel.n_municipalities, sel.n_actors, sel.n_statements)


@pytest.fixture(scope="module")
def demo():
    return load_package()


def small_selection(package) -> tuple[dict, Filters]:
    """A municipality × actor type with fewer than k actors, found in the data (not hard-coded)."""
    a = package.actors
    counts = a.groupby(["municipality_id", "actor_type"], observed=True).size()
    (mun, typ) = counts[counts < package.min_group_size].index[0]
    return {"kommune": str(mun), "typ": str(typ)}, Filters(municipality_id=(str(mun),), actor_type=(str(typ),))


@pytest.mark.parametrize("page", PAGES)
def test_page_default_filters(page, demo):
    at = open_page(page)
    assert any(BANNER in w.value for w in at.warning)
    if page != "pages/barrierefreiheit.py":
        assert coverage(at) == expected_coverage(demo, Filters())
    if page == "pages/daten.py":  # Daten & Methode also describes the whole package with its totals
        sel = select(demo, Filters())
        method = next(m.value for m in at.markdown if m.value.startswith("Die Studie ist **qualitativ**"))
        assert f"{fmt_int(sel.n_municipalities)} Kommunen" in method
        assert f"{fmt_int(sel.n_statements)} codierte" in method


@pytest.mark.parametrize("page", PAGES)
def test_page_single_municipality(page, demo):
    mun = filter_options(demo)["municipality_id"][0]
    at = open_page(page, {"kommune": mun})
    assert at.sidebar.multiselect(key="kommune").value == [mun]
    if page in ("pages/ueberblick.py", "pages/akteure.py", "pages/kooperation.py", "pages/herausforderungen.py"):
        assert coverage(at) == expected_coverage(demo, Filters(municipality_id=(mun,)))


@pytest.mark.parametrize("page", PAGES)
def test_page_small_cell_request_is_not_applied(page, demo):
    """A link asking for one actor type in one town (fewer than k actors): the type filter is left out
    with a notice, and the page shows the whole town."""
    query, filters = small_selection(demo)
    sel = select(demo, filters)
    assert not sel.too_small and ("dropped", ("actor_type",)) in sel.notices
    at = open_page(page, query)
    notices = " ".join(w.value for w in at.sidebar.warning)
    assert "Nicht angewendet: Akteurstyp" in notices
    dropped = t("notice_dropped", "de", dims=t("filter_actor_type", "de"))
    assert any(n.value == dropped for n in [*at.warning, *at.info])
    assert page not in CHART_PAGES or at.get("plotly_chart"), "the whole town's charts are shown"
    assert at.sidebar.multiselect(key="typ").value == []
    assert at.sidebar.multiselect(key="kommune").value == [query["kommune"]]
    if page in ("pages/ueberblick.py", "pages/akteure.py", "pages/kooperation.py", "pages/herausforderungen.py"):
        assert coverage(at) == expected_coverage(demo, Filters(municipality_id=(query["kommune"],)))


@pytest.fixture
def tiny_study(tmp_path, monkeypatch):
    """A package with fewer than k actors in all: no page may show results."""
    folder = write_package(make_tables(seed=5, n_municipalities=1, actors_per=2), tmp_path / "tiny")
    monkeypatch.setenv("STUDY_DATA", str(folder))
    return load_package(folder)


@pytest.mark.parametrize("page", PAGES)
def test_page_below_threshold_shows_notice_not_results(page, tiny_study):
    assert select(tiny_study, Filters()).too_small
    at = open_page(page)
    texts = " ".join(w.value for w in at.warning) + " ".join(i.value for i in at.info)
    if page not in ("pages/barrierefreiheit.py", "pages/daten.py"):
        assert "weniger als 3 Akteure" in texts
        assert not at.get("plotly_chart"), "no chart may show results of a too small selection"
        assert not at.metric or all(m.value == "–" for m in at.metric[:3])
    if page in CHART_PAGES:
        assert any(t("too_small", "de", k=tiny_study.min_group_size) == w.value for w in at.warning)
        assert len(at.dataframe) == 0, "nor a chart's table of numbers"


@pytest.mark.parametrize("page", PAGES)
def test_page_combined_filters_and_english(page, demo):
    options = filter_options(demo)
    query = {"groesse": options["size_class"][:2], "gruppe": options["group"][0], "sprache": "en"}
    at = open_page(page, query)
    assert any("Demo data – not study results" in w.value for w in at.warning)
    assert at.sidebar.multiselect(key="groesse").value == list(options["size_class"][:2])
    # The page itself is in English: its title (the slides: their buttons), and the sidebar's headings.
    spec = next(s for s in ALL_PAGES if s.file == page)
    if page == "pages/praesentation.py":
        assert at.button(key="folie_weiter").label == "Next"
    elif page == "pages/ueberblick.py":
        assert at.title[0].value == t("app_title", "en") != t("app_title", "de")
    else:
        assert at.title[0].value == t(spec.title_key, "en") != t(spec.title_key, "de")
    assert t("filters", "en") in [h.value for h in at.sidebar.header]


def test_query_string_round_trips_filters(demo):
    options = filter_options(demo)
    at = dashboard()
    at.sidebar.multiselect(key="land").set_value([options["state"][1]]).run()
    # Filters of another family are disabled while a regional filter is set (study.selection.resolve_family).
    assert at.sidebar.multiselect(key="methode").disabled and at.sidebar.multiselect(key="typ").disabled
    assert not at.sidebar.multiselect(key="kommune").disabled
    params = dict(at.query_params)
    assert params["land"] == options["state"][1]
    again = dashboard({k: v for k, v in at.query_params.items()})
    assert again.sidebar.multiselect(key="land").value == [options["state"][1]]
    assert coverage(again) == coverage(at)
    # reset clears every filter and the URL
    again.sidebar.button[0].click().run()
    assert coverage(again) == expected_coverage(demo, Filters())
    assert "land" not in again.query_params


def test_unknown_query_values_are_ignored(demo):
    at = dashboard({"land": "DE-XX", "typ": "gibt_es_nicht"})
    assert at.sidebar.multiselect(key="land").value == []
    assert coverage(at) == expected_coverage(demo, Filters())


@pytest.fixture
def neutral_package(tmp_path, monkeypatch):
    tables = make_tables(seed=7, n_municipalities=4, actors_per=8, statements_per=10)
    folder = write_package(tables, tmp_path / "neutral", metadata={"synthetic": False, "title": "Neutral"})
    monkeypatch.setenv("STUDY_DATA", str(folder))
    return load_package(folder)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_works_on_any_valid_package(page, neutral_package):
    at = open_page(page)
    assert not any(BANNER in w.value for w in at.warning), "a real (non-synthetic) package has no demo banner"
    if page not in ("pages/barrierefreiheit.py", "pages/daten.py"):
        assert coverage(at) == expected_coverage(neutral_package, Filters())


def test_invalid_package_shows_german_errors_not_a_traceback(tmp_path, monkeypatch):
    tables = make_tables(seed=1)
    tables["statements"].loc[0, "rating"] = "neun"
    monkeypatch.setenv("STUDY_DATA", str(write_package(tables, tmp_path / "bad")))
    at = dashboard()
    assert not at.exception
    assert "Das Datenpaket konnte nicht geladen werden" in at.error[0].value
    assert "Datei „statements.csv“, Zeile 2, Spalte „rating“: „neun“ ist keine ganze Zahl." in at.code[0].value


@pytest.mark.parametrize("interval, reloaded", [(0.0, True), (3600.0, False)])
def test_an_edited_package_is_reloaded_after_the_stamp_interval(tmp_path, monkeypatch, interval, reloaded):
    """The frame looks at the package's files at most once per STAMP_INTERVAL and reloads an edited one."""
    import json
    import os

    from components.app import data

    folder = write_package(make_tables(seed=11), tmp_path / "edited", metadata={"title": "Erste Fassung"})
    monkeypatch.setenv("STUDY_DATA", str(folder))
    monkeypatch.setattr(data, "STAMP_INTERVAL", interval)
    at = open_page(PAGES[0])

    def status() -> str:
        return next(c.value for c in at.sidebar.caption if "Fassung" in c.value)

    assert "Erste Fassung" in status()
    descriptor = folder / "datapackage.json"
    desc = json.loads(descriptor.read_text(encoding="utf-8"))
    descriptor.write_text(json.dumps({**desc, "title": "Zweite Fassung"}), encoding="utf-8")
    stat = descriptor.stat()
    os.utime(descriptor, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    at.run()
    shown = status()
    assert ("Zweite Fassung" in shown) is reloaded and ("Erste Fassung" in shown) is not reloaded


@pytest.mark.parametrize("page", PAGES)
def test_number_tables_are_sent_only_when_opened(page):
    """Every chart has its numbers as a table in an expander, built only while that is open."""
    at = open_page(page)
    boxes = [e for e in at.expander if e.label in NUMBER_TABLES]
    assert len(boxes) == len(at.get("plotly_chart"))
    assert all(len(e.dataframe) == 0 for e in boxes)
    open_number_tables(at)
    assert not at.exception
    boxes = [e for e in at.expander if e.label in NUMBER_TABLES]
    assert all(len(e.dataframe) == 1 and e.caption[0].value for e in boxes)


@pytest.mark.parametrize(("lang", "words"), [("de", "Leichter Sprache"), ("en", "easy-to-read language")])
def test_start_page_explains_itself_in_easy_to_read_language(lang, words):
    from apptest_support import dashboard

    at = dashboard({"sprache": "en"} if lang == "en" else None)
    box = next(e for e in at.expander if words in e.label)
    text = "\n".join(m.value for m in box.markdown)
    assert ("Kooperations-Atlas" if lang == "de" else "Cooperation Atlas") in text
    assert "„< 3“" in text if lang == "de" else "“< 3”" in text
    # One sentence per line: every line but the last ends in a hard break.
    lines = [line for line in text.split("\n") if line.strip()]
    assert all(line.endswith("  ") for line in lines[:-1])


@pytest.mark.parametrize(
    ("lang", "expected"), [("de", "Teilgenommen haben 4 Kommunen"), ("en", "4 municipalities took part")]
)
def test_overview_counts_the_packages_municipalities(tmp_path, monkeypatch, lang, expected):

    folder = write_package(make_tables(seed=0, n_municipalities=4, actors_per=6, statements_per=8), tmp_path / "p")
    monkeypatch.setenv("STUDY_DATA", str(folder))
    at = dashboard({"sprache": lang} if lang == "en" else None)
    text = " ".join(m.value for m in at.markdown)
    assert expected in text and "Zehn" not in text and "Ten " not in text
