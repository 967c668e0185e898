"""The patterns behind the demonstration data: weights, means and shares the generator draws from.

Plausible, invented numbers, so that the dashboard's charts show structure; tuples follow the order of
the contract's enums (categories, size classes, statuses, groups) unless a comment says otherwise.
"""

# Share of statements per category (columns as CATEGORIES), by the speaker's group.
CATEGORY_WEIGHTS = {
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
CODE_WEIGHTS = {
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
PROZESS_WEIGHTS = {  # (with council resolution, without)
    "pro_ratsbeschluss": (24, 8),
    "pro_steuerungsgruppe": (24, 10),
    "pro_dienstanweisung": (14, 8),
    "pro_koordinierungsstelle": (14, 10),
    "pro_pilotprojekt": (12, 22),
    "pro_leitfaden": (12, 18),
}
# Columns: grossstadt, mittelstadt, kleinstadt, landgemeinde, landkreis.
CHALLENGE_WEIGHTS = {
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
SEVERITY = {
    "her_rechtsunsicherheit": 4.3,
    "her_mehrkosten": 4.1,
    "her_personalkapazitaet": 3.6,
    "her_fehlendes_wissen": 3.2,
    "her_marktverfuegbarkeit": 3.1,
    "her_dezentrale_beschaffung": 3.0,
    "her_fehlende_nachweise": 3.0,
    "her_ehrenamt_grenzen": 3.1,
}
SMALL_STAFF_SEVERITY_BONUS = 0.6
POTENTIAL_RATING = {
    "pot_vorbildwirkung": 3.8,
    "pot_regionale_wertschoepfung": 4.0,
    "pot_kreislaufwirtschaft": 3.7,
    "pot_inklusion": 4.1,
    "pot_bewusstseinsbildung": 3.5,
}

# Which actor type a kooperation / eignung / unterstuetzung passage is about.
# Types not listed get a small base weight so that every type occurs.
PARTNER_WEIGHTS = {
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
ELIGIBILITY_PARTNERS = {"weltladen": 5, "fairtrade_gruppe": 4, "eine_welt_gruppe": 4,
    "wfbm": 4, "inklusionsbetrieb": 4, "repair_leihladen": 3, "gebrauchtwarenkaufhaus": 3,
    "recyclinghof": 2, "kammer": 3, "lokale_unternehmen": 3, "hochschule": 3,
    "kirchengemeinde": 2, "kommunales_unternehmen": 2, "nachhaltigkeitsbuero": 2,
    "vergabestelle": 1, "rat": 1}  # fmt: skip
PARTNER_BASE_WEIGHT = 0.3
GEWINNUNG_PARTNER_SHARE = 0.25

# Mean suitability 1–5 per partner type, columns as the eignung codes
# (fachwissen, marktkenntnis, glaubwuerdigkeit, kapazitaet, lokale_verankerung).
SUITABILITY = {
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
STATUS = {
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
STATUS_SHIFT_COUNCIL = (0.12, -0.08)  # with, without
INTENSITY = (3.8, 2.8, 2.1)  # mean rating by status
RATING_SD = 0.85
POTENTIAL_RATED_SHARE = 0.6

METHOD_WEIGHTS = (0.58, 0.27, 0.15)

# Statements per actor relative to others, by group.
TALKATIVENESS = (1.5, 0.8, 1.1, 1.0, 1.0, 0.8, 0.9, 0.8, 0.8)
# Larger places report more; (grossstadt … landkreis).
SIZE_TALKATIVENESS = (1.25, 1.05, 0.95, 0.85, 1.2)
# Latent engagement behind fairtrade_town and council_resolution.
SIZE_ENGAGEMENT = (1.0, 0.4, -0.2, -0.7, 0.5)

# Drawn share; quotes that would not fit (neutral rating, own type) are dropped,
# which leaves about 10 % and 1 %.
QUOTE_SHARE = {"study": 0.115, "national": 0.0115}

# Real distribution of municipalities (Gemeinden) over the states, for "national".
STATE_WEIGHTS = {
    "DE-SH": 1104, "DE-HH": 1, "DE-NI": 941, "DE-HB": 2, "DE-NW": 396, "DE-HE": 421,
    "DE-RP": 2301, "DE-BW": 1101, "DE-BY": 2056, "DE-SL": 52, "DE-BE": 1, "DE-BB": 413,
    "DE-MV": 726, "DE-SN": 418, "DE-ST": 218, "DE-TH": 605,
}  # fmt: skip
CITY_STATES = ("DE-BE", "DE-HH", "DE-HB")
NATIONAL_SIZE_SHARE = (0.008, 0.06, 0.2, 0.705, 0.027)
POPULATION_RANGE = {  # log-uniform, per size class
    "grossstadt": (100_000, 1_500_000),
    "mittelstadt": (20_000, 99_000),
    "kleinstadt": (5_000, 19_900),
    "landgemeinde": (150, 4_990),
    "landkreis": (100_000, 400_000),
}
STUDY_POPULATION_RANGE = {**POPULATION_RANGE, "grossstadt": (110_000, 650_000)}
NATIONAL_MISSING_COORDS = 0.002

# Actor-type mix for "national", by size class (grossstadt … landkreis).
NATIONAL_TYPE_WEIGHTS = {
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
NATIONAL_ACTORS_BY_SIZE = (40, 16, 9, 6, 30)

# Filling the study municipalities beyond the core groups: (group, weight, cap).
STUDY_OPTIONAL = (
    ("wirtschaft", 3, 2),
    ("wissenschaft_bildung", 2, 1),
    ("kirche", 2, 1),
    ("sonstige", 2, 1),
    ("zivilgesellschaft", 2, 4),
    ("sozialwirtschaft", 2, 3),
    ("kreislaufwirtschaft", 2, 3),
)
STUDY_TYPE_WEIGHTS = {
    "verwaltung": {"vergabestelle": 3, "nachhaltigkeitsbuero": 2},
    "zivilgesellschaft": {"weltladen": 4, "fairtrade_gruppe": 3, "eine_welt_gruppe": 3},
    "sozialwirtschaft": {"wfbm": 3, "inklusionsbetrieb": 2},
    "kreislaufwirtschaft": {"repair_leihladen": 3, "gebrauchtwarenkaufhaus": 2, "recyclinghof": 2},
    "wirtschaft": {"kammer": 2, "lokale_unternehmen": 3},
}
