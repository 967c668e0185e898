"""Benchmark: warm rerun cost of every page against a bare Streamlit page, at study and national scale,
plus load times, start-up, map payload and memory. Prints one table and writes benchmarks/results/latest.json.

Run with `make bench`. Times are medians of several runs (min–max beside them); the machine is shared
and noisy, so compare the ratios within one run rather than absolute times across runs.
"""

from __future__ import annotations

import gc
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from apptest_support import AppTest, dashboard  # noqa: E402
from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import app_test as _app_test  # noqa: E402
from streamlit.testing.v1 import local_script_runner as _local_script_runner  # noqa: E402

from components.app.pages import FILES, PARTICIPANT_PATH  # noqa: E402
from study.package import validate_path  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
NATIONAL = ROOT / ".cache" / "bench" / "national"
# Every page but the static accessibility statement.
# The participants' voting page has no sidebar filters to change; its load is measured by voting_bench.py.
PAGES = [file for file in FILES if file not in ("pages/barrierefreiheit.py", f"pages/{PARTICIPANT_PATH}.py")]
# A running server compiles each script once and keeps the bytecode (one ScriptCache per runtime);
# AppTest makes a new cache for every run and so recompiles the entrypoint and the page each time.
# Sharing one cache measures what a user waits for. The bare page gets the same treatment.
_SCRIPT_CACHE = ScriptCache()
_app_test.ScriptCache = _local_script_runner.ScriptCache = lambda: _SCRIPT_CACHE
# Where a page opens for the benchmark: the slides on the first finding (a chart), not the title slide.
OPEN_AT = {"pages/praesentation.py": {"folie": "2"}}
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
TARGETS = {
    "study_ratio": 8.0,
    "study_ms": 60.0,
    "national_ms": 500.0,
    "load_cold_s": 10.0,
    "load_cached_s": 1.0,
    "map_bytes": 1_000_000,
    "rss_mb": 1536.0,
    "session_mb": 20.0,
}


def rss_mb(pid: int | None = None) -> float:
    status = Path(f"/proc/{pid or os.getpid()}/status").read_text()
    line = next(x for x in status.splitlines() if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def stats(samples: list[float]) -> dict:
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "n": len(samples)}


def filter_toggle(at: AppTest):
    """A filter change per rerun: one state filter on, then off again."""
    from study.selection import filter_options

    package = at.session_state["_page_context"].package
    state = filter_options(package)["state"][0]
    widget = at.sidebar.multiselect(key="land")
    return lambda i: widget.set_value([state] if i % 2 == 0 else [])


def timed_run(at: AppTest) -> float:
    t0 = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return elapsed


def bare_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "benchmarks" / "bare.py"), default_timeout=60).run()


def rerun_times(at: AppTest, runs: int, bare: AppTest | None = None) -> tuple[list[float], list[float]]:
    """Warm reruns after a filter change, each followed by a rerun of the bare page.

    Interleaving puts the page and the bare page under the same load of the shared machine, so their
    ratio holds even when the machine's speed drifts during a run (it does, by up to 2×).
    """
    change = filter_toggle(at)
    page_times, bare_times = [], []
    for i in range(runs + 1):
        change(i)
        elapsed = timed_run(at)
        bare_elapsed = timed_run(bare) if bare is not None else 0.0
        if i:  # the first run after opening the page warms caches
            page_times.append(elapsed)
            bare_times.append(bare_elapsed)
    return page_times, bare_times


def page_table(runs: int, with_bare: bool) -> tuple[dict, dict]:
    """Per page: rerun times, and (if asked) the bare page's times interleaved with them."""
    pages, bares = {}, {}
    bare = bare_app() if with_bare else None
    for page in PAGES:
        at = dashboard(OPEN_AT.get(page), timeout=600)
        if page != PAGES[0]:
            at.switch_page(page).run()
        page_times, bare_times = rerun_times(at, runs, bare)
        pages[page] = stats(page_times)
        if with_bare:
            bares[page] = stats(bare_times)
        del at
        gc.collect()
    return pages, bares


