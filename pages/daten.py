"""Daten & Methode: how the study was done, where the data comes from, the codebook, the validation
report, downloads, and the upload of another data package for this browser session."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components import exports
from components.app import ui
from components.app.content import daten as built
from components.app.context import get_context
from components.app.data import UPLOAD_KEY
from components.app.pages import PAGES
from components.i18n import fmt_int, pick, t, tr
from components.protection import protection_markdown
from components.text import md
from study import catalog
from study import disclosure as dc
from study.limits import upload_refusal
from study.package import load_upload
from study.report import Report
from study.schema import contract

TEXTS = {
    "basis": (
        "Grundlage für alle sieben Forschungsfragen (FF 1–7).",
        "The basis of all seven research questions (RQ 1–7).",
    ),
    "method": ("Methode", "Method"),
    "method_text": (
        "Die Studie ist **qualitativ** angelegt. Grundlage sind {municipalities} Kommunen, {actors} beteiligte "
        "Akteure und {statements} codierte Aussagen aus drei Erhebungsformen: {methods}. Die Kommunen wurden gezielt "
        "ausgewählt, die Gesprächspartner nicht zufällig – die Ergebnisse sind deshalb **nicht repräsentativ**. Eine "
        "Zahl sagt, wie viele der befragten Akteure etwas genannt haben, nicht, wie verbreitet es in Deutschland ist.",
        "The study is **qualitative**. It is based on {municipalities} municipalities, {actors} participating actors "
        "and {statements} coded statements from three methods: {methods}. The municipalities were chosen on purpose "
        "and the interviewees not at random, so the results are **not representative**. A number tells how many of "
        "the actors interviewed mentioned something, not how common it is in Germany.",
    ),
    "coding_text": (
        "Ausgewertet wurde mit einem **Codebuch**: Jede Aussage erhält einen Code, jeder Code gehört zu einer "
        "Kategorie, und jede Kategorie beantwortet eine der sieben Forschungsfragen. Wo es passt, ist eine Bewertung "
        "von {low} bis {high} vergeben (etwa wie gut ein Partner geeignet ist oder wie schwer eine Herausforderung "
        "wiegt). Ein Akteur kann mehrere Aussagen beitragen; „n“ zählt immer verschiedene Akteure.",
        "The material was analysed with a **codebook**: every statement gets a code, every code belongs to a "
        "category, and every category answers one of the seven research questions. Where it fits, a rating from "
        "{low} to {high} is given (for instance how well suited a partner is or how severe a challenge). One actor "
        "can contribute several statements; “n” always counts distinct actors.",
    ),
    "per_method": (
        "Akteure und Aussagen je Erhebungsmethode (alle Daten)",
        "Actors and statements per method (all data)",
    ),
    "categories": ("Kategorien des Codebuchs", "Categories of the codebook"),
    "provenance": ("Datenpaket, Herkunft und Lizenz", "Data package, provenance and licence"),
    "active": ("Aktives Datenpaket", "Active data package"),
    "active_upload": (
        "Hochgeladenes Paket „{source}“ – gilt nur in dieser Browsersitzung.",
        "Uploaded package “{source}” – for this browser session only.",
    ),
    "active_standard": ("Standarddaten des Dashboards: {kind}.", "The dashboard's standard data: {kind}."),
    "title": ("Titel", "Title"),
    "description": ("Beschreibung", "Description"),
    "version": ("Version", "Version"),
    "created": ("Erstellt", "Created"),
    "sources": ("Quellen", "Sources"),
    "licenses": ("Lizenz", "Licence"),
    "contributors": ("Beteiligte", "Contributors"),
    "not_given": ("nicht angegeben", "not given"),
    "anonymity": ("Anonymität", "Anonymity"),
    "codebook": ("Codebuch", "Codebook"),
    "search": ("Codebuch durchsuchen", "Search the codebook"),
    "search_help": (
        "Sucht in Code, Bezeichnung, Kategorie, Forschungsfrage und Beschreibung; mehrere Wörter müssen alle vorkommen.",
        "Searches code, label, category, research question and description; several words must all occur.",
    ),
    "search_placeholder": ("z. B. Beratung", "e.g. advice"),
    "codes_shown": ("{shown} von {total} Codes", "{shown} of {total} codes"),
    "report": ("Prüfbericht des Datenpakets", "Validation report of the data package"),
    "report_ok": (
        "Das Datenpaket ist gültig: keine Fehler, {warnings} Hinweis(e).",
        "The data package is valid: no errors, {warnings} warning(s).",
    ),
    "counts": ("Zeilen je Tabelle", "Rows per table"),
    "downloads": ("Downloads", "Downloads"),
    "dl_statements": ("Aussagen der aktuellen Auswahl", "Statements of the current selection"),
    "dl_statements_note": (
        "Ohne Akteurs-IDs; Zitate nur, wo die Anonymitätsregel es erlaubt. Codes und Bezeichnungen in der gewählten "
        "Sprache. Die CSV-Datei (Trennzeichen „;“, UTF-8) öffnet sich per Doppelklick in deutschem Excel.",
        "Without actor IDs; quotes only where the anonymity rule allows. Codes and labels in the chosen language. "
        "The CSV file uses “;” and UTF-8 so that German Excel opens it by double-click.",
    ),
    "dl_demo": (
        "Achtung: Demodaten – keine Studienergebnisse.",
        "Note: demo data – not study results.",
    ),
    "dl_protected_note": (
        "Einzelne Aussagen verlassen das Dashboard nur beim mitgelieferten Demodatenpaket. Hier gibt es die "
        "Ergebnisse der Auswahl als Tabellen, geschützt wie auf dem Bildschirm (k = {k}).",
        "Single statements leave the dashboard only for the bundled demonstration package. Here you get the "
        "selection's results as tables, protected as on screen (k = {k}).",
    ),
    "dl_protected_xlsx": ("Ergebnistabellen als Excel (XLSX)", "Result tables as Excel (XLSX)"),
    "dl_protected_csv": ("Codes als CSV", "Codes as CSV"),
    "dl_csv": ("Aussagen als CSV", "Statements as CSV"),
    "dl_xlsx": ("Aussagen als Excel (XLSX)", "Statements as Excel (XLSX)"),
    "dl_too_many": (
        "Die Auswahl hat mehr Zeilen, als Excel fassen kann; bitte CSV verwenden oder filtern.",
        "The selection has more rows than Excel can hold; please use the CSV or filter.",
    ),
    "dl_codebook": ("Codebuch als CSV", "Codebook as CSV"),
    "dl_package": ("Datenpaket", "Data package"),
    "dl_zip": ("Ganzes Datenpaket als ZIP", "Whole data package as ZIP"),
    "dl_zip_note": (
        "Sechs CSV-Dateien und datapackage.json – genau das Paket, das das Dashboard lädt (auch zum erneuten "
        "Hochladen). Es enthält Einzeldaten auf Ebene der Aussagen.",
        "Six CSV files and datapackage.json – exactly the package the dashboard loads (also for uploading again). "
        "It holds record-level data.",
    ),
    "dl_zip_withheld": (
        "Das vollständige Datenpaket enthält Einzeldaten (Akteurs-IDs, alle Zitate) und wird nur für das "
        "mitgelieferte Demodatenpaket zum Download angeboten – erkannt an seinem Inhalt, nicht an einer Angabe "
        "in den Metadaten. Anfragen richten Sie bitte an das Studienteam.",
        "The full data package holds record-level data (actor IDs, all quotes) and is offered for download only "
        "for the bundled demonstration package – recognised by its content, not by a flag in its metadata. "
        "Please ask the study team.",
    ),
    "dl_template": ("Leere Excel-Vorlage", "Empty Excel template"),
    "dl_template_note": (
        "Für das Studienteam: ein Blatt je Tabelle mit genau den erwarteten Spalten, dazu das Blatt „Hinweise“ "
        "(Bedeutung, Typ, Pflichtfeld, erlaubte Werte je Spalte) und das Blatt „metadata“ (Titel, Demodaten ja/nein, "
        "Anonymitätsschwelle). Ausgefüllt kann sie unten hochgeladen werden.",
        "For the study team: one sheet per table with exactly the expected columns, the sheet “Hinweise” (meaning, "
        "type, required, allowed values per column) and the sheet “metadata” (title, synthetic yes/no, anonymity "
        "threshold). Once filled in it can be uploaded below.",
    ),
    "upload": ("Eigenes Datenpaket prüfen und verwenden", "Check and use your own data package"),
    "upload_text": (
        "Laden Sie ein Datenpaket als .zip (sechs CSV-Dateien, optional datapackage.json) oder als .xlsx (ein Blatt "
        "je Tabelle, z. B. die Vorlage oben) hoch. Es wird vollständig geprüft; ist es gültig, verwendet das ganze "
        "Dashboard es **nur in dieser Browsersitzung**. Es wird nicht gespeichert und ist für niemanden sonst sichtbar.",
        "Upload a data package as .zip (six CSV files, optionally datapackage.json) or as .xlsx (one sheet per table, "
        "e.g. the template above). It is checked completely; if it is valid, the whole dashboard uses it **for this "
        "browser session only**. It is not stored and not visible to anyone else.",
    ),
    "upload_label": ("Datenpaket (.zip oder .xlsx)", "Data package (.zip or .xlsx)"),
    "upload_failed": (
        "„{source}“ wurde nicht geladen: {n} Fehler. Es bleibt das bisherige Datenpaket aktiv.",
        "“{source}” was not loaded: {n} error(s). The current data package stays active.",
    ),
    "upload_ok": (
        "„{source}“ ist gültig und jetzt aktiv.",
        "“{source}” is valid and now active.",
    ),
    "back": ("Zurück zu den Standarddaten", "Back to the standard data"),
    "upload_progress": ("Datenpaket wird geprüft …", "Checking the data package …"),
}

_UPLOAD_REPORT = "_upload_report"
_UPLOAD_DONE = "_upload_done"
_UPLOADER_GENERATION = "_upload_generation"


def _on_upload(widget_key: str) -> None:
    """Validate the chosen file; a valid package becomes this session's package, else keep the report."""
    file = st.session_state.get(widget_key)
    st.session_state.pop(_UPLOAD_DONE, None)
    if file is None:
        return
    # Uploads per session are limited in number and bytes; the loader keeps each within its memory budget.
    count, total = st.session_state.get("_upload_count", 0), st.session_state.get("_upload_bytes", 0)
    refusal = upload_refusal(count, total, file.size, file.name)
    st.session_state["_upload_count"], st.session_state["_upload_bytes"] = count + 1, total + file.size
    bar = st.progress(0.0, text=tx("upload_progress"))
    package, report = (
        (None, Report(file.name, (refusal,)))
        if refusal
        else load_upload(file.name, file.getvalue(), progress=lambda f, _: bar.progress(f, text=tx("upload_progress")))
    )
    bar.empty()
    if package is None:
        st.session_state[_UPLOAD_REPORT] = report
    else:
        st.session_state[UPLOAD_KEY] = package
        st.session_state[_UPLOAD_DONE] = file.name
        st.session_state.pop(_UPLOAD_REPORT, None)


