"""Figures and tables for evidence charts: code frequencies, category heatmaps and process instruments.

Builders take frames from ``study.aggregate`` / ``study.evidence`` and return a ``go.Figure`` or a
display table of strings; they never import streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from study.evidence import Matrix

from .charts import build_bar_chart, build_dot_chart, build_heatmap, figure_table
from .i18n import t

PAGES_DIR = Path(__file__).resolve().parents[1] / "pages"
_VIEW_NAME = re.compile(r"^[a-z0-9_]+$")

Label = Callable[[str], str]


def _headings(lang: str) -> dict[str, str]:
    de = lang != "en"
    return {
        "code": "Code" if de else "Code",
        "n_municipalities": "Kommunen (Anzahl)" if de else "Municipalities (number)",
        "share_existing": "Anteil bestehender Kooperationen" if de else "Share of existing cooperation",
        "value": "Wert" if de else "Value",
    }


def _pct_range(values: pd.Series) -> float:
    top = float(values.max()) if values.notna().any() else 0.0
    return min(1.0, max(0.1, top * 1.2))


def build_code_shares(frame: pd.DataFrame, label: Label, *, k: int, lang: str, title: str) -> go.Figure:
    """Bars of the share of the selection's actors naming each code (frame from code_frequencies)."""
    return build_bar_chart(
        frame,
        "code",
        "share_actors",
        label,
        k=k,
        lang=lang,
        title=title,
        value_title=t("share_actors", lang),
        value_kind="pct",
        n_title=t("n_actors", lang),
        range_max=_pct_range(frame["share_actors"]),
    )


def build_code_ratings(
    frame: pd.DataFrame, label: Label, *, k: int, lang: str, title: str, value_title: str
) -> go.Figure:
    """The mean rating per code as a dot on its 1–5 scale, in the frame's order (frame from code_frequencies)."""
    return build_dot_chart(
        frame,
        "code",
        "mean_rating",
        label,
        k=k,
        lang=lang,
        title=title,
        value_title=value_title,
        n_title=t("n_actors", lang),
    )


def code_table(
    frame: pd.DataFrame, label: Label, *, k: int, lang: str, rating_title: str | None = None
) -> pd.DataFrame:
    """The numbers behind a code chart: actors, their share and (if any) the mean rating."""
    columns = [
        ("code", _headings(lang)["code"], label),
        ("n_actors", t("n_actors", lang), "int"),
        ("share_actors", t("share_actors", lang), "pct"),
    ]
    if frame["mean_rating"].notna().any():
        columns.append(("mean_rating", rating_title or t("mean_rating", lang), "float"))
    return figure_table(frame, columns, k=k, lang=lang)


def build_matrix_heatmap(
    matrix: Matrix, row_label: Label, column_label: Label, *, k: int, lang: str, title: str, value_title: str
) -> go.Figure:
    """A heatmap of a ``study.evidence.Matrix`` in its row and column order."""
    return build_heatmap(
        matrix.frame,
        matrix.rows,
        matrix.columns,
        row_label,
        column_label,
        k=k,
        lang=lang,
        title=title,
        value_title=value_title,
        value_kind=matrix.value_kind,
        row_order=matrix.row_order,
        column_order=matrix.column_order,
    )


def matrix_table(
    matrix: Matrix,
    row_label: Label,
    column_label: Label,
    *,
    k: int,
    lang: str,
    row_title: str,
    column_title: str,
    value_title: str,
) -> pd.DataFrame:
    """The heatmap's cells as a long table, in the heatmap's reading order (row by row)."""
    frame = matrix.frame
    if not frame.empty:
        r = {c: i for i, c in enumerate(matrix.row_order)}
        c = {v: j for j, v in enumerate(matrix.column_order)}
        ri = frame[matrix.rows].astype(str).map(r).to_numpy(dtype="float64")
        ci = frame[matrix.columns].astype(str).map(c).to_numpy(dtype="float64")
        order = np.lexsort((ci, ri))
        frame = frame.iloc[order].reset_index(drop=True)
    return figure_table(
        frame,
        [
            (matrix.rows, row_title, row_label),
            (matrix.columns, column_title, column_label),
            ("value", value_title, matrix.value_kind),
            ("n_actors", t("n_actors", lang), "int"),
        ],
        k=k,
        lang=lang,
    )


def build_instrument_chart(
    frame: pd.DataFrame, label: Label, *, k: int, lang: str, title: str, metric: str = "n_actors"
) -> go.Figure:
    """Bars per process instrument (frame from aggregate.instrument_uptake) for one of its metrics."""
    titles = {
        "n_actors": t("n_actors", lang),
        "n_municipalities": _headings(lang)["n_municipalities"],
        "share_existing": _headings(lang)["share_existing"],
    }
    kind = "pct" if metric == "share_existing" else "int"
    return build_bar_chart(
        frame,
        "code",
        metric,
        label,
        k=k,
        lang=lang,
        title=title,
        value_title=titles[metric],
        value_kind=kind,
        n_title=t("n_actors", lang),
        range_max=1.0 if kind == "pct" else None,
    )


def instrument_table(frame: pd.DataFrame, label: Label, *, k: int, lang: str) -> pd.DataFrame:
    h = _headings(lang)
    return figure_table(
        frame,
        [
            ("code", h["code"], label),
            ("n_actors", t("n_actors", lang), "int"),
            ("n_municipalities", h["n_municipalities"], "int"),
            ("share_existing", h["share_existing"], "pct"),
        ],
        k=k,
        lang=lang,
    )


def page_for_view(view: str | None, pages_dir: Path = PAGES_DIR) -> str | None:
    """The page file ("pages/<view>.py") a finding's ``view`` points to, if that page exists.

    The view comes from the data package, so only plain page names are accepted.
    """
    if not view or not _VIEW_NAME.fullmatch(view):
        return None
    path = pages_dir / f"{view}.py"
    return f"pages/{view}.py" if path.is_file() else None
