"""Download files as bytes: CSV for German Excel, XLSX, the data package as ZIP, the empty template.

Pure builders (no streamlit). Every text cell of a CSV or XLSX export goes through ``neutralise``,
so that a cell from the data cannot run as a spreadsheet formula when the file is opened (CSV
injection); the ZIP of the data package is the exception, see ``package_zip``.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

import pandas as pd

from study.catalog import package_descriptor, package_text_tables
from study.package import StudyPackage
from study.schema import contract
from study.template import METADATA_SHEET, NOTES_SHEET, template_metadata, template_notes, template_tables

from .i18n import number_marks

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_SEPARATOR = ";"
CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MIME = "application/zip"
_DESCRIPTOR = "datapackage.json"
_MAX_COLUMN_WIDTH = 60
XLSX_MAX_ROWS = 1_048_575  # Excel's limit without the header row


def neutralise(value):
    """Prefix a text cell that a spreadsheet would read as a formula with an apostrophe; others unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and column name) passed through ``neutralise``."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(neutralise, na_action="ignore")
    out.columns = [neutralise(c) for c in out.columns]
    return out


# --- CSV and XLSX -----------------------------------------------------------------------------


def _decimal_comma(value):
    """A float in a mixed (object) column with a decimal comma, as pandas does for float columns."""
    if isinstance(value, float) and not pd.isna(value):
        return repr(value).replace(".", ",")
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV as German Excel opens it by double-click: UTF-8 with BOM, ``;``, decimal comma, CRLF."""
    safe = neutralise_frame(frame)
    for col in safe.columns:
        if safe[col].dtype == object:
            safe[col] = safe[col].map(_decimal_comma)
    text = safe.to_csv(sep=CSV_SEPARATOR, index=False, decimal=",", lineterminator="\r\n")
    return b"\xef\xbb\xbf" + text.encode("utf-8")


# --- a chart's numbers ------------------------------------------------------------------------


def _number_patterns(lang: str) -> tuple[re.Pattern, str]:
    decimal, group, percent = number_marks(lang)
    number = rf"-?\d{{1,3}}(?:{re.escape(group)}\d{{3}})*(?:{re.escape(decimal)}\d+)?"
    return re.compile(rf"^({number})({re.escape(percent)})?$"), percent


def _parse_number(text: str, lang: str):
    decimal, group, _ = number_marks(lang)
    plain = text.replace(group, "").replace(decimal, ".")
    return float(plain) if "." in plain else int(plain)


def chart_download_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A chart's table of numbers (display strings, as the page shows it) with numbers as numbers.

    The download is made from the very table the page shows, so it holds exactly the values on the
    screen: the same withheld cells ("< k", kept as text), the same rounding; nothing is looked up
    again. A column whose every value is a number becomes numeric; shares become numbers of percent
    with "(%)" in the heading; "–" (no value) becomes an empty cell; text columns stay as they are.
    """
    pattern, percent = _number_patterns(lang)
    out = {}
    for heading, column in table.items():
        cells = ["" if v is None else str(v) for v in column]
        matches = [pattern.match(c) for c in cells]
        numeric = all(m or c in ("", "–") or c.startswith("< ") for c, m in zip(cells, matches, strict=True))
        numeric = numeric and any(matches)
        if not numeric:
            out[heading] = list(column)
            continue
        is_pct = any(m and m.group(2) for m in matches)
        if is_pct and not all(m.group(2) for m in matches if m):
            out[heading] = list(column)  # shares mixed with plain numbers: leave as written
            continue
        values = [
            _parse_number(m.group(1), lang) if m else (None if c in ("", "–") else c)
            for c, m in zip(cells, matches, strict=True)
        ]
        out[f"{heading} (%)" if is_pct else heading] = values
    return pd.DataFrame(out, dtype=object)


