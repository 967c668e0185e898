"""Reading a data package's raw tables from a folder, a .zip or an .xlsx workbook.

Every cell is read as text; turning text into types is the validator's job, so that each
problem can be reported with its file, row and column instead of failing somewhere in a parser.
Reading is bounded by a ``LoadBudget`` (study.limits): sizes are measured while streaming, and a
file that would not fit ends with a German problem before it is materialised. No exception leaves
``read_source``/``read_upload``: whatever a reader raises becomes a problem.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import logging
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pcsv

from . import workbook
from .limits import (
    CSV_BYTES_FACTOR,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_JSON_DEPTH,
    MAX_METADATA_BYTES,
    LoadBudget,
    LoadRefused,
    Progress,
    fmt_bytes,
    fmt_count,
)
from .report import Problem, problem
from .schema import contract

log = logging.getLogger(__name__)

# The sum of a zip's declared sizes above which it is refused outright (the declared sizes are not trusted
# beyond that: members are measured as they stream, against the load's budget).
MAX_UNCOMPRESSED_BYTES = 2 * 1024**3
# Compression methods Python's zipfile reads: stored, deflate, bzip2, lzma.
_ZIP_METHODS = {0, 8, 12, 14}
_ZIP_METHOD_NAMES = {9: "Deflate64", 99: "AES-Verschlüsselung", 98: "PPMd", 93: "Zstandard", 95: "XZ", 97: "WavPack"}
_MAX_LISTED = 20
_DELIMITERS = (";", ",", "\t")


@dataclass
class RawTable:
    """One table as text: header as written, cells as strings, row numbers as a spreadsheet shows."""

    name: str
    file: str
    header: list[str]
    frame: pd.DataFrame  # columns named by the stripped header; index = row number in the file


@dataclass
class RawSource:
    source: str
    tables: dict[str, RawTable] = field(default_factory=dict)
    metadata: dict | None = None
    problems: list[Problem] = field(default_factory=list)


def read_source(path: str | Path, budget: LoadBudget | None = None, progress: Progress | None = None) -> RawSource:
    """Read the six tables (and datapackage.json, if any) from a folder, .zip or .xlsx."""
    path = Path(path)
    budget = budget or LoadBudget.for_data(progress=progress)
    raw = RawSource(source=str(path))
    if not path.exists():
        raw.problems.append(problem("source_missing", path=str(path)))
        return raw

    def read() -> None:
        if path.is_dir():
            _read_folder(path, raw, budget)
        elif path.suffix.lower() in (".zip", ".xlsx", ".xlsm"):
            size = path.stat().st_size
            budget.charge(size, path.name, f"die Datei ({fmt_bytes(size)})")
            data = _read_bounded(path, size + 1)
            if path.suffix.lower() == ".zip":
                read_zip_bytes(data, raw, path.name, budget)
            else:
                read_xlsx_bytes(data, raw, path.name, budget)
        else:
            raw.problems.append(problem("source_unsupported", path=str(path)))

    _guarded(read, raw, str(path))
    return raw


def read_upload(
    name: str, data: bytes, budget: LoadBudget | None = None, progress: Progress | None = None
) -> RawSource:
    """Read an uploaded .zip or .xlsx given as bytes (the browser upload path)."""
    budget = budget or LoadBudget.for_upload(progress=progress)
    raw = RawSource(source=name)
    suffix = PurePosixPath(name).suffix.lower()

    def read() -> None:
        budget.charge(len(data), name, f"die hochgeladene Datei ({fmt_bytes(len(data))})")
        if suffix == ".zip":
            read_zip_bytes(data, raw, name, budget)
        elif suffix in (".xlsx", ".xlsm"):
            read_xlsx_bytes(data, raw, name, budget)
        else:
            raw.problems.append(problem("source_unsupported", path=name))

    _guarded(read, raw, name)
    return raw


def _guarded(read, raw: RawSource, label: str) -> None:
    """Run a reader; whatever it raises becomes a problem of this source, and nothing it read is kept."""
    try:
        read()
        return
    except LoadRefused as exc:
        found = exc.problems
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, KeyError, EOFError, zlib.error) as exc:
        found = [problem("source_unreadable", path=label, detail=_short(exc))]
    except RecursionError:
        found = [problem("source_unreadable", path=label, detail="zu tief verschachtelt")]
    except MemoryError:
        found = [problem("source_unreadable", path=label, detail="nicht genug Arbeitsspeicher")]
    except Exception as exc:  # a reader's bug or a library's surprise must not take the server down
        log.exception("Unerwarteter Fehler beim Lesen von %s", label)
        found = [problem("load_failed", file=label, detail=type(exc).__name__)]
    raw.tables.clear()
    raw.problems.extend(found)


def _read_bounded(path: Path, limit: int) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(limit)


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 200 else text[:200] + "…"


def _expected_files(metadata: dict | None) -> dict[str, list[str]]:
    """Candidate file names per table: the contract's path, and the package's own path if it has one."""
    names = {t.name: [t.path.lower(), f"{t.name}.csv"] for t in contract().tables}
    for res in (metadata or {}).get("resources", []) if isinstance(metadata, dict) else []:
        if isinstance(res, dict) and res.get("name") in names and isinstance(res.get("path"), str):
            names[res["name"]].insert(0, PurePosixPath(res["path"]).name.lower())
    return names


def _csv_limit(budget: LoadBudget) -> int:
    return budget.max_expanded(CSV_BYTES_FACTOR)


def _charge_csv(budget: LoadBudget, file: str, size: int) -> None:
    budget.charge(size * CSV_BYTES_FACTOR, file, f"die Datei ({fmt_bytes(size)} Text)")


def _read_folder(path: Path, raw: RawSource, budget: LoadBudget) -> None:
    files = {p.name.lower(): p for p in path.iterdir() if p.is_file()}
    if "datapackage.json" in files:
        raw.metadata = _parse_metadata(_read_bounded(files["datapackage.json"], MAX_METADATA_BYTES + 1), raw)
    expected = _expected_files(raw.metadata)
    for i, (table, candidates) in enumerate(expected.items()):
        found = next((files[c] for c in candidates if c in files), None)
        if found is None:
            raw.problems.append(problem("table_missing", table=table, expected=candidates[-1]))
            continue
        budget.report(i / len(expected), f"Datei {found.name} wird gelesen")
        limit = _csv_limit(budget)
        data = _read_bounded(found, limit + 1)
        if len(data) > limit:
            _charge_csv(budget, found.name, max(found.stat().st_size, len(data)))
        _charge_csv(budget, found.name, len(data))
        _add_csv(raw, table, found.name, data)
        del data


def _member_problem(m: zipfile.ZipInfo) -> Problem | None:
    if m.flag_bits & 0x1:
        return problem("zip_encrypted", member=m.filename)
    if m.compress_type not in _ZIP_METHODS:
        name = _ZIP_METHOD_NAMES.get(m.compress_type, f"Verfahren Nr. {m.compress_type}")
        return problem("zip_method", member=m.filename, method=name)
    return None


def _read_member(zf: zipfile.ZipFile, m: zipfile.ZipInfo, limit: int, label: str) -> bytes:
    """A member's bytes, at most ``limit`` + 1 of them however large its header claims it is."""
    found = _member_problem(m)
    if found is not None:
        raise LoadRefused(problem(found.code, file=label, **dict(found.params)))
    try:
        with zf.open(m) as fh:
            return fh.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as exc:
        raise LoadRefused(problem("zip_member_broken", file=label, member=m.filename, detail=_short(exc))) from None


