"""Loader and validator: every error kind with its German message, the German CSV dialects, .xlsx, .zip."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from factory import write_package, write_xlsx
from study.package import load_package, load_upload, validate_path
from study.report import PackageError


def errors_of(path):
    package, report = validate_path(path)
    assert package is None, "a package with errors must not load"
    return report


def only_error(report, code):
    found = [p for p in report.errors if p.code == code]
    assert found, report.format()
    return found


def test_valid_package_loads_with_types(tiny_dir):
    pkg = load_package(tiny_dir)
    assert pkg.synthetic is True
    assert pkg.min_group_size == 3
    assert str(pkg.statements["code"].dtype) == "category"
    assert str(pkg.municipalities["state"].iloc[0]) == "DE-BW"
    assert pkg.municipalities["fairtrade_town"].tolist() == [True, False, True]
    # label_en missing for t3 falls back to German
    assert pkg.actor_types.set_index("actor_type").loc["t3", "label_en"] == "Typ drei"
    assert len(pkg.view) == len(pkg.statements)
    assert set(pkg.view.columns) >= {"municipality_id", "state", "size_class", "group", "category"}


def test_missing_table(tiny_tables, tmp_path):
    folder = write_package(tiny_tables, tmp_path / "p")
    (folder / "actors.csv").unlink()
    report = errors_of(folder)
    (p,) = only_error(report, "table_missing")
    assert "Die Tabelle „actors“ fehlt" in p.text("de")
    assert "actors.csv" in p.text("de")
    assert "missing" in p.text("en")


def test_missing_column_names_file_and_column(tiny_tables, tmp_path):
    tiny_tables["actors"] = tiny_tables["actors"].drop(columns=["actor_type"])
    report = errors_of(write_package(tiny_tables, tmp_path / "p"))
    (p,) = only_error(report, "column_missing")
    assert p.text("de").startswith("Datei „actors.csv“, Zeile 1, Spalte „actor_type“: Die Pflichtspalte")


@pytest.mark.parametrize(
    ("table", "column", "row", "value", "code", "fragment"),
    [
        ("municipalities", "population", 1, "viele", "type_integer", "„viele“ ist keine ganze Zahl"),
        ("municipalities", "lat", 0, "nord", "type_number", "„nord“ ist keine Zahl"),
        ("municipalities", "fairtrade_town", 2, "vielleicht", "type_boolean", "kein Wahrheitswert"),
        ("municipalities", "size_class", 0, "metropole", "enum", "„metropole“ ist nicht erlaubt. Erlaubt: grossstadt"),
        ("municipalities", "state", 1, "Atlantis", "state", "„Atlantis“ ist kein deutsches Bundesland"),
        ("statements", "rating", 3, "9", "maximum", "9 ist größer als das erlaubte Maximum 5"),
        ("statements", "method", 4, "umfrage", "enum", "Erlaubt: interview, vor_ort, fokusgruppe"),
        ("codebook", "research_question", 0, "0", "minimum", "kleiner als das erlaubte Minimum 1"),
        ("actors", "actor_type", 2, "", "required", "Pflichtfeld ist leer"),
    ],
)
def test_cell_errors_name_file_row_column(tiny_tables, tmp_path, table, column, row, value, code, fragment):
    tiny_tables[table].loc[row, column] = value
    report = errors_of(write_package(tiny_tables, tmp_path / "p"))
    (p,) = only_error(report, code)
    assert p.file == f"{table}.csv"
    assert p.row == row + 2  # header is row 1
    assert p.column == column
    assert fragment in p.message("de")


def test_duplicate_key(tiny_tables, tmp_path):
    tiny_tables["statements"].loc[5, "statement_id"] = tiny_tables["statements"].loc[2, "statement_id"]
    report = errors_of(write_package(tiny_tables, tmp_path / "p"))
    (p,) = only_error(report, "duplicate")
    assert p.row == 7 and p.column == "statement_id"
    assert "auch in Zeile 4" in p.message("de")


def test_dangling_reference(tiny_tables, tmp_path):
    tiny_tables["statements"].loc[0, "actor_id"] = "niemand"
    tiny_tables["statements"].loc[1, "partner_type"] = "unbekannt"
    report = errors_of(write_package(tiny_tables, tmp_path / "p"))
    found = only_error(report, "reference")
    assert {(p.row, p.column) for p in found} == {(2, "actor_id"), (3, "partner_type")}
    assert "„niemand“ verweist auf keinen Eintrag in „actors“" in found[0].message("de")


def test_coordinates_outside_germany_and_swapped_hint(tiny_tables, tmp_path):
    tiny_tables["municipalities"].loc[0, ["lat", "lon"]] = ["48.85", "2.35"]  # Paris
    tiny_tables["municipalities"].loc[1, ["lat", "lon"]] = ["11.58", "48.14"]  # swapped Munich
    report = errors_of(write_package(tiny_tables, tmp_path / "p"))
    found = only_error(report, "coordinates_outside")
    assert [p.row for p in found] == [2, 3]
    assert "außerhalb Deutschlands" in found[0].message("de")
    assert "vertauscht" not in found[0].message("de")
    assert "vertauscht" in found[1].message("de")


def test_empty_file(tiny_tables, tmp_path):
    folder = write_package(tiny_tables, tmp_path / "p")
    (folder / "codebook.csv").write_bytes(b"")
    (p,) = only_error(errors_of(folder), "file_empty")
    assert p.file == "codebook.csv"


def test_header_only_table_is_an_error(tiny_tables, tmp_path):
    folder = write_package(tiny_tables, tmp_path / "p")
    (folder / "actors.csv").write_text("actor_id,municipality_id,actor_type\n")
    only_error(errors_of(folder), "no_rows")


def test_wrong_encoding(tiny_tables, tmp_path):
    folder = write_package(tiny_tables, tmp_path / "p")
    (folder / "findings.csv").write_text("finding_id,title_de\nf1,Übersicht\n", encoding="utf-16-le")
    (p,) = only_error(errors_of(folder), "encoding")
    assert p.file == "findings.csv"
    assert "UTF-8 oder Windows-1252" in p.message("de")


def test_malformed_rows_are_listed(tiny_tables, tmp_path):
    folder = write_package(tiny_tables, tmp_path / "p")
    text = (folder / "actors.csv").read_text().splitlines()
    text[3] += ",zu,viel"
    text[5] += ",zu"
    (folder / "actors.csv").write_text("\n".join(text) + "\n")
    found = only_error(errors_of(folder), "csv_malformed")
    assert [p.row for p in found] == [4, 6]


def test_all_problems_are_collected_not_only_the_first(tiny_tables, tmp_path):
    tiny_tables["municipalities"].loc[0, "size_class"] = "riesig"
    tiny_tables["statements"].loc[0, "rating"] = "sehr"
    tiny_tables["actors"].loc[1, "municipality_id"] = "nirgends"
    report = errors_of(write_package(tiny_tables, tmp_path / "p"))
    assert {p.code for p in report.errors} >= {"enum", "type_integer", "reference"}


def test_many_errors_are_capped_with_a_summary(tiny_tables, tmp_path):
    tiny_tables["statements"]["rating"] = "x"
    report = errors_of(write_package(tiny_tables, tmp_path / "p"))
    listed = [p for p in report.errors if p.code == "type_integer"]
    assert len(listed) == 20
    (more,) = [p for p in report.errors if p.code == "more"]
    assert f"{len(tiny_tables['statements']) - 20} weitere" in more.message("de")


def test_load_package_raises_with_report(tiny_tables, tmp_path):
    tiny_tables["actors"].loc[0, "actor_type"] = "gibtsnicht"
    with pytest.raises(PackageError) as exc:
        load_package(write_package(tiny_tables, tmp_path / "p"))
    assert "verweist auf keinen Eintrag" in str(exc.value)


def test_missing_source_and_unsupported(tmp_path):
    assert only_error(errors_of(tmp_path / "nope"), "source_missing")
    f = tmp_path / "daten.txt"
    f.write_text("x")
    assert only_error(errors_of(f), "source_unsupported")


def test_unknown_column_is_a_warning_only(tiny_tables, tmp_path):
    tiny_tables["actors"]["bemerkung"] = "x"
    package, report = validate_path(write_package(tiny_tables, tmp_path / "p"))
    assert package is not None
    assert [p.code for p in report.warnings] == ["column_unknown"]


# --- German CSV dialects --------------------------------------------------------------------------


def german_excel(tables):
    """What German Excel writes: ; separator, decimal commas, ja/nein, umlauts."""
    t = {k: v.copy() for k, v in tables.items()}
    m = t["municipalities"]
    m["lat"] = m["lat"].str.replace(".", ",")
    m["lon"] = m["lon"].str.replace(".", ",")
    m["fairtrade_town"] = m["fairtrade_town"].map({"true": "ja", "false": "nein"})
    m["council_resolution"] = m["council_resolution"].map({"true": "x", "false": ""})
    m["state"] = ["Baden-Württemberg", "bayern", "DE-be"][: len(m)]
    m["population"] = ["10.000", "20000", "30000,0"][: len(m)]
    t["actor_types"].loc[0, "label_de"] = "Vergabestelle – Beschaffungsamt für Straßenbau"
    return t


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_german_excel_dialects_load(tmp_path, tiny_tables, encoding, sep):
    folder = write_package(german_excel(tiny_tables), tmp_path / "p", sep=sep, encoding=encoding, with_descriptor=False)
    pkg = load_package(folder)
    m = pkg.municipalities
    assert m["state"].astype(str).tolist() == ["DE-BW", "DE-BY", "DE-BE"]
    assert m["lat"].tolist() == pytest.approx([48.78, 48.14, 52.52])
    assert m["population"].tolist() == [10000, 20000, 30000]
    assert m["fairtrade_town"].tolist() == [True, False, True]
    assert m["council_resolution"].tolist() == [True, False, False]
    assert pkg.actor_types["label_de"].iloc[0] == "Vergabestelle – Beschaffungsamt für Straßenbau"
    assert pkg.synthetic is False  # no datapackage.json: real data by default


def test_missing_coordinates_are_placed_approximately(tiny_tables, tmp_path):
    tiny_tables["municipalities"].loc[2, ["lat", "lon"]] = ["", ""]
    pkg = load_package(write_package(tiny_tables, tmp_path / "p"))
    m = pkg.municipalities
    assert m["approximate"].tolist() == [False, False, True]
    assert 52.3 < m.loc[2, "lat"] < 52.7 and 13.0 < m.loc[2, "lon"] < 13.8  # inside Berlin


def test_xlsx_input(tiny_tables, tmp_path):
    pkg = load_package(write_xlsx(tiny_tables, tmp_path / "paket.xlsx"))
    assert len(pkg.statements) == len(tiny_tables["statements"])


def test_xlsx_error_names_sheet(tiny_tables, tmp_path):
    tiny_tables["codebook"].loc[1, "category"] = "sonstwas"
    report = errors_of(write_xlsx(tiny_tables, tmp_path / "paket.xlsx"))
    (p,) = only_error(report, "enum")
    assert "paket.xlsx" in p.file and "codebook" in p.file and p.row == 3


def test_zip_input_with_subfolder(tiny_tables, tmp_path):
    folder = write_package(tiny_tables, tmp_path / "p")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in folder.iterdir():
            zf.write(f, f"studie/{f.name}")
    path = tmp_path / "paket.zip"
    path.write_bytes(buf.getvalue())
    assert len(load_package(path).actors) == len(tiny_tables["actors"])
    package, report = load_upload("paket.zip", buf.getvalue())
    assert package is not None and report.ok


def test_broken_zip_is_a_clear_error(tmp_path):
    package, report = load_upload("kaputt.zip", b"PK\x03\x04 nicht wirklich")
    assert package is None
    assert "konnte nicht gelesen werden" in report.format("de")


def test_metadata_min_group_size_is_read(tiny_tables, tmp_path):
    pkg = load_package(write_package(tiny_tables, tmp_path / "p", metadata={"anonymity": {"min_group_size": 5}}))
    assert pkg.min_group_size == 5


def test_bad_metadata_value(tiny_tables, tmp_path):
    report = errors_of(write_package(tiny_tables, tmp_path / "p", metadata={"anonymity": {"min_group_size": "drei"}}))
    assert only_error(report, "metadata_value")


def test_package_frames_are_typed(tiny_package):
    st = tiny_package.statements
    assert str(st["rating"].dtype) == "Int8"
    assert isinstance(st["method"].dtype, pd.CategoricalDtype)


def test_written_csv_quotes_only_where_needed_and_reads_back(tmp_path):
    import csv

    import pyarrow as pa

    from study.package import write_csv

    text = ["plain", 'say "hi"', "a,b", "two\nlines", None]
    path = tmp_path / "t.csv"
    write_csv(path, {"text": pa.array(text), "n": pa.array([1, 2, None, 4, 5])})
    raw = path.read_bytes()
    assert raw.startswith(b"text,n\nplain,1\n") and b"\r" not in raw
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1:] == [["plain", "1"], ['say "hi"', "2"], ["a,b", ""], ["two\nlines", "4"], ["", "5"]]
