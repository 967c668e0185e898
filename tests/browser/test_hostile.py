"""A data package whose every free-text field is an attack: nothing may run, text shows literally,
exports are neutralised against formula injection."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import pytest

from components.app.pages import PAGES as ALL_PAGES

from .conftest import make_visit, start_server, stop_server

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__xss='script'</script>",
    "<img src=x onerror=\"window.__xss='img'\">",
    "[Klick mich](javascript:window.__xss='link')",
    '"><svg onload="window.__xss=\'svg\'">',
    '=HYPERLINK("http://evil.example";"x")',
    "**fett** _kursiv_ # Überschrift $x^2$ {{7*7}}",
    "\u202eRechts-nach-links\u202c und unsichtbar\u200bgetrennt",
    "@SUMME(1;2)",
    "+49 30 1234",
    "-1+2",
    "Lang " + "x" * 3000,
]
# URL paths; the first page is the root
PAGES = ["" if i == 0 else spec.url_path for i, spec in enumerate(ALL_PAGES)]


def hostile_tables():
    from factory import make_tables

    t = make_tables(seed=5, n_municipalities=4, actors_per=12, statements_per=6)
    p = lambda i: PAYLOADS[i % len(PAYLOADS)]  # noqa: E731
    t["municipalities"]["name"] = [p(i) for i in range(len(t["municipalities"]))]
    for col in ("label_de", "label_en"):
        t["actor_types"][col] = [p(i + 1) for i in range(len(t["actor_types"]))]
        t["codebook"][col] = [p(i + 2) for i in range(len(t["codebook"]))]
    t["codebook"]["description_de"] = [p(i + 3) for i in range(len(t["codebook"]))]
    st = t["statements"]
    st["quote"] = [p(i) for i in range(len(st))]
    for col in ("title_de", "text_de", "title_en", "text_en"):
        t["findings"][col] = [p(i + 4) for i in range(len(t["findings"]))]
    t["findings"]["view"] = ["javascript:alert(1)", "../../etc/passwd", "karte", "", "<b>x</b>", "akteure", ""]
    return t


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    from factory import write_package

    folder = write_package(
        hostile_tables(),
        tmp_path_factory.mktemp("hostile") / "paket",
        metadata={
            "title": PAYLOADS[1],
            "description": PAYLOADS[2],
            "contributors": [
                {"title": PAYLOADS[0], "email": 'x@evil.example"><script>window.__xss=1</script>', "role": "contact"}
            ],
            "synthetic": True,
        },
    )
    server = start_server(folder, "hostile")
    yield server
    stop_server(server)


def xss_markers(page) -> list:
    found = []
    for frame in page.frames:
        try:
            value = frame.evaluate("() => window.__xss")
        except Exception:  # a frame that navigated away
            continue
        if value is not None:
            found.append((frame.url, value))
    return found


@pytest.mark.parametrize("path", PAGES)
def test_no_script_runs_and_text_shows_literally(browser, hostile_server, path):
    v = make_visit(browser, hostile_server)
    dialogs = []
    v.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        v.open(path)
        v.page.wait_for_timeout(1500)
        # hover every map marker so tooltips render, and open a popup
        for frame in v.page.frames:
            for marker in frame.locator(".leaflet-interactive").all()[:6]:
                with contextlib.suppress(Exception):
                    marker.hover(timeout=1000)
        v.page.wait_for_timeout(300)
        assert xss_markers(v.page) == []
        assert dialogs == []
        assert v.page.locator('[data-testid="stException"]').count() == 0
        assert v.foreign == [], v.foreign  # not even the javascript:/evil links were fetched
        assert v.page.locator('[data-testid="stSidebar"]').is_visible() or path in ("praesentation", "mitmachen")
        text = v.text()
        if path == "":
            assert "**fett** _kursiv_ # Überschrift $x^2$ {{7*7}}" in text  # Markdown shown, not rendered
        if path == "karte":
            html = "".join(f.content() for f in v.page.frames if f != v.page.main_frame)
            assert "<img src=x onerror" not in html.replace("&lt;img", "")
        if path == "erkenntnisse":
            # only the open tab is rendered: open each research question and check it too
            tabs = v.page.get_by_role("tab")
            assert tabs.count() == 7
            for i in range(1, tabs.count()):
                tabs.nth(i).click()
                v.wait()
                assert v.page.get_by_role("tab").nth(i).get_attribute("aria-selected") == "true"
                assert xss_markers(v.page) == [] and dialogs == []
        # no element may carry an event handler or javascript: URL taken from the data
        assert (
            v.page.evaluate(
                "() => [...document.querySelectorAll('a[href^=\"javascript:\"], [onerror], [onload]')].length"
            )
            == 0
        )
    finally:
        v.close()


def test_csv_export_is_neutralised(browser, hostile_server):
    v = make_visit(browser, hostile_server)
    try:
        v.open("daten")
        button = v.page.locator('[data-testid="stDownloadButton"] button', has_text="CSV").first
        with v.page.expect_download() as info:
            button.click()
        data = Path(info.value.path()).read_bytes()
        text = data.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        cells = [c for row in rows[1:] for c in row]
        assert cells, "the export has rows"
        assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells if c), [
            c for c in cells if c.startswith(("=", "+", "-", "@"))
        ][:5]
        assert any(c.startswith("'=HYPERLINK") or c.startswith("'@SUMME") for c in cells)
        json.dumps(rows[:2])
    finally:
        v.close()
