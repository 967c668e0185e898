"""Deterministic synthetic demonstration data for the Kooperationsatlas.

``generate_demo`` writes a Frictionless data package with exactly the structure of
the study's package (``study/contract/datapackage.json``). Every municipality,
actor, statement, quote and finding in it is invented; the numbers only have
plausible patterns so that the dashboard's charts show structure. The same seed and
scale always give byte-identical files.

Two scales: ``"study"`` mirrors the study (10 pseudonymised municipalities, about
120 actors, a few thousand coded statements) and is shipped in ``data/study/``;
``"national"`` (10,800 municipalities, 100,000 actors, 2,000,000 statements) is a
load test for the app. Everything per actor and per statement is vectorised with
numpy; Python loops only run over lookup-table rows or the ten study municipalities.
"""

from __future__ import annotations

import copy
import json
import string
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from study.geo import random_points_in_state

__all__ = ["generate_demo", "NATIONAL_SIZES"]

CONTRACT_PATH = Path(__file__).resolve().parent / "contract" / "datapackage.json"

NATIONAL_SIZES = {"municipalities": 10_800, "actors": 100_000, "statements": 2_000_000}

# Fixed so that regenerating with the same seed reproduces the files byte for byte.
CREATED = "2026-11-25T00:00:00Z"

TITLE = "Demonstrationsdaten – Kooperationsatlas (synthetisch, keine Studienergebnisse)"

# --------------------------------------------------------------------------- vocabularies

GROUPS = (
    "verwaltung",
    "politik",
    "zivilgesellschaft",
    "sozialwirtschaft",
    "kreislaufwirtschaft",
    "wirtschaft",
    "wissenschaft_bildung",
    "kirche",
    "sonstige",
)

SIZE_CLASSES = ("grossstadt", "mittelstadt", "kleinstadt", "landgemeinde", "landkreis")

# (id, group, label_de, label_en, dative with article for quote templates)
ACTOR_TYPES = (
    ("vergabestelle", "verwaltung", "Vergabestelle / Beschaffungsamt",
     "Procurement office", "der Vergabestelle"),
    ("nachhaltigkeitsbuero", "verwaltung", "Nachhaltigkeits- bzw. Agenda-21-Büro",
     "Sustainability / Agenda 21 office", "dem Nachhaltigkeitsbüro"),
    ("rat", "politik", "Gemeinderat / Kreistag",
     "Municipal or district council", "dem Rat"),
    ("weltladen", "zivilgesellschaft", "Weltladen",
     "World shop", "dem Weltladen"),
    ("fairtrade_gruppe", "zivilgesellschaft", "Fairtrade-Steuerungsgruppe",
     "Fairtrade steering group", "der Fairtrade-Steuerungsgruppe"),
    ("eine_welt_gruppe", "zivilgesellschaft", "Eine-Welt-Gruppe / entwicklungspolitische NGO",
     "One World group / development NGO", "der Eine-Welt-Gruppe"),
    ("wfbm", "sozialwirtschaft", "Werkstatt für Menschen mit Behinderung",
     "Workshop for people with disabilities", "der Werkstatt für Menschen mit Behinderung"),
    ("inklusionsbetrieb", "sozialwirtschaft", "Inklusionsbetrieb",
     "Inclusion enterprise", "dem Inklusionsbetrieb"),
    ("repair_leihladen", "kreislaufwirtschaft", "Repair-Café / Leihladen (Bibliothek der Dinge)",
     "Repair café / library of things", "dem Repair-Café"),
    ("gebrauchtwarenkaufhaus", "kreislaufwirtschaft", "Gebrauchtwarenkaufhaus",
     "Second-hand department store", "dem Gebrauchtwarenkaufhaus"),
    ("recyclinghof", "kreislaufwirtschaft", "Recyclinghof / Entsorger",
     "Recycling centre / waste management", "dem Recyclinghof"),
    ("kammer", "wirtschaft", "Kammer (IHK/HWK)",
     "Chamber of commerce or crafts", "der Kammer"),
    ("lokale_unternehmen", "wirtschaft", "Lokale Unternehmen",
     "Local businesses", "den lokalen Unternehmen"),
    ("hochschule", "wissenschaft_bildung", "Hochschule",
     "University", "der Hochschule"),
    ("kirchengemeinde", "kirche", "Kirchengemeinde",
     "Parish", "der Kirchengemeinde"),
    ("kommunales_unternehmen", "sonstige", "Kommunales Unternehmen",
     "Municipal company", "dem kommunalen Unternehmen"),
)  # fmt: skip
TYPE_IDS = tuple(t[0] for t in ACTOR_TYPES)
T = {t: i for i, t in enumerate(TYPE_IDS)}
TYPE_GROUP = np.array([GROUPS.index(t[1]) for t in ACTOR_TYPES])

CATEGORIES = (
    "kooperation",
    "eignung",
    "gewinnung",
    "unterstuetzung",
    "vereinfachung",
    "prozess",
    "potenzial",
    "herausforderung",
)
RESEARCH_QUESTION = {
    "kooperation": 1,
    "eignung": 2,
    "gewinnung": 3,
    "unterstuetzung": 4,
    "vereinfachung": 5,
    "prozess": 6,
    "potenzial": 7,
    "herausforderung": 7,
}

# (code, category, label_de, label_en, description_de)
CODEBOOK = (
    ("koo_gemeinsame_beschaffung", "kooperation", "Gemeinsame Beschaffung", "Joint procurement",
     "Verwaltung und Partner kaufen gemeinsam ein oder schreiben gemeinsam aus."),
    ("koo_beratung", "kooperation", "Beratung der Vergabestelle", "Advice to the procurement office",
     "Der Partner berät die Vergabestelle zu Kriterien, Siegeln oder Anbietern."),
    ("koo_veranstaltungen", "kooperation", "Veranstaltungen und Kampagnen", "Events and campaigns",
     "Gemeinsame Aktionstage, Kampagnen oder Veranstaltungen zur fairen Beschaffung."),
    ("koo_lieferbeziehung", "kooperation", "Lieferbeziehung", "Supply relationship",
     "Der Partner liefert Waren oder Dienstleistungen an die Verwaltung."),
    ("koo_netzwerk", "kooperation", "Netzwerk / Runder Tisch", "Network / round table",
     "Regelmäßiger Austausch in einem Netzwerk oder an einem Runden Tisch."),
    ("koo_projektpartnerschaft", "kooperation", "Projektpartnerschaft", "Project partnership",
     "Zeitlich begrenztes gemeinsames Projekt von Verwaltung und Partner."),
    ("eig_fachwissen", "eignung", "Fachwissen", "Expertise",
     "Wissen über Produkte, Lieferketten, Sozial- und Umweltstandards."),
    ("eig_marktkenntnis", "eignung", "Marktkenntnis", "Market knowledge",
     "Überblick über Anbieter und verfügbare nachhaltige Produkte."),
    ("eig_glaubwuerdigkeit", "eignung", "Glaubwürdigkeit", "Credibility",
     "Ansehen und Vertrauen, das der Partner in Verwaltung und Öffentlichkeit genießt."),
    ("eig_kapazitaet", "eignung", "Kapazität", "Capacity",
     "Zeit, Personal und Verlässlichkeit, um dauerhaft Aufgaben zu übernehmen."),
    ("eig_lokale_verankerung", "eignung", "Lokale Verankerung", "Local roots",
     "Bekanntheit und Vernetzung des Partners vor Ort."),
    ("gew_persoenliche_ansprache", "gewinnung", "Persönliche Ansprache", "Personal approach",
     "Partner werden gezielt und persönlich angesprochen."),
    ("gew_foerderprogramme", "gewinnung", "Förderprogramme", "Funding programmes",
     "Fördermittel ermöglichen oder erleichtern die Mitarbeit von Partnern."),
    ("gew_anerkennung", "gewinnung", "Anerkennung und Sichtbarkeit", "Recognition and visibility",
     "Das Engagement der Partner wird öffentlich gewürdigt und sichtbar gemacht."),
    ("gew_ansprechperson", "gewinnung", "Klare Ansprechperson", "Clear contact person",
     "In der Verwaltung gibt es eine feste, bekannte Ansprechperson."),
    ("gew_gemeinsame_ziele", "gewinnung", "Gemeinsame Ziele", "Shared goals",
     "Verwaltung und Partner formulieren gemeinsame Ziele und einen erkennbaren Nutzen."),
    ("gew_aufwandsentschaedigung", "gewinnung", "Aufwandsentschädigung", "Compensation for effort",
     "Leistungen der Partner werden honoriert oder Kosten erstattet."),
    ("unt_marktrecherche", "unterstuetzung", "Marktrecherche", "Market research",
     "Der Partner recherchiert Anbieter und Produkte für die Verwaltung."),
    ("unt_schulungen", "unterstuetzung", "Schulungen", "Training",
     "Der Partner schult Beschaffende oder Fachämter."),
    ("unt_produktlisten", "unterstuetzung", "Produktlisten", "Product lists",
     "Der Partner stellt Listen geeigneter fairer oder nachhaltiger Produkte bereit."),
    ("unt_bieterberatung", "unterstuetzung", "Bieterberatung", "Advice to bidders",
     "Der Partner berät lokale Anbieter, wie sie sich an Ausschreibungen beteiligen."),
    ("unt_oeffentlichkeitsarbeit", "unterstuetzung", "Öffentlichkeitsarbeit", "Public relations",
     "Der Partner macht die faire Beschaffung der Kommune öffentlich bekannt."),
    ("unt_produkttests", "unterstuetzung", "Produkttests und Muster", "Product tests and samples",
     "Der Partner stellt Muster bereit oder begleitet die Erprobung neuer Produkte."),
    ("ver_rahmenvertraege", "vereinfachung", "Rahmenverträge", "Framework agreements",
     "Rahmenverträge ersparen Einzelvergaben und sichern Kriterien dauerhaft."),
    ("ver_musterausschreibungen", "vereinfachung", "Musterausschreibungen", "Model tenders",
     "Erprobte Muster und Textbausteine für Leistungsbeschreibungen."),
    ("ver_guetezeichen", "vereinfachung", "Gütezeichen", "Quality labels",
     "Anerkannte Gütezeichen dienen als Nachweis und vereinfachen die Prüfung."),
    ("ver_plattform", "vereinfachung", "Gemeinsame Plattform", "Shared platform",
     "Informationen, Bedarfe und Angebote werden an einem Ort gebündelt."),
    ("ver_synergien", "vereinfachung", "Synergien", "Synergies",
     "Durch Kooperation ergänzen sich Wissen und Ressourcen der Beteiligten."),
    ("ver_bedarfsbuendelung", "vereinfachung", "Bedarfsbündelung", "Demand pooling",
     "Bedarfe mehrerer Ämter oder Kommunen werden zusammengefasst."),
    ("pro_ratsbeschluss", "prozess", "Ratsbeschluss", "Council resolution",
     "Ein Beschluss des Rates oder Kreistags zur fairen und nachhaltigen Beschaffung."),
    ("pro_steuerungsgruppe", "prozess", "Steuerungsgruppe", "Steering group",
     "Ein Gremium aus Verwaltung, Politik und Zivilgesellschaft steuert den Prozess."),
    ("pro_dienstanweisung", "prozess", "Dienstanweisung", "Internal directive",
     "Eine Dienstanweisung macht Kriterien für alle Ämter verbindlich."),
    ("pro_koordinierungsstelle", "prozess", "Koordinierungsstelle", "Coordination office",
     "Eine feste Stelle koordiniert das Thema in der Verwaltung."),
    ("pro_pilotprojekt", "prozess", "Pilotprojekt", "Pilot project",
     "Ein überschaubares Vorhaben erprobt nachhaltige Beschaffung in der Praxis."),
    ("pro_leitfaden", "prozess", "Leitfaden", "Guideline",
     "Ein interner Leitfaden erläutert Kriterien und Vorgehen."),
    ("pot_vorbildwirkung", "potenzial", "Vorbildwirkung", "Role model effect",
     "Die Verwaltung wirkt mit ihrem Einkauf als Vorbild für andere."),
    ("pot_regionale_wertschoepfung", "potenzial", "Regionale Wertschöpfung", "Regional value creation",
     "Aufträge stärken Betriebe und Beschäftigung in der Region."),
    ("pot_kreislaufwirtschaft", "potenzial", "Kreislaufwirtschaft", "Circular economy",
     "Reparieren, Wiederverwenden und Leihen ersetzen Neukauf."),
    ("pot_inklusion", "potenzial", "Inklusion", "Inclusion",
     "Aufträge schaffen Arbeit für Menschen mit Behinderung oder Benachteiligung."),
    ("pot_bewusstseinsbildung", "potenzial", "Bewusstseinsbildung", "Awareness raising",
     "Faire Beschaffung macht globale Verantwortung vor Ort erfahrbar."),
    ("her_rechtsunsicherheit", "herausforderung", "Rechtsunsicherheit", "Legal uncertainty",
     "Unsicherheit, welche sozialen und ökologischen Kriterien vergaberechtlich zulässig sind."),
    ("her_mehrkosten", "herausforderung", "Mehrkosten", "Extra costs",
     "Höhere Preise nachhaltiger Produkte und knappe Haushalte."),
    ("her_personalkapazitaet", "herausforderung", "Fehlende Personalkapazität", "Lack of staff capacity",
     "Zu wenig Personal und Zeit in Vergabestelle und Fachämtern."),
    ("her_fehlendes_wissen", "herausforderung", "Fehlendes Wissen", "Lack of knowledge",
     "Fehlende Kenntnis von Siegeln, Kriterien und Angeboten."),
    ("her_marktverfuegbarkeit", "herausforderung", "Marktverfügbarkeit", "Market availability",
     "Für manche Produktgruppen gibt es zu wenige nachhaltige Anbieter."),
    ("her_dezentrale_beschaffung", "herausforderung", "Dezentrale Beschaffung", "Decentralised procurement",
     "Viele Stellen kaufen selbst ein; einheitliche Kriterien sind schwer umzusetzen."),
    ("her_fehlende_nachweise", "herausforderung", "Fehlende Nachweise", "Missing evidence",
     "Bieter können soziale und ökologische Nachweise nicht erbringen."),
    ("her_ehrenamt_grenzen", "herausforderung", "Grenzen des Ehrenamts", "Limits of volunteering",
     "Ehrenamtlich getragene Partner stoßen an zeitliche und personelle Grenzen."),
)  # fmt: skip
CODE_IDS = tuple(c[0] for c in CODEBOOK)
C = {c: i for i, c in enumerate(CODE_IDS)}
CODE_CAT = np.array([CATEGORIES.index(c[1]) for c in CODEBOOK])
CAT_CODES = [np.flatnonzero(np.equal(CODE_CAT, k)) for k in range(len(CATEGORIES))]
MAX_CODES = max(len(x) for x in CAT_CODES)

