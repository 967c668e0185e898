"""What the README's user guide shows and promises: a screenshot of every page, the overview under its own
address, and no emoji favicon.

Every run writes the screenshots to test-output/browser/screenshots/; only `make screenshots`
(UPDATE_SCREENSHOTS=1) copies them to docs/screenshots/, so that `make test` leaves a clean clone clean."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from components.app.pages import PAGES

from .conftest import OUTPUT, make_visit
from .test_mobile import _open

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TAKEN = OUTPUT / "screenshots"
UPDATE = os.environ.get("UPDATE_SCREENSHOTS") == "1"
SIZE = (1280, 800)
PATHS = ["" if i == 0 else spec.url_path for i, spec in enumerate(PAGES) if spec.visibility == "visible"]


def screenshot_name(path: str) -> str:
    return f"{path or 'ueberblick'}.jpg"


@pytest.mark.parametrize("path", PATHS)
def test_screenshot_of_every_page_for_the_readme(browser, app_server, path):
    v = make_visit(browser, app_server, viewport=SIZE)
    try:
        _open(v, path)
        assert v.page.locator('[data-testid="stException"]').count() == 0
        TAKEN.mkdir(parents=True, exist_ok=True)
        target = TAKEN / screenshot_name(path)
        v.page.screenshot(path=str(target), type="jpeg", quality=70)
        assert target.stat().st_size > 10_000
        assert v.foreign == []
        if UPDATE:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(target, SCREENSHOTS / target.name)
    finally:
        v.close()


def test_readme_shows_every_screenshot():
    readme = (SCREENSHOTS.parents[1] / "README.md").read_text(encoding="utf-8")
    for path in PATHS:
        assert f"docs/screenshots/{screenshot_name(path)}" in readme
        assert (SCREENSHOTS / screenshot_name(path)).is_file(), "make screenshots writes the missing picture"


def test_overview_address_opens_the_overview_with_its_filters(browser, app_server):
    v = make_visit(browser, app_server)
    try:
        v.open("ueberblick", "land=DE-BY")
        v.page.wait_for_url("**/?land=DE-BY")
        v.wait()
        assert v.page.get_by_text("Page not found").count() == 0
        assert v.page.locator('[data-testid="stMain"] h1').first.inner_text() == "Kooperationsatlas"
        # The favicon is the app's own picture, neither an emoji (a box without an emoji font) nor Google's.
        icon = v.page.evaluate("document.querySelector(\"link[rel='shortcut icon']\").href")
        assert icon.startswith(app_server.url + "/media/") and icon.endswith(".png")
        assert v.foreign == []
    finally:
        v.close()
