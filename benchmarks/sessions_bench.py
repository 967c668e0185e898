"""Load test: 30 sessions on one server for two minutes (a focus group's phones, plus a few browsers).

26 raw WebSocket clients speak Streamlit's own protocol (BackMsg/ForwardMsg protobufs, as the browser
does) and 4 Chromium tabs use the real page. Each session opens a chart page, then changes a sidebar
filter or the page after a think time of 0.5–2 s. Measured per filter change: from the message sent (the
click, in Chromium) to the rerun finished; errors (exceptions on the page, dropped connections,
timeouts); the server's RSS (sampled); reruns per second.

    python benchmarks/sessions_bench.py [--scale study|national] [--seconds 120] [--raw 26] [--tabs 4] [--workers N]

With ``--workers N`` (N > 1) the sessions go through nginx to N Streamlit processes, as ``make serve --workers N``
runs them (each session keeps the process it was given by the affinity cookie); RSS is the sum of the processes.

Writes benchmarks/results/sessions-<scale>.json and prints a summary. Run on a quiet machine: the
figures are the server's, and anything else on the two cores inflates them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser.conftest import CHROMIUM_ARGS, READY, start_server, stop_server  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
NATIONAL = ROOT / ".cache" / "bench" / "national"
# The pages a focus group looks at with filters; the slides and voting pages have their own flows.
PAGES = ("", "karte", "akteure", "kooperation", "herausforderungen", "kompass", "erkenntnisse")
FINISHED_FOR_RERUN = 2  # ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN: a rerun follows, keep reading
TIMEOUT_S = 60.0
MESSAGE_AGE = 2  # Streamlit's global.maxCachedMessageAge: the frontend drops a message unused for longer
TARGETS = {"study": 1.0, "national": 3.0}  # p95 of a filter change, seconds
RSS_TARGET_MB = 1536.0


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    reruns: int = 0
    bytes_received: int = 0
    # per page: reruns, ForwardMsgs and bytes the server sent for them; bytes by element type over all pages
    pages: dict[str, list[int]] = field(default_factory=dict)
    by_element: dict[str, list[int]] = field(default_factory=dict)
    # (page, filters) every raw session asked for: a rerun asking for a new one makes its views (cache misses)
    asked: set = field(default_factory=set)
    first_asks: int = 0

    def per_page(self) -> dict[str, dict]:
        return {
            page or "ueberblick": {
                "reruns": n,
                "messages_per_rerun": round(msgs / n, 1),
                "kb_per_rerun": round(size / n / 1e3, 1),
            }
            for page, (n, msgs, size) in sorted(self.pages.items())
            if n
        }

    def elements(self) -> dict[str, dict]:
        total = max(1, sum(page[0] for page in self.pages.values()))
        ordered = sorted(self.by_element.items(), key=lambda kv: -kv[1][1])
        return {
            kind: {"count_per_rerun": round(n / total, 2), "kb_per_rerun": round(size / total / 1e3, 2)}
            for kind, (n, size) in ordered
        }


def cpu_s(pids: list[int]) -> float:
    """User and system CPU time of the Streamlit server processes together, in seconds."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return total


def rss_mb(pids: list[int]) -> float:
    """RSS of the Streamlit server processes together."""
    total = 0.0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        line = next(x for x in status.splitlines() if x.startswith("VmRSS:"))
        total += int(line.split()[1]) / 1024
    return total


def affinity_cookie(base: str) -> dict[str, str]:
    """What a browser keeps from its first page: the proxy's affinity cookie (none without a proxy)."""
    import urllib.request

    with urllib.request.urlopen(f"{base}/", timeout=TIMEOUT_S) as response:
        cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]
    return {"Cookie": "; ".join(cookies)} if cookies else {}


