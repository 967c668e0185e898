"""The map in the real browser: markers drawn from the app's own scripts, legend and attribution,
click or keyboard (Tab, Enter) on a marker selects the municipality in the shared filters."""

from __future__ import annotations

import re

import pytest

from components import map_texts
from components.i18n import fmt_pct, pick
from study import aggregate
from study.package import load_package
from study.selection import Filters, select

from .conftest import make_visit

pytestmark = pytest.mark.browser


def test_map_loads_nothing_external_and_click_or_enter_selects(browser, app_server):
    package = load_package()
    demo = aggregate.municipality_profiles(select(package, Filters()))
    v = make_visit(browser, app_server, viewport=(1400, 1400))
    page = v.page
    try:
        v.open("karte")
        frame = page.frame_locator("iframe[title*='st_folium']")
        markers = frame.locator(".ka-m")
        markers.first.wait_for(timeout=30_000)
        assert markers.count() == len(demo)
        assert "Farbe und Zahl im Kreis" in frame.locator(".ka-legend").inner_text()
        assert "GeoBasis-DE / BKG 2021" in frame.locator(".leaflet-control-attribution").inner_text()
        first = demo.iloc[0]
        assert markers.first.get_attribute("aria-label") == (
            f"{first['name']}: {pick(map_texts.TEXTS, 'share_existing', 'de')} {fmt_pct(first['share_existing'])}"
        )
        target = demo.iloc[2]
        for _ in range(3):  # the first click may land while the map is still settling
            markers.nth(2).click()
            try:
                page.wait_for_url(re.compile(rf"kommune={target['municipality_id']}"), timeout=5_000)
                break
            except Exception:  # noqa: BLE001 - retry the click
                continue
        assert f"kommune={target['municipality_id']}" in page.url
        v.wait()
        frame = page.frame_locator("iframe[title*='st_folium']")
        frame.locator(".ka-m").first.wait_for(timeout=30_000)
        assert frame.locator(".ka-m").count() == 1
        # Clear the selection, then select by keyboard: focus a marker, press Enter.
        page.get_by_role("button", name="Kommunen-Auswahl aufheben").click()
        page.wait_for_url(re.compile(r"/karte$"), timeout=10_000)
        v.wait()
        frame = page.frame_locator("iframe[title*='st_folium']")
        frame.locator(".ka-m").nth(len(demo) - 1).wait_for(timeout=30_000)
        keyed = demo.iloc[3]
        frame.locator(".ka-m").nth(3).focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(rf"kommune={keyed['municipality_id']}"), timeout=10_000)
        assert v.foreign == []
    finally:
        v.close()


# The circles' and the legend's boxes in the map's frame (CSS pixels of the frame).
GEOMETRY = """() => {
  const box = e => { const b = e.getBoundingClientRect(); return {x: b.x, y: b.y, w: b.width, h: b.height}; };
  const legend = document.querySelector('.ka-legend');
  return {
    markers: [...document.querySelectorAll('.ka-m')].map(e => ({label: e.getAttribute('aria-label'), ...box(e)})),
    legend: box(legend), open: legend.open, map: box(document.querySelector('.leaflet-container')),
    attribution: box(document.querySelector('.leaflet-control-attribution')),
    scale: box(document.querySelector('.leaflet-control-scale')),
  };
}"""


def _map_frame(page):
    page.frame_locator("iframe[title*='st_folium']").locator(".ka-m").first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)  # the fit and the declutter run right after the markers are added
    return next(f for f in page.frames if f.locator(".ka-legend").count())


def _overlap(a, b) -> bool:
    return (
        a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]
    )


def _centre(m) -> tuple[float, float]:
    return m["x"] + m["w"] / 2, m["y"] + m["h"] / 2


@pytest.mark.parametrize("size", [(1366, 900), (390, 844)])
def test_legend_covers_no_circle_and_circles_do_not_overlap(browser, app_server, size):
    v = make_visit(browser, app_server, viewport=size)
    try:
        v.open("karte")
        frame = _map_frame(v.page)
        g = frame.evaluate(GEOMETRY)
        assert len(g["markers"]) == len(aggregate.municipality_profiles(select(load_package(), Filters())))
        # Open on a wide map, a small "Legende" button on a phone.
        assert g["open"] is (size[0] > 600)
        # The data's attribution (a licence condition) and the scale bar are both readable, neither covers the other.
        assert not _overlap(g["attribution"], g["scale"]), (g["attribution"], g["scale"])
        for control in ("attribution", "scale"):
            box = g[control]
            assert g["map"]["x"] <= box["x"] and box["x"] + box["w"] <= g["map"]["x"] + g["map"]["w"] + 1, control
        for m in g["markers"]:
            assert not _overlap(m, g["legend"]), m["label"]
            assert g["map"]["x"] <= m["x"] and m["x"] + m["w"] <= g["map"]["x"] + g["map"]["w"], m["label"]
        for i, a in enumerate(g["markers"]):
            for b in g["markers"][i + 1 :]:
                (ax, ay), (bx, by) = _centre(a), _centre(b)
                assert ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 >= (a["w"] + b["w"]) / 2 - 1, (a["label"], b["label"])
        if size[0] < 600:
            # Opening the legend on a phone fits the map again beside it.
            frame.locator(".ka-legend summary").click()
            v.page.wait_for_timeout(500)
            g = frame.evaluate(GEOMETRY)
            assert g["open"] is True
            assert not any(_overlap(m, g["legend"]) for m in g["markers"])
        v.screenshot(f"karte-legend-{size[0]}x{size[1]}")
        assert v.foreign == []
    finally:
        v.close()


def test_map_zooms_to_the_filtered_states(browser, app_server):
    demo = aggregate.municipality_profiles(select(load_package(), Filters()))
    two = demo.dropna(subset=["lat"]).sort_values("lat").iloc[[0, 1]]
    states = "&".join(f"land={s}" for s in two["state"])
    v = make_visit(browser, app_server, viewport=(1366, 900))

    def spread(query: str) -> float:
        v.open("karte", query)
        g = _map_frame(v.page).evaluate(GEOMETRY)
        centres = [_centre(m) for m in g["markers"] if m["label"].split(":")[0] in set(two["name"])]
        assert len(centres) == 2
        (ax, ay), (bx, by) = centres
        return ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5

    try:
        whole = spread("")
        zoomed = spread(states)
        assert zoomed > 1.5 * whole, (whole, zoomed)
    finally:
        v.close()
