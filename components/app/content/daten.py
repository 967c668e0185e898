"""Daten & Methode: the tables of the whole package (participants per method, categories, codebook, counts)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from study import aggregate, catalog
from study.labels import Labels
from study.selection import Filters, select

from ...charts import ChartTable, chart_table, figure_table
from ...i18n import rq_text, t
from ..cache import cached


@dataclass(frozen=True)
class DataTables:
    """The tables of the whole package on "Daten & Methode", per package and language."""

    totals: dict[str, int]
    per_method: pa.Table | pd.DataFrame
    categories: pa.Table | pd.DataFrame
    codebook: pd.DataFrame
    codebook_shown: ChartTable  # the codebook as st.dataframe shows it when nobody searches
    counts: pa.Table | pd.DataFrame


def arrow(table: pd.DataFrame) -> pa.Table | pd.DataFrame:
    return chart_table(table).data


@cached(max_entries=20)
def tables(labels: Labels) -> DataTables:
    package, lang = labels.package, labels.lang
    k, short = package.min_group_size, t("rq_short", lang)

    def rq_label(rq: int) -> str:
        return f"{short} {rq} – {rq_text(rq, lang)}"

    everything = select(package, Filters())
    per_method = figure_table(
        aggregate.participants(everything, "method"),
        [
            ("method", labels.dimension_title("method"), labels.method),
            ("n_actors", t("n_actors", lang), "int"),
            ("n_statements", t("n_statements", lang), "int"),
        ],
        k=k,
        lang=lang,
    )
    codebook = catalog.codebook_table(package, lang, rq_label)
    counts = catalog.table_counts(package, lang)
    counts = figure_table(
        counts, [(c, c, "int" if i == 2 else str) for i, c in enumerate(counts.columns)], k=k, lang=lang
    )
    return DataTables(
        aggregate.key_figures(everything),
        arrow(per_method),
        arrow(catalog.category_overview(package, lang, rq_label)),
        codebook,
        chart_table(codebook),
        arrow(counts),
    )
