"""UI texts in German and English, and German/English number formats.

Keys are English identifiers; every text a user sees comes from here or from the data package.
"""

from __future__ import annotations

import functools
import math

from babel import Locale

TEXTS: dict[str, tuple[str, str]] = {
    # frame
    "app_title": ("Kooperationsatlas", "Cooperation Atlas"),
    "app_subtitle": (
        "Neue Kooperationen für faire Beschaffung auf lokaler Ebene",
        "New cooperations for fair procurement at local level",
    ),
    "language": ("Sprache / Language", "Sprache / Language"),
    "filters": ("Filter", "Filters"),
    "reset_filters": ("Alle Filter zurücksetzen", "Reset all filters"),
    "all": ("alle", "all"),
    "filter_state": ("Bundesland", "Federal state"),
    "filter_size_class": ("Größenklasse", "Size class"),
    "filter_municipality_id": ("Kommune", "Municipality"),
    "filter_group": ("Akteursgruppe", "Actor group"),
    "filter_actor_type": ("Akteurstyp", "Actor type"),
    "filter_method": ("Erhebungsmethode", "Method"),
    "synthetic_banner": (
        "Demodaten – keine Studienergebnisse. Dieses Datenpaket ist synthetisch erzeugt und dient nur der Vorführung.",
        "Demo data – not study results. This data package is synthetic and for demonstration only.",
    ),
    "data_status": ("Datenstand", "Data status"),
    "data_synthetic": ("Demodaten (synthetisch)", "Demo data (synthetic)"),
    "data_real": ("Studiendaten", "Study data"),
    "data_upload": ("Hochgeladenes Paket (nur diese Sitzung)", "Uploaded package (this session only)"),
    "coverage": (
        "Auswahl: {municipalities} · {actors} · {statements}",
        "Selection: {municipalities} · {actors} · {statements}",
    ),
    "too_small": (
        "Die aktuelle Auswahl umfasst weniger als {k} Akteure. Zum Schutz der Anonymität werden keine "
        "Ergebnisse angezeigt. Bitte erweitern Sie die Filter.",
        "The current selection covers fewer than {k} actors. To protect anonymity no results are shown. "
        "Please widen the filters.",
    ),
    "suppressed_note": (
        "„< {k}“: Wert aus weniger als {k} Akteuren, aus Gründen der Anonymität nicht ausgewiesen.",
        "“< {k}”: value from fewer than {k} actors, withheld to protect anonymity.",
    ),
    "protection_note": (
        "Zahlen sind zum Schutz der Befragten leicht verändert: Kleine Werte (1 bis {k1}) werden zufällig "
        "auf 0 oder {k} gerundet, Summen aus diesen Werten gebildet. Mehr unter „Daten & Methode“.",
        "Figures are slightly perturbed to protect the participants: small values (1 to {k1}) are randomly "
        "rounded to 0 or {k}, totals are built from these values. More under “Data & method”.",
    ),
    "notice_dropped": (
        "Nicht angewendet: {dims}. Filter nach Region, nach Akteuren und nach Erhebungsmethode lassen sich "
        "nicht kombinieren, weil ihre Schnittmengen oft einzelne Personen wären.",
        "Not applied: {dims}. Filters by region, by actors and by method cannot be combined, because their "
        "intersections would often be single people.",
    ),
    "notice_widened_region": (
        "Zum Schutz kleiner Gruppen gehört zur Auswahl auch: {values} (mit weniger als {k} Akteuren werden "
        "Kommunen zusammengefasst).",
        "To protect small groups the selection also includes: {values} (municipalities with fewer than {k} "
        "actors are merged).",
    ),
    "notice_widened_actors": (
        "Zum Schutz kleiner Gruppen gehört zur Auswahl auch: {values} (Akteurstypen mit weniger als {k} "
        "Akteuren werden zusammengefasst).",
        "To protect small groups the selection also includes: {values} (actor types with fewer than {k} "
        "actors are merged).",
    ),
    "family_hint": (
        "Es lässt sich nach Region **oder** nach Akteuren **oder** nach Methode filtern. Um die Art zu "
        "wechseln, zuerst die gesetzten Filter leeren.",
        "You can filter by region **or** by actors **or** by method. To switch, first clear the filters set.",
    ),
    "breakdown_withheld": (
        "Nicht verfügbar für diese Auswahl: {dims}. Innerhalb eines Filters nach {family} wird nicht nach "
        "diesen Merkmalen aufgeschlüsselt, weil die Zellen oft einzelne Personen wären.",
        "Not available for this selection: {dims}. Within a filter by {family} results are not broken down "
        "by these attributes, because the cells would often be single people.",
    ),
    "family_region": ("Region", "region"),
    "family_actors": ("Akteuren", "actors"),
    "family_method": ("Erhebungsmethode", "method"),
    "quotes_withheld": (
        "Zitate erscheinen nur ohne Regions- und Methodenfilter: Sonst ließen sie sich über die Filter "
        "einzelnen Personen zuordnen.",
        "Quotes appear only without regional and method filters: otherwise the filters could tie them to "
        "single people.",
    ),
    "research_question": ("Forschungsfrage", "Research question"),
    "rq_short": ("FF", "RQ"),
    "answers_rq": ("Beantwortet {rqs}", "Answers {rqs}"),
    "table_of_numbers": ("Zahlen als Tabelle", "Numbers as a table"),
    "no_data": ("Für diese Auswahl liegen keine Angaben vor.", "No data for this selection."),
    "load_error": (
        "Das Datenpaket konnte nicht geladen werden. Bitte prüfen Sie die folgenden Fehler:",
        "The data package could not be loaded. Please check the following errors:",
    ),
    # pages
    "page_overview": ("Überblick", "Overview"),
    "page_compass": ("Kooperationskompass", "Cooperation compass"),
    "page_presentation": ("Präsentation", "Presentation"),
    "page_map": ("Karte", "Map"),
    "page_actors": ("Akteure", "Actors"),
    "page_cooperation": ("Kooperation", "Cooperation"),
    "page_challenges": ("Herausforderungen & Potenziale", "Challenges & potentials"),
    "page_findings": ("Erkenntnisse", "Findings"),
    "page_data": ("Daten & Methode", "Data & method"),
    "page_accessibility": ("Barrierefreiheit", "Accessibility"),
    "page_voting": ("Abstimmung", "Voting"),
    "page_join": ("Mitmachen", "Join in"),
    "overview_intro": (
        "Die Studie untersucht, wie Kommunalverwaltungen und lokale Akteure – Zivilgesellschaft, Sozial- und "
        "Inklusionsunternehmen, Repair- und Leihinitiativen, Kreislaufwirtschaft, Kirchen, Kammern – für eine faire "
        "und nachhaltige öffentliche Beschaffung zusammenarbeiten. Teilgenommen haben {municipalities}, mit "
        "Telefoninterviews, Vor-Ort-Terminen und Fokusgruppen. Das Dashboard zeigt die anonymisierten Ergebnisse; mit "
        "den Filtern links finden Sie, was für Ihre Region, Kommunengröße oder Ihren Akteurstyp gilt.",
        "The study examines how municipal administrations and local actors – civil society, social and inclusion "
        "enterprises, repair and lending initiatives, the circular economy, churches, chambers – cooperate for fair "
        "and sustainable public procurement. {municipalities} took part, through telephone interviews, site visits "
        "and focus groups. The dashboard shows the anonymised results; use the filters on the left to find what "
        "applies to your region, municipality size or actor type.",
    ),
    # map, start and data pages
    "embed_h": ("Einbetten", "Embed"),
    "embed_text": (
        "Mit diesem HTML-Code zeigt eine Partnerseite eine Ansicht des Dashboards in einem Rahmen (`<iframe>`), "
        "ohne Seitenleiste und Menü (`?embed=true`), mit der aktuellen Auswahl und Sprache.",
        "With this HTML code a partner site shows a view of the dashboard in a frame (`<iframe>`), without sidebar "
        "and menu (`?embed=true`), with the current selection and language.",
    ),
    "embed_page": ("Ansicht", "View"),
    "embed_link": ("Adresse der Ansicht", "Address of the view"),
    "embed_note": (
        "Browser zeigen das Dashboard nur auf Seiten, die der Betreiber freigegeben hat: beim Betrieb hinter nginx "
        'mit `ATLAS_FRAME_ANCESTORS="https://partner.example.org"` bzw. `--frame-ancestors` '
        "(Kopfzeile `Content-Security-Policy: frame-ancestors`, siehe `deploy/README.md`). Ohne Freigabe bleibt "
        "der Rahmen auf der Partnerseite leer.",
        "Browsers show the dashboard only on sites the operator has allowed: behind nginx with "
        '`ATLAS_FRAME_ANCESTORS="https://partner.example.org"` or `--frame-ancestors` (header '
        "`Content-Security-Policy: frame-ancestors`, see `deploy/README.md`). Without that the frame on the "
        "partner site stays empty.",
    ),
    "easy_h": ("In Leichter Sprache", "In easy-to-read language"),
    "easy_text": (
        "Das ist der **Kooperations-Atlas**.\n\n"
        "Der Atlas ist eine Internet-Seite mit Ergebnissen aus einer Studie.\n\n"
        "In der Studie geht es um **faires Einkaufen** von Städten und Gemeinden.\n"
        "Fair heißt: Die Menschen, die die Sachen herstellen, werden gut behandelt.\n"
        "Und die Umwelt wird geschützt.\n\n"
        "Die Verwaltung von einer Stadt kauft viele Sachen ein.\n"
        "Zum Beispiel: Papier, Kleidung oder Essen.\n"
        "Andere Gruppen in der Stadt können dabei helfen.\n"
        "Zum Beispiel: Welt-Läden, Werkstätten für Menschen mit Behinderung oder Kirchen.\n\n"
        "Für die Studie haben Forscher mit vielen Menschen gesprochen.\n"
        "Die Namen von den Menschen stehen **nicht** im Atlas.\n\n"
        "**So benutzen Sie den Atlas:**\n\n"
        "- Links ist eine Liste mit allen Seiten. Dort wählen Sie eine Seite aus.\n"
        "- Auf dem Handy öffnen Sie die Liste mit dem Pfeil oben links.\n"
        "- Mit den **Filtern** wählen Sie aus, was Sie sehen wollen.\n"
        "  Zum Beispiel nur ein Bundes-Land.\n"
        "- Manchmal steht da: **„< {k}“**.\n"
        "  Das heißt: Weniger als {k} Menschen haben etwas gesagt.\n"
        "  Dann zeigen wir keine Zahl.\n"
        "  So bleiben die Menschen geheim.",
        "This is the **Cooperation Atlas**.\n\n"
        "The atlas is a website with results from a study.\n\n"
        "The study is about **fair buying** by towns and cities.\n"
        "Fair means: the people who make the things are treated well.\n"
        "And the environment is protected.\n\n"
        "The administration of a town buys many things.\n"
        "For example: paper, clothes or food.\n"
        "Other groups in the town can help with this.\n"
        "For example: world shops, workshops for people with disabilities or churches.\n\n"
        "For the study, researchers talked to many people.\n"
        "The names of these people are **not** in the atlas.\n\n"
        "**How to use the atlas:**\n\n"
        "- On the left is a list of all pages. Choose a page there.\n"
        "- On a phone, open the list with the arrow at the top left.\n"
        "- With the **filters** you choose what you want to see.\n"
        "  For example only one federal state.\n"
        "- Sometimes it says: **“< {k}”**.\n"
        "  This means: fewer than {k} people said something.\n"
        "  Then we show no number.\n"
        "  This keeps the people secret.",
    ),
    # presentation and findings
    "rq_questions": ("Beantwortet {rqs}", "Answers {rqs}"),
    "rq_full_text": ("Fragen im Wortlaut", "Questions in full"),
    "rq_topic_1": ("Kooperation", "Cooperation"),
    "rq_topic_2": ("Eignung", "Suitability"),
    "rq_topic_3": ("Gewinnung", "Winning partners"),
    "rq_topic_4": ("Unterstützung", "Support"),
    "rq_topic_5": ("Vereinfachung", "Simplification"),
    "rq_topic_6": ("Prozesse", "Processes"),
    "rq_topic_7": ("Potenziale & Hürden", "Potentials & hurdles"),
    "findings_study_wide": (
        "Die Kernaussagen sind Aussagen des Studienteams über die ganze Studie; sie gelten unabhängig von den "
        "Filtern. Die Belege darunter zeigen die aktuelle Auswahl ({selection}).",
        "The key findings are the study team's statements on the whole study; they do not change with the "
        "filters. The evidence below shows the current selection ({selection}).",
    ),
    "quote_original": ("Originalzitat", "German original"),
    "slide_exit": ("Beenden: zurück zu „{page}“", "Exit: back to “{page}”"),
    "slide_protection": (
        "kleine Werte zum Schutz gerundet",
        "small values rounded for protection",
    ),
    "evidence_by_size": (
        "{category} nach Größenklasse (Anteil der Akteure)",
        "{category} by size class (share of actors)",
    ),
    "evidence_partner_status": (
        "Bestehende, geplante und gewünschte Kooperation mit diesen Partnertypen",
        "Existing, planned and wished-for cooperation with these partner types",
    ),
    "evidence_partner_rating": (
        "{category}: mittlere Bewertung (1–5) je Partnertyp",
        "{category}: mean rating (1–5) per partner type",
    ),
    "evidence_partner_actors": ("{category}: Akteure je Partnertyp", "{category}: actors per partner type"),
    "evidence_marked": ("Fett: was die Kernaussage nennt.", "Bold: what the finding names."),
    "evidence_marked_short": ("fett: in der Kernaussage genannt", "bold: named in the finding"),
    "evidence_fallback": (
        "Die Aufschlüsselung zu dieser Kernaussage ist für die aktuelle Auswahl nicht verfügbar; gezeigt wird, wie "
        "viele Akteure die Codes der Forschungsfrage nennen.",
        "The breakdown for this finding is not available for the current selection; shown is how many actors "
        "name the research question's codes.",
    ),
    # key figures
    "kf_municipalities": ("Kommunen", "Municipalities"),
    "kf_actors": ("Akteure", "Actors"),
    "kf_statements": ("Codierte Aussagen", "Coded statements"),
    "kf_findings": ("Kernaussagen", "Key findings"),
    # common chart words
    "n_actors": ("Akteure (Anzahl)", "Actors (number)"),
    "n_statements": ("Aussagen (Anzahl)", "Statements (number)"),
    "mean_rating": ("Mittlere Bewertung (1–5)", "Mean rating (1–5)"),
    "share_actors": ("Anteil der Akteure", "Share of actors"),
    "suppressed": ("unterdrückt", "suppressed"),
    "chart_empty_suppressed": (
        "Für diese Auswahl gibt es hier nichts zu zeigen: In jeder Zelle stehen zu wenige Akteure (weniger als "
        "{k}), ihre Werte werden zum Schutz der Befragten nicht ausgewiesen. Eine größere Auswahl (weniger oder "
        "andere Filter) zeigt mehr.",
        "Nothing to show here for this selection: every cell has too few actors (fewer than {k}), and their "
        "values are withheld to protect the participants. A wider selection (fewer or other filters) shows more.",
    ),
    "chart_empty_none": (
        "Für diese Auswahl gibt es hier nichts zu zeigen: Keine Aussage der Auswahl betrifft diese Frage.",
        "Nothing to show here for this selection: no statement in the selection concerns this question.",
    ),
    "source_selection": ("Auswahl", "Selection"),
    "source_source": ("Quelle", "Source"),
    "source_date": ("Stand", "As of"),
    "source_demo": ("Demodaten", "Demo data"),
    "download_data": ("Daten herunterladen", "Download data"),
    "download_sheet": ("Daten", "Data"),
    "chart_word": ("Diagramm", "Chart"),
    "download_csv": ("CSV (Excel)", "CSV (Excel)"),
    "download_xlsx": ("XLSX", "XLSX"),
    "download_note": (
        "Dieselbe geschützte Tabelle wie im Diagramm („< {k}“ = zum Schutz nicht ausgewiesen). CSV für deutsches "
        "Excel: Semikolon, Dezimalkomma, UTF-8.",
        "The same protected table as in the chart (“< {k}” = withheld for protection). CSV for German Excel: "
        "semicolon, decimal comma, UTF-8.",
    ),
}