def _back_to_standard() -> None:
    for key in (UPLOAD_KEY, _UPLOAD_REPORT, _UPLOAD_DONE):
        st.session_state.pop(key, None)
    st.session_state[_UPLOADER_GENERATION] = st.session_state.get(_UPLOADER_GENERATION, 0) + 1


ctx = get_context()
lang = ctx.lang
tx = partial(pick, TEXTS, lang=lang)
package = ctx.package
uploaded = st.session_state.get(UPLOAD_KEY) is not None
prepared = built.tables(ctx.labels)


ui.page_header(ctx, "page_data")
st.caption(tx("basis"))

# --- Method -------------------------------------------------------------------------------------
st.header(tx("method"))
totals = prepared.totals
methods = contract().allowed("statements", "method")
rating = contract().column("statements", "rating")
st.markdown(
    tx(
        "method_text",
        municipalities=fmt_int(totals["municipalities"], lang),
        actors=fmt_int(totals["actors"], lang),
        statements=fmt_int(totals["statements"], lang),
        methods=", ".join(ctx.labels.method(m) for m in methods),
    )
)
st.markdown(tx("coding_text", low=fmt_int(rating.minimum, lang), high=fmt_int(rating.maximum, lang)))
st.subheader(tx("per_method"))
st.table(prepared.per_method, border="horizontal", hide_index=True)
st.subheader(tx("categories"))
st.table(prepared.categories, border="horizontal", hide_index=True)

