"""The QDA project as the importer sees it, whatever program wrote it: documents, speakers, coded segments.

Readers (``maxqda``, ``refi``) fill a ``Project``; ``build`` turns it into the package's tables.
Positions are half-open ranges [start, end) in the reader's unit (MAXQDA paragraphs, REFI characters);
only overlaps within one document are ever compared, so the unit does not matter.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Document:
    name: str  # as the QDA program shows it; used for identity and the report, never written to the package
    groups: tuple[str, ...] = ()  # MAXQDA document group or REFI sets the document belongs to
    variables: dict[str, str] = field(default_factory=dict)
    where: str = ""  # file (and row) it was read from, for messages


@dataclass
class Speaker:
    document: str
    name: str
    variables: dict[str, str] = field(default_factory=dict)


@dataclass
class Segment:
    document: str
    path: tuple[str, ...]  # code path, top level first
    start: int
    end: int
    weight: int | None = None  # MAXQDA weight score 0–100; None where the format has none
    text: str = ""


@dataclass
class Project:
    kind: str  # "maxqda", "refi" or "qualcoder"
    files: tuple[str, ...]  # the source files read (names only, for messages)
    origin: str = ""  # program that wrote the project, where it says so
    documents: dict[str, Document] = field(default_factory=dict)
    speakers: dict[tuple[str, str], Speaker] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)
    code_descriptions: dict[tuple[str, ...], str] = field(default_factory=dict)
    digests: tuple[str, ...] = ()  # sha256 of every source file: says exactly what was imported, without names
