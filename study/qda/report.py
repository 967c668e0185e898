"""The import report: what was read and made, and what was left out and why, as text and as .xlsx.

The report is for the study team and names documents, speakers and code paths; it is therefore
written beside the package, never into it.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..schema import CODEBOOK, STATEMENTS, contract
from .build import ImportStats

_T = {
    "title": ("Importbericht", "Import report"),
    "source_maxqda": ("MAXQDA-Export (Excel)", "MAXQDA export (Excel)"),
    "source_refi": ("REFI-QDA-Projekt (.qdpx)", "REFI-QDA project (.qdpx)"),
    "source_qualcoder": ("QualCoder-Projekt (data.qda)", "QualCoder project (data.qda)"),
    "summary": ("Übersicht", "Summary"),
    "documents": ("Dokumente gelesen", "Documents read"),
    "speakers": ("Sprecher in Fokusgruppen", "Speakers in focus groups"),
    "segments": ("Codierte Segmente gelesen", "Coded segments read"),
    "statements": ("Aussagen im Paket", "Statements in the package"),
    "actors_total": ("Akteure im Paket", "Actors in the package"),
    "weight_zero": ("Segmente mit Gewicht 0 (ohne Bewertung)", "Segments with weight 0 (not rated)"),
    "quotes": ("Zitate freigegeben (im Paket)", "Quotes released (in the package)"),
    "actors": ("Akteure je Kommune und Akteurstyp", "Actors per municipality and actor type"),
    "municipality": ("Kommune", "Municipality"),
    "actor_type": ("Akteurstyp", "Actor type"),
    "count": ("Anzahl", "Count"),
    "by_category": ("Aussagen je Kategorie und Methode", "Statements per category and method"),
    "category": ("Kategorie", "Category"),
    "method": ("Methode", "Method"),
    "unmapped": ("Nicht zugeordnete Codes (nicht im Paket)", "Codes not mapped (not in the package)"),
    "path": ("Codepfad", "Code path"),
    "missing": ("Dokumente ohne die nötigen Variablen", "Documents without the needed variables"),
    "document": ("Dokument", "Document"),
    "variables": ("Fehlende Variablen", "Missing variables"),
    "without_speaker": (
        "Segmente in Fokusgruppen ohne Sprecher (nicht im Paket)",
        "Focus group segments without a speaker (not in the package)",
    ),
    "overlaps": ("Überschneidungen ohne Partnertyp oder Status", "Overlaps that gave no partner type or status"),
    "kind": ("Art", "Kind"),
    "detail": ("Code", "Code"),
    "none": ("keine", "none"),
    "findings_empty": (
        "Erkenntnisse: Die Tabelle findings ist leer (sie steht nicht im QDA-Projekt). Die Seite „Erkenntnisse“ "
        "bleibt leer, bis das Blatt „findings“ der Excel-Vorlage ausgefüllt und mit --findings übergeben wird.",
        "Findings: the findings table is empty (findings are not in the QDA project). The “Findings” page stays "
        "empty until the “findings” sheet of the Excel template is filled in and passed with --findings.",
    ),
    "findings_rows": ("Erkenntnisse übernommen", "Findings taken over"),
    "written": ("Datenpaket geschrieben", "Data package written"),
    "report_file": ("Bericht als Excel", "Report as Excel"),
}
_OVERLAP_KINDS = {
    "partner_unknown": ("Partner-Code ohne bekannten Akteurstyp", "Partner code without a known actor type"),
    "status_unknown": ("Status-Code ohne bekannten Status", "Status code without a known status"),
    "rating_unknown": ("Bewertungs-Code ist keine Zahl 1–5", "Rating code is no number 1–5"),
    "partner_alone": ("Partner-Code überlappt kein Inhaltssegment", "Partner code overlaps no content segment"),
    "status_alone": ("Status-Code überlappt kein Inhaltssegment", "Status code overlaps no content segment"),
}


# Sheet names (Excel allows 31 characters) per section, in the order of ``sections``.
_SHEETS = (
    ("Übersicht", "Summary"),
    ("Akteure", "Actors"),
    ("Aussagen", "Statements"),
    ("Nicht zugeordnet", "Not mapped"),
    ("Fehlende Variablen", "Missing variables"),
    ("Ohne Sprecher", "No speaker"),
    ("Überschneidungen", "Overlaps"),
)


def _t(k: str, lang: str) -> str:
    de, en = _T[k]
    return en if lang == "en" else de


def sections(stats: ImportStats, lang: str, findings_rows: int) -> list[tuple[str, list[str], list[list]]]:
    """(title, header, rows) per section; the summary first."""
    c = contract()
    summary = [
        [_t("documents", lang), stats.documents],
        [_t("speakers", lang), stats.speakers],
        [_t("segments", lang), stats.segments],
        [_t("actors_total", lang), sum(stats.actors.values())],
        [_t("statements", lang), stats.statements],
        [_t("weight_zero", lang), stats.weight_zero],
        [_t("quotes", lang), stats.quotes],
        [_t("findings_rows", lang), findings_rows],
    ]
    out = [(_t("summary", lang), ["", _t("count", lang)], summary)]
    out.append(
        (
            _t("actors", lang),
            [_t("municipality", lang), _t("actor_type", lang), _t("count", lang)],
            [[m, t, n] for (m, t), n in sorted(stats.actors.items())],
        )
    )
    out.append(
        (
            _t("by_category", lang),
            [_t("category", lang), _t("method", lang), _t("count", lang)],
            [
                [c.label(CODEBOOK, "category", cat, lang), c.label(STATEMENTS, "method", meth, lang), n]
                for (cat, meth), n in sorted(stats.by_category_method.items())
            ],
        )
    )
    out.append(
        (
            _t("unmapped", lang),
            [_t("path", lang), _t("count", lang)],
            [[p, n] for p, n in sorted(stats.unmapped.items())],
        )
    )
    out.append(
        (_t("missing", lang), [_t("document", lang), _t("variables", lang)], [list(r) for r in stats.missing_variables])
    )
    out.append(
        (
            _t("without_speaker", lang),
            [_t("document", lang), _t("count", lang)],
            [[d, n] for d, n in sorted(stats.without_speaker.items())],
        )
    )
    out.append(
        (
            _t("overlaps", lang),
            [_t("kind", lang), _t("detail", lang), _t("count", lang)],
            [[_OVERLAP_KINDS[k][1 if lang == "en" else 0], d, n] for (k, d), n in sorted(stats.overlaps.items())],
        )
    )
    return out


def format_text(
    stats: ImportStats, lang: str, findings_rows: int, outdir: str | None = None, xlsx: str | None = None
) -> str:
    source = _t(f"source_{stats.kind}", lang)
    lines = [f"{_t('title', lang)}: {source}"]
    if outdir:
        lines.append(f"{_t('written', lang)}: {outdir}")
    if xlsx:
        lines.append(f"{_t('report_file', lang)}: {xlsx}")
    for title, _header, rows in sections(stats, lang, findings_rows):
        lines.append("")
        lines.append(f"{title}:")
        if not rows:
            lines.append(f"  ({_t('none', lang)})")
        for row in rows:
            if title == _t("summary", lang):
                lines.append(f"  {row[0]}: {row[1]}")
            else:
                lines.append("  " + " | ".join(str(v) for v in row))
    if findings_rows == 0:
        lines.append("")
        lines.append(_t("findings_empty", lang))
    return "\n".join(lines)


def write_xlsx(stats: ImportStats, lang: str, findings_rows: int, path: Path) -> None:
    """One sheet per section with a filter on its header row."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for n, (_title, header, rows) in enumerate(sections(stats, lang, findings_rows)):
        ws = wb.create_sheet(_SHEETS[n][1 if lang == "en" else 0])
        if n == 0 and findings_rows == 0:
            rows = [*rows, [_t("findings_empty", lang), 0]]
        for r, values in enumerate([header, *rows], start=1):
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row=r, column=col, value=value)
                # Text from the project must stay text, never become a formula.
                if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
                    cell.data_type = "s"
        if rows:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
        for col in range(1, len(header) + 1):
            ws.column_dimensions[get_column_letter(col)].width = 45 if col == 1 else 25
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(buffer.getvalue())
