"""The shared chart builders, checked by their data: values, texts, suppressed cells, alt text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from components.charts import (
    LABEL_CHARS,
    PALETTE,
    SOURCE_CHARS,
    SOURCE_FONT,
    TITLE_CHARS,
    build_bar_chart,
    build_dot_chart,
    build_grouped_bars,
    build_heatmap,
    contrast_ratio,
    figure_table,
    figure_title,
    prepared,
    text_colour,
    wrap_parts,
    wrap_text,
)
from components.i18n import fmt_pct


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


# --- charts that do not go blank or mislead (issue 14) ------------------------------------------------------


def _counts(values, suppressed=None):
    n = len(values)
    return pd.DataFrame(
        {
            "code": [f"c{i}" for i in range(n)],
            "n_actors": values,
            "share_actors": [v / 10 if np.isfinite(v) else np.nan for v in values],
            "suppressed": suppressed or [False] * n,
        }
    )


def _bars(frame, kind="int", lang="de"):
    value = "n_actors" if kind == "int" else "share_actors"
    return build_bar_chart(frame, "code", value, str, k=3, lang=lang, title="T", value_title="V", value_kind=kind)


def test_a_chart_says_whether_it_has_nothing_to_show():
    assert _bars(_counts([3.0, 4.0])).layout.meta.get("empty") is None
    withheld = _bars(_counts([np.nan, np.nan], [True, True]))
    assert withheld.layout.meta["empty"] == "suppressed"
    # zeros next to withheld cells show nothing either, and the reason is still the protection
    assert _bars(_counts([0.0, np.nan], [False, True])).layout.meta["empty"] == "suppressed"
    assert _bars(_counts([0.0, 0.0])).layout.meta["empty"] == "none"
    assert _bars(_counts([])).layout.meta["empty"] == "none"
    heat = pd.DataFrame({"r": ["a", "a"], "c": ["x", "y"], "value": [np.nan, np.nan], "suppressed": [True, True]})
    fig = build_heatmap(heat, "r", "c", str, str, k=3, lang="de", title="H", value_title="V")
    assert fig.layout.meta["empty"] == "suppressed"
    heat.loc[0, ["value", "suppressed"]] = [4.0, False]
    fig = build_heatmap(heat, "r", "c", str, str, k=3, lang="de", title="H", value_title="V")
    assert fig.layout.meta.get("empty") is None


@pytest.mark.parametrize("top", [1.0, 2.0, 3.0, 4.0, 7.0, 13.0, 48.0, 120.0])
def test_count_axes_have_whole_number_ticks(top):
    axis = _bars(_counts([top, 1.0])).layout.xaxis
    assert axis.tickmode == "array"
    assert all(float(v).is_integer() for v in axis.tickvals), axis.tickvals
    assert axis.tickvals[0] == 0 and axis.tickvals[-2] < top <= axis.tickvals[-1]  # ticks reach past the top
    assert all("," not in t for t in axis.ticktext)  # no "0,5 Akteure"
    frame = pd.DataFrame({"p": ["a", "b"], "s1": [top, 1.0], "s2": [1.0, np.nan]})
    grouped = build_grouped_bars(
        frame, "p", [("s1", "S1"), ("s2", "S2")], str, k=3, lang="de", title="T", value_title="V"
    )
    assert all(float(v).is_integer() for v in grouped.layout.xaxis.tickvals)
    heat = pd.DataFrame({"r": ["a", "a"], "c": ["x", "y"], "value": [top, 1.0], "suppressed": [False, False]})
    bar = build_heatmap(heat, "r", "c", str, str, k=3, lang="de", title="H", value_title="V").data[0].colorbar
    assert all(float(v).is_integer() for v in bar.tickvals)


@pytest.mark.parametrize("lang, mark", [("de", "\u00a0%"), ("en", "%")])
def test_percent_ticks_are_written_as_the_labels(lang, mark):
    fig = _bars(_counts([5.6, 2.0, 8.0]), kind="pct", lang=lang)
    axis, bar = fig.layout.xaxis, fig.data[0]
    assert list(bar.text) == [f"56{mark}", f"20{mark}", f"80{mark}"]
    assert axis.tickformat is None  # plotly's own "%" would write "56%" without the German space
    assert all(t.endswith(mark) for t in axis.ticktext)
    assert [fmt_pct(v, lang) for v in axis.tickvals] == list(axis.ticktext)
    assert max(axis.tickvals) <= 1.0


def test_ratings_are_dots_on_their_scale_not_bars_from_zero(ranked):
    fig = build_dot_chart(ranked, "partner_type", "mean_rating", str.upper, k=3, lang="de", title="E", value_title="M")
    assert [tr.type for tr in fig.data] == ["scatter"]  # no bars
    dots = fig.data[0]
    assert list(dots.text) == ["4,2", "3,0", "< 3"]
    assert list(dots.marker.size) == [14, 14, 0]  # a withheld mean has no dot, only its "< 3"
    assert list(dots.x)[:2] == [4.25, 3.0]
    axis = fig.layout.xaxis
    assert list(axis.tickvals) == [1, 2, 3, 4, 5]
    assert 0.5 < axis.range[0] < 1 and 5 < axis.range[1] < 6  # the axis is the scale, not 0 …
    assert dots.error_x.array is None  # no spread: the protection publishes none
    assert "Punktdiagramm auf der Skala 1–5" in fig.layout.meta["alt"]


def test_charts_are_read_not_zoomed():
    fig = _bars(_counts([3.0]))
    assert fig.layout.dragmode is False
    assert fig.layout.xaxis.fixedrange and fig.layout.yaxis.fixedrange


def test_text_inside_stacked_bars_has_enough_contrast():
    frame = pd.DataFrame({"p": ["a"], **{f"s{i}": [10.0] for i in range(len(PALETTE))}})
    series = [(f"s{i}", f"S{i}") for i in range(len(PALETTE))]
    fig = build_grouped_bars(frame, "p", series, str, k=3, lang="de", title="T", value_title="V", stacked=True)
    for trace in fig.data:
        assert trace.textposition == "inside"
        ratio = contrast_ratio(trace.insidetextfont.color, trace.marker.color)
        assert ratio >= 4.5, (trace.marker.color, trace.insidetextfont.color, ratio)


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert text_colour("#E69F00") == "#000000" and text_colour("#0072B2") == "#FFFFFF"
    assert contrast_ratio(SOURCE_FONT["color"], "#FFFFFF") >= 4.5


def test_the_source_line_goes_under_the_title_and_into_the_table():
    fig = _bars(_counts([3.0]))
    fig.layout.title.text = "Wege (n = 12 Akteure)"
    source = "Auswahl: Bundesland: Bayern · n = 12 Akteure · Quelle: Demo <b> · Stand: 25.11.2026 · Demodaten"
    frozen, table = prepared(fig, pd.DataFrame({"a": ["1"]}), source)
    subtitle = frozen.to_dict()["layout"]["title"]["subtitle"]["text"]
    assert "Bayern" in subtitle and "Demodaten" in subtitle and "Stand: 25.11.2026" in subtitle
    assert "n = 12" not in subtitle  # the title says n already
    assert "Demo &lt;b&gt;" in subtitle  # text from the package is escaped
    assert table.title == "Wege (n = 12 Akteure)" and "Demodaten" in table.source


def test_the_source_line_is_valid_plotly_without_validating_on_the_way():
    import plotly.graph_objects as go

    fig = _bars(_counts([3.0]))
    frozen, _ = prepared(fig, pd.DataFrame({"a": ["1"]}), "Auswahl: alle Daten\nQuelle: X")
    spec = frozen.to_dict()
    checked = go.Figure(spec).to_dict()  # plotly's validation accepts every entry
    assert checked["layout"]["title"]["subtitle"] == spec["layout"]["title"]["subtitle"]
    assert spec["layout"]["title"]["subtitle"]["text"] == "Auswahl: alle Daten<br>Quelle: X"
    assert spec["layout"]["margin"]["t"] == 60 + 2 * 18 + 8


LONG = "Eine-Welt-Gruppe / entwicklungspolitische NGO"  # any label longer than a phone's budget


@pytest.mark.parametrize(
    "text, width, expected",
    [
        ("kurz", 10, "kurz"),
        ("Eine Welt Gruppe", 9, "Eine Welt<br>Gruppe"),
        ("Nachhaltigkeits-Agenda", 5, "Nachhaltigkeits-Agenda"),  # one word stays whole, not split at its hyphen
        ("schon<br>getrennt", 40, "schon<br>getrennt"),
    ],
)
def test_wrap_text(text, width, expected):
    assert wrap_text(text, width) == expected
    assert wrap_text(text, width).replace("<br>", " ") == text.replace("<br>", " ")


def test_wrap_parts_breaks_between_the_parts_of_a_source_line():
    line = "Quelle: Demonstrationsdaten · Stand: 25.11.2026 · Demodaten"
    assert wrap_parts(line, 30) == "Quelle: Demonstrationsdaten<br>Stand: 25.11.2026 · Demodaten"


def test_long_category_labels_are_wrapped_in_the_ticktext_and_kept_whole_in_the_data():
    frame = _counts([3.0, 4.0]).assign(code=["kurz", LONG])
    for fig in (
        _bars(frame),
        build_dot_chart(frame, "code", "n_actors", str, k=3, lang="de", title="T", value_title="V"),
        build_grouped_bars(frame, "code", [("n_actors", "S")], str, k=3, lang="de", title="T", value_title="V"),
    ):
        axis = fig.layout.yaxis
        assert list(fig.data[0].y) == ["kurz", LONG]  # the hover names the full label
        assert list(axis.tickvals) == ["kurz", LONG]
        assert axis.ticktext[0] == "kurz" and "<br>" in axis.ticktext[1]
        assert all(len(line) <= LABEL_CHARS for line in axis.ticktext[1].split("<br>"))
        assert fig.layout.margin.r >= 40 or fig.layout.barmode == "stack"  # room for "100 %" beyond a bar
    # short labels leave the axis as plotly draws it
    assert _bars(_counts([3.0, 4.0])).layout.yaxis.ticktext is None
    # each row has room for its label's lines
    many = _counts([3.0] * 10)
    assert _bars(many.assign(code=[LONG + str(i) for i in range(10)])).layout.height > _bars(many).layout.height


def test_a_long_title_and_its_source_lines_are_wrapped_and_read_back_as_one_line():
    title = "Bestehende, geplante und gewünschte Kooperation je Partnertyp (n = 120 Akteure)"
    short = build_bar_chart(_counts([3.0]), "code", "n_actors", str, k=3, lang="de", title="T", value_title="V")
    fig = build_bar_chart(_counts([3.0]), "code", "n_actors", str, k=3, lang="de", title=title, value_title="V")
    shown = fig.layout.title.text
    assert "<br>" in shown and all(len(line) <= TITLE_CHARS for line in shown.split("<br>"))
    assert fig.layout.margin.t > short.layout.margin.t  # room above the plot for the second line
    assert figure_title(fig) == title
    source = "Auswahl: Bundesland: Bayern, Hessen · n = 12 Akteure\nQuelle: Demonstrationsdaten – Kooperationsatlas · Stand: 25.11.2026 · Demodaten"
    frozen, table = prepared(fig, pd.DataFrame({"a": ["1"]}), source)
    lines = frozen.to_dict()["layout"]["title"]["subtitle"]["text"].split("<br>")
    assert len(lines) > 2 and all(len(line) <= SOURCE_CHARS for line in lines)
    assert table.title == title and "<br>" not in table.source  # the downloads keep the plain text


def test_a_wide_heatmap_asks_for_a_box_that_scrolls_sideways():
    cols = [f"Spalte {i}" for i in range(12)]
    heat = pd.DataFrame({"r": [LONG] * 12, "c": cols, "value": [4.0] * 12, "suppressed": [False] * 12})
    fig = build_heatmap(heat, "r", "c", str, str, k=3, lang="de", title="H", value_title="V")
    assert fig.layout.meta["min_width"] >= 40 * 12  # wider than a phone: components.app.ui.chart scrolls it
    assert "<br>" in fig.layout.yaxis.ticktext[0] and list(fig.data[0].y) == [LONG]


def test_a_title_of_several_lines_anchored_at_the_top_is_pushed_down():
    cols = ["a", "b"]
    heat = pd.DataFrame({"r": ["x", "x"], "c": cols, "value": [4.0, 5.0], "suppressed": [False, False]})
    title = "Ein Titel, der auf einem Telefon nicht in eine einzige Zeile passt"
    fig = build_heatmap(heat, "r", "c", str, str, k=3, lang="de", title=title, value_title="V")
    assert fig.layout.title.yanchor == "top" and fig.layout.title.pad.t >= 20  # plotly draws it ~15 px higher


def test_n_in_a_title_is_not_broken_apart():
    assert wrap_text("Teilnehmende Akteure nach Kommune (n = 10 Akteure)", 38).split("<br>") == [
        "Teilnehmende Akteure nach Kommune",
        "(n = 10 Akteure)",
    ]
