"""A columnar copy of a validated package, so that a large package loads without validating again (README,
"Benchmark": "Laden aus Parquet-Kopie").

The copy (Parquet files plus a JSON with metadata and warnings) lives in a ``.cache`` folder next to
the package and is keyed by the files' names, sizes and modification times and by the contract: any
change to the data or the rules makes a new key, and the package is validated again.
If the folder is not writable the package simply loads from its CSVs every time.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import uuid
from pathlib import Path

import pandas as pd

from .report import Problem, Report
from .schema import CONTRACT_PATH, contract

CACHE_VERSION = "1"
TABLES = tuple(t.name for t in contract().tables)


def cache_key(path: Path) -> str:
    h = hashlib.sha256(CACHE_VERSION.encode())
    h.update(CONTRACT_PATH.read_bytes())
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for f in files:
        st = f.stat()
        h.update(f"{f.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:20]


def cache_dir(path: Path) -> Path:
    return (path if path.is_dir() else path.parent) / ".cache"


def _entry(path: Path) -> Path:
    name = path.name if not path.is_dir() else "package"
    return cache_dir(path) / f"{name}-{cache_key(path)}"


def read_cached(path: Path) -> dict | None:
    """The cached tables, metadata and report of ``path``, or None if there is no valid copy."""
    try:
        entry = _entry(path)
        info_file = entry / "info.json"
        if not info_file.exists():
            return None
        info = json.loads(info_file.read_text(encoding="utf-8"))
        tables = {name: pd.read_parquet(entry / f"{name}.parquet") for name in TABLES}
        problems = tuple(
            Problem(p["code"], p["file"], p["row"], p["column"], tuple((k, v) for k, v in p["params"]), p["severity"])
            for p in info["problems"]
        )
    except (OSError, ValueError, KeyError, TypeError, ImportError):
        return None
    return {"tables": tables, "metadata": info["metadata"], "report": Report(info["source"], problems)}


def write_cached(path: Path, tables: dict[str, pd.DataFrame], metadata: dict, report: Report) -> bool:
    """Store a validated package's typed tables; old copies of the same package are removed.

    The copy is written into a temporary folder and renamed into place in one step, so a reader sees a
    complete copy or none; if writing fails (a full disk, no permission) the partial folder is removed."""
    tmp = None
    try:
        entry = _entry(path)
        base = cache_dir(path)
        base.mkdir(exist_ok=True)
        prefix = entry.name.rsplit("-", 1)[0] + "-"
        for old in base.glob(prefix + "*"):
            if old != entry and not old.name.endswith(".tmp"):
                shutil.rmtree(old, ignore_errors=True)
        tmp = base / f"{entry.name}.{uuid.uuid4().hex[:8]}.tmp"
        tmp.mkdir()
        for name in TABLES:
            tables[name].to_parquet(tmp / f"{name}.parquet", index=False)
        info = {
            "source": report.source,
            "metadata": metadata,
            "problems": [
                {
                    "code": p.code,
                    "file": p.file,
                    "row": p.row,
                    "column": p.column,
                    "params": [[k, v] for k, v in p.params],
                    "severity": p.severity,
                }
                for p in report.problems
            ],
        }
        # info.json last: a folder without it is never read as a copy.
        (tmp / "info.json").write_text(json.dumps(info, ensure_ascii=False, default=str), encoding="utf-8")
        shutil.rmtree(entry, ignore_errors=True)
        tmp.rename(entry)
        return True
    except (OSError, TypeError, ValueError, ImportError):
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        return False
