"""The QDA import end to end: MAXQDA workbooks (German and English, two versions) and a .qdpx built in
code are imported and their tables compared row by row; the same project in both forms gives the same package."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from components.exports import template_xlsx
from factory.qda import (
    EXPECTED_STATEMENTS,
    SECRET_NAMES,
    Coding,
    qde_xml,
    sample_project,
    statement_rows,
    with_rating_codes,
    write_maxqda,
    write_qdpx,
)
from study.__main__ import main
from study.package import load_package, validate_path
from study.qda.importer import run_import
from study.qda.messages import ImportFailed


@pytest.fixture
def project():
    return sample_project()


@pytest.mark.parametrize("lang, version", [("de", 2018), ("de", 2022), ("en", 2018), ("en", 2022)])
def test_maxqda_workbooks_give_the_expected_tables(tmp_path, project, lang, version):
    files = write_maxqda(project, tmp_path / "export", lang=lang, version=version)
    result = run_import(files, tmp_path / "pkg")
    t = result.build.tables
    assert statement_rows(t) == EXPECTED_STATEMENTS
    assert t["municipalities"].to_dict("records") == [
        {"municipality_id": "beispieldorf", "name": "Beispieldorf", "state": "DE-BY", "size_class": "landgemeinde",
         "population": "", "lat": "", "lon": "", "fairtrade_town": "", "council_resolution": "false"},
        {"municipality_id": "musterstadt", "name": "Musterstadt", "state": "DE-BW", "size_class": "grossstadt",
         "population": "120000", "lat": "", "lon": "", "fairtrade_town": "true", "council_resolution": "true"},
    ]  # fmt: skip
    assert t["actor_types"][["actor_type", "group", "label_de"]].values.tolist() == [
        ["beschaffungsstelle", "verwaltung", "Beschaffungsstelle"],
        ["fairer_laden", "zivilgesellschaft", "Fairer Laden"],
        ["kirchengemeinde_test", "kirche", "Kirchengemeinde Test"],
    ]
    assert t["codebook"][["category", "research_question", "label_de"]].values.tolist() == [
        ["eignung", "2", "Hilfsbereitschaft"],
        ["herausforderung", "7", "Aufwand"],
        ["herausforderung", "7", "Zeitmangel"],
        ["kooperation", "1", "Beratung"],
        ["kooperation", "1", "Gemeinsame Beschaffung"],
        ["potenzial", "7", "Mehr fair einkaufen"],
        ["unterstuetzung", "4", "Beratung"],
    ]
    assert sorted(t["actors"][["municipality_id", "actor_type"]].values.tolist()) == [
        ["beispieldorf", "beschaffungsstelle"],
        ["beispieldorf", "fairer_laden"],
        ["beispieldorf", "kirchengemeinde_test"],
        ["musterstadt", "beschaffungsstelle"],
        ["musterstadt", "fairer_laden"],
    ]
    assert t["findings"].empty
    stats = result.build.stats
    assert (stats.documents, stats.speakers, stats.segments, stats.statements) == (4, 2, 21, 8)
    assert dict(stats.unmapped) == {"Organisatorisches > Begrüßung": 1}
    assert dict(stats.without_speaker) == {"FG Beispieldorf Protokoll": 1}
    assert stats.weight_zero == 2 and stats.quotes == 3
    assert dict(stats.overlaps) == {("partner_alone", "Beschaffungsstelle"): 1}


def test_the_folder_and_the_two_paths_give_the_same_package(tmp_path, project):
    files = write_maxqda(project, tmp_path / "export")
    by_folder = run_import([tmp_path / "export"], None).build.tables
    by_paths = run_import(files[:2] + files[2:], None).build.tables
    for name in by_folder:
        pd.testing.assert_frame_equal(by_folder[name], by_paths[name])


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_same_project_as_maxqda_and_as_qdpx_gives_the_same_package(tmp_path, project, lang):
    project = with_rating_codes(project)
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"rating_code": "Bewertung"}), encoding="utf-8")
    from_maxqda = run_import(write_maxqda(project, tmp_path / "mx", lang=lang), tmp_path / "a", mapping).build.tables
    from_qdpx = run_import([write_qdpx(tmp_path / "p.qdpx", qde_xml(project))], tmp_path / "b", mapping).build.tables
    assert statement_rows(from_maxqda) == EXPECTED_STATEMENTS
    for name in from_maxqda:
        pd.testing.assert_frame_equal(from_maxqda[name], from_qdpx[name], obj=name)
    for name in ("municipalities.csv", "actor_types.csv", "actors.csv", "codebook.csv", "statements.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_a_qdpx_without_a_rating_code_has_no_ratings(tmp_path, project):
    tables = run_import([write_qdpx(tmp_path / "p.qdpx", qde_xml(project))], None).build.tables
    expected = [(*row[:7], "", row[8]) for row in EXPECTED_STATEMENTS]
    assert statement_rows(tables) == sorted(expected)


def test_qdpx_with_text_in_a_source_file_and_variables_only_on_cases(tmp_path, project):
    xml = qde_xml(project, variables_on_case=tuple(name for name, _, _ in project.documents))
    name = "Interview Anna Schmidt"
    text = "\n".join(project.paragraphs[name])
    start = xml.index("<PlainTextContent>", xml.index(f'name="{name}"'))
    end = xml.index("</PlainTextContent>", start) + len("</PlainTextContent>")
    xml = xml[:start] + xml[end:]
    xml = xml.replace(f'name="{name}"', f'name="{name}" plainTextPath="internal://anna.txt"', 1)
    qdpx = write_qdpx(tmp_path / "p.qdpx", xml, {"sources/anna.txt": text.encode("utf-8")})
    tables = run_import([qdpx], None).build.tables
    expected = [(*row[:7], "", row[8]) for row in EXPECTED_STATEMENTS]
    assert statement_rows(tables) == sorted(expected)


@pytest.mark.parametrize(
    "weight, rating",
    [
        (0, ""),
        (1, "1"),
        (20, "1"),
        (21, "2"),
        (40, "2"),
        (41, "3"),
        (60, "3"),
        (61, "4"),
        (80, "4"),
        (81, "5"),
        (100, "5"),
    ],
)
def test_maxqda_weights_map_to_ratings_in_bands_of_twenty(tmp_path, project, weight, rating):
    project.codings[0] = dataclasses.replace(project.codings[0], weight=weight)
    tables = run_import(write_maxqda(project, tmp_path / "mx"), None).build.tables
    row = next(r for r in statement_rows(tables) if r[8].startswith("Wir kaufen"))
    assert row[7] == rating


def test_the_package_passes_the_validator_and_the_cli(tmp_path, project, capsys):
    files = write_maxqda(project, tmp_path / "mx")
    out = tmp_path / "paket"
    assert main(["import", *map(str, files), str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Importbericht: MAXQDA-Export (Excel)" in printed
    assert "Dokumente gelesen: 4" in printed
    assert "Organisatorisches > Begrüßung | 1" in printed
    assert "Die Seite „Erkenntnisse“ bleibt leer" in printed
    package, report = validate_path(out, use_cache=False)
    assert package is not None and report.ok, report.format()
    assert not package.synthetic
    meta = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert meta["synthetic"] is False
    assert meta["x-import"]["format"] == "maxqda" and meta["x-import"]["imported"].endswith("Z")
    assert len(meta["x-import"]["source_sha256"]) == 3
    assert main(["validate", str(out)]) == 0
    assert len(load_package(out).statements) == len(EXPECTED_STATEMENTS)
    # The report workbook lies beside the package (it names documents), one filterable sheet per section.
    wb = load_workbook(tmp_path / "paket-importbericht.xlsx")
    assert wb.sheetnames[0] == "Übersicht"
    unmapped = wb["Nicht zugeordnet"]
    assert [c.value for c in unmapped[2]] == ["Organisatorisches > Begrüßung", 1]
    assert unmapped.auto_filter.ref == "A1:B2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mx", "paket", "paket-importbericht.xlsx"]


def test_the_report_in_english(tmp_path, project, capsys):
    q = write_qdpx(tmp_path / "p.qdpx", qde_xml(project))
    assert main(["import", str(q), str(tmp_path / "out"), "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert "Import report: REFI-QDA project (.qdpx)" in printed
    assert "Documents read: 4" in printed
    assert "Kooperation | Telefoninterview" not in printed and "Cooperation | Telephone interview | 2" in printed
    assert (tmp_path / "out-import-report.xlsx").exists()


@pytest.mark.parametrize("form", ["maxqda", "qdpx"])
def test_no_name_comment_or_user_of_the_project_reaches_the_package(tmp_path, project, form):
    if form == "maxqda":
        source = write_maxqda(project, tmp_path / "mx")
        cells = [str(v) for p in source for row in load_workbook(p).active.iter_rows(values_only=True) for v in row]
        raw = "\n".join(cells)
    else:
        source = [write_qdpx(tmp_path / "p.qdpx", qde_xml(project))]
        with zipfile.ZipFile(source[0]) as zf:
            raw = zf.read("project.qde").decode("utf-8")
    # The source does hold them (else the test would prove nothing) ...
    assert [n for n in SECRET_NAMES if n not in raw] == ([] if form == "qdpx" else ["Memo Frau Yilmaz"])
    out = tmp_path / "out"
    run_import(source, out)
    load_package(out)  # also writes the loader's cache into the package folder
    # ... and no written file does.
    written = [p for p in out.rglob("*") if p.is_file()]
    assert len(written) >= 7
    for path in written:
        data = path.read_bytes()
        for name in SECRET_NAMES:
            for variant in {name, name.lower(), name.upper()}:
                assert variant.encode("utf-8") not in data, f"{variant!r} in {path.name}"
        assert b"Protokoll" not in data and b"Schmidt" not in data


def test_actor_ids_are_stable_pseudonyms_and_follow_the_key(tmp_path, project):
    files = write_maxqda(project, tmp_path / "mx")
    first = run_import(files, None).build.tables["actors"]
    again = run_import(files, None).build.tables["actors"]
    assert first["actor_id"].tolist() == again["actor_id"].tolist()
    assert all(len(a) == 13 and a.startswith("a") for a in first["actor_id"])
    keyed = tmp_path / "key.json"
    keyed.write_text(json.dumps({"pseudonym_key": "geheim"}), encoding="utf-8")
    other = run_import(files, None, keyed).build.tables["actors"]
    assert set(other["actor_id"]).isdisjoint(first["actor_id"])


def test_mapping_pseudonymises_municipalities_and_maps_a_code(tmp_path, project):
    mapping = tmp_path / "m.json"
    mapping.write_text(
        json.dumps(
            {
                "pseudonymise_municipalities": True,
                "codes": {
                    "Organisatorisches > Begrüßung": {
                        "category": "prozess",
                        "code": "pro_start",
                        "research_question": 5,
                    }
                },
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_import(write_maxqda(project, tmp_path / "mx"), out, mapping)
    t = result.build.tables
    assert t["municipalities"][["municipality_id", "name"]].values.tolist() == [
        ["k001", "Kommune A"],
        ["k002", "Kommune B"],
    ]
    assert t["codebook"].set_index("code").loc["pro_start", ["category", "research_question"]].tolist() == [
        "prozess",
        "5",
    ]
    assert not result.build.stats.unmapped
    for path in out.iterdir():
        assert b"Musterstadt" not in path.read_bytes() and b"Beispieldorf" not in path.read_bytes()


def test_write_mapping_writes_what_it_found_and_can_be_used_again(tmp_path, project, capsys):
    folder = tmp_path / "mx"
    write_maxqda(project, folder)
    target = tmp_path / "zuordnung.json"
    assert main(["import", str(folder), "--write-mapping", str(target)]) == 0
    assert "Zuordnung geschrieben" in capsys.readouterr().out
    mapping = json.loads(target.read_text(encoding="utf-8"))
    assert len(mapping["pseudonym_key"]) == 32
    assert mapping["codes"]["Kooperation > Beratung"] == {"category": "kooperation"}
    assert mapping["document_groups"] == {
        "Fokusgruppen": "fokusgruppe",
        "Telefoninterviews": "interview",
        "Vor-Ort-Termine": "vor_ort",
    }
    assert mapping["_gefunden"][
        'Codes ohne Kategorie (in codes eintragen, z. B. {"category": "kooperation"}, oder null)'
    ] == ["Organisatorisches > Begrüßung"]
    tables = run_import([folder], tmp_path / "out", target).build.tables
    assert statement_rows(tables) == EXPECTED_STATEMENTS


def fill_findings(path: Path, rows: list[list]) -> Path:
    wb = load_workbook(io.BytesIO(template_xlsx("de")))
    for row in rows:
        wb["findings"].append(row)
    wb.save(path)
    return path


def test_findings_come_from_the_template_sheet(tmp_path, project):
    findings = fill_findings(
        tmp_path / "vorlage.xlsx",
        [["f1", 1, "Titel", "Text", "", "", ""], ["f2", 7, "Zwei", "Mehr", "Two", "More", ""]],
    )
    out = tmp_path / "out"
    run_import(write_maxqda(project, tmp_path / "mx"), out, findings_path=findings)
    package = load_package(out)
    assert package.findings[["finding_id", "research_question", "title_de", "title_en"]].values.tolist() == [
        ["f1", 1, "Titel", "Titel"],
        ["f2", 7, "Zwei", "Two"],
    ]


def test_invalid_findings_are_reported_with_their_row(tmp_path, project):
    findings = fill_findings(tmp_path / "vorlage.xlsx", [["f1", 9, "Titel", "Text"]])
    with pytest.raises(ImportFailed) as exc:
        run_import(write_maxqda(project, tmp_path / "mx"), tmp_path / "out", findings_path=findings)
    assert "Zeile 2, Spalte „research_question“: 9 ist größer als das erlaubte Maximum 7." in exc.value.format()
    assert not (tmp_path / "out").exists()


def test_blocking_errors_are_listed_all_at_once_and_nothing_is_written(tmp_path, project, capsys):
    name, group, variables = project.documents[0]
    project.documents[0] = (name, group, {k: v for k, v in variables.items() if k != "Kommune"})
    name, group, variables = project.documents[1]
    project.documents[1] = (name, group, {**variables, "Akteurstyp": "Ganz neu", "Akteursgruppe": ""})
    mapping = tmp_path / "strict.json"
    mapping.write_text(json.dumps({"strict": True}), encoding="utf-8")
    files = write_maxqda(project, tmp_path / "mx")
    assert main(["import", *map(str, files), str(tmp_path / "out"), "--mapping", str(mapping)]) == 1
    err = capsys.readouterr().err
    assert "Import fehlgeschlagen: 3 Fehler" in err
    assert "Dokument „Interview Anna Schmidt“: keine Kommune (Variable Kommune/Municipality)." in err
    assert (
        "Dokument „Interview Bernd Meier“: Der Akteurstyp „Ganz neu“ ist unbekannt und hat keine Akteursgruppe" in err
    )
    assert "Der Code „Organisatorisches > Begrüßung“ (1 Segmente) lässt sich keiner Kategorie zuordnen" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mx", "strict.json"]


def test_a_failed_reimport_leaves_the_previous_package(tmp_path, project):
    out = tmp_path / "out"
    files = write_maxqda(project, tmp_path / "mx")
    run_import(files, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    project.documents[0] = (project.documents[0][0], "Sonstiges", project.documents[0][2])
    with pytest.raises(ImportFailed) as exc:
        run_import(write_maxqda(project, tmp_path / "mx"), out)
    assert "Die Methode ist nicht erkennbar (Dokumentgruppe/Set „Sonstiges“" in exc.value.format()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mx", "out"]


def test_an_outdir_that_is_no_package_is_not_overwritten(tmp_path, project):
    out = tmp_path / "out"
    out.mkdir()
    (out / "wichtig.txt").write_text("x")
    with pytest.raises(ImportFailed) as exc:
        run_import(write_maxqda(project, tmp_path / "mx"), out)
    assert "existiert und ist kein Datenpaket" in exc.value.format()
    assert [p.name for p in out.iterdir()] == ["wichtig.txt"]


@pytest.mark.parametrize(
    "drop, message",
    [
        ("Anfang", "Die Spalte „Anfang“ fehlt (auch gesucht als: Beginning, Beginn, Start, Position Anfang)."),
        ("Dokumentname", "Die Spalte „Dokumentname“ fehlt"),
    ],
)
def test_a_missing_maxqda_column_is_named(tmp_path, project, drop, message):
    files = write_maxqda(project, tmp_path / "mx", version=2018)
    wb = load_workbook(files[0])
    ws = wb.active
    col = [c.value for c in ws[1]].index(drop) + 1
    ws.delete_cols(col)
    wb.save(files[0])
    with pytest.raises(ImportFailed) as exc:
        run_import(files, None)
    text = exc.value.format()
    assert message in text
    if drop == "Anfang":
        assert "Datei „Codierte Segmente.xlsx“, Zeile 1" in text


def test_bad_cells_are_named_by_row_and_column(tmp_path, project):
    files = write_maxqda(project, tmp_path / "mx", version=2018)
    wb = load_workbook(files[0])
    ws = wb.active
    ws["D3"] = "drei"  # Anfang
    ws["F4"] = 250  # Gewicht
    wb.save(files[0])
    with pytest.raises(ImportFailed) as exc:
        run_import(files, None)
    text = exc.value.format()
    assert "Datei „Codierte Segmente.xlsx“, Zeile 3, Spalte „Anfang“: „drei“ ist keine Position" in text
    assert "Datei „Codierte Segmente.xlsx“, Zeile 4, Spalte „Gewicht“: „250“ ist kein Gewicht" in text


def test_a_code_description_can_set_the_research_question_but_stays_out(tmp_path, project):
    xml = qde_xml(project).replace(
        'name="Aufwand" isCodable="true">',
        'name="Aufwand" isCodable="true"><Description>Gehört zu Forschungsfrage 5</Description>',
    )
    out = tmp_path / "out"
    tables = run_import([write_qdpx(tmp_path / "p.qdpx", xml)], out).build.tables
    codebook = tables["codebook"].set_index("label_de")
    assert codebook.loc["Aufwand", "research_question"] == "5"
    assert codebook.loc["Zeitmangel", "research_question"] == "7"
    assert all(b"Forschungsfrage 5" not in p.read_bytes() for p in out.iterdir())


def test_partner_and_status_codes_that_give_nothing_are_counted(tmp_path, project):
    project.codings.append(Coding("Interview Bernd Meier", 2, 2, ("Partner", "Unbekannter Typ")))
    project.codings.append(Coding("Interview Bernd Meier", 2, 2, ("Status", "vielleicht")))
    tables = run_import(write_maxqda(project, tmp_path / "mx"), None)
    overlaps = dict(tables.build.stats.overlaps)
    assert overlaps[("partner_unknown", "Unbekannter Typ")] == 1
    assert overlaps[("status_unknown", "vielleicht")] == 1
    row = next(r for r in statement_rows(tables.build.tables) if r[2] == "Zeitmangel")
    assert row[5:7] == ("", "")


def test_the_template_and_the_readme_point_to_the_import():
    from study.template import IMPORT_SECTION, template_notes

    assert f"## {IMPORT_SECTION}" in (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for lang in ("de", "en"):
        notes = template_notes(lang)
        assert notes.iloc[:, 2].str.contains(IMPORT_SECTION, regex=False).sum() == 1
        assert notes.iloc[:, 2].str.contains("--findings", regex=False).sum() == 1


def test_municipality_values_are_checked_and_must_agree(tmp_path, project):
    name, group, variables = project.documents[0]
    project.documents[0] = (name, group, {**variables, "Bundesland": "Atlantis"})
    name, group, variables = project.documents[1]
    project.documents[1] = (name, group, {**variables, "Größenklasse": "Mittelstadt"})
    project.documents.append(("Leitfaden ohne Codes", "Telefoninterviews", {}))
    with pytest.raises(ImportFailed) as exc:
        run_import(write_maxqda(project, tmp_path / "mx"), None)
    text = exc.value.format()
    assert "Import fehlgeschlagen: 2 Fehler" in text, text
    assert "Kommune „Musterstadt“ (Interview Anna Schmidt): Bundesland „Atlantis“ ist ungültig." in text
    assert (
        "Kommune „Musterstadt“: Größenklasse ist widersprüchlich („Großstadt“ in „Interview Anna Schmidt“, "
        "„Mittelstadt“ in „Interview Bernd Meier“)." in text
    )
    assert "Leitfaden" not in text, "an uncoded document does not block the import"


def test_a_qdpx_without_sets_takes_the_method_from_a_variable(tmp_path, project):
    methods = {"Telefoninterviews": "Interview", "Vor-Ort-Termine": "Vor-Ort-Termin", "Fokusgruppen": "fokusgruppe"}
    project.documents = [(n, g, {**v, "Methode": methods[g]}) for n, g, v in project.documents]
    xml = qde_xml(project)
    xml = xml[: xml.index("<Sets>")] + xml[xml.index("</Sets>") + len("</Sets>") :]
    tables = run_import([write_qdpx(tmp_path / "p.qdpx", xml)], None).build.tables
    assert statement_rows(tables) == sorted((*row[:7], "", row[8]) for row in EXPECTED_STATEMENTS)


def test_documents_without_variables_are_listed_in_the_report(tmp_path, project):
    project.documents.append(("Leitfaden", "Telefoninterviews", {"Kommune": "Musterstadt"}))
    stats = run_import(write_maxqda(project, tmp_path / "mx"), None).build.stats
    assert stats.missing_variables == [
        ("Leitfaden", "Bundesland/State, Größenklasse/Size class, Akteurstyp/Actor type")
    ]


def test_the_report_may_not_be_written_into_the_package(tmp_path, project, capsys):
    files = write_maxqda(project, tmp_path / "mx")
    out = tmp_path / "out"
    assert main(["import", *map(str, files), str(out), "--report", str(out / "bericht.xlsx")]) == 1
    assert "läge im Paket" in capsys.readouterr().err
    assert not out.exists()
    assert main(["import", *map(str, files), str(out), "--report", str(tmp_path / "bericht.xlsx")]) == 0
    assert (tmp_path / "bericht.xlsx").exists() and not (out / "bericht.xlsx").exists()


def test_a_segment_on_a_category_itself_can_be_mapped(tmp_path, project):
    project.codings.append(Coding("Interview Bernd Meier", 2, 2, ("Herausforderungen",)))
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"codes": {"Herausforderungen": {"category": "herausforderung"}}}), encoding="utf-8")
    tables = run_import(write_maxqda(project, tmp_path / "mx"), tmp_path / "out", mapping).build.tables
    assert ["hera_herausforderungen", "Herausforderungen"] in tables["codebook"][["code", "label_de"]].values.tolist()
    without = run_import(write_maxqda(project, tmp_path / "mx2"), None).build.stats.unmapped
    assert without["Herausforderungen"] == 1


@pytest.mark.parametrize(
    "group, method",
    [
        ("Telefoninterviews", "interview"),
        ("INTERVIEWS 2025", "interview"),
        ("Vor-Ort-Termine", "vor_ort"),
        ("vor ort", "vor_ort"),
        ("Vor-Ort-Interviews", "vor_ort"),
        ("Fokusgruppeninterviews", "fokusgruppe"),
        ("Focus groups", "fokusgruppe"),
        ("Sonstiges", None),
    ],
)
def test_the_method_is_told_by_the_document_group(group, method):
    from study.qda.build import Builder
    from study.qda.mapping import default_mapping
    from study.qda.model import Document, Project

    builder = Builder(Project("maxqda", ()), default_mapping())
    assert builder.method_of(Document("d", (group,), {})) == method