METHODS = ("interview", "vor_ort", "fokusgruppe")
STATUSES = ("bestehend", "geplant", "gewuenscht")

# --------------------------------------------------------------------------- patterns

# Share of statements per category (columns as CATEGORIES), by the speaker's group.
_CATEGORY_WEIGHTS = {
    "verwaltung":           (20, 14, 10, 10, 13, 12, 7, 14),
    "politik":              (16, 10, 10, 6, 8, 22, 12, 16),
    "zivilgesellschaft":    (24, 10, 10, 18, 6, 8, 12, 12),
    "sozialwirtschaft":     (22, 10, 10, 14, 8, 6, 16, 14),
    "kreislaufwirtschaft":  (20, 10, 12, 14, 6, 6, 18, 14),
    "wirtschaft":           (18, 10, 10, 14, 10, 6, 14, 18),
    "wissenschaft_bildung": (16, 14, 8, 18, 10, 10, 12, 12),
    "kirche":               (22, 8, 12, 12, 6, 6, 16, 18),
    "sonstige":             (22, 10, 8, 10, 14, 8, 14, 14),
}  # fmt: skip

# Code weights within a category; prozess depends on the council resolution and
# herausforderung on the size class (see _code_table).
_CODE_WEIGHTS = {
    "koo_gemeinsame_beschaffung": 12, "koo_beratung": 20, "koo_veranstaltungen": 22,
    "koo_lieferbeziehung": 18, "koo_netzwerk": 18, "koo_projektpartnerschaft": 12,
    "eig_fachwissen": 24, "eig_marktkenntnis": 22, "eig_glaubwuerdigkeit": 18,
    "eig_kapazitaet": 20, "eig_lokale_verankerung": 14,
    "gew_persoenliche_ansprache": 26, "gew_foerderprogramme": 16, "gew_anerkennung": 16,
    "gew_ansprechperson": 22, "gew_gemeinsame_ziele": 12, "gew_aufwandsentschaedigung": 10,
    "unt_marktrecherche": 22, "unt_schulungen": 17, "unt_produktlisten": 21,
    "unt_bieterberatung": 12, "unt_oeffentlichkeitsarbeit": 18, "unt_produkttests": 8,
    "ver_rahmenvertraege": 24, "ver_musterausschreibungen": 22, "ver_guetezeichen": 18,
    "ver_plattform": 12, "ver_synergien": 14, "ver_bedarfsbuendelung": 10,
    "pot_vorbildwirkung": 20, "pot_regionale_wertschoepfung": 22,
    "pot_kreislaufwirtschaft": 20, "pot_inklusion": 20, "pot_bewusstseinsbildung": 18,
}  # fmt: skip
_PROZESS_WEIGHTS = {  # (with council resolution, without)
    "pro_ratsbeschluss": (24, 8),
    "pro_steuerungsgruppe": (24, 10),
    "pro_dienstanweisung": (14, 8),
    "pro_koordinierungsstelle": (14, 10),
    "pro_pilotprojekt": (12, 22),
    "pro_leitfaden": (12, 18),
}
# Columns: grossstadt, mittelstadt, kleinstadt, landgemeinde, landkreis.
_CHALLENGE_WEIGHTS = {
    "her_rechtsunsicherheit":     (24, 23, 22, 21, 23),
    "her_mehrkosten":             (21, 22, 21, 20, 21),
    "her_personalkapazitaet":     (8, 11, 17, 19, 11),
    "her_fehlendes_wissen":       (8, 10, 11, 12, 10),
    "her_marktverfuegbarkeit":    (10, 9, 8, 8, 9),
    "her_dezentrale_beschaffung": (13, 9, 6, 5, 13),
    "her_fehlende_nachweise":     (10, 9, 8, 7, 9),
    "her_ehrenamt_grenzen":       (6, 8, 10, 12, 8),
}  # fmt: skip
# Mean severity 1–5; small places feel the lack of staff more.
_SEVERITY = {
    "her_rechtsunsicherheit": 4.3,
    "her_mehrkosten": 4.1,
    "her_personalkapazitaet": 3.6,
    "her_fehlendes_wissen": 3.2,
    "her_marktverfuegbarkeit": 3.1,
    "her_dezentrale_beschaffung": 3.0,
    "her_fehlende_nachweise": 3.0,
    "her_ehrenamt_grenzen": 3.1,
}
_SMALL_STAFF_SEVERITY_BONUS = 0.6
_POTENTIAL_RATING = {
    "pot_vorbildwirkung": 3.8,
    "pot_regionale_wertschoepfung": 4.0,
    "pot_kreislaufwirtschaft": 3.7,
    "pot_inklusion": 4.1,
    "pot_bewusstseinsbildung": 3.5,
}

# Which actor type a kooperation / eignung / unterstuetzung passage is about.
# Types not listed get a small base weight so that every type occurs.
_PARTNER_WEIGHTS = {
    "koo_gemeinsame_beschaffung": {"kommunales_unternehmen": 5, "kirchengemeinde": 3,
        "wfbm": 2, "inklusionsbetrieb": 2, "hochschule": 2, "nachhaltigkeitsbuero": 1},
    "koo_beratung": {"weltladen": 5, "eine_welt_gruppe": 5, "fairtrade_gruppe": 4,
        "nachhaltigkeitsbuero": 3, "kammer": 2, "hochschule": 2},
    "koo_veranstaltungen": {"fairtrade_gruppe": 6, "weltladen": 5, "eine_welt_gruppe": 4,
        "kirchengemeinde": 3, "repair_leihladen": 3, "rat": 1},
    "koo_lieferbeziehung": {"wfbm": 6, "inklusionsbetrieb": 5, "weltladen": 4,
        "lokale_unternehmen": 4, "gebrauchtwarenkaufhaus": 3, "recyclinghof": 3},
    "koo_netzwerk": {"fairtrade_gruppe": 4, "eine_welt_gruppe": 4, "weltladen": 3,
        "repair_leihladen": 3, "kirchengemeinde": 2, "kammer": 2, "rat": 2},
    "koo_projektpartnerschaft": {"repair_leihladen": 4, "gebrauchtwarenkaufhaus": 3,
        "hochschule": 3, "inklusionsbetrieb": 3, "recyclinghof": 3, "wfbm": 2},
    "unt_marktrecherche": {"weltladen": 5, "eine_welt_gruppe": 4, "hochschule": 4,
        "fairtrade_gruppe": 3, "kammer": 2},
    "unt_schulungen": {"eine_welt_gruppe": 5, "kammer": 4, "hochschule": 4,
        "nachhaltigkeitsbuero": 3, "weltladen": 2},
    "unt_produktlisten": {"weltladen": 5, "fairtrade_gruppe": 4, "wfbm": 3,
        "inklusionsbetrieb": 3, "gebrauchtwarenkaufhaus": 2},
    "unt_bieterberatung": {"kammer": 7, "nachhaltigkeitsbuero": 2, "lokale_unternehmen": 2},
    "unt_oeffentlichkeitsarbeit": {"fairtrade_gruppe": 5, "weltladen": 4,
        "kirchengemeinde": 3, "eine_welt_gruppe": 3, "repair_leihladen": 2},
    "unt_produkttests": {"wfbm": 3, "inklusionsbetrieb": 3, "repair_leihladen": 3,
        "gebrauchtwarenkaufhaus": 3, "lokale_unternehmen": 2, "hochschule": 2},
}  # fmt: skip
_ELIGIBILITY_PARTNERS = {"weltladen": 5, "fairtrade_gruppe": 4, "eine_welt_gruppe": 4,
    "wfbm": 4, "inklusionsbetrieb": 4, "repair_leihladen": 3, "gebrauchtwarenkaufhaus": 3,
    "recyclinghof": 2, "kammer": 3, "lokale_unternehmen": 3, "hochschule": 3,
    "kirchengemeinde": 2, "kommunales_unternehmen": 2, "nachhaltigkeitsbuero": 2,
    "vergabestelle": 1, "rat": 1}  # fmt: skip
