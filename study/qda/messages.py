"""What the importer tells the study team: problems with their location, in German and English.

The import has its own messages (``study.report`` owns the loader's); they follow the same shape:
a code, the place (file, row, column or XML element) and parameters filled into a template.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_LISTED = 20  # issues listed per kind before "… and N more", as the loader does

# code → (German, English); placeholders are filled from Issue.params.
MESSAGES: dict[str, tuple[str, str]] = {
    "source_missing": ("Die Quelle „{path}“ wurde nicht gefunden.", "The source “{path}” was not found."),
    "source_kind": (
        "„{path}“ ist weder ein MAXQDA-Export (.xlsx), noch ein REFI-QDA-Projekt (.qdpx), noch ein Ordner damit, "
        "noch ein QualCoder-Projektordner (data.qda).",
        "“{path}” is neither a MAXQDA export (.xlsx), nor a REFI-QDA project (.qdpx), nor a folder holding one, "
        "nor a QualCoder project folder (data.qda).",
    ),
    "workbook_unreadable": (
        "Die Excel-Datei lässt sich nicht lesen: {detail}.",
        "The Excel file cannot be read: {detail}.",
    ),
    "workbook_unknown": (
        "Die Excel-Datei ist weder ein Export „Codierte Segmente“ noch ein Export der Dokument- oder "
        "Sprechervariablen (Kopfzeile: {header}).",
        "The Excel file is neither a “Coded segments” export nor an export of document or speaker variables "
        "(header: {header}).",
    ),
    "segments_missing": (
        "Es fehlt der Export „Codierte Segmente“ (.xlsx) des MAXQDA-Projekts.",
        "The “Coded segments” export (.xlsx) of the MAXQDA project is missing.",
    ),
    "variables_missing": (
        "Es fehlt der Export der Dokumentvariablen (.xlsx) des MAXQDA-Projekts.",
        "The document variables export (.xlsx) of the MAXQDA project is missing.",
    ),
    "workbook_twice": (
        "Zwei Dateien derselben Art ({kind}): „{other}“ und diese; bitte nur eine angeben.",
        "Two files of the same kind ({kind}): “{other}” and this one; give only one.",
    ),
    "column_missing": (
        "Die Spalte „{column}“ fehlt (auch gesucht als: {aliases}). Vorhandene Spalten: {present}.",
        "The column “{column}” is missing (also looked for: {aliases}). Present columns: {present}.",
    ),
    "position_invalid": (
        "„{value}“ ist keine Position (erwartet: ganze Zahl ≥ 0).",
        "“{value}” is not a position (expected a whole number ≥ 0).",
    ),
    "position_order": (
        "Das Ende ({end}) liegt vor dem Anfang ({start}).",
        "The end ({end}) lies before the beginning ({start}).",
    ),
    "weight_invalid": (
        "„{value}“ ist kein Gewicht (erwartet: ganze Zahl 0 … 100).",
        "“{value}” is not a weight (expected a whole number 0 … 100).",
    ),
    "code_empty": ("Die Zelle „Code“ ist leer.", "The “Code” cell is empty."),
    "document_empty": ("Der Dokumentname ist leer.", "The document name is empty."),
    "zip_invalid": (
        "Die Datei ist kein vollständiges REFI-QDA-Projekt (.qdpx ist ein ZIP-Archiv): {detail}.",
        "The file is not a complete REFI-QDA project (a .qdpx is a ZIP archive): {detail}.",
    ),
    "zip_too_large": (
        "Das Projekt ist entpackt {size} groß; erlaubt sind höchstens {limit}.",
        "The project is {size} when unpacked; at most {limit} is allowed.",
    ),
    "zip_unsafe_path": (
        "Das Archiv enthält einen unsicheren Pfad „{member}“ (absolut oder mit „..“); es wird nicht gelesen.",
        "The archive holds an unsafe path “{member}” (absolute or with “..”); it is not read.",
    ),
    "zip_no_project": (
        "Im Archiv fehlt „project.qde“.",
        "The archive has no “project.qde”.",
    ),
    "xml_forbidden": (
        "Die XML-Datei enthält eine DTD oder Entitäten ({detail}); das ist in REFI-QDA nicht vorgesehen und "
        "wird aus Sicherheitsgründen nicht gelesen.",
        "The XML file holds a DTD or entities ({detail}); REFI-QDA does not use them and they are not read for safety.",
    ),
    "xml_invalid": ("Die XML-Datei ist fehlerhaft: {detail}.", "The XML file is malformed: {detail}."),
    "xml_namespace": (
        "Das Wurzelelement ist „{tag}“, erwartet: „Project“ im Namensraum urn:QDA-XML:project:1.0.",
        "The root element is “{tag}”, expected “Project” in the namespace urn:QDA-XML:project:1.0.",
    ),
    "xml_attribute": (
        "Dem Element fehlt das Attribut „{attribute}“.",
        "The element lacks the attribute “{attribute}”.",
    ),
    "text_missing": (
        "Der Text der Quelle fehlt (weder PlainTextContent noch eine lesbare Datei „{path}“ im Archiv).",
        "The source's text is missing (neither PlainTextContent nor a readable file “{path}” in the archive).",
    ),
    "selection_beyond_text": (
        "Die Auswahl {start}–{end} liegt außerhalb des Textes (Länge {length} Zeichen).",
        "The selection {start}–{end} lies outside the text (length {length} characters).",
    ),
    "unknown_guid": (
        "Verweis auf die unbekannte GUID „{guid}“ ({kind}).",
        "Reference to the unknown GUID “{guid}” ({kind}).",
    ),
    "qualcoder_invalid": (
        "Die QualCoder-Datenbank lässt sich nicht lesen: {detail}.",
        "The QualCoder database cannot be read: {detail}.",
    ),
    "qualcoder_table": (
        "Der QualCoder-Datenbank fehlt in der Tabelle „{table}“: {columns}.",
        "The QualCoder database lacks in the table “{table}”: {columns}.",
    ),
    "mapping_unreadable": (
        "Die Zuordnungsdatei lässt sich nicht lesen: {detail}.",
        "The mapping file cannot be read: {detail}.",
    ),
    "mapping_invalid": (
        "Die Zuordnungsdatei hat bei „{key}“ einen ungültigen Wert: {detail}.",
        "The mapping file has an invalid value at “{key}”: {detail}.",
    ),
    "findings_invalid": ("Die Erkenntnisse sind ungültig: {detail}", "The findings are invalid: {detail}"),
    "no_municipality": (
        "Dokument „{document}“: keine Kommune (Variable {variable}).",
        "Document “{document}”: no municipality (variable {variable}).",
    ),
    "no_actor_type": (
        "{who}: kein Akteurstyp (Variable {variable}).",
        "{who}: no actor type (variable {variable}).",
    ),
    "actor_type_no_group": (
        "{who}: Der Akteurstyp „{value}“ ist unbekannt und hat keine Akteursgruppe (Variable {variable} "
        "oder Zuordnungsdatei „actor_types“).",
        "{who}: the actor type “{value}” is unknown and has no actor group (variable {variable} or mapping "
        "“actor_types”).",
    ),
    "group_unknown": (
        "{who}: „{value}“ ist keine Akteursgruppe. Erlaubt: {allowed}.",
        "{who}: “{value}” is not an actor group. Allowed: {allowed}.",
    ),
    "municipality_value": (
        "Kommune „{municipality}“ ({who}): {field} „{value}“ ist ungültig. Erlaubt: {allowed}.",
        "Municipality “{municipality}” ({who}): {field} “{value}” is invalid. Allowed: {allowed}.",
    ),
    "municipality_missing_value": (
        "Kommune „{municipality}“: {field} fehlt (Variable {variable}) in allen ihren Dokumenten.",
        "Municipality “{municipality}”: {field} is missing (variable {variable}) in all of its documents.",
    ),
    "municipality_conflict": (
        "Kommune „{municipality}“: {field} ist widersprüchlich („{first}“ in „{first_doc}“, „{second}“ in "
        "„{second_doc}“).",
        "Municipality “{municipality}”: {field} is contradictory (“{first}” in “{first_doc}”, “{second}” in "
        "“{second_doc}”).",
    ),
    "no_method": (
        "Dokument „{document}“: Die Methode ist nicht erkennbar (Dokumentgruppe/Set „{group}“, Variable "
        "{variable}); erwartet: ein Name mit „Interview“, „Vor-Ort“ oder „Fokusgruppe“.",
        "Document “{document}”: the method cannot be told (document group/set “{group}”, variable {variable}); "
        "expected a name containing “Interview”, “Vor-Ort” or “Fokusgruppe”.",
    ),
    "code_unmapped_strict": (
        "Der Code „{path}“ ({count} Segmente) lässt sich keiner Kategorie zuordnen (strenger Modus).",
        "The code “{path}” ({count} segments) maps to no category (strict mode).",
    ),
    "document_unknown": (
        "Das Dokument „{document}“ hat codierte Segmente, steht aber nicht im Export der Dokumentvariablen.",
        "The document “{document}” has coded segments but is not in the document variables export.",
    ),
    "actor_id_collision": (
        "Zwei Akteure erhalten dasselbe Pseudonym „{actor_id}“; bitte einen anderen „pseudonym_key“ wählen.",
        "Two actors get the same pseudonym “{actor_id}”; choose another “pseudonym_key”.",
    ),
    "no_statements": (
        "Aus dem Projekt entsteht keine einzige Aussage ({documents} Dokumente, {segments} codierte Segmente): "
        "Stehen die Codes unter den acht Kategorien (z. B. „Kooperation > …“) und haben die Dokumente ihre Variablen?",
        "The project gives not a single statement ({documents} documents, {segments} coded segments): are the "
        "codes below the eight categories (e.g. “Kooperation > …”) and do the documents have their variables?",
    ),
    "outdir_not_empty": (
        "Der Zielordner „{path}“ existiert und ist kein Datenpaket; er wird nicht überschrieben.",
        "The output folder “{path}” exists and is not a data package; it is not overwritten.",
    ),
    "write_failed": ("Schreiben fehlgeschlagen: {detail}.", "Writing failed: {detail}."),
    "package_invalid": (
        "Das erzeugte Paket besteht die Prüfung nicht: {detail}",
        "The package made does not pass validation: {detail}",
    ),
}


@dataclass(frozen=True)
class Issue:
    """One problem of an import, located in its source file (row, column, or XML element)."""

    code: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    element: str | None = None
    params: tuple[tuple[str, object], ...] = ()

    def message(self, lang: str = "de") -> str:
        de, en = MESSAGES[self.code]
        return (en if lang == "en" else de).format(**{"column": self.column, **dict(self.params)})

    def location(self, lang: str = "de") -> str:
        en = lang == "en"
        parts = []
        if self.file:
            parts.append(("file " if en else "Datei ") + f"„{self.file}“")
        if self.row is not None:
            parts.append(("row " if en else "Zeile ") + str(self.row))
        if self.column and self.code != "column_missing":
            parts.append(("column " if en else "Spalte ") + f"„{self.column}“")
        if self.element:
            parts.append(("element " if en else "Element ") + self.element)
        return ", ".join(parts)

    def text(self, lang: str = "de") -> str:
        loc = self.location(lang)
        return f"{loc}: {self.message(lang)}" if loc else self.message(lang)


def issue(code: str, file=None, row=None, column=None, element=None, **params) -> Issue:
    return Issue(code, file, row, column, element, tuple(params.items()))


class ImportFailed(Exception):
    """The import cannot produce a package; carries every blocking issue found."""

    def __init__(self, issues: list[Issue]):
        self.issues = list(issues)
        super().__init__("\n".join(i.text("de") for i in self.issues))

    def format(self, lang: str = "de") -> str:
        head = (
            f"Import failed: {len(self.issues)} error(s)"
            if lang == "en"
            else f"Import fehlgeschlagen: {len(self.issues)} Fehler"
        )
        tag = "ERROR" if lang == "en" else "FEHLER"
        lines = [head]
        shown: dict[str, int] = {}
        for i in self.issues:
            shown[i.code] = shown.get(i.code, 0) + 1
            if shown[i.code] <= MAX_LISTED:
                lines.append(f"- {tag}: {i.text(lang)}")
        for n in shown.values():
            if n > MAX_LISTED:
                more = n - MAX_LISTED
                lines.append(
                    f"- … and {more} more of this kind" if lang == "en" else f"- … und {more} weitere dieser Art"
                )
        return "\n".join(lines)