def read_zip_bytes(data: bytes, raw: RawSource, label: str, budget: LoadBudget | None = None) -> None:
    budget = budget or LoadBudget.for_upload()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = [m for m in zf.infolist() if not m.is_dir() and "__MACOSX" not in m.filename]
        if sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
            raise ValueError(f"entpackt größer als {fmt_bytes(MAX_UNCOMPRESSED_BYTES)}")
        by_name: dict[str, list[zipfile.ZipInfo]] = {}
        for m in members:
            by_name.setdefault(PurePosixPath(m.filename).name.lower(), []).append(m)

        def unique(name: str) -> zipfile.ZipInfo:
            found = by_name[name]
            if len(found) > 1:
                paths = ", ".join(f"„{m.filename}“" for m in found[:5])
                raise LoadRefused(
                    problem("zip_duplicate", file=label, name=PurePosixPath(found[0].filename).name, paths=paths)
                )
            return found[0]

        if "datapackage.json" in by_name:
            meta = _read_member(zf, unique("datapackage.json"), MAX_METADATA_BYTES, label)
            raw.metadata = _parse_metadata(meta, raw)
        csvs = [n for n in by_name if n.endswith(".csv")]
        xlsx = [n for n in by_name if n.endswith((".xlsx", ".xlsm"))]
        if not csvs and len(xlsx) == 1:
            member = unique(xlsx[0])
            limit = budget.remaining
            inner = _read_member(zf, member, limit, label)
            if len(inner) > limit:
                budget.charge(len(inner), f"{label}/{member.filename}", "die Mappe im Archiv")
            budget.charge(len(inner), f"{label}/{member.filename}", f"die Mappe im Archiv ({fmt_bytes(len(inner))})")
            read_xlsx_bytes(inner, raw, xlsx[0], budget)
            return
        expected = _expected_files(raw.metadata)
        duplicates = []
        for i, (table, candidates) in enumerate(expected.items()):
            name = next((c for c in candidates if c in by_name), None)
            if name is None:
                raw.problems.append(problem("table_missing", table=table, expected=candidates[-1]))
                continue
            try:
                found = unique(name)
            except LoadRefused as exc:
                duplicates += exc.problems
                continue
            budget.report(i / len(expected), f"Datei {found.filename} wird entpackt")
            limit = _csv_limit(budget)
            content = _read_member(zf, found, limit, label)
            file = PurePosixPath(found.filename).name
            if len(content) > limit:
                # Measured, not declared: at least this much would have to be expanded.
                _charge_csv(budget, file, len(content))
            _charge_csv(budget, file, len(content))
            _add_csv(raw, table, file, content)
            del content
        raw.problems.extend(duplicates)


