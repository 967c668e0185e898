"""First load and filter change in Chromium, direct and through the gzip proxy, next to a one-line app.

Starts the dashboard and a one-line Streamlit app (a multiselect in the sidebar and its value), each behind
its own nginx from ``deploy/`` (``deploy.serve.start_stack``, as ``make serve``), and measures in Debian's
Chromium, for every page, once straight from Streamlit and once through nginx:

- **first view**: a fresh browser profile (empty cache, as a first visit) opens the page; the time from the
  start of navigation until the first chart is drawn (plotly's SVG, or the map's markers in its frame), or,
  on a page without a chart, until the script has finished and its content is on screen. The one-line app:
  until its content is on screen.
- **repeat visit**: the same page opened again in the same profile (hashed assets from the browser cache).
- **filter change**: a state chosen in the sidebar's "Bundesland" filter → the last change on screen (a
  MutationObserver in the page and in the map's frame; the rerun is finished and the page quiet for 0.5 s).
  The one-line app: the same choice in its multiselect.
- **bytes**: everything the first visit transferred (HTTP bodies and headers as sent, plus WebSocket frames).

Every dashboard measurement is followed by the one-line app's, in the same mode, so both see the same load on
this shared machine; "× bare" is median page / median one-line app. Targets (issue 14): first chart ≤ 2× and
filter change ≤ 2× the one-line app. Writes benchmarks/results/first_load.json. ``make bench-first-load``;
FIRST_LOAD_REPEATS (default 2) and FIRST_LOAD_PAGES (comma-separated paths, default the seven pages with
the study's figures) change what is run.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser.conftest import CHROMIUM_ARGS  # noqa: E402

from components.app.pages import PAGES  # noqa: E402
from deploy import proxy, serve  # noqa: E402
from study.labels import Labels  # noqa: E402
from study.package import load_package  # noqa: E402
from study.selection import filter_options  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
REPEATS = int(os.environ.get("FIRST_LOAD_REPEATS", "2"))
# The pages with the study's figures (presentation, data, accessibility and voting are left out for time).
DATA_PAGES = ("ueberblick", "kompass", "karte", "akteure", "kooperation", "herausforderungen", "erkenntnisse")
# The first page is the default one, served at the base path itself ("/ueberblick" shows "Page not found").
DEFAULT_PAGES = [("" if i == 0 else spec.url_path) for i, spec in enumerate(PAGES) if spec.url_path in DATA_PAGES]
MEASURED = [p for p in os.environ.get("FIRST_LOAD_PAGES", "").split(",") if p] or DEFAULT_PAGES
FILTER_LABEL = "Bundesland"
BARE_OPTIONS = ["Baden-Württemberg", "Bayern", "Berlin"]
BARE_APP = f"""import streamlit as st
st.write(st.sidebar.multiselect("{FILTER_LABEL}", {BARE_OPTIONS!r}))
"""
TARGET = 2.0
TIMEOUT = int(os.environ.get("FIRST_LOAD_TIMEOUT", "300000"))  # ms; a loaded 2-core machine needs minutes

# Runs in the top frame from the first byte: when the app is ready and when the first chart or map was drawn.
CLOCK = """
if (window === window.top) {
  window.__t = {};
  const tick = () => {
    const now = performance.now(), t = window.__t;
    const app = document.querySelector('[data-testid="stApp"]');
    const content = document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]');
    if (!t.ready && app && content && app.dataset.testConnectionState === 'CONNECTED'
        && app.dataset.testScriptState === 'notRunning') t.ready = now;
    if (!t.plotEl && document.querySelector('[data-testid="stPlotlyChart"]')) t.plotEl = now;
    if (!t.chart && document.querySelector('.js-plotly-plot .main-svg')) t.chart = now;
    const frame = document.querySelector("iframe[title*='st_folium']");
    try {
      if (!t.map && frame && frame.contentDocument && frame.contentDocument.querySelector('.leaflet-marker-pane > *, .ka-m'))
        t.map = now;
    } catch (e) {}
  };
  setInterval(tick, 20);
}
"""
# Installed before a filter change: the time of the click and of the last change on screen since.
WATCH = """
() => {
  window.__m = 0; window.__click = 0;
  document.addEventListener('mousedown', () => { window.__click = performance.now(); window.__m = 0; }, {capture: true, once: true});
  const seen = () => { if (window.__click) window.__m = performance.now(); };
  const opts = {subtree: true, childList: true, characterData: true};
  new MutationObserver(seen).observe(document.body, opts);
  for (const f of document.querySelectorAll('iframe')) {
    try { new MutationObserver(seen).observe(f.contentDocument.body, opts); } catch (e) {}
  }
}
"""
SETTLED = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return window.__click > 0 && window.__m > 0 && app.dataset.testScriptState === 'notRunning'
    && performance.now() - window.__m > 500;
}
"""
# Done when the script has finished and what the page draws (learnt in the warm-up: "chart", "map") is drawn.
DRAWN = """
expect => {
  const t = window.__t;
  if (!t || !t.ready) return false;
  if (expect.includes('chart') && !t.chart) return false;
  if (expect.includes('map') && !t.map) return false;
  return performance.now() - t.ready > 1000;
}
"""


