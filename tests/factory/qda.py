"""A small coded QDA project built in code, written as MAXQDA Excel exports or as a REFI-QDA .qdpx.

Both forms hold the same project: MAXQDA positions are paragraph numbers (inclusive), REFI positions
character offsets of the same paragraphs, so overlaps are the same in both. Names of documents,
speakers, users and the comments are made up and must never reach a package.
"""

from __future__ import annotations

import dataclasses
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pandas as pd
from openpyxl import Workbook

# Text that must never appear in an imported package.
SECRET_NAMES = (
    "Interview Anna Schmidt",
    "Interview Bernd Meier",
    "Vor-Ort Carla Roth",
    "FG Beispieldorf Protokoll",
    "Dora Klein",
    "Emil Wolf",
    "Ulrike Koch",
    "vertraulich Hr. Xaver",
    "Memo Frau Yilmaz",
)


@dataclass
class Coding:
    document: str
    first: int  # paragraph, 1-based
    last: int  # paragraph, inclusive
    path: tuple[str, ...]
    weight: int = 0


@dataclass
class QdaProject:
    documents: list[tuple[str, str, dict[str, object]]]  # (name, group, variables)
    paragraphs: dict[str, list[str]]
    codings: list[Coding]
    speakers: list[tuple[str, str, dict[str, object]]] = field(default_factory=list)  # (document, speaker, variables)


def sample_project() -> QdaProject:
    """Two towns, an interview each way, a site visit and a focus group with two speakers."""
    town_a = {
        "Kommune": "Musterstadt",
        "Bundesland": "Baden-Württemberg",
        "Größenklasse": "Großstadt",
        "Einwohner": "120.000",
        "Ratsbeschluss": "ja",
        "Fairtrade-Town": True,
    }
    town_b = {"Kommune": "Beispieldorf", "Bundesland": "BY", "Größenklasse": "Landgemeinde", "Ratsbeschluss": "nein"}
    docs = [
        (
            "Interview Anna Schmidt",
            "Telefoninterviews",
            {**town_a, "Akteurstyp": "Beschaffungsstelle", "Akteursgruppe": "Verwaltung"},
        ),
        (
            "Interview Bernd Meier",
            "Telefoninterviews",
            {**town_a, "Akteurstyp": "Fairer Laden", "Akteursgruppe": "Zivilgesellschaft"},
        ),
        (
            "Vor-Ort Carla Roth",
            "Vor-Ort-Termine",
            {**town_b, "Akteurstyp": "Beschaffungsstelle", "Akteursgruppe": "verwaltung"},
        ),
        ("FG Beispieldorf Protokoll", "Fokusgruppen", dict(town_b)),
    ]
    paragraphs = {
        "Interview Anna Schmidt": [
            "Begrüßung und Einleitung.",
            "Wir kaufen gemeinsam mit dem Laden fairen Kaffee ein.",
            "Der Aufwand für die Ausschreibung ist hoch.",
            "Wir wünschen uns Beratung.",
        ],
        "Interview Bernd Meier": [
            "Unser Laden berät die Stadt bei Siegeln.",
            "Es fehlt an Zeit in der Verwaltung.",
        ],
        "Vor-Ort Carla Roth": [
            "Rundgang durch das Rathaus.",
            "Mit der Kirchengemeinde ist eine Kooperation geplant.",
        ],
        "FG Beispieldorf Protokoll": [
            "Moderation: Vorstellung.",
            "Die Gemeinde könnte mehr fair einkaufen.",
            "Wir würden gern helfen.",
            "Ohne Sprecher zugeordnet.",
        ],
    }
    k, h, p = "Kooperation", "Herausforderungen", "Potenzial"
    codings = [
        Coding("Interview Anna Schmidt", 2, 2, (k, "Gemeinsame Beschaffung"), 70),
        Coding("Interview Anna Schmidt", 2, 2, ("Partner", "Fairer Laden")),
        Coding("Interview Anna Schmidt", 2, 2, ("Status", "bestehend")),
        Coding("Interview Anna Schmidt", 2, 2, ("Zitat freigegeben",)),
        Coding("Interview Anna Schmidt", 3, 3, (h, "Aufwand"), 100),
        Coding("Interview Anna Schmidt", 4, 4, ("Unterstützung", "Beratung")),
        Coding("Interview Anna Schmidt", 1, 1, ("Organisatorisches", "Begrüßung")),
        Coding("Interview Bernd Meier", 1, 1, (k, "Beratung"), 15),
        Coding("Interview Bernd Meier", 1, 1, ("Partner", "Beschaffungsstelle")),
        Coding("Interview Bernd Meier", 1, 1, ("Status", "gewünscht")),
        Coding("Interview Bernd Meier", 2, 2, (h, "Zeitmangel"), 41),
        Coding("Interview Bernd Meier", 2, 2, ("Zitat freigegeben",)),
        Coding("Vor-Ort Carla Roth", 2, 2, (k, "Gemeinsame Beschaffung"), 0),
        Coding("Vor-Ort Carla Roth", 2, 2, ("Status", "geplant")),
        Coding("Vor-Ort Carla Roth", 1, 1, ("Partner", "Beschaffungsstelle")),
        Coding("FG Beispieldorf Protokoll", 2, 2, ("Sprecher", "Dora Klein")),
        Coding("FG Beispieldorf Protokoll", 2, 2, (p, "Mehr fair einkaufen"), 61),
        Coding("FG Beispieldorf Protokoll", 2, 2, ("Zitat freigegeben",)),
        Coding("FG Beispieldorf Protokoll", 3, 3, ("Sprecher", "Emil Wolf")),
        Coding("FG Beispieldorf Protokoll", 3, 3, ("Eignung als Partner", "Hilfsbereitschaft"), 81),
        Coding("FG Beispieldorf Protokoll", 4, 4, (p, "Mehr fair einkaufen"), 20),
    ]
    speakers = [
        ("FG Beispieldorf Protokoll", "Dora Klein", {"Akteurstyp": "Kirchengemeinde Test", "Akteursgruppe": "Kirche"}),
        (
            "FG Beispieldorf Protokoll",
            "Emil Wolf",
            {"Akteurstyp": "Fairer Laden", "Akteursgruppe": "Zivilgesellschaft"},
        ),
    ]
    return QdaProject(docs, paragraphs, codings, speakers)