def _parse_metadata(data: bytes, raw: RawSource) -> dict | None:
    if len(data) > MAX_METADATA_BYTES:
        detail = f"größer als {fmt_bytes(MAX_METADATA_BYTES)}"
        raw.problems.append(problem("metadata_invalid", file="datapackage.json", detail=detail))
        return None
    too_deep = object()
    try:
        meta = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raw.problems.append(problem("metadata_invalid", file="datapackage.json", detail=_short(exc)))
        return None
    except RecursionError:
        meta = too_deep
    if meta is too_deep or _depth(meta) > MAX_JSON_DEPTH:
        detail = f"zu tief verschachtelt, mehr als {MAX_JSON_DEPTH} Ebenen"
        raw.problems.append(problem("metadata_invalid", file="datapackage.json", detail=detail))
        return None
    if not isinstance(meta, dict):
        raw.problems.append(problem("metadata_invalid", file="datapackage.json", detail="kein JSON-Objekt"))
        return None
    return meta


def _depth(value, limit: int = MAX_JSON_DEPTH + 1) -> int:
    """Nesting depth of parsed JSON, counted without recursion and stopping past ``limit``."""
    depth, level = 0, [value]
    while level and depth <= limit:
        nxt = []
        for v in level:
            if isinstance(v, dict):
                nxt.extend(v.values())
            elif isinstance(v, list):
                nxt.extend(v)
        depth += 1
        level = nxt
    return depth - 1 if depth else 0


