"""A QualCoder project folder (SQLite data.qda) built in code gives the same package as the MAXQDA export."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from factory.qda import sample_project, statement_rows, with_rating_codes, write_maxqda
from study.qda.importer import run_import
from study.qda.messages import ImportFailed

SCHEMA = """
CREATE TABLE source (id integer primary key, name text, fulltext text, memo text, owner text, date text);
CREATE TABLE code_cat (catid integer primary key, name text, owner text, date text, memo text, supercatid integer);
CREATE TABLE code_name (cid integer primary key, name text, memo text, catid integer, owner text, date text, color text);
CREATE TABLE code_text (ctid integer primary key, cid integer, fid integer, seltext text, pos0 integer, pos1 integer,
                        owner text, date text, memo text, avid integer, important integer);
CREATE TABLE attribute_type (name text primary key, date text, owner text, memo text, caseOrFile text, valuetype text);
CREATE TABLE attribute (attrid integer primary key, name text, attr_type text, value text, id integer, date text, owner text);
CREATE TABLE cases (caseid integer primary key, name text, memo text, owner text, date text);
CREATE TABLE case_text (id integer primary key, caseid integer, fid integer, pos0 integer, pos1 integer, owner text,
                        date text, memo text);
"""
METHOD = {"Telefoninterviews": "Interview", "Vor-Ort-Termine": "Vor-Ort-Termin", "Fokusgruppen": "Fokusgruppe"}


def write_qualcoder(project, folder: Path) -> Path:
    folder.mkdir(parents=True)
    con = sqlite3.connect(folder / "data.qda")
    con.executescript(SCHEMA)
    cats: dict[tuple[str, ...], int] = {}
    codes: dict[tuple[str, ...], int] = {}
    for path in sorted({c.path for c in project.codings} | {("Sprecher", s) for _, s, _ in project.speakers}):
        parent = None
        for depth in range(1, len(path)):
            prefix = path[:depth]
            if prefix not in cats:
                cats[prefix] = len(cats) + 1
                con.execute(
                    "INSERT INTO code_cat VALUES (?, ?, 'Ulrike Koch', '', 'Memo Frau Yilmaz', ?)",
                    (cats[prefix], prefix[-1], parent),
                )
            parent = cats[prefix]
        codes[path] = len(codes) + 1
        con.execute(
            "INSERT INTO code_name VALUES (?, ?, 'Memo Frau Yilmaz', ?, 'Ulrike Koch', '', '')",
            (codes[path], path[-1], parent),
        )
    ids = {}
    for fid, (name, group, variables) in enumerate(project.documents, start=1):
        ids[name] = fid
        paragraphs = project.paragraphs[name]
        con.execute(
            "INSERT INTO source VALUES (?, ?, ?, 'vertraulich Hr. Xaver', 'Ulrike Koch', '')",
            (fid, name, "\n".join(paragraphs)),
        )
        for key, value in {**variables, "Methode": METHOD[group]}.items():
            con.execute(
                "INSERT INTO attribute (name, attr_type, value, id) VALUES (?, 'file', ?, ?)", (key, str(value), fid)
            )
        offsets, pos = [], 0
        for para in paragraphs:
            offsets.append((pos, pos + len(para)))
            pos += len(para) + 1
        for c in (c for c in project.codings if c.document == name):
            start, end = offsets[c.first - 1][0], offsets[c.last - 1][1]
            con.execute(
                "INSERT INTO code_text (cid, fid, seltext, pos0, pos1, owner, memo) VALUES (?, ?, '', ?, ?, 'Ulrike Koch', 'x')",
                (codes[c.path], fid, start, end),
            )
    for caseid, (doc, speaker, variables) in enumerate(project.speakers, start=1):
        con.execute("INSERT INTO cases VALUES (?, ?, '', '', '')", (caseid, speaker))
        con.execute("INSERT INTO case_text (caseid, fid, pos0, pos1) VALUES (?, ?, 0, 0)", (caseid, ids[doc]))
        for key, value in variables.items():
            con.execute(
                "INSERT INTO attribute (name, attr_type, value, id) VALUES (?, 'case', ?, ?)", (key, value, caseid)
            )
    con.commit()
    con.close()
    return folder


def test_a_qualcoder_project_gives_the_same_package_as_maxqda(tmp_path):
    project = with_rating_codes(sample_project())
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"rating_code": "Bewertung"}), encoding="utf-8")
    from_maxqda = run_import(write_maxqda(project, tmp_path / "mx"), None, mapping).build.tables
    result = run_import([write_qualcoder(project, tmp_path / "qc")], tmp_path / "out", mapping)
    for name in from_maxqda:
        pd.testing.assert_frame_equal(from_maxqda[name], result.build.tables[name], obj=name)
    assert result.build.stats.kind == "qualcoder" and len(statement_rows(result.build.tables)) == 8
    for path in (tmp_path / "out").iterdir():
        data = path.read_bytes()
        assert b"Ulrike" not in data and b"Yilmaz" not in data and b"Xaver" not in data and b"Dora" not in data


def test_a_broken_qualcoder_database_is_reported(tmp_path):
    folder = tmp_path / "qc"
    folder.mkdir()
    con = sqlite3.connect(folder / "data.qda")
    con.execute("CREATE TABLE source (id integer, name text)")
    con.commit()
    con.close()
    with pytest.raises(ImportFailed) as exc:
        run_import([folder], None)
    text = exc.value.format()
    assert "Datei „qc/data.qda“: Der QualCoder-Datenbank fehlt in der Tabelle „source“: fulltext." in text
    assert "in der Tabelle „code_text“: cid, fid, pos0, pos1." in text
    (folder / "data.qda").write_bytes(b"garbage" * 100)
    with pytest.raises(ImportFailed) as exc:
        run_import([folder], None)
    assert "Die QualCoder-Datenbank lässt sich nicht lesen: file is not a database." in exc.value.format()
