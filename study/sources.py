"""Reading a data package's raw tables from a folder, a .zip or an .xlsx workbook.

Every cell is read as text; turning text into types is the validator's job, so that each
problem can be reported with its file, row and column instead of failing somewhere in a parser.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pcsv

from .report import Problem, problem
from .schema import contract

# An uncompressed package larger than this is refused before it is read (a .zip bomb guard).
MAX_UNCOMPRESSED_BYTES = 2 * 1024**3
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


def read_source(path: str | Path) -> RawSource:
    """Read the six tables (and datapackage.json, if any) from a folder, .zip or .xlsx."""
    path = Path(path)
    raw = RawSource(source=str(path))
    if not path.exists():
        raw.problems.append(problem("source_missing", path=str(path)))
        return raw
    try:
        if path.is_dir():
            _read_folder(path, raw)
        elif path.suffix.lower() == ".zip":
            with open(path, "rb") as fh:
                read_zip_bytes(fh.read(), raw, path.name)
        elif path.suffix.lower() in (".xlsx", ".xlsm"):
            read_xlsx_bytes(path.read_bytes(), raw, path.name)
        else:
            raw.problems.append(problem("source_unsupported", path=str(path)))
    except (OSError, zipfile.BadZipFile, ValueError, KeyError) as exc:
        raw.problems.append(problem("source_unreadable", path=str(path), detail=_short(exc)))
    return raw


def read_upload(name: str, data: bytes) -> RawSource:
    """Read an uploaded .zip or .xlsx given as bytes (the browser upload path)."""
    raw = RawSource(source=name)
    suffix = PurePosixPath(name).suffix.lower()
    try:
        if suffix == ".zip":
            read_zip_bytes(data, raw, name)
        elif suffix in (".xlsx", ".xlsm"):
            read_xlsx_bytes(data, raw, name)
        else:
            raw.problems.append(problem("source_unsupported", path=name))
    except (OSError, zipfile.BadZipFile, ValueError, KeyError) as exc:
        raw.problems.append(problem("source_unreadable", path=name, detail=_short(exc)))
    return raw


def _short(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 200 else text[:200] + "…"


def _expected_files(metadata: dict | None) -> dict[str, list[str]]:
    """Candidate file names per table: the contract's path, and the package's own path if it has one."""
    names = {t.name: [t.path.lower(), f"{t.name}.csv"] for t in contract().tables}
    for res in (metadata or {}).get("resources", []) if isinstance(metadata, dict) else []:
        if isinstance(res, dict) and res.get("name") in names and isinstance(res.get("path"), str):
            names[res["name"]].insert(0, PurePosixPath(res["path"]).name.lower())
    return names


def _read_folder(path: Path, raw: RawSource) -> None:
    files = {p.name.lower(): p for p in path.iterdir() if p.is_file()}
    if "datapackage.json" in files:
        raw.metadata = _parse_metadata(files["datapackage.json"].read_bytes(), raw)
    for table, candidates in _expected_files(raw.metadata).items():
        found = next((files[c] for c in candidates if c in files), None)
        if found is None:
            raw.problems.append(problem("table_missing", table=table, expected=candidates[-1]))
            continue
        _add_csv(raw, table, found.name, found.read_bytes())


def read_zip_bytes(data: bytes, raw: RawSource, label: str) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = [m for m in zf.infolist() if not m.is_dir() and "__MACOSX" not in m.filename]
        if sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
            raise ValueError("entpackt größer als 2 GB")
        by_name = {PurePosixPath(m.filename).name.lower(): m for m in members}
        if "datapackage.json" in by_name:
            raw.metadata = _parse_metadata(zf.read(by_name["datapackage.json"]), raw)
        csvs = [n for n in by_name if n.endswith(".csv")]
        xlsx = [n for n in by_name if n.endswith((".xlsx", ".xlsm"))]
        if not csvs and len(xlsx) == 1:
            read_xlsx_bytes(zf.read(by_name[xlsx[0]]), raw, xlsx[0])
            return
        for table, candidates in _expected_files(raw.metadata).items():
            found = next((by_name[c] for c in candidates if c in by_name), None)
            if found is None:
                raw.problems.append(problem("table_missing", table=table, expected=candidates[-1]))
                continue
            _add_csv(raw, table, PurePosixPath(found.filename).name, zf.read(found))


def _parse_metadata(data: bytes, raw: RawSource) -> dict | None:
    try:
        meta = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raw.problems.append(problem("metadata_invalid", file="datapackage.json", detail=_short(exc)))
        return None
    if not isinstance(meta, dict):
        raw.problems.append(problem("metadata_invalid", file="datapackage.json", detail="kein JSON-Objekt"))
        return None
    return meta


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
        raw.problems.append(problem("encoding", file=file, position=bad))
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
    try:
        header = next(csv.reader([first_line], delimiter=delimiter))
    except csv.Error as exc:
        raw.problems.append(problem("csv_malformed", file=file, row=1, detail=_short(exc)))
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
    frame.index = frame.index + 2  # row 1 is the header
    _add_frame(raw, table, file, header, frame)


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
        problems.append(problem("csv_malformed", file=file, row=reader.line_num, detail=_short(exc)))
    if not problems:
        problems.append(problem("csv_malformed", file=file, detail="ungültige Anführungszeichen"))
    return problems


def _add_frame(raw: RawSource, table: str, file: str, header: list[str], frame: pd.DataFrame):
    names = [str(h).strip().lstrip("\ufeff") for h in header]
    frame.columns = names if len(set(names)) == len(names) else list(range(len(names)))
    # Rows that are entirely empty (trailing blank lines, spacer rows in Excel) carry no data.
    if len(frame.columns):
        first_blank = frame.iloc[:, 0] == ""
        if first_blank.any():
            empty = first_blank & (frame == "").all(axis=1)
            if empty.any():
                frame = frame.loc[~empty]
    raw.tables[table] = RawTable(table, file, names, frame)


# --- XLSX --------------------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def read_xlsx_bytes(data: bytes, raw: RawSource, label: str) -> None:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValueError(f"keine lesbare Excel-Arbeitsmappe ({_short(exc)})") from exc
    try:
        sheets = {ws.title.strip().lower(): ws for ws in wb.worksheets}
        meta_sheet = sheets.get("metadata") or sheets.get("metadaten")
        if meta_sheet is not None:
            raw.metadata = _metadata_from_rows(meta_sheet.iter_rows(values_only=True))
        for t in contract().tables:
            ws = sheets.get(t.name.lower()) or sheets.get(t.title_de.lower())
            if ws is None:
                raw.problems.append(problem("table_missing", file=label, table=t.name, expected=f"Blatt „{t.name}“"))
                continue
            rows = ws.iter_rows(values_only=True)
            header_row = next(rows, None)
            sheet = f"{label}, Blatt {ws.title}"
            if header_row is None or all(v is None for v in header_row):
                raw.problems.append(problem("file_empty", file=sheet))
                continue
            header = [_cell_text(v) for v in header_row]
            while header and header[-1] == "":
                header.pop()
            body = [[_cell_text(v) for v in r[: len(header)]] for r in rows]
            body = [r + [""] * (len(header) - len(r)) for r in body]
            frame = pd.DataFrame(body, columns=list(range(len(header))), dtype=str)
            frame.index = frame.index + 2
            _add_frame(raw, t.name, sheet, header, frame)
    finally:
        wb.close()


def _metadata_from_rows(rows) -> dict:
    meta: dict = {}
    for row in rows:
        if not row or row[0] is None or len(row) < 2:
            continue
        key, value = str(row[0]).strip(), row[1]
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
