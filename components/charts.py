"""Plotly figure builders shared by the pages: bars, grouped/stacked bars and heatmaps.

Builders take aggregate frames from ``study.aggregate`` (codes as keys, ``suppressed`` flags) and a
labelling function, and return a ``go.Figure``. Suppressed values are drawn as a hatched stub with
the text "< k", never as a number; every value is also written as text so that no meaning depends
on colour alone. The figure's text alternative is stored in ``layout.meta["alt"]``.

Figures are built from plain dicts in one ``go.Figure(..., _validate=False)`` call: plotly's property
validation (and every ``update_*`` call) costs about 10 ms per figure, and a page rerun builds several.
The dicts are therefore written in plotly's canonical form (``title=dict(text=...)``, no ``None``
values, no ``font_size`` shorthands); the tests check that a validated copy of each figure is equal.
"""

from __future__ import annotations

import json
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io
import pyarrow as pa

from study.anonymity import suppression_label

from .i18n import fmt_float, fmt_int, fmt_pct, plotly_separators, tr
from .text import html_text

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
PATTERNS = ("", "/", ".", "x", "-", "|", "+", "\\")
SUPPRESSED_COLOUR = "#BBBBBB"
# A sequential scale from light to dark blue; the darkest values carry white text.
SEQUENTIAL = [[0.0, "#F7FBFF"], [0.25, "#C6DBEF"], [0.5, "#6BAED6"], [0.75, "#2171B5"], [1.0, "#08306B"]]
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=14, color="#1A1A1A")

Formatter = Callable[[float], str]

# Plotly does not wrap text: what is wider than the chart is cut at its edge. Budgets in characters for a
# phone's chart (about 358 px wide); longer titles, source lines and category labels are broken with <br>.
TITLE_CHARS = 40  # 17 px title
SOURCE_CHARS = 58  # 12 px source lines
LABEL_CHARS = 26  # 14 px category labels (the plot keeps about 170 px beside them)
LABEL_LINE_PX = 18  # a category row is at least this high per line of its label (plus 4 px)
TITLE_LINE_PX = 22  # height of each further title line, added to the top margin
# A top-anchored title with several lines or a subtitle is drawn about 15 px above its anchor (plotly); the pad
# keeps its first line inside the figure.
TITLE_PAD_PX = 24
# A chart that needs this many pixels to be legible (wide heatmaps, the network) sits in a box that scrolls
# sideways on narrower screens (``layout.meta["min_width"]``, see components.app.ui.chart).
HEATMAP_COLUMN_PX = 40
NETWORK_MIN_WIDTH = 640
# Right margin of charts with value labels outside the bars: "100 %" stands beyond the longest bar.
VALUE_ROOM_PX = 48


def wrap_text(text: str, width: int) -> str:
    """``text`` broken with "<br>" at spaces into lines of at most ``width`` characters.

    Existing "<br>" breaks stay; a single word longer than ``width`` stays whole rather than be split.
    Each new break stands for one space, so ``figure_title`` reads the title back as one line.
    """
    lines = []
    for line in str(text).split("<br>"):
        # "n = 120" stays together (a placeholder without spaces while wrapping)
        line = line.replace(" = ", "\x00=\x00")
        wrapped = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [line]
        lines.extend(part.replace("\x00", " ") for part in wrapped)
    return "<br>".join(lines)


def wrap_parts(text: str, width: int, sep: str = " · ") -> str:
    """Like ``wrap_text``, but breaks between ``sep``-separated parts first (a source line's items)."""
    lines: list[str] = []
    for part in str(text).split(sep):
        if lines and len(lines[-1]) + len(sep) + len(part) <= width:
            lines[-1] += sep + part
        else:
            lines.extend(wrap_text(part, width).split("<br>"))
    return "<br>".join(lines)


