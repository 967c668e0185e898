"""Validation problems and the report that collects them, in German with an English variant."""

from __future__ import annotations

from dataclasses import dataclass

# code → (German template, English template); placeholders are filled from Problem.params.
MESSAGES: dict[str, tuple[str, str]] = {
    "source_missing": (
        "Die Datenquelle „{path}“ wurde nicht gefunden.",
        "The data source “{path}” was not found.",
    ),
    "source_unsupported": (
        "„{path}“ ist kein Ordner, keine .zip- und keine .xlsx-Datei.",
        "“{path}” is neither a folder nor a .zip or .xlsx file.",
    ),
    "source_unreadable": (
        "„{path}“ konnte nicht gelesen werden: {detail}.",
        "“{path}” could not be read: {detail}.",
    ),
    "metadata_invalid": (
        "datapackage.json ist kein gültiges JSON ({detail}).",
        "datapackage.json is not valid JSON ({detail}).",
    ),
    "metadata_value": (
        "datapackage.json: „{key}“ hat einen ungültigen Wert ({detail}).",
        "datapackage.json: “{key}” has an invalid value ({detail}).",
    ),
    "table_missing": (
        "Die Tabelle „{table}“ fehlt (erwartet: {expected}).",
        "The table “{table}” is missing (expected: {expected}).",
    ),
    "file_empty": (
        "Die Datei ist leer: Es fehlt mindestens die Kopfzeile mit den Spaltennamen.",
        "The file is empty: at least the header row with the column names is missing.",
    ),
    "encoding": (
        "Die Datei hat keine lesbare Zeichenkodierung (erwartet: UTF-8 oder Windows-1252); "
        "ungültiges Byte an Position {position}.",
        "The file has no readable character encoding (expected UTF-8 or Windows-1252); "
        "invalid byte at position {position}.",
    ),
    "csv_malformed": (
        "Die Zeile lässt sich nicht lesen: {detail}.",
        "The row cannot be read: {detail}.",
    ),
    "column_missing": (
        "Die Pflichtspalte „{column}“ fehlt. Vorhandene Spalten: {present}.",
        "The required column “{column}” is missing. Present columns: {present}.",
    ),
    "column_unknown": (
        "Die Spalte „{column}“ gehört nicht zum Datenpaket und wird ignoriert.",
        "The column “{column}” is not part of the data package and is ignored.",
    ),
    "column_duplicate": (
        "Die Spalte „{column}“ kommt mehrfach vor.",
        "The column “{column}” occurs more than once.",
    ),
    "required": (
        "Pflichtfeld ist leer.",
        "Required value is empty.",
    ),
    "type_integer": (
        "„{value}“ ist keine ganze Zahl.",
        "“{value}” is not a whole number.",
    ),
    "type_number": (
        "„{value}“ ist keine Zahl (erwartet z. B. 52,52 oder 52.52).",
        "“{value}” is not a number (expected e.g. 52.52 or 52,52).",
    ),
    "type_boolean": (
        "„{value}“ ist kein Wahrheitswert (erwartet: ja/nein, true/false, 1/0 oder x/leer).",
        "“{value}” is not a boolean (expected yes/no as ja/nein, true/false, 1/0 or x/empty).",
    ),
    "enum": (
        "„{value}“ ist nicht erlaubt. Erlaubt: {allowed}.",
        "“{value}” is not allowed. Allowed: {allowed}.",
    ),
    "state": (
        "„{value}“ ist kein deutsches Bundesland (erwartet: ISO-Code wie DE-BW oder Name wie „Baden-Württemberg“).",
        "“{value}” is not a German federal state (expected an ISO code like DE-BW or a name like “Baden-Württemberg”).",
    ),
    "minimum": (
        "{value} ist kleiner als das erlaubte Minimum {limit}.",
        "{value} is below the allowed minimum {limit}.",
    ),
    "maximum": (
        "{value} ist größer als das erlaubte Maximum {limit}.",
        "{value} is above the allowed maximum {limit}.",
    ),
    "duplicate": (
        "„{value}“ kommt mehrfach vor (auch in Zeile {other_row}); der Wert muss eindeutig sein.",
        "“{value}” occurs more than once (also in row {other_row}); the value must be unique.",
    ),
    "reference": (
        "„{value}“ verweist auf keinen Eintrag in „{ref_table}“ (Spalte {ref_column}).",
        "“{value}” refers to no entry in “{ref_table}” (column {ref_column}).",
    ),
    "coordinates_outside": (
        "Die Koordinaten ({lat}, {lon}) liegen außerhalb Deutschlands.{hint}",
        "The coordinates ({lat}, {lon}) lie outside Germany.{hint}",
    ),
    "coordinates_partial": (
        "Es ist nur einer von Breiten- und Längengrad angegeben; beide oder keiner.",
        "Only one of latitude and longitude is given; give both or neither.",
    ),
    "more": (
        "… und {count} weitere Fehler dieser Art in dieser Spalte.",
        "… and {count} more problems of this kind in this column.",
    ),
    "no_rows": (
        "Die Tabelle enthält keine Datenzeilen.",
        "The table contains no data rows.",
    ),
    # Hostile or broken files (limits while reading, zip and workbook structure).
    "budget_exceeded": (
        "Das Datenpaket ist zu groß zum Prüfen: {what} bräuchte etwa {need} Arbeitsspeicher, erlaubt sind {limit}. "
        "Bitte teilen Sie das Paket auf oder entfernen Sie leere Zeilen und Spalten.",
        "The data package is too large to check: {what} would need about {need} of memory, {limit} are allowed. "
        "Please split the package or remove empty rows and columns.",
    ),
    "sheet_rows": (
        "Das Blatt reicht bis Zeile {rows}; Excel erlaubt höchstens {limit} Zeilen. "
        "Vermutlich enthält die Datei eine leere oder beschädigte Zeile weit unten.",
        "The sheet reaches row {rows}; Excel allows at most {limit} rows. "
        "The file probably contains an empty or damaged row far below the data.",
    ),
    "too_many_columns": (
        "Die Tabelle reicht bis Spalte {letters} ({count} Spalten); erlaubt sind höchstens {limit}. "
        "Bitte löschen Sie leere Spalten rechts der Tabelle.",
        "The table reaches column {letters} ({count} columns); at most {limit} are allowed. "
        "Please delete empty columns to the right of the table.",
    ),
    "zip_encrypted": (
        "„{member}“ ist verschlüsselt (passwortgeschützt). Bitte speichern Sie das Paket ohne Passwort als .zip.",
        "“{member}” is encrypted (password-protected). Please save the package as a .zip without a password.",
    ),
    "zip_method": (
        "„{member}“ ist mit {method} komprimiert, das hier nicht gelesen werden kann. "
        "Bitte speichern Sie das Paket als gewöhnliches .zip (Deflate).",
        "“{member}” is compressed with {method}, which cannot be read here. "
        "Please save the package as an ordinary .zip (Deflate).",
    ),
    "zip_duplicate": (
        "„{name}“ kommt im Archiv mehrfach vor ({paths}); es ist unklar, welche gilt. Bitte nur eine beilegen.",
        "“{name}” occurs more than once in the archive ({paths}); it is unclear which one counts. Keep only one.",
    ),
    "zip_member_broken": (
        "„{member}“ im Archiv ist beschädigt und kann nicht entpackt werden ({detail}).",
        "“{member}” in the archive is damaged and cannot be extracted ({detail}).",
    ),
    "sheet_broken": (
        "Das Blatt ist beschädigt und kann nicht gelesen werden (technisch: {detail}). "
        "Bitte öffnen Sie die Mappe in Excel oder LibreOffice und speichern Sie sie neu.",
        "The sheet is damaged and cannot be read (technical: {detail}). "
        "Please open the workbook in Excel or LibreOffice and save it again.",
    ),
    "sheet_nul": (
        "Das Blatt enthält ein NUL-Zeichen, das in Excel-Dateien nicht vorkommen darf: Die Datei ist beschädigt.",
        "The sheet contains a NUL character, which cannot occur in Excel files: the file is damaged.",
    ),
    "shared_string": (
        "Die Zelle verweist auf den Text Nr. {index}, die Mappe enthält aber nur {count} Texte: "
        "Die Datei ist beschädigt.",
        "The cell refers to text no. {index}, but the workbook holds only {count} texts: the file is damaged.",
    ),
    "cell_error": (
        "Die Zelle enthält den Excel-Fehler {value} statt eines Werts.",
        "The cell contains the Excel error {value} instead of a value.",
    ),
    "sheet_hidden": (
        "Das ausgeblendete Blatt „{sheet}“ wird nicht gelesen.",
        "The hidden sheet “{sheet}” is not read.",
    ),
    "sheet_ambiguous": (
        "Mehrere Blätter passen zur Tabelle „{table}“: {sheets}. Bitte behalten Sie nur eines.",
        "Several sheets match the table “{table}”: {sheets}. Please keep only one.",
    ),
    "encoding_mixed": (
        "Die Datei mischt UTF-8 und Windows-1252: Diese Zeile ist nicht UTF-8, andere Zeilen sind es "
        "(Umlaute würden verfälscht). Bitte speichern Sie die Datei einheitlich als UTF-8.",
        "The file mixes UTF-8 and Windows-1252: this row is not UTF-8, other rows are "
        "(umlauts would be garbled). Please save the file consistently as UTF-8.",
    ),
    "cell_too_long": (
        "Die Zelle ist länger als {limit} Zeichen.",
        "The cell is longer than {limit} characters.",
    ),
    "more_columns": (
        "… und {count} weitere Spalten mit demselben Problem.",
        "… and {count} more columns with the same problem.",
    ),
    "more_cells": (
        "… und {count} weitere Zellen mit demselben Problem.",
        "… and {count} more cells with the same problem.",
    ),
    "load_failed": (
        "Das Datenpaket konnte wegen eines unerwarteten Fehlers nicht gelesen werden ({detail}). "
        "Der Betreiber findet die Einzelheiten im Protokoll des Servers.",
        "The data package could not be read because of an unexpected error ({detail}). "
        "The operator finds the details in the server log.",
    ),
    "upload_count": (
        "In dieser Browsersitzung wurden bereits {limit} Dateien hochgeladen; weitere sind nicht möglich.",
        "{limit} files have already been uploaded in this browser session; no more are possible.",
    ),
    "upload_bytes": (
        "In dieser Browsersitzung wurden bereits Dateien mit zusammen fast {limit} hochgeladen; "
        "weitere sind nicht möglich.",
        "Files of almost {limit} in total have already been uploaded in this browser session; no more are possible.",
    ),
}