# --- Provenance, licence, anonymity -------------------------------------------------------------
st.header(tx("provenance"))
if uploaded:
    active = tx("active_upload", source=md(package.source))
else:
    active = tx("active_standard", kind=t("data_synthetic" if package.synthetic else "data_real", lang))
st.info(f"**{tx('active')}:** {md(package.title)}  \n{active}", icon=":material/database:")
meta = package.metadata


ROLES = {
    "contact": ("Kontakt", "contact"),
    "author": ("Autor/in", "author"),
    "publisher": ("Herausgeber", "publisher"),
    "maintainer": ("Pflege", "maintainer"),
    "contributor": ("Mitwirkung", "contributor"),
}


def _entry(e: dict[str, str]) -> str:
    extra = [md(e[k]) for k in ("path", "email") if e.get(k)]
    role_pair = ROLES.get(e.get("role", "").lower())
    role_text = tr(role_pair, lang) if role_pair else e.get("role", "")
    role = f" ({md(role_text)})" if role_text else ""
    return md(e.get("title", "")) + role + (" – " + ", ".join(extra) if extra else "")


lines = [
    f"**{tx('title')}:** {md(package.title)}",
    f"**{tx('description')}:** {md(meta.get('description') or tx('not_given'))}",
    f"**{tx('version')}:** {md(meta.get('version') or tx('not_given'))}",
    f"**{tx('created')}:** {md(catalog.format_date(meta.get('created'), lang) or tx('not_given'))}",
]
st.markdown("  \n".join(lines))
for key in ("sources", "licenses", "contributors"):
    items = catalog.entries(meta.get(key))
    st.markdown(
        f"**{tx(key)}:** " + ("\n" + "\n".join(f"- {_entry(e)}" for e in items) if items else md(tx("not_given")))
    )
