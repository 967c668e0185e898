"""The voting builders: result chart and table beside the study, CSV/XLSX/PNG downloads, QR code, join address."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from components import voting as builders
from components.charts import figure_title
from study.voting import Round, Tally, compare, partner_shares, room_result

OPTIONS = ("a", "b", "c")


def labels(code: str) -> str:
    return {"a": "Mehrkosten", "b": "Rechtsunsicherheit", "c": "=Formel"}[code]


@pytest.fixture
def result():
    rnd = Round(
        "r1",
        "ABCDEFGH",
        "Fokusgruppe Esslingen, 12.03.",
        "herausforderungen",
        "pick",
        2,
        OPTIONS,
        "open",
        "2026-03-12T10:00:00Z",
        None,
    )
    tally = Tally(rnd, 10, {"a": 9, "b": 4, "c": 1}, {"a": 9, "b": 4, "c": 1})
    study = pd.DataFrame(
        {
            "code": ["a", "b", "c"],
            "n_actors": [40.0, 25.0, None],
            "share_actors": [0.4, 0.25, None],
            "suppressed": [False, False, True],
        }
    )
    return rnd, tally, compare(room_result(tally, 3), study)


def test_chart_shows_room_beside_study_and_withholds_small_values(result):
    rnd, tally, compared = result
    fig = builders.build_result_chart(compared, rnd, labels, k=3, lang="de", n_ballots=tally.n_ballots)
    room, study = fig.data
    assert list(room.y) == ["Mehrkosten", "Rechtsunsicherheit", "=Formel"]
    assert list(room.text) == ["90\u00a0%", "40\u00a0%", "< 3"]
    assert list(room.x)[2] == 0.0  # a withheld value is a stub, not its number
    assert list(study.text) == ["40\u00a0%", "25\u00a0%", "< 3"]
    assert "10 Stimmen abgegeben" in figure_title(fig)
    assert "Mehrkosten: Raum 90\u00a0%, Studie 40\u00a0%" in fig.layout.meta["alt"]
    en = builders.build_result_chart(compared, rnd, labels, k=3, lang="en", n_ballots=1)
    assert "1 vote cast" in figure_title(en)


def test_table_and_downloads(result):
    rnd, _, compared = result
    table = builders.result_table(compared, rnd, labels, k=3, lang="de")
    assert list(table.columns) == [
        "Antwort",
        "Stimmen (Personen)",
        "Raum: Anteil der Stimmen",
        "Studie: Anteil der Akteure, die es nennen",
    ]
    assert table.iloc[2].tolist() == ["=Formel", "< 3", "< 3", "< 3"]
    csv = builders.result_csv(table)
    assert csv.startswith(b"\xef\xbb\xbf")
    text = csv.decode("utf-8-sig")
    assert "Mehrkosten;9;90\u00a0%;40\u00a0%" in text
    assert "'=Formel" in text  # no formula from a label
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(builders.result_xlsx(table, "Abstimmung")))
    assert wb["Abstimmung"]["B2"].value == "9"
    png = builders.result_png(table, compared, "Titel", (table.columns[-2], table.columns[-1]))
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size[0] == 1600 and image.size[1] > 300


def test_points_table_has_points():
    rnd = Round("r", "C", "T", "potenziale", "points", 5, ("a", "b"), "open", "t", None)
    tally = Tally(rnd, 4, {"a": 4, "b": 3}, {"a": 12, "b": 8})
    compared = compare(
        room_result(tally, 3), pd.DataFrame({"code": [], "share_actors": [], "n_actors": [], "suppressed": []})
    )
    table = builders.result_table(compared, rnd, lambda c: c, k=3, lang="de")
    assert table["Punkte"].tolist() == ["12", "8"]
    assert table["Raum: Anteil der Punkte"].tolist() == ["60\u00a0%", "40\u00a0%"]


def test_partner_shares_from_cross_table():
    cross = pd.DataFrame(
        {
            "partner_type": ["weltladen", "rat", "kammer"],
            "category": ["kooperation"] * 3,
            "value": [20.0, None, 5.0],
            "n_actors": [20.0, None, 5.0],
            "n_statements": [30.0, None, 6.0],
            "suppressed": [False, True, False],
        }
    )
    out = partner_shares(cross, 100).set_index("code")
    assert out.loc["weltladen", "share_actors"] == pytest.approx(0.2)
    assert bool(out.loc["rat", "suppressed"]) and pd.isna(out.loc["rat", "share_actors"])


def test_join_address_and_qr():
    assert builders.base_url("https://atlas.example.org/", "0.0.0.0", 8501) == "https://atlas.example.org"
    assert builders.base_url("", "127.0.0.1", 9000) == "http://127.0.0.1:9000"
    lan = builders.base_url("", "", 8501)
    assert lan.startswith("http://") and lan.endswith(":8501")
    url = builders.join_url("http://192.168.1.20:8501", "ABCDEFGH")
    assert url == "http://192.168.1.20:8501/mitmachen?code=ABCD-EFGH"
    assert builders.short_address(url) == "192.168.1.20:8501/mitmachen"
    png = builders.qr_png(url)
    assert png.startswith(b"\x89PNG")


def test_round_label_and_question_texts():
    rnd = Round(
        "r", "C", "Fokusgruppe Esslingen, 12.03.", "partner", "pick", 1, ("a",), "closed", "2026-03-12T10:00:00Z", "x"
    )
    assert (
        builders.round_label(rnd, "de", "offen", "geschlossen")
        == "Fokusgruppe Esslingen, 12.03. – 12.03.2026 (geschlossen)"
    )
    assert builders.question_text("partner", "de") == "Mit wem würden Sie zuerst zusammenarbeiten?"
    assert builders.form_text("points", 10, "de") == "10 Punkte verteilen"
