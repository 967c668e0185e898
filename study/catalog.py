"""Tables about the data itself for the page "Daten & Methode": codebook, provenance, report, exports.

Pure functions (no streamlit): the codebook as a searchable display table, the labelled statements
download, counts per table, validation problems as a table, the package's metadata entries, and the
package written back as text tables (the inverse of loading) for the ZIP download.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd

from .aggregate import code_frequencies, cooperation_status, statements_export
from .labels import Labels
from .package import StudyPackage
from .report import Problem
from .schema import MUNICIPALITIES, STATUSES, contract, contract_descriptor
from .selection import Selection

RqLabel = Callable[[int], str]

_HEAD = {
    "code": ("Code", "Code"),
    "label": ("Bezeichnung", "Label"),
    "category": ("Kategorie", "Category"),
    "research_question": ("Forschungsfrage", "Research question"),
    "description": ("Beschreibung (deutsch)", "Description (German)"),
    "n_codes": ("Codes (Anzahl)", "Codes (number)"),
    "table": ("Tabelle", "Table"),
    "file": ("Datei", "File"),
    "rows": ("Zeilen", "Rows"),
    "name": ("Name (technisch)", "Technical name"),
    "row": ("Zeile", "Row"),
    "column": ("Spalte", "Column"),
    "message": ("Meldung", "Message"),
    "severity": ("Art", "Kind"),
}
_SEVERITY = {"error": ("Fehler", "error"), "warning": ("Hinweis", "warning")}

# Code column of the statements export → heading of the label column added after it.
_LABELLED = {
    "municipality_id": ("Kommune", "Municipality"),
    "state": ("Bundesland", "Federal state"),
    "size_class": ("Größenklasse", "Size class"),
    "group": ("Akteursgruppe", "Actor group"),
    "actor_type": ("Akteurstyp", "Actor type"),
    "code": ("Code-Bezeichnung", "Code label"),
    "category": ("Kategorie", "Category"),
    "method": ("Erhebungsmethode", "Method"),
    "partner_type": ("Partnertyp", "Partner type"),
    "status": ("Kooperationsstatus", "Cooperation status"),
}


def _h(key: str, lang: str) -> str:
    de, en = _HEAD[key]
    return en if lang == "en" else de


# --- searching --------------------------------------------------------------------------------

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(text: str) -> str:
    """Case- and umlaut-insensitive form for searching ("Größe" matches "groesse")."""
    return str(text).lower().translate(_FOLD).casefold()


def filter_table(frame: pd.DataFrame, query: str | None) -> pd.DataFrame:
    """Rows in which every word of ``query`` occurs in some cell (case- and umlaut-insensitive)."""
    words = [fold(w) for w in (query or "").split()]
    if not words or frame.empty:
        return frame
    haystack = frame.astype("object").where(frame.notna(), "").astype(str).agg(" ".join, axis=1).map(fold)
    mask = pd.Series(True, index=frame.index)
    for w in words:
        mask &= haystack.str.contains(w, regex=False)
    return frame[mask]


# --- codebook ---------------------------------------------------------------------------------


def codebook_table(package: StudyPackage, lang: str, rq_label: RqLabel) -> pd.DataFrame:
    """The codebook with code, label, category and research question in the chosen language."""
    labels = Labels(package, lang)
    cb = package.codebook
    frame = pd.DataFrame(
        {
            _h("code", lang): cb["code"].astype(str).to_numpy(),
            _h("label", lang): [labels.code(c) for c in cb["code"]],
            _h("category", lang): [labels.category(c) for c in cb["category"]],
            _h("research_question", lang): [rq_label(int(rq)) for rq in cb["research_question"]],
            _h("description", lang): cb["description_de"].astype("object").where(cb["description_de"].notna(), ""),
        }
    )
    return frame.reset_index(drop=True)


def category_overview(package: StudyPackage, lang: str, rq_label: RqLabel) -> pd.DataFrame:
    """Categories of the codebook with their research question(s) and number of codes."""
    labels = Labels(package, lang)
    cb = package.codebook
    rows = []
    for category, group in cb.groupby("category", observed=True, sort=True):
        rqs = sorted({int(q) for q in group["research_question"]})
        rows.append(
            {
                _h("category", lang): labels.category(category),
                _h("research_question", lang): "; ".join(rq_label(q) for q in rqs),
                _h("n_codes", lang): len(group),
            }
        )
    return pd.DataFrame(rows, columns=[_h("category", lang), _h("research_question", lang), _h("n_codes", lang)])


# --- statements download ----------------------------------------------------------------------


def labelled_statements(frame: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """The statements export with a label column (in the labels' language) after each code column."""
    lang = labels.lang
    out: dict[str, Any] = {}
    for col in frame.columns:
        values = frame[col]
        if col == "rating":
            out[col] = pd.array(values.round(), dtype="Int64") if len(values) else pd.array([], dtype="Int64")
            continue
        out[col] = values.astype("object").where(values.notna(), None).to_numpy()
        if col in _LABELLED:
            label = labels.of(col) if col != "municipality_id" else labels.municipality
            heading = _LABELLED[col][1 if lang == "en" else 0]
            out[heading] = [label(v) if v is not None and not pd.isna(v) else None for v in out[col]]
    return pd.DataFrame(out, index=range(len(frame)))


def statements_table(sel: Selection, lang: str) -> pd.DataFrame | None:
    """The selection's statements for download, labelled; empty when the selection is too small; None for
    any package but the bundled demonstration package (see ``aggregate.statements_export``)."""
    rows = statements_export(sel)
    return None if rows is None else labelled_statements(rows, Labels(sel.package, lang))


def protected_tables(sel: Selection, lang: str) -> dict[str, pd.DataFrame]:
    """The selection's results as labelled tables, protected as the screens are (``study.disclosure``).

    What is offered for download when record-level rows are not (any package but the bundled demo).
    """
    en = lang == "en"
    labels = Labels(sel.package, lang)
    codes = code_frequencies(sel)
    cb = sel.package.codebook.set_index(sel.package.codebook["code"].astype(str))
    code_sheet = pd.DataFrame(
        {
            _h("code", lang): codes["code"].astype(str),
            ("Label" if en else "Bezeichnung"): codes["code"].map(labels.code),
            _h("category", lang): codes["code"].astype(str).map(cb["category"].astype(str)).map(labels.category),
            ("Actors naming it" if en else "Akteure, die ihn nennen"): codes["n_actors"],
            ("Share of actors" if en else "Anteil der Akteure"): codes["share_actors"],
            ("Mean rating" if en else "Mittlere Bewertung"): codes["mean_rating"],
        }
    )
    status = cooperation_status(sel)
    status_sheet = pd.DataFrame(
        {
            _LABELLED["partner_type"][1 if en else 0]: status["partner_type"].map(labels.partner_type),
            **{labels.status(c): status[c] for c in status.columns if c in STATUSES},
            ("Potential" if en else "Potenzial"): status["potential"],
            ("Actors" if en else "Akteure"): status["n_actors"],
        }
    )
    return {("Codes" if en else "Codes"): code_sheet, ("Cooperation" if en else "Kooperation"): status_sheet}


def export_info(sel: Selection, lang: str, created: dt.datetime | None = None) -> pd.DataFrame:
    """Key/value rows that go with a download: package, demo flag, filters, anonymity rule, date."""
    en = lang == "en"
    labels = Labels(sel.package, lang)
    package = sel.package
    filters = "; ".join(
        f"{labels.dimension_title(dim)}: {', '.join(labels.of(dim)(v) for v in values)}"
        for dim, values in sel.filters.active().items()
    ) or ("none" if en else "keine")
    created = created or dt.datetime.now(dt.UTC)
    rows = [
        ("Data package" if en else "Datenpaket", package.title),
        ("Version", str(package.metadata.get("version") or "")),
        (
            "Demo data (synthetic, not study results)" if en else "Demodaten (synthetisch, keine Studienergebnisse)",
            ("yes" if en else "ja") if package.synthetic else ("no" if en else "nein"),
        ),
        ("Filters" if en else "Filter", filters),
        ("Statements" if en else "Aussagen", str(0 if sel.too_small else sel.n_statements)),
        (
            "Anonymity" if en else "Anonymität",
            f"Protected as on screen (k = {sel.k}): counts built from randomly rounded small values, means only "
            "from groups of at least k actors; see “Data & method”."
            if en
            else f"Geschützt wie auf dem Bildschirm (k = {sel.k}): Zahlen aus zufällig gerundeten kleinen Werten, "
            "Mittelwerte nur aus Gruppen von mindestens k Akteuren; siehe „Daten & Methode“.",
        ),
        ("Created" if en else "Erstellt", format_date(created.isoformat(), lang)),
    ]
    return pd.DataFrame(rows, columns=["Field" if en else "Feld", "Value" if en else "Wert"])


# --- package facts ----------------------------------------------------------------------------


def table_counts(package: StudyPackage, lang: str) -> pd.DataFrame:
    """Rows per table of the package, in the contract's order."""
    rows = [
        {_h("table", lang): t.title(lang), _h("name", lang): t.name, _h("rows", lang): len(package.table(t.name))}
        for t in contract().tables
    ]
    return pd.DataFrame(rows)


def problems_table(problems: Iterable[Problem], lang: str, escape: Callable[[str], str] = str) -> pd.DataFrame:
    """Problems of a validation report as a table: kind, file, row, column, message.

    ``escape`` is applied to the texts that come from the data (file, column, message), e.g. for a
    table that renders Markdown.
    """
    rows = [
        {
            _h("severity", lang): _SEVERITY.get(p.severity, (p.severity, p.severity))[1 if lang == "en" else 0],
            _h("file", lang): escape(p.file or ""),
            _h("row", lang): "" if p.row is None else str(p.row),
            _h("column", lang): escape(p.column or ""),
            _h("message", lang): escape(p.message(lang)),
        }
        for p in problems
    ]
    cols = [_h(k, lang) for k in ("severity", "file", "row", "column", "message")]
    return pd.DataFrame(rows, columns=cols)


def entries(items: Any) -> list[dict[str, str]]:
    """Metadata lists (sources, licenses, contributors) as dicts of strings with title, path, email, role.

    A plain string item is taken as the title; anything that is not a list yields nothing.
    """
    if isinstance(items, Mapping):
        items = [items]
    if not isinstance(items, list | tuple):
        return []
    out = []
    for item in items:
        if isinstance(item, Mapping):
            entry = {
                k: str(item[k]) for k in ("title", "name", "path", "email", "role") if item.get(k) not in (None, "")
            }
            entry.setdefault("title", entry.get("name", ""))
        elif item not in (None, ""):
            entry = {"title": str(item)}
        else:
            continue
        out.append(entry)
    return out


def contact(metadata: Mapping) -> dict[str, str] | None:
    """The first contributor with role "contact", if the package names one."""
    for entry in entries(metadata.get("contributors")):
        if entry.get("role", "").lower() == "contact":
            return entry
    return None


def format_date(value: Any, lang: str = "de") -> str:
    """An ISO date or timestamp as 25.11.2026 (German) or 2026-11-25 (English); other text unchanged."""
    if value in (None, ""):
        return ""
    text = str(value)
    try:
        d = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            d = dt.date.fromisoformat(text)
        except ValueError:
            return text
    return d.isoformat() if lang == "en" else d.strftime("%d.%m.%Y")


# --- the package as text tables (for the ZIP download) ----------------------------------------


def _text(values: pd.Series, kind: str) -> list[str]:
    out = []
    for v in values.astype("object"):
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            out.append("")
        elif kind == "boolean":
            out.append("true" if bool(v) else "false")
        elif kind == "integer":
            out.append(str(int(v)))
        elif kind == "number":
            out.append(repr(float(v)))
        else:
            out.append(str(v))
    return out


def package_text_tables(package: StudyPackage) -> dict[str, pd.DataFrame]:
    """The package's tables as text with exactly the contract's columns: loading them gives the same package.

    Coordinates the loader filled in (``approximate``) are written blank again, as they were given.
    """
    tables = {}
    for t in contract().tables:
        frame = package.table(t.name)
        columns = {}
        for c in t.columns:
            values = frame[c.name] if c.name in frame.columns else pd.Series(None, index=frame.index, dtype="object")
            if t.name == MUNICIPALITIES and c.name in ("lat", "lon") and "approximate" in frame.columns:
                values = values.where(~frame["approximate"].astype(bool), None)
            columns[c.name] = _text(values, c.type)
        tables[t.name] = pd.DataFrame(columns, columns=list(t.column_names))
    return tables


def package_descriptor(package: StudyPackage) -> dict[str, Any]:
    """datapackage.json for the package: the contract's resources with the package's own metadata."""
    desc = contract_descriptor()
    meta = {k: v for k, v in package.metadata.items() if k != "resources"}
    desc.update(json.loads(json.dumps(meta, default=str)))
    return desc