def category_ticks(names: Sequence[str], width: int = LABEL_CHARS) -> dict:
    """Axis entries that write long category labels on several lines (the hover keeps the full label).

    Empty if every label fits, so that short labels leave the axis as plotly draws it.
    """
    names = [str(n) for n in names]
    if all(len(n) <= width for n in names):
        return {}
    return {"tickmode": "array", "tickvals": names, "ticktext": [wrap_text(n, width) for n in names]}


def row_px(names: Sequence[str], at_least: float, width: int = LABEL_CHARS) -> float:
    """The height of a category row: ``at_least``, or more where wrapped labels need it (see ``category_ticks``)."""
    lines = max((wrap_text(str(n), width).count("<br>") + 1 for n in names), default=1)
    return at_least if lines == 1 else max(at_least, LABEL_LINE_PX * lines + 4)


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a "#RRGGBB" colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two colours (1 … 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (every palette colour reaches 4.5:1)."""
    return "#000000" if contrast_ratio("#000000", background) >= contrast_ratio("#FFFFFF", background) else "#FFFFFF"


def value_formatter(kind: str, lang: str) -> Formatter:
    if kind == "pct":
        return lambda v: fmt_pct(v, lang)
    if kind == "float":
        return lambda v: fmt_float(v, lang, 1)
    return lambda v: fmt_int(v, lang)


def layout_dict(title: str, lang: str, alt: str, height: int | None = None, extra: dict | None = None) -> dict:
    """The shared layout as a plain dict; ``extra`` entries are merged into it (dicts recursively)."""
    shown_title = wrap_text(title, TITLE_CHARS)
    layout = {
        # at the top: plotly centres an "auto" title in the margin and lets its source lines hang into the plot
        "title": {
            "text": shown_title,
            "x": 0,
            "xanchor": "left",
            "font": {"size": 17},
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": TITLE_PAD_PX},
        },
        "font": dict(FONT),
        "separators": plotly_separators(lang),
        "margin": {"l": 10, "r": 20, "t": 60, "b": 40},
        "plot_bgcolor": "#FFFFFF",
        "paper_bgcolor": "#FFFFFF",
        "hoverlabel": {"font": {"size": 14}},
        "meta": {"alt": alt},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0},
        # Charts are read, not explored: no zoom or pan by dragging (the network turns it back on).
        "dragmode": False,
        "xaxis": {"fixedrange": True},
        "yaxis": {"fixedrange": True},
    }
    if height:
        layout["height"] = height
    merge(layout, extra or {})
    # each further title line needs its room above the plot, whatever top margin the builder chose
    more = shown_title.count("<br>")
    if more:
        layout["margin"]["t"] = layout["margin"].get("t", 60) + TITLE_LINE_PX * more
        if "height" in layout:
            layout["height"] += TITLE_LINE_PX * more
    return layout


def merge(base: dict, extra: dict) -> dict:
    """``base`` updated by ``extra`` in place, nested dicts merged key by key."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge(base[key], value)
        else:
            base[key] = value
    return base


def figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from trace dicts (each with its ``type``) and a layout dict, without plotly's validation.

    ``layout.meta["empty"]`` says whether the figure has nothing to show (see ``empty_reason``), so that
    the one chart renderer can say why in words instead of drawing a white area.
    """
    reason = empty_reason(data)
    if reason:
        layout.setdefault("meta", {})["empty"] = reason
    return go.Figure(data=data, layout=layout, _validate=False)


def _is_withheld(text) -> bool:
    return isinstance(text, str) and text.startswith("< ")


def empty_reason(data: Sequence[dict]) -> str:
    """ "" if some trace shows a value; else "suppressed" (every value withheld or 0, some withheld) or "none".

    A value shows if it is finite, not 0 and not withheld ("< k" text); network nodes alone show nothing.
    """
    withheld = False
    for trace in data:
        meta = trace.get("meta") or {}
        kind = meta.get("kind") if isinstance(meta, dict) else None
        if kind == "nodes":
            continue
        if kind == "edge":
            return ""
        if trace.get("type") == "heatmap":
            values = np.asarray(trace.get("z") or [], dtype="float64").ravel()
            texts = [t for row in trace.get("text") or [] for t in row]
        else:
            axis = "y" if trace.get("type") == "bar" and trace.get("orientation") != "h" else "x"
            values = np.asarray(trace.get(axis) or [], dtype="float64")
            texts = list(trace.get("text") or [])
        texts += [""] * (len(values) - len(texts))
        withheld = withheld or any(_is_withheld(t) for t in texts)
        if any(np.isfinite(v) and v != 0 and not _is_withheld(t) for v, t in zip(values, texts, strict=False)):
            return ""
    return "suppressed" if withheld else "none"


def nice_step(top: float, ticks: int = 5, quarters: bool = True) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about ``ticks`` ticks up to ``top``.

    Without ``quarters`` no 2.5 steps: counts and whole percents would need a decimal to write them.
    """
    raw = max(float(top), 1e-9) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in ((1, 2, 2.5, 5, 10) if quarters else (1, 2, 5, 10)) if m * power >= raw)


