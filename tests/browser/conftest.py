"""Browser fixtures: the real app under `streamlit run`, driven by Playwright in Debian's Chromium.

Every page blocks requests that leave the app's origin and records them, so each test also proves
that the app works offline and sends visitors' addresses to nobody else.
"""

from __future__ import annotations

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
    log = OUTPUT / f"server-{name}.log"
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


@dataclass
class Visit:
    """A browser tab on the app that records what it tried to load from elsewhere."""

    page: object
    base: str
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


def make_visit(browser, server: Server, viewport=(1366, 768), **context_args) -> Visit:
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True, locale="de-DE", **context_args
    )
    page = context.new_page()
    origin = urlparse(server.url).netloc
    visit = Visit(page, server.url)

    def route(r):
        if urlparse(r.request.url).netloc in (origin, "") or r.request.url.startswith(("data:", "blob:", "about:")):
            r.continue_()
        else:
            visit.foreign.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error" else None)
    return visit


@pytest.fixture
def visit(browser, app_server) -> Iterator[Visit]:
    v = make_visit(browser, app_server)
    yield v
    v.page.context.close()
