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
    # One load, two screen sizes: the window is widened as a visitor would (the layout and charts follow it).
    v = make_visit(browser, app_server, viewport=(1366, 768))
    try:
        v.open(path)
        for size in ((1366, 768), (1920, 1080)):
            v.page.set_viewport_size({"width": size[0], "height": size[1]})
            v.page.wait_for_timeout(800)  # let charts and the map iframe draw before the screenshot
            assert_healthy(v)
            v.page.wait_for_function("() => document.documentElement.lang === 'de'", timeout=20_000)
            v.screenshot(f"{path or 'ueberblick'}-{size[0]}x{size[1]}")
    finally:
        v.close()
    assert (OUTPUT / f"{path or 'ueberblick'}-1920x1080.png").exists()


def choose_in_multiselect(visit, label: str, option: str) -> None:
    box = visit.page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=label)
    field = box.locator("input")
    # Right after the first page load a click can land while the sidebar is still being redrawn and only
    # focus the field; a person clicks again, and so does the test (at most three times).
    for _ in range(3):
        field.click()
        if field.get_attribute("aria-expanded") == "true":
            break
        visit.page.wait_for_timeout(500)
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
    visit.page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Kooperation", exact=True).click()
    visit.wait()
    assert "/kooperation" in visit.page.url
    assert coverage_text(package, filters) in visit.text()


def test_switch_to_english(visit, package):
    visit.open()
    visit.page.locator('[data-testid="stSidebar"] label', has_text="English").click()
    visit.wait()
    assert "Cooperation Atlas" in visit.text()
    assert "Demo data – not study results" in visit.text()
    visit.page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=20_000)
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
        v.close()
    finally:
        stop_server(server)


def test_download_filtered_csv(visit, package):
    import csv
    import io
    from pathlib import Path

    options = filter_options(package)
    state = options["state"][0]
    visit.open("daten", f"land={state}")
    with visit.page.expect_download() as info:
        visit.page.locator('[data-testid="stDownloadButton"] button', has_text="Aussagen als CSV").click()
    text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    sel = select(package, Filters(state=(state,)))
    assert len(rows) - 1 == sel.n_statements
    header = rows[0]
    assert "statement_id" in header and "actor_id" not in header
    ids = {r[header.index("statement_id")] for r in rows[1:]}
    assert ids == set(sel.statements["statement_id"])


def _zip_of(folder) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in sorted(folder.iterdir()):
            if f.is_file():
                zf.write(f, f.name)
    return buf.getvalue()


def checked(visit) -> None:
    """Wait until an uploaded package has been checked: the rerun it starts may begin after the app looked idle."""
    visit.wait()
    visit.page.get_by_text("Datenpaket wird geprüft").wait_for(state="detached", timeout=60_000)
    visit.wait()


def test_upload_valid_and_invalid_package(visit, tmp_path):
    from factory import make_tables, write_package

    tables = make_tables(seed=11, n_municipalities=4, actors_per=6, statements_per=5)
    good = write_package(tables, tmp_path / "gut", metadata={"synthetic": False, "title": "Hochgeladenes Testpaket"})
    bad_tables = make_tables(seed=11, n_municipalities=4, actors_per=6, statements_per=5)
    bad_tables["statements"].loc[2, "rating"] = "sehr hoch"
    bad_tables["actors"].loc[0, "actor_type"] = "unbekannt"
    bad = write_package(bad_tables, tmp_path / "schlecht")

    visit.open("daten")
    uploader = visit.page.locator('[data-testid="stFileUploader"] input[type="file"]')
    uploader.set_input_files(files=[{"name": "schlecht.zip", "mimeType": "application/zip", "buffer": _zip_of(bad)}])
    checked(visit)
    text = visit.text()
    assert "„sehr hoch“ ist keine ganze Zahl" in text and "statements.csv" in text
    assert "„unbekannt“ verweist auf keinen Eintrag" in text
    assert "Demodaten – keine Studienergebnisse" in text  # the demo package stays active

    uploader = visit.page.locator('[data-testid="stFileUploader"] input[type="file"]')
    uploader.set_input_files(files=[{"name": "gut.zip", "mimeType": "application/zip", "buffer": _zip_of(good)}])
    checked(visit)
    assert "Hochgeladenes Testpaket" in visit.text() or "gut.zip" in visit.text()
    # the uploaded package is used by every page of this browser session (not by a new one)
    visit.page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Überblick", exact=True).click()
    visit.wait()
    assert "4 Kommunen · 24 Akteure · 120 codierte Aussagen" in visit.text()
    assert "Demodaten – keine Studienergebnisse" not in visit.text()
    assert visit.foreign == []