st.subheader(tx("anonymity"))
st.markdown(protection_markdown(package.protection, ctx.labels, lang))

# --- Codebook -----------------------------------------------------------------------------------
st.header(tx("codebook"))
codebook = prepared.codebook
query = st.text_input(tx("search"), key="codebook_search", help=tx("search_help"), placeholder=tx("search_placeholder"))
shown = catalog.filter_table(codebook, query)
st.caption(tx("codes_shown", shown=fmt_int(len(shown), lang), total=fmt_int(len(codebook), lang)))
st.dataframe(prepared.codebook_shown.data if shown is codebook else shown, hide_index=True, key="codebook_table")
st.download_button(
    tx("dl_codebook"),
    data=partial(exports.csv_bytes, codebook),
    file_name=tr(("codebuch.csv", "codebook.csv"), lang),
    mime=exports.CSV_MIME,
    on_click="ignore",
    icon=":material/download:",
    key="dl_codebook",
)

# --- Validation report --------------------------------------------------------------------------
st.header(tx("report"))
report = package.report
st.success(tx("report_ok", warnings=fmt_int(len(report.warnings), lang)), icon=":material/check_circle:")
if report.warnings:
    st.table(catalog.problems_table(report.warnings, lang, escape=md), border="horizontal", hide_index=True)
st.subheader(tx("counts"))
st.table(prepared.counts, border="horizontal", hide_index=True)