_PARTNER_BASE_WEIGHT = 0.3
_GEWINNUNG_PARTNER_SHARE = 0.25

# Mean suitability 1–5 per partner type, columns as the eignung codes
# (fachwissen, marktkenntnis, glaubwuerdigkeit, kapazitaet, lokale_verankerung).
_SUITABILITY = {
    "vergabestelle":          (3.8, 3.0, 3.2, 2.6, 3.0),
    "nachhaltigkeitsbuero":   (4.0, 3.0, 3.8, 2.6, 3.4),
    "rat":                    (2.4, 2.0, 3.2, 2.4, 4.0),
    "weltladen":              (4.5, 4.4, 4.5, 2.4, 4.1),
    "fairtrade_gruppe":       (4.1, 3.6, 4.3, 2.5, 4.2),
    "eine_welt_gruppe":       (4.3, 3.3, 4.2, 2.2, 3.6),
    "wfbm":                   (3.9, 4.1, 3.9, 3.9, 3.8),
    "inklusionsbetrieb":      (3.8, 4.1, 3.8, 3.6, 3.8),
    "repair_leihladen":       (3.4, 2.4, 3.9, 1.8, 3.9),
    "gebrauchtwarenkaufhaus": (3.2, 3.2, 3.6, 2.9, 3.7),
    "recyclinghof":           (3.3, 3.4, 3.0, 3.8, 3.2),
    "kammer":                 (3.4, 4.2, 3.0, 3.8, 3.6),
    "lokale_unternehmen":     (2.8, 3.9, 2.5, 3.6, 3.8),
    "hochschule":             (4.3, 3.0, 3.9, 2.8, 2.8),
    "kirchengemeinde":        (2.9, 2.4, 4.0, 2.6, 4.2),
    "kommunales_unternehmen": (3.1, 3.5, 3.1, 4.0, 3.4),
}  # fmt: skip

# Cooperation status (bestehend, geplant, gewuenscht) by partner type: world shops
# and Fairtrade groups are today's partners, social enterprises the planned ones,
# repair and lending initiatives the wished-for ones.
_STATUS = {
    "vergabestelle":          (0.60, 0.25, 0.15),
    "nachhaltigkeitsbuero":   (0.62, 0.23, 0.15),
    "rat":                    (0.50, 0.25, 0.25),
    "weltladen":              (0.74, 0.14, 0.12),
    "fairtrade_gruppe":       (0.74, 0.15, 0.11),
    "eine_welt_gruppe":       (0.60, 0.20, 0.20),
    "wfbm":                   (0.28, 0.48, 0.24),
    "inklusionsbetrieb":      (0.24, 0.50, 0.26),
    "repair_leihladen":       (0.10, 0.20, 0.70),
    "gebrauchtwarenkaufhaus": (0.20, 0.28, 0.52),
    "recyclinghof":           (0.45, 0.30, 0.25),
    "kammer":                 (0.45, 0.30, 0.25),
    "lokale_unternehmen":     (0.40, 0.30, 0.30),
    "hochschule":             (0.30, 0.30, 0.40),
    "kirchengemeinde":        (0.45, 0.25, 0.30),
    "kommunales_unternehmen": (0.50, 0.30, 0.20),
}  # fmt: skip
# A council resolution goes with more existing cooperation.
_STATUS_SHIFT_COUNCIL = (0.12, -0.08)  # with, without
_INTENSITY = (3.8, 2.8, 2.1)  # mean rating by status
_RATING_SD = 0.85
_POTENTIAL_RATED_SHARE = 0.6

_METHOD_WEIGHTS = (0.58, 0.27, 0.15)

# Statements per actor relative to others, by group.
_TALKATIVENESS = (1.5, 0.8, 1.1, 1.0, 1.0, 0.8, 0.9, 0.8, 0.8)
# Larger places report more; (grossstadt … landkreis).
_SIZE_TALKATIVENESS = (1.25, 1.05, 0.95, 0.85, 1.2)
# Latent engagement behind fairtrade_town and council_resolution.
_SIZE_ENGAGEMENT = (1.0, 0.4, -0.2, -0.7, 0.5)

# Drawn share; quotes that would not fit (neutral rating, own type) are dropped,
# which leaves about 10 % and 1 %.
_QUOTE_SHARE = {"study": 0.115, "national": 0.0115}

# Real distribution of municipalities (Gemeinden) over the states, for "national".
_STATE_WEIGHTS = {
    "DE-SH": 1104, "DE-HH": 1, "DE-NI": 941, "DE-HB": 2, "DE-NW": 396, "DE-HE": 421,
    "DE-RP": 2301, "DE-BW": 1101, "DE-BY": 2056, "DE-SL": 52, "DE-BE": 1, "DE-BB": 413,
    "DE-MV": 726, "DE-SN": 418, "DE-ST": 218, "DE-TH": 605,
}  # fmt: skip
_CITY_STATES = ("DE-BE", "DE-HH", "DE-HB")
_NATIONAL_SIZE_SHARE = (0.008, 0.06, 0.2, 0.705, 0.027)
_POPULATION_RANGE = {  # log-uniform, per size class
    "grossstadt": (100_000, 1_500_000),
    "mittelstadt": (20_000, 99_000),
    "kleinstadt": (5_000, 19_900),
    "landgemeinde": (150, 4_990),
    "landkreis": (100_000, 400_000),
}
_STUDY_POPULATION_RANGE = {**_POPULATION_RANGE, "grossstadt": (110_000, 650_000)}
_NATIONAL_MISSING_COORDS = 0.002

# Actor-type mix for "national", by size class (grossstadt … landkreis).
_NATIONAL_TYPE_WEIGHTS = {
    "vergabestelle":          (14, 14, 14, 14, 14),
    "nachhaltigkeitsbuero":   (12, 8, 5, 3, 11),
    "rat":                    (6, 7, 7, 8, 7),
    "weltladen":              (10, 9, 7, 4, 8),
    "fairtrade_gruppe":       (8, 6, 5, 3, 6),
    "eine_welt_gruppe":       (8, 6, 4, 3, 6),
    "wfbm":                   (5, 5, 4, 3, 6),
    "inklusionsbetrieb":      (5, 4, 3, 2, 4),
    "repair_leihladen":       (8, 6, 5, 3, 5),
    "gebrauchtwarenkaufhaus": (5, 4, 3, 2, 4),
    "recyclinghof":           (4, 4, 4, 4, 6),
    "kammer":                 (5, 3, 2, 1, 5),
    "lokale_unternehmen":     (7, 8, 8, 8, 7),
    "hochschule":             (5, 2, 1, 0.3, 2),
    "kirchengemeinde":        (6, 7, 8, 10, 6),
    "kommunales_unternehmen": (5, 4, 3, 2, 5),
}  # fmt: skip
_NATIONAL_ACTORS_BY_SIZE = (40, 16, 9, 6, 30)

# --------------------------------------------------------------------------- quotes