HINTS = {
    "swapped": (" Sind Breiten- und Längengrad vertauscht?", " Are latitude and longitude swapped?"),
    "": ("", ""),
}


@dataclass(frozen=True)
class Problem:
    """One problem found in a data package, located as precisely as possible."""

    code: str
    file: str | None = None
    row: int | None = None  # 1-based as a spreadsheet shows it; the header is row 1
    column: str | None = None
    params: tuple[tuple[str, object], ...] = ()
    severity: str = "error"

    def message(self, lang: str = "de") -> str:
        de, en = MESSAGES[self.code]
        params = {"column": self.column, "file": self.file, "row": self.row, **dict(self.params)}
        if "hint" in params:
            params["hint"] = HINTS[params["hint"]][1 if lang == "en" else 0]
        return (en if lang == "en" else de).format(**params)

    def location(self, lang: str = "de") -> str:
        parts = []
        if self.file:
            parts.append(("Datei " if lang == "de" else "file ") + f"„{self.file}“")
        if self.row is not None:
            parts.append(("Zeile " if lang == "de" else "row ") + str(self.row))
        if self.column:
            parts.append(("Spalte " if lang == "de" else "column ") + f"„{self.column}“")
        return ", ".join(parts)

    def text(self, lang: str = "de") -> str:
        loc = self.location(lang)
        return f"{loc}: {self.message(lang)}" if loc else self.message(lang)


def problem(code: str, file=None, row=None, column=None, severity="error", **params) -> Problem:
    return Problem(code, file, row, column, tuple(params.items()), severity)


@dataclass(frozen=True)
class Report:
    """All problems of one load, errors and warnings, in the order they were found."""

    source: str
    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        return not self.errors

    def format(self, lang: str = "de") -> str:
        if lang == "en":
            head = f"Data package “{self.source}”: " + ("valid" if self.ok else f"{len(self.errors)} error(s)")
        else:
            head = f"Datenpaket „{self.source}“: " + ("gültig" if self.ok else f"{len(self.errors)} Fehler")
        if self.warnings:
            head += f", {len(self.warnings)} warning(s)" if lang == "en" else f", {len(self.warnings)} Hinweis(e)"
        lines = [head]
        for p in self.problems:
            tag = (
                ("FEHLER" if lang == "de" else "ERROR")
                if p.severity == "error"
                else "HINWEIS"
                if lang == "de"
                else "NOTE"
            )
            lines.append(f"- {tag}: {p.text(lang)}")
        return "\n".join(lines)


class PackageError(Exception):
    """Raised when a data package cannot be loaded; carries the full report."""

    def __init__(self, report: Report):
        self.report = report
        super().__init__(report.format("de"))
