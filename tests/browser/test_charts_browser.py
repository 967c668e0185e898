"""Charts in the browser (issue 14): a chart's data download for German Excel, and its PNG export.

The download is the chart's own table: its numbers are the ones written on the bars. The PNG export
is plotly's camera button, the only button of a bar chart's toolbar; the image carries the title and
the source line (selection, n, source, date, "Demodaten"), and the toolbar does not cover the title.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

# The plotly figure of the chart whose title starts with the given text, as the browser holds it.
FIGURE_JS = """(start) => {
    const gd = [...document.querySelectorAll('.js-plotly-plot')]
        .find(g => g.layout && g.layout.title && String(g.layout.title.text).startsWith(start));
    if (!gd) return null;
    const box = el => { if (!el) return null; const r = el.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
    return {
        text: gd.data.map(t => t.text),
        subtitle: (gd.layout.title.subtitle || {}).text || '',
        config: {buttons: gd._context.modeBarButtons, image: gd._context.toImageButtonOptions},
        nButtons: gd.querySelectorAll('.modebar-btn').length,
        modebar: box(gd.querySelector('.modebar')),
        title: box(gd.querySelector('.gtitle')),
        subtitleBox: box(gd.querySelector('.gtitle-subtitle')),
    };
}"""


def _figure(visit, start: str, timeout: float = 60_000) -> dict:
    # 60 s: the machine running the tests is shared; a chart far down a page can take long under load
    visit.page.wait_for_function(f"() => ({FIGURE_JS})({start!r}) !== null", timeout=timeout)
    return visit.page.evaluate(FIGURE_JS, start)


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
    )


def test_chart_data_downloads_as_csv_for_german_excel_with_the_numbers_on_the_bars(visit):
    visit.open("kooperation")
    figure = _figure(visit, "Wege, Partner zu gewinnen")
    on_bars = figure["text"][0]
    button = visit.page.locator(".st-key-koop_winning_csv button")
    button.scroll_into_view_if_needed()
    with visit.page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "wege-partner-zu-gewinnen_demodaten.csv"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the umlauts
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8")), delimiter=";"))
    assert len(rows[0]) == 3 and rows[0][1].endswith("(%)")  # ";"-separated, shares in percent
    assert len(rows) - 1 == len(on_bars)
    written = [f"{cell}\u00a0%" if not cell.startswith("< ") else cell for cell in (r[1] for r in rows[1:])]
    assert written == on_bars  # the same numbers as on the screen, the same withheld cells
    visit.screenshot("charts-kooperation")


def test_xlsx_download_is_one_click(visit):
    visit.open("akteure")
    _figure(visit, "Teilnehmende Akteure")
    button = visit.page.locator(".st-key-akteure_participants_xlsx button")
    with visit.page.expect_download() as info:
        button.click()
    data = Path(info.value.path()).read_bytes()
    assert data[:2] == b"PK"  # an .xlsx is a zip
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Daten", "Info"]
    info_values = [c.value for row in workbook["Info"].iter_rows() for c in row]
    assert any(isinstance(v, str) and "Demodaten" in v for v in info_values)


def test_png_export_carries_title_and_source_and_the_toolbar_is_only_the_camera(visit):
    visit.open("akteure")
    figure = _figure(visit, "Teilnehmende Akteure")
    # the source line is part of the figure, so the PNG made from it carries it
    for part in ("Auswahl:", "Quelle:", "Stand:", "Demodaten"):
        assert part in figure["subtitle"], figure["subtitle"]
    assert figure["config"]["buttons"] == [["toImage"]]
    assert figure["config"]["image"]["format"] == "png"
    assert figure["config"]["image"]["filename"].startswith("teilnehmende-akteure-nach")
    assert figure["nButtons"] == 1  # no zoom or pan on a bar chart
    assert figure["modebar"] and figure["title"] and figure["subtitleBox"]
    assert not _overlap(figure["modebar"], figure["title"])
    assert not _overlap(figure["modebar"], figure["subtitleBox"])
    chart = visit.page.locator(".js-plotly-plot").first
    chart.hover()
    with visit.page.expect_download() as info:
        chart.locator(".modebar-btn").first.click()
    png = Path(info.value.path()).read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    from .conftest import OUTPUT

    (OUTPUT / "charts-export.png").write_bytes(png)


@pytest.mark.parametrize("viewport", [(1280, 720), (1920, 1080), (390, 844)])
def test_toolbar_does_not_cover_the_title_at_each_size(browser, app_server, viewport):
    from .conftest import make_visit

    visit = make_visit(browser, app_server, viewport=viewport)
    try:
        visit.open("kooperation")
        for start in ("Bestehende, geplante", "Wege, Partner"):
            figure = _figure(visit, start)
            assert figure["nButtons"] == 1
            assert not _overlap(figure["modebar"], figure["title"]), (viewport, start, figure)
            assert not _overlap(figure["modebar"], figure["subtitleBox"]), (viewport, start, figure)
    finally:
        visit.close()
