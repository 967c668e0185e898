"""Reading MAXQDA's Excel exports: "Codierte Segmente", document variables and speaker variables.

Headers are matched tolerantly (German or English interface, with or without umlauts, versions that
add or drop columns); what is missing is named. Which export a workbook is, is told by its header, so
the files may have any name. Comments, user names and dates are never read.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from ..sources import _cell_text as cell_text
from .mapping import key
from .messages import ImportFailed, Issue, issue
from .model import Document, Project, Segment, Speaker

# Field → header spellings across MAXQDA versions and interface languages.
SEGMENT_COLUMNS = {
    "group": ["Dokumentgruppe", "Document group", "Dokumentset", "Document set"],
    "document": ["Dokumentname", "Document name", "Dokument", "Document"],
    "code": ["Code", "Codes"],
    "start": ["Anfang", "Beginning", "Beginn", "Start", "Position Anfang"],
    "end": ["Ende", "End", "Position Ende"],
    "weight": ["Gewicht", "Gewichtung", "Weight score", "Weight", "Gewichtungsfaktor"],
    "text": ["Segment", "Codiertes Segment", "Coded segment", "Text"],
}
REQUIRED_SEGMENT = ("document", "code", "start", "end")
SPEAKER_COLUMN = ["Sprecher", "Speaker", "Sprecherin", "Sprecher:in"]
# Columns of the variables exports that are MAXQDA's own bookkeeping, not the team's variables.
SYSTEM_VARIABLES = {
    key(v)
    for v in (
        "Farbe",
        "Color",
        "Kommentar",
        "Comment",
        "Erstellt von",
        "Created by",
        "Erstellt am",
        "Created",
        "Bearbeitet von",
        "Modified by",
        "Bearbeitet am",
        "Modified",
        "Autor",
        "Author",
        "Codierte Segmente",
        "Anzahl codierter Segmente",
        "Coded segments",
        "Memo",
    )
}
_HEADER_SCAN_ROWS = 5
_KNOWN_HEADINGS = {key(a) for aliases in [*SEGMENT_COLUMNS.values(), SPEAKER_COLUMN] for a in aliases}
_WHOLE = re.compile(r"\d{1,15}(?:[.,]0+)?")


def _text(value) -> str:
    return value.strip() if type(value) is str else cell_text(value).strip()


def _position(value) -> int | None:
    """A non-negative whole number from a cell (number or text); None otherwise."""
    if type(value) is int:
        return value if value >= 0 else None
    if type(value) is float:
        return int(value) if value.is_integer() and value >= 0 else None
    return _int(_text(value))


def _find(header: list[str], aliases: list[str]) -> int | None:
    wanted = {key(a) for a in aliases}
    for i, h in enumerate(header):
        if key(h) in wanted:
            return i
    return None


class _Sheet:
    def __init__(self, name: str, header_row: int, header: list[str], rows: list[tuple[int, list[str]]]):
        self.name = name
        self.header_row = header_row
        self.header = header
        self.rows = rows  # (row number as Excel shows it, cell values as read)

    def text_rows(self):
        for n, cells in self.rows:
            yield n, [_text(c) for c in cells]

    def kind(self) -> str | None:
        has_doc = _find(self.header, SEGMENT_COLUMNS["document"]) is not None
        if _find(self.header, SEGMENT_COLUMNS["code"]) is not None and (
            _find(self.header, SEGMENT_COLUMNS["start"]) is not None
            or _find(self.header, SEGMENT_COLUMNS["text"]) is not None
        ):
            return "segments"
        if has_doc and _find(self.header, SPEAKER_COLUMN) is not None:
            return "speakers"
        if has_doc:
            return "variables"
        return None


def _rows_calamine(path: Path) -> list[list]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)


def _rows_openpyxl(path: Path) -> list[list]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    try:
        return [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()


def _read_workbook(path: Path) -> _Sheet:
    # calamine (Rust) is far faster than openpyxl, which is the fallback (timings: README, "Wie schnell").
    try:
        import python_calamine  # noqa: F401

        reader = _rows_calamine
    except ImportError:  # pragma: no cover - calamine is pinned in requirements.txt
        reader = _rows_openpyxl
    try:
        rows = reader(path)
    except Exception as exc:  # both libraries raise many kinds for a file that is not a workbook
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise ImportFailed([issue("workbook_unreadable", file=path.name, detail=detail)]) from None
    header: list[str] = []
    header_row = 0
    # Some versions write a title line above the header: take the first row with two known headings.
    for n, values in enumerate(rows[:_HEADER_SCAN_ROWS], start=1):
        texts = [cell_text(v).strip() for v in values]
        if sum(key(t) in _KNOWN_HEADINGS for t in texts) >= 2 or n == min(len(rows), _HEADER_SCAN_ROWS):
            header, header_row = texts, n
            break
    while header and not header[-1]:
        header.pop()
    body = []
    width = len(header)
    for n, values in enumerate(rows[header_row:], start=header_row + 1):
        # Cells stay as the library gives them (text, number, bool, date); only used cells become text.
        cells = list(values[:width])
        if not any(c not in (None, "") and (type(c) is not str or c.strip()) for c in cells):
            continue
        body.append((n, cells + [""] * (width - len(cells))))
    return _Sheet(path.name, header_row, header, body)


def sniff(paths: list[Path]) -> dict[str, list[tuple[Path, _Sheet]]]:
    """Read the workbooks and sort them by kind; unknown ones are an error naming their header."""
    kinds: dict[str, list[tuple[Path, _Sheet]]] = {"segments": [], "variables": [], "speakers": []}
    problems: list[Issue] = []
    for path in paths:
        try:
            sheet = _read_workbook(path)
        except ImportFailed as exc:
            problems += exc.issues
            continue
        kind = sheet.kind()
        if kind is None:
            shown = ", ".join(h for h in sheet.header if h)[:200] or "(leer)"
            problems.append(issue("workbook_unknown", file=path.name, header=shown))
            continue
        if kinds[kind]:
            problems.append(issue("workbook_twice", file=path.name, kind=kind, other=kinds[kind][0][0].name))
            continue
        kinds[kind].append((path, sheet))
    if not problems and not kinds["segments"]:
        problems.append(issue("segments_missing"))
    if not problems and not kinds["variables"]:
        problems.append(issue("variables_missing"))
    if problems:
        raise ImportFailed(problems)
    return kinds


def read_maxqda(paths: list[Path], separator: str = ">") -> Project:
    """A project from MAXQDA's coded segments export, document variables export and optional speakers sheet."""
    kinds = sniff(paths)
    seg_path, seg_sheet = kinds["segments"][0]
    var_path, var_sheet = kinds["variables"][0]
    files = [seg_path, var_path] + [p for p, _ in kinds["speakers"]]
    project = Project(
        kind="maxqda",
        files=tuple(p.name for p in files),
        origin="MAXQDA",
        digests=tuple(hashlib.sha256(p.read_bytes()).hexdigest() for p in files),
    )
    problems: list[Issue] = []
    doc_keys = _read_variables(var_sheet, project, problems)
    for _, sheet in kinds["speakers"]:
        _read_speakers(sheet, project, doc_keys, problems)
    _read_segments(seg_sheet, project, doc_keys, separator, problems)
    if problems:
        raise ImportFailed(problems)
    return project