# Kooperation quotes depend on the status; {topic} names the kind of cooperation.
_KOOP_TOPIC = {
    "koo_gemeinsame_beschaffung": "beim gemeinsamen Einkauf",
    "koo_beratung": "bei der Beratung zu Vergabekriterien",
    "koo_veranstaltungen": "bei Aktionen und Kampagnen",
    "koo_lieferbeziehung": "bei Lieferungen für die Verwaltung",
    "koo_netzwerk": "am Runden Tisch",
    "koo_projektpartnerschaft": "in gemeinsamen Projekten",
}
_KOOP_QUOTES = (
    (  # bestehend
        "Mit {dat} arbeiten wir {topic} schon seit einigen Jahren gut zusammen.",
        "Die Zusammenarbeit mit {dat} {topic} läuft inzwischen ganz selbstverständlich.",
        "Das klappt {topic} mit {dat} gut, weil es feste Ansprechpersonen gibt.",
        "Angefangen hat es mit einem Anruf, heute ist die Kooperation mit {dat} {topic} fest etabliert.",
    ),
    (  # geplant
        "Für das nächste Jahr ist vereinbart, {topic} enger mit {dat} zusammenzuarbeiten.",
        "Mit {dat} sind wir im Gespräch über eine Zusammenarbeit {topic}.",
        "Ein erstes Treffen mit {dat} hat stattgefunden, jetzt geht es um die Details.",
    ),
    (  # gewuenscht
        "Wir würden uns wünschen, {topic} stärker mit {dat} zusammenzuarbeiten.",
        "Bisher gibt es {topic} keinen Kontakt zu {dat}, das wäre aber sinnvoll.",
        "Ich könnte mir gut vorstellen, {topic} mit {dat} zu kooperieren.",
    ),
)
# Eignung quotes: (positive for ratings 4–5, negative for 1–2).
_SUITABILITY_QUOTES = {
    "eig_fachwissen": (
        ("Bei {dat} steckt viel Fachwissen zu Siegeln und Lieferketten drin.",
         "Was {dat} über Produktionsbedingungen weiß, könnten wir im Haus nie aufbauen."),
        ("Für die Details des Vergaberechts fehlt {dat} das nötige Fachwissen.",),
    ),
    "eig_marktkenntnis": (
        ("Bei {dat} weiß man genau, welche fairen Produkte es tatsächlich am Markt gibt.",),
        ("Einen Marktüberblick kann man von {dat} nicht erwarten.",),
    ),
    "eig_glaubwuerdigkeit": (
        ("Wenn eine Empfehlung von {dat} kommt, wird sie im Haus ernst genommen.",
         "Die Leute vertrauen {dat}, das ist ein großes Kapital."),
        ("Manche im Haus sehen bei {dat} eher Eigeninteressen als Beratung.",),
    ),
    "eig_kapazitaet": (
        ("Bei {dat} gibt es feste Strukturen, da bleibt eine Zusage auch verlässlich.",),
        ("Bei {dat} sind die Kapazitäten schlicht begrenzt, mehr ist kaum leistbar.",
         "Dauerhafte Aufgaben kann man {dat} nicht auch noch aufbürden."),
    ),
    "eig_lokale_verankerung": (
        ("Bei {dat} kennt man die Leute vor Ort, das öffnet Türen.",),
        ("Vor Ort ist die Arbeit von {dat} bisher kaum bekannt.",),
    ),
}  # fmt: skip
# One pool per code; {dat} only where the statement always has a partner type.
_CODE_QUOTES = {
    "gew_persoenliche_ansprache": (
        "Am Ende hat der direkte Anruf mehr bewirkt als jedes Rundschreiben.",
        "Man muss die Leute persönlich ansprechen, sonst bleibt es bei Absichtserklärungen.",
    ),
    "gew_foerderprogramme": (
        "Die Förderung für eine Koordinationsstelle war der Türöffner.",
        "Ohne Fördermittel wäre für uns als Verein eine dauerhafte Mitarbeit nicht machbar.",
    ),
    "gew_anerkennung": (
        "Wenn die Verwaltung unser Engagement öffentlich würdigt, motiviert das die Ehrenamtlichen.",
        "Sichtbarkeit ist für viele Betriebe ein wichtiger Grund, mitzumachen.",
    ),
    "gew_ansprechperson": (
        "Wir brauchen eine feste Ansprechperson im Rathaus, nicht jedes Mal jemand anderen.",
        "Seit es eine klare Zuständigkeit gibt, wissen die Initiativen, an wen sie sich wenden können.",
    ),
    "gew_gemeinsame_ziele": (
        "Erst als wir gemeinsame Ziele formuliert hatten, kam richtig Bewegung hinein.",
        "Jeder muss erkennen, was er selbst von der Zusammenarbeit hat.",
    ),
    "gew_aufwandsentschaedigung": (
        "Eine kleine Aufwandsentschädigung würde zeigen, dass unsere Beratung etwas wert ist.",
        "Ehrenamtliche können nicht dauerhaft Aufgaben der Verwaltung übernehmen.",
    ),
    "unt_marktrecherche": (
        "Die Marktrecherche von {dat} hat uns Wochen an Arbeit erspart.",
        "Bei {dat} haben wir nachgefragt, wer fair gehandelte Sportbälle liefern kann.",
    ),
    "unt_schulungen": (
        "Die Schulung mit {dat} war praxisnah und hat die Scheu vor sozialen Kriterien genommen.",
        "Eine Fortbildung zusammen mit {dat} für alle Beschaffenden wäre ein guter nächster Schritt.",
    ),
    "unt_produktlisten": (
        "Die Produktliste von {dat} hängt inzwischen in mehreren Ämtern.",
        "Eine aktuelle Liste fairer Produkte von {dat} hilft beim Bestellen im Alltag.",
    ),
    "unt_bieterberatung": (
        "Die Bieterberatung bei {dat} macht es kleinen Betrieben leichter, sich zu bewerben.",
        "Viele Anbieter wussten nicht, welche Nachweise verlangt werden; die Beratung bei {dat} hat geholfen.",
    ),
    "unt_oeffentlichkeitsarbeit": (
        "Bei der Öffentlichkeitsarbeit bekommen wir viel Unterstützung von {dat}.",
        "Über die Kanäle von {dat} erreichen wir Menschen, die uns sonst nicht zuhören.",
    ),
    "unt_produkttests": (
        "Die Muster von {dat} konnten wir im Bauhof erst einmal ausprobieren.",
        "Ein Probelauf mit Produkten von {dat} hat die Bedenken im Amt ausgeräumt.",
    ),
    "ver_rahmenvertraege": (
        "Mit einem Rahmenvertrag muss nicht jedes Amt einzeln fair einkaufen.",
        "Der Rahmenvertrag für Büromaterial hat die Umstellung deutlich vereinfacht.",
    ),
    "ver_musterausschreibungen": (
        "Musterausschreibungen sparen Zeit, weil man das Rad nicht neu erfinden muss.",
        "Wir haben die Textbausteine aus einer Musterausschreibung fast unverändert übernommen.",
    ),
    "ver_guetezeichen": (
        "Mit anerkannten Gütezeichen als Nachweis ist die Prüfung für uns überschaubar.",
        "Ein Siegel in der Leistungsbeschreibung ist einfacher als jede Einzelprüfung.",
    ),
    "ver_plattform": (
        "Eine gemeinsame Plattform für alle Beteiligten würde viel Hin und Her ersparen.",
        "Wir sammeln Informationen und Angebote jetzt an einem Ort, das hilft allen.",
    ),
    "ver_synergien": (
        "Durch die Zusammenarbeit nutzen wir Wissen, das wir im Haus nie aufbauen könnten.",
        "Jeder bringt etwas mit, und am Ende haben alle weniger Aufwand.",
    ),
    "ver_bedarfsbuendelung": (
        "Wenn wir die Bedarfe bündeln, lohnt sich das Angebot auch für kleine Anbieter.",
        "Die Bündelung über mehrere Ämter hinweg hat die Mehrkosten fast aufgefangen.",
    ),
    "pro_ratsbeschluss": (
        "Der Ratsbeschluss gibt uns Rückendeckung, wenn es um höhere Preise geht.",
        "Ohne Beschluss des Rates hätte sich in der Verwaltung wenig bewegt.",
    ),
    "pro_steuerungsgruppe": (
        "In der Steuerungsgruppe sitzen Verwaltung und Zivilgesellschaft an einem Tisch.",
        "Die Steuerungsgruppe trifft sich regelmäßig und hält das Thema am Leben.",
    ),
    "pro_dienstanweisung": (
        "Erst die Dienstanweisung hat die Kriterien für alle Ämter verbindlich gemacht.",
        "Eine Dienstanweisung wäre hilfreich, damit nicht jedes Amt eigene Regeln hat.",
    ),
    "pro_koordinierungsstelle": (
        "Die Koordinierungsstelle ist der Knoten, bei dem alles zusammenläuft.",
        "Es braucht jemanden, der das Thema hauptamtlich koordiniert.",
    ),
    "pro_pilotprojekt": (
        "Wir haben klein mit einem Pilotprojekt bei der Arbeitskleidung angefangen.",
        "Ein gelungenes Pilotprojekt überzeugt im Haus mehr als jedes Konzeptpapier.",
    ),
    "pro_leitfaden": (
        "Der Leitfaden hilft gerade neuen Kolleginnen und Kollegen beim Einstieg.",
        "Ein kurzer Leitfaden mit Beispielen wäre für die Fachämter Gold wert.",
    ),
    "pot_vorbildwirkung": (
        "Wenn die Kommune vorangeht, ziehen Betriebe und Vereine eher mit.",
        "Die Verwaltung hat beim Einkauf eine Vorbildfunktion für die ganze Bürgerschaft.",
    ),
    "pot_regionale_wertschoepfung": (
        "Aufträge an Betriebe aus der Region halten die Wertschöpfung vor Ort.",
        "Faire und regionale Beschaffung lassen sich gut miteinander verbinden.",
    ),
    "pot_kreislaufwirtschaft": (
        "Gebrauchte Möbel wären für manche Büros eine echte Alternative zum Neukauf.",
        "Reparieren statt neu kaufen würde auch der Verwaltung Geld sparen.",
    ),
    "pot_inklusion": (
        "Aufträge an Werkstätten schaffen sinnvolle Arbeit für Menschen mit Behinderung.",
        "Über die Beschaffung kann die Kommune Inklusion ganz praktisch fördern.",
    ),
    "pot_bewusstseinsbildung": (
        "Jede faire Bestellung ist auch ein Gesprächsanlass im Kollegium.",
        "Über die Beschaffung kommt das Thema bei vielen Menschen überhaupt erst an.",
    ),
    "her_rechtsunsicherheit": (
        "Viele haben Angst, bei sozialen Kriterien einen Vergabefehler zu machen.",
        "Solange nicht klar ist, was rechtssicher geht, schreibt niemand etwas Neues aus.",
        "Die Unsicherheit im Vergaberecht bremst mehr als das Geld.",
    ),
    "her_mehrkosten": (
        "Am Ende entscheidet oft doch der Preis, weil das Budget nicht reicht.",
        "Faire Produkte kosten mehr, und dafür fehlt im Haushalt die Position.",
        "Die Mehrkosten sind schwer zu vermitteln, wenn überall gespart wird.",
    ),
    "her_personalkapazitaet": (
        "Wir sind in der Vergabe zu zweit, für neue Themen bleibt da kaum Zeit.",
        "Das macht bei uns jemand nebenbei, mit einer halben Stelle geht nicht mehr.",
    ),
    "her_fehlendes_wissen": (
        "Viele wissen gar nicht, welche Siegel es gibt und was sie bedeuten.",
        "Im Haus fehlt schlicht das Wissen, wie man soziale Kriterien formuliert.",
    ),
    "her_marktverfuegbarkeit": (
        "Für manche Produktgruppen gibt es kaum faire Anbieter, die liefern können.",
        "Bei Arbeitskleidung in großen Mengen wird es mit fairen Angeboten schnell eng.",
    ),
    "her_dezentrale_beschaffung": (
        "Jedes Amt kauft selbst ein, da ist eine einheitliche Linie schwer durchzusetzen.",
        "Bei dezentraler Beschaffung weiß niemand genau, was überhaupt gekauft wird.",
    ),
    "her_fehlende_nachweise": (
        "Die Bieter können die geforderten Nachweise oft nicht liefern.",
        "Ohne Siegel ist die Prüfung von Eigenerklärungen für uns kaum machbar.",
    ),
    "her_ehrenamt_grenzen": (
        "Die Ehrenamtlichen sind mit viel Herzblut dabei, aber irgendwann ist die Grenze erreicht.",
        "Wenn die zwei Engagierten aufhören, bricht die ganze Gruppe weg.",
    ),
}

