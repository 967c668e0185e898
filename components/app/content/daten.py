"""Daten & Methode: the tables of the whole package (participants per method, categories, codebook, counts)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

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


# Where Streamlit does not tell the page its address (tests, scripts), the snippet names the local one.
FALLBACK_URL = "http://localhost:8501"


def embed_address(app_url: str | None, base_path: str, page_path: str, query: dict[str, list[str]]) -> str:
    """The address of a view for a partner's ``<iframe>``: the app's origin and base path, the page, the
    current filters and language, and ``embed=true`` (Streamlit then shows neither sidebar nor menu)."""
    parts = urlsplit(app_url or FALLBACK_URL)
    base = "/".join(p for p in base_path.strip("/").split("/") if p)
    path = "/".join(p for p in (base, page_path) if p)
    params = {**{k: list(v) for k, v in query.items() if v}, "embed": ["true"]}
    return f"{parts.scheme}://{parts.netloc}/{path}?{urlencode(params, doseq=True)}"


def embed_snippet(address: str, title: str) -> str:
    """The HTML a partner site pastes in: an ``<iframe>`` with a title (WCAG 4.1.2) and no border."""
    return (
        f'<iframe title="{html.escape(title, quote=True)}" src="{html.escape(address, quote=True)}"\n'
        '        width="100%" height="800" style="border:0" loading="lazy"></iframe>'
    )