def _columns(sheet: _Sheet, fields: dict[str, list[str]], required, problems: list[Issue]) -> dict[str, int] | None:
    found = {f: _find(sheet.header, aliases) for f, aliases in fields.items()}
    present = ", ".join(h for h in sheet.header if h) or "(keine)"
    missing = [f for f in required if found[f] is None]
    for f in missing:
        problems.append(
            issue(
                "column_missing",
                file=sheet.name,
                row=sheet.header_row,
                column=fields[f][0],
                aliases=", ".join(fields[f][1:]) or "–",
                present=present,
            )
        )
    return None if missing else {f: i for f, i in found.items() if i is not None}


class _DocKeys:
    """Document identity: its name, or group and name where one name occurs in two groups."""

    def __init__(self):
        self.by_group_name: dict[tuple[str, str], str] = {}
        self.by_name: dict[str, list[str]] = {}

    def add(self, group: str, name: str) -> str:
        self.by_name.setdefault(name, [])
        doc_key = name if not self.by_name[name] else f"{group} / {name}"
        self.by_group_name[(group, name)] = doc_key
        self.by_name[name].append(doc_key)
        return doc_key

    def find(self, group: str | None, name: str) -> str | None:
        if group is not None and (group, name) in self.by_group_name:
            return self.by_group_name[(group, name)]
        keys = self.by_name.get(name) or []
        return keys[0] if len(keys) == 1 else None


def _variable_columns(sheet: _Sheet, skip: set[int]) -> list[tuple[int, str]]:
    return [(i, h) for i, h in enumerate(sheet.header) if i not in skip and h and key(h) not in SYSTEM_VARIABLES]


