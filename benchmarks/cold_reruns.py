"""Server CPU of a rerun per page for a selection nobody asked for before (cold) and again (warm), in process.

Under load most reruns ask for a page and filters not seen before (``sessions_bench.py`` reports the share,
``raw_first_asks_share``); such a rerun computes the page's views, a warm one finds them in the cache. This
measures both per page with AppTest (one state filter per run, the first ``--states`` states, then the same
again), as CPU time of this process, so a loaded machine disturbs it less than wall-clock times.

    python benchmarks/cold_reruns.py [--scale study|national] [--pages karte,kompass] [--states 6]

Writes benchmarks/results/cold-reruns-<scale>.json and prints one line per page.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import run as bench  # noqa: E402  (one ScriptCache for every run, as a server keeps it)
from apptest_support import dashboard  # noqa: E402

from study.selection import filter_options  # noqa: E402

DEFAULT_PAGES = ("ueberblick", "karte", "akteure", "kooperation", "herausforderungen", "kompass", "erkenntnisse")


def page_cpu(page: str, states: int) -> dict:
    at = dashboard(timeout=600)
    if page != "ueberblick":
        at.switch_page(f"pages/{page}.py").run()
    codes = filter_options(at.session_state["_page_context"].package)["state"][:states]
    runs: dict[str, list[float]] = {"cold": [], "warm": []}
    for kind in ("cold", "warm"):
        for code in codes:
            at.sidebar.multiselect(key="land").set_value([code])
            start = time.process_time()
            at.run()
            runs[kind].append(time.process_time() - start)
            if at.exception:
                raise RuntimeError(at.exception[0].value)
    return {f"{kind}_ms": 1e3 * statistics.median(values) for kind, values in runs.items()} | {"n": len(codes)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("study", "national"), default="study")
    parser.add_argument("--pages", default=",".join(DEFAULT_PAGES))
    parser.add_argument("--states", type=int, default=6)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    if args.scale == "national":
        import os

        os.environ["STUDY_DATA"] = str(bench.ensure_national())
    result = {}
    for page in args.pages.split(","):
        result[page] = page_cpu(page, args.states)
        print(page, {k: round(v, 1) for k, v in result[page].items()}, flush=True)
    bench.RESULTS.mkdir(parents=True, exist_ok=True)
    (bench.RESULTS / f"cold-reruns-{args.scale}.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
