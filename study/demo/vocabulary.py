"""Words of the demonstration data: codebook, quotes, findings and the package's own description.

Everything here is invented prose (German first, English where the contract has an English column);
the generator (``study.demo.generator``) only combines it. The actor types themselves are the study's
(``study.schema.study_actor_types``).
"""

TITLE = "Demonstrationsdaten – Kooperationsatlas (synthetisch, keine Studienergebnisse)"
# The file name is that of the generator's first version; the text is part of the byte-identical output.
DESCRIPTION = (
    "Synthetische Demonstrationsdaten mit der Struktur des Datenpakets der Studie "
    "„Neue Kooperationen für faire Beschaffung auf lokaler Ebene“. Kommunen, "
    "Akteure, Aussagen, Zitate und Erkenntnisse sind zufällig erzeugt bzw. erfunden "
    "und geben keine Ergebnisse der Studie wieder. "
    "Erzeugt mit study/demo.py (Umfang „{scale}“, Seed {seed})."
)
LICENSE_TITLE = "Creative Commons Zero v1.0 Universal (synthetische Daten)"
SOURCE_TITLE = "Synthetisch erzeugt mit study/demo.py (Kooperationsatlas)"
GEODATA_TITLE = "Zufallskoordinaten innerhalb der Ländergrenzen: © GeoBasis-DE / BKG 2021 (Daten verändert)"
CONTACT_TITLE = "Studienteam (Demo)"

# Each actor type in the dative with its article, for the quote templates ("mit {dat}").
DATIVE = {
    "vergabestelle": "der Vergabestelle",
    "nachhaltigkeitsbuero": "dem Nachhaltigkeitsbüro",
    "rat": "dem Rat",
    "weltladen": "dem Weltladen",
    "fairtrade_gruppe": "der Fairtrade-Steuerungsgruppe",
    "eine_welt_gruppe": "der Eine-Welt-Gruppe",
    "wfbm": "der Werkstatt für Menschen mit Behinderung",
    "inklusionsbetrieb": "dem Inklusionsbetrieb",
    "repair_leihladen": "dem Repair-Café",
    "gebrauchtwarenkaufhaus": "dem Gebrauchtwarenkaufhaus",
    "recyclinghof": "dem Recyclinghof",
    "kammer": "der Kammer",
    "lokale_unternehmen": "den lokalen Unternehmen",
    "hochschule": "der Hochschule",
    "kirchengemeinde": "der Kirchengemeinde",
    "kommunales_unternehmen": "dem kommunalen Unternehmen",
}

# German merges preposition and article ("bei dem Weltladen" → "beim Weltladen").
CONTRACTIONS = (
    ("bei dem ", "beim "),
    ("Bei dem ", "Beim "),
    ("von dem ", "vom "),
    ("Von dem ", "Vom "),
    ("zu dem ", "zum "),
    ("zu der ", "zur "),
)

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

# --------------------------------------------------------------------------- quotes

# Kooperation quotes depend on the status; {topic} names the kind of cooperation.
KOOP_TOPIC = {
    "koo_gemeinsame_beschaffung": "beim gemeinsamen Einkauf",
    "koo_beratung": "bei der Beratung zu Vergabekriterien",
    "koo_veranstaltungen": "bei Aktionen und Kampagnen",
    "koo_lieferbeziehung": "bei Lieferungen für die Verwaltung",
    "koo_netzwerk": "am Runden Tisch",
    "koo_projektpartnerschaft": "in gemeinsamen Projekten",
}
KOOP_QUOTES = (
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
SUITABILITY_QUOTES = {
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
CODE_QUOTES = {
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
