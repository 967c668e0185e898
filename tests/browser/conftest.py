"""Browser fixtures: the real app under `streamlit run`, driven by Playwright in Debian's Chromium.

Chromium sends every request for a host other than this machine to a closed proxy port, so it fails, and
every page records such requests: each test also proves that the app works offline and sends visitors'
addresses to nobody else. The block sits in the browser, not in a Playwright route, because a route sends
every request through this Python process and switches Chromium's HTTP cache off.

One Chromium per session (per xdist worker), one demo server per session; a tab (``make_visit``) opens in a
browser context shared by the tabs of the same kind (size, phone or not), so Streamlit's frontend is fetched
and compiled once per kind and not once per test. A tab that needs a browser of its own (a participant's
phone among thirty) asks for ``own_context``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "browser"
READY = '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'

pytestmark = pytest.mark.browser
# Debian's Chromium, quiet and offline: no first-run, update or sync requests (the benchmarks use them too).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Loopback is never proxied (Chromium's implicit bypass); everything else fails at this closed port.
    "--proxy-server=http://127.0.0.1:9",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path


def start_server(data: Path | None, name: str) -> Server:
    port = _free_port()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    # One log per xdist worker: each worker starts its own servers.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    log = OUTPUT / (f"server-{name}-{worker}.log" if worker else f"server-{name}.log")
    env = dict(os.environ)
    if data is not None:
        env["STUDY_DATA"] = str(data)
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "dashboard.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return Server(url, process, log)
        except OSError:
            time.sleep(0.05)  # short: the benchmark times the start with this
    process.kill()
    raise RuntimeError(f"streamlit did not start; see {log}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def app_server() -> Iterator[Server]:
    server = start_server(None, "demo")
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is missing: `make test` installs it with apt (package chromium).")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=executable,
            args=CHROMIUM_ARGS,
        )
        yield b
        b.close()


def is_foreign(url: str, origin: str) -> bool:
    """A request that leaves the app: another host or port (data:, blob: and about: stay in the page)."""
    return not url.startswith(("data:", "blob:", "about:")) and urlparse(url).netloc not in (origin, "")


@dataclass
class Visit:
    """A browser tab on the app that records what it tried to load from elsewhere."""

    page: object
    base: str
    own_context: bool = False
    foreign: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def open(self, path: str = "", query: str = "") -> Visit:
        url = f"{self.base}/{path}" + (f"?{query}" if query else "")
        self.page.goto(url)
        self.wait()
        return self

    def wait(self, timeout: float = 30_000) -> None:
        self.page.wait_for_selector(READY, timeout=timeout)
        # A rerun may start right after a widget event; settle until the script is idle again.
        self.page.wait_for_timeout(300)
        self.page.wait_for_selector(READY, timeout=timeout)

    def text(self) -> str:
        return self.page.inner_text('[data-testid="stMain"]')

    def screenshot(self, name: str) -> Path:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        path = OUTPUT / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        """Close the tab; in a shared context, forget what the app stored so the next tab starts fresh."""
        if self.own_context:
            self.page.context.close()
            return
        with contextlib.suppress(Exception):  # a page that crashed or is already closed has nothing to clear
            self.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        self.page.close()


# Shared browser contexts: (id of the browser, context options) -> context. A context closed by a test is
# dropped and made again on the next request.
_CONTEXTS: dict[tuple, object] = {}


def _context(browser, options: dict):
    key = (id(browser), repr(sorted(options.items())))
    context = _CONTEXTS.get(key)
    if context is None or context.browser is not browser:
        context = browser.new_context(**options)
        _CONTEXTS[key] = context
        context.on("close", lambda _c: _CONTEXTS.pop(key, None))
    return context


def make_visit(browser, server: Server, viewport=(1366, 768), own_context: bool = False, **context_args) -> Visit:
    options = dict(
        viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True, locale="de-DE", **context_args
    )
    if own_context:
        page = browser.new_context(**options).new_page()
    else:
        context = _context(browser, options)
        # Cookies are not kept apart by port: an earlier test's server (another port) may have left its own
        # XSRF cookie, which this server refuses on an upload. A new tab starts without cookies, as a new
        # context would.
        context.clear_cookies()
        page = context.new_page()
    origin = urlparse(server.url).netloc
    visit = Visit(page, server.url, own_context)
    page.on("request", lambda r: visit.foreign.append(r.url) if is_foreign(r.url, origin) else None)
    page.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error" else None)
    return visit


@pytest.fixture
def visit(browser, app_server) -> Iterator[Visit]:
    v = make_visit(browser, app_server)
    yield v
    v.close()
