"""The presentation mode's building blocks: the slide sequence, projector-sized figures, constant CSS.

No streamlit here: the page ``pages/praesentation.py`` renders what these functions return.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass

import plotly.graph_objects as go

from study.evidence import Finding, question_findings
from study.labels import Labels
from study.package import StudyPackage
from study.selection import Filters

from .i18n import tr

# Projector sizes: body text at least 24 px, chart text at least 20 px.
BODY_PX = 28
CHART_FONT = 22
CHART_TITLE = 28
ROW_PX = 64

# Constant CSS (no data in it): hide the sidebar and Streamlit's chrome, enlarge text, high contrast.
SLIDE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stMainMenu"] { display: none !important; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] { background: #FFFFFF; color: #000000; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; padding-bottom: 1rem; max-width: 100%; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] blockquote {
  font-size: 28px !important; line-height: 1.4; color: #000000;
}
[data-testid="stMain"] h1 { font-size: 56px !important; line-height: 1.15; color: #000000; }
[data-testid="stMain"] h2 { font-size: 44px !important; line-height: 1.2; color: #000000; }
[data-testid="stMain"] h3 { font-size: 34px !important; color: #000000; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
  font-size: 24px !important; color: #1A1A1A !important; opacity: 1 !important;
}
[data-testid="stMain"] button p { font-size: 26px !important; color: inherit !important; }
[data-testid="stMain"] button { min-height: 3.2rem; }
.st-key-folie_tasten { display: none !important; }
</style>
"""


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
    """A copy of a chart for the projector: fonts of at least 20 px, taller bars, full width."""
    big = go.Figure(copy.deepcopy(fig.to_dict()))
    n_rows = max((len(tr.y) for tr in big.data if getattr(tr, "y", None) is not None), default=4)
    big.update_layout(
        font=dict(size=CHART_FONT, color="#000000"),
        title=dict(font=dict(size=CHART_TITLE, color="#000000")),
        hoverlabel=dict(font_size=CHART_FONT),
        legend=dict(font=dict(size=CHART_FONT)),
        height=max(420, 140 + ROW_PX * n_rows),
        margin=dict(l=20, r=60, t=90, b=70),
        autosize=True,
    )
    big.update_xaxes(tickfont=dict(size=CHART_FONT), title_font=dict(size=CHART_FONT))
    big.update_yaxes(tickfont=dict(size=CHART_FONT), title_font=dict(size=CHART_FONT))
    big.update_traces(textfont=dict(size=CHART_FONT), selector=dict(type="bar"))
    big.update_traces(textfont=dict(size=CHART_FONT), selector=dict(type="heatmap"))
    big.layout.meta = fig.layout.meta
    return big
