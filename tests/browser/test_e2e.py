"""What a user does in a real browser: open pages, filter, share a link, switch language, reload."""

from __future__ import annotations

import re

import pytest

from components import i18n
from study.package import load_package
from study.selection import Filters, filter_options, select

from .conftest import OUTPUT, make_visit, start_server, stop_server

pytestmark = pytest.mark.browser

PAGES = ["", "karte", "akteure", "kooperation", "herausforderungen", "erkenntnisse", "daten", "barrierefreiheit"]


@pytest.fixture(scope="module")
def package():
    return load_package()


def coverage_text(package, filters: Filters) -> str:
    sel = select(package, filters)
    return i18n.coverage_text(sel.n_municipalities, sel.n_actors, sel.n_statements).removeprefix("Auswahl: ")


def assert_healthy(visit):
    assert visit.page.locator('[data-testid="stException"]').count() == 0, visit.text()[:500]
    assert "Demodaten – keine Studienergebnisse" in visit.text()
    assert visit.foreign == [], visit.foreign


@pytest.mark.parametrize("path", PAGES)
def test_every_page_opens_offline_with_banner_and_screenshots(browser, app_server, path):
    for size in ((1366, 768), (1920, 1080)):
        v = make_visit(browser, app_server, viewport=size)
        try:
            v.open(path)
            v.page.wait_for_timeout(800)  # let charts and the map iframe draw before the screenshot
            assert_healthy(v)
            assert v.page.evaluate("document.documentElement.lang") == "de"
            v.screenshot(f"{path or 'ueberblick'}-{size[0]}x{size[1]}")
        finally:
            v.page.context.close()
    assert (OUTPUT / f"{path or 'ueberblick'}-1920x1080.png").exists()


def choose_in_multiselect(visit, label: str, option: str) -> None:
    box = visit.page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=label)
    box.locator("input").click()
    visit.page.get_by_role("option", name=option, exact=True).click()
    visit.page.keyboard.press("Escape")
    visit.wait()


def test_filter_changes_numbers_and_url(visit, package):
    visit.open()
    assert coverage_text(package, Filters()) in visit.text()
    state = filter_options(package)["state"][0]
    from study.labels import Labels

    choose_in_multiselect(visit, "Bundesland", Labels(package).state(state))
    assert coverage_text(package, Filters(state=(state,))) in visit.text()
    assert f"land={state}" in visit.page.url
    assert_healthy(visit)


def test_shared_link_reproduces_the_view_and_reload_keeps_it(visit, package):
    options = filter_options(package)
    group = options["group"][0]
    filters = Filters(group=(group,), method=(options["method"][0],))
    query = f"gruppe={group}&methode={options['method'][0]}"
    visit.open("akteure", query)
    assert coverage_text(package, filters) in visit.text()
    visit.page.reload()
    visit.wait()
    assert coverage_text(package, filters) in visit.text()
    assert "/akteure" in visit.page.url and f"gruppe={group}" in visit.page.url
    # the filter survives a page switch through the navigation
    visit.page.locator('[data-testid="stSidebarNav"] a', has_text="Kooperation").first.click()
    visit.wait()
    assert "/kooperation" in visit.page.url
    assert coverage_text(package, filters) in visit.text()


def test_switch_to_english(visit, package):
    visit.open()
    visit.page.locator('[data-testid="stSidebar"] label', has_text="English").click()
    visit.wait()
    assert "Cooperation Atlas" in visit.text()
    assert "Demo data – not study results" in visit.text()
    assert visit.page.evaluate("document.documentElement.lang") == "en"
    assert "sprache=en" in visit.page.url
    sel = select(package, Filters())
    assert re.search(rf"{sel.n_actors:,} actors", visit.text())


def test_deep_link_on_a_fresh_server(browser, package):
    """The first request a new server gets may be a shared link to an inner page."""
    server = start_server(None, "fresh")
    try:
        v = make_visit(browser, server)
        state = filter_options(package)["state"][0]
        v.open("herausforderungen", f"land={state}")
        assert_healthy(v)
        assert "/herausforderungen" in v.page.url
        assert coverage_text(package, Filters(state=(state,))) in v.text()
        v.page.context.close()
    finally:
        stop_server(server)
