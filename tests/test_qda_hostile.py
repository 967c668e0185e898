"""Hostile and broken QDA sources: each gets a clear German message naming the file (and element), exit
code 1, no traceback, and nothing written."""

from __future__ import annotations

import io
import zipfile

import pytest

from factory.qda import guid, qde_xml, sample_project, write_maxqda, write_qdpx
from study.__main__ import main
from study.qda import refi

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"/>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>
"""
EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE Project SYSTEM "http://example.org/evil.dtd">
<Project xmlns="urn:QDA-XML:project:1.0"/>
"""


def run_cli(args, capsys) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def import_qdpx(path, tmp_path, capsys) -> str:
    out = tmp_path / "out"
    code, text = run_cli(["import", str(path), str(out)], capsys)
    assert code == 1
    assert "Traceback" not in text
    assert text.startswith("Import fehlgeschlagen")
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")], "no temporary folder left"
    return text


@pytest.mark.parametrize(
    "xml, expected",
    [
        (BILLION_LAUGHS, "enthält eine DTD oder Entitäten (DTDForbidden)"),
        (EXTERNAL_ENTITY, "enthält eine DTD oder Entitäten (DTDForbidden)"),
        (EXTERNAL_DTD, "enthält eine DTD oder Entitäten (DTDForbidden)"),
        ("<Project", "Die XML-Datei ist fehlerhaft: unclosed token: line 1, column 0"),
        ('<Project xmlns="urn:other"/>', "Das Wurzelelement ist „{urn:other}Project“"),
    ],
    ids=["billion-laughs", "external-entity", "external-dtd", "malformed", "namespace"],
)
def test_hostile_or_broken_xml_is_refused(tmp_path, capsys, xml, expected):
    text = import_qdpx(write_qdpx(tmp_path / "p.qdpx", xml), tmp_path, capsys)
    assert "Datei „p.qdpx/project.qde“" in text
    assert expected in text


@pytest.mark.parametrize("member", ["../../evil.txt", "/etc/cron.d/evil", "sources/../../x.txt"])
def test_zip_slip_paths_are_refused(tmp_path, capsys, member):
    path = write_qdpx(tmp_path / "p.qdpx", qde_xml(sample_project()), {member: b"x"})
    text = import_qdpx(path, tmp_path, capsys)
    assert f"Datei „p.qdpx“: Das Archiv enthält einen unsicheren Pfad „{member}“" in text


def test_a_project_larger_than_the_limit_is_refused_before_parsing(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(refi, "MAX_UNCOMPRESSED_BYTES", 10_000)
    path = write_qdpx(tmp_path / "p.qdpx", qde_xml(sample_project()), {"sources/big.txt": b"0" * 50_000})
    text = import_qdpx(path, tmp_path, capsys)
    assert "Datei „p.qdpx“: Das Projekt ist entpackt" in text and "erlaubt sind höchstens 9.8 KB" in text


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_a_truncated_qdpx_is_reported(tmp_path, capsys, cut):
    whole = write_qdpx(tmp_path / "whole.qdpx", qde_xml(sample_project())).read_bytes()
    path = tmp_path / "p.qdpx"
    path.write_bytes(whole[: int(len(whole) * cut)])
    text = import_qdpx(path, tmp_path, capsys)
    assert "Datei „p.qdpx“: Die Datei ist kein vollständiges REFI-QDA-Projekt" in text


def test_not_a_zip_and_no_project_file(tmp_path, capsys):
    path = tmp_path / "p.qdpx"
    path.write_bytes(b"not a zip at all")
    assert "kein vollständiges REFI-QDA-Projekt (.qdpx ist ein ZIP-Archiv): File is not a zip file" in import_qdpx(
        path, tmp_path, capsys
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("other.txt", "x")
    path.write_bytes(buffer.getvalue())
    assert "Im Archiv fehlt „project.qde“." in import_qdpx(path, tmp_path, capsys)


def test_positions_beyond_the_text_name_the_selection(tmp_path, capsys):
    xml = qde_xml(sample_project())
    sel = guid("sel", "Interview Bernd Meier", "0")
    start = xml.index(f'guid="{sel}"')
    end_attr = xml.index('endPosition="', start)
    value_end = xml.index('"', end_attr + len('endPosition="'))
    xml = xml[:end_attr] + 'endPosition="99999' + xml[value_end:]
    text = import_qdpx(write_qdpx(tmp_path / "p.qdpx", xml), tmp_path, capsys)
    assert f"Element PlainTextSelection (GUID {sel}): Die Auswahl 0–99999 liegt außerhalb des Textes" in text
    assert "(Länge 76 Zeichen)." in text


def test_a_code_reference_to_an_unknown_guid(tmp_path, capsys):
    xml = qde_xml(sample_project())
    code = guid("code", "Kooperation", "Beratung")
    xml = xml.replace(f'<CodeRef targetGUID="{code}"/>', '<CodeRef targetGUID="DEAD-BEEF"/>')
    text = import_qdpx(write_qdpx(tmp_path / "p.qdpx", xml), tmp_path, capsys)
    assert "Verweis auf die unbekannte GUID „DEAD-BEEF“ (Code)." in text
    assert text.count("DEAD-BEEF") == 1  # one coding refers to it, one message


def test_a_missing_attribute_and_a_bad_position_are_listed_together(tmp_path, capsys):
    xml = qde_xml(sample_project())
    xml = xml.replace('startPosition="0"', 'startPosition="null"', 1)
    xml = xml.replace("<Code guid=", "<Code nix=", 1)
    text = import_qdpx(write_qdpx(tmp_path / "p.qdpx", xml), tmp_path, capsys)
    assert "Dem Element fehlt das Attribut „guid“." in text
    assert "„null“ ist keine Position" in text


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"PK\x03\x04 broken", "Die Excel-Datei lässt sich nicht lesen"),
        (None, "ist weder ein Export „Codierte Segmente“"),
    ],
)
def test_broken_or_unknown_workbooks(tmp_path, capsys, content, expected):
    files = write_maxqda(sample_project(), tmp_path / "mx")
    if content is None:
        from openpyxl import Workbook

        wb = Workbook()
        wb.active.append(["Spalte A", "Spalte B"])
        wb.save(files[1])
    else:
        files[1].write_bytes(content)
    code, text = run_cli(["import", *map(str, files), str(tmp_path / "out")], capsys)
    assert code == 1 and "Traceback" not in text
    assert "Datei „Dokumentvariablen.xlsx“" in text and expected in text