# The tables this project must give with the default mapping (weights → ratings), as
# (municipality, actor type, code label, category, method, partner type, status, rating, quote).
EXPECTED_STATEMENTS = sorted(
    [
        ("musterstadt", "beschaffungsstelle", "Gemeinsame Beschaffung", "kooperation", "interview", "fairer_laden", "bestehend", "4", "Wir kaufen gemeinsam mit dem Laden fairen Kaffee ein."),
        ("musterstadt", "beschaffungsstelle", "Aufwand", "herausforderung", "interview", "", "", "5", ""),
        ("musterstadt", "beschaffungsstelle", "Beratung", "unterstuetzung", "interview", "", "", "", ""),
        ("musterstadt", "fairer_laden", "Beratung", "kooperation", "interview", "beschaffungsstelle", "gewuenscht", "1", ""),
        ("musterstadt", "fairer_laden", "Zeitmangel", "herausforderung", "interview", "", "", "3", "Es fehlt an Zeit in der Verwaltung."),
        ("beispieldorf", "beschaffungsstelle", "Gemeinsame Beschaffung", "kooperation", "vor_ort", "", "geplant", "", ""),
        ("beispieldorf", "kirchengemeinde_test", "Mehr fair einkaufen", "potenzial", "fokusgruppe", "", "", "4", "Die Gemeinde könnte mehr fair einkaufen."),
        ("beispieldorf", "fairer_laden", "Hilfsbereitschaft", "eignung", "fokusgruppe", "", "", "5", ""),
    ]
)  # fmt: skip