RESEARCH_QUESTIONS: dict[int, tuple[str, str]] = {
    1: (
        "Wie kooperieren die Schlüsselakteure heute, und wie könnten sie künftig kooperieren?",
        "How do the key actors cooperate today, and how could they cooperate in future?",
    ),
    2: (
        "Welche lokalen Akteure eignen sich am besten, um Kommunalverwaltungen zu unterstützen?",
        "Which local actors are best suited to support municipal administrations?",
    ),
    3: (
        "Wie können sie als Partner für eine umfassende nachhaltige Beschaffung gewonnen werden?",
        "How can they be won as partners for comprehensive sustainable procurement?",
    ),
    4: (
        "Wie kann diese Unterstützung in der Praxis aussehen?",
        "What can that support look like in practice?",
    ),
    5: (
        "Wie lässt sich nachhaltige Beschaffung vereinfachen, welche Synergien bringt Kooperation?",
        "How can sustainable procurement be simplified; what synergies does cooperation bring?",
    ),
    6: (
        "Wie lassen sich neue kommunale Prozesse anstoßen, die nachhaltige Beschaffung verankern?",
        "How can new municipal processes that establish sustainable procurement be started?",
    ),
    7: (
        "Welche Potenziale sind sichtbar, und welche Herausforderungen brauchen Lösungen?",
        "Which potentials are visible, and which challenges need solutions?",
    ),
}