# --------------------------------------------------------------------------- findings

# (research question, view, title_de, text_de, title_en, text_en)
FINDINGS = (
    (1, "kooperation",
     "Weltläden und Fairtrade-Gruppen sind die etablierten Partner",
     "In fast allen Kommunen arbeitet die Verwaltung bereits mit Weltläden oder "
     "Fairtrade-Steuerungsgruppen zusammen. Die Kooperationen reichen von gemeinsamen "
     "Aktionen bis zur Beratung der Vergabestelle. Diese gewachsenen Beziehungen sind ein "
     "guter Ausgangspunkt für weitere Schritte.",
     "World shops and Fairtrade groups are the established partners",
     "In almost all municipalities the administration already cooperates with world shops "
     "or Fairtrade steering groups. The cooperation ranges from joint campaigns to advice "
     "for the procurement office. These established relationships are a good starting "
     "point for further steps."),
    (1, "kooperation",
     "Repair- und Leihinitiativen: viel Wunsch, wenig Praxis",
     "Repair-Cafés und Leihläden werden häufig als wünschenswerte Partner genannt, "
     "bestehende Kooperationen mit ihnen sind aber selten. Hier liegt ein bislang kaum "
     "genutztes Potenzial für die Kreislaufwirtschaft in der Beschaffung.",
     "Repair and lending initiatives: much wished for, little practice",
     "Repair cafés and libraries of things are often named as desirable partners, but "
     "existing cooperation with them is rare. This is a largely untapped potential for "
     "the circular economy in procurement."),
    (1, "kooperation",
     "Mit der Sozialwirtschaft ist vieles in Planung",
     "Mit Werkstätten für Menschen mit Behinderung und Inklusionsbetrieben sind viele "
     "Kooperationen geplant, etwa Lieferungen für Catering, Präsente oder Grünpflege. Der "
     "Schritt von der Absicht zum Auftrag gelingt dort, wo die Vergabestelle früh "
     "eingebunden ist.",
     "Much is planned with the social economy",
     "Many cooperations with workshops for people with disabilities and inclusion "
     "enterprises are planned, for instance supplies for catering, gifts or grounds "
     "maintenance. The step from intention to contract succeeds where the procurement "
     "office is involved early."),
    (1, "karte",
     "Kooperation gibt es in Stadt und Land",
     "Bestehende Kooperationen finden sich in Kommunen aller Größenklassen und in allen "
     "Regionen. Großstädte und Landkreise berichten von mehr Kooperationen, kleine "
     "Gemeinden eher von engen, persönlichen Beziehungen.",
     "Cooperation exists in towns and in the countryside",
     "Existing cooperation is found in municipalities of every size class and in every "
     "region. Cities and districts report more cooperation, small municipalities rather "
     "close, personal relationships."),
    (2, "akteure",
     "Weltläden und Sozialunternehmen punkten mit Fach- und Marktwissen",
     "Bei Fachwissen und Marktkenntnis bewerten die Befragten Weltläden, Werkstätten und "
     "Inklusionsbetriebe besonders hoch. Sie kennen Produkte, Lieferketten und Siegel aus "
     "der eigenen Praxis.",
     "World shops and social enterprises score with expertise and market knowledge",
     "Respondents rate world shops, workshops and inclusion enterprises particularly high "
     "for expertise and market knowledge. They know products, supply chains and labels "
     "from their own practice."),
    (2, "akteure",
     "Ehrenamt ist glaubwürdig, aber begrenzt belastbar",
     "Zivilgesellschaftliche Gruppen und Repair-Initiativen gelten als sehr glaubwürdig, "
     "ihre Kapazität wird jedoch deutlich niedriger eingeschätzt. Dauerhafte Aufgaben "
     "brauchen deshalb hauptamtliche Partner oder eine finanzielle Absicherung.",
     "Volunteers are credible but have limited capacity",
     "Civil-society groups and repair initiatives are considered highly credible, but "
     "their capacity is rated much lower. Permanent tasks therefore need professional "
     "partners or financial backing."),
    (2, "akteure",
     "Kammern und kommunale Unternehmen bringen Strukturen mit",
     "Kammern, kommunale Unternehmen und Recyclinghöfe gelten vor allem wegen ihrer "
     "Kapazität und Marktnähe als geeignete Partner. Sie ergänzen die inhaltliche "
     "Expertise der Zivilgesellschaft.",
     "Chambers and municipal companies bring structures",
     "Chambers, municipal companies and recycling centres are considered suitable "
     "partners mainly because of their capacity and closeness to the market. They "
     "complement the expertise of civil society."),
    (3, "kooperation",
     "Persönliche Ansprache gewinnt Partner",
     "Partner werden vor allem durch persönliche Ansprache und eine klar benannte "
     "Ansprechperson in der Verwaltung gewonnen. Rundschreiben und allgemeine Aufrufe "
     "wirken dagegen kaum.",
     "A personal approach wins partners",
     "Partners are won above all through a personal approach and a clearly named contact "
     "person in the administration. Circulars and general calls have little effect."),
    (3, "kooperation",
     "Anerkennung und Förderung sichern das Engagement",
     "Öffentliche Anerkennung und Förderprogramme helfen, das Engagement der Partner zu "
     "verstetigen. Ehrenamtlich getragene Gruppen brauchen eine Aufwandsentschädigung, "
     "wenn sie dauerhaft Aufgaben übernehmen sollen.",
     "Recognition and funding secure commitment",
     "Public recognition and funding programmes help to sustain the partners' commitment. "
     "Volunteer-based groups need compensation if they are to take on tasks permanently."),
    (4, "kooperation",
     "Marktrecherche und Produktlisten entlasten die Vergabestellen",
     "Besonders gefragt sind Marktrecherchen und aktuelle Produktlisten, wie sie Weltläden "
     "und entwicklungspolitische Gruppen beisteuern. Sie senken die Hürde, faire Produkte "
     "im Alltag zu bestellen.",
     "Market research and product lists relieve procurement offices",
     "Market research and up-to-date product lists, as provided by world shops and "
     "development groups, are in particular demand. They lower the threshold for ordering "
     "fair products in everyday work."),
    (4, "kooperation",
     "Schulungen und Bieterberatung ergänzen sich",
     "Schulungen für Beschaffende und die Bieterberatung der Kammern setzen an beiden "
     "Seiten des Marktes an. Gemeinsam angeboten, erreichen sie Verwaltung und lokale "
     "Betriebe zugleich.",
     "Training and advice to bidders complement each other",
     "Training for buyers and the chambers' advice to bidders address both sides of the "
     "market. Offered together, they reach the administration and local businesses at "
     "the same time."),
    (4, "kooperation",
     "Öffentlichkeitsarbeit macht faire Beschaffung sichtbar",
     "Fairtrade-Steuerungsgruppen, Weltläden und Kirchengemeinden übernehmen häufig die "
     "Öffentlichkeitsarbeit. So wird sichtbar, was die Verwaltung erreicht, und der "
     "Rückhalt in Politik und Bevölkerung wächst.",
     "Public relations make fair procurement visible",
     "Fairtrade steering groups, world shops and parishes often take on public relations. "
     "This makes the administration's achievements visible and strengthens support in "
     "politics and among the public."),
    (5, "herausforderungen",
     "Rahmenverträge und Musterausschreibungen vereinfachen am meisten",
     "Als wirksamste Vereinfachung nennen die Befragten Rahmenverträge und erprobte "
     "Musterausschreibungen. Einmal erarbeitet, nutzen sie allen Ämtern.",
     "Framework agreements and model tenders simplify the most",
     "Respondents name framework agreements and proven model tenders as the most "
     "effective simplification. Once developed, they benefit every department."),
    (5, "herausforderungen",
     "Gütezeichen erleichtern die Prüfung",
     "Anerkannte Gütezeichen als Nachweis machen die Prüfung von Angeboten überschaubar. "
     "Wo es keine Siegel gibt, wird es für Vergabestellen und Bieter aufwendig.",
     "Quality labels make checking easier",
     "Recognised quality labels as evidence keep the checking of bids manageable. Where "
     "no labels exist, it becomes laborious for procurement offices and bidders."),
    (5, "herausforderungen",
     "Kooperation schafft Synergien",
     "Gemeinsame Plattformen und die Bündelung von Bedarfen sparen allen Beteiligten "
     "Aufwand. Die Partner bringen Wissen ein, das die Verwaltung allein nicht aufbauen "
     "könnte.",
     "Cooperation creates synergies",
     "Shared platforms and pooled demand save effort for everyone involved. The partners "
     "contribute knowledge that the administration could not build up on its own."),
    (6, "herausforderungen",
     "Ratsbeschlüsse geben Rückendeckung",
     "Kommunen mit einem Ratsbeschluss zur fairen Beschaffung berichten von deutlich mehr "
     "bestehenden Kooperationen. Der Beschluss gibt der Verwaltung Rückendeckung, etwa "
     "wenn nachhaltige Produkte mehr kosten.",
     "Council resolutions provide backing",
     "Municipalities with a council resolution on fair procurement report considerably "
     "more existing cooperation. The resolution backs the administration, for instance "
     "when sustainable products cost more."),
    (6, "herausforderungen",
     "Steuerungsgruppen und Koordinierungsstellen halten den Prozess am Laufen",
     "Eine Steuerungsgruppe aus Verwaltung und Zivilgesellschaft und eine feste "
     "Koordinierungsstelle sorgen für Kontinuität. Ohne sie hängt das Thema an einzelnen "
     "engagierten Personen.",
     "Steering groups and coordination offices keep the process going",
     "A steering group of administration and civil society and a permanent coordination "
     "office ensure continuity. Without them the topic depends on a few committed "
     "individuals."),
    (6, "herausforderungen",
     "Klein anfangen: Pilotprojekte und Leitfäden",
     "Wo es noch keinen Beschluss gibt, beginnen Kommunen mit Pilotprojekten, etwa bei "
     "Arbeitskleidung oder Kaffee, und einem kurzen Leitfaden. Sichtbare Erfolge "
     "überzeugen im Haus mehr als Konzepte.",
     "Start small: pilot projects and guidelines",
     "Where there is no resolution yet, municipalities start with pilot projects, for "
     "instance for workwear or coffee, and a short guideline. Visible successes convince "
     "colleagues more than concepts."),
    (6, "karte",
     "Verbindliche Prozesse sind ungleich verteilt",
     "Ratsbeschlüsse und Fairtrade-Titel finden sich vor allem in größeren Städten und "
     "Landkreisen. In kleinen Gemeinden tragen häufiger einzelne Personen das Thema.",
     "Binding processes are unevenly spread",
     "Council resolutions and Fairtrade titles are found mainly in larger towns and "
     "districts. In small municipalities the topic more often rests on individuals."),
    (7, "herausforderungen",
     "Beschaffung als Hebel für Region, Inklusion und Kreislaufwirtschaft",
     "Die Befragten sehen großes Potenzial, über die Beschaffung regionale Wertschöpfung, "
     "Inklusion und Kreislaufwirtschaft zu stärken. Kooperationen mit Sozial- und "
     "Kreislaufbetrieben verbinden mehrere dieser Ziele.",
     "Procurement as a lever for the region, inclusion and the circular economy",
     "Respondents see great potential to strengthen regional value creation, inclusion "
     "and the circular economy through procurement. Cooperation with social and "
     "circular-economy enterprises combines several of these goals."),
    (7, "herausforderungen",
     "Die Verwaltung als Vorbild",
     "Eine Verwaltung, die fair und nachhaltig einkauft, wirkt als Vorbild für "
     "Unternehmen, Vereine und Bürgerschaft. Dieses Potenzial wird bisher selten aktiv "
     "kommuniziert.",
     "The administration as a role model",
     "An administration that buys fair and sustainable products sets an example for "
     "businesses, associations and citizens. This potential is rarely communicated "
     "actively so far."),
    (7, "herausforderungen",
     "Rechtsunsicherheit und Mehrkosten sind die größten Hürden",
     "Unsicherheit im Vergaberecht und befürchtete Mehrkosten werden am häufigsten und als "
     "besonders gravierend genannt. Rechtssichere Muster und politische Rückendeckung im "
     "Haushalt sind deshalb zentrale Stellschrauben.",
     "Legal uncertainty and extra costs are the biggest hurdles",
     "Uncertainty about procurement law and feared extra costs are named most often and "
     "rated most severe. Legally sound templates and political backing in the budget are "
     "therefore key levers."),
    (7, "herausforderungen",
     "Kleinen Kommunen fehlt Personal",
     "In kleinen Städten und Landgemeinden fehlt vor allem Personal, um nachhaltige "
     "Beschaffung neben dem Tagesgeschäft voranzubringen. Interkommunale Zusammenarbeit "
     "und Unterstützung durch den Landkreis können das ausgleichen.",
     "Small municipalities lack staff",
     "Small towns and rural municipalities above all lack the staff to advance "
     "sustainable procurement alongside day-to-day business. Inter-municipal cooperation "
     "and support from the district can make up for this."),
)  # fmt: skip


