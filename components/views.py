"""What memoised page views return: plain frozen containers of prepared content.

They live here, not in the pages, because a page file runs on every rerun and defining a dataclass
costs about a millisecond (it compiles its methods); a module is imported once per process.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa

from study.compass import Compass

from .charts import FrozenFigure
from .ui import ChartTable


@dataclass(frozen=True)
class Question:
    """What a research question's tab on "Erkenntnisse" shows, per selection and language."""

    findings: list[tuple[str, str, str | None]]  # (title, text) as Markdown, and the page to go to
    charts: list[tuple[str, go.Figure, ChartTable]]  # (category, figure, table) with data
    quotes: list[tuple[str, str]]  # (quote, source) as Markdown


@dataclass(frozen=True)
class DataTables:
    """The tables of the whole package on "Daten & Methode", per package and language."""

    totals: dict[str, int]
    per_method: pa.Table | pd.DataFrame
    categories: pa.Table | pd.DataFrame
    codebook: pd.DataFrame
    codebook_shown: ChartTable  # the codebook as st.dataframe shows it when nobody searches
    counts: pa.Table | pd.DataFrame


@dataclass(frozen=True)
class SimilarCard:
    """A similar municipality on the compass page."""

    municipality_id: str
    text: str  # Markdown: name, state, size and points; why similar
    table: ChartTable | None  # cooperation per partner type, None if too few actors


@dataclass(frozen=True)
class Ranked:
    """One of the compass's partner lists: its chart and a Markdown card per rank."""

    chart: FrozenFigure
    table: ChartTable
    cards: tuple[str, ...]  # the first ranks, one Markdown block each: heading, parts, sentence, voices
    more_label: str  # the expander with the remaining ranks ("" if none)
    more: str  # their blocks as one Markdown text, separated by rules


@dataclass(frozen=True)
class CompassView:
    """What the result half of the compass page shows, per selection, profile and language."""

    result: Compass
    similar: tuple[SimilarCard, ...]
    partners: Ranked | None
    build_up: Ranked | None
    steps: tuple[FrozenFigure, ChartTable] | None