class RawSession:
    """One session over the WebSocket, as Streamlit's frontend speaks it."""

    def __init__(self, url: str, tally: Tally, rng: random.Random, base: str):
        self.url, self.tally, self.rng, self.base = url, tally, rng, base
        self.widgets: dict[str, tuple[str, list[str]]] = {}  # key → (widget id, options)
        self.page = rng.choice(PAGES)
        # As the browser does: the hashes of the big messages it keeps (used in the last MESSAGE_AGE runs) go
        # with each rerun request, and the server sends a reference instead of such a message again.
        self.kept: dict[str, int] = {}  # hash → the run that last used it
        self.runs = 0

    async def rerun(self, ws, states: dict[str, list[str]]) -> float:
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_name = self.page
        msg.rerun_script.cached_message_hashes.extend(self.kept)
        for key, values in states.items():
            if key in self.widgets:
                w = msg.rerun_script.widget_states.widgets.add()
                w.id = self.widgets[key][0]
                w.string_array_value.data.extend(values)
        asked = (self.page, tuple(sorted((k, tuple(v)) for k, v in states.items() if v)))
        if asked not in self.tally.asked:
            self.tally.asked.add(asked)
            self.tally.first_asks += 1
        start = time.perf_counter()
        await ws.send(msg.SerializeToString())
        messages = size = 0
        while True:
            raw = await asyncio.wait_for(ws.recv(), TIMEOUT_S)
            self.tally.bytes_received += len(raw)
            messages, size = messages + 1, size + len(raw)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if fwd.metadata.cacheable:
                self.kept[fwd.hash] = self.runs
            elif kind == "ref_hash":
                self.kept[fwd.ref_hash] = self.runs
            if kind == "delta":
                which = fwd.delta.WhichOneof("type")
                if which == "new_element":
                    which = fwd.delta.new_element.WhichOneof("type")
                    if which == "component_instance":
                        which += ":" + fwd.delta.new_element.component_instance.component_name
            else:
                which = kind
            seen = self.tally.by_element.setdefault(which or "?", [0, 0])
            seen[0], seen[1] = seen[0] + 1, seen[1] + len(raw)
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                which = element.WhichOneof("type")
                if which == "multiselect":
                    key = element.multiselect.id.rsplit("-", 1)[-1]
                    self.widgets[key] = (element.multiselect.id, list(element.multiselect.options))
                elif which == "exception":
                    self.tally.errors.append(f"{self.page}: {element.exception.message[:120]}")
            elif kind == "script_finished" and fwd.script_finished != FINISHED_FOR_RERUN:
                self.tally.reruns += 1
                self.runs += 1
                self.kept = {h: run for h, run in self.kept.items() if self.runs - run <= MESSAGE_AGE}
                page = self.tally.pages.setdefault(self.page, [0, 0, 0])
                page[0], page[1], page[2] = page[0] + 1, page[1] + messages, page[2] + size
                return time.perf_counter() - start

    async def run(self, until: float) -> None:
        origin = "/".join(self.base.split("/")[:3])
        try:
            headers = await asyncio.to_thread(affinity_cookie, self.base)
            async with websockets.connect(
                self.url, subprotocols=["streamlit"], origin=origin, max_size=None, additional_headers=headers
            ) as ws:
                await self.rerun(ws, {})
                chosen: dict[str, list[str]] = {}
                while time.perf_counter() < until:
                    await asyncio.sleep(self.rng.uniform(0.5, 2.0))
                    if self.rng.random() < 0.15:
                        self.page = self.rng.choice(PAGES)  # a page change keeps the sidebar filters
                    else:
                        # One filter of the family already in use (others are disabled in the sidebar).
                        key = next(iter(chosen), None) or self.rng.choice(["land", "groesse", "kommune", "typ"])
                        options = self.widgets.get(key, ("", []))[1]
                        if not options:
                            continue
                        now = chosen.get(key, [])
                        pick = self.rng.choice(options)
                        new = [v for v in now if v != pick] if pick in now else [*now, pick][-2:]
                        chosen = {key: new} if new else {}
                    self.tally.latencies.append(await self.rerun(ws, chosen))
        except (TimeoutError, OSError, websockets.ConnectionClosed) as exc:
            self.tally.errors.append(f"{type(exc).__name__}: {exc}"[:160])