# --------------------------------------------------------------------------- helpers


def _draw(rng: np.random.Generator, keys: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Categorical draw per element: row ``keys[i]`` of ``table`` holds the weights."""
    u = rng.random(len(keys))
    cum = np.cumsum(np.asarray(table, dtype=float), axis=1)
    last = np.array([np.flatnonzero(row > 0)[-1] if row.any() else 0 for row in table])
    out = np.zeros(len(keys), dtype=np.int64)
    # One searchsorted per distinct table row keeps memory flat at 2 M statements.
    for r in np.unique(keys):
        m = keys == r
        idx = np.searchsorted(cum[r], u[m] * cum[r, -1], side="right")
        out[m] = np.minimum(idx, last[r])
    return out


def _ratings(rng: np.random.Generator, mean: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(rng.normal(mean, _RATING_SD)), 1, 5).astype(np.int64)


def _ids(prefix: str, n: int, width: int) -> pa.Array:
    """``prefix`` + zero-padded 1…n; wider than ``width`` only if n needs it."""
    width = max(width, len(str(n)))
    digits = np.arange(1, n + 1).astype(f"U{width}")
    return pa.array(np.strings.add(prefix, np.strings.zfill(digits, width)))


def _take(values, idx: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """Strings ``values[idx]``; null where ``mask`` is True."""
    return pc.take(pa.array(list(values), pa.string()), pa.array(idx, mask=mask))


def _log_uniform(rng: np.random.Generator, lo, hi) -> np.ndarray:
    return np.exp(rng.uniform(np.log(lo), np.log(hi)))


def _population(rng: np.random.Generator, size: np.ndarray, ranges: dict) -> np.ndarray:
    lo = np.array([ranges[s][0] for s in SIZE_CLASSES])[size]
    hi = np.array([ranges[s][1] for s in SIZE_CLASSES])[size]
    pop = _log_uniform(rng, lo, hi)
    # Rounded like published figures; exact counts would help re-identification.
    return (np.rint(pop / 10) * 10).astype(np.int64)


def _engagement(rng, size, thresholds) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Latent engagement → fairtrade_town, council_resolution and their distances to the threshold."""
    z = np.array(_SIZE_ENGAGEMENT)[size] + rng.normal(0, 1, len(size))
    fair_score = z + rng.normal(0, 1.0, len(size)) - thresholds[0]
    council_score = z + rng.normal(0, 1.0, len(size)) - thresholds[1]
    return fair_score > 0, council_score > 0, fair_score, council_score


# --------------------------------------------------------------------------- municipalities & actors


def _study_municipalities(rng: np.random.Generator) -> dict:
    n = 10
    # City states are left out: a pseudonymised city in Berlin or Hamburg is no pseudonym.
    territorial = [s for s in _STATE_WEIGHTS if s not in _CITY_STATES]
    states = np.array(rng.choice(territorial, size=n, replace=False))
    size = rng.permutation(np.repeat(np.arange(len(SIZE_CLASSES)), 2))
    population = _population(rng, size, _STUDY_POPULATION_RANGE)
    fair, council, fair_score, council_score = _engagement(rng, size, (0.2, 0.5))
    # Ten places should show both values of each flag, or the filters have nothing to do.
    for flag, score in ((fair, fair_score), (council, council_score)):
        if flag.all() or not flag.any():
            flag[np.argmin(np.abs(score))] ^= True
    lat = np.empty(n)
    lon = np.empty(n)
    for i, code in enumerate(states):
        a, b = random_points_in_state(str(code), 1, rng)
        lat[i], lon[i] = a[0], b[0]
    missing = np.zeros(n, dtype=bool)
    missing[rng.integers(n)] = True  # exercises the app's "approximate position" path
    return {
        "ids": pa.array([f"K{i + 1:02d}" for i in range(n)]),
        "names": pa.array([f"Kommune {string.ascii_uppercase[i]}" for i in range(n)]),
        "state": states,
        "size": size,
        "population": population,
        "fair": fair,
        "council": council,
        "lat": lat,
        "lon": lon,
        "missing": missing,
    }


def _national_municipalities(rng: np.random.Generator, n: int) -> dict:
    codes = list(_STATE_WEIGHTS)
    w = np.array([_STATE_WEIGHTS[c] for c in codes], dtype=float)
    quota = w / w.sum() * n
    counts = np.floor(quota).astype(int)
    # Largest remainder, ties broken by order, so the counts sum to n exactly.
    counts[np.argsort(-(quota - counts), kind="stable")[: n - counts.sum()]] += 1
    state_idx = rng.permutation(np.repeat(np.arange(len(codes)), counts))
    states = np.array(codes)[state_idx]
    size = _draw(rng, np.zeros(n, dtype=np.int64), np.array([_NATIONAL_SIZE_SHARE]))
    size[np.isin(states, _CITY_STATES)] = SIZE_CLASSES.index("grossstadt")
    population = _population(rng, size, _POPULATION_RANGE)
    fair, council, _, _ = _engagement(rng, size, (1.3, 1.6))
    lat = np.empty(n)
    lon = np.empty(n)
    for k, code in enumerate(codes):
        idx = np.flatnonzero(state_idx == k)
        if len(idx):
            lat[idx], lon[idx] = random_points_in_state(code, len(idx), rng)
    missing = rng.random(n) < _NATIONAL_MISSING_COORDS
    width = max(5, len(str(n)))
    return {
        "ids": _ids("M", n, width),
        "names": _ids("Kommune ", n, width),
        "state": states,
        "size": size,
        "population": population,
        "fair": fair,
        "council": council,
        "lat": lat,
        "lon": lon,
        "missing": missing,
    }


_GROUP_TYPES = {g: [t for t in TYPE_IDS if ACTOR_TYPES[T[t]][1] == g] for g in GROUPS}
# Filling the study municipalities beyond the core groups: (group, weight, cap).
_STUDY_OPTIONAL = (
    ("wirtschaft", 3, 2),
    ("wissenschaft_bildung", 2, 1),
    ("kirche", 2, 1),
    ("sonstige", 2, 1),
    ("zivilgesellschaft", 2, 4),
    ("sozialwirtschaft", 2, 3),
    ("kreislaufwirtschaft", 2, 3),
)
_STUDY_TYPE_WEIGHTS = {
    "verwaltung": {"vergabestelle": 3, "nachhaltigkeitsbuero": 2},
    "zivilgesellschaft": {"weltladen": 4, "fairtrade_gruppe": 3, "eine_welt_gruppe": 3},
    "sozialwirtschaft": {"wfbm": 3, "inklusionsbetrieb": 2},
    "kreislaufwirtschaft": {"repair_leihladen": 3, "gebrauchtwarenkaufhaus": 2, "recyclinghof": 2},
    "wirtschaft": {"kammer": 2, "lokale_unternehmen": 3},
}


def _study_actor_types(rng: np.random.Generator, mun: dict) -> tuple[np.ndarray, np.ndarray]:
    """Actor (municipality index, type index) for the ten study municipalities.

    Every municipality gets at least three administration actors and one more group
    with three actors, so that k = 3 anonymity leaves something to show; council,
    churches and the like stay at one or two actors so that suppression is visible.
    Every group and actor type occurs somewhere.
    """
    n = len(mun["ids"])
    sizes = [SIZE_CLASSES[s] for s in mun["size"]]
    targets = rng.permutation([11, 11, 11, 12, 12, 12, 12, 13, 13, 13])
    core = ("zivilgesellschaft", "sozialwirtschaft", "kreislaufwirtschaft")
    counts = [dict.fromkeys(GROUPS, 0) for _ in range(n)]
    caps = [{} for _ in range(n)]
    for m in range(n):
        counts[m]["verwaltung"] = 3 + int(rng.random() < 0.3)
        counts[m]["politik"] = 1
        strong = core[_draw(rng, np.zeros(1, np.int64), np.array([[2, 1, 1]]))[0]]
        for g in core:
            counts[m][g] = 3 if g == strong else 1
            caps[m][g] = 4 if g == strong and g == "zivilgesellschaft" else 3
    # The rarer groups are seeded into two municipalities each so none is missing.
    seeded = np.zeros(n, dtype=int)
    for g, _, _ in _STUDY_OPTIONAL:
        if g in core:
            continue
        eligible = [m for m in rng.permutation(n) if _optional_allowed(g, sizes[m])]
        for m in sorted(eligible, key=lambda m: seeded[m])[:2]:
            counts[m][g] += 1
            seeded[m] += 1
    for m in range(n):
        options = [o for o in _STUDY_OPTIONAL if _optional_allowed(o[0], sizes[m])]
        while sum(counts[m].values()) < targets[m]:
            open_ = [o for o in options if counts[m][o[0]] < caps[m].get(o[0], o[2])]
            w = np.array([[o[1] for o in open_]], dtype=float)
            counts[m][open_[_draw(rng, np.zeros(1, np.int64), w)[0]][0]] += 1

    mun_of, type_of = [], []
    for m in range(n):
        for g in GROUPS:
            c = counts[m][g]
            if not c:
                continue
            weights = dict(_STUDY_TYPE_WEIGHTS.get(g, {t: 1 for t in _GROUP_TYPES[g]}))
            if g == "zivilgesellschaft":
                # A Fairtrade Town has a steering group by definition.
                weights["fairtrade_gruppe"] = 50 if mun["fair"][m] else 1
            if g == "verwaltung" and sizes[m] == "landgemeinde":
                weights["nachhaltigkeitsbuero"] = 1
            types = list(weights)
            p = np.array([weights[t] for t in types], dtype=float)
            k = min(c, len(types))
            chosen = list(rng.choice(types, size=k, replace=False, p=p / p.sum()))
            if c > k:
                chosen += list(rng.choice(types, size=c - k, p=p / p.sum()))
            for t in chosen:
                mun_of.append(m)
                type_of.append(T[str(t)])
    mun_of, type_of = np.array(mun_of), np.array(type_of)
    # A type that no draw picked replaces a duplicate of its group.
    for t in range(len(TYPE_IDS)):
        if (type_of == t).any():
            continue
        same_group = TYPE_GROUP[type_of] == TYPE_GROUP[t]
        dup = same_group & (np.bincount(type_of, minlength=len(TYPE_IDS))[type_of] > 1)
        type_of[rng.choice(np.flatnonzero(dup))] = t
    order = np.lexsort((type_of, mun_of))
    return mun_of[order], type_of[order]


def _optional_allowed(group: str, size: str) -> bool:
    # Universities are not found in small towns and villages.
    return not (group == "wissenschaft_bildung" and size in ("kleinstadt", "landgemeinde"))


def _national_actor_types(rng: np.random.Generator, mun: dict, n_actors: int) -> tuple[np.ndarray, np.ndarray]:
    n_mun = len(mun["size"])
    w = np.array(_NATIONAL_ACTORS_BY_SIZE, dtype=float)[mun["size"]] * rng.lognormal(0, 0.4, n_mun)
    p = w / w.sum()
    if n_actors >= n_mun:
        counts = 1 + rng.multinomial(n_actors - n_mun, p)
    else:
        counts = rng.multinomial(n_actors, p)
    mun_of = np.repeat(np.arange(n_mun), counts)
    table = np.array([_NATIONAL_TYPE_WEIGHTS[t] for t in TYPE_IDS], dtype=float).T
    type_of = _draw(rng, mun["size"][mun_of], table)
    # Within a municipality, actors listed by type as in the study package.
    order = np.lexsort((type_of, mun_of))
    return mun_of[order], type_of[order]


# --------------------------------------------------------------------------- statements


def _category_table() -> np.ndarray:
    """Rows: group * 2 + has_council; more cooperation talk where a resolution exists."""
    rows = []
    for g in GROUPS:
        base = np.array(_CATEGORY_WEIGHTS[g], dtype=float)
        for council in (0, 1):
            w = base.copy()
            w[0] *= 1.2 if council else 0.9
            rows.append(w)
    return np.array(rows)


def _code_table() -> np.ndarray:
    """Rows: (category * 5 + size) * 2 + council; columns: position within category."""
    table = np.zeros((len(CATEGORIES) * len(SIZE_CLASSES) * 2, MAX_CODES))
    for k, cat in enumerate(CATEGORIES):
        codes = [CODE_IDS[i] for i in CAT_CODES[k]]
        for s in range(len(SIZE_CLASSES)):
            for council in (0, 1):
                if cat == "prozess":
                    w = [_PROZESS_WEIGHTS[c][0 if council else 1] for c in codes]
                elif cat == "herausforderung":
                    w = [_CHALLENGE_WEIGHTS[c][s] for c in codes]
                else:
                    w = [_CODE_WEIGHTS[c] for c in codes]
                table[(k * len(SIZE_CLASSES) + s) * 2 + council, : len(w)] = w
    return table


def _partner_table() -> np.ndarray:
    table = np.full((len(CODE_IDS), len(TYPE_IDS)), _PARTNER_BASE_WEIGHT)
    for code, weights in _PARTNER_WEIGHTS.items():
        for t, w in weights.items():
            table[C[code], T[t]] += w
    for code in CODE_IDS:
        if CODEBOOK[C[code]][1] in ("eignung", "gewinnung"):
            for t, w in _ELIGIBILITY_PARTNERS.items():
                table[C[code], T[t]] += w
    return table


def _status_table() -> np.ndarray:
    """Rows: partner type * 2 + council."""
    rows = []
    for t in TYPE_IDS:
        b, g, w = _STATUS[t]
        for council in (0, 1):
            shift = _STATUS_SHIFT_COUNCIL[0 if council else 1]
            pb = float(np.clip(b + shift, 0.03, 0.95))
            rest = (1 - pb) / (g + w)
            rows.append((pb, g * rest, w * rest))
    return np.array(rows)


_CONTRACTIONS = (
    ("bei dem ", "beim "),
    ("Bei dem ", "Beim "),
    ("von dem ", "vom "),
    ("Von dem ", "Vom "),
    ("zu dem ", "zum "),
    ("zu der ", "zur "),
)


def _contract_articles(text: str) -> str:
    """German merges preposition and article: "bei dem Weltladen" → "beim Weltladen"."""
    # The dative forms in ACTOR_TYPES carry the full article so they fit every preposition.
    for long, short in _CONTRACTIONS:
        text = text.replace(long, short)
    return text


def _quote_pool() -> tuple[list[str], np.ndarray, np.ndarray]:
    """All formatted quotes, plus lookup[code, variant, template, partner] → pool index.

    Variant: the status for kooperation, positive/negative for eignung, else 0.
    Partner slot len(TYPE_IDS) stands for "no partner". -1 means no quote.
    """
    n_types = len(TYPE_IDS)
    max_t = max(
        max(len(v) for v in _KOOP_QUOTES),
        max(len(v) for pair in _SUITABILITY_QUOTES.values() for v in pair),
        max(len(v) for v in _CODE_QUOTES.values()),
    )
    lookup = np.full((len(CODE_IDS), 3, max_t, n_types + 1), -1, dtype=np.int64)
    n_templates = np.zeros((len(CODE_IDS), 3), dtype=np.int64)
    pool: list[str] = []

    def add(code: str, variant: int, templates, **fmt) -> None:
        n_templates[C[code], variant] = len(templates)
        for j, template in enumerate(templates):
            for p in range(n_types + 1):
                dat = ACTOR_TYPES[p][4] if p < n_types else None
                if "{dat}" in template and dat is None:
                    continue
                lookup[C[code], variant, j, p] = len(pool)
                pool.append(_contract_articles(template.format(dat=dat, **fmt)))

    for code, topic in _KOOP_TOPIC.items():
        for s, templates in enumerate(_KOOP_QUOTES):
            add(code, s, templates, topic=topic)
    for code, (pos, neg) in _SUITABILITY_QUOTES.items():
        add(code, 0, pos)
        add(code, 1, neg)
    for code, templates in _CODE_QUOTES.items():
        add(code, 0, templates)
    return pool, lookup, n_templates


def _statements(
    rng: np.random.Generator,
    mun: dict,
    actor_mun: np.ndarray,
    actor_type: np.ndarray,
    n_statements: int,
    quote_share: float,
) -> dict:
    n_actors = len(actor_mun)
    actor_group = TYPE_GROUP[actor_type]
    w = (
        np.array(_TALKATIVENESS)[actor_group]
        * np.array(_SIZE_TALKATIVENESS)[mun["size"][actor_mun]]
        * rng.gamma(4.0, 0.25, n_actors)
    )
    counts = rng.multinomial(n_statements, w / w.sum())
    actor = np.repeat(np.arange(n_actors), counts)
    n = len(actor)
    m = actor_mun[actor]
    size = mun["size"][m]
    council = mun["council"][m].astype(np.int64)
    group = actor_group[actor]

    category = _draw(rng, group * 2 + council, _category_table())
    pos = _draw(rng, (category * len(SIZE_CLASSES) + size) * 2 + council, _code_table())
    code_of = np.full((len(CATEGORIES), MAX_CODES), -1)
    for k, idx in enumerate(CAT_CODES):
        code_of[k, : len(idx)] = idx
    code = code_of[category, pos]
    method = _draw(rng, np.zeros(n, dtype=np.int64), np.array([_METHOD_WEIGHTS]))

    is_koop = category == CATEGORIES.index("kooperation")
    is_eig = category == CATEGORIES.index("eignung")
    is_unt = category == CATEGORIES.index("unterstuetzung")
    is_gew = category == CATEGORIES.index("gewinnung")
    is_pot = category == CATEGORIES.index("potenzial")
    is_her = category == CATEGORIES.index("herausforderung")

    gew_partner = rng.random(n) < _GEWINNUNG_PARTNER_SHARE
    has_partner = is_koop | is_eig | is_unt | (is_gew & gew_partner)
    partner = _draw(rng, code, _partner_table())
    partner[~has_partner] = 0

    status = _draw(rng, partner * 2 + council, _status_table())
    status[~is_koop] = 0

    rating = np.zeros(n, dtype=np.int64)
    mean = np.zeros(n)
    mean[is_koop] = np.array(_INTENSITY)[status[is_koop]]
    suit = np.array([_SUITABILITY[t] for t in TYPE_IDS])
    eig_first = CAT_CODES[CATEGORIES.index("eignung")][0]
    mean[is_eig] = suit[partner[is_eig], code[is_eig] - eig_first]
    sev = np.zeros(len(CODE_IDS))
    for c, v in _SEVERITY.items():
        sev[C[c]] = v
    for c, v in _POTENTIAL_RATING.items():
        sev[C[c]] = v
    small = np.isin(size, [SIZE_CLASSES.index("kleinstadt"), SIZE_CLASSES.index("landgemeinde")])
    staff = code == C["her_personalkapazitaet"]
    mean[is_her | is_pot] = sev[code[is_her | is_pot]]
    mean[staff & small] += _SMALL_STAFF_SEVERITY_BONUS
    rated_pot = is_pot & (rng.random(n) < _POTENTIAL_RATED_SHARE)
    has_rating = is_koop | is_eig | is_her | rated_pot
    rating_all = _ratings(rng, mean)
    rating[has_rating] = rating_all[has_rating]

    # Quotes: fitting the status or rating, never a speaker quoting their own type.
    pool, lookup, n_templates = _quote_pool()
    variant = np.zeros(n, dtype=np.int64)
    variant[is_koop] = status[is_koop]
    variant[is_eig] = np.where(rating[is_eig] >= 4, 0, 1)
    neutral_eig = is_eig & (rating == 3)
    nt = n_templates[code, variant]
    template = np.minimum((rng.random(n) * nt).astype(np.int64), np.maximum(nt - 1, 0))
    slot = np.where(has_partner, partner, len(TYPE_IDS))
    quote_idx = lookup[code, variant, template, slot]
    wants = rng.random(n) < quote_share
    own = has_partner & (partner == actor_type[actor])
    has_quote = wants & (quote_idx >= 0) & ~neutral_eig & ~own

    return {
        "n": n,
        "actor": actor,
        "code": code,
        "method": method,
        "partner": partner,
        "has_partner": has_partner,
        "status": status,
        "is_koop": is_koop,
        "rating": rating,
        "has_rating": has_rating,
        "quote_idx": np.where(has_quote, quote_idx, 0),
        "has_quote": has_quote,
        "pool": pool,
    }


# --------------------------------------------------------------------------- writing


_CSV_CHUNK_ROWS = 250_000


def _csv_field(arr: pa.Array) -> pa.Array:
    if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
        arr = arr.cast(pa.large_string())
        needs = pc.match_substring_regex(arr, r'[",\r\n]')
        q = pa.scalar('"', pa.large_string())
        quoted = pc.binary_join_element_wise(
            q, pc.replace_substring(arr, '"', '""'), q, pa.scalar("", pa.large_string())
        )
        return pc.if_else(needs, quoted, arr)
    return pc.cast(arr, pa.large_string())


def _write_csv(path: Path, columns: dict[str, pa.Array]) -> None:
    """Minimal-quoting CSV: header, ``,``, ``\\n``, nulls as empty fields, no BOM."""
    sep = pa.scalar(",", pa.large_string())
    empty, newline = pa.scalar("", pa.large_string()), pa.scalar("\n", pa.large_string())
    n = len(next(iter(columns.values())))
    with open(path, "wb") as f:
        f.write((",".join(columns) + "\n").encode("utf-8"))
        # In slices, so that 2 M statements never exist as text all at once.
        for lo in range(0, n, _CSV_CHUNK_ROWS):
            fields = [_csv_field(a.slice(lo, _CSV_CHUNK_ROWS)) for a in columns.values()]
            lines = pc.binary_join_element_wise(*fields, sep, null_handling="replace", null_replacement="")
            lines = pc.binary_join_element_wise(lines, newline, empty)
            # The joined lines already sit back to back in the array's data buffer.
            offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)
            start, end = offsets[lines.offset], offsets[lines.offset + len(lines)]
            f.write(memoryview(lines.buffers()[2])[start:end])