# --- CSV ---------------------------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str | None, int | None]:
    """Decode CSV bytes as German Excel writes them; returns (text, None) or (None, bad position)."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "cp1252")
    position = 0
    for enc in encodings:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            position = max(position, exc.start)
            continue
        # NUL or other C0 control characters mean this is not text (a binary or UTF-16 without BOM);
        # NUL is searched everywhere (fast), the rarer others in the first 64 kB.
        nul = text.find("\x00")
        if nul >= 0:
            return None, nul
        bad = re.search(r"[\x01-\x08\x0b\x0c\x0e-\x1f]", text[:65536])
        if bad:
            return None, bad.start()
        return text, None
    return None, position


def sniff_delimiter(first_line: str) -> str:
    counts = {d: _count_outside_quotes(first_line, d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _count_outside_quotes(line: str, ch: str) -> int:
    n, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == ch and not quoted:
            n += 1
    return n


def _add_csv(raw: RawSource, table: str, file: str, data: bytes) -> None:
    if not data.strip():
        raw.problems.append(problem("file_empty", file=file))
        return
    text, bad = decode_text(data)
    if text is None:
        raw.problems.append(problem("encoding", file=file, row=data.count(b"\n", 0, bad or 0) + 1, position=bad))
        return
    mixed = _mixed_encoding_at(data)
    if mixed is not None:
        raw.problems.append(problem("encoding_mixed", file=file, row=data.count(b"\n", 0, mixed) + 1))
        return
    text = text.lstrip("\ufeff")
    if "\r" in text and "\n" not in text:  # classic Mac line endings
        text = text.replace("\r", "\n")
        data = text.encode("utf-8")
    first_line = text.split("\n", 1)[0].rstrip("\r")
    if not first_line.strip():
        raw.problems.append(problem("file_empty", file=file))
        return
    delimiter = sniff_delimiter(first_line)
    if len(first_line) > MAX_CELL_CHARS:
        raw.problems.append(problem("cell_too_long", file=file, row=1, limit=fmt_count(MAX_CELL_CHARS)))
        return
    try:
        header = next(csv.reader([first_line], delimiter=delimiter))
    except csv.Error as exc:
        raw.problems.append(problem("csv_malformed", file=file, row=1, detail=_short(exc)))
        return
    if len(header) > MAX_COLUMNS:
        letters = workbook.col_letters(len(header))
        raw.problems.append(
            problem(
                "too_many_columns",
                file=file,
                row=1,
                letters=letters,
                count=fmt_count(len(header)),
                limit=fmt_count(MAX_COLUMNS),
            )
        )
        return
    try:
        if "\n\n" in text or "\n\r\n" in text:
            frame = _read_with_pandas(text, delimiter, len(header))
        else:
            body = data if text is not None and data[:3] != codecs.BOM_UTF8 and _is_utf8(data) else None
            frame = _read_with_arrow(body if body is not None else text.encode("utf-8"), delimiter, len(header))
    except (pd.errors.ParserError, pa.ArrowInvalid):
        raw.problems.extend(_malformed_rows(text, delimiter, len(header), file))
        return
    except pd.errors.EmptyDataError:
        frame = pd.DataFrame(columns=list(range(len(header))), dtype=str)
    del text, data
    frame.index = frame.index + 2  # row 1 is the header
    long_cells = _long_cells(frame, header, file)
    if long_cells:
        raw.problems.extend(long_cells)
        return
    _add_frame(raw, table, file, header, frame)


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mixed_encoding_at(data: bytes) -> int | None:
    """Where a file that is partly UTF-8 stops being UTF-8 (German Excel appending Windows-1252 rows), else None."""
    if data.isascii():
        return None
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        bad = exc.start
    # Windows-1252 text practically never holds a valid UTF-8 multi-byte sequence ("Ã¼" for "ü").
    return bad if _UTF8_SEQUENCE.search(data) else None


def _long_cells(frame: pd.DataFrame, header: list[str], file: str) -> list[Problem]:
    out: list[Problem] = []
    more = 0
    for j, column in enumerate(frame.columns):
        lengths = frame[column].str.len()
        if not bool((lengths > MAX_CELL_CHARS).any()):
            continue
        rows = frame.index[(lengths > MAX_CELL_CHARS).to_numpy()]
        name = header[j].strip() if j < len(header) and header[j].strip() else workbook.col_letters(j + 1)
        for r in rows:
            if len(out) < _MAX_LISTED:
                out.append(
                    problem("cell_too_long", file=file, row=int(r), column=name, limit=fmt_count(MAX_CELL_CHARS))
                )
            else:
                more += 1
    if more:
        out.append(problem("more_cells", file=file, count=more))
    return out


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _read_with_arrow(data: bytes, delimiter: str, width: int) -> pd.DataFrame:
    """Fast path for files without blank lines: Arrow's multithreaded reader, all columns as text."""
    names = [str(i) for i in range(width)]

    def read(newlines_in_values: bool) -> pa.Table:
        return pcsv.read_csv(
            io.BytesIO(data),
            read_options=pcsv.ReadOptions(skip_rows=1, column_names=names),
            parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=newlines_in_values),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )

    # Line breaks inside quoted cells are rare but legal; allowing them disables parallel parsing.
    try:
        table = read(False)
    except pa.ArrowInvalid:
        table = read(True)
    dtype = pd.StringDtype("pyarrow")
    return pd.DataFrame({i: pd.Series(table[name], dtype=dtype) for i, name in enumerate(names)})


