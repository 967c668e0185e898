"""Barrierefreiheit: the accessibility statement (Erklärung zur Barrierefreiheit) under BITV 2.0."""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from components.app import ui
from components.app.context import get_context
from components.app.pages import PAGES
from components.i18n import pick, t, tr
from components.text import md
from study.catalog import contact, format_date

# When the statement was prepared and last reviewed; update it with every review.
STATEMENT_DATE = dt.date(2026, 11, 25)
ARBITRATION_WEBSITE = "www.schlichtungsstelle-bgg.de"

TEXTS = {
    "heading": ("Erklärung zur Barrierefreiheit", "Accessibility statement"),
    "intro": (
        "Die Betreiber des Kooperationsatlas sind bemüht, dieses Dashboard im Einklang mit den Bestimmungen des "
        "Behindertengleichstellungsgesetzes des Bundes (BGG) sowie der Barrierefreie-Informationstechnik-Verordnung "
        "(BITV 2.0) zur Umsetzung der Richtlinie (EU) 2016/2102 barrierefrei zugänglich zu machen. Maßstab ist die "
        "harmonisierte Norm EN 301 549, die auf die Web Content Accessibility Guidelines (WCAG) 2.1, Stufe AA, "
        "verweist.",
        "The operators of the Cooperation Atlas endeavour to make this dashboard accessible in accordance with the "
        "German Disability Equality Act (BGG) and the Barrier-free Information Technology Ordinance (BITV 2.0), which "
        "implements Directive (EU) 2016/2102. The benchmark is the harmonised standard EN 301 549, which refers to the "
        "Web Content Accessibility Guidelines (WCAG) 2.1, level AA.",
    ),
    "scope_h": ("Geltungsbereich", "Scope"),
    "scope": (
        "Diese Erklärung gilt für das Dashboard „Kooperationsatlas – Neue Kooperationen für faire Beschaffung auf "
        "lokaler Ebene“ mit allen Seiten ({pages}) und den dort angebotenen Downloads.",
        "This statement applies to the dashboard “Cooperation Atlas – New cooperations for fair procurement at local "
        "level” with all its pages ({pages}) and the downloads offered there.",
    ),
    "status_h": ("Stand der Vereinbarkeit mit den Anforderungen", "Compliance status"),
    "status": (
        "Dieses Dashboard ist mit den Anforderungen der BITV 2.0 **teilweise vereinbar**. Die unten aufgeführten "
        "Inhalte sind noch nicht oder nicht vollständig barrierefrei. Eine abschließende Prüfung im Browser mit "
        "Tastatur und Screenreader steht noch aus; bis sie erfolgt ist, bleibt es bei der Einstufung „teilweise "
        "vereinbar“.",
        "This dashboard is **partially compliant** with the requirements of BITV 2.0. The content listed below is not "
        "yet, or not fully, accessible. A final audit in the browser with keyboard and screen reader is still "
        "outstanding; until it has been done, the status remains “partially compliant”.",
    ),
    "limits_h": ("Nicht barrierefreie Inhalte", "Non-accessible content"),
    "limits_intro": (
        "Die folgenden Inhalte sind bekanntermaßen nicht oder nur eingeschränkt barrierefrei:",
        "The following content is known not to be accessible, or only partly:",
    ),
    "method_h": ("Erstellung dieser Erklärung", "Preparation of this statement"),
    "method": (
        "Diese Erklärung wurde am {date} erstellt und zuletzt am {date} überprüft. Sie beruht auf einer "
        "**Selbstbewertung** durch das Entwicklungsteam. Dazu gehören automatisierte Prüfungen mit **axe-core** in "
        "einem Chromium-Browser (Teil der Testsuite) sowie Tests, dass jedes Diagramm eine Textalternative und eine "
        "Tabelle mit denselben Zahlen hat, keine Information nur über Farbe vermittelt wird und Texte auf Deutsch "
        "und Englisch vorliegen. Eine Prüfung durch eine unabhängige Prüfstelle (z. B. BITV-Test) hat nicht "
        "stattgefunden.",
        "This statement was prepared on {date} and last reviewed on {date}. It is based on a **self-assessment** by "
        "the development team. This includes automated checks with **axe-core** in a Chromium browser (part of the "
        "test suite) and tests that every chart has a text alternative and a table with the same numbers, that no "
        "information is conveyed by colour alone, and that texts are available in German and English. No audit by "
        "an independent testing body (e.g. BITV-Test) has taken place.",
    ),
    "feedback_h": ("Feedback und Kontaktangaben", "Feedback and contact information"),
    "feedback": (
        "Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten aufgefallen? Oder benötigen Sie Informationen aus "
        "einem Diagramm, der Karte oder einer Datei in einer für Sie zugänglichen Form? Dann wenden Sie sich bitte an:",
        "Have you noticed any barriers to accessing the content? Or do you need information from a chart, the map or "
        "a file in a form that is accessible to you? Then please contact:",
    ),
    "contact_missing": (
        "**Kontaktangabe fehlt.** Der Betreiber muss hier eine Kontaktmöglichkeit eintragen (Name der Stelle, "
        "E-Mail-Adresse, gegebenenfalls Telefon und Postanschrift): im Datenpaket in datapackage.json unter "
        "„contributors“ ein Eintrag mit „role“: „contact“.",
        "**Contact information missing.** The operator must enter a way to get in touch here (name of the office, "
        "e-mail address, where applicable phone and postal address): in the data package's datapackage.json, an "
        "entry under “contributors” with “role”: “contact”.",
    ),
    "name": ("Kontakt", "Contact"),
    "email": ("E-Mail", "E-mail"),
    "web": ("Web", "Web"),
    "enforcement_h": ("Schlichtungsverfahren", "Enforcement procedure"),
    "enforcement": (
        "Wenn auch nach Ihrem Feedback an den oben genannten Kontakt keine zufriedenstellende Lösung gefunden wurde, "
        "können Sie sich an die **Schlichtungsstelle nach § 16 BGG** wenden. Die Schlichtungsstelle BGG hat die "
        "Aufgabe, bei Konflikten zum Thema Barrierefreiheit zwischen Menschen mit Behinderungen und öffentlichen "
        "Stellen des Bundes eine außergerichtliche Streitbeilegung zu unterstützen. Das Schlichtungsverfahren ist "
        "kostenlos; ein Rechtsbeistand muss nicht eingeschaltet werden.\n\n"
        "Weitere Informationen zum Schlichtungsverfahren und zur Antragstellung: **{web}**\n\n"
        "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der Bundesregierung für "
        "die Belange von Menschen mit Behinderungen, Mauerstraße 53, 10117 Berlin, E-Mail: "
        "info\\@schlichtungsstelle\\-bgg\\.de",
        "If your feedback to the contact above has not led to a satisfactory solution, you can turn to the "
        "**arbitration board under § 16 BGG** (Schlichtungsstelle nach § 16 BGG). Its task is to support out-of-court "
        "settlement of disputes about accessibility between people with disabilities and public bodies of the "
        "Federal Government. The procedure is free of charge; you do not need a lawyer.\n\n"
        "More information on the procedure and how to apply (in German): **{web}**\n\n"
        "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der Bundesregierung für "
        "die Belange von Menschen mit Behinderungen, Mauerstraße 53, 10117 Berlin, Germany, e-mail: "
        "info\\@schlichtungsstelle\\-bgg\\.de",
    ),
    "operator_note": (
        "Hinweis für Betreiber: Wird das Dashboard von einer öffentlichen Stelle eines Landes oder einer Kommune "
        "veröffentlicht, ist statt der Schlichtungsstelle des Bundes die Durchsetzungs- bzw. Ombudsstelle des "
        "jeweiligen Landes zu nennen.",
        "Note for operators: if the dashboard is published by a public body of a federal state or a municipality, "
        "name the enforcement or ombuds body of that state instead of the federal arbitration board.",
    ),
}

