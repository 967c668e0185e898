"""Files that used to crash the loader or load silently wrong: each ends in a German problem or a correct load."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hostile_factory import (
    col_letters,
    patch_zip_headers,
    table_rows,
    tiny_sheets,
    xlsx_bytes,
    zip_bytes,
    zip_with_duplicates,
)

from factory import make_tables, write_package
from study.package import load_upload, validate_path


def csv_files(tables=None) -> dict[str, bytes]:
    tables = tables or make_tables(seed=1)
    return {f"{name}.csv": frame.to_csv(index=False).encode() for name, frame in tables.items()}


def upload(name: str, data: bytes):
    package, report = load_upload(name, data)
    assert package is None, "a broken package must not load"
    assert report.errors
    for p in report.problems:
        assert p.text("de") and p.text("en")
        assert "Traceback" not in p.text("de")
    return report


def codes(report) -> list[str]:
    return [p.code for p in report.errors]


# --- zip ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flag_only", [True, False])
def test_password_protected_zip(flag_only):
    data = zip_bytes(csv_files())
    # The encryption flag alone (ZipCrypto's header says so; content untouched) is what zipfile trips over.
    data = patch_zip_headers(data, flag_bits=0x1)
    if not flag_only:
        data = patch_zip_headers(data, flag_bits=0x41)
    report = upload("paket.zip", data)
    assert "zip_encrypted" in codes(report)
    assert "verschlüsselt (passwortgeschützt)" in report.format("de")


@pytest.mark.parametrize(("method", "name"), [(99, "AES"), (9, "Deflate64")])
def test_unsupported_compression(method, name):
    data = patch_zip_headers(zip_bytes(csv_files()), method=method)
    report = upload("paket.zip", data)
    (p, *_) = [p for p in report.errors if p.code == "zip_method"]
    assert name in p.text("de") and "gewöhnliches .zip" in p.text("de")


def test_deeply_nested_datapackage_json():
    files = csv_files()
    files["datapackage.json"] = b"[" * 100_000 + b"]" * 100_000
    report = upload("paket.zip", zip_bytes(files))
    (p,) = [p for p in report.errors if p.code == "metadata_invalid"]
    assert "zu tief verschachtelt" in p.text("de")


def test_duplicate_file_names_in_zip_name_both_paths():
    files = csv_files()
    entries = list(files.items()) + [("alt/statements.csv", files["statements.csv"])]
    report = upload("paket.zip", zip_with_duplicates(entries))
    (p,) = [p for p in report.errors if p.code == "zip_duplicate"]
    text = p.text("de")
    assert "„statements.csv“" in text and "„alt/statements.csv“" in text


def test_damaged_member_is_located():
    data = bytearray(zip_bytes(csv_files()))
    at = data.find(b"PK\x03\x04", 1)  # the second member's local header
    data[at + 40 : at + 60] = b"\xff" * 20  # its compressed bytes
    report = upload("paket.zip", bytes(data))
    assert report.errors
    assert any(p.code in ("zip_member_broken", "source_unreadable") for p in report.errors), report.format()


# --- csv ------------------------------------------------------------------------------------------


def test_two_blank_trailing_header_cells_load_correctly(tmp_path):
    """German Excel writes ``;;`` at the end of every line when two columns right of the table were touched."""
    folder = write_package(make_tables(seed=1), tmp_path / "p", sep=";")
    for f in folder.glob("*.csv"):
        lines = f.read_text(encoding="utf-8").splitlines()
        f.write_text("\n".join(line + ";;" for line in lines) + "\n", encoding="utf-8")
    package, report = validate_path(folder, use_cache=False)
    assert package is not None, report.format()
    assert len(package.statements) == len(make_tables(seed=1)["statements"])
    assert not report.warnings


def test_blank_header_column_with_data_is_a_warning_not_84_errors(tmp_path):
    folder = write_package(make_tables(seed=1), tmp_path / "p")
    path = folder / "actors.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0] + ","] + [line + ",notiz" for line in lines[1:]]) + "\n")
    package, report = validate_path(folder, use_cache=False)
    assert package is not None, report.format()
    assert [p.code for p in report.warnings] == ["column_unknown"]


def test_csv_mixing_utf8_and_windows_1252(tmp_path):
    tables = make_tables(seed=1)
    folder = write_package(tables, tmp_path / "p")
    path = folder / "actor_types.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("Typ eins", "Typ eins für Bürger")  # UTF-8
    data = ("\n".join(lines[:3]) + "\n").encode("utf-8")
    data += ("\n".join(lines[3:]).replace("Typ vier", "Typ vier Straße") + "\n").encode("cp1252")
    path.write_bytes(data)
    package, report = validate_path(folder, use_cache=False)
    assert package is None
    (p,) = [p for p in report.errors if p.code == "encoding_mixed"]
    assert p.file == "actor_types.csv" and p.row == 5
    assert "mischt UTF-8 und Windows-1252" in p.text("de")


def test_pure_windows_1252_still_loads(tmp_path):
    folder = write_package(make_tables(seed=1), tmp_path / "p", encoding="cp1252")
    path = folder / "actor_types.csv"
    path.write_bytes(path.read_bytes().replace(b"Typ eins", "Typ eins für Bürger".encode("cp1252")))
    package, report = validate_path(folder, use_cache=False)
    assert package is not None, report.format()
    assert package.actor_types["label_de"].iloc[0] == "Typ eins für Bürger"


@pytest.mark.parametrize("with_blank_line", [False, True])
def test_csv_cell_over_128_kb(tmp_path, with_blank_line):
    tables = make_tables(seed=1)
    tables["statements"].loc[3, "quote"] = "Zitat " * 30_000  # 180 KB
    folder = write_package(tables, tmp_path / "p")
    if with_blank_line:  # the other reader (pandas keeps blank lines as rows)
        path = folder / "statements.csv"
        path.write_text(path.read_text() + "\n\n")
    package, report = validate_path(folder, use_cache=False)
    assert package is None
    (p,) = [p for p in report.errors if p.code == "cell_too_long"]
    assert (p.file, p.row, p.column) == ("statements.csv", 5, "quote")
    assert "länger als 131.072 Zeichen" in p.text("de")


def test_500_duplicate_columns_are_capped(tmp_path):
    tables = make_tables(seed=1)
    folder = write_package(tables, tmp_path / "p")
    path = folder / "actors.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0] + ",x" * 500] + [line + ",1" * 500 for line in lines[1:]]) + "\n")
    package, report = validate_path(folder, use_cache=False)
    assert package is None
    dup = [p for p in report.errors if p.code == "column_duplicate"]
    assert len(dup) == 1  # "x" once, however often it repeats
    assert len(report.errors) <= 25


def test_many_distinct_duplicate_columns_are_capped(tmp_path):
    folder = write_package(make_tables(seed=1), tmp_path / "p")
    path = folder / "actors.csv"
    lines = path.read_text().splitlines()
    extra = "".join(f",x{i},x{i}" for i in range(250))
    path.write_text("\n".join([lines[0] + extra] + [line + ",1" * 500 for line in lines[1:]]) + "\n")
    package, report = validate_path(folder, use_cache=False)
    dup = [p for p in report.errors if p.code == "column_duplicate"]
    assert len(dup) == 20
    (more,) = [p for p in report.errors if p.code == "more_columns"]
    assert "230 weitere Spalten" in more.text("de")


def test_too_many_csv_columns(tmp_path):
    folder = write_package(make_tables(seed=1), tmp_path / "p")
    path = folder / "actors.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0] + ",".join([""] * 5000)] + lines[1:]) + "\n")
    package, report = validate_path(folder, use_cache=False)
    (p,) = [p for p in report.errors if p.code == "too_many_columns"]
    assert p.file == "actors.csv" and p.row == 1 and "höchstens 1.024" in p.text("de")


# --- xlsx -----------------------------------------------------------------------------------------


def test_generated_workbook_loads():
    package, report = load_upload("paket.xlsx", xlsx_bytes(tiny_sheets()))
    assert package is not None, report.format()
    assert len(package.statements) == len(make_tables(seed=1)["statements"])


def test_workbook_with_shared_strings_and_offset_table_loads():
    sheets = tiny_sheets()
    package, report = load_upload("paket.xlsx", xlsx_bytes(sheets, shared_strings=True))
    assert package is not None, report.format()


def test_hidden_sheet_does_not_override_the_visible_one():
    sheets = tiny_sheets()
    wrong = [row[:] for row in sheets["statements"]]
    for row in wrong[1:]:
        row[3] = "umfrage"  # would be an error if it were read
    sheets[" Statements "] = wrong
    package, report = load_upload("paket.xlsx", xlsx_bytes(sheets, hidden=[" Statements "]))
    assert package is not None, report.format()
    (w,) = [p for p in report.warnings if p.code == "sheet_hidden"]
    assert "ausgeblendete Blatt „ Statements “" in w.text("de")


def test_two_visible_sheets_for_one_table_are_an_error():
    sheets = tiny_sheets()
    sheets[" Statements "] = sheets["statements"]
    report = upload("paket.xlsx", xlsx_bytes(sheets))
    (p,) = [p for p in report.errors if p.code == "sheet_ambiguous"]
    assert "„statements“" in p.text("de") and "„ Statements “" in p.text("de")


def test_cell_errors_are_listed_with_sheet_row_column():
    sheets = tiny_sheets()
    header = sheets["statements"][0]
    rating = header.index("rating")
    for i in range(1, 31):
        sheets["statements"][i][rating] = "#DIV/0!"
    sheets["actors"][2][0] = "#NAME?"
    report = upload("paket.xlsx", xlsx_bytes(sheets))
    errors = [p for p in report.errors if p.code == "cell_error"]
    first = next(p for p in errors if "statements" in p.file)
    assert first.text("de") == (
        "Datei „paket.xlsx, Blatt statements“, Zeile 2, Spalte „rating“: "
        "Die Zelle enthält den Excel-Fehler #DIV/0! statt eines Werts."
    )
    assert sum("statements" in p.file for p in errors) == 20
    (more,) = [p for p in report.errors if p.code == "more_cells"]
    assert "10 weitere Zellen" in more.text("de")
    assert any(p.file.endswith("Blatt actors") and p.row == 3 and p.column == "actor_id" for p in errors)


def test_shared_string_index_out_of_range():
    sheets = {"statements": [["statement_id", "actor_id"], ["s1", "a1"]]}
    data = xlsx_bytes(sheets, shared_strings=True, shared_xml=b'<?xml version="1.0"?><sst><si><t>x</t></si></sst>')
    report = upload("paket.xlsx", data)
    found = [p for p in report.errors if p.code == "shared_string"]
    assert found, report.format()
    assert found[0].file == "paket.xlsx, Blatt statements" and found[0].row is not None and found[0].column
    assert "nur 1 Texte" in found[0].text("de")


def _raw_sheet(rows: str) -> bytes:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return f'<?xml version="1.0"?><worksheet xmlns="{ns}"><sheetData>{rows}</sheetData></worksheet>'.encode()


def test_nul_byte_in_a_sheet():
    sheet = _raw_sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>a\x00b</t></is></c></row>')
    report = upload("paket.xlsx", xlsx_bytes(raw_sheets={"statements": sheet}))
    (p,) = [p for p in report.errors if p.code == "sheet_nul"]
    assert p.file == "paket.xlsx, Blatt statements" and p.row == 1


def test_truncated_sheet_xml():
    sheet = _raw_sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>statement_id</t></is></c></row>')[:-40]
    report = upload("paket.xlsx", xlsx_bytes(raw_sheets={"statements": sheet}))
    (p,) = [p for p in report.errors if p.code == "sheet_broken"]
    assert p.file == "paket.xlsx, Blatt statements" and "beschädigt" in p.text("de")


def test_not_a_workbook():
    report = upload("paket.xlsx", zip_bytes({"hallo.txt": b"x"}))
    assert "keine lesbare Excel-Arbeitsmappe" in report.format("de")


def test_header_cell_in_column_xfd():
    sheets = tiny_sheets()
    sheets["statements"][0] = sheets["statements"][0] + [""] * (16384 - 9) + ["Notiz"]
    report = upload("paket.xlsx", xlsx_bytes(sheets))
    (p,) = [p for p in report.errors if p.code == "too_many_columns"]
    assert (p.file, p.row, p.column) == ("paket.xlsx, Blatt statements", 1, "XFD")
    assert "bis Spalte XFD (16.384 Spalten)" in p.text("de")
    assert len(report.errors) == 1  # not 84 false "leer"


def test_row_50_million_without_dimension():
    sheets = tiny_sheets()
    far = '<row r="50000000"><c r="A50000000" t="inlineStr"><is><t>x</t></is></c></row>'
    rows = table_rows(make_tables(seed=1)["statements"])
    from hostile_factory import sheet_xml

    sheet = b"".join(sheet_xml(rows, dimension=None, extra_rows=far))
    del sheets["statements"]
    data = xlsx_bytes(sheets, raw_sheets={"statements": sheet})
    report = upload("paket.xlsx", data)
    (p,) = [p for p in report.errors if p.code == "sheet_rows"]
    assert p.file == "paket.xlsx, Blatt statements" and p.row == 50_000_000
    assert "bis Zeile 50.000.000" in p.text("de")


def test_declared_dimension_beyond_the_budget(monkeypatch):
    monkeypatch.setenv("STUDY_LOAD_BUDGET_MB", "64")
    rows = [["a"] * 600 for _ in range(2)] + [[""] * 599 + ["x"]]
    far = "".join(f'<row r="{r}"><c r="{col_letters(600)}{r}"><v>1</v></c></row>' for r in range(4, 900_004, 1000))
    from hostile_factory import sheet_xml

    sheet = b"".join(sheet_xml(rows, dimension=None, extra_rows=far))
    report = upload("paket.xlsx", xlsx_bytes(raw_sheets={"statements": sheet}))
    (p,) = [p for p in report.errors if p.code == "budget_exceeded"]
    assert "erlaubt sind 64 MB" in p.text("de") and "Blatt statements" in p.file


def test_workbook_inside_a_zip_is_measured_too():
    far = '<row r="50000000"><c r="A50000000" t="inlineStr"><is><t>x</t></is></c></row>'
    from hostile_factory import sheet_xml

    sheet = b"".join(sheet_xml([["statement_id"]], dimension=None, extra_rows=far))
    inner = xlsx_bytes(raw_sheets={"statements": sheet})
    report = upload("paket.zip", zip_bytes({"studie/paket.xlsx": inner}))
    assert "sheet_rows" in codes(report)


def test_metadata_sheet_is_read():
    sheets = tiny_sheets()
    sheets["metadata"] = [["key", "value"], ["title", "Mappe"], ["min_group_size", "5"], ["synthetic", "true"]]
    package, report = load_upload("paket.xlsx", xlsx_bytes(sheets))
    assert package is not None, report.format()
    assert package.title == "Mappe" and package.min_group_size == 5


def test_numbers_dates_and_booleans_as_excel_stores_them():
    """Typed cells (numbers, booleans) read as the text the validator expects."""
    tables = make_tables(seed=1)
    buf = io.BytesIO()
    import pandas as pd

    typed = {k: v.copy() for k, v in tables.items()}
    typed["municipalities"]["population"] = typed["municipalities"]["population"].astype(int)
    typed["municipalities"]["lat"] = typed["municipalities"]["lat"].astype(float)
    typed["municipalities"]["fairtrade_town"] = typed["municipalities"]["fairtrade_town"] == "true"
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, frame in typed.items():
            frame.to_excel(xw, sheet_name=name, index=False)
    package, report = load_upload("paket.xlsx", buf.getvalue())
    assert package is not None, report.format()
    assert package.municipalities["population"].tolist() == [10000, 20000, 30000]
    assert package.municipalities["fairtrade_town"].tolist() == [True, False, True]


def test_metadata_json_in_zip_is_size_limited():
    files = csv_files()
    files["datapackage.json"] = json.dumps({"title": "x" * (9 * 1024 * 1024)}).encode()
    report = upload("paket.zip", zip_bytes(files))
    assert "metadata_invalid" in codes(report)


def test_zip_without_any_table():
    report = upload("paket.zip", zip_bytes({"liesmich.txt": b"hallo"}))
    assert "table_missing" in codes(report)


def test_random_member_names_are_never_paths_outside(tmp_path):
    data = zip_bytes({"../../etc/statements.csv": b"a,b\n1,2\n"})
    report = upload("paket.zip", data)
    assert report.errors
    assert not (tmp_path / "etc").exists()


def test_zipfile_corrupt_central_directory():
    data = zip_bytes(csv_files())
    report = upload("paket.zip", data[: len(data) // 2])
    assert "konnte nicht gelesen werden" in report.format("de")


def test_zip_in_xlsx_with_encrypted_member():
    data = patch_zip_headers(xlsx_bytes(tiny_sheets()), flag_bits=0x1)
    report = upload("paket.xlsx", data)
    assert "zip_encrypted" in codes(report)


def test_zipinfo_of_generated_zip_is_sane():
    with zipfile.ZipFile(io.BytesIO(zip_bytes(csv_files()))) as zf:
        assert len(zf.infolist()) == 6


def test_validate_cli_reports_hostile_files_in_german(tmp_path):
    """`python -m study validate` on the 117 KB workbook with row 50,000,000: a message and exit code 1."""
    import subprocess
    import sys

    from hostile_factory import sheet_xml

    far = '<row r="50000000"><c r="A50000000" t="inlineStr"><is><t>x</t></is></c></row>'
    sheets = tiny_sheets()
    rows = sheets.pop("statements")
    path = tmp_path / "mappe.xlsx"
    path.write_bytes(xlsx_bytes(sheets, raw_sheets={"statements": b"".join(sheet_xml(rows, None, extra_rows=far))}))
    result = subprocess.run(
        [sys.executable, "-m", "study", "validate", str(path), "--budget-mb", "256"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "Blatt statements“, Zeile 50000000: Das Blatt reicht bis Zeile 50.000.000" in result.stdout


def test_table_below_empty_rows_and_right_of_empty_columns_keeps_excel_row_numbers():
    from hostile_factory import sheet_xml

    sheets = tiny_sheets()
    rows = [["", ""] + r for r in sheets.pop("statements")]
    rows[1][2 + 6] = "9"  # rating of the first statement
    sheet = b"".join(sheet_xml(rows, start_row=3))
    report = upload("paket.xlsx", xlsx_bytes(sheets, raw_sheets={"statements": sheet}))
    (p,) = report.errors
    assert (p.file, p.row, p.column, p.code) == ("paket.xlsx, Blatt statements", 4, "rating", "maximum")
