"""Load figure for live voting: 60 simulated participants vote within 30 s on one server on this machine.

Starts the app with ``streamlit run`` on 127.0.0.1 (the browser tests' ``start_server``) with an empty
vote folder, signs the presenter in, starts a round, opens the join address in 60 phone-sized tabs
(Chromium, 390×844, one browser context each, loaded three at a time), and
lets each tab press "Abstimmen" at a random moment within 30 s. Measured in the browser:

- per participant, the time from pressing "Abstimmen" to the confirmation on the phone;
- the presenter's update delay: for each confirmation, how long until the presenter's vote count
  reached it (the presenter's page refreshes its result once a second).

Prints the figures and writes benchmarks/results/voting.json. ``make bench-voting``; the number of
participants and the window can be changed with VOTING_BENCH_PARTICIPANTS / VOTING_BENCH_WINDOW.
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser.conftest import CHROMIUM_ARGS, make_visit, start_server, stop_server  # noqa: E402

from study.voting import VoteStore, database_url, normalise_code  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
PARTICIPANTS = int(os.environ.get("VOTING_BENCH_PARTICIPANTS", "60"))
WINDOW = float(os.environ.get("VOTING_BENCH_WINDOW", "30"))
BATCH = 3
KEY = "bench-schluessel"
CONFIRMED = "Danke! Ihre Stimme ist gespeichert."

# Installed in a phone before its click: remembers when the confirmation appeared (wall clock, so the
# presenter's tab can be compared with it).
WATCH_CONFIRMATION = """
text => {
  window.__clicked = Date.now();
  window.__confirmed = null;
  const seen = () => {
    if (window.__confirmed === null && document.body.innerText.includes(text)) {
      window.__confirmed = Date.now();
    }
  };
  new MutationObserver(seen).observe(document.body, {subtree: true, childList: true, characterData: true});
}
"""
# Installed in the presenter's tab: the first time each vote count was shown.
WATCH_COUNT = """
() => {
  window.__counts = {};
  const look = () => {
    const el = document.querySelector('[data-testid="stMetricValue"]');
    if (!el) return;
    const n = parseInt(el.innerText.replace(/\\./g, ''), 10);
    if (!Number.isNaN(n) && !(n in window.__counts)) window.__counts[n] = Date.now();
  };
  new MutationObserver(look).observe(document.body, {subtree: true, childList: true, characterData: true});
  look();
}
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "median_ms": round(statistics.median(values), 1) if values else None,
        "p95_ms": round(percentile(values, 0.95), 1) if values else None,
        "max_ms": round(max(values), 1) if values else None,
    }