def load_times(path: Path) -> dict:
    import shutil

    from study.cache import cache_dir

    shutil.rmtree(cache_dir(path), ignore_errors=True)
    cold = []
    for _ in range(2):
        t0 = time.perf_counter()
        validate_path(path, use_cache=False)
        cold.append(time.perf_counter() - t0)
    validate_path(path)  # writes the columnar copy
    cached = []
    for _ in range(3):
        t0 = time.perf_counter()
        validate_path(path)
        cached.append(time.perf_counter() - t0)
    return {"cold": stats(cold), "cached": stats(cached)}


def map_payload(path: Path) -> int:
    from components.maps import build_map
    from components.offline import make_offline
    from study.aggregate import municipality_profiles
    from study.labels import Labels
    from study.selection import Filters, select

    package, _ = validate_path(path)
    labels = Labels(package)
    profiles = municipality_profiles(select(package, Filters()))
    m = build_map(
        profiles,
        "share_existing",
        k=package.min_group_size,
        lang="de",
        state_label=labels.state,
        size_label=labels.size_class,
    )
    make_offline(m)
    return len(m.get_root().render().encode("utf-8"))


def server_start(path: Path, name: str) -> dict:
    """Process start to health endpoint, then to the first page rendered in Chromium (if available)."""
    import shutil

    from browser.conftest import start_server, stop_server

    t0 = time.perf_counter()
    server = start_server(path, f"bench-{name}")  # returns once the health endpoint answers
    result: dict = {"health_s": time.perf_counter() - t0}
    try:
        chromium = shutil.which("chromium")
        if chromium:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                b = p.chromium.launch(
                    executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
                )
                page = b.new_page()
                page.goto(server.url)
                page.wait_for_selector(
                    '[data-testid="stApp"][data-test-script-state="notRunning"] [data-testid="stMetric"]',
                    timeout=120_000,
                )
                result["first_page_s"] = time.perf_counter() - t0
                b.close()
        result["server_rss_mb"] = rss_mb(server.process.pid)
    finally:
        stop_server(server)
    return result


def session_growth(path: Path, n: int = 20) -> dict:
    os.environ["STUDY_DATA"] = str(path)
    first = dashboard(timeout=600)
    gc.collect()
    base = rss_mb()
    sessions = [first]
    for _ in range(n):
        sessions.append(dashboard(timeout=600))
    gc.collect()
    after = rss_mb()
    return {"rss_mb_one_session": base, "rss_mb_after": after, "per_session_mb": (after - base) / n, "sessions": n}


def audit_times(study: Path, national: Path) -> dict:
    """The release check (python -m study audit) at both scales; at national scale it samples statistics and
    small cells by itself (``study.audit.SAMPLE_ABOVE_ACTORS``) and streams its selections."""
    import resource

    from study.audit import run_audit
    from study.package import load_package

    out = {}
    for name, path in (("study", study), ("national", national)):
        package = load_package(path)
        start = time.perf_counter()
        report = run_audit(package)
        out[name] = {
            "seconds": time.perf_counter() - start,
            "ok": report.ok,
            "selections": report.n_selections,
            "sampled_statistics": report.sampled,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
        del package
        gc.collect()
    return out


def ensure_national() -> Path:
    if not (NATIONAL / "statements.csv").exists():
        from study.demo import generate_demo

        print("Erzeuge das nationale Demopaket (einmalig) …", flush=True)
        generate_demo(NATIONAL, scale="national")
    return NATIONAL


def main() -> int:
    RESULTS.mkdir(parents=True, exist_ok=True)
    study = ROOT / "data" / "study"
    national = ensure_national()
    result: dict = {
        "machine": {
            "cores": os.cpu_count(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1),
            "python": platform.python_version(),
            "when": time.strftime("%Y-%m-%d %H:%M"),
        },
        "runs": RUNS,
    }
    print("Ladezeiten …", flush=True)
    result["load"] = {"study": load_times(study), "national": load_times(national)}
    print("Kartenumfang …", flush=True)
    result["map_bytes"] = {"study": map_payload(study), "national": map_payload(national)}
    print("Seiten (Studienumfang) …", flush=True)
    os.environ["STUDY_DATA"] = str(study)
    # Study-scale reruns take milliseconds: many runs are cheap and steady the medians.
    result["pages_study"], result["bare_study"] = page_table(RUNS * 3, with_bare=True)
    print("Seiten (nationaler Umfang) …", flush=True)
    os.environ["STUDY_DATA"] = str(national)
    result["pages_national"], _ = page_table(max(3, RUNS // 2), with_bare=False)
    print("Start und Speicher …", flush=True)
    result["start"] = {"study": server_start(study, "study"), "national": server_start(national, "national")}
    result["memory"] = session_growth(national)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2))
    print("Freigabeprüfung …", flush=True)
    result["audit"] = audit_times(study, national)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2))
    print(render_table(result))
    return 0


