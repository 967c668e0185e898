"""Every dashboard page runs on a package imported from a QDA project (one import for the module)."""

from __future__ import annotations

import io

import pytest
from apptest_support import dashboard
from openpyxl import load_workbook

from components.app.pages import FILES
from components.exports import template_xlsx
from components.i18n import coverage_text
from factory.qda import larger_project, write_maxqda
from study.package import load_package
from study.qda.importer import run_import
from study.selection import Filters, select

PAGES = list(FILES)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    base = tmp_path_factory.mktemp("qda")
    wb = load_workbook(io.BytesIO(template_xlsx("de")))
    for rq in range(1, 8):
        wb["findings"].append([f"f{rq}", rq, f"Kernaussage {rq}", f"Text zu Frage {rq}.", "", "", ""])
    wb.save(base / "vorlage.xlsx")
    files = write_maxqda(larger_project(), base / "export")
    run_import(files, base / "paket", findings_path=base / "vorlage.xlsx")
    return base / "paket"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_an_imported_package(page, imported, monkeypatch):
    monkeypatch.setenv("STUDY_DATA", str(imported))
    at = dashboard()
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not any("Demodaten" in w.value for w in at.warning), "an imported package is not synthetic"
    if page == PAGES[0]:
        package = load_package(imported)
        sel = select(package, Filters())
        expected = coverage_text(sel.n_municipalities, sel.n_actors, sel.n_statements)
        assert any(c.value == expected for c in at.caption)
        assert sel.n_municipalities == 4 and sel.n_actors == 36


def test_the_findings_page_runs_without_findings(tmp_path, monkeypatch):
    """Without --findings the findings table is empty; the page says so instead of failing."""
    out = tmp_path / "paket"
    run_import(write_maxqda(larger_project(n_towns=2, docs_per_town=3), tmp_path / "export"), out)
    assert load_package(out).findings.empty
    monkeypatch.setenv("STUDY_DATA", str(out))
    at = dashboard()
    at.switch_page("pages/erkenntnisse.py").run()
    assert not at.exception, [e.value for e in at.exception]