def value_ticks(top: float, kind: str, lang: str) -> dict:
    """Axis (or colour bar) ticks from 0 to ``top`` written by the same formatter as the value labels.

    Counts get whole-number steps (never "0,5 Akteure"); shares are written as the labels write them
    ("56 %", with the language's space and decimal mark), which plotly's own ``%`` format cannot do.
    """
    top = float(top) if np.isfinite(top) and top > 0 else 1.0
    step = nice_step(top, quarters=kind == "float")
    if kind == "int":
        step = max(1.0, math.ceil(step))
    elif kind == "pct":
        step = max(step, 0.01)
    fmt = value_formatter(kind, lang)
    # one step past the top: plotly draws only the ticks inside the range it chose, which goes a bit beyond
    n = int(math.ceil(top / step - 1e-9)) + 1
    values = [round(i * step, 6) for i in range(n)]
    if kind == "float" and step < 1:
        fmt = lambda v: fmt_float(v, lang, 1 if step >= 0.1 else 2)  # noqa: E731
    return {"tickmode": "array", "tickvals": values, "ticktext": [fmt(v) for v in values]}


class FrozenFigure(go.Figure):
    """A finished figure that is not changed any more, kept between reruns by the cache.

    ``st.plotly_chart`` calls ``to_dict()`` on every rerun, and plotly's ``to_dict`` deep-copies every
    property (the template alone is most of a small figure). A frozen figure keeps its dict as JSON
    (``snapshot``), taken once, and hands out a fresh copy of it, equal to what ``to_dict`` returns,
    about eight times faster; ``components.app.private.plotly_send`` sends the JSON itself.

    It is also small to keep: the object holds only the layout (without the template, which is the
    same for every figure and stays in the JSON); its traces are rebuilt from the JSON when ``data``
    is read. A plotly object tree costs about 400 KB for a small bar chart and 13 MB for the national
    cooperation network, the JSON 5 KB and 0.8 MB. Make one with ``freeze``; it is not to be changed.
    """

    snapshot: str = ""

    @property
    def data(self):
        return go.Figure(json.loads(self.snapshot), _validate=False).data

    def to_dict(self) -> FrozenSpec:
        spec = FrozenSpec(json.loads(self.snapshot))
        spec.json = self.snapshot
        return spec


class FrozenSpec(dict):
    """``FrozenFigure.to_dict()``: the figure's dict, and the JSON it came from."""

    __slots__ = ("json",)