# --- Downloads ----------------------------------------------------------------------------------
st.header(tx("downloads"))
st.subheader(tx("dl_statements"))
suffix = "_demodaten" if package.synthetic else ""
record_level = dc.is_bundled_demo(package)
if ui.coverage(ctx):
    cols = st.columns(2)
    if record_level:
        st.warning(tx("dl_demo"), icon=":material/science:")
        st.caption(tx("dl_statements_note"))
        statements = partial(catalog.statements_table, ctx.selection, lang)
        cols[0].download_button(
            tx("dl_csv"),
            data=lambda: exports.csv_bytes(statements()),
            file_name=f"aussagen{suffix}.csv",
            mime=exports.CSV_MIME,
            on_click="ignore",
            icon=":material/download:",
            key="dl_statements_csv",
        )
        if ctx.selection.n_statements <= exports.XLSX_MAX_ROWS:
            sheet = tr(("Aussagen", "Statements"), lang)
            cols[1].download_button(
                tx("dl_xlsx"),
                data=lambda: exports.xlsx_bytes(
                    {sheet: statements(), "Info": catalog.export_info(ctx.selection, lang)}
                ),
                file_name=f"aussagen{suffix}.xlsx",
                mime=exports.XLSX_MIME,
                on_click="ignore",
                icon=":material/download:",
                key="dl_statements_xlsx",
            )
        else:
            cols[1].caption(tx("dl_too_many"))
    else:
        st.caption(tx("dl_protected_note", k=ctx.k))
        tables = partial(catalog.protected_tables, ctx.selection, lang)
        cols[0].download_button(
            tx("dl_protected_xlsx"),
            data=lambda: exports.xlsx_bytes({**tables(), "Info": catalog.export_info(ctx.selection, lang)}),
            file_name=f"ergebnisse{suffix}.xlsx",
            mime=exports.XLSX_MIME,
            on_click="ignore",
            icon=":material/download:",
            key="dl_protected_xlsx",
        )
        cols[1].download_button(
            tx("dl_protected_csv"),
            data=lambda: exports.csv_bytes(next(iter(tables().values()))),
            file_name=f"codes{suffix}.csv",
            mime=exports.CSV_MIME,
            on_click="ignore",
            icon=":material/download:",
            key="dl_protected_csv",
        )

st.subheader(tx("dl_package"))
# Record-level data leaves the dashboard only for the bundled demonstration package, known by its content.
if record_level:
    st.caption(tx("dl_zip_note"))
    st.download_button(
        tx("dl_zip"),
        data=partial(exports.package_zip, package, from_source=not uploaded),
        file_name=f"datenpaket{suffix}.zip",
        mime=exports.ZIP_MIME,
        on_click="ignore",
        icon=":material/folder_zip:",
        key="dl_package_zip",
    )
else:
    st.info(tx("dl_zip_withheld"), icon=":material/lock:")
st.caption(tx("dl_template_note"))
st.download_button(
    tx("dl_template"),
    data=partial(exports.template_xlsx, lang),
    file_name=tr(("vorlage_datenpaket.xlsx", "data_package_template.xlsx"), lang),
    mime=exports.XLSX_MIME,
    on_click="ignore",
    icon=":material/table_view:",
    key="dl_template",
)

# --- Embedding ----------------------------------------------------------------------------------
st.header(t("embed_h", lang))
st.markdown(t("embed_text", lang))
embeddable = [spec for spec in PAGES if spec.visibility == "visible" and spec.url_path != "abstimmung"]
chosen = st.selectbox(
    t("embed_page", lang),
    embeddable,
    index=next(i for i, spec in enumerate(embeddable) if spec.url_path == "karte"),
    format_func=lambda spec: t(spec.title_key, lang),
    key="embed_page",
)
view_query = {**ctx.selection.filters.to_query(), **({"sprache": ["en"]} if lang == "en" else {})}
address = built.embed_address(
    st.context.url,
    st.get_option("server.baseUrlPath"),
    "" if chosen is PAGES[0] else chosen.url_path,
    view_query,
)
st.code(built.embed_snippet(address, f"{t('app_title', lang)} – {t(chosen.title_key, lang)}"), language="html")
st.caption(t("embed_link", lang))
st.code(address, language=None, wrap_lines=True)
st.caption(t("embed_note", lang))

# --- Upload -------------------------------------------------------------------------------------
st.header(tx("upload"))
st.markdown(tx("upload_text"))
uploader_key = f"upload_package_{st.session_state.get(_UPLOADER_GENERATION, 0)}"
st.file_uploader(
    tx("upload_label"),
    type=["zip", "xlsx"],
    key=uploader_key,
    on_change=_on_upload,
    args=(uploader_key,),
)
failed = st.session_state.get(_UPLOAD_REPORT)
if failed is not None:
    st.error(
        tx("upload_failed", source=md(failed.source), n=fmt_int(len(failed.errors), lang)), icon=":material/warning:"
    )
    st.table(catalog.problems_table(failed.errors, lang, escape=md), border="horizontal", hide_index=True)
elif st.session_state.get(_UPLOAD_DONE):
    st.success(tx("upload_ok", source=md(st.session_state[_UPLOAD_DONE])), icon=":material/check_circle:")
if uploaded:
    st.button(tx("back"), on_click=_back_to_standard, icon=":material/undo:", key="back_to_standard")
