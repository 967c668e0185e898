"""Reading .xlsx workbooks within a memory budget: measure each sheet's XML as it streams, then read it with calamine.

calamine (Rust) is the fast reader, but it builds a dense grid of rows × columns: a sheet with one cell in
row 50,000,000 or column XFD would take gigabytes. So every sheet that is read is first streamed out of
the zip (its real size counted, not the header's), its highest row and column found, Excel cell errors
and NUL bytes located; only if the grid fits the budget does calamine read it, in row batches that go
straight into Arrow text columns.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from itertools import islice
from pathlib import PurePosixPath

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from defusedxml import ElementTree

from .limits import (
    EXCEL_MAX_COLUMNS,
    EXCEL_MAX_ROWS,
    MAX_COLUMNS,
    MAX_METADATA_BYTES,
    XLSX_CELL_BYTES,
    LoadBudget,
    LoadRefused,
    fmt_count,
)
from .report import Problem, problem

_CHUNK = 1 << 20
_MAX_LISTED = 20
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# Letters → "A", digits → "0": a literal search then finds multi-letter columns and long row numbers fast.
_SHAPE = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", b"A" * 26 + b"0" * 10)
_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="(\d+)"')
_REF = re.compile(rb'\sr="([A-Z]{1,4})(\d+)"')
_ERROR_TAG = re.compile(rb'<(?:\w+:)?c\b[^>]*\bt="e"[^>]*>')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_SHARED_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*\bt="s"[^>]*)>\s*<(?:\w+:)?v>\s*(\d+)\s*<')


@dataclass
class SheetInfo:
    name: str
    path: str  # member in the zip
    hidden: bool


@dataclass
class SheetScan:
    rows: int = 0  # highest row number (1-based)
    columns: int = 0  # highest column number (1-based)
    widest_at: int = 1  # a row that reaches ``columns``
    xml_bytes: int = 0
    nul_row: int | None = None
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, value), capped
    n_errors: int = 0


def col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def col_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _read_small(zf: zipfile.ZipFile, name: str, label: str) -> bytes:
    with zf.open(name) as fh:
        data = fh.read(MAX_METADATA_BYTES + 1)
    if len(data) > MAX_METADATA_BYTES:
        raise LoadRefused(problem("sheet_broken", file=label, detail=f"{name} ist unplausibel groß"))
    return data


def list_sheets(zf: zipfile.ZipFile, label: str) -> list[SheetInfo]:
    """Sheets in workbook order with their XML member and whether they are hidden."""
    names = {i.filename for i in zf.infolist()}
    wb_name = next((n for n in ("xl/workbook.xml", "xl/workbook2.xml") if n in names), None)
    if wb_name is None:
        raise ValueError("keine Excel-Arbeitsmappe (xl/workbook.xml fehlt)")
    workbook = ElementTree.fromstring(_read_small(zf, wb_name, label))
    rels_name = str(PurePosixPath(wb_name).parent / "_rels" / (PurePosixPath(wb_name).name + ".rels"))
    targets: dict[str, str] = {}
    if rels_name in names:
        for rel in ElementTree.fromstring(_read_small(zf, rels_name, label)).iter(f"{_NS_PKG}Relationship"):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            targets[rel.get("Id", "")] = str(PurePosixPath(target))
    sheets = []
    for i, el in enumerate(workbook.iter(f"{_NS_MAIN}sheet"), start=1):
        path = targets.get(el.get(f"{_NS_REL}id", ""), f"xl/worksheets/sheet{i}.xml")
        sheets.append(SheetInfo(el.get("name", ""), path, el.get("state", "visible") != "visible"))
    return sheets


def scan_sheet(zf: zipfile.ZipFile, member: str, label: str, budget: LoadBudget) -> SheetScan:
    """Stream a sheet's XML once: its real size, highest row and column, cell errors and NUL bytes."""
    scan = SheetScan()
    carry = b""
    row_elements = 0
    last_row = 0
    with zf.open(member) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                part, carry = carry, b""
            else:
                scan.xml_bytes += len(chunk)
                if scan.xml_bytes > budget.remaining:
                    budget.charge(scan.xml_bytes, label, f"das Blatt (über {fmt_count(scan.xml_bytes)} Bytes XML)")
                buf = carry + chunk
                cut = buf.rfind(b"</row>")
                cut = cut + 6 if cut >= 0 else max(buf.rfind(b"<"), 0)
                if len(buf) - cut > 4 * _CHUNK:  # one endless cell: look at it in pieces, never hold it whole
                    cut = len(buf)
                part, carry = buf[:cut], buf[cut:]
            if part:
                last_row = _scan_part(part, scan, row_elements, last_row)
                row_elements += part.count(b"<row") + part.count(b":row ")
            if not chunk:
                break
    scan.rows = max(scan.rows, row_elements)
    return scan