def tr(pair: tuple[str, str], lang: str = "de", **params) -> str:
    """The one translator: the German or English text of a (de, en) pair, filled with ``params``."""
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**params) if params else text


def pick(texts: dict[str, tuple[str, str]], key: str, lang: str = "de", **params) -> str:
    """A text from a catalogue of key → (German, English), filled with ``params``."""
    return tr(texts[key], lang, **params)


def t(key: str, lang: str = "de", **params) -> str:
    return pick(TEXTS, key, lang, **params)


def with_n_actors(title: str, n_actors: int, lang: str = "de") -> str:
    """A chart title with the number of actors behind it: "Titel (n = 120 Akteure)"."""
    return f"{title} (n = {fmt_int(n_actors, lang)} {t('kf_actors', lang)})"


def rq_text(rq: int, lang: str = "de") -> str:
    return tr(RESEARCH_QUESTIONS[int(rq)], lang)


# Number formats from CLDR (Babel): the marks and the percent sign's place of each language's locale.
# Formatting itself stays with Python's format(): Babel's format_decimal costs about 70 µs a number,
# and a national chart writes 10,000 of them.
LOCALES = {"de": "de_DE", "en": "en_GB"}


@functools.cache
def number_marks(lang: str) -> tuple[str, str, str]:
    """(decimal mark, thousands mark, what follows a percentage) of the language's locale."""
    locale = Locale.parse(LOCALES.get(lang, LOCALES["de"]))
    symbols = locale.number_symbols["latn"]
    pattern = locale.percent_formats[None].pattern
    return symbols["decimal"], symbols["group"], pattern[pattern.rindex("0") + 1 :]


