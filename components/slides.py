"""The presentation mode's building blocks: the slide sequence, projector-sized figures, constant CSS.

No streamlit here: the page ``pages/praesentation.py`` renders what these functions return.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

from study.evidence import Finding, question_findings
from study.labels import Labels
from study.package import StudyPackage
from study.selection import Filters

from .charts import LABEL_CHARS, figure_title, wrap_text
from .i18n import tr

# Projector sizes. Type scales with the screen's height (vh) between a floor and a ceiling, so that at
# 1280×720 and at 1920×1080 the whole slide - title, text, chart, number, buttons - fits without scrolling.
CHART_FONT = 20
CHART_TITLE = 24
# The script that makes a slide change replace the browser's history entry, read once per process. Inlined as it
# is: the Content-Security-Policy of ``deploy.proxy`` allows it by the hash of this text.
HISTORY_SCRIPT = Path(__file__).with_name("slide_history.js").read_text(encoding="utf-8")
# Keys of the slide's parts (st.container(key=...) makes them the CSS classes .st-key-…).
HEAD_KEY, CHART_KEY, NAV_KEY = "folie_kopf", "folie_grafik", "folie_navigation"

# Constant CSS (no data in it): hide the sidebar and Streamlit's chrome, enlarge text, high contrast, and lay
# the slide out as a column of the screen's height in which the chart takes what the text leaves.
SLIDE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stMainMenu"] { display: none !important; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] { background: #FFFFFF; color: #000000; }
[data-testid="stMainBlockContainer"] {
  padding: 0.6rem 2rem 0.4rem !important; max-width: 100%; height: 100vh; box-sizing: border-box;
  display: flex; flex-direction: column;
}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { flex: 1 1 auto; min-height: 0; gap: 0.45rem; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] blockquote {
  font-size: clamp(20px, 3.1vh, 30px) !important; line-height: 1.35; color: #000000;
}
[data-testid="stMain"] h1 { font-size: clamp(36px, 6.5vh, 64px) !important; line-height: 1.15; color: #000000; padding: 0; }
[data-testid="stMain"] h2 { font-size: clamp(28px, 5vh, 48px) !important; line-height: 1.15; color: #000000; padding: 0; }
[data-testid="stMain"] h3 { font-size: clamp(24px, 3.8vh, 36px) !important; color: #000000; padding: 0; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
  font-size: clamp(16px, 2.3vh, 22px) !important; color: #1A1A1A !important; opacity: 1 !important;
}
[data-testid="stMain"] [data-testid="stAlertContainer"] { padding: 0.3rem 0.8rem; }
[data-testid="stMain"] [data-testid="stAlert"] p { font-size: clamp(16px, 2.3vh, 22px) !important; }
.st-key-folie_kopf p, .st-key-folie_kopf a, .st-key-folie_kopf span { font-size: clamp(16px, 2.3vh, 22px) !important; }
.st-key-folie_kopf [data-testid="stPageLink"] a { padding: 0 0.4rem; }
[data-testid="stLayoutWrapper"]:has(> .st-key-folie_grafik) { flex: 1 1 0; min-height: 160px; }
.st-key-folie_grafik > [data-testid="stElementContainer"]:first-child { flex: 1 1 0; min-height: 0; }
.st-key-folie_grafik [data-testid="stExpander"] summary p { font-size: clamp(16px, 2.2vh, 20px) !important; }
.st-key-folie_navigation button p { font-size: clamp(20px, 3vh, 28px) !important; color: inherit !important; }
.st-key-folie_navigation button { min-height: clamp(2.4rem, 6vh, 3.4rem); }
.st-key-folie_tasten { display: none !important; }
</style>
"""


def package_date(metadata: Mapping, lang: str) -> str | None:
    """The package's date ("created", ISO 8601) as the slides' "Stand": 25.11.2026 / 2026-11-25; None if unknown."""
    raw = str(metadata.get("created") or "").strip()
    try:
        day = dt.date.fromisoformat(raw[:10])
    except ValueError:
        return None
    return day.strftime("%d.%m.%Y") if lang != "en" else day.isoformat()


@dataclass(frozen=True)
class Slide:
    """One slide: the title slide, one finding, or the closing slide."""

    kind: str  # "title", "finding" or "closing"
    title: str
    finding: Finding | None = None