def freeze(fig: go.Figure, source: str = "") -> FrozenFigure:
    """A frozen copy of a figure (see ``FrozenFigure``), with its source line (see ``source_layout``) if given."""
    spec = fig.to_dict()
    if source:
        # into the plain dict: plotly's validating update_layout would cost ~25 ms per chart
        merge(spec["layout"], source_layout(spec["layout"], source))
    layout = {key: value for key, value in spec["layout"].items() if key != "template"}
    frozen = FrozenFigure(layout={**layout, "template": {}}, _validate=False)
    # plotly's encoder: strict JSON (NaN and infinities as null), as the browser's JSON.parse needs
    frozen.snapshot = plotly.io.to_json(spec, validate=False)
    return frozen


@dataclass(frozen=True, eq=False)
class ChartTable:
    """A chart's display table, prepared once for ``st.dataframe`` (cached builders return it).

    ``source`` is the chart's source line (selection, n, data source, date, demo) that the chart's
    PNG and its downloads carry; the downloads are made from ``frame``, the table the page shows.
    """

    frame: pd.DataFrame
    data: pa.Table | pd.DataFrame
    has_suppressed: bool
    title: str = ""
    source: str = ""


def has_suppressed(table: pd.DataFrame) -> bool:
    """Whether any cell of a display table is a withheld value ("< k")."""
    return any(isinstance(v, str) and v.startswith("< ") for _, column in table.items() for v in column.array)


def chart_table(table: pd.DataFrame, title: str = "", source: str = "") -> ChartTable:
    """The table converted to Arrow as ``st.dataframe`` would, so that a rerun skips the conversion."""
    try:
        data = pa.Table.from_pandas(table)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        data = table  # st.dataframe repairs mixed columns itself
    return ChartTable(table, data, has_suppressed(table), title, source)


SOURCE_FONT = {"size": 12, "color": "#4D4D4D"}  # 8.4:1 on white


def source_layout(layout: dict, source: str) -> dict:
    """Layout entries that put the source lines under the title, so that an exported PNG carries them."""
    margin = (layout.get("margin") or {}).get("t", 60)
    lines = [wrap_parts(html_text(line), SOURCE_CHARS) for line in source.split("\n")]
    lines = "<br>".join(lines).split("<br>")
    room = 18 * len(lines) + 8
    out = {
        "title": {"subtitle": {"text": "<br>".join(lines), "font": dict(SOURCE_FONT)}},
        "margin": {"t": margin + room},
    }
    if layout.get("height"):
        # the plot keeps its height: squeezed, plotly would leave out every other category label
        out["height"] = layout["height"] + room
    return out


def with_source(fig: go.Figure, source: str) -> go.Figure:
    """The figure with its source lines under the title (validated; ``freeze`` does it without)."""
    if source:
        fig.update_layout(source_layout(fig.layout.to_plotly_json(), source))
    return fig


def figure_title(fig: go.Figure) -> str:
    """The chart's title as one line (the figure may show it on several, see ``layout_dict``)."""
    return str(fig.layout.title.text or "").replace("<br>", " ")


def prepared(fig: go.Figure, table: pd.DataFrame, source: str = "") -> tuple[FrozenFigure, ChartTable]:
    """A chart and its table made ready to be shown on every rerun (what cached builders return).

    ``source`` (see ``components.app.content.common.chart_source``) goes into the figure and the table.
    """
    title = figure_title(fig)
    if "(n = " in title:  # the title already says n
        source = "\n".join(
            " · ".join(part for part in line.split(" · ") if not part.startswith("n = ")) for line in source.split("\n")
        )
    return freeze(fig, source), chart_table(table, title, source)


def _text(values: pd.Series, suppressed: pd.Series, fmt: Formatter, k: int) -> list[str]:
    return [suppression_label(k) if s else fmt(v) for v, s in zip(values, suppressed, strict=True)]


