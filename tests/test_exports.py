"""Downloads: CSV for German Excel, XLSX, formula neutralisation, the package ZIP, the empty template,
and the pure helpers of the data page (codebook search, labelled statements, problems table)."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from components import exports
from components.charts import figure_title
from factory import make_tables, write_package, write_xlsx
from study import catalog
from study.aggregate import statements_export
from study.disclosure import is_bundled_demo
from study.labels import Labels
from study.package import load_package, load_upload
from study.report import problem
from study.schema import DEFAULT_MIN_GROUP_SIZE, contract
from study.selection import Filters, select
from study.template import METADATA_SHEET, NOTES_SHEET, template_notes, template_tables

PREFIXES = ["=", "+", "-", "@", "\t", "\r"]
PACKAGE_FILES = {"datapackage.json", *(t.path for t in contract().tables)}


def assert_packages_equal(a, b):
    for t in contract().tables:
        pd.testing.assert_frame_equal(a.table(t.name), b.table(t.name), obj=t.name)
    pd.testing.assert_frame_equal(a.view, b.view, obj="view")
    assert a.min_group_size == b.min_group_size
    assert a.synthetic == b.synthetic
    assert a.title == b.title


def zip_names(data: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return set(zf.namelist())


# --- neutralise -------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", PREFIXES)
def test_neutralise_prefixes_formula_starts(prefix):
    value = prefix + 'HYPERLINK("http://x")'
    assert exports.neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Weltladen", "", "a=b", "'schon", "1-2", "Ärger"])
def test_neutralise_keeps_harmless_text(value):
    assert exports.neutralise(value) == value


@pytest.mark.parametrize("value", [5, -3, 1.5, -2.5, None, True])
def test_neutralise_keeps_non_text(value):
    assert exports.neutralise(value) is value


def test_neutralise_frame_only_touches_text_cells():
    frame = pd.DataFrame({"text": ["=1+1", "ok", None], "number": [-1.0, 2.0, np.nan], "=head": ["a", "b", "c"]})
    out = exports.neutralise_frame(frame)
    assert out["text"].tolist()[:2] == ["'=1+1", "ok"]
    assert out["text"].isna().iloc[2]
    assert out["number"].tolist()[:2] == [-1.0, 2.0]
    assert list(out.columns) == ["text", "number", "'=head"]
    assert frame["text"].iloc[0] == "=1+1", "the input frame is not changed"


# --- CSV --------------------------------------------------------------------------------------


def sample_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Kommune": ["Großstadt Süd", "Ort; mit Semikolon", 'Zitat mit "Anführung"\nund Umbruch'],
            "Anzahl": pd.array([1200, 3, None], dtype="Int64"),
            "Anteil": [0.25, 1.5, np.nan],
        }
    )


def test_csv_is_utf8_with_bom_and_semicolon():
    data = exports.csv_bytes(sample_frame())
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Kommune;Anzahl;Anteil"
    assert "Großstadt Süd;1200;0,25" in text
    assert "\r\n" in text


def test_csv_round_trips_through_german_excel_settings():
    frame = sample_frame()
    back = pd.read_csv(
        io.BytesIO(exports.csv_bytes(frame)), sep=";", encoding="utf-8-sig", decimal=",", dtype={"Kommune": str}
    )
    assert back["Kommune"].tolist() == frame["Kommune"].tolist()
    assert back["Anzahl"].tolist()[:2] == [1200, 3] and pd.isna(back["Anzahl"].iloc[2])
    assert back["Anteil"].tolist()[:2] == [0.25, 1.5]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_csv_neutralises_formula_cells(prefix):
    frame = pd.DataFrame({"quote": [prefix + "cmd|' /C calc'!A0", "harmlos"]})
    back = pd.read_csv(io.BytesIO(exports.csv_bytes(frame)), sep=";", encoding="utf-8-sig", dtype=str)
    assert back["quote"].iloc[0].startswith("'" + prefix.strip())
    assert back["quote"].iloc[1] == "harmlos"


# --- XLSX -------------------------------------------------------------------------------------


def test_xlsx_opens_with_expected_sheets_and_columns():
    data = exports.xlsx_bytes({"Aussagen": sample_frame(), "Info": pd.DataFrame({"Feld": ["a"], "Wert": ["b"]})})
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Aussagen", "Info"]
    rows = list(wb["Aussagen"].iter_rows(values_only=True))
    assert list(rows[0]) == ["Kommune", "Anzahl", "Anteil"]
    assert rows[1] == ("Großstadt Süd", 1200, 0.25)
    assert rows[3][1] is None and rows[3][2] is None
    assert wb["Aussagen"].freeze_panes == "A2"


@pytest.mark.parametrize("prefix", PREFIXES)
def test_xlsx_neutralises_formula_cells(prefix):
    value = prefix + "SUM(A1:A9)"
    data = exports.xlsx_bytes({"S": pd.DataFrame({"quote": [value]})})
    cell = load_workbook(io.BytesIO(data))["S"]["A2"]
    assert cell.data_type == "s", "must be stored as text, not as a formula"
    # XML readers turn a stored carriage return into a line feed.
    assert cell.value == "'" + value.replace("\r", "\n")


def test_xlsx_drops_control_characters_it_cannot_store():
    data = exports.xlsx_bytes({"S": pd.DataFrame({"t": ["a\x01b"]})})
    assert load_workbook(io.BytesIO(data))["S"]["A2"].value == "ab"


# --- labelled statements ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(demo_package):
    """The bundled demonstration package: the only one whose statements may be downloaded row by row."""
    return demo_package


def test_statements_table_adds_labels_in_the_chosen_language(demo):
    assert is_bundled_demo(demo)
    sel = select(demo, Filters())
    for lang in ("de", "en"):
        frame = catalog.statements_table(sel, lang)
        labels = Labels(demo, lang)
        assert len(frame) == sel.n_statements
        assert "actor_id" not in frame.columns
        heading = "Akteurstyp" if lang == "de" else "Actor type"
        assert frame[heading].tolist() == [None if v is None else labels.actor_type(v) for v in frame["actor_type"]]
        code_heading = "Code-Bezeichnung" if lang == "de" else "Code label"
        assert frame[code_heading].tolist() == [labels.code(v) for v in frame["code"]]
        partner = "Partnertyp" if lang == "de" else "Partner type"
        assert frame.loc[frame["partner_type"].isna(), partner].isna().all()
        assert frame.loc[frame["partner_type"].notna(), partner].notna().all()
        assert str(frame["rating"].dtype) == "Int64"
        assert list(frame.columns).index(heading) == list(frame.columns).index("actor_type") + 1


def test_statements_table_is_empty_when_selection_too_small(demo):
    sel = select(demo, Filters(municipality_id=("gibt_es_nicht",)))
    assert sel.too_small
    frame = catalog.statements_table(sel, "de")
    assert frame.empty and "statement_id" in frame.columns


def test_statements_are_not_offered_for_other_packages(tiny_package):
    """A package from the test factory is synthetic but not the bundled demo: no record-level rows."""
    assert tiny_package.synthetic and not is_bundled_demo(tiny_package)
    for filters in (Filters(), Filters(municipality_id=("m0",)), Filters(actor_type=("t1",))):
        assert statements_export(select(tiny_package, filters)) is None


def test_protected_tables_hold_no_record_level_columns(tiny_package):
    sel = select(tiny_package, Filters())
    sheets = catalog.protected_tables(sel, "de")
    wb = load_workbook(io.BytesIO(exports.xlsx_bytes(sheets)))
    assert wb.sheetnames == list(sheets) == ["Codes", "Kooperation"]
    for name, frame in sheets.items():
        header = list(next(wb[name].iter_rows(values_only=True)))
        assert header == list(frame.columns)
        assert wb[name].max_row == len(frame) + 1
        assert not {"statement_id", "actor_id", "quote", "Zitat"} & set(header)
    codes = sheets["Codes"]
    counts = codes["Akteure, die ihn nennen"]
    assert counts.notna().all() and ((counts == 0) | (counts >= sel.k)).all()
    back = pd.read_csv(io.BytesIO(exports.csv_bytes(codes)), sep=";", encoding="utf-8-sig", decimal=",", dtype=str)
    assert back["Code"].tolist() == codes["Code"].tolist()


def test_statements_csv_and_xlsx_hold_the_selection(demo):
    chosen = tuple(str(m) for m in demo.municipalities["municipality_id"][:2])
    sel = select(demo, Filters(municipality_id=chosen))
    frame = catalog.statements_table(sel, "de")
    back = pd.read_csv(io.BytesIO(exports.csv_bytes(frame)), sep=";", encoding="utf-8-sig", decimal=",", dtype=str)
    assert back["statement_id"].tolist() == frame["statement_id"].tolist()
    # the selection is a union of whole region units: the chosen towns and any merged with them
    assert set(chosen) <= set(back["municipality_id"]) == set(sel.actors["municipality_id"].astype(str))
    wb = load_workbook(io.BytesIO(exports.xlsx_bytes({"Aussagen": frame})))
    header = next(wb["Aussagen"].iter_rows(values_only=True))
    assert list(header) == list(frame.columns)
    assert wb["Aussagen"].max_row == len(frame) + 1


def test_export_info_names_demo_data_and_filters(tiny_package):
    sel = select(tiny_package, Filters(municipality_id=("m0", "m1")))
    info = dict(catalog.export_info(sel, "de").to_numpy().tolist())
    assert info["Demodaten (synthetisch, keine Studienergebnisse)"] == "ja"
    assert info["Filter"] == "Kommune: Ort 0, Ort 1"
    assert info["Aussagen"] == str(sel.n_statements)


# --- package ZIP ------------------------------------------------------------------------------


def test_zip_of_a_folder_package_has_six_csvs_and_descriptor_and_reloads_equal(tiny_dir, tiny_package):
    data = exports.package_zip(tiny_package)
    assert zip_names(data) == PACKAGE_FILES
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.read("statements.csv") == (tiny_dir / "statements.csv").read_bytes(), "folder files as stored"
    again, report = load_upload("paket.zip", data)
    assert report.ok, report.format()
    assert_packages_equal(tiny_package, again)


def test_zip_rebuilt_from_frames_reloads_equal(tiny_package):
    data = exports.package_zip(tiny_package, from_source=False)
    assert zip_names(data) == PACKAGE_FILES
    again, report = load_upload("paket.zip", data)
    assert report.ok, report.format()
    assert_packages_equal(tiny_package, again)
    descriptor = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("datapackage.json"))
    assert descriptor["synthetic"] is True
    assert [r["name"] for r in descriptor["resources"]] == list(contract().table_names)


def test_zip_keeps_approximate_coordinates_blank_and_german_excel_dialect(tmp_path):
    tables = make_tables(seed=4)
    tables["municipalities"].loc[1, ["lat", "lon"]] = ""
    folder = write_package(tables, tmp_path / "p", sep=";", encoding="cp1252")
    package = load_package(folder)
    assert package.municipalities["approximate"].tolist() == [False, True, False]
    again, report = load_upload("p.zip", exports.package_zip(package, from_source=False))
    assert report.ok, report.format()
    assert_packages_equal(package, again)
    assert again.municipalities["approximate"].tolist() == [False, True, False]


def test_zip_of_an_xlsx_package_is_rebuilt(tmp_path, tiny_tables):
    path = write_xlsx(tiny_tables, tmp_path / "paket.xlsx")
    package = load_package(path)
    data = exports.package_zip(package)
    assert zip_names(data) == PACKAGE_FILES
    again, report = load_upload("paket.zip", data)
    assert report.ok, report.format()
    assert_packages_equal(package, again)


def test_zip_source_with_the_six_csvs_is_passed_on(tmp_path, tiny_dir):
    path = tmp_path / "paket.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for f in tiny_dir.iterdir():
            zf.write(f, f.name)
    package = load_package(path)
    assert exports.package_zip(package) == path.read_bytes()


def test_folder_without_descriptor_gets_one(tmp_path, tiny_tables):
    folder = write_package(tiny_tables, tmp_path / "p", with_descriptor=False)
    package = load_package(folder)
    data = exports.package_zip(package)
    assert zip_names(data) == PACKAGE_FILES
    again, _ = load_upload("p.zip", data)
    assert_packages_equal(package, again)


def test_uploaded_package_is_rebuilt_even_if_a_file_of_that_name_exists(tmp_path, monkeypatch, tiny_package):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "upload.zip").write_bytes(b"not the package")
    package, _ = load_upload("upload.zip", exports.package_zip(tiny_package))
    data = exports.package_zip(package, from_source=False)
    assert data != b"not the package"
    assert_packages_equal(package, load_upload("x.zip", data)[0])


# --- the empty template -----------------------------------------------------------------------


def test_template_has_the_contract_columns_in_order():
    wb = load_workbook(io.BytesIO(exports.template_xlsx("de")))
    assert wb.sheetnames == [*contract().table_names, NOTES_SHEET, METADATA_SHEET]
    for t in contract().tables:
        rows = list(wb[t.name].iter_rows(values_only=True))
        assert list(rows[0]) == list(t.column_names)
        assert len(rows) == 1, "no data rows"
    assert {name: list(frame.columns) for name, frame in template_tables().items()} == {
        t.name: list(t.column_names) for t in contract().tables
    }


def test_template_notes_explain_every_column():
    notes = template_notes("de")
    assert list(notes.columns) == ["Tabelle (Blatt)", "Spalte", "Bedeutung", "Typ", "Pflichtfeld", "Erlaubte Werte"]
    pairs = list(zip(notes["Tabelle (Blatt)"], notes["Spalte"], strict=True))
    expected = [(t.name, c.name) for t in contract().tables for c in t.columns]
    assert pairs[: len(expected)] == expected
    assert pairs[len(expected) :] == [
        (METADATA_SHEET, "title"),
        (METADATA_SHEET, "synthetic"),
        (METADATA_SHEET, "min_group_size"),
    ]
    by = notes.set_index(["Tabelle (Blatt)", "Spalte"])
    assert by.loc[("statements", "statement_id"), "Pflichtfeld"] == "ja"
    assert by.loc[("statements", "quote"), "Pflichtfeld"] == "nein"
    assert by.loc[("statements", "rating"), "Typ"] == "ganze Zahl"
    assert "1 … 5" in by.loc[("statements", "rating"), "Erlaubte Werte"]
    assert "bestehend" in by.loc[("statements", "status"), "Erlaubte Werte"]
    assert "grossstadt (Großstadt)" in by.loc[("municipalities", "size_class"), "Erlaubte Werte"]
    assert "„actors“" in by.loc[("statements", "actor_id"), "Erlaubte Werte"]
    english = template_notes("en")
    assert english.columns[0] == "Table (sheet)" and "yes" in set(english["Required"])


def test_template_sheet_hinweise_in_workbook():
    wb = load_workbook(io.BytesIO(exports.template_xlsx("de")))
    rows = list(wb[NOTES_SHEET].iter_rows(values_only=True))
    assert rows[0][:3] == ("Tabelle (Blatt)", "Spalte", "Bedeutung")
    assert len(rows) - 1 == len(template_notes("de"))
    meta = {r[0]: r[1] for r in wb[METADATA_SHEET].iter_rows(values_only=True)}
    assert meta["synthetic"] is False
    assert meta["min_group_size"] == DEFAULT_MIN_GROUP_SIZE
    assert meta["title"] == contract().defaults["title"]


def fill_template(tables: dict[str, pd.DataFrame]) -> bytes:
    wb = load_workbook(io.BytesIO(exports.template_xlsx("de")))
    for name, frame in tables.items():
        ws = wb[name]
        header = [c.value for c in ws[1]]
        for row in frame[header].itertuples(index=False, name=None):
            ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_filled_template_loads():
    tables = make_tables(seed=5)
    package, report = load_upload("vorlage.xlsx", fill_template(tables))
    assert report.ok, report.format()
    assert package.synthetic is False
    assert package.min_group_size == DEFAULT_MIN_GROUP_SIZE
    assert package.title == contract().defaults["title"]
    for name, frame in tables.items():
        assert len(package.table(name)) == len(frame)


def test_empty_template_does_not_load_but_says_why():
    package, report = load_upload("vorlage.xlsx", exports.template_xlsx("de"))
    assert package is None
    assert any(p.code == "no_rows" for p in report.errors)


# --- codebook search and other helpers --------------------------------------------------------


def rq(q: int) -> str:
    return f"FF {q}"


def test_codebook_table_labels_in_language(tiny_package):
    de = catalog.codebook_table(tiny_package, "de", rq)
    en = catalog.codebook_table(tiny_package, "en", rq)
    assert list(de.columns) == ["Code", "Bezeichnung", "Kategorie", "Forschungsfrage", "Beschreibung (deutsch)"]
    assert list(en.columns)[:4] == ["Code", "Label", "Category", "Research question"]
    row = de[de["Code"] == "c_eignung"].iloc[0]
    assert row["Bezeichnung"] == "Code eignung"
    assert row["Kategorie"] == contract().label("codebook", "category", "eignung", "de")
    assert row["Forschungsfrage"] == "FF 2"
    assert en[en["Code"] == "c_eignung"].iloc[0]["Label"] == "Code eignung (en)"


def test_filter_table_narrows_and_is_case_and_umlaut_insensitive():
    frame = pd.DataFrame(
        {"code": ["a", "b", "c"], "label": ["Größere Beratung", "Gewünschte Kooperation", None], "x": ["", "", "Zeit"]}
    )
    assert catalog.filter_table(frame, "").equals(frame)
    assert catalog.filter_table(frame, None).equals(frame)
    assert catalog.filter_table(frame, "beratung")["code"].tolist() == ["a"]
    assert catalog.filter_table(frame, "groessere")["code"].tolist() == ["a"]
    assert catalog.filter_table(frame, "GEWUNSCHT")["code"].tolist() == []
    assert catalog.filter_table(frame, "gewuenschte koop")["code"].tolist() == ["b"]
    assert catalog.filter_table(frame, "gewünschte zeit")["code"].tolist() == []
    assert catalog.filter_table(frame, "zeit")["code"].tolist() == ["c"]


def test_category_overview_counts_codes(tiny_package):
    overview = catalog.category_overview(tiny_package, "de", rq)
    assert overview["Codes (Anzahl)"].sum() == len(tiny_package.codebook)
    label = contract().label("codebook", "category", "herausforderung", "de")
    assert overview.set_index("Kategorie").loc[label, "Forschungsfrage"] == "FF 7"


def test_table_counts(tiny_package):
    counts = catalog.table_counts(tiny_package, "de")
    assert counts["Name (technisch)"].tolist() == list(contract().table_names)
    assert counts["Zeilen"].tolist() == [len(tiny_package.table(n)) for n in contract().table_names]


def test_problems_table_has_file_row_column_and_message():
    p = problem("maximum", file="statements.csv", row=7, column="rating", value="9", limit=5)
    w = problem("column_unknown", file="actors.csv", row=1, column="x", severity="warning")
    table = catalog.problems_table([p, w], "de")
    assert list(table.columns) == ["Art", "Datei", "Zeile", "Spalte", "Meldung"]
    assert table.iloc[0].tolist() == [
        "Fehler",
        "statements.csv",
        "7",
        "rating",
        "9 ist größer als das erlaubte Maximum 5.",
    ]
    assert table.iloc[1]["Art"] == "Hinweis"
    escaped = catalog.problems_table([p], "en", escape=lambda s: s.upper())
    assert escaped.iloc[0]["Message"] == "9 IS ABOVE THE ALLOWED MAXIMUM 5."


def test_entries_contact_and_dates():
    meta = {
        "contributors": [{"title": "Team", "role": "author"}, {"title": "Büro", "email": "a@b.de", "role": "contact"}],
        "sources": ["Interviews", None, {"name": "X", "path": "https://x"}],
        "licenses": "CC0",
    }
    assert catalog.contact(meta) == {"title": "Büro", "email": "a@b.de", "role": "contact"}
    assert catalog.contact({}) is None
    assert catalog.entries(meta["sources"]) == [
        {"title": "Interviews"},
        {"name": "X", "path": "https://x", "title": "X"},
    ]
    assert catalog.entries(meta["licenses"]) == []
    assert catalog.format_date("2026-11-25T00:00:00Z", "de") == "25.11.2026"
    assert catalog.format_date("2026-11-25", "en") == "2026-11-25"
    assert catalog.format_date("Herbst 2026", "de") == "Herbst 2026"
    assert catalog.format_date(None, "de") == ""


# --- a chart's "Daten herunterladen" (issue 14) --------------------------------------------------------------


def test_chart_download_turns_the_shown_numbers_into_numbers():
    shown = pd.DataFrame(
        {
            "Partnertyp": ["Weltladen", "=Kammer", "Kirche"],
            "Anteil der Akteure": ["56\u00a0%", "< 3", "7\u00a0%"],
            "Mittelwert": ["2,8", "< 3", "–"],
            "Akteure (Anzahl)": ["1.234", "3", "< 3"],
        }
    )
    table = exports.chart_download_table(shown, "de")
    assert table.columns.tolist() == ["Partnertyp", "Anteil der Akteure (%)", "Mittelwert", "Akteure (Anzahl)"]
    assert table.iloc[:, 1].tolist() == [56, "< 3", 7]
    assert table.iloc[:, 2].tolist() == [2.8, "< 3", None]
    assert table.iloc[:, 3].tolist() == [1234, 3, "< 3"]
    data = exports.csv_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == "Partnertyp;Anteil der Akteure (%);Mittelwert;Akteure (Anzahl)"
    assert lines[1] == "Weltladen;56;2,8;1234"  # decimal comma, no thousands mark: Excel reads numbers
    assert lines[2] == "'=Kammer;< 3;< 3;3"  # withheld stays "< 3"; a formula start is neutralised
    ws = load_workbook(io.BytesIO(exports.xlsx_bytes({"Daten": table})))["Daten"]
    assert [c.value for c in ws[2]] == ["Weltladen", 56, 2.8, 1234]
    assert [c.value for c in ws[4]] == ["Kirche", 7, None, "< 3"]


def test_chart_download_keeps_english_numbers_and_text_columns():
    shown = pd.DataFrame({"Year": ["2020", "2021"], "Share": ["56%", "12.5%"], "Mean": ["1,234.5", "3.0"]})
    table = exports.chart_download_table(shown, "en")
    assert table["Year"].tolist() == ["2020", "2021"]  # not written as numbers by the app: left as text
    assert table["Share (%)"].tolist() == [56, 12.5]
    assert table["Mean"].tolist() == [1234.5, 3.0]


def _page_charts(sel, labels):
    from components.app.content import akteure, herausforderungen, kooperation
    from study import cooperation

    def raw(fn, *args):
        return fn.__wrapped__(sel, labels, *args)

    out = [raw(akteure.participants_chart, "group"), raw(akteure.suitability_chart, None)]
    out += [
        raw(kooperation.potential_chart),
        raw(kooperation.winning_chart),
        raw(kooperation.support_chart, "partner_type"),
    ]
    if sel.allows("actor_type"):
        out += [raw(kooperation.status_chart, cooperation.STATUSES[0])]
        out += [raw(kooperation.network_chart, tuple(cooperation.STATUSES), sel.k)]
    ranking = raw(herausforderungen.challenge_ranking)
    out += list(ranking or [])
    out += [raw(herausforderungen.challenge_heatmap, "group", "actors", "col")]
    return [c for c in out if c is not None]


@pytest.mark.parametrize("filters", [{}, {"state": 0}, {"group": 0}])
def test_every_chart_download_is_the_table_the_page_shows(demo, filters):
    """Protected exactly as the screen: the same cells withheld, the same rounding, nothing more."""
    from components.app.content.common import labels as cached_labels
    from study.selection import filter_options

    options = filter_options(demo)
    sel = select(demo, Filters(**{dim: (options[dim][i],) for dim, i in filters.items()}))
    labels = cached_labels.__wrapped__(demo, "de")
    pattern, _ = exports._number_patterns("de")
    charts = _page_charts(sel, labels)
    assert len(charts) >= 6
    seen = {"number": 0, "withheld": 0}
    for fig, table in charts:
        shown = table.frame
        download = exports.chart_download_table(shown, "de")
        assert len(download) == len(shown) and len(download.columns) == len(shown.columns)
        for (_, before), (_, after) in zip(shown.items(), download.items(), strict=True):
            for cell, value in zip(before, after, strict=True):
                if isinstance(cell, str) and cell.startswith("< "):
                    assert value == cell  # withheld on screen, withheld in the file
                    seen["withheld"] += 1
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    seen["number"] += 1
                    # the number written on screen, digit for digit (no more precision than shown)
                    digits = cell.split(",")[1].rstrip("\u00a0%") if "," in cell else ""
                    assert pattern.match(cell), cell
                    assert round(value, len(digits)) == value
        assert table.source and table.title == figure_title(fig)
    assert seen["number"] > 50 and (seen["withheld"] > 0 or not filters)


@pytest.mark.parametrize("filters", [{}, {"state": 0}, {"group": 0}, {"method": 0}])
def test_chart_download_frames_pass_the_release_checks(demo, filters):
    """What the audit would find in the chart downloads: no statistic of a small group, no hidden digits."""
    from study import audit
    from study.chart_downloads import chart_frames
    from study.selection import filter_options

    options = filter_options(demo)
    sel = select(demo, Filters(**{dim: (options[dim][i],) for dim, i in filters.items()}))
    frames = chart_frames(sel)
    assert len(frames) >= 10
    small, precision = audit.Result("small_groups"), audit.Result("precision")
    audit._check_small_groups(sel, frames, small)
    audit._check_precision(frames, precision)
    assert small.checked >= len(frames) and precision.checked > len(frames)
    assert (small.found, precision.found) == (0, 0), small.examples + precision.examples