def _scan_part(part: bytes, scan: SheetScan, row_elements: int, last_row: int) -> int:
    shape = part.translate(_SHAPE)
    # Row numbers: every one where a number of 7 or more digits occurs (beyond row 999,999; Excel stops at
    # 1,048,576), else the last row and cell of the part: rows are written in order, and an out-of-order
    # row below 1,000,000 can cost at most what its columns allow.
    if b'0000000"' in shape:
        numbers = [int(n) for n in _ROW_NUMBER.findall(part)]
        numbers += [int(n) for _, n in _REF.findall(part)]
        if numbers:
            scan.rows = max(scan.rows, max(numbers))
    last_ref = part.rfind(b' r="', max(len(part) - 4096, 0))
    if last_ref >= 0:
        m = _REF.match(part, last_ref)
        if m:
            scan.rows = max(scan.rows, int(m.group(2)))
    at = part.rfind(b'<row r="')
    if at < 0:
        tail = _ROW_NUMBER.findall(part, max(len(part) - 4096, 0))
        row = int(tail[-1]) if tail else last_row
    else:
        end = part.find(b'"', at + 8)
        row = int(part[at + 8 : end]) if part[at + 8 : end].isdigit() else last_row
    scan.rows = max(scan.rows, row)
    # Columns: multi-letter references are looked at one by one (rare); single letters only above the widest yet.
    if b' r="AA' in shape:
        for letters, r in _REF.findall(part):
            if len(letters) > 1:
                n = col_number(letters.decode())
                if n > scan.columns:
                    scan.columns, scan.widest_at = n, int(r)
    if scan.columns < 26:
        # A table's width shows at the end of its rows: the first part (the header) and every part's tail.
        found = _higher(scan.columns).findall(part if row_elements == 0 else part[-65536:])
        if found:
            scan.columns = max(scan.columns, max(found)[0] - 64)
    nul = part.find(b"\x00")
    if nul >= 0 and scan.nul_row is None:
        scan.nul_row = _row_before(part, nul, last_row)
    if b't="e"' in part:
        for m in _ERROR_TAG.finditer(part):
            scan.n_errors += 1
            if len(scan.errors) < _MAX_LISTED:
                ref = _REF.search(m.group(0))
                value = _VALUE.match(part, m.end())
                text = value.group(1).decode("utf-8", "replace") if value else "#?"
                if ref:
                    scan.errors.append((int(ref.group(2)), col_number(ref.group(1).decode()), text))
                else:
                    scan.errors.append((_row_before(part, m.start(), last_row), 0, text))
    return row


_HIGHER: dict[int, re.Pattern] = {}


def _higher(columns: int) -> re.Pattern:
    """Single-letter cell references beyond column ``columns``."""
    if columns not in _HIGHER:
        _HIGHER[columns] = re.compile(rb'\sr="([' + bytes([65 + columns]) + rb"-Z])\d")
    return _HIGHER[columns]


def _row_before(part: bytes, pos: int, default: int) -> int:
    at = part.rfind(b"<row", 0, pos)
    m = _ROW_NUMBER.match(part, at) if at >= 0 else None
    return int(m.group(1)) if m else max(default, 1)


def count_shared_strings(zf: zipfile.ZipFile, budget: LoadBudget, label: str) -> tuple[int, int]:
    """Number of shared strings and their XML size (calamine keeps them all in memory)."""
    member = next((i for i in zf.infolist() if i.filename.lower() == "xl/sharedstrings.xml"), None)
    if member is None:
        return 0, 0
    count = size = 0
    tail = b""
    with zf.open(member) as fh:
        while chunk := fh.read(_CHUNK):
            size += len(chunk)
            if size > budget.remaining:
                budget.charge(size, label, "die Texttabelle der Mappe (sharedStrings.xml)")
            buf = tail + chunk
            count += buf.count(b"<si>") + buf.count(b"<si ") + buf.count(b"<si/>")
            count += len(re.findall(rb"<\w+:si[\s>/]", buf))
            # Keep the last bytes so that a tag split between chunks is counted once, in the next round.
            cut = max(buf.rfind(b"<"), len(buf) - 8)
            tail = buf[cut:]
            count -= tail.count(b"<si>") + tail.count(b"<si ") + tail.count(b"<si/>")
    return count, size


def check_scan(scan: SheetScan, label: str, budget: LoadBudget) -> None:
    """Refuse a sheet beyond Excel's limits or the budget, before anything is materialised."""
    if scan.nul_row is not None:
        raise LoadRefused(problem("sheet_nul", file=label, row=scan.nul_row))
    if scan.rows > EXCEL_MAX_ROWS:
        raise LoadRefused(
            problem("sheet_rows", file=label, row=scan.rows, rows=fmt_count(scan.rows), limit=fmt_count(EXCEL_MAX_ROWS))
        )
    if scan.columns > min(MAX_COLUMNS, EXCEL_MAX_COLUMNS):
        raise LoadRefused(
            problem(
                "too_many_columns",
                file=label,
                row=scan.widest_at,
                column=col_letters(scan.columns),
                letters=col_letters(scan.columns),
                count=fmt_count(scan.columns),
                limit=fmt_count(MAX_COLUMNS),
            )
        )
    cells = scan.rows * max(scan.columns, 1)
    budget.charge(
        cells * XLSX_CELL_BYTES,
        label,
        f"das Blatt mit {fmt_count(scan.rows)} Zeilen × {fmt_count(max(scan.columns, 1))} Spalten",
        row=scan.rows,
    )