async def browser_tab(browser, base: str, tally: Tally, rng: random.Random, until: float) -> None:
    """A Chromium tab: the real frontend, a filter chosen and removed by clicks."""
    context = await browser.new_context(viewport={"width": 1366, "height": 900}, locale="de-DE")
    page = await context.new_page()
    try:
        await page.goto(f"{base}/{rng.choice(PAGES)}", timeout=TIMEOUT_S * 1000)
        await page.wait_for_selector(READY, timeout=TIMEOUT_S * 1000)
        box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Bundesland")
        while time.perf_counter() < until:
            await asyncio.sleep(rng.uniform(0.5, 2.0))
            field = box.locator("input")
            for _ in range(3):
                await field.click()
                if await field.get_attribute("aria-expanded") == "true":
                    break
                await page.wait_for_timeout(300)
            options = page.get_by_role("option")
            if not await options.count():
                await page.keyboard.press("Escape")
                clear = box.locator('[role="button"][aria-label*="Clear"], svg[title="Clear all"]').first
                if await clear.count():
                    await clear.click()
                continue
            start = time.perf_counter()
            await options.nth(rng.randrange(await options.count())).click()
            await page.keyboard.press("Escape")
            await page.wait_for_timeout(50)  # the rerun starts
            await page.wait_for_selector(READY, timeout=TIMEOUT_S * 1000)
            tally.latencies.append(time.perf_counter() - start)
            tally.reruns += 1
    except Exception as exc:  # a tab that fails is an error of the run, not of the benchmark
        tally.errors.append(f"Chromium: {type(exc).__name__}: {str(exc)[:120]}")
    finally:
        await context.close()


async def sample_rss(pids: list[int], until: float, samples: list[float]) -> None:
    while time.perf_counter() < until:
        samples.append(rss_mb(pids))
        await asyncio.sleep(1.0)


async def warm_up(base: str, visits: int) -> None:
    """Each page once in ``visits`` sessions, each with another affinity cookie (nginx spreads them)."""
    ws_url = base.replace("http://", "ws://") + "/_stcore/stream"
    origin = "/".join(base.split("/")[:3])
    for i in range(visits):
        session = RawSession(ws_url, Tally(), random.Random(i), base)
        headers = {"Cookie": f"atlas_node={i:032x}"}
        async with websockets.connect(
            ws_url, subprotocols=["streamlit"], origin=origin, max_size=None, additional_headers=headers
        ) as ws:
            for page in PAGES:
                session.page = page
                await session.rerun(ws, {})


