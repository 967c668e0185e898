"""The shared chart builders, checked by their data: values, texts, suppressed cells, alt text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from components.charts import build_bar_chart, build_grouped_bars, build_heatmap, figure_table


@pytest.fixture
def ranked():
    return pd.DataFrame(
        {
            "partner_type": ["a", "b", "c"],
            "mean_rating": [4.25, 3.0, np.nan],
            "min_rating": [3, 2, np.nan],
            "max_rating": [5, 4, np.nan],
            "n_actors": [5, 3, np.nan],
            "suppressed": [False, False, True],
        }
    )


def test_bar_chart_values_texts_and_suppression(ranked):
    fig = build_bar_chart(
        ranked,
        "partner_type",
        "mean_rating",
        str.upper,
        k=3,
        lang="de",
        title="Eignung",
        value_title="Mittel",
        value_kind="float",
        error=("min_rating", "max_rating"),
    )
    bar = fig.data[0]
    assert list(bar.y) == ["A", "B", "C"]
    assert list(bar.x) == [4.25, 3.0, 0.0]  # a suppressed value is drawn as a stub, never as a number
    assert list(bar.text) == ["4,2", "3,0", "< 3"]  # German decimal comma (4.25 rounds half to even)
    assert list(bar.marker.pattern.shape) == ["", "", "/"]
    assert list(bar.error_x.array) == [0.75, 1.0, 0.0]
    assert list(bar.error_x.arrayminus) == [1.25, 1.0, 0.0]
    assert fig.layout.separators == ",."
    alt = fig.layout.meta["alt"]
    assert "A: 4,2; B: 3,0; C: < 3" in alt and "1 Werte aus Anonymitätsgründen unterdrückt" in alt


def test_bar_chart_english_formats(ranked):
    fig = build_bar_chart(
        ranked, "partner_type", "mean_rating", str, k=3, lang="en", title="T", value_title="Mean", value_kind="float"
    )
    assert list(fig.data[0].text)[:2] == ["4.2", "3.0"]
    assert fig.layout.separators == ".,"


def test_grouped_bars_one_series_per_status_with_patterns():
    frame = pd.DataFrame({"partner_type": ["a", "b"], "bestehend": [5.0, np.nan], "gewuenscht": [3.0, 7.0]})
    fig = build_grouped_bars(
        frame,
        "partner_type",
        [("bestehend", "bestehend"), ("gewuenscht", "gewünscht")],
        str,
        k=3,
        lang="de",
        title="Status",
        value_title="Akteure",
    )
    assert [t.name for t in fig.data] == ["bestehend", "gewünscht"]
    assert list(fig.data[0].text) == ["5", "< 3"]
    assert list(fig.data[1].x) == [3.0, 7.0]
    shapes = [t.marker.pattern.shape for t in fig.data]
    assert len(set(shapes)) == 2  # not colour alone
    assert all(t.marker.pattern.bgcolor == t.marker.color for t in fig.data)


def test_heatmap_cells_and_suppressed_text():
    frame = pd.DataFrame(
        {
            "code": ["x", "x", "y"],
            "group": ["g1", "g2", "g1"],
            "value": [4.0, np.nan, 0.5],
            "suppressed": [False, True, False],
        }
    )
    fig = build_heatmap(
        frame, "code", "group", str.upper, str, k=3, lang="de", title="H", value_title="Anteil", value_kind="pct"
    )
    hm = fig.data[0]
    assert list(hm.y) == ["X", "Y"] and list(hm.x) == ["g1", "g2"]
    assert hm.z[0][0] == 4.0 and np.isnan(hm.z[0][1]) and hm.z[1][0] == 0.5
    assert hm.text[0][1] == "< 3"
    assert hm.text[1][0] == "50\u00a0%"
    assert "2 Zeilen und 2 Spalten" in fig.layout.meta["alt"]


def test_figure_table_marks_suppressed_rows(ranked):
    table = figure_table(
        ranked,
        [("partner_type", "Typ", str), ("mean_rating", "Mittel", "float"), ("n_actors", "n", "int")],
        k=3,
        lang="de",
    )
    assert table.to_dict("list") == {"Typ": ["a", "b", "c"], "Mittel": ["4,2", "3,0", "< 3"], "n": ["5", "3", "< 3"]}


@pytest.mark.parametrize(
    ("counts", "lang", "expected"),
    [
        ((1, 3, 1234), "de", "Auswahl: 1 Kommune · 3 Akteure · 1.234 codierte Aussagen"),
        ((10, 1, 1), "de", "Auswahl: 10 Kommunen · 1 Akteur · 1 codierte Aussage"),
        ((1, 12, 2799), "en", "Selection: 1 municipality · 12 actors · 2,799 coded statements"),
    ],
)
def test_coverage_text(counts, lang, expected):
    from components.i18n import coverage_text

    assert coverage_text(*counts, lang=lang) == expected
