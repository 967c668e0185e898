"""The published set-up in Chromium: every page through nginx under the base path, with the security headers,
compressed assets, and no Content-Security-Policy violation (map frame and plotly charts included).

nginx and Streamlit are started as ``make serve`` starts them (``deploy.serve.start_stack``) in a temp folder on
free ports. A violation is caught twice: the ``securitypolicyviolation`` event, reported from every frame, and
Chromium's own console message ("Refused to …").
"""

from __future__ import annotations

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest

from components.app.pages import PAGES
from deploy import proxy, serve

from .conftest import READY, make_visit
from .test_e2e import choose_in_multiselect

pytestmark = pytest.mark.browser

ST_JS = proxy._streamlit_static() / "static" / "js"
CHART_PAGES = {"kompass", "akteure", "kooperation", "herausforderungen", "erkenntnisse"}
PARTNER_PORT = serve.free_port()
# Another origin on the loopback interface (Chromium does not let a public site frame a local address at all).
PARTNER = f"http://localhost:{PARTNER_PORT}"
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', e => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} in ${e.sourceFile}:${e.lineNumber}`);
}, true);
"""


def _nginx_missing() -> bool:
    return shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if _nginx_missing():
        pytest.fail("nginx fehlt: `make test` installiert es (make nginx).")
    settings = proxy.Settings(prefix=tmp_path_factory.mktemp("nginx"), listen=f"127.0.0.1:{serve.free_port()}")
    s = serve.start_stack(settings)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def partner_proxy(stack, tmp_path_factory):
    """A second nginx in front of the same app that lets the partner site embed it."""
    settings = proxy.Settings(
        prefix=tmp_path_factory.mktemp("nginx-partner"),
        listen=f"127.0.0.1:{serve.free_port()}",
        upstream=stack.settings.upstream,
        frame_ancestors=["'self'", PARTNER],
    )
    process = proxy.start(settings)
    yield f"http://127.0.0.1:{settings.port}{settings.base}"
    proxy.stop(process)


def proxied_visit(browser, url: str, viewport=(1366, 768)):
    v = make_visit(browser, SimpleNamespace(url=url), viewport=viewport)
    v.page.add_init_script(REPORT_VIOLATIONS)
    v.responses = []
    v.page.on("response", lambda r: v.responses.append(r))
    return v


def violations(v) -> list[str]:
    return [m for m in v.console_errors if "CSP violation" in m or "Content Security Policy" in m]


def test_violation_reporting_works(browser, stack):
    """The control: an inline script the policy does not know is reported (so silence below means something)."""
    v = proxied_visit(browser, stack.url)
    try:
        v.open()
        v.page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = '1'; document.body.append(s); }"
        )
        v.page.wait_for_timeout(300)
        assert any("script-src" in m for m in violations(v)), v.console_errors
    finally:
        v.close()


# The first page is the default one, at the base path itself.
@pytest.mark.parametrize("path", ["", *(spec.url_path for spec in PAGES[1:])])
def test_every_page_renders_through_the_proxy_without_csp_violation(browser, stack, path):
    v = proxied_visit(browser, stack.url)
    try:
        response = v.page.goto(f"{stack.url}/{path}")
        v.wait(timeout=90_000)
        page = v.page
        headers = response.all_headers()
        assert "frame-ancestors 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert page.locator('[data-testid="stException"]').count() == 0, v.text()[:500]
        assert len(v.text()) > 100
        if path in CHART_PAGES:
            page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        if path == "karte":
            frame = page.frame_locator("iframe[title*='st_folium']")
            frame.locator(".ka-m").first.wait_for(timeout=30_000)
            assert frame.locator(".ka-m").count() > 0
            assert frame.locator(".leaflet-container").count() == 1
            proxied = [r for r in v.responses if "/component/" in r.url and r.url.endswith(".js")]
            assert proxied and all(r.all_headers().get("content-encoding") == "gzip" for r in proxied)
        page.wait_for_timeout(1000)  # late scripts, fonts and frames
        assert violations(v) == []
        assert v.foreign == []
        assert all(r.url.startswith(stack.url.rsplit("/", 1)[0]) for r in v.responses)
        # Every Streamlit bundle of 1 KB or more came compressed (smaller ones are not worth it).
        scripts = [r for r in v.responses if r.url.startswith(f"{stack.url}/static/js/") and r.status == 200]
        large = [r for r in scripts if (ST_JS / r.url.rsplit("/", 1)[1]).stat().st_size >= proxy.MIN_GZIP_BYTES]
        assert large and [r.url for r in large if r.all_headers().get("content-encoding") != "gzip"] == []
    finally:
        v.close()


def test_language_switch_and_filter_through_the_websocket(browser, stack):
    """Reruns over the proxied WebSocket; the English page sets lang by the second allowed inline script."""
    v = proxied_visit(browser, stack.url)
    try:
        v.open("akteure")
        before = v.text()
        choose_in_multiselect(v, "Bundesland", _first_state_label())
        assert v.text() != before and "land=" in v.page.url
        v.page.locator('[data-testid="stSidebar"] label', has_text="English").click()
        v.wait(timeout=90_000)
        v.page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=10_000)
        assert "sprache=en" in v.page.url
        assert violations(v) == []
    finally:
        v.close()


def _first_state_label() -> str:
    from study.labels import Labels
    from study.package import load_package
    from study.selection import filter_options

    package = load_package()
    return Labels(package).state(filter_options(package)["state"][0])


@pytest.fixture(scope="module")
def partner_site():
    """The partner's web server: one page that embeds whatever ``?app=`` names, as the Daten page's snippet does."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            app = parse_qs(urlsplit(self.path).query)["app"][0]
            body = (
                f'<!doctype html><html lang="de"><title>Partner</title>'
                f'<iframe title="Atlas" src="{app}/?embed=true" width="1100" height="800"></iframe></html>'
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", PARTNER_PORT), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield PARTNER
    server.shutdown()
    server.server_close()


def _partner_page(browser, site: str, app_url: str):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{site}/?app={app_url}")
    return page, errors


def test_partner_site_cannot_frame_by_default(browser, stack, partner_site):
    page, errors = _partner_page(browser, partner_site, stack.url)
    try:
        page.wait_for_timeout(3000)
        frame = next(f for f in page.frames if f != page.main_frame)
        assert frame.locator('[data-testid="stApp"]').count() == 0
        assert any("frame-ancestors" in e for e in errors), errors
    finally:
        page.context.close()


def test_configured_partner_site_can_embed(browser, partner_proxy, partner_site):
    page, errors = _partner_page(browser, partner_site, partner_proxy)
    try:
        frame = page.frame_locator("iframe[title='Atlas']")
        frame.locator(READY).wait_for(timeout=60_000)
        assert "Kooperationsatlas" in frame.locator('[data-testid="stMain"]').inner_text()
        assert not [e for e in errors if "Content Security Policy" in e or "frame-ancestors" in e]
    finally:
        page.context.close()