def build_bar_chart(
    frame: pd.DataFrame,
    category: str,
    value: str,
    label: Callable[[str], str],
    *,
    k: int,
    lang: str,
    title: str,
    value_title: str,
    value_kind: str = "int",
    error: tuple[str, str] | None = None,
    n_column: str = "n_actors",
    n_title: str = "n",
    range_max: float | None = None,
) -> go.Figure:
    """Horizontal bars, one per category in the frame's order (first on top)."""
    fmt = value_formatter(value_kind, lang)
    suppressed = frame["suppressed"].astype(bool) if "suppressed" in frame else pd.Series(False, index=frame.index)
    names = [label(c) for c in frame[category]]
    values = frame[value].astype("float64")
    shown = values.where(~suppressed, 0.0).fillna(0.0)
    ns = frame[n_column] if n_column in frame else pd.Series(np.nan, index=frame.index)
    n_text = [suppression_label(k) if s else fmt_int(n, lang) for n, s in zip(ns, suppressed, strict=True)]
    texts = _text(values, suppressed, fmt, k)
    bar = {
        "type": "bar",
        "x": shown.tolist(),
        "y": names,
        "orientation": "h",
        "text": texts,
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": [list(pair) for pair in zip(texts, n_text, strict=True)],
        "hovertemplate": "%{y}<br>"
        + value_title
        + ": %{customdata[0]}<br>"
        + n_title
        + ": %{customdata[1]}<extra></extra>",
        "marker": {
            "color": [SUPPRESSED_COLOUR if s else PALETTE[0] for s in suppressed],
            "pattern": {"shape": ["/" if s else "" for s in suppressed]},
        },
        "name": value_title,
    }
    if error is not None:
        lo, hi = frame[error[0]].astype("float64"), frame[error[1]].astype("float64")
        bar["error_x"] = {
            "type": "data",
            "symmetric": False,
            "array": (hi - values).where(~suppressed, 0).fillna(0).tolist(),
            "arrayminus": (values - lo).where(~suppressed, 0).fillna(0).tolist(),
            "color": "#444444",
            "thickness": 1.5,
        }
    xaxis = {
        "title": {"text": value_title},
        "gridcolor": "#E5E5E5",
        "zeroline": True,
        "zerolinecolor": "#999999",
    }
    reach = shown + np.asarray(bar["error_x"]["array"]) if "error_x" in bar else shown
    top = range_max if range_max is not None else float(max([0.0, *reach.tolist()]))
    xaxis.update(value_ticks(top, value_kind, lang))
    if range_max is not None:
        xaxis["range"] = [0, range_max]
    alt = describe_ranking(names, texts, suppressed.tolist(), title, value_title, lang)
    layout = layout_dict(
        title,
        lang,
        alt,
        height=max(260, 40 + row_px(names, 34) * len(names)),
        extra={
            "xaxis": xaxis,
            "yaxis": {"autorange": "reversed", "title": {}, "automargin": True, **category_ticks(names)},
            "margin": {"r": VALUE_ROOM_PX},
        },
    )
    return figure([bar], layout)