def _read_with_pandas(text: str, delimiter: str, width: int) -> pd.DataFrame:
    """Blank lines are kept as empty rows here, so row numbers stay those of the file."""
    return pd.read_csv(
        io.StringIO(text),
        sep=delimiter,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        header=None,
        skiprows=1,
        names=list(range(width)),
        quotechar='"',
        engine="c",
    )


def _malformed_rows(text: str, delimiter: str, width: int, file: str) -> list[Problem]:
    problems = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        next(reader, None)
        for row in reader:
            if row and len(row) != width:
                detail_de = f"{len(row)} statt {width} Felder"
                problems.append(problem("csv_malformed", file=file, row=reader.line_num, detail=detail_de))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            problems.append(problem("cell_too_long", file=file, row=reader.line_num, limit=fmt_count(MAX_CELL_CHARS)))
        else:
            problems.append(problem("csv_malformed", file=file, row=reader.line_num, detail=_short(exc)))
    if not problems:
        problems.append(problem("csv_malformed", file=file, detail="ungültige Anführungszeichen"))
    return problems


def _add_frame(raw: RawSource, table: str, file: str, header: list[str], frame: pd.DataFrame):
    names = [str(h).strip().lstrip("\ufeff") for h in header]
    # A column without a heading is dropped if it is empty throughout (German Excel ends lines with ";;"),
    # else kept and reported as an unknown column; it never shifts or hides the named ones.
    blank = [i for i, n in enumerate(names) if n == ""]
    if blank:
        drop = {i for i in blank if not len(frame) or bool((frame.iloc[:, i] == "").all())}
        if drop:
            keep = [i for i in range(len(names)) if i not in drop]
            frame = frame.iloc[:, keep]
            names = [names[i] for i in keep]
    named = [n if n else f"\x00{i}" for i, n in enumerate(names)]
    frame.columns = named if len(set(named)) == len(named) else list(range(len(named)))
    # Rows that are entirely empty (trailing blank lines, spacer rows in Excel) carry no data.
    if len(frame.columns):
        first_blank = frame.iloc[:, 0] == ""
        if first_blank.any():
            empty = first_blank & (frame == "").all(axis=1)
            if empty.any():
                frame = frame.loc[~empty]
    raw.tables[table] = RawTable(table, file, names, frame)


# --- XLSX --------------------------------------------------------------------------------------

_cell_text = workbook.cell_text


def _choose_sheets(sheets: list[workbook.SheetInfo], keys: tuple[str, ...], label: str, table: str, raw: RawSource):
    """The one visible sheet named like the table (names compared trimmed and case-blind); hidden ones are skipped."""
    matching = [s for s in sheets if s.name.strip().lower() in keys]
    for s in matching:
        if s.hidden:
            raw.problems.append(problem("sheet_hidden", file=label, sheet=s.name, severity="warning"))
    visible = [s for s in matching if not s.hidden]
    if len(visible) > 1:
        names = ", ".join(f"„{s.name}“" for s in visible)
        raw.problems.append(problem("sheet_ambiguous", file=label, table=table, sheets=names))
        return None
    return visible[0] if visible else None