def main() -> int:
    from playwright.sync_api import sync_playwright

    RESULTS.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="atlas-voting-bench-"))
    env = {"VOTING_DATA_DIR": str(folder), "VOTING_PRESENTER_KEY": KEY}
    with mock.patch.dict(os.environ, env):
        os.environ.pop("DATABASE_URL", None)
        server = start_server(None, "bench-voting")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    rng = random.Random(13)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            presenter = make_visit(browser, server, viewport=(1366, 900), own_context=True)
            presenter.open("abstimmung")
            presenter.page.get_by_label("Moderationsschlüssel", exact=True).fill(KEY)
            presenter.page.get_by_role("button", name="Anmelden").click()
            presenter.page.get_by_role("button", name="Runde starten").wait_for(timeout=30_000)
            presenter.page.get_by_role("button", name="Runde starten").click()
            presenter.page.get_by_text("Mitmachen unter").wait_for(timeout=30_000)
            presenter.wait()
            code = re.search(r"Code\s+([A-Z0-9]{4}-[A-Z0-9]{4})", presenter.text()).group(1)
            url = f"{server.url}/mitmachen?code={code}"

            started = time.monotonic()
            visits = [
                make_visit(browser, server, viewport=(390, 844), is_mobile=True, has_touch=True, own_context=True)
                for _ in range(PARTICIPANTS)
            ]
            for first in range(0, PARTICIPANTS, BATCH):  # a few loads at a time (see the browser test)
                group = visits[first : first + BATCH]
                for v in group:
                    v.page.goto(url, wait_until="commit")
                for v in group:
                    v.wait(timeout=120_000)
                    v.page.get_by_role("button", name="Abstimmen").wait_for(timeout=120_000)
                    v.page.locator('[data-testid="stCheckbox"]').nth(rng.randrange(3)).click()
            phones = [v.page for v in visits]
            load_s = time.monotonic() - started
            print(f"{PARTICIPANTS} phones ready after {load_s:.0f} s", flush=True)

            presenter.page.evaluate(WATCH_COUNT)
            schedule = sorted(rng.uniform(0, WINDOW) for _ in phones)
            order = list(range(len(phones)))
            rng.shuffle(order)
            t0 = time.monotonic()
            for at, index in zip(schedule, order, strict=True):
                # Wait inside Playwright, not in time.sleep: the tabs' requests pass through this
                # process's route handler (foreign hosts are blocked) and would stall meanwhile.
                pause = at - (time.monotonic() - t0)
                if pause > 0:
                    presenter.page.wait_for_timeout(pause * 1000)
                page = phones[index]
                page.evaluate(WATCH_CONFIRMATION, CONFIRMED)
                page.get_by_role("button", name="Abstimmen").click(no_wait_after=True)
            deadline = time.monotonic() + 60
            pending = list(phones)
            while pending and time.monotonic() < deadline:
                pending = [pg for pg in pending if pg.evaluate("window.__confirmed") is None]
                if pending:
                    pending[0].wait_for_timeout(200)
            presenter.page.wait_for_function("n => n in (window.__counts || {})", arg=len(phones), timeout=30_000)
            clicked = [pg.evaluate("window.__clicked") for pg in phones]
            confirmed = [pg.evaluate("window.__confirmed") for pg in phones]
            counts = {int(n): ms for n, ms in presenter.page.evaluate("window.__counts").items()}
            browser.close()
    finally:
        stop_server(server)

    done = sorted(c for c in confirmed if c is not None)
    latencies = [c - k for c, k in zip(confirmed, clicked, strict=True) if c is not None]
    # the i-th confirmation is on the presenter's screen once its count reached i
    delays = []
    for i, when in enumerate(done, start=1):
        shown = min((ms for n, ms in counts.items() if n >= i), default=None)
        if shown is not None:
            delays.append(max(0.0, shown - when))
    store = VoteStore(database_url({"VOTING_DATA_DIR": str(folder)}))
    rnd = store.round_by_code(normalise_code(code))
    stored = store.tally(rnd.round_id).n_ballots
    store.close()
    shutil.rmtree(folder, ignore_errors=True)
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "participants": PARTICIPANTS,
        "window_s": WINDOW,
        "phones_ready_s": round(load_s, 1),
        "confirmed": len(done),
        "stored_ballots": stored,
        "vote_to_confirmation": summary(latencies),
        "presenter_update_delay": summary(delays),
        "presenter_refresh_s": 1.0,
    }
    (RESULTS / "voting.json").write_text(json.dumps(result, indent=2))
    v, d = result["vote_to_confirmation"], result["presenter_update_delay"]
    print(f"Live voting: {PARTICIPANTS} participants within {WINDOW:.0f} s, {len(done)} confirmed, {stored} stored")
    print(f"  'Abstimmen' → confirmation: median {v['median_ms']} ms, p95 {v['p95_ms']} ms, max {v['max_ms']} ms")
    print(f"  presenter's update delay:   median {d['median_ms']} ms, p95 {d['p95_ms']} ms, max {d['max_ms']} ms")
    foreign = [u for v in visits for u in v.foreign]
    if foreign:
        print(f"requests to foreign hosts (blocked): {foreign[:5]}")
    ok = len(done) == PARTICIPANTS == stored and not foreign
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