def render_table(r: dict) -> str:
    ms = lambda s: f"{1000 * s['median']:.1f} ms ({1000 * s['min']:.1f}–{1000 * s['max']:.1f})"  # noqa: E731
    lines = [
        f"Maschine: {r['machine']['cores']} Kerne, {r['machine']['memory_gb']} GB, Python {r['machine']['python']}, {r['machine']['when']}",
        "",
        "| Seite | Studie: Rerun | bare daneben | × bare | Ziel ≤ 8× und ≤ 60 ms | National: Rerun | Ziel ≤ 500 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for page in PAGES:
        s, b, n = r["pages_study"][page], r["bare_study"][page], r["pages_national"][page]
        ratio = s["median"] / b["median"]
        ok_s = "ja" if ratio <= TARGETS["study_ratio"] and 1000 * s["median"] <= TARGETS["study_ms"] else "nein"
        ok_n = "ja" if 1000 * n["median"] <= TARGETS["national_ms"] else "nein"
        lines.append(f"| {Path(page).stem} | {ms(s)} | {ms(b)} | {ratio:.1f} | {ok_s} | {ms(n)} | {ok_n} |")
    ld = r["load"]
    lines += [
        "",
        "| Kennzahl | Studie | National | Ziel |",
        "|---|---|---|---|",
        f"| Laden, kalt (CSV + Prüfung) | {ld['study']['cold']['median']:.2f} s | {ld['national']['cold']['median']:.2f} s | ≤ 10 s national |",
        f"| Laden aus Parquet-Kopie | {ld['study']['cached']['median']:.2f} s | {ld['national']['cached']['median']:.2f} s | ≤ 1 s national |",
        f"| Kartendaten an den Browser | {r['map_bytes']['study'] / 1024:.0f} KB | {r['map_bytes']['national'] / 1024:.0f} KB | ≤ 1 MB |",
        f"| Start bis Health-Endpunkt | {r['start']['study'].get('health_s', float('nan')):.1f} s | {r['start']['national'].get('health_s', float('nan')):.1f} s | – |",
        f"| Start bis erste Seite im Browser | {r['start']['study'].get('first_page_s', float('nan')):.1f} s | {r['start']['national'].get('first_page_s', float('nan')):.1f} s | – |",
        f"| Server-RSS nach erster Seite | {r['start']['study'].get('server_rss_mb', float('nan')):.0f} MB | {r['start']['national'].get('server_rss_mb', float('nan')):.0f} MB | ≤ 1,5 GB national |",
        f"| Zuwachs je weiterer Sitzung (20 AppTest-Sitzungen) | – | {r['memory']['per_session_mb']:.1f} MB | ≤ 20 MB |",
        f"| Freigabeprüfung (`python -m study audit`) | {r['audit']['study']['seconds']:.0f} s | {r['audit']['national']['seconds']:.0f} s | ≤ 2 min Studie |",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