def test_filter_by_keyboard_alone(visit, package):
    """Tab to the first filter, open it, pick an option and close it without touching the mouse."""
    visit.open()
    first_input = visit.page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input').first
    for _ in range(60):
        visit.page.keyboard.press("Tab")
        focused = visit.page.evaluate("document.activeElement && document.activeElement.outerHTML.slice(0, 200)")
        if first_input.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError(f"the first filter is not reachable by Tab (last focus: {focused})")
    # focus is visible: the focused control draws an outline or a box shadow
    style = first_input.evaluate(
        "el => { const b = el.closest('[data-baseweb=\"select\"]') || el;"
        " const s = getComputedStyle(b.firstElementChild || b); return s.outlineStyle + '|' + s.boxShadow + '|' + s.borderColor; }"
    )
    assert style, style
    from study.labels import Labels

    first_state = filter_options(package)["state"][0]
    visit.page.keyboard.type(Labels(package).state(first_state))
    visit.page.keyboard.press("Enter")
    visit.page.keyboard.press("Escape")
    visit.wait()
    assert f"land={first_state}" in visit.page.url
    assert coverage_text(package, Filters(state=(first_state,))) in visit.text()


def test_presentation_keys_and_handout(visit):
    visit.open("praesentation")
    assert "1 / " in visit.text()
    visit.page.keyboard.press("ArrowRight")
    visit.wait()
    assert "2 / " in visit.text() and "folie=2" in visit.page.url
    visit.page.keyboard.press("PageDown")
    visit.wait()
    assert "3 / " in visit.text()
    visit.page.keyboard.press("ArrowLeft")
    visit.wait()
    assert "2 / " in visit.text()
    visit.page.reload()
    visit.wait()
    assert "2 / " in visit.text()
    visit.page.locator('[data-testid="stSidebar"]').wait_for(state="hidden", timeout=10_000)
    # any link with ?praesentation=1 opens the slides
    visit.open("karte", "praesentation=1&folie=3")
    assert "/praesentation" in visit.page.url and "3 / " in visit.text()

    visit.open("kompass")
    buttons = visit.page.locator('[data-testid="stDownloadButton"] button')
    # The handout buttons arrive one by one while the script runs; wait for the PDF one itself.
    pdf = buttons.filter(has_text="PDF").first
    pdf.wait_for(timeout=30_000)
    visit.wait()
    assert buttons.count() >= 2
    with visit.page.expect_download() as info:
        pdf.click()
    from pathlib import Path

    assert Path(info.value.path()).read_bytes().startswith(b"%PDF")
    assert visit.foreign == []


def test_findings_tab_is_in_the_url_and_survives_reload(visit):
    visit.open("erkenntnisse")
    assert "FF 1:" in visit.text() and "FF 3:" not in visit.text()
    visit.page.get_by_role("tab", name="FF 3").click()
    visit.wait()
    text = visit.text()
    assert "FF 3:" in text and "FF 1:" not in text
    assert "frage=3" in visit.page.url
    visit.page.reload()
    visit.wait()
    assert visit.page.get_by_role("tab", name="FF 3").get_attribute("aria-selected") == "true"
    assert "FF 3:" in visit.text()
    # the open question stays open in English, and the address keeps it
    visit.page.locator('[data-testid="stSidebar"] label', has_text="English").click()
    visit.wait()
    assert visit.page.get_by_role("tab", name="RQ 3").get_attribute("aria-selected") == "true"
    assert "RQ 3:" in visit.text()
    assert "frage=3" in visit.page.url and "sprache=en" in visit.page.url


def test_numbers_table_opens_by_keyboard(visit):
    """A chart's table is sent only when its expander opens; Enter on the focused expander opens it."""
    visit.open("akteure")
    box = visit.page.locator('[data-testid="stExpander"]', has_text="Zahlen als Tabelle").first
    assert box.locator('[data-testid="stDataFrame"]').count() == 0
    summary = box.locator("summary")
    summary.focus()
    visit.page.keyboard.press("Enter")
    visit.wait()
    table = box.locator('[data-testid="stDataFrame"]')
    table.wait_for(state="visible", timeout=10_000)
    assert box.locator("details").get_attribute("open") is not None
    # the chart's text alternative heads the table
    assert "Teilnehmende Akteure nach Akteursgruppe" in box.inner_text() and "Balkendiagramm" in box.inner_text()


def test_requests_to_other_hosts_fail_and_are_recorded(visit):
    """The control for every ``visit.foreign == []``: the browser blocks a foreign host (by name and by address)
    and the tab records the attempt, while the app's own origin loads."""
    visit.open("barrierefreiheit")
    outcomes = visit.page.evaluate(
        """async () => Promise.all(['http://example.com/x.js', 'http://192.0.2.1/y.png', '/_stcore/health'].map(
            u => fetch(u, {mode: 'no-cors'}).then(() => 'loaded', () => 'failed')))"""
    )
    assert outcomes == ["failed", "failed", "loaded"]
    assert visit.foreign == ["http://example.com/x.js", "http://192.0.2.1/y.png"]
