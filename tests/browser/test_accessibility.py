"""Accessibility in the real browser: axe-core (WCAG 2.0/2.1 A and AA) on every page in both
languages and inside the map's iframe, the document language, and keyboard-only use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from components.app.pages import PAGES as ALL_PAGES

from .conftest import OUTPUT, make_visit

pytestmark = pytest.mark.browser

# URL paths; the first page is the root
PAGES = ["" if i == 0 else spec.url_path for i, spec in enumerate(ALL_PAGES)]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def run_axe(frame) -> dict:
    frame.evaluate(axe_source())
    return frame.evaluate(
        "opts => axe.run(document, opts)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations", "incomplete"]},
    )


def summarise(violations) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:3])
        for v in violations
    ]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(browser, app_server, path, lang):
    v = make_visit(browser, app_server)
    try:
        v.open(path, "sprache=en" if lang == "en" else "")
        v.page.wait_for_timeout(1000)
        # the frame sets the document language right after the first render
        v.page.wait_for_function("l => document.documentElement.lang === l", arg=lang, timeout=20_000)
        results = run_axe(v.page)
        frames = [f for f in v.page.frames if f != v.page.main_frame and f.url.startswith(app_server.url)]
        for f in frames:
            inner = run_axe(f)
            results["violations"] += inner["violations"]
            results["incomplete"] += inner["incomplete"]
        OUTPUT.mkdir(parents=True, exist_ok=True)
        (OUTPUT / f"axe-{path or 'ueberblick'}-{lang}.json").write_text(
            json.dumps({"violations": results["violations"], "incomplete": results["incomplete"]}, indent=1)
        )
        assert summarise(results["violations"]) == []
    finally:
        v.close()