MAXQDA_HEADERS = {
    ("de", 2018): ["Dokumentgruppe", "Dokumentname", "Code", "Anfang", "Ende", "Gewicht", "Segment", "Kommentar"],
    ("de", 2022): [
        "Farbe", "Dokumentgruppe", "Dokumentname", "Code", "Anfang", "Ende", "Gewicht", "Segment", "Kommentar",
        "Bearbeitet von", "Bearbeitet am", "Erstellt von", "Erstellt am", "Fläche", "Abdeckungsgrad %",
    ],
    ("en", 2018): ["Document group", "Document name", "Code", "Beginning", "End", "Weight score", "Segment", "Comment"],
    ("en", 2022): [
        "Color", "Document group", "Document name", "Code", "Beginning", "End", "Weight score", "Segment", "Comment",
        "Modified by", "Modified", "Created by", "Created", "Area", "Coverage %",
    ],
}  # fmt: skip
_FIELD = {
    "Dokumentgruppe": "group", "Document group": "group", "Dokumentname": "document", "Document name": "document",
    "Code": "code", "Anfang": "start", "Beginning": "start", "Ende": "end", "End": "end", "Gewicht": "weight",
    "Weight score": "weight", "Segment": "text", "Kommentar": "comment", "Comment": "comment",
    "Bearbeitet von": "user", "Modified by": "user", "Erstellt von": "user", "Created by": "user",
}  # fmt: skip
ENGLISH_VARIABLES = {
    "Kommune": "Municipality",
    "Bundesland": "State",
    "Größenklasse": "Size class",
    "Akteurstyp": "Actor type",
    "Akteursgruppe": "Actor group",
    "Einwohner": "Population",
    "Ratsbeschluss": "Council resolution",
    "Fairtrade-Town": "Fairtrade Town",
}


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def segment_rows(project: QdaProject, header: list[str]) -> list[list[object]]:
    groups = {name: group for name, group, _ in project.documents}
    rows = []
    for c in project.codings:
        text = "\n".join(project.paragraphs[c.document][c.first - 1 : c.last])
        values = {
            "group": groups[c.document],
            "document": c.document,
            "code": " > ".join(c.path),
            "start": c.first,
            "end": c.last,
            "weight": c.weight,
            "text": text,
            "comment": "vertraulich Hr. Xaver",
            "user": "Ulrike Koch",
        }
        rows.append([values.get(_FIELD.get(h, ""), "") for h in header])
    return rows


def write_maxqda(project: QdaProject, folder: Path, lang: str = "de", version: int = 2022) -> list[Path]:
    """The coded segments export, the document variables export and the speakers sheet."""
    folder.mkdir(parents=True, exist_ok=True)
    header = MAXQDA_HEADERS[(lang, version)]
    names = list(dict.fromkeys(v for _, _, variables in project.documents for v in variables))
    rename = (lambda v: ENGLISH_VARIABLES.get(v, v)) if lang == "en" else (lambda v: v)
    doc_head = ["Document group", "Document name"] if lang == "en" else ["Dokumentgruppe", "Dokumentname"]
    variables = [[*doc_head, *(rename(n) for n in names), "Erstellt von" if lang == "de" else "Created by"]]
    for name, group, values in project.documents:
        variables.append([group, name, *(values.get(n, None) for n in names), "Ulrike Koch"])
    speaker_names = list(dict.fromkeys(v for _, _, values in project.speakers for v in values))
    speakers = [[doc_head[1], "Speaker" if lang == "en" else "Sprecher", *(rename(n) for n in speaker_names)]]
    for doc, speaker, values in project.speakers:
        speakers.append([doc, speaker, *(values.get(n) for n in speaker_names)])
    files = [
        _sheet(folder / "Codierte Segmente.xlsx", [header, *segment_rows(project, header)]),
        _sheet(folder / "Dokumentvariablen.xlsx", variables),
    ]
    if project.speakers:
        files.append(_sheet(folder / "Sprecher.xlsx", speakers))
    return files


# --- REFI-QDA ---------------------------------------------------------------------------------

NS = "urn:QDA-XML:project:1.0"


def guid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(parts))).upper()


def _value(value: object) -> str:
    if isinstance(value, bool):
        return f"<BooleanValue>{'true' if value else 'false'}</BooleanValue>"
    return f"<TextValue>{escape(str(value))}</TextValue>"


