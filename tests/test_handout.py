"""The compass's texts and the printable handout: content, caveats, escaping, PDF of one or two pages."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
import pytest

from components import compass_text, handout
from components.slides import filter_summary
from factory import make_tables, statement_rows, write_package
from study import compass as c
from study.labels import Labels
from study.package import load_package
from study.selection import Filters, select

EVIL_TYPE = "<script>alert('t3')</script> & Co"
EVIL_CODE = '<img src=x onerror="x()">Kosten'
EVIL_TOWN = "<b>Ort</b> & Umland"
EVIL_TITLE = "Paket <i>kursiv</i>"
DAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def evil(tmp_path_factory):
    """A package whose labels and names carry markup; t3 is rated 4.5 on average by six actors (5, 5, 4 in
    m0 and 5, 4, 4 in m1: three raters per municipality whose ratings differ, so the mean is shown), and
    cooperation with t3 exists in m0 and m1 (three actors each: exact protected counts). t2 is rated by a
    single actor (withheld). Every municipality has a speaker, so the selection spans four."""
    t = make_tables(seed=0, n_municipalities=4, actors_per=6)
    t["actor_types"].loc[t["actor_types"]["actor_type"] == "t3", "label_de"] = EVIL_TYPE
    t["codebook"].loc[t["codebook"]["code"] == "c_herausforderung", "label_de"] = EVIL_CODE
    t["municipalities"].loc[0, "name"] = EVIL_TOWN
    rows = [
        ("m0_a0", "c_eignung", "t3", "", "5", "Sehr <em>hilfreich</em>."),
        ("m0_a1", "c_eignung", "t3", "", "5", ""),
        ("m0_a4", "c_eignung", "t3", "", "4", ""),
        ("m1_a0", "c_eignung", "t3", "", "5", ""),
        ("m1_a1", "c_eignung", "t3", "", "4", ""),
        ("m1_a4", "c_eignung", "t3", "", "4", ""),
        ("m0_a0", "c_eignung", "t2", "", "2", ""),
        ("m0_a0", "c_kooperation", "t3", "bestehend", "", ""),
        ("m0_a1", "c_kooperation", "t3", "bestehend", "", ""),
        ("m0_a4", "c_kooperation", "t3", "bestehend", "", ""),
        ("m1_a0", "c_kooperation", "t3", "bestehend", "", ""),
        ("m1_a1", "c_kooperation", "t3", "bestehend", "", ""),
        ("m1_a4", "c_kooperation", "t3", "bestehend", "", ""),
        ("m0_a2", "c_herausforderung", "", "", "4", ""),
        ("m1_a2", "c_herausforderung", "", "", "4", ""),
        ("m2_a2", "c_herausforderung", "", "", "4", ""),
        ("m3_a2", "c_herausforderung", "", "", "4", ""),
        ("m0_a0", "c_prozess", "", "", "", ""),
        ("m0_a1", "c_prozess", "", "", "", ""),
        ("m0_a4", "c_prozess", "", "", "", ""),
    ]
    t["statements"] = statement_rows(rows)
    return load_package(write_package(t, tmp_path_factory.mktemp("handout") / "p", metadata={"title": EVIL_TITLE}))


PROFILE = c.Profile(
    state="DE-BW",
    size_class="grossstadt",
    actor_types=("t3", "t1"),
    challenges=("c_herausforderung",),
    council_resolution=True,
    fairtrade_town=True,
)


def blocks(package, lang="de", profile=PROFILE, filters=None):
    sel = select(package, filters or Filters())
    result = c.compass(sel, profile)
    labels = Labels(package, lang)

    def make(limits=handout.HANDOUT_LIMITS[0]):
        return handout.handout_blocks(
            result,
            labels,
            lang=lang,
            source_title=package.title,
            synthetic=package.synthetic,
            filters_text=filter_summary(sel.filters, labels, lang),
            day=DAY,
            limits=limits,
        )

    return result, make


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_html_contains_profile_ranking_and_caveats(evil):
    result, make = blocks(evil)
    html = handout.build_html(make(), "de")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="de">' in html
    assert "@media print" in html and "size: A4" in html
    assert "24.11.2026" in html
    # profile
    for text in ("Baden-Württemberg", "Großstadt", "Typ eins", "Ratsbeschluss zur fairen Beschaffung"):
        assert text in html
    # ranking: t3 (rated 5) is the first local partner, with its parts and sentence
    assert result.partners[0].actor_type == "t3"
    first = handout.html_text(f"1. {EVIL_TYPE}")
    assert first in html
    assert handout.html_text(compass_text.parts_text(result.partners[0], "de")) in html
    assert "steht auf Platz 1" in html
    # build-up list and first steps
    assert "Partner, die Sie aufbauen können" in html and "Typ zwei" in html
    assert "Erste Schritte" in html and "Code prozess" in html
    # caveats
    assert "nicht repräsentativ" in html and "Qualitative Studie" in html
    assert "Demodaten – keine Studienergebnisse" in html
    assert "&lt; 3" in html


def test_html_escapes_data_text(evil):
    _, make = blocks(evil)
    html = handout.build_html(make(), "de")
    for raw in (EVIL_TYPE, EVIL_CODE, EVIL_TOWN, EVIL_TITLE, "<script>", "<img", "<b>Ort", "<i>kursiv"):
        assert raw not in html
    assert handout.html_text(EVIL_TITLE) in html
    assert handout.html_text(EVIL_TOWN) in html
    assert handout.html_text(EVIL_CODE) in html
    assert "&lt;script&gt;" in html


def test_html_in_english(evil):
    _, make = blocks(evil, lang="en")
    html = handout.build_html(make(), "en")
    assert '<html lang="en">' in html
    assert "Local partners to approach first" in html and "not representative" in html
    assert "Demo data – not study results." in html
    assert "2026-11-24" in html


def test_real_package_is_not_labelled_as_demo(tmp_path):
    package = load_package(write_package(make_tables(seed=2), tmp_path / "real", metadata={"synthetic": False}))
    _, make = blocks(package, profile=c.Profile(actor_types=("t1",)))
    html = handout.build_html(make(), "de")
    assert "Demodaten" not in html and "nicht repräsentativ" in html


@pytest.mark.skipif(not handout.pdf_available(), reason="DejaVu font (fonts-dejavu-core) not installed")
@pytest.mark.parametrize("lang", ["de", "en"])
def test_pdf_has_one_or_two_pages(evil, lang):
    _, make = blocks(evil, lang=lang)
    pdf = handout.build_pdf(make, lang)
    assert pdf.startswith(b"%PDF")
    assert 1 <= page_count(pdf) <= 2


@pytest.mark.skipif(not handout.pdf_available(), reason="DejaVu font (fonts-dejavu-core) not installed")
def test_pdf_of_the_longest_profile_fits_two_pages(demo_package):
    demo = demo_package
    opts = c.profile_options(demo)
    half = len(opts["actor_types"]) // 2
    profile = c.Profile(
        state=opts["state"][0],
        size_class=opts["size_class"][0],
        actor_types=opts["actor_types"][:half],
        challenges=opts["challenges"],
        council_resolution=True,
        fairtrade_town=True,
    )
    _, make = blocks(demo, profile=profile)
    pdf = handout.build_pdf(make, "de")
    assert pdf.startswith(b"%PDF") and 1 <= page_count(pdf) <= 2


def test_pdf_is_none_without_the_font(evil, monkeypatch, tmp_path):
    monkeypatch.setattr(handout, "FONT_REGULAR", tmp_path / "missing.ttf")
    assert not handout.pdf_available()
    _, make = blocks(evil)
    assert handout.build_pdf(make, "de") is None


def test_sentences_name_withheld_values(evil):
    result, _ = blocks(evil)
    labels = Labels(evil, "de")
    t2 = next(r for r in result.partners + result.build_up if r.actor_type == "t2")
    assert t2.n_rated is None  # a single rating
    sentence = compass_text.rank_sentence(t2, result, labels, "de")
    assert "weniger als 3 Akteuren" in sentence
    t3 = result.partners[0]
    sentence = compass_text.rank_sentence(t3, result, labels, "de")
    assert (t3.actor_type, t3.mean_rating, t3.n_rated, t3.n_mun_existing) == ("t3", 4.5, 6, 2)
    assert "4,5 von 5 bewertet (6 Akteure)" in sentence
    assert "Kooperation besteht in 2 von 4 Kommunen" in sentence
    en = compass_text.rank_sentence(t3, result, Labels(evil, "en"), "en")
    assert "ranks 1" in en and "rated 4.5 of 5 on average (6 actors)" in en


def test_parts_text_adds_up(evil):
    result, _ = blocks(evil)
    rec = result.partners[0]
    text = compass_text.parts_text(rec, "de")
    # rating 4.5 → 0.875 × 40; existing in 2 of 4 municipalities → 0.5 × 25
    assert text.startswith("Eignung 35/40 · Kooperation 12,5/25")
    assert text.endswith(f"= {compass_text._points(rec.score, 'de')}/100 Punkte")


def test_criteria_text_names_points():
    profile = c.Profile(council_resolution=False)
    text = compass_text.criteria_text(("same_size", "neighbour_state", "council_resolution"), profile, "de")
    assert text == "gleiche Größenklasse (+3), benachbartes Bundesland (+2), wie bei Ihnen kein Ratsbeschluss (+1)"


def test_cooperation_table_marks_withheld_cells(evil):
    labels = Labels(evil, "de")
    frame = pd.DataFrame(
        {
            "partner_type": ["t3", "t4"],
            "bestehend": [4.0, np.nan],
            "geplant": [0.0, 3.0],
            "gewuenscht": [np.nan, 0.0],
        }
    )
    table = compass_text.cooperation_table(frame, labels, k=3, lang="de")
    assert table.iloc[0].tolist() == [EVIL_TYPE, "4", "0", "< 3"]
    assert table.iloc[1].tolist() == ["Typ vier", "< 3", "3", "0"]


def test_score_chart_stacks_the_parts(evil):
    result, _ = blocks(evil)
    fig = compass_text.build_score_chart(result.partners, Labels(evil, "de"), k=3, lang="de", title="Punkte")
    assert [tr.name for tr in fig.data] == ["Eignung", "Kooperation", "Ihre Herausforderungen", "Unterstützung"]
    assert fig.layout.barmode == "stack"
    totals = np.sum([tr.x for tr in fig.data], axis=0)
    assert totals == pytest.approx([r.score for r in result.partners])
    assert fig.layout.meta["alt"]
    # hatched parts keep their colour under the hatching (Streamlit's plotly.js needs the background set)
    assert all(tr.marker.pattern.bgcolor == tr.marker.color for tr in fig.data)