def _is_missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _localise(s: str, lang: str) -> str:
    """A number Python formatted ("1,234.5") with the locale's marks."""
    decimal, group, _ = number_marks(lang)
    return s.translate({ord(","): group, ord("."): decimal})


def fmt_int(x, lang: str = "de") -> str:
    if _is_missing(x):
        return "–"
    return _localise(f"{int(round(x)):,}", lang)


def fmt_float(x, lang: str = "de", digits: int = 1) -> str:
    if _is_missing(x):
        return "–"
    return _localise(f"{x:,.{digits}f}", lang)


def fmt_pct(x, lang: str = "de", digits: int = 0) -> str:
    if _is_missing(x):
        return "–"
    return fmt_float(100 * x, lang, digits) + number_marks(lang)[2]


NOUNS = {
    "municipalities": (("Kommune", "Kommunen"), ("municipality", "municipalities")),
    "actors": (("Akteur", "Akteure"), ("actor", "actors")),
    "statements": (("codierte Aussage", "codierte Aussagen"), ("coded statement", "coded statements")),
}


def count_noun(n: int, noun: str, lang: str = "de") -> str:
    """ "1 Kommune", "12 Kommunen", "1.234 Akteure" – number and noun in the right form."""
    singular, plural = NOUNS[noun][1 if lang == "en" else 0]
    return f"{fmt_int(n, lang)} {singular if n == 1 else plural}"


def coverage_text(municipalities: int, actors: int, statements: int, lang: str = "de") -> str:
    return t(
        "coverage",
        lang,
        municipalities=count_noun(municipalities, "municipalities", lang),
        actors=count_noun(actors, "actors", lang),
        statements=count_noun(statements, "statements", lang),
    )


def plotly_separators(lang: str) -> str:
    """Plotly's ``separators``: decimal mark then thousands mark."""
    decimal, group, _ = number_marks(lang)
    return decimal + group