def launch(p):
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise SystemExit("Chromium fehlt: `make chromium` installiert es (apt).")
    return p.chromium.launch(
        executable_path=executable,
        args=CHROMIUM_ARGS,
    )


class Meter:
    """One browser profile on one app: counts the bytes its pages receive."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="de-DE")
        self.context.add_init_script(CLOCK)
        self.page = self.context.new_page()
        self.bytes = 0
        cdp = self.context.new_cdp_session(self.page)
        cdp.send("Network.enable")
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.webSocketFrameReceived", self._frame)

    def _finished(self, event):
        self.bytes += int(event.get("encodedDataLength", 0))

    def _frame(self, event):
        payload = event["response"].get("payloadData", "")
        self.bytes += len(payload) * 3 // 4 if event["response"].get("opcode") == 2 else len(payload)

    def first_view(self, url: str, expect: tuple[str, ...] = ()) -> dict:
        """Open ``url``; seconds from navigation start to the first chart (or to the content), and bytes."""
        self.bytes = 0
        self.page.goto(url, wait_until="commit", timeout=TIMEOUT)
        self.page.wait_for_function(DRAWN, arg=list(expect), timeout=TIMEOUT, polling=100)
        t = self.page.evaluate("window.__t")
        first = min([v for k, v in t.items() if k in ("chart", "map")] or [t["ready"]])
        return {"first_view_s": first / 1000, "ready_s": t["ready"] / 1000, "bytes": self.bytes}

    def filter_change(self, label: str, option: str) -> float:
        """Choose ``option`` in the sidebar multiselect ``label``; seconds from the click to the last change."""
        page = self.page
        box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=label)
        field = box.locator("input")
        for _ in range(5):
            field.click()
            if field.get_attribute("aria-expanded") == "true":
                break
            page.wait_for_timeout(300)
        choice = page.get_by_role("option", name=option, exact=True)
        choice.wait_for(timeout=TIMEOUT)
        page.evaluate(WATCH)
        choice.click()
        page.wait_for_function(SETTLED, timeout=TIMEOUT, polling=50)
        return page.evaluate("(window.__m - window.__click) / 1000")

    def close(self):
        self.context.close()


def measure(browser, url: str, option: str, expect: tuple[str, ...] = ()) -> dict:
    """First visit, repeat visit and one filter change on one page, in a fresh profile.

    A step that does not finish within FIRST_LOAD_TIMEOUT is recorded as None (and counted), not retried.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    meter = Meter(browser)
    out = dict.fromkeys(("first_view_s", "bytes", "repeat_view_s", "repeat_bytes", "filter_change_s"))
    try:
        cold = meter.first_view(url, expect)
        out.update(first_view_s=cold["first_view_s"], bytes=cold["bytes"])
        warm = meter.first_view(url, expect)
        out.update(repeat_view_s=warm["first_view_s"], repeat_bytes=warm["bytes"])
        out["filter_change_s"] = meter.filter_change(FILTER_LABEL, option)
    except PlaywrightTimeout as error:
        out["timeout"] = str(error).splitlines()[0]
    finally:
        meter.close()
    return out