def qde_xml(project: QdaProject, variables_on_case: tuple[str, ...] = ("Vor-Ort Carla Roth",)) -> str:
    """project.qde for the project; documents in ``variables_on_case`` carry their variables on a Case."""
    paths = sorted({c.path for c in project.codings} | {("Sprecher", s) for _, s, _ in project.speakers})
    tree: dict = {}
    for path in paths:
        node = tree
        for part in path:
            node = node.setdefault(part, {})

    def codes(node: dict, prefix: tuple[str, ...]) -> str:
        out = []
        for name, children in node.items():
            path = (*prefix, name)
            desc = "<Description>Memo Frau Yilmaz</Description>" if name == "Sprecher" else ""
            out.append(
                f'<Code guid="{guid("code", *path)}" name={quoteattr(name)} isCodable="true">{desc}'
                f"{codes(children, path)}</Code>"
            )
        return "".join(out)

    var_names = list(dict.fromkeys(v for _, _, vs in project.documents for v in vs))
    var_names += [v for _, _, vs in project.speakers for v in vs if v not in var_names]
    variables = "".join(
        f'<Variable guid="{guid("var", v)}" name={quoteattr(v)} typeOfVariable="Text"/>' for v in var_names
    )

    def values(vs: dict) -> str:
        return "".join(
            f'<VariableValue><VariableRef targetGUID="{guid("var", k)}"/>{_value(v)}</VariableValue>'
            for k, v in vs.items()
        )

    sources = []
    for name, _group, vs in project.documents:
        paras = project.paragraphs[name]
        offsets, pos = [], 0
        for para in paras:
            offsets.append((pos, pos + len(para)))
            pos += len(para) + 1
        text = "\n".join(paras)
        selections = []
        for i, c in enumerate(x for x in project.codings if x.document == name):
            start, end = offsets[c.first - 1][0], offsets[c.last - 1][1]
            selections.append(
                f'<PlainTextSelection guid="{guid("sel", name, str(i))}" name="sel" startPosition="{start}" '
                f'endPosition="{end}" creatingUser="{guid("user")}"><Description>vertraulich Hr. Xaver</Description><Coding guid="{guid("coding", name, str(i))}" '
                f'creatingUser="{guid("user")}"><CodeRef targetGUID="{guid("code", *c.path)}"/></Coding>'
                f"</PlainTextSelection>"
            )
        own = "" if name in variables_on_case else values(vs)
        sources.append(
            f'<TextSource guid="{guid("src", name)}" name={quoteattr(name)} creatingUser="{guid("user")}">'
            f"<PlainTextContent>{escape(text)}</PlainTextContent>{''.join(selections)}{own}</TextSource>"
        )
    cases = []
    for name, _group, vs in project.documents:
        if name in variables_on_case:
            cases.append(
                f'<Case guid="{guid("case", name)}" name="Fall 1">{values(vs)}'
                f'<SourceRef targetGUID="{guid("src", name)}"/></Case>'
            )
    for doc, speaker, vs in project.speakers:
        cases.append(
            f'<Case guid="{guid("case", doc, speaker)}" name={quoteattr(speaker)}>{values(vs)}'
            f'<SourceRef targetGUID="{guid("src", doc)}"/></Case>'
        )
    groups: dict[str, list[str]] = {}
    for name, group, _ in project.documents:
        groups.setdefault(group, []).append(name)
    sets = "".join(
        f'<Set guid="{guid("set", g)}" name={quoteattr(g)}>'
        + "".join(f'<MemberSource targetGUID="{guid("src", n)}"/>' for n in names)
        + "</Set>"
        for g, names in groups.items()
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Project xmlns="{NS}" name="Testprojekt" origin="MAXQDA 2022" creatingUserGUID="{guid("user")}">'
        f'<Users><User guid="{guid("user")}" name="Ulrike Koch"/></Users>'
        f"<CodeBook><Codes>{codes(tree, ())}</Codes></CodeBook>"
        f"<Variables>{variables}</Variables><Cases>{''.join(cases)}</Cases>"
        f"<Sources>{''.join(sources)}</Sources>"
        f'<Notes><Note guid="{guid("note")}" name="Memo"><PlainTextContent>Memo Frau Yilmaz</PlainTextContent></Note></Notes>'
        f"<Sets>{sets}</Sets></Project>"
    )


