"""What one load may make the server hold: the issue's hostile files end in German errors within the budget.

Peak memory is measured, not timed: ``tracemalloc`` for what Python allocates in this process, and the
peak resident size of a fresh subprocess for everything (calamine and Arrow allocate outside Python).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from hostile_factory import bomb_zip, sheet_xml, table_rows, tiny_sheets, xlsx_bytes, zip_bytes

from factory import make_tables
from study.limits import MB, LoadBudget
from study.package import load_upload, validate_path

ROOT = Path(__file__).resolve().parents[1]
FAR_ROW = '<row r="50000000"><c r="A50000000" t="inlineStr"><is><t>x</t></is></c></row>'


def traced(fn, *args):
    """``fn(*args)`` and the peak of what Python allocated meanwhile."""
    tracemalloc.start()
    try:
        result = fn(*args)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def row_50_million_xlsx() -> bytes:
    sheets = tiny_sheets()
    rows = sheets.pop("statements")
    sheet = b"".join(sheet_xml(rows, dimension=None, extra_rows=FAR_ROW))
    return xlsx_bytes(sheets, raw_sheets={"statements": sheet})


def xfd_header_xlsx() -> bytes:
    sheets = tiny_sheets()
    sheets["statements"][0] = sheets["statements"][0] + [""] * (16384 - 9) + ["Notiz"]
    return xlsx_bytes(sheets)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """About 1.5 MB of zip expanding to 500 MB of CSV (written once per module)."""
    path = tmp_path_factory.mktemp("bomb") / "bombe.zip"
    path.write_bytes(bomb_zip(500 * MB))
    return path


def test_the_bomb_is_small_and_large(bomb):
    assert bomb.stat().st_size < 3 * MB


def test_zip_bomb_is_refused_while_streaming(bomb):
    data = bomb.read_bytes()
    (package, report), peak = traced(load_upload, "bombe.zip", data)
    assert package is None
    (p,) = [p for p in report.errors if p.code == "budget_exceeded"]
    assert p.file == "statements.csv"
    assert "erlaubt sind 512 MB" in p.text("de")
    # Reading stops after budget / CSV factor bytes (about 42 MB), never the 500 MB the member holds.
    assert peak < 128 * MB, peak


def test_row_50_million_refused_before_materialising():
    data = row_50_million_xlsx()
    assert len(data) < 200_000
    (package, report), peak = traced(load_upload, "paket.xlsx", data)
    assert package is None and [p.code for p in report.errors] == ["sheet_rows"]
    assert peak < 32 * MB, peak


def test_a_normal_package_over_a_small_budget_names_the_file(tmp_path):
    from factory import write_package

    tables = make_tables(seed=1, n_municipalities=3, actors_per=6, statements_per=400)
    folder = write_package(tables, tmp_path / "p")
    package, report = validate_path(folder, use_cache=False, budget=LoadBudget(2 * MB))
    assert package is None
    (p,) = [p for p in report.errors if p.code == "budget_exceeded"]
    assert p.file == "statements.csv" and "erlaubt sind 2 MB" in p.text("de")
    package, report = validate_path(folder, use_cache=False, budget=LoadBudget(64 * MB))
    assert package is not None, report.format()


def test_budget_from_environment(monkeypatch):
    tables = make_tables(seed=1, n_municipalities=3, actors_per=6, statements_per=400)
    data = xlsx_bytes({name: table_rows(frame) for name, frame in tables.items()})
    monkeypatch.setenv("STUDY_LOAD_BUDGET_MB", "1")
    package, report = load_upload("paket.xlsx", data)
    assert package is None and "erlaubt sind 1 MB" in report.format("de")
    monkeypatch.setenv("STUDY_LOAD_BUDGET_MB", "64")
    package, report = load_upload("paket.xlsx", data)
    assert package is not None, report.format()


def test_progress_is_reported_in_order():
    seen: list[tuple[float, str]] = []
    package, _ = load_upload("paket.xlsx", xlsx_bytes(tiny_sheets()), progress=lambda f, t: seen.append((f, t)))
    assert package is not None
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] >= 0 and fractions[-1] <= 1
    assert any("statements" in t for _, t in seen) and any("geprüft" in t for _, t in seen)


_CHILD = """
import json, resource, sys
sys.path.insert(0, sys.argv[1])
from study.package import load_upload

def peak_mb():
    # VmHWM belongs to this program image; ru_maxrss would keep the forking parent's peak across exec.
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
out = {}
for name in sys.argv[2:]:
    with open(name, "rb") as fh:
        data = fh.read()
    package, report = load_upload(name.rsplit("/", 1)[-1], data)
    out[name] = [p.code for p in report.errors]
    del data, package, report
out["maxrss_mb"] = peak_mb()
print(json.dumps(out))
"""


def test_every_hostile_case_stays_within_the_budget_in_a_fresh_process(tmp_path, bomb):
    """The issue's four cases in one fresh process with the default 512 MB budget: German errors, peak RSS bounded."""
    files = {
        "row50m.xlsx": row_50_million_xlsx(),
        "xfd.xlsx": xfd_header_xlsx(),
        "row50m.zip": zip_bytes({"paket/mappe.xlsx": row_50_million_xlsx()}),
    }
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    paths.append(str(bomb))
    env = {k: v for k, v in os.environ.items() if k not in ("STUDY_LOAD_BUDGET_MB", "STUDY_DATA_BUDGET_MB")}
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(ROOT), *paths], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out[paths[0]] == ["sheet_rows"]
    assert out[paths[1]] == ["too_many_columns"]
    assert out[paths[2]] == ["sheet_rows"]
    assert "budget_exceeded" in out[paths[3]]
    # Python, pandas, Arrow and calamine take about 150 MB before the first byte is read.
    assert out["maxrss_mb"] < 512, out


def test_a_table_within_the_budget_is_read_in_a_bounded_grid(tmp_path):
    """A workbook with a 2,000-row table: calamine's grid is charged as rows × columns before it is built."""
    tables = make_tables(seed=1, n_municipalities=3, actors_per=6, statements_per=120)
    sheets = {name: table_rows(frame) for name, frame in tables.items()}
    budget = LoadBudget.for_upload()
    package, report = load_upload("paket.xlsx", xlsx_bytes(sheets), budget=budget)
    assert package is not None, report.format()
    rows = len(tables["statements"]) + 1
    assert any(n >= rows * 8 * 128 for _, n in budget.charges)
    assert budget.used <= budget.limit


def test_one_endless_cell_is_scanned_in_pieces(monkeypatch):
    """40 MB of text in one cell (a few KB zipped) against a 16 MB budget: refused, never held whole."""
    monkeypatch.setenv("STUDY_LOAD_BUDGET_MB", "16")
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = (
        f'<?xml version="1.0"?><worksheet xmlns="{ns}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'.encode()
        + b"a" * (40 * MB)
        + b"</t></is></c></row></sheetData></worksheet>"
    )
    data = xlsx_bytes(raw_sheets={"statements": sheet})
    del sheet
    (package, report), peak = traced(load_upload, "paket.xlsx", data)
    assert package is None and "budget_exceeded" in [p.code for p in report.errors]
    assert peak < 16 * MB, peak