# Known limitations: (German, English). Keep them honest and update them after each audit.
LIMITATIONS = (
    (
        "**Karte:** Die Karte ist eine Grafik. Sie ist mit Tastatur und Screenreader nur eingeschränkt bedienbar. "
        "Dieselben Angaben stehen als Tabelle unter der Karte.",
        "**Map:** the map is a graphic. It can be operated with keyboard and screen reader only to a limited extent. "
        "The same information is given as a table below the map.",
    ),
    (
        "**Diagramme:** Die interaktiven Diagramme sind für Screenreader nicht vollständig zugänglich. Jedes Diagramm "
        "hat eine Textalternative und die Zahlen als Tabelle („Zahlen als Tabelle“); Werte stehen zusätzlich als "
        "Beschriftung im Diagramm, Reihen unterscheiden sich durch Farbe und Muster.",
        "**Charts:** the interactive charts are not fully accessible to screen readers. Every chart has a text "
        "alternative and its numbers as a table (“Numbers as a table”); values are also written as labels in the "
        "chart, and series differ by colour and pattern.",
    ),
    (
        "**Interaktive Tabellen:** Durchsuch- und sortierbare Tabellen (z. B. das Codebuch) werden als Raster "
        "gezeichnet und von Screenreadern nur eingeschränkt vorgelesen. Das Codebuch gibt es zusätzlich als CSV-Datei.",
        "**Interactive tables:** searchable and sortable tables (e.g. the codebook) are drawn as a grid and read out "
        "by screen readers only partly. The codebook is also available as a CSV file.",
    ),
    (
        "**Downloads:** CSV-, Excel- und ZIP-Dateien sind Datendateien ohne weitere Auszeichnung; PDF-Dateien und "
        "Ausdrucke, soweit angeboten, sind nicht auf Barrierefreiheit (PDF/UA) geprüft.",
        "**Downloads:** CSV, Excel and ZIP files are data files without further structure; PDF files and printouts, "
        "where offered, have not been checked for accessibility (PDF/UA).",
    ),
    (
        "**Bedienelemente des Frameworks:** Das Dashboard beruht auf Streamlit. Einige Beschriftungen und Hinweise "
        "bringt Streamlit auf Englisch mit, und sie lassen sich nicht übersetzen: beim Datei-Upload auf „Daten & "
        "Methode“ die Schaltfläche „Upload“, der Hinweis „50MB per file • ZIP, XLSX“ und beim Ziehen einer Datei "
        "„Drag and drop file here“; die für Screenreader beschrifteten Schaltflächen der Seitenleiste („Collapse "
        "sidebar“, „Expand sidebar“), des Menüs oben rechts („Main menu“ mit „Print“ und „Record screen“) und der "
        "Tabellen („Download as CSV“, „Search“, „Fullscreen“, „Show/hide columns“); in den Auswahllisten der Filter "
        "„No results“, wenn eine Suche nichts findet; die Werkzeugleiste der Diagramme („Download plot as a PNG“, "
        "„Zoom“, „Pan“, „Autoscale“, „Reset axes“); der Titel des Kartenrahmens („streamlit_folium.st_folium“).",
        "**Framework controls:** the dashboard is built on Streamlit. Some labels and hints come from Streamlit in "
        "English and cannot be translated: on “Data & method”, the file upload's “Upload” button, its hint “50MB per "
        "file • ZIP, XLSX” and, while a file is dragged, “Drag and drop file here”; the screen-reader labels of the "
        "buttons of the sidebar (“Collapse sidebar”, “Expand sidebar”), of the menu at the top right (“Main menu” "
        "with “Print” and “Record screen”) and of the tables (“Download as CSV”, “Search”, “Fullscreen”, “Show/hide "
        "columns”); “No results” in the filters' selection lists when a search finds nothing; the charts' toolbar "
        "(“Download plot as a PNG”, “Zoom”, “Pan”, “Autoscale”, “Reset axes”); the map frame's title "
        "(“streamlit_folium.st_folium”).",
    ),
    (
        "**Gebärdensprache:** Eine Erläuterung in Deutscher Gebärdensprache (§ 4 BITV 2.0) fehlt noch. Einen Text in "
        "Leichter Sprache gibt es auf der Startseite „Überblick“.",
        "**Sign language:** an explanation in German Sign Language (§ 4 BITV 2.0) is still missing. A text in "
        "easy-to-read German is on the start page “Overview”.",
    ),
)

