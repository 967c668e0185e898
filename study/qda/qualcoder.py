"""Reading a QualCoder project folder (SQLite ``data.qda``), read-only.

QualCoder keeps codes as leaves under categories (``code_cat`` with ``supercatid``), so a code's path
is its chain of categories and its name. It has no document groups: the method comes from the file
attribute ``Methode`` (or the mapping). Speakers are cases named after them, linked to passages by
``case_text`` and to the ``Sprecher`` category's codes by name. Memos and owners are never read.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from .messages import ImportFailed, issue
from .model import Document, Project, Segment, Speaker

NEEDED = {
    "source": ("id", "name", "fulltext"),
    "code_name": ("cid", "name", "catid"),
    "code_cat": ("catid", "name", "supercatid"),
    "code_text": ("cid", "fid", "pos0", "pos1"),
    "attribute": ("name", "attr_type", "value", "id"),
    "cases": ("caseid", "name"),
    "case_text": ("caseid", "fid"),
}


def is_qualcoder(path: Path) -> bool:
    return path.is_dir() and (path / "data.qda").is_file()


def read_qualcoder(folder: Path, speaker_code: str = "Sprecher") -> Project:
    db = folder / "data.qda"
    label = f"{folder.name}/data.qda"
    try:
        data = db.read_bytes()
        con = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    except (OSError, sqlite3.Error) as exc:
        raise ImportFailed([issue("qualcoder_invalid", file=label, detail=str(exc)[:200])]) from None
    try:
        return _read(con, label, speaker_code, hashlib.sha256(data).hexdigest())
    except sqlite3.Error as exc:
        raise ImportFailed([issue("qualcoder_invalid", file=label, detail=str(exc)[:200])]) from None
    finally:
        con.close()


def _read(con: sqlite3.Connection, label: str, speaker_code: str, digest: str) -> Project:
    problems = []
    for table, columns in NEEDED.items():
        present = {row[1] for row in con.execute(f"PRAGMA table_info({table})")}
        missing = [c for c in columns if c not in present]
        if missing:
            problems.append(issue("qualcoder_table", file=label, table=table, columns=", ".join(missing)))
    if problems:
        raise ImportFailed(problems)
    project = Project(kind="qualcoder", files=(label,), origin="QualCoder", digests=(digest,))
    cats = {cid: (name, sup) for cid, name, sup in con.execute("SELECT catid, name, supercatid FROM code_cat")}

    def cat_path(catid) -> tuple[str, ...]:
        path: list[str] = []
        seen = set()
        while catid is not None and catid in cats and catid not in seen:  # a cycle must not loop forever
            seen.add(catid)
            name, catid = cats[catid]
            path.insert(0, str(name))
        return tuple(path)

    codes = {
        cid: (*cat_path(catid), str(name)) for cid, name, catid in con.execute("SELECT cid, name, catid FROM code_name")
    }
    texts: dict[int, str] = {}
    names: dict[int, str] = {}
    for fid, name, fulltext in con.execute("SELECT id, name, fulltext FROM source"):
        names[fid] = str(name)
        texts[fid] = fulltext or ""
        project.documents[str(name)] = Document(str(name), (), {}, f"{label}, source {fid}")
    for name, attr_type, value, owner in con.execute("SELECT name, attr_type, value, id FROM attribute"):
        if attr_type == "file" and owner in names and value not in (None, ""):
            project.documents[names[owner]].variables[str(name)] = str(value)
    case_names = {cid: str(n) for cid, n in con.execute("SELECT caseid, name FROM cases")}
    case_values: dict[int, dict[str, str]] = {}
    for name, attr_type, value, owner in con.execute("SELECT name, attr_type, value, id FROM attribute"):
        if attr_type == "case" and owner in case_names and value not in (None, ""):
            case_values.setdefault(owner, {})[str(name)] = str(value)
    speaker_names = {p[-1] for p in codes.values() if len(p) == 2 and p[0] == speaker_code}
    for caseid, fid in con.execute("SELECT DISTINCT caseid, fid FROM case_text"):
        if fid not in names or caseid not in case_names:
            continue
        doc, case = names[fid], case_names[caseid]
        if case in speaker_names:
            project.speakers[(doc, case)] = Speaker(doc, case, case_values.get(caseid, {}))
        else:
            document = project.documents[doc]
            document.variables = {**case_values.get(caseid, {}), **document.variables}
    for n, (cid, fid, pos0, pos1) in enumerate(
        con.execute("SELECT cid, fid, pos0, pos1 FROM code_text ORDER BY fid, pos0")
    ):
        where = f"code_text, Zeile {n + 1}"
        if cid not in codes:
            problems.append(issue("unknown_guid", file=label, element=where, guid=str(cid), kind="Code"))
            continue
        if fid not in names:
            problems.append(issue("unknown_guid", file=label, element=where, guid=str(fid), kind="Quelle"))
            continue
        text = texts[fid]
        if not (isinstance(pos0, int) and isinstance(pos1, int) and 0 <= pos0 <= pos1 <= len(text)):
            problems.append(
                issue("selection_beyond_text", file=label, element=where, start=pos0, end=pos1, length=len(text))
            )
            continue
        project.segments.append(Segment(names[fid], codes[cid], pos0, pos1, None, text[pos0:pos1].strip()))
    if problems:
        raise ImportFailed(problems)
    return project