def cell_error_problems(scan: SheetScan, label: str, header: list[str], first_col: int) -> list[Problem]:
    """Every Excel error cell (#DIV/0!, #NV, …) with its row and column name, capped."""
    out = []
    for row, col, value in scan.errors:
        index = col - 1 - first_col
        name = header[index] if 0 <= index < len(header) and header[index] and row > 1 else col_letters(col)
        out.append(problem("cell_error", file=label, row=row, column=name or None, value=value))
    if scan.n_errors > len(scan.errors):
        out.append(problem("more_cells", file=label, count=scan.n_errors - len(scan.errors)))
    return out


def shared_string_problems(zf: zipfile.ZipFile, member: str, label: str, count: int) -> list[Problem]:
    """Cells that point past the shared-string table (only looked for once calamine has refused the sheet)."""
    out, more = [], 0
    carry = b""
    with zf.open(member) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            buf = carry + chunk
            cut = buf.rfind(b"</row>") + 6 if chunk else len(buf)
            cut = cut if cut >= 6 else len(buf)
            part, carry = buf[:cut], buf[cut:]
            for m in _SHARED_CELL.finditer(part):
                index = int(m.group(2))
                if index >= count:
                    ref = _REF.search(b" " + m.group(1))
                    if len(out) < _MAX_LISTED:
                        row = int(ref.group(2)) if ref else None
                        column = ref.group(1).decode() if ref else None
                        out.append(
                            problem("shared_string", file=label, row=row, column=column, index=index, count=count)
                        )
                    else:
                        more += 1
            if not chunk:
                break
    if more:
        out.append(problem("more_cells", file=label, count=more))
    return out


def _text_column(values) -> pa.Array:
    """A column of cell values as text, exactly as ``cell_text`` writes each; whole numbers without a loop per cell."""
    try:
        return pa.array(values, type=pa.string())
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        pass
    if set(map(type, values)) <= {float, int}:
        try:
            numbers = pa.array(values, type=pa.float64())
        except pa.ArrowInvalid:  # an int beyond a float's precision
            return pa.array([cell_text(v) for v in values], type=pa.string())
        whole = pc.and_(pc.equal(pc.floor(numbers), numbers), pc.less(pc.abs(numbers), 2.0**53))
        if pc.all(whole).as_py():
            return pc.cast(pc.cast(numbers, pa.int64()), pa.string())
    return pa.array([cell_text(v) for v in values], type=pa.string())


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def read_sheet_frame(sheet, progress=None, batch: int = 65536) -> tuple[list[str], pd.DataFrame, int, int] | None:
    """(header, frame of text with spreadsheet row numbers as index, first row, first column) or None if empty."""
    start = sheet.start
    if start is None:
        return None
    first_row, first_col = start
    total = max(sheet.height, 1)
    rows = sheet.iter_rows()
    header_row = next(rows, None)
    # calamine's rows start at the sheet's first row, not at the table's: skip the empty ones above it.
    skipped = 0
    while header_row is not None and skipped < first_row and all(v in ("", None) for v in header_row):
        header_row, skipped = next(rows, None), skipped + 1
    if header_row is None:
        return None
    header = [cell_text(v) for v in header_row]
    while header and header[-1] == "":
        header.pop()
    if not header:
        return None
    width = len(header)
    chunks: list[list[pa.Array]] = [[] for _ in range(width)]
    n = 0
    pending: list[list] = []

    def flush() -> None:
        # A 2-D object array slices into columns without a Python loop per cell (calamine's rows are equally wide).
        lengths = set(map(len, pending))
        widest = max(lengths)
        grid = np.empty((len(pending), widest), dtype=object)
        grid[:] = pending if len(lengths) == 1 else [list(r) + [""] * (widest - len(r)) for r in pending]
        for j in range(width):
            chunks[j].append(_text_column(grid[:, j]) if j < grid.shape[1] else pa.array([""] * len(pending)))
        pending.clear()

    while True:
        pending.extend(islice(rows, batch))
        if not pending:
            break
        n += len(pending)
        flush()
        if progress is not None:
            progress(n / total)
    dtype = pd.StringDtype("pyarrow")
    index = pd.RangeIndex(first_row + 2, first_row + 2 + n)
    frame = pd.DataFrame(
        {j: pd.Series(pa.chunked_array(chunks[j], pa.string()), dtype=dtype).set_axis(index) for j in range(width)},
        index=index,
    )
    return header, frame, first_row, first_col


def open_calamine(data: bytes):
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_filelike(io.BytesIO(data))
