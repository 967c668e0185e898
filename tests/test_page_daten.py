"""AppTest of the page "Daten & Methode": method, provenance, codebook search, report, downloads, upload."""

from __future__ import annotations

import io
import zipfile
from functools import partial

import pytest
from apptest_support import open_page

from components.app.data import UPLOAD_KEY
from components.i18n import fmt_int, rq_text
from components.text import md
from factory import make_tables, write_package
from study import aggregate as agg
from study import catalog
from study.package import load_package
from study.schema import contract
from study.selection import Filters, select

PAGE = "pages/daten.py"
METADATA = {
    "title": "Testpaket Daten",
    "description": "Beschreibung *mit* [Link](http://x)",
    "version": "2.1.0",
    "created": "2026-03-04",
    "licenses": [{"name": "CC-BY-4.0", "title": "CC BY 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
    "sources": [{"title": "Interviews 2025"}],
    "contributors": [{"title": "Studienteam Test", "email": "team@example.org", "role": "contact"}],
}


def package_zip(tables, folder) -> bytes:
    write_package(tables, folder, metadata={"title": "Hochgeladenes Paket"})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for f in folder.iterdir():
            zf.write(f, f.name)
    return buffer.getvalue()


@pytest.fixture
def pkg_dir(tmp_path, monkeypatch):
    folder = write_package(make_tables(seed=1), tmp_path / "pkg", metadata=METADATA)
    monkeypatch.setenv("STUDY_DATA", str(folder))
    return folder


open_page = partial(open_page, PAGE)


def markdown_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def labels_of_downloads(at) -> list[str]:
    return [b.label for b in at.get("download_button")]


def test_renders_method_provenance_and_anonymity(pkg_dir):
    at = open_page()
    package = load_package(pkg_dir)
    assert at.title[0].value == "Daten & Methode"
    headers = [h.value for h in at.header]
    for heading in ("Methode", "Codebuch", "Prüfbericht des Datenpakets", "Downloads"):
        assert heading in headers
    text = markdown_text(at)
    totals = agg.key_figures(select(package, Filters()))
    assert (
        f"Grundlage sind {fmt_int(totals['municipalities'])} Kommunen, {fmt_int(totals['actors'])} beteiligte" in text
    )
    assert f"{fmt_int(totals['statements'])} codierte Aussagen" in text
    assert "nicht repräsentativ" in text
    assert "weniger als 3 Akteure" in text
    # metadata is shown escaped: no link or emphasis from the data
    assert md(METADATA["description"]) in text
    assert "Version:** 2\\.1\\.0" in text
    assert "04\\.03\\.2026" in text
    assert md("Studienteam Test") + " (Kontakt)" in text
    assert md("CC BY 4.0") in text


def test_method_table_per_method_matches_study(pkg_dir):
    at = open_page()
    package = load_package(pkg_dir)
    expected = agg.participants(select(package, Filters()), "method")
    table = at.table[0].value
    assert table.shape[0] == len(expected)
    statements = dict(zip(table.iloc[:, 0], table.iloc[:, 2], strict=True))
    for _, row in expected.iterrows():
        label = contract().label("statements", "method", str(row["method"]), "de")
        assert statements[label] == fmt_int(row["n_statements"])


def test_codebook_search_narrows_the_table(pkg_dir):
    at = open_page()
    package = load_package(pkg_dir)
    full = at.dataframe[0].value
    assert len(full) == len(package.codebook)
    at.text_input(key="codebook_search").input("herausforderung").run()
    narrowed = at.dataframe[0].value
    codebook = catalog.codebook_table(package, "de", lambda q: f"FF {q} – {rq_text(q)}")
    expected = catalog.filter_table(codebook, "herausforderung")
    assert 0 < len(narrowed) < len(full)
    assert narrowed["Code"].tolist() == expected["Code"].tolist()
    assert f"{len(expected)} von {len(full)} Codes" in [c.value for c in at.caption]


def test_report_and_counts_per_table(pkg_dir):
    at = open_page()
    package = load_package(pkg_dir)
    assert any("Das Datenpaket ist gültig: keine Fehler" in s.value for s in at.success)
    counts = next(t.value for t in at.table if "Zeilen" in t.value.columns)
    assert counts["Zeilen"].tolist() == [fmt_int(len(package.table(n))) for n in contract().table_names]


def test_report_lists_warnings(tmp_path, monkeypatch):
    tables = make_tables(seed=1)
    tables["actors"]["bemerkung"] = "x"
    monkeypatch.setenv("STUDY_DATA", str(write_package(tables, tmp_path / "p")))
    at = open_page()
    assert any("1 Hinweis(e)" in s.value for s in at.success)
    warnings = next(t.value for t in at.table if "Meldung" in t.value.columns)
    assert warnings.iloc[0]["Spalte"] == "bemerkung"
    assert "gehört nicht zum Datenpaket" in warnings.iloc[0]["Meldung"]


def test_download_buttons_present(pkg_dir):
    # A test package is not the bundled demo (even though it says synthetic: true): protected result
    # tables instead of statements, no ZIP.
    at = open_page()
    assert labels_of_downloads(at) == [
        "Codebuch als CSV",
        "Ergebnistabellen als Excel (XLSX)",
        "Codes als CSV",
        "Leere Excel-Vorlage",
    ]


def test_demo_package_offers_statements_and_zip(monkeypatch):
    monkeypatch.delenv("STUDY_DATA", raising=False)
    at = open_page()
    assert labels_of_downloads(at) == [
        "Codebuch als CSV",
        "Aussagen als CSV",
        "Aussagen als Excel (XLSX)",
        "Ganzes Datenpaket als ZIP",
        "Leere Excel-Vorlage",
    ]


def test_statement_downloads_replaced_by_notice_when_selection_too_small(tmp_path, monkeypatch):
    # 3 municipalities × 6 actors = 18 counted actors, below k = 19: every selection is too small.
    folder = write_package(make_tables(seed=1), tmp_path / "p", metadata={"anonymity": {"min_group_size": 19}})
    monkeypatch.setenv("STUDY_DATA", str(folder))
    assert select(load_package(folder), Filters()).too_small
    at = open_page({"kommune": "m0"})
    labels = labels_of_downloads(at)
    for label in (
        "Aussagen als CSV",
        "Aussagen als Excel (XLSX)",
        "Ergebnistabellen als Excel (XLSX)",
        "Codes als CSV",
    ):
        assert label not in labels
    assert any("weniger als 19 Akteure" in w.value for w in at.warning)
    assert "Leere Excel-Vorlage" in labels


def test_municipality_filter_is_widened_not_refused(tmp_path, monkeypatch):
    # k = 7 and 6 actors per municipality: m0 alone is too small, so it is merged with a neighbour.
    folder = write_package(make_tables(seed=1), tmp_path / "p", metadata={"anonymity": {"min_group_size": 7}})
    monkeypatch.setenv("STUDY_DATA", str(folder))
    at = open_page({"kommune": "m0"})
    assert not any("weniger als 7 Akteure" in w.value for w in at.warning)
    assert any(i.value.startswith("Zum Schutz kleiner Gruppen gehört zur Auswahl auch: Ort ") for i in at.info)
    assert "Ergebnistabellen als Excel (XLSX)" in labels_of_downloads(at)


@pytest.mark.parametrize("synthetic", [False, True])
def test_real_package_is_not_offered_as_zip(tmp_path, monkeypatch, synthetic):
    # Only the bundled demo (by content) gets the ZIP; "synthetic: true" in the metadata is not enough.
    folder = write_package(make_tables(seed=1), tmp_path / "p", metadata={"synthetic": synthetic})
    monkeypatch.setenv("STUDY_DATA", str(folder))
    at = open_page()
    assert "Ganzes Datenpaket als ZIP" not in labels_of_downloads(at)
    assert "Aussagen als CSV" not in labels_of_downloads(at)
    assert any("nur für das mitgelieferte Demodatenpaket zum Download angeboten" in i.value for i in at.info)


def test_english(pkg_dir):
    at = open_page({"sprache": "en"})
    assert at.title[0].value == "Data & method"
    assert "Codebook" in [h.value for h in at.header]
    assert list(at.dataframe[0].value.columns)[:3] == ["Code", "Label", "Category"]
    assert "Result tables as Excel (XLSX)" in labels_of_downloads(at)
    assert "Statements as CSV" not in labels_of_downloads(at)


def test_upload_of_a_valid_package_switches_the_whole_app(pkg_dir, tmp_path):
    at = open_page()
    tables = make_tables(seed=9, n_municipalities=4)
    at.file_uploader[0].set_value(("neu.zip", package_zip(tables, tmp_path / "up"), "application/zip")).run()
    assert not at.exception
    assert at.session_state[UPLOAD_KEY].title == "Hochgeladenes Paket"
    assert any("„neu\\.zip“ – gilt nur in dieser Browsersitzung" in i.value for i in at.info)
    assert any("„neu\\.zip“ ist gültig und jetzt aktiv" in s.value for s in at.success)
    sidebar = "\n".join(c.value for c in at.sidebar.caption)
    assert "Hochgeladenes Paket (nur diese Sitzung)" in sidebar
    counts = next(t.value for t in at.table if "Zeilen" in t.value.columns)
    assert counts["Zeilen"].iloc[0] == "4"
    # other pages use it too
    at.switch_page("pages/ueberblick.py").run()
    assert [m.value for m in at.metric][0] == "4"
    at.switch_page(PAGE).run()
    at.button(key="back_to_standard").click().run()
    assert UPLOAD_KEY not in at.session_state
    counts = next(t.value for t in at.table if "Zeilen" in t.value.columns)
    assert counts["Zeilen"].iloc[0] == "3"


def test_upload_of_an_invalid_package_lists_german_errors_and_keeps_the_package(pkg_dir, tmp_path):
    at = open_page()
    tables = make_tables(seed=9)
    tables["statements"].loc[4, "rating"] = "9"  # row 6 of the file: the header is row 1
    tables["actors"].loc[0, "municipality_id"] = "nirgendwo"
    at.file_uploader[0].set_value(("kaputt.zip", package_zip(tables, tmp_path / "bad"), "application/zip")).run()
    assert not at.exception
    assert UPLOAD_KEY not in at.session_state
    assert any("„kaputt\\.zip“ wurde nicht geladen: 2 Fehler" in e.value for e in at.error)
    errors = next(t.value for t in at.table if "Meldung" in t.value.columns)
    rows = {(r["Datei"], r["Zeile"], r["Spalte"]): r["Meldung"] for _, r in errors.iterrows()}
    assert rows[("statements\\.csv", "6", "rating")] == md("9 ist größer als das erlaubte Maximum 5.")
    assert "verweist auf keinen Eintrag" in rows[("actors\\.csv", "2", "municipality\\_id")]
    assert any("Standarddaten des Dashboards" in i.value for i in at.info)


def test_upload_of_a_file_that_is_no_package(pkg_dir):
    at = open_page()
    at.file_uploader[0].set_value(("daten.xlsx", b"kein Excel", "application/octet-stream")).run()
    assert not at.exception
    assert UPLOAD_KEY not in at.session_state
    errors = next(t.value for t in at.table if "Meldung" in t.value.columns)
    assert "konnte nicht gelesen werden" in errors.iloc[0]["Meldung"]


# --------------------------------------------------------------------------- embedding


def test_embed_address_keeps_base_path_filters_and_language():
    from components.app.content.daten import embed_address, embed_snippet

    address = embed_address(
        "https://atlas.example.org/kooperationsatlas/daten",
        "/kooperationsatlas/",
        "karte",
        {"land": ["DE-BY", "DE-BW"], "sprache": ["en"], "kommune": []},
    )
    assert address == "https://atlas.example.org/kooperationsatlas/karte?land=DE-BY&land=DE-BW&sprache=en&embed=true"
    assert embed_address(None, "", "", {}) == "http://localhost:8501/?embed=true"
    snippet = embed_snippet('https://a.example/karte?x="><script>', 'Atlas "Karte"')
    assert snippet.startswith(
        '<iframe title="Atlas &quot;Karte&quot;" src="https://a.example/karte?x=&quot;&gt;&lt;script&gt;"'
    )
    assert "<script>" not in snippet


def test_daten_page_offers_an_iframe_of_the_current_view():
    at = open_page({"land": "DE-BY"})
    codes = [c.value for c in at.code]
    snippet = next(c for c in codes if c.startswith("<iframe"))
    assert 'title="Kooperationsatlas – Karte"' in snippet
    assert '/karte?land=DE-BY&amp;embed=true"' in snippet  # & escaped in the attribute
    assert any(c.endswith("/karte?land=DE-BY&embed=true") for c in codes)
    captions = "\n".join(c.value for c in at.caption)
    assert "ATLAS_FRAME_ANCESTORS" in captions and "frame-ancestors" in captions
    box = at.selectbox(key="embed_page")
    box.select_index(box.options.index("Akteure")).run()
    assert any(c.value.endswith("/akteure?land=DE-BY&embed=true") for c in at.code)
    english = open_page({"sprache": "en"})
    assert any(c.value.endswith("/karte?sprache=en&embed=true") for c in english.code)