def _cell(value):
    """A frame value as openpyxl writes it: None for missing, Python scalars, no illegal control characters."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value.item() if hasattr(value, "item") else value


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """A workbook with one sheet per frame (header row bold and frozen, columns sized to their content)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for name, frame in sheets.items():
        safe = neutralise_frame(frame)
        ws = wb.create_sheet(title=name[:31])
        ws.freeze_panes = "A2"
        for i, col in enumerate(safe.columns, start=1):
            sample = [len(str(v)) for v in safe[col].head(200) if _cell(v) is not None]
            width = max([len(str(col)), *sample])
            ws.column_dimensions[get_column_letter(i)].width = min(width + 2, _MAX_COLUMN_WIDTH)
        header = []
        for col in safe.columns:
            cell = WriteOnlyCell(ws, value=_cell(str(col)))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in safe.itertuples(index=False, name=None):
            ws.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- the data package as ZIP ------------------------------------------------------------------


def _zip(files: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def rebuilt_package_files(package: StudyPackage) -> dict[str, bytes]:
    """The package's six tables as CSV (UTF-8, ``,``) plus its datapackage.json, rebuilt from the frames."""
    files = {_DESCRIPTOR: json.dumps(package_descriptor(package), ensure_ascii=False, indent=2).encode("utf-8")}
    tables = package_text_tables(package)
    for t in contract().tables:
        files[t.path] = tables[t.name].to_csv(index=False, lineterminator="\n").encode("utf-8")
    return files


def _folder_files(folder: Path) -> dict[str, bytes] | None:
    """The package files of a source folder as they are (None if a table file cannot be found)."""
    present = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    descriptor = present.get(_DESCRIPTOR)
    resources: dict[str, str] = {}
    if descriptor is not None:
        try:
            meta = json.loads(descriptor.read_bytes().decode("utf-8-sig"))
            for res in meta.get("resources", []) if isinstance(meta, dict) else []:
                if isinstance(res, dict) and isinstance(res.get("path"), str):
                    resources[str(res.get("name"))] = PurePosixPath(res["path"]).name.lower()
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None
    files: dict[str, bytes] = {}
    if descriptor is not None:
        files[_DESCRIPTOR] = descriptor.read_bytes()
    for t in contract().tables:
        candidates = [resources.get(t.name), t.path.lower(), f"{t.name}.csv"]
        found = next((present[c] for c in candidates if c and c in present), None)
        if found is None:
            return None
        files[found.name] = found.read_bytes()
    return files


def _zip_is_csv_package(data: bytes) -> bool:
    """Whether a source .zip already holds datapackage.json and the six tables as CSV files."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = {PurePosixPath(m.filename).name.lower() for m in zf.infolist() if not m.is_dir()}
    except zipfile.BadZipFile:
        return False
    return _DESCRIPTOR in names and all(t.path.lower() in names for t in contract().tables)


def package_zip(package: StudyPackage, from_source: bool = True) -> bytes:
    """The whole data package as a ZIP of six CSV files and datapackage.json.

    ``from_source``: a package loaded from a folder is zipped file by file as it is stored, a .zip
    with the six CSVs is passed on unchanged; an .xlsx or an uploaded package (``from_source=False``)
    is rebuilt from its frames. The files are the data package itself, kept exact so that they load
    back into the same package; they are therefore not neutralised against formulas (they are meant
    for this dashboard and for data tools, the spreadsheet downloads are the CSV/XLSX exports).
    """
    source = Path(package.source) if from_source else None
    if source is not None and source.is_dir():
        files = _folder_files(source)
        if files is not None:
            if _DESCRIPTOR not in files:
                files[_DESCRIPTOR] = rebuilt_package_files(package)[_DESCRIPTOR]
            return _zip(files)
    elif source is not None and source.is_file() and source.suffix.lower() == ".zip":
        data = source.read_bytes()
        if _zip_is_csv_package(data):
            return data
    return _zip(rebuilt_package_files(package))


# --- the empty template -----------------------------------------------------------------------


def template_xlsx(lang: str = "de") -> bytes:
    """The empty Excel template: one sheet per table with the contract's columns, "Hinweise", "metadata"."""
    from openpyxl import load_workbook

    sheets: dict[str, pd.DataFrame] = dict(template_tables())
    sheets[NOTES_SHEET] = template_notes(lang)
    data = xlsx_bytes(sheets)
    wb = load_workbook(io.BytesIO(data))
    ws = wb.create_sheet(METADATA_SHEET)
    for key, value in template_metadata():
        ws.append([neutralise(key), neutralise(value)])
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 70
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