def start_profile(pids: list[int], path: Path | None) -> list[subprocess.Popen]:
    """py-spy on each server process while the load runs (``--profile``): where a rerun's time goes."""
    if path is None:
        return []
    spy = Path(sys.executable).with_name("py-spy")
    outputs = [path] if len(pids) == 1 else [path.with_name(f"{path.stem}-{i}{path.suffix}") for i in range(len(pids))]
    return [
        subprocess.Popen(
            [str(spy), "record", "--pid", str(pid), "-r", "50", "--nonblocking", "--gil", "-o", str(out)]
            + ({".json": ["--format", "speedscope"], ".txt": ["--format", "raw"]}.get(out.suffix, [])),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for pid, out in zip(pids, outputs, strict=True)
    ]


def stop_profile(spies: list[subprocess.Popen]) -> None:
    import signal

    for spy in spies:
        spy.send_signal(signal.SIGINT)  # py-spy writes its output on SIGINT
    for spy in spies:
        try:
            spy.wait(timeout=60)
        except subprocess.TimeoutExpired:
            spy.kill()


async def load(
    base: str, pids: list[int], seconds: float, raw: int, tabs: int, seed: int, profile: Path | None = None
) -> dict:
    from playwright.async_api import async_playwright

    rng = random.Random(seed)
    ws_url = base.replace("http://", "ws://") + "/_stcore/stream"
    raw_tally, tab_tally = Tally(), Tally()
    raw_tally.asked = {(page, ()) for page in PAGES}  # made by the warm-up
    rss: list[float] = [rss_mb(pids)]
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        spies = start_profile(pids, profile)
        cpu_start = cpu_s(pids)
        start = time.perf_counter()
        until = start + seconds
        jobs = [RawSession(ws_url, raw_tally, random.Random(rng.random()), base).run(until) for _ in range(raw)]
        jobs += [browser_tab(browser, base, tab_tally, random.Random(rng.random()), until) for _ in range(tabs)]
        jobs.append(sample_rss(pids, until + 5, rss))
        await asyncio.gather(*jobs)
        elapsed = time.perf_counter() - start
        cpu = cpu_s(pids) - cpu_start  # RSS sampling runs 5 s longer; the servers are idle then
        stop_profile(spies)
        await browser.close()
    every = raw_tally.latencies + tab_tally.latencies

    def summary(values: list[float]) -> dict:
        if not values:
            return {"n": 0}
        ordered = sorted(values)
        return {
            "n": len(values),
            "p50_s": statistics.median(ordered),
            "p95_s": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
            "max_s": ordered[-1],
        }

    return {
        "sessions": {"raw": raw, "chromium": tabs},
        "seconds": elapsed,
        "filter_change": summary(every),
        "filter_change_raw": summary(raw_tally.latencies),
        "filter_change_chromium": summary(tab_tally.latencies),
        "errors": raw_tally.errors + tab_tally.errors,
        "reruns_per_s": (raw_tally.reruns + tab_tally.reruns) / elapsed,
        # all the servers' CPU over all reruns (the Chromium tabs' reruns included, their static files too)
        "server_cpu_ms_per_rerun": 1e3 * cpu / max(1, raw_tally.reruns + tab_tally.reruns),
        "server_cpu_share": cpu / elapsed,
        # share of the raw sessions' reruns that asked for a page and filters nobody had asked for (the warm-up
        # made every page without filters): these reruns compute their views, the others find them in the cache
        "raw_first_asks_share": raw_tally.first_asks / max(1, raw_tally.reruns),
        "raw_per_page": raw_tally.per_page(),
        "raw_by_element": raw_tally.elements(),
        "rss_mb": {"start": rss[0], "max": max(rss), "end": rss[-1]},
        "mb_received_raw": raw_tally.bytes_received / 1e6,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("study", "national"), default="study")
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--raw", type=int, default=26)
    parser.add_argument("--tabs", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1, help="Streamlit-Prozesse hinter nginx (1: direkt)")
    parser.add_argument(
        "--profile", type=Path, help="py-spy-Profil der Server (.svg, speedscope .json, gefaltete Stacks .txt)"
    )
    parser.add_argument("--out", type=Path, help="Ergebnisdatei (sonst benchmarks/results/sessions-<scale>.json)")
    args = parser.parse_args()
    data = ROOT / "data" / "study"
    if args.scale == "national":
        if not (NATIONAL / "statements.csv").exists():
            from study.demo import generate_demo

            generate_demo(NATIONAL, scale="national")
        data = NATIONAL
    if args.workers > 1:
        from deploy import proxy, serve

        prefix = ROOT / ".cache" / "bench" / f"sessions-{args.scale}-nginx"
        settings = proxy.Settings(prefix=prefix, listen=f"127.0.0.1:{serve.free_port()}")
        stack = serve.start_stack(settings, env={"STUDY_DATA": str(data)}, workers=args.workers)
        url, pids, stop = stack.url, [a.process.pid for a in stack.apps], stack.stop
    else:
        server = start_server(data, f"sessions-{args.scale}")
        url, pids, stop = server.url, [server.process.pid], lambda: stop_server(server)
    try:
        # Every page once per process first, so each has loaded the package and made the unfiltered views
        # (start-up is measured by run.py); an HTTP GET alone does not run the script.
        asyncio.run(warm_up(url, max(4, 4 * args.workers)))
        result = asyncio.run(load(url, pids, args.seconds, args.raw, args.tabs, args.seed, args.profile))
    finally:
        stop()
    result["workers"] = args.workers
    result["scale"] = args.scale
    result["target_p95_s"] = TARGETS[args.scale]
    result["target_rss_mb"] = RSS_TARGET_MB
    fc = result["filter_change"]
    result["ok"] = (
        fc.get("n", 0) > 0
        and fc["p95_s"] <= TARGETS[args.scale]
        and result["rss_mb"]["max"] <= RSS_TARGET_MB
        and not result["errors"]
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = f"-{args.workers}proc" if args.workers > 1 else ""
    out = args.out or RESULTS / f"sessions-{args.scale}{suffix}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps({k: v for k, v in result.items() if k != "errors"}, indent=2, ensure_ascii=False))
    print(f"Fehler: {len(result['errors'])}", *result["errors"][:5], sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
