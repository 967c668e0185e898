"""Benchmark of loading a large package: the same 1,000,000 statements as CSV folder and as .xlsx workbook.

Each load runs in a fresh process (``validate_path`` without the columnar copy, budget raised so that both fit)
and reports wall time, CPU time and peak resident memory. Target: the workbook within 3× of the CSV's time.
Also loads the issue's hostile files with the default upload budget and reports their peak memory.
Writes benchmarks/results/load.json. Run with `make bench-load` (``--rows`` for a quicker run).
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import pandas as pd  # noqa: E402
from hostile_factory import bomb_zip, sheet_xml, table_rows, tiny_sheets, xlsx_bytes, zip_bytes  # noqa: E402

from factory import make_tables, write_package  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
TARGET_RATIO = 3.0
NUMERIC = {"statements": [6], "codebook": [2], "findings": [1], "municipalities": [4, 5, 6]}

_CHILD = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from study.limits import MB, LoadBudget
from study.package import validate_path, load_upload

def peak_mb():
    # VmHWM belongs to this program image; ru_maxrss would keep the forking parent's peak across exec.
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
path, budget_mb, mode = sys.argv[2], int(sys.argv[3]), sys.argv[4]
wall, cpu = time.perf_counter(), time.process_time()
if mode == "upload":
    with open(path, "rb") as fh:
        package, report = load_upload(path.rsplit("/", 1)[-1], fh.read())
else:
    package, report = validate_path(path, use_cache=False, budget=LoadBudget(budget_mb * MB))
out = {
    "wall_s": round(time.perf_counter() - wall, 2),
    "cpu_s": round(time.process_time() - cpu, 2),
    "peak_rss_mb": peak_mb(),
    "ok": report.ok,
    "errors": [p.code for p in report.errors][:5],
    "statements": len(package.statements) if package is not None else 0,
}
print(json.dumps(out))
"""


def run_child(path: Path, budget_mb: int = 8192, mode: str = "path") -> dict:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(ROOT), str(path), str(budget_mb), mode],
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def big_tables(rows: int) -> dict[str, pd.DataFrame]:
    tables = make_tables(seed=1, n_municipalities=10, actors_per=10, statements_per=4)
    st = tables["statements"]
    big = pd.concat([st] * (rows // len(st) + 1), ignore_index=True).iloc[:rows]
    big["statement_id"] = [f"s{i:07d}" for i in range(rows)]
    tables["statements"] = big
    return tables


def write_workbook(tables: dict[str, pd.DataFrame], path: Path) -> Path:
    sheets = {name: table_rows(frame) for name, frame in tables.items()}
    path.write_bytes(xlsx_bytes(sheets, shared_strings=True, numeric=NUMERIC))
    return path


def hostile_files(folder: Path) -> dict[str, Path]:
    far = '<row r="50000000"><c r="A50000000" t="inlineStr"><is><t>x</t></is></c></row>'
    sheets = tiny_sheets()
    rows = sheets.pop("statements")
    row50m = xlsx_bytes(sheets, raw_sheets={"statements": b"".join(sheet_xml(rows, dimension=None, extra_rows=far))})
    xfd = tiny_sheets()
    xfd["statements"][0] = xfd["statements"][0] + [""] * (16384 - 9) + ["Notiz"]
    files = {
        "row50m.xlsx": row50m,
        "row50m.zip": zip_bytes({"paket/mappe.xlsx": row50m}),
        "xfd.xlsx": xlsx_bytes(xfd),
        "bomb500mb.zip": bomb_zip(500 * 1024**2),
    }
    out = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        out[name] = folder / name
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="load-bench-") as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        tables = big_tables(args.rows)
        folder = write_package(tables, tmp / "csv")
        workbook = write_workbook(tables, tmp / "paket.xlsx")
        print(f"Pakete erzeugt in {time.perf_counter() - t0:.0f} s", flush=True)
        runs = {"csv": [], "xlsx": []}
        for _ in range(args.repeat):  # interleaved, so that a busy machine hurts both alike
            runs["csv"].append(run_child(folder))
            runs["xlsx"].append(run_child(workbook))
        hostile = {name: run_child(path, mode="upload") for name, path in hostile_files(tmp).items()}
        sizes = {"csv_mb": round(sum(f.stat().st_size for f in folder.iterdir()) / 1024**2, 1)}
        sizes["xlsx_mb"] = round(workbook.stat().st_size / 1024**2, 1)

    def best(kind: str, key: str) -> float:
        return min(r[key] for r in runs[kind])

    ratio_wall = best("xlsx", "wall_s") / best("csv", "wall_s")
    ratio_cpu = best("xlsx", "cpu_s") / best("csv", "cpu_s")
    result = {
        "rows": args.rows,
        "sizes": sizes,
        "csv": runs["csv"],
        "xlsx": runs["xlsx"],
        "ratio_wall": round(ratio_wall, 2),
        "ratio_cpu": round(ratio_cpu, 2),
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio_wall <= TARGET_RATIO,
        "rows_per_s": {k: round(args.rows / best(k, "wall_s")) for k in runs},
        "hostile_uploads_512mb": hostile,
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "load.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
