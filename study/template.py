"""The empty data package template for the study team: tables, column notes and metadata, from the contract.

Everything here is derived from ``study.schema.contract()``; a change of the contract changes the
template. ``components.exports.template_xlsx`` turns these frames into the Excel workbook that
``study.sources.read_xlsx_bytes`` reads back (one sheet per table, a "metadata" sheet).
"""

from __future__ import annotations

import pandas as pd

from .schema import DEFAULT_MIN_GROUP_SIZE, Column, Table, contract

NOTES_SHEET = "Hinweise"
METADATA_SHEET = "metadata"

_TYPES = {
    "string": ("Text", "text"),
    "integer": ("ganze Zahl", "whole number"),
    "number": ("Zahl (Dezimalkomma oder -punkt)", "number (decimal comma or point)"),
    "boolean": ("Wahrheitswert", "boolean"),
}
_HEADINGS = {
    "table": ("Tabelle (Blatt)", "Table (sheet)"),
    "column": ("Spalte", "Column"),
    "title": ("Bedeutung", "Meaning"),
    "type": ("Typ", "Type"),
    "required": ("Pflichtfeld", "Required"),
    "allowed": ("Erlaubte Werte", "Allowed values"),
}
_YES_NO = (("ja", "nein"), ("yes", "no"))
# Where the README explains the import from MAXQDA / REFI-QDA (``python -m study import``).
IMPORT_SECTION = "Daten aus MAXQDA übernehmen"
_IMPORT_NOTES = {
    ("statements", "statement_id"): (
        f" – Aus einem MAXQDA- oder REFI-QDA-Projekt entstehen alle Tabellen außer findings mit "
        f"„python -m study import“: siehe README.md, Abschnitt „{IMPORT_SECTION}“.",
        f" – All tables but findings can be made from a MAXQDA or REFI-QDA project with "
        f"“python -m study import”: see README.md, section “{IMPORT_SECTION}”.",
    ),
    ("findings", "finding_id"): (
        " – Erkenntnisse stehen nicht im QDA-Projekt: dieses Blatt ausfüllen und beim Import mit --findings übergeben.",
        " – Findings are not in the QDA project: fill in this sheet and pass it to the import with --findings.",
    ),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def template_tables() -> dict[str, pd.DataFrame]:
    """One empty text table per contract table, with exactly the contract's columns in order."""
    return {t.name: pd.DataFrame({c: pd.Series(dtype="object") for c in t.column_names}) for t in contract().tables}


def _allowed(table: Table, col: Column, lang: str) -> str:
    en = lang == "en"
    parts: list[str] = []
    if col.enum is not None:
        if col.name == "state":
            parts.append(
                ("ISO code or state name, e.g. " if en else "ISO-Code oder Landesname, z. B. ")
                + "DE-BW / Baden-Württemberg; "
                + ", ".join(col.enum)
            )
        else:
            parts.append(", ".join(f"{v} ({col.label(v, lang)})" if col.label(v, lang) != v else v for v in col.enum))
    if col.type == "boolean":
        parts.append("ja/nein, true/false, 1/0, x/leer" if not en else "ja/nein (yes/no), true/false, 1/0, x/empty")
    if col.minimum is not None and col.maximum is not None:
        parts.append(f"{_num(col.minimum)} … {_num(col.maximum)}")
    elif col.minimum is not None:
        parts.append(f"≥ {_num(col.minimum)}")
    elif col.maximum is not None:
        parts.append(f"≤ {_num(col.maximum)}")
    if col.unique:
        parts.append("unique within the table" if en else "eindeutig innerhalb der Tabelle")
    for fk in table.foreign_keys:
        if fk.column == col.name:
            parts.append(
                f"must occur in sheet “{fk.table}”, column {fk.ref_column}"
                if en
                else f"muss im Blatt „{fk.table}“, Spalte {fk.ref_column} vorkommen"
            )
    return "; ".join(parts) if parts else ("free text" if en else "freier Text")


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def template_notes(lang: str = "de") -> pd.DataFrame:
    """The "Hinweise" sheet: per table and column its meaning, type, whether required, allowed values.

    The last rows explain the metadata sheet.
    """
    yes, no = _YES_NO[1 if lang == "en" else 0]
    rows = []
    for t in contract().tables:
        for c in t.columns:
            rows.append(
                {
                    "table": t.name,
                    "column": c.name,
                    "title": c.title(lang) + _pick(_IMPORT_NOTES.get((t.name, c.name), ("", "")), lang),
                    "type": _pick(_TYPES.get(c.type, (c.type, c.type)), lang),
                    "required": yes if c.required else no,
                    "allowed": _allowed(t, c, lang),
                }
            )
    en = lang == "en"
    text = "text" if en else "Text"
    meta = [
        ("title", "Title of the data package" if en else "Titel des Datenpakets", text, no, "free text"),
        (
            "synthetic",
            "Synthetic (demonstration) data?" if en else "Synthetische Daten (Demodaten)?",
            _pick(_TYPES["boolean"], lang),
            no,
            "true/false",
        ),
        (
            "min_group_size",
            "Anonymity threshold k: no value from fewer than k actors is shown"
            if en
            else "Anonymitätsschwelle k: kein Wert aus weniger als k Akteuren wird gezeigt",
            _pick(_TYPES["integer"], lang),
            no,
            f"≥ 1 ({'default' if en else 'Standard'} {DEFAULT_MIN_GROUP_SIZE})",
        ),
    ]
    for key, title, typ, required, allowed in meta:
        allowed = allowed if (en or allowed != "free text") else "freier Text"
        rows.append(
            {
                "table": METADATA_SHEET,
                "column": key,
                "title": title,
                "type": typ,
                "required": required,
                "allowed": allowed,
            }
        )
    frame = pd.DataFrame(rows, columns=list(_HEADINGS))
    return frame.rename(columns={k: _pick(v, lang) for k, v in _HEADINGS.items()})


def template_metadata() -> list[tuple[str, object]]:
    """Key/value rows of the "metadata" sheet, header first; read back by ``study.sources``."""
    return [
        ("key", "value"),
        ("title", str(contract().defaults.get("title", ""))),
        ("synthetic", False),
        ("min_group_size", DEFAULT_MIN_GROUP_SIZE),
    ]