def build_dot_chart(
    frame: pd.DataFrame,
    category: str,
    value: str,
    label: Callable[[str], str],
    *,
    k: int,
    lang: str,
    title: str,
    value_title: str,
    scale: tuple[float, float] = (1.0, 5.0),
    n_column: str = "n_actors",
    n_title: str = "n",
) -> go.Figure:
    """Means on their rating scale: one dot per category on an axis from ``scale[0]`` to ``scale[1]``.

    A 1–5 rating drawn as a bar from 0 would make 1 look like a value and double the visual length of
    2 against 1. No spread is drawn: the protection publishes no minima, maxima or deviations, and an
    interval that said nothing would only look like information. Withheld means read "< k" at the
    scale's left end, without a dot.
    """
    fmt = value_formatter("float", lang)
    suppressed = frame["suppressed"].astype(bool) if "suppressed" in frame else pd.Series(False, index=frame.index)
    names = [label(c) for c in frame[category]]
    values = frame[value].astype("float64")
    low, high = float(scale[0]), float(scale[1])
    ns = frame[n_column] if n_column in frame else pd.Series(np.nan, index=frame.index)
    n_text = [suppression_label(k) if s else fmt_int(n, lang) for n, s in zip(ns, suppressed, strict=True)]
    texts = _text(values, suppressed, fmt, k)
    hidden = suppressed | values.isna()
    dots = {
        "type": "scatter",
        "mode": "markers+text",
        "x": values.where(~hidden, low).tolist(),
        "y": names,
        "text": texts,
        "textposition": "middle right",
        "cliponaxis": False,
        "customdata": [list(pair) for pair in zip(texts, n_text, strict=True)],
        "hovertemplate": "%{y}<br>"
        + value_title
        + ": %{customdata[0]}<br>"
        + n_title
        + ": %{customdata[1]}<extra></extra>",
        "marker": {
            "size": [0 if h else 14 for h in hidden],
            "color": PALETTE[0],
            "line": {"width": 1, "color": "#1A1A1A"},
        },
        "name": value_title,
        "meta": {"kind": "dots", "scale": [low, high]},
    }
    ticks = list(range(int(math.ceil(low)), int(math.floor(high)) + 1))
    xaxis = {
        "title": {"text": value_title},
        "gridcolor": "#D9D9D9",
        "zeroline": False,
        "range": [low - 0.15, high + 0.45],
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": [fmt_int(v, lang) for v in ticks],
    }
    alt = describe_ranking(names, texts, suppressed.tolist(), title, value_title, lang)
    alt = alt.replace("Balkendiagramm", f"Punktdiagramm auf der Skala {fmt_int(low, lang)}–{fmt_int(high, lang)}")
    alt = alt.replace("Bar chart", f"Dot chart on the scale {fmt_int(low, lang)}–{fmt_int(high, lang)}")
    layout = layout_dict(
        title,
        lang,
        alt,
        height=max(260, 40 + row_px(names, 34) * len(names)),
        extra={
            "xaxis": xaxis,
            # A light line per row guides the eye from the label to its dot.
            "yaxis": {
                "autorange": "reversed",
                "title": {},
                "automargin": True,
                "showgrid": True,
                "gridcolor": "#EEEEEE",
                **category_ticks(names),
            },
            "margin": {"r": VALUE_ROOM_PX},
        },
    )
    return figure([dots], layout)


def build_grouped_bars(
    frame: pd.DataFrame,
    category: str,
    series: Sequence[tuple[str, str]],
    label: Callable[[str], str],
    *,
    k: int,
    lang: str,
    title: str,
    value_title: str,
    stacked: bool = False,
    layout: dict | None = None,
) -> go.Figure:
    """Bars per category with one series per column (e.g. existing / planned / wished for).

    Each series has its own colour *and* pattern; a blank value of a shown row is a suppressed cell.
    ``layout`` is merged into the figure's layout (nested dicts key by key, like ``update_layout``),
    which is much faster than changing the finished figure.
    """
    fmt = value_formatter("int", lang)
    names = [label(c) for c in frame[category]]
    traces = []
    texts_by_series = []
    for i, (column, series_name) in enumerate(series):
        values = frame[column].astype("float64")
        small = values.isna()
        texts = _text(values, small, fmt, k)
        texts_by_series.append(texts)
        colour = PALETTE[i % len(PALETTE)]
        traces.append(
            {
                "type": "bar",
                "x": values.fillna(0).tolist(),
                "y": names,
                "orientation": "h",
                "name": series_name,
                "text": texts,
                "textposition": "inside" if stacked else "outside",
                "insidetextanchor": "middle",
                "insidetextfont": {"color": text_colour(colour)},
                "cliponaxis": False,
                "customdata": texts,
                "hovertemplate": "%{y}<br>" + series_name + ": %{customdata}<extra></extra>",
                # Streamlit's plotly.js draws a pattern on a transparent background unless told otherwise.
                "marker": {
                    "color": colour,
                    "pattern": {
                        "shape": PATTERNS[i % len(PATTERNS)],
                        "fgcolor": "#FFFFFF",
                        "bgcolor": colour,
                        "fillmode": "overlay",
                    },
                },
            }
        )
    sums = [np.nan_to_num(t["x"]) for t in traces]
    top = float(np.sum(sums, axis=0).max() if stacked else np.max(sums)) if traces and names else 1.0
    parts = []
    for row, name in enumerate(names):
        cells = [f"{series_name} {texts[row]}" for (_, series_name), texts in zip(series, texts_by_series, strict=True)]
        parts.append(f"{name}: " + ", ".join(cells))
    alt = f"{title}. " + ("; ".join(parts) if parts else _empty_text(lang))
    spec = layout_dict(
        title,
        lang,
        alt,
        height=max(300, 60 + row_px(names, 30 * (1 if stacked else len(series) * 0.6)) * len(names)),
        extra={
            "barmode": "stack" if stacked else "group",
            "xaxis": {
                "title": {"text": value_title},
                "gridcolor": "#E5E5E5",
                **value_ticks(top if np.isfinite(top) else 1.0, "int", lang),
            },
            "yaxis": {"autorange": "reversed", "title": {}, "automargin": True, **category_ticks(names)},
            **({} if stacked else {"margin": {"r": VALUE_ROOM_PX}}),
        },
    )
    return figure(traces, merge(spec, layout or {}))


