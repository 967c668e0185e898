"""The slides in real Chromium: each fits the projector's screen without scrolling (1280×720, 1920×1080),
a visible link leads back to where they were opened, and changing slides adds no browser history."""

from __future__ import annotations

import pytest

from study.findings import evidence_plan
from study.package import load_package

from .conftest import make_visit

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"] .main-svg'
# Everything a slide must show at once; each must lie wholly on the screen.
PARTS = {
    "heading": '[data-testid="stMain"] h1, [data-testid="stMain"] h2',
    "number": '.st-key-folie_kopf [data-testid="stMarkdown"]',
    "exit": '.st-key-folie_kopf [data-testid="stPageLink"]',
    "back": ".st-key-folie_zurueck button",
    "next": ".st-key-folie_weiter button",
}


def _slides_of_each_kind() -> list[int]:
    """The title slide, the first finding, one slide per kind of chart, and the closing slide."""
    package = load_package()
    findings = package.findings.sort_values("research_question", kind="stable")
    numbers, kinds = [1, 2], set()
    for number, (_, row) in enumerate(findings.iterrows(), start=2):
        kind = evidence_plan(package, row["finding_id"], int(row["research_question"])).kind
        if kind not in kinds:
            kinds.add(kind)
            numbers.append(number)
    numbers.append(len(findings) + 2)
    return sorted(set(numbers))


def _on_screen(visit, selector: str) -> dict:
    return visit.page.evaluate(
        """(selector) => {
            const el = [...document.querySelectorAll(selector)].find(e => e.getBoundingClientRect().height > 0);
            if (!el) return null;
            const r = el.getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height,
                    vw: window.innerWidth, vh: window.innerHeight};
        }""",
        selector,
    )


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_each_slide_fits_the_screen_without_scrolling(browser, app_server, size):
    visit = make_visit(browser, app_server, viewport=size)
    numbers = _slides_of_each_kind()
    try:
        for number in numbers:
            visit.open("praesentation", f"folie={number}")
            finding = number not in (1, numbers[-1])
            # Elements arrive as placeholders first (Streamlit's skeletons): wait for the real ones.
            for selector in [*PARTS.values(), *([CHART] if finding else [])]:
                visit.page.wait_for_selector(selector, timeout=30_000)
            visit.page.wait_for_timeout(300)
            scroll = visit.page.evaluate(
                """() => { const m = document.querySelector('[data-testid="stMain"]');
                           return [m.scrollHeight, m.clientHeight, document.documentElement.scrollHeight,
                                   window.innerHeight, m.scrollWidth, m.clientWidth]; }"""
            )
            assert scroll[0] <= scroll[1] + 1 and scroll[2] <= scroll[3] + 1, (number, size, scroll)
            assert scroll[4] <= scroll[5] + 1, (number, size, scroll)
            parts = dict(PARTS, **({"chart": CHART} if finding else {}))
            for name, selector in parts.items():
                box = _on_screen(visit, selector)
                assert box is not None, (number, name)
                assert box["top"] >= 0 and box["bottom"] <= box["vh"] + 0.5, (number, size, name, box)
                assert box["left"] >= 0 and box["right"] <= box["vw"] + 0.5, (number, size, name, box)
            if finding:
                # the chart takes the room the text leaves: a real chart, not a sliver
                chart = _on_screen(visit, CHART)
                assert chart["height"] >= 0.3 * size[1], (number, size, chart)
                visit.screenshot(f"slide-{size[0]}x{size[1]}-{number}")
        assert visit.foreign == []
    finally:
        visit.close()


def test_exit_link_leads_back_to_the_page_the_slides_came_from(visit):
    visit.open("karte", "praesentation=1&folie=3")
    assert "/praesentation" in visit.page.url and "von=karte" in visit.page.url
    link = visit.page.locator(PARTS["exit"]).first
    link.wait_for(timeout=20_000)
    assert link.is_visible() and "Karte" in link.inner_text()
    link.click()
    visit.page.wait_for_url("**/karte*", timeout=20_000)
    visit.wait()
    assert "/karte" in visit.page.url and "/praesentation" not in visit.page.url
    # opened from the navigation, the way out leads to the page the visitor was on
    visit.open("akteure")
    visit.page.locator('[data-testid="stSidebarNav"] a[href$="/praesentation"]').click()
    visit.page.wait_for_url("**/praesentation*", timeout=20_000)
    visit.wait()
    link = visit.page.locator(PARTS["exit"]).first
    link.wait_for(timeout=20_000)
    assert "Akteure" in link.inner_text()


def test_changing_slides_adds_no_history_entry(visit):
    visit.open("kooperation")
    visit.open("praesentation", "folie=1")
    length = visit.page.evaluate("history.length")
    for expected in (2, 3, 4):
        # the key is bound once the button itself has arrived (not its placeholder)
        visit.page.locator(PARTS["next"]).wait_for(timeout=20_000)
        visit.page.keyboard.press("ArrowRight")
        visit.page.wait_for_url(f"**folie={expected}*", timeout=20_000)
        visit.wait()
        assert f"{expected} / " in visit.text()
    visit.page.locator(PARTS["back"]).click()
    visit.page.wait_for_url("**folie=3*", timeout=20_000)
    visit.wait()
    assert visit.page.evaluate("history.length") == length
    # one step back leaves the slides for the page before them
    visit.page.go_back()
    visit.page.wait_for_url("**/kooperation*", timeout=20_000)
    assert "/praesentation" not in visit.page.url