def _read_variables(sheet: _Sheet, project: Project, problems: list[Issue]) -> _DocKeys:
    cols = _columns(
        sheet, {"group": SEGMENT_COLUMNS["group"], "document": SEGMENT_COLUMNS["document"]}, ["document"], problems
    )
    keys = _DocKeys()
    if cols is None:
        return keys
    variables = _variable_columns(sheet, set(cols.values()))
    for row, cells in sheet.text_rows():
        name = cells[cols["document"]].strip()
        if not name:
            problems.append(issue("document_empty", file=sheet.name, row=row, column=sheet.header[cols["document"]]))
            continue
        group = cells[cols["group"]].strip() if "group" in cols else ""
        doc_key = keys.add(group, name)
        values = {h: cells[i].strip() for i, h in variables if cells[i].strip()}
        project.documents[doc_key] = Document(
            name=doc_key, groups=(group,) if group else (), variables=values, where=f"{sheet.name}, Zeile {row}"
        )
    return keys


def _read_speakers(sheet: _Sheet, project: Project, keys: _DocKeys, problems: list[Issue]) -> None:
    fields = {"group": SEGMENT_COLUMNS["group"], "document": SEGMENT_COLUMNS["document"], "speaker": SPEAKER_COLUMN}
    cols = _columns(sheet, fields, ["document", "speaker"], problems)
    if cols is None:
        return
    variables = _variable_columns(sheet, set(cols.values()))
    for row, cells in sheet.text_rows():
        name = cells[cols["document"]].strip()
        speaker = cells[cols["speaker"]].strip()
        group = _text(cells[cols["group"]]) if "group" in cols else None
        doc_key = keys.find(group, name) if name else None
        if doc_key is None:
            problems.append(issue("document_unknown", file=sheet.name, row=row, document=name or "(leer)"))
            continue
        if not speaker:
            continue
        values = {h: cells[i].strip() for i, h in variables if cells[i].strip()}
        project.speakers[(doc_key, speaker)] = Speaker(doc_key, speaker, values)


def _int(text: str) -> int | None:
    """A non-negative whole number as Excel may show it ("12", "12.0"); None otherwise."""
    t = text.strip()
    if t.isdigit() and t.isascii():
        return int(t)
    if not _WHOLE.fullmatch(t):
        return None
    return int(re.split(r"[.,]", t)[0])


def _read_segments(sheet: _Sheet, project: Project, keys: _DocKeys, separator: str, problems: list[Issue]) -> None:
    cols = _columns(sheet, SEGMENT_COLUMNS, REQUIRED_SEGMENT, problems)
    if cols is None:
        return
    head = sheet.header
    unknown_docs: dict[str, int] = {}
    for row, cells in sheet.rows:
        name = _text(cells[cols["document"]])
        path_text = _text(cells[cols["code"]])
        if not name:
            problems.append(issue("document_empty", file=sheet.name, row=row, column=head[cols["document"]]))
            continue
        if not path_text:
            problems.append(issue("code_empty", file=sheet.name, row=row, column=head[cols["code"]]))
            continue
        group = _text(cells[cols["group"]]) if "group" in cols else None
        doc_key = keys.find(group, name)
        if doc_key is None:
            if name not in unknown_docs:
                unknown_docs[name] = row
                problems.append(issue("document_unknown", file=sheet.name, row=row, document=name))
            continue
        start, end = _position(cells[cols["start"]]), _position(cells[cols["end"]])
        ok = True
        for field_, value in (("start", start), ("end", end)):
            if value is None:
                problems.append(
                    issue(
                        "position_invalid",
                        file=sheet.name,
                        row=row,
                        column=head[cols[field_]],
                        value=_text(cells[cols[field_]]),
                    )
                )
                ok = False
        if ok and end < start:
            problems.append(
                issue("position_order", file=sheet.name, row=row, column=head[cols["end"]], start=start, end=end)
            )
            ok = False
        weight = None
        if "weight" in cols:
            raw = cells[cols["weight"]]
            weight = 0 if raw in (None, "") else _position(raw)
            if weight is None or weight > 100:
                problems.append(
                    issue("weight_invalid", file=sheet.name, row=row, column=head[cols["weight"]], value=_text(raw))
                )
                ok = False
        if not ok:
            continue
        path = tuple(p.strip() for p in path_text.split(separator) if p.strip())
        text = _text(cells[cols["text"]]) if "text" in cols else ""
        # MAXQDA counts paragraphs inclusively: segment 3–4 covers paragraphs 3 and 4.
        project.segments.append(Segment(doc_key, path, start, end + 1, weight, text.strip()))