def build_heatmap(
    frame: pd.DataFrame,
    rows: str,
    columns: str,
    row_label: Callable[[str], str],
    column_label: Callable[[str], str],
    *,
    k: int,
    lang: str,
    title: str,
    value_title: str,
    value_kind: str = "int",
    value: str = "value",
    row_order: Sequence | None = None,
    column_order: Sequence | None = None,
) -> go.Figure:
    """A rows × columns heatmap with every cell's value written in it; "< k" in suppressed cells."""
    fmt = value_formatter(value_kind, lang)
    row_keys = list(row_order) if row_order is not None else list(dict.fromkeys(frame[rows]))
    col_keys = list(column_order) if column_order is not None else list(dict.fromkeys(frame[columns]))
    z = np.full((len(row_keys), len(col_keys)), np.nan)
    text = np.full((len(row_keys), len(col_keys)), "", dtype=object)
    if len(frame) and row_keys and col_keys:
        r_index = {str(r): i for i, r in enumerate(row_keys)}
        c_index = {str(c): j for j, c in enumerate(col_keys)}
        ri = frame[rows].astype(str).map(r_index).to_numpy(dtype="float64", na_value=np.nan)
        ci = frame[columns].astype(str).map(c_index).to_numpy(dtype="float64", na_value=np.nan)
        placed = ~(np.isnan(ri) | np.isnan(ci))
        suppressed = frame["suppressed"].to_numpy(dtype=bool)
        hidden, shown = placed & suppressed, placed & ~suppressed
        text[ri[hidden].astype(int), ci[hidden].astype(int)] = suppression_label(k)
        r_shown, c_shown = ri[shown].astype(int), ci[shown].astype(int)
        values = frame[value].to_numpy(dtype="float64", na_value=np.nan)[shown]
        z[r_shown, c_shown] = values
        text[r_shown, c_shown] = [fmt(v) for v in values]
    text = text.tolist()
    finite = z[np.isfinite(z)]
    zmax = float(finite.max()) if finite.size else 1.0
    y = [row_label(r) for r in row_keys]
    x = [column_label(c) for c in col_keys]
    colorbar = {"title": {"text": value_title, "side": "right"}}
    colorbar.update(value_ticks(zmax if zmax > 0 else 1.0, value_kind, lang))
    heatmap = {
        "type": "heatmap",
        "z": z.tolist(),
        "x": x,
        "y": y,
        "text": text,
        "texttemplate": "%{text}",
        "textfont": {"size": 13},
        "colorscale": [list(stop) for stop in SEQUENTIAL],
        "zmin": 0,
        "zmax": zmax if zmax > 0 else 1.0,
        "hoverongaps": True,
        "xgap": 2,
        "ygap": 2,
        "colorbar": colorbar,
        "hovertemplate": "%{y} × %{x}<br>" + value_title + ": %{text}<extra></extra>",
    }
    alt = describe_heatmap(y, x, text, title, value_title, lang)
    longest = max((len(c) for c in x), default=0)
    layout = layout_dict(
        title,
        lang,
        alt,
        height=max(320, 140 + row_px(y, 34) * len(y) + 8 * longest),
        extra={
            # Room above the cells for the vertical column labels and, above them, the title.
            "margin": {"t": 70 + 8 * longest},
            # The column labels stand above the cells; the title goes at the very top, above them.
            "title": {"yref": "container", "y": 0.98, "yanchor": "top"},
            # Vertical column labels: long actor-type names neither overlap nor run off the left edge.
            "xaxis": {"side": "top", "tickangle": -90, "automargin": True, "title": {}},
            "yaxis": {"autorange": "reversed", "title": {}, "automargin": True, **category_ticks(y)},
        },
    )
    # legible cells need room: on a narrower screen the heatmap scrolls sideways instead of squeezing them
    label_px = 8 * min(max((len(r) for r in y), default=0), LABEL_CHARS)
    layout["meta"]["min_width"] = label_px + HEATMAP_COLUMN_PX * len(x) + 120
    return figure([heatmap], layout)