def _fixed_decimals(values: np.ndarray, missing: np.ndarray, decimals: int) -> pa.Array:
    return pa.array(np.round(values, decimals), mask=missing)


def _package_descriptor(scale: str, seed: int, columns: dict[str, list[str]]) -> dict:
    contract = json.loads(CONTRACT_PATH.read_text(encoding="utf-8"))
    for res in contract["resources"]:
        names = [f["name"] for f in res["schema"]["fields"]]
        if names != columns[res["name"]]:  # pragma: no cover - guards contract drift
            raise RuntimeError(f"contract changed for {res['name']}: {names}")
    meta = {
        "title": TITLE,
        "description": (
            "Synthetische Demonstrationsdaten mit der Struktur des Datenpakets der Studie "
            "„Neue Kooperationen für faire Beschaffung auf lokaler Ebene“. Kommunen, "
            "Akteure, Aussagen, Zitate und Erkenntnisse sind zufällig erzeugt bzw. erfunden "
            "und geben keine Ergebnisse der Studie wieder. "
            f"Erzeugt mit study/demo.py (Umfang „{scale}“, Seed {seed})."
        ),
        "version": contract.get("version", "1.0.0"),
        "created": CREATED,
        "synthetic": True,
        "anonymity": {"min_group_size": 3},
        "licenses": [
            {
                "name": "CC0-1.0",
                "title": "Creative Commons Zero v1.0 Universal (synthetische Daten)",
                "path": "https://creativecommons.org/publicdomain/zero/1.0/",
            }
        ],
        "sources": [
            {"title": "Synthetisch erzeugt mit study/demo.py (Kooperationsatlas)"},
            {
                "title": "Zufallskoordinaten innerhalb der Ländergrenzen: © GeoBasis-DE / BKG 2021 (Daten verändert)",
                "path": "https://www.bkg.bund.de",
            },
        ],
        "contributors": [{"title": "Studienteam (Demo)", "email": "studienteam@example.org", "role": "contact"}],
        "x-demo": {"generator": "study.demo.generate_demo", "scale": scale, "seed": seed},
    }
    out = {k: contract[k] for k in ("name", "profile") if k in contract}
    out.update(meta)
    for k, v in contract.items():
        if k not in out and k != "resources":
            out[k] = copy.deepcopy(v)
    out["resources"] = contract["resources"]
    return out