ctx = get_context()
lang = ctx.lang
tx = partial(pick, TEXTS, lang=lang)


ui.page_header(ctx, "page_accessibility")
st.header(tx("heading"))
st.markdown(tx("intro"))

st.subheader(tx("scope_h"))
st.markdown(tx("scope", pages=", ".join(t(spec.title_key, lang) for spec in PAGES)))

st.subheader(tx("status_h"))
st.markdown(tx("status"))

st.subheader(tx("limits_h"))
st.markdown(tx("limits_intro") + "\n\n" + "\n".join(f"- {tr(pair, lang)}" for pair in LIMITATIONS))

st.subheader(tx("method_h"))
st.markdown(tx("method", date=format_date(STATEMENT_DATE.isoformat(), lang)))

st.subheader(tx("feedback_h"))
st.markdown(tx("feedback"))
person = contact(ctx.package.metadata)
if person is not None:
    lines = [f"**{tx('name')}:** {md(person.get('title', ''))}"]
    if person.get("email"):
        lines.append(f"**{tx('email')}:** {md(person['email'])}")
    if person.get("path"):
        lines.append(f"**{tx('web')}:** {md(person['path'])}")
    st.markdown("  \n".join(lines))
else:
    st.warning(tx("contact_missing"), icon=":material/edit_note:")

st.subheader(tx("enforcement_h"))
st.markdown(tx("enforcement", web=ARBITRATION_WEBSITE.replace(".", "\\.").replace("-", "\\-")))
st.caption(tx("operator_note"))
