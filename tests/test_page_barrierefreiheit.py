"""AppTest of the accessibility statement (Erklärung zur Barrierefreiheit) in German and English."""

from __future__ import annotations

from functools import partial

import pytest
from apptest_support import open_page

from components.text import md
from factory import make_tables, write_package

PAGE = "pages/barrierefreiheit.py"
CONTACT = {"title": "Büro für *Barrierefreiheit*", "email": "barrierefrei@example.org", "role": "contact"}


open_page = partial(open_page, PAGE)


def text_of(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.fixture
def with_contact(tmp_path, monkeypatch):
    metadata = {"contributors": [{"title": "Autorin", "role": "author"}, CONTACT]}
    folder = write_package(make_tables(seed=1), tmp_path / "p", metadata=metadata)
    monkeypatch.setenv("STUDY_DATA", str(folder))


@pytest.fixture
def without_contact(tmp_path, monkeypatch):
    folder = write_package(make_tables(seed=1), tmp_path / "p")
    monkeypatch.setenv("STUDY_DATA", str(folder))


def test_german_statement(with_contact):
    at = open_page()
    assert at.title[0].value == "Barrierefreiheit"
    assert "Erklärung zur Barrierefreiheit" in [h.value for h in at.header]
    subheaders = [h.value for h in at.subheader]
    for heading in (
        "Geltungsbereich",
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung",
        "Feedback und Kontaktangaben",
        "Schlichtungsverfahren",
    ):
        assert heading in subheaders
    text = text_of(at)
    assert "BITV 2.0" in text and "WCAG" in text
    assert "**teilweise vereinbar**" in text
    assert "**Karte:**" in text and "als Tabelle unter der Karte" in text
    assert "Textalternative" in text
    assert "axe-core" in text and "Selbstbewertung" in text and "25.11.2026" in text
    assert "Schlichtungsstelle nach § 16 BGG" in text
    assert "www\\.schlichtungsstelle\\-bgg\\.de" in text
    # the contact comes from the package, escaped
    assert md(CONTACT["title"]) in text
    assert md(CONTACT["email"]) in text
    assert "Autorin" not in text
    assert not any("Kontaktangabe fehlt" in w.value for w in at.warning)


def test_english_statement(with_contact):
    at = open_page({"sprache": "en"})
    assert at.title[0].value == "Accessibility"
    assert "Accessibility statement" in [h.value for h in at.header]
    text = text_of(at)
    assert "**partially compliant**" in text
    assert "arbitration board under § 16 BGG" in text
    assert "2026-11-25" in text
    assert "**Contact:** " + md(CONTACT["title"]) in text
    assert "teilweise vereinbar" not in text


@pytest.mark.parametrize(
    ("query", "fragment"), [(None, "Kontaktangabe fehlt"), ({"sprache": "en"}, "Contact information missing")]
)
def test_placeholder_when_package_names_no_contact(without_contact, query, fragment):
    at = open_page(query)
    assert any(fragment in w.value for w in at.warning)
    assert "contributors" in "\n".join(w.value for w in at.warning)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_statement_covers_every_page_and_names_streamlits_english_texts(without_contact, lang):
    from components.app.pages import PAGES
    from components.i18n import t

    at = open_page({"sprache": lang} if lang == "en" else None)
    text = text_of(at)
    scope = next(m.value for m in at.markdown if "Downloads" in m.value or "downloads" in m.value)
    for spec in PAGES:
        assert t(spec.title_key, lang) in scope
    for english in ("Drag and drop file here", "Upload", "Collapse sidebar", "No results", "Download as CSV"):
        assert english in text
    easy = "Leichter Sprache" if lang == "de" else "easy-to-read German"
    assert easy in text