# --------------------------------------------------------------------------- API


def generate_demo(
    outdir,
    seed: int = 20261125,
    scale: str = "study",
    *,
    sizes: dict | None = None,
) -> Path:
    """Write a synthetic demonstration data package into ``outdir`` and return it.

    Writes the six CSV resources of the contract and a ``datapackage.json`` marked
    ``"synthetic": true``. ``scale`` is ``"study"`` (10 municipalities, ~120 actors,
    ~3,000 statements) or ``"national"`` (``NATIONAL_SIZES``); for ``"national"``,
    ``sizes`` may override ``municipalities``, ``actors`` and ``statements``.
    The output depends only on ``seed``, ``scale`` and ``sizes``.
    """
    if scale not in _QUOTE_SHARE:
        raise ValueError(f"scale must be 'study' or 'national', not {scale!r}")
    if sizes is not None:
        if scale != "national":
            raise ValueError("sizes only applies to scale='national'")
        unknown = set(sizes) - set(NATIONAL_SIZES)
        if unknown:
            raise ValueError(f"unknown sizes: {sorted(unknown)}")
    counts = {**NATIONAL_SIZES, **(sizes or {})}
    if any(int(v) < 1 for v in counts.values()):
        raise ValueError("sizes must be positive")

    rng = np.random.default_rng(seed)
    if scale == "study":
        mun = _study_municipalities(rng)
        actor_mun, actor_type = _study_actor_types(rng, mun)
        n_statements = int(rng.integers(2700, 3300))
        actor_width = 3
    else:
        mun = _national_municipalities(rng, int(counts["municipalities"]))
        actor_mun, actor_type = _national_actor_types(rng, mun, int(counts["actors"]))
        n_statements = int(counts["statements"])
        actor_width = 6
    st = _statements(rng, mun, actor_mun, actor_type, n_statements, _QUOTE_SHARE[scale])

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    mun_ids = mun["ids"]
    actor_ids = _ids("A", len(actor_mun), actor_width)

    tables: dict[str, dict[str, pa.Array]] = {
        "municipalities": {
            "municipality_id": mun_ids,
            "name": mun["names"],
            "state": pa.array(mun["state"].astype(str)),
            "size_class": _take(SIZE_CLASSES, mun["size"]),
            "population": pa.array(mun["population"]),
            "lat": _fixed_decimals(mun["lat"], mun["missing"], 4),
            "lon": _fixed_decimals(mun["lon"], mun["missing"], 4),
            "fairtrade_town": pa.array(mun["fair"]),
            "council_resolution": pa.array(mun["council"]),
        },
        "actor_types": {
            "actor_type": pa.array(TYPE_IDS),
            "group": pa.array([t[1] for t in ACTOR_TYPES]),
            "label_de": pa.array([t[2] for t in ACTOR_TYPES]),
            "label_en": pa.array([t[3] for t in ACTOR_TYPES]),
        },
        "actors": {
            "actor_id": actor_ids,
            "municipality_id": pc.take(mun_ids, pa.array(actor_mun)),
            "actor_type": _take(TYPE_IDS, actor_type),
        },
        "codebook": {
            "code": pa.array(CODE_IDS),
            "category": pa.array([c[1] for c in CODEBOOK]),
            "research_question": pa.array([RESEARCH_QUESTION[c[1]] for c in CODEBOOK], pa.int64()),
            "label_de": pa.array([c[2] for c in CODEBOOK]),
            "label_en": pa.array([c[3] for c in CODEBOOK]),
            "description_de": pa.array([c[4] for c in CODEBOOK]),
        },
        "statements": {
            "statement_id": _ids("S", st["n"], 5),
            "actor_id": pc.take(actor_ids, pa.array(st["actor"])),
            "code": _take(CODE_IDS, st["code"]),
            "method": _take(METHODS, st["method"]),
            "partner_type": _take(TYPE_IDS, st["partner"], ~st["has_partner"]),
            "status": _take(STATUSES, st["status"], ~st["is_koop"]),
            "rating": pa.array(st["rating"], mask=~st["has_rating"]),
            "quote": _take(st["pool"], st["quote_idx"], ~st["has_quote"]),
        },
        "findings": {
            "finding_id": pa.array([f"F{i + 1:02d}" for i in range(len(FINDINGS))]),
            "research_question": pa.array([f[0] for f in FINDINGS], pa.int64()),
            "title_de": pa.array([f[2] for f in FINDINGS]),
            "text_de": pa.array([f[3] for f in FINDINGS]),
            "title_en": pa.array([f[4] for f in FINDINGS]),
            "text_en": pa.array([f[5] for f in FINDINGS]),
            "view": pa.array([f[1] for f in FINDINGS]),
        },
    }
    descriptor = _package_descriptor(scale, seed, {k: list(v) for k, v in tables.items()})
    for res in descriptor["resources"]:
        _write_csv(outdir / res["path"], tables[res["name"]])
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    # Bytes, not text mode: no newline translation, identical files on every platform.
    (outdir / "datapackage.json").write_bytes(text.encode("utf-8"))
    return outdir