def read_xlsx_bytes(data: bytes, raw: RawSource, label: str, budget: LoadBudget | None = None) -> None:
    """Read the tables of a workbook: every sheet measured first (rows, columns, errors), then read by calamine."""
    budget = budget or LoadBudget.for_upload()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ValueError(f"keine lesbare Excel-Arbeitsmappe ({_short(exc)})") from None
    with zf:
        for m in zf.infolist():
            found = _member_problem(m)
            if found is not None:
                raise LoadRefused(problem(found.code, file=label, **dict(found.params)))
        try:
            sheets = workbook.list_sheets(zf, label)
        except LoadRefused:
            raise
        except Exception as exc:  # defusedxml and ElementTree raise several kinds for a broken workbook.xml
            raise ValueError(f"keine lesbare Excel-Arbeitsmappe ({_short(exc)})") from None
        shared_count, shared_size = workbook.count_shared_strings(zf, budget, label)
        budget.charge(shared_size * 2, label, f"die Texttabelle der Mappe ({fmt_bytes(shared_size)})")
        members = {i.filename for i in zf.infolist()}
        wanted: list[tuple[str | None, workbook.SheetInfo]] = []
        meta = _choose_sheets(sheets, ("metadata", "metadaten"), label, "metadata", raw)
        if meta is not None:
            wanted.append((None, meta))
        for t in contract().tables:
            ws = _choose_sheets(sheets, (t.name.lower(), t.title_de.lower()), label, t.name, raw)
            if ws is None:
                if not any(p.code == "sheet_ambiguous" and dict(p.params).get("table") == t.name for p in raw.problems):
                    raw.problems.append(
                        problem("table_missing", file=label, table=t.name, expected=f"Blatt „{t.name}“")
                    )
                continue
            wanted.append((t.name, ws))
        # Measure every sheet before any is read, so that a refused one costs nothing.
        scans: dict[str, workbook.SheetScan] = {}
        refused: list[Problem] = []
        for i, (_, ws) in enumerate(wanted):
            sheet_label = f"{label}, Blatt {ws.name}"
            budget.report(0.3 * i / max(len(wanted), 1), f"Blatt {ws.name} wird geprüft")
            if ws.path not in members:
                refused.append(problem("sheet_broken", file=sheet_label, detail=f"{ws.path} fehlt in der Mappe"))
                continue
            try:
                scan = workbook.scan_sheet(zf, ws.path, sheet_label, budget)
                workbook.check_scan(scan, sheet_label, budget)
            except LoadRefused as exc:
                refused += exc.problems
                continue
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
                refused.append(problem("zip_member_broken", file=label, member=ws.path, detail=_short(exc)))
                continue
            scans[ws.name] = scan
        if refused:
            raw.problems.extend(refused)
            return
        _read_sheets(data, zf, raw, label, wanted, scans, shared_count, budget)


def _read_sheets(data, zf, raw, label, wanted, scans, shared_count, budget) -> None:
    from python_calamine import CalamineError

    try:
        book = workbook.open_calamine(data)
    except CalamineError as exc:
        raise ValueError(f"keine lesbare Excel-Arbeitsmappe ({_short(exc)})") from None
    with book:
        for i, (table, ws) in enumerate(wanted):
            sheet_label = f"{label}, Blatt {ws.name}"
            base, span = 0.3 + 0.5 * i / len(wanted), 0.5 / len(wanted)
            budget.report(base, f"Blatt {ws.name} wird gelesen")
            try:
                sheet = book.get_sheet_by_name(ws.name)
                if table is None:
                    raw.metadata = _metadata_from_rows(sheet.to_python(skip_empty_area=False))
                    continue
                result = workbook.read_sheet_frame(
                    sheet,
                    progress=lambda f, b=base, s=span, n=ws.name: budget.report(b + s * f, f"Blatt {n} wird gelesen"),
                )
            except CalamineError as exc:
                found = []
                if "shared strings" in str(exc).lower():
                    found = workbook.shared_string_problems(zf, ws.path, sheet_label, shared_count)
                raw.problems.extend(found or [problem("sheet_broken", file=sheet_label, detail=_short(exc))])
                continue
            finally:
                sheet = None
            if result is None:
                raw.problems.append(problem("file_empty", file=sheet_label))
                continue
            header, frame, _, first_col = result
            errors = workbook.cell_error_problems(scans[ws.name], sheet_label, header, first_col)
            if errors:
                raw.problems.extend(errors)
                continue
            _add_frame(raw, table, sheet_label, header, frame)


def _metadata_from_rows(rows) -> dict:
    meta: dict = {}
    for row in rows:
        if not row or row[0] is None or len(row) < 2:
            continue
        key, value = str(row[0]).strip(), row[1]
        if isinstance(value, float) and value.is_integer():  # calamine reads every number cell as a float
            value = int(value)
        if key.lower() in ("key", "schlüssel", "feld"):
            continue
        if isinstance(value, str):
            with contextlib.suppress(json.JSONDecodeError):
                value = json.loads(value)
        if key == "min_group_size":
            meta.setdefault("anonymity", {})["min_group_size"] = value
        else:
            meta[key] = value
    return meta