def median(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summary(samples: list[dict]) -> dict:
    keys = ("first_view_s", "repeat_view_s", "filter_change_s", "bytes", "repeat_bytes")
    out = {k: median([s[k] for s in samples]) for k in keys}
    out["timeouts"] = sum("timeout" in s for s in samples)
    out["samples"] = samples
    return out


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def fmt(value: float | None, unit: str = "", scale: float = 1, digits: int = 2) -> str:
    return "–" if value is None else f"{value / scale:.{digits}f}{unit}"


def main() -> int:
    from playwright.sync_api import sync_playwright

    package = load_package()
    option = Labels(package).state(filter_options(package)["state"][0])
    work = Path(tempfile.mkdtemp(prefix="first-load-"))
    bare_script = work / "bare_filter.py"
    bare_script.write_text(BARE_APP, encoding="utf-8")
    stacks = {}
    try:
        for name, script in (("dashboard", None), ("bare", bare_script)):
            settings = proxy.Settings(prefix=work / name, listen=f"127.0.0.1:{serve.free_port()}")
            stacks[name] = serve.start_stack(settings, script=script)
        urls = {
            (name, mode): (s.app.url if mode == "direct" else s.url)
            for name, s in stacks.items()
            for mode in ("direct", "proxy")
        }
        raw: dict = {mode: {"pages": {p: [] for p in MEASURED}, "bare": []} for mode in ("direct", "proxy")}
        started = time.monotonic()
        with sync_playwright() as p:
            browser = launch(p)
            # Warm-up: the server's first run of each page (imports, package load) is not a visitor's first load.
            # Through the proxy (the same server process), which is the quicker way in.
            # It also learns what each page draws, so a measurement waits for that and not just for the script.
            expects = {}
            for page_path in MEASURED:
                m = Meter(browser)
                m.first_view(f"{urls['dashboard', 'proxy']}/{page_path}")
                m.page.wait_for_timeout(10_000)
                t = m.page.evaluate("window.__t")
                expects[page_path] = tuple(k for k in ("chart", "map") if k in t)
                m.close()
            for mode in ("direct", "proxy"):
                m = Meter(browser)
                m.first_view(urls["bare", mode] + "/")
                m.close()
            for rep in range(REPEATS):
                for page_path in MEASURED:
                    for mode in ("direct", "proxy"):
                        page_sample = measure(
                            browser, f"{urls['dashboard', mode]}/{page_path}", option, expects[page_path]
                        )
                        bare_sample = measure(browser, urls["bare", mode] + "/", BARE_OPTIONS[0])
                        raw[mode]["pages"][page_path].append(page_sample)
                        raw[mode]["bare"].append(bare_sample)
                        print(
                            f"[{rep + 1}/{REPEATS}] {mode:6} {page_path or '(start)':18} "
                            f"first {fmt(page_sample['first_view_s'], ' s')} (bare {fmt(bare_sample['first_view_s'], ' s')})"
                            f" · filter {fmt(page_sample['filter_change_s'], ' s')}"
                            f" (bare {fmt(bare_sample['filter_change_s'], ' s')})"
                            f" · {fmt(page_sample['bytes'], ' MB', 1e6, 1)}"
                            + (f" · {page_sample['timeout']}" if "timeout" in page_sample else ""),
                            flush=True,
                        )
            browser.close()
    finally:
        for s in stacks.values():
            s.stop()
        shutil.rmtree(work, ignore_errors=True)

    results = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "repeats": REPEATS,
        "draws": {(k or PAGES[0].url_path): list(v) for k, v in expects.items()},
        "duration_s": round(time.monotonic() - started, 1),
        "targets": {"first_view_x_bare": TARGET, "filter_change_x_bare": TARGET},
        "modes": {},
    }
    lines = []
    for mode, data in raw.items():
        bare = summary(data["bare"])
        pages = {}
        for page_path, samples in data["pages"].items():
            s = summary(samples)
            s["first_view_x_bare"] = ratio(s["first_view_s"], bare["first_view_s"])
            s["filter_change_x_bare"] = ratio(s["filter_change_s"], bare["filter_change_s"])
            s["meets_targets"] = (
                s["first_view_x_bare"] is not None
                and s["filter_change_x_bare"] is not None
                and s["first_view_x_bare"] <= TARGET
                and s["filter_change_x_bare"] <= TARGET
            )
            pages[page_path or PAGES[0].url_path] = s
            lines.append(
                f"| {mode} | {page_path or PAGES[0].url_path} | {fmt(s['first_view_s'], ' s')} | "
                f"{fmt(s['first_view_x_bare'], digits=1)} | {fmt(s['repeat_view_s'], ' s')} | "
                f"{fmt(s['filter_change_s'], ' s')} | {fmt(s['filter_change_x_bare'], digits=1)} | "
                f"{fmt(s['bytes'], ' MB', 1e6)} |"
            )
        lines.append(
            f"| {mode} | one-line app | {fmt(bare['first_view_s'], ' s')} | 1.0 | {fmt(bare['repeat_view_s'], ' s')} | "
            f"{fmt(bare['filter_change_s'], ' s')} | 1.0 | {fmt(bare['bytes'], ' MB', 1e6)} |"
        )
        results["modes"][mode] = {"bare": bare, "pages": pages}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "first_load.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print("\n| Weg | Seite | erstes Diagramm | × bare | erneuter Besuch | Filterwechsel | × bare | übertragen |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(lines))
    print(f"\n{RESULTS / 'first_load.json'} ({results['duration_s']:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