def _empty_text(lang: str) -> str:
    return tr(("Keine Werte.", "No values."), lang)


def describe_ranking(names, texts, suppressed, title, value_title, lang) -> str:
    """A text alternative for a ranked bar chart: the order and each value."""
    if not names:
        return f"{title}. {_empty_text(lang)}"
    items = [f"{n}: {t}" for n, t in zip(names, texts, strict=True)]
    n_sup = sum(bool(s) for s in suppressed)
    lead = (
        f"{title}. Balkendiagramm, {len(names)} Einträge nach {value_title}, größter zuerst: "
        if lang == "de"
        else f"{title}. Bar chart, {len(names)} entries by {value_title}, largest first: "
    )
    tail = ""
    if n_sup:
        tail = (
            f" {n_sup} Werte aus Anonymitätsgründen unterdrückt."
            if lang == "de"
            else f" {n_sup} values withheld for anonymity."
        )
    return lead + "; ".join(items) + "." + tail


def describe_heatmap(rows, columns, text, title, value_title, lang) -> str:
    """A text alternative for a heatmap: its size, and the highest cells."""
    if not rows or not columns:
        return f"{title}. {_empty_text(lang)}"
    return (
        f"{title}. Heatmap mit {len(rows)} Zeilen und {len(columns)} Spalten ({value_title}); "
        "alle Werte stehen in der Tabelle darunter."
        if lang == "de"
        else f"{title}. Heatmap with {len(rows)} rows and {len(columns)} columns ({value_title}); "
        "all values are in the table below."
    )


def figure_table(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str, str | Callable]],
    *,
    k: int,
    lang: str,
) -> pd.DataFrame:
    """The numbers of a chart as a display table of strings.

    ``columns``: (source column, heading, kind) where kind is "label" callable, "int", "float" or "pct".
    Suppressed rows show "< k" in every number column.
    """
    suppressed = frame["suppressed"].astype(bool) if "suppressed" in frame else pd.Series(False, index=frame.index)
    out = {}
    for source, heading, kind in columns:
        values = frame[source]
        if callable(kind):
            out[heading] = [kind(v) for v in values]
        else:
            fmt = value_formatter(kind, lang)
            out[heading] = [suppression_label(k) if s else fmt(v) for v, s in zip(values, suppressed, strict=True)]
    return pd.DataFrame(out)