def test_a_missing_source_and_an_unknown_kind(tmp_path, capsys):
    code, text = run_cli(["import", str(tmp_path / "fehlt.qdpx"), str(tmp_path / "out")], capsys)
    assert code == 1 and "Die Quelle „" in text and "fehlt.qdpx“ wurde nicht gefunden." in text
    other = tmp_path / "x.txt"
    other.write_text("x")
    code, text = run_cli(["import", str(other), str(tmp_path / "out"), "--lang", "en"], capsys)
    assert code == 1 and "is neither a MAXQDA export (.xlsx), nor a REFI-QDA project (.qdpx)" in text


def test_an_unreadable_mapping(tmp_path, capsys):
    files = write_maxqda(sample_project(), tmp_path / "mx")
    bad = tmp_path / "m.json"
    bad.write_text('{"rating_bands": [1, 2], "gibtsnicht": 1, "codes": {"A > B": {"category": "x"}}}')
    code, text = run_cli(["import", *map(str, files), str(tmp_path / "out"), "--mapping", str(bad)], capsys)
    assert code == 1 and "Traceback" not in text
    assert "„gibtsnicht“ einen ungültigen Wert: unbekannter Schlüssel" in text
    assert "„rating_bands“ einen ungültigen Wert" in text
    assert "„codes.A > B.category“ einen ungültigen Wert: „x“ ist keine Kategorie" in text
    bad.write_text("{kein json")
    code, text = run_cli(["import", *map(str, files), str(tmp_path / "out"), "--mapping", str(bad)], capsys)
    assert code == 1 and "Datei „m.json“: Die Zuordnungsdatei lässt sich nicht lesen" in text


def test_a_deeply_nested_codebook_does_not_overflow(tmp_path, capsys):
    depth = 5000
    codes = "".join(f'<Code guid="G{i}" name="c{i}">' for i in range(depth)) + "</Code>" * depth
    xml = f'<Project xmlns="urn:QDA-XML:project:1.0"><CodeBook><Codes>{codes}</Codes></CodeBook></Project>'
    out = tmp_path / "out"
    code, text = run_cli(["import", str(write_qdpx(tmp_path / "p.qdpx", xml)), str(out)], capsys)
    assert code == 1 and "Traceback" not in text and "unerwartet" not in text
    assert "Aus dem Projekt entsteht keine einzige Aussage (0 Dokumente, 0 codierte Segmente)" in text
    assert not out.exists()


def test_many_errors_are_capped_per_kind(tmp_path, capsys):
    project = sample_project()
    project.codings = project.codings * 3
    files = write_maxqda(project, tmp_path / "mx", version=2018)
    from openpyxl import load_workbook

    wb = load_workbook(files[0])
    for row in range(2, wb.active.max_row + 1):
        wb.active.cell(row=row, column=4, value="x")
    wb.save(files[0])
    code, text = run_cli(["import", *map(str, files), str(tmp_path / "out")], capsys)
    assert code == 1
    assert text.count("ist keine Position") == 20
    assert f"- … und {len(project.codings) - 20} weitere dieser Art" in text


def test_mutated_projects_fail_only_with_import_errors(tmp_path):
    """Random damage to a valid project.qde ends in a package or in ImportFailed, never in another exception."""
    import random

    from study.qda.importer import run_import
    from study.qda.messages import ImportFailed

    rng = random.Random(5)
    xml = qde_xml(sample_project())
    pieces = ['"', "<", ">", "&", "-1", "999999", ' guid="x"', "</Code>", '<Code name="a" guid="b">']
    for i in range(40):
        chars = list(xml)
        for _ in range(rng.randint(1, 5)):
            pos = rng.randrange(len(chars))
            op = rng.random()
            if op < 0.4:
                del chars[pos : pos + rng.randint(1, 30)]
            elif op < 0.7:
                chars.insert(pos, rng.choice(pieces))
            else:
                chars[pos] = rng.choice('abc<>"=&/ 0123')
        try:
            run_import([write_qdpx(tmp_path / f"f{i}.qdpx", "".join(chars))], None)
        except ImportFailed as exc:
            assert exc.issues and all(issue.text("de") for issue in exc.issues)
