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
        page.context.close()