def write_qdpx(path: Path, xml: str, extra: dict[str, bytes] | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", xml)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def larger_project(n_towns: int = 4, docs_per_town: int = 6, seed: int = 3) -> QdaProject:
    """A deterministic project big enough for every dashboard page: several towns, types, methods, speakers."""
    import random

    rng = random.Random(seed)
    states = ["Baden-Württemberg", "Bayern", "Niedersachsen", "Sachsen", "NRW"]
    sizes = ["Großstadt", "Mittelstadt", "Kleinstadt", "Landgemeinde", "Landkreis"]
    types = [
        ("Amt A", "Verwaltung"),
        ("Laden B", "Zivilgesellschaft"),
        ("Betrieb C", "Sozialwirtschaft"),
        ("Gemeinde D", "Kirche"),
    ]
    children = {
        "Kooperation": ["Einkauf", "Beratung"],
        "Eignung": ["Nähe", "Wissen"],
        "Gewinnung": ["Ansprache"],
        "Unterstützung": ["Geld", "Zeit"],
        "Vereinfachung": ["Rahmenvertrag"],
        "Prozesse": ["Beschluss"],
        "Potenziale": ["Textilien"],
        "Herausforderungen": ["Recht", "Personal"],
    }
    statuses = ["bestehend", "geplant", "gewünscht"]
    docs, paragraphs, codings, speakers = [], {}, [], []
    for t in range(n_towns):
        town = {
            "Kommune": f"Ort {chr(65 + t)}",
            "Bundesland": states[t % len(states)],
            "Größenklasse": sizes[t % len(sizes)],
            "Einwohner": str(5000 * (t + 1)),
            "Ratsbeschluss": "ja" if t % 2 == 0 else "nein",
            "Fairtrade-Town": "x" if t % 3 == 0 else "nein",
        }
        for d in range(docs_per_town):
            label, group = types[d % len(types)]
            name = f"Transkript {t}-{d}"
            method_group = "Interviews" if d % 3 else "Vor-Ort-Termine"
            docs.append((name, method_group, {**town, "Akteurstyp": label, "Akteursgruppe": group}))
            paragraphs[name] = [f"Absatz {i} mit Inhalt." for i in range(1, 13)]
            for i in range(1, 13):
                top = rng.choice(list(children))
                codings.append(Coding(name, i, i, (top, rng.choice(children[top])), rng.choice([0, 30, 50, 90])))
                if top in ("Kooperation", "Eignung", "Unterstützung"):
                    codings.append(Coding(name, i, i, ("Partner", types[rng.randrange(len(types))][0])))
                if top == "Kooperation":
                    codings.append(Coding(name, i, i, ("Status", rng.choice(statuses))))
                if rng.random() < 0.3:
                    codings.append(Coding(name, i, i, ("Zitat freigegeben",)))
        fg = f"Fokusgruppe {t}"
        docs.append((fg, "Fokusgruppen", dict(town)))
        paragraphs[fg] = [f"Beitrag {i}." for i in range(1, 10)]
        for s in range(3):
            label, group = types[s]
            speaker = f"Person {t}{s}"
            speakers.append((fg, speaker, {"Akteurstyp": label, "Akteursgruppe": group}))
            for i in range(1 + s, 10, 3):
                codings.append(Coding(fg, i, i, ("Sprecher", speaker)))
                top = rng.choice(list(children))
                codings.append(Coding(fg, i, i, (top, children[top][0]), 60))
    return QdaProject(docs, paragraphs, codings, speakers)


def statement_rows(tables: dict[str, pd.DataFrame]) -> list[tuple]:
    """Statements with their actor's municipality and type and their code's label: comparable without ids."""
    actors = tables["actors"].set_index("actor_id")
    codes = tables["codebook"].set_index("code")
    rows = []
    for r in tables["statements"].itertuples(index=False):
        a, c = actors.loc[r.actor_id], codes.loc[r.code]
        rows.append(
            (
                a.municipality_id,
                a.actor_type,
                c.label_de,
                c.category,
                r.method,
                r.partner_type,
                r.status,
                r.rating,
                r.quote,
            )
        )
    return sorted(rows)


def with_rating_codes(project):
    """The project with its weights moved to "Bewertung > n" codes, which both formats can carry."""
    codings = []
    for c in project.codings:
        codings.append(dataclasses.replace(c, weight=0))
        if c.weight:
            band = next(i + 1 for i, upper in enumerate((20, 40, 60, 80, 100)) if c.weight <= upper)
            codings.append(Coding(c.document, c.first, c.last, ("Bewertung", str(band))))
    return dataclasses.replace(project, codings=codings)
