"""What one load may cost: a memory budget enforced while a package is read, and upload limits per session.

The readers measure as they stream (bytes expanded from a zip, rows and columns a sheet declares or
uses) and charge an estimate of what materialising it will hold *before* they materialise it; the
factors are measured (see benchmarks/load_bench.py). Over budget, the load stops with a German
problem naming the file, sheet, row or column, and nothing is half-loaded.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from .report import Problem, problem

MB = 1024**2
# An upload is one visitor's: 512 MB unless the operator says otherwise.
DEFAULT_LOAD_BUDGET_MB = 512
# The package on disk is the operator's own (the national demo needs about 1.3 GB); still bounded, so that
# a hostile file given to `python -m study validate` ends with a message, not with the machine.
DEFAULT_DATA_BUDGET_MB = 4096

# Peak bytes held per byte of CSV while it is decoded, parsed and validated (measured: 7–12×).
CSV_BYTES_FACTOR = 12
# Peak bytes per cell of a worksheet read by calamine and turned into Arrow text columns (measured: ~120).
XLSX_CELL_BYTES = 128
# Excel's own sheet limits; a row or column beyond them is not a spreadsheet a person wrote.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
# A data package table has a dozen columns; a few hundred extra ones are reported, more are refused.
MAX_COLUMNS = 1024
# One cell longer than this is no coded statement (Python's csv module stops at the same size).
MAX_CELL_CHARS = 131_072
MAX_METADATA_BYTES = 8 * MB
MAX_JSON_DEPTH = 64

# Uploads per browser session: count and bytes in total.
MAX_UPLOADS_PER_SESSION = 20
MAX_UPLOAD_BYTES_PER_SESSION = 1024 * MB

Progress = Callable[[float, str], None]


def _env_mb(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name, "") or default)
    except ValueError:
        return default
    return max(value, 1)


def upload_budget_bytes() -> int:
    """The budget of one upload: $STUDY_LOAD_BUDGET_MB, else 512 MB."""
    return _env_mb("STUDY_LOAD_BUDGET_MB", DEFAULT_LOAD_BUDGET_MB) * MB


def data_budget_bytes() -> int:
    """The budget for the package on disk: $STUDY_DATA_BUDGET_MB, else $STUDY_LOAD_BUDGET_MB if set, else 4 GB."""
    fallback = _env_mb("STUDY_LOAD_BUDGET_MB", DEFAULT_DATA_BUDGET_MB)
    return _env_mb("STUDY_DATA_BUDGET_MB", fallback) * MB


def fmt_bytes(n: int) -> str:
    """Bytes as a German reader expects them: 1,5 MB, 512 MB, 2 GB."""
    for unit, size in (("GB", 1024**3), ("MB", MB), ("KB", 1024)):
        if n >= size:
            value = n / size
            text = f"{value:.1f}".rstrip("0").rstrip(".") if value < 10 else f"{value:.0f}"
            return f"{text.replace('.', ',')} {unit}"
    return f"{n} Bytes"


def fmt_count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class LoadRefused(ValueError):
    """Reading stops: the problem says where and why. A ValueError, so older callers catch it too."""

    def __init__(self, found: Problem | list[Problem]):
        self.problems = found if isinstance(found, list) else [found]
        super().__init__(self.problems[0].text("de"))


@dataclass
class LoadBudget:
    """Bytes one load may hold, charged as the readers learn what they are about to materialise."""

    limit: int
    used: int = 0
    progress: Progress | None = None
    charges: list[tuple[str, int]] = field(default_factory=list)

    @classmethod
    def for_upload(cls, limit: int | None = None, progress: Progress | None = None) -> LoadBudget:
        return cls(limit if limit is not None else upload_budget_bytes(), progress=progress)

    @classmethod
    def for_data(cls, limit: int | None = None, progress: Progress | None = None) -> LoadBudget:
        return cls(limit if limit is not None else data_budget_bytes(), progress=progress)

    @property
    def remaining(self) -> int:
        return max(self.limit - self.used, 0)

    def charge(self, nbytes: int, file: str, what: str, row: int | None = None, column: str | None = None) -> None:
        """Book ``nbytes`` for ``what`` in ``file``; refuse (German problem) if the budget would be exceeded."""
        if self.used + nbytes > self.limit:
            raise LoadRefused(
                problem(
                    "budget_exceeded",
                    file=file,
                    row=row,
                    column=column,
                    what=what,
                    need=fmt_bytes(self.used + nbytes),
                    limit=fmt_bytes(self.limit),
                )
            )
        self.used += nbytes
        self.charges.append((file, nbytes))

    def max_expanded(self, factor: int) -> int:
        """How many more bytes may be expanded if each will cost ``factor`` bytes once parsed."""
        return self.remaining // max(factor, 1)

    def report(self, fraction: float, text: str) -> None:
        if self.progress is not None:
            self.progress(min(max(fraction, 0.0), 1.0), text)


def upload_refusal(count: int, total_bytes: int, new_bytes: int, name: str) -> Problem | None:
    """A problem if this session may not upload another file of ``new_bytes`` (after ``count`` uploads)."""
    if count >= MAX_UPLOADS_PER_SESSION:
        return problem("upload_count", file=name, limit=MAX_UPLOADS_PER_SESSION)
    if total_bytes + new_bytes > MAX_UPLOAD_BYTES_PER_SESSION:
        return problem("upload_bytes", file=name, limit=fmt_bytes(MAX_UPLOAD_BYTES_PER_SESSION))
    return None