def build_slides(package: StudyPackage, lang: str, study_title: str, closing_title: str) -> list[Slide]:
    """Title slide, one slide per finding ordered by research question, closing slide."""
    slides = [Slide("title", study_title)]
    for rq in range(1, 8):
        slides += [Slide("finding", f.title, f) for f in question_findings(package, rq, lang)]
    slides.append(Slide("closing", closing_title))
    return slides


def clamp_slide(raw, n_slides: int) -> int:
    """The slide number (1 … n) from a query value; anything unreadable is slide 1."""
    try:
        number = int(str(raw).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(n_slides, 1))


def contacts(metadata: Mapping) -> list[dict[str, str]]:
    """The package's contributors with role "contact" (title, organisation, email, path; as given)."""
    out = []
    for person in metadata.get("contributors") or ():
        if not isinstance(person, Mapping):
            continue
        if str(person.get("role", "")).strip().lower() != "contact":
            continue
        out.append(
            {
                key: str(person[key]).strip()
                for key in ("title", "organization", "email", "path")
                if person.get(key) not in (None, "")
            }
        )
    return out


def filter_summary(filters: Filters, labels: Labels, lang: str) -> str:
    """The active shared filters in words ("Bundesland: Bayern · Größenklasse: Großstadt"); plain text,
    to be escaped by the caller. No filter: "alle Daten" / "all data"."""
    active = filters.active()
    if not active:
        return tr(("alle Daten (keine Filter)", "all data (no filters)"), lang)
    parts = []
    for dim, values in active.items():
        label = labels.of(dim)
        parts.append(f"{labels.dimension_title(dim)}: " + ", ".join(label(v) for v in values))
    return " · ".join(parts)


def presentation_figure(fig: go.Figure) -> go.Figure:
    """A copy of a chart for the projector: fonts of at least 20 px, as tall as the slide leaves room for.

    The height is the slide's (the page draws it with ``height="stretch"``); heatmap columns are labelled
    below the cells, turned only if they do not fit side by side."""
    big = go.Figure(copy.deepcopy(fig.to_dict()))
    heatmap = any(trace.type == "heatmap" for trace in big.data)
    big.update_layout(
        font=dict(size=CHART_FONT, color="#000000"),
        # one line: the projector has the width a phone lacks (see components.charts.TITLE_CHARS)
        title=dict(
            text=figure_title(fig),
            font=dict(size=CHART_TITLE, color="#000000"),
            y=0.98,
            yref="container",
            yanchor="top",
        ),
        hoverlabel=dict(font_size=CHART_FONT),
        legend=dict(font=dict(size=CHART_FONT)),
        height=None,
        margin=dict(l=20, r=60, t=70 if heatmap else 80, b=50),
        autosize=True,
    )
    big.update_xaxes(tickfont=dict(size=CHART_FONT), title_font=dict(size=CHART_FONT))
    big.update_yaxes(tickfont=dict(size=CHART_FONT), title_font=dict(size=CHART_FONT))
    if heatmap:
        big.update_xaxes(side="bottom", automargin=True)
        big.layout.xaxis.tickangle = None  # plotly's default: turned only where the labels need it
    big.update_traces(textfont=dict(size=CHART_FONT), selector=dict(type="bar"))
    big.update_traces(textfont=dict(size=CHART_FONT), selector=dict(type="heatmap"))
    # no sideways scrolling box (``min_width``): the slide sizes the chart by CSS to the projector's screen
    big.layout.meta = {key: value for key, value in (fig.layout.meta or {}).items() if key != "min_width"}
    return big


def mark_categories(fig: go.Figure, axis: str, names: Iterable[str]) -> go.Figure:
    """Set the category labels in ``names`` in bold on ``axis`` ("x"/"y"): what the finding names stands out.

    Only the tick text changes; the data and the text alternative keep the plain labels."""
    wanted = set(names)
    trace = next((t for t in fig.data if getattr(t, axis, None) is not None), None)
    if trace is None or not wanted:
        return fig
    categories = list(dict.fromkeys(str(v) for v in getattr(trace, axis)))
    if not wanted & set(categories):
        return fig
    # Tick text is plotly's pseudo-HTML: labels from the package are escaped, only the <b> is markup.
    # Wrapped as the builders wrap long labels (components.charts.category_ticks).
    ticks = [
        f"<b>{wrap_text(html.escape(c, quote=False), LABEL_CHARS)}</b>"
        if c in wanted
        else wrap_text(html.escape(c, quote=False), LABEL_CHARS)
        for c in categories
    ]
    fig.update_layout({f"{axis}axis": dict(tickmode="array", tickvals=categories, ticktext=ticks)})
    return fig
