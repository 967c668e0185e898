"""Streamlit widgets the pages share: headers, notices, key figures, charts with their tables."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from study import aggregate as agg
from study import catalog

from .. import exports
from ..charts import ChartTable, figure_title, has_suppressed
from ..i18n import coverage_text, fmt_int, rq_text, t
from .context import PageContext
from .pages import page_spec, registered_url_path
from .private.page_objects import link_page
from .private.plotly_send import plotly_chart

PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def page_link(path: str, *, label: str, icon: str | None = None) -> None:
    """``st.page_link`` to a page file ("pages/akteure.py")."""
    st.page_link(link_page(path, registered_url_path(path)), label=label, icon=icon)


def mirror_in_url(keys: Iterable[str], wanted: dict[str, list[str]]) -> None:
    """Make the query string hold ``wanted`` for ``keys``: set what differs, drop keys not wanted.

    Only changed keys are written: each write sends a message to the browser.
    """
    for key in keys:
        if key in wanted:
            if st.query_params.get_all(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def page_header(ctx: PageContext, title_key: str) -> None:
    """The page's title and, in one line, the research questions the page registry names for it.

    The line is an expander's label ("Beantwortet FF 1 Kooperation · FF 3 Gewinnung"): the questions'
    full text is there on demand, so the page's first chart stays high up."""
    st.title(t(title_key, ctx.lang))
    rqs = page_spec(title_key).rqs
    if rqs:
        lang, short = ctx.lang, t("rq_short", ctx.lang)
        names = " · ".join(f"{short} {q} {t(f'rq_topic_{q}', lang)}" for q in rqs)
        label = f"{t('rq_questions', lang, rqs=names)} – {t('rq_full_text', lang)}"
        with st.expander(label, icon=":material/help_outline:"):
            st.markdown("  \n".join(f"**{short} {q}:** {rq_text(q, lang)}" for q in rqs))


def coverage(ctx: PageContext) -> bool:
    """Show how much the selection covers; return False (after a notice) if it is too small."""
    sel = ctx.selection
    if sel.too_small:
        st.warning(t("too_small", ctx.lang, k=ctx.k), icon=":material/lock:")
        return False
    st.caption(coverage_text(sel.n_municipalities, sel.n_actors, sel.n_statements, ctx.lang))
    st.caption(t("protection_note", ctx.lang, k=ctx.k, k1=ctx.k - 1))
    protection_notices(ctx)
    return True


def notice_texts(ctx: PageContext) -> list[str]:
    """What the protection changed in the requested selection, in words (see ``study.selection.select``)."""
    sel, lang, labels = ctx.selection, ctx.lang, ctx.labels
    out = []
    for kind, values in sel.notices:
        if kind == "dropped":
            dims = ", ".join(t(f"filter_{d}", lang) for d in values)
            out.append(t("notice_dropped", lang, dims=dims))
        else:
            label = labels.municipality if kind == "widened_region" else labels.actor_type
            out.append(t(f"notice_{kind}", lang, values=", ".join(label(v) for v in values), k=ctx.k))
    return out


def protection_notices(ctx: PageContext) -> None:
    for text in notice_texts(ctx):
        st.info(text, icon=":material/shield_lock:")


def allowed_dimensions(ctx: PageContext, dimensions: Iterable[str]) -> list[str]:
    """The breakdowns of ``dimensions`` the selection allows; a note names the others and why."""
    sel = ctx.selection
    dims = list(dimensions)
    allowed = [d for d in dims if sel.allows(d)]
    withheld = [d for d in dims if d not in allowed]
    if withheld:
        names = ", ".join(ctx.labels.dimension_title(d) for d in withheld)
        st.caption(t("breakdown_withheld", ctx.lang, dims=names, family=t(f"family_{sel.family}", ctx.lang)))
    return allowed


def key_figures(ctx: PageContext) -> None:
    figures = agg.key_figures(ctx.selection)
    cols = st.columns(4)
    cols[0].metric(t("kf_municipalities", ctx.lang), fmt_int(figures["municipalities"], ctx.lang))
    cols[1].metric(t("kf_actors", ctx.lang), fmt_int(figures["actors"], ctx.lang))
    cols[2].metric(t("kf_statements", ctx.lang), fmt_int(figures["statements"], ctx.lang))
    cols[3].metric(t("kf_findings", ctx.lang), fmt_int(len(ctx.package.findings), ctx.lang))


def chart_config(fig: go.Figure, name: str) -> dict:
    """The plotly toolbar for a chart: only what makes sense for it, and the PNG under a telling name.

    Charts that are read, not explored (``dragmode`` off: bars, dots, heatmaps) keep only the camera;
    the PNG carries the title and the source line, which are part of the figure.
    """
    config = dict(PLOTLY_CONFIG)
    config["toImageButtonOptions"] = {**PLOTLY_CONFIG["toImageButtonOptions"], "filename": name}
    if fig.layout.dragmode is False:
        config["modeBarButtons"] = [["toImage"]]
    return config


def file_stem(title: str, synthetic: bool) -> str:
    """A file name from a chart title: "Wege, Partner zu gewinnen (n = 12 Akteure)" → "wege-partner-zu-gewinnen"."""
    base = re.sub(r"\s*\(n = [^)]*\)\s*$", "", title)
    base = base.translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}))
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")[:60].strip("-") or "diagramm"
    return stem + ("_demodaten" if synthetic else "")


def chart_downloads(table: ChartTable, ctx: PageContext, key: str, stem: str) -> None:
    """ "Daten herunterladen" as CSV for German Excel and as XLSX, each one click, built when clicked.

    Both are made from ``table.frame``, the table of numbers the page shows for this chart (see
    ``components.exports.chart_download_table``): protected exactly as the screen, nothing recomputed.
    """
    lang = ctx.lang

    def rows():
        return exports.chart_download_table(table.frame, lang)

    def workbook():
        info = catalog.export_info(ctx.selection, lang)
        field, value = info.columns
        extra = pd.DataFrame(
            {field: [t("chart_word", lang), t("source_source", lang)], value: [table.title, table.source]}
        )
        return exports.xlsx_bytes(
            {t("download_sheet", lang): rows(), "Info": pd.concat([extra, info], ignore_index=True)}
        )

    label, csv_col, xlsx_col = st.columns([2, 2, 2], vertical_alignment="center")
    label.caption(t("download_data", lang), help=t("download_note", lang, k=ctx.k))
    csv_col.download_button(
        t("download_csv", lang),
        data=lambda: exports.csv_bytes(rows()),
        file_name=f"{stem}.csv",
        mime=exports.CSV_MIME,
        on_click="ignore",
        icon=":material/download:",
        key=f"{key}_csv",
    )
    xlsx_col.download_button(
        t("download_xlsx", lang),
        data=workbook,
        file_name=f"{stem}.xlsx",
        mime=exports.XLSX_MIME,
        on_click="ignore",
        icon=":material/download:",
        key=f"{key}_xlsx",
    )


def chart(
    fig: go.Figure, table: pd.DataFrame | ChartTable, ctx: PageContext, key: str, height: int | str = "content"
) -> None:
    """A chart with its text alternative, the same numbers as a table in an expander, and its downloads.

    ``height="stretch"`` lets the chart fill its container's height (the slides size it by CSS).

    A chart with nothing to show (every value withheld or none at all, ``layout.meta["empty"]``) is
    replaced by a sentence saying why. The table is sent only while its expander is open (opening it
    reruns the page): most visitors never open it, and each table costs a rerun as much as the chart itself.
    """
    prepared = table if isinstance(table, ChartTable) else ChartTable(table, table, has_suppressed(table))
    meta = fig.layout.meta or {}
    empty = meta.get("empty")
    if empty:
        st.info(t(f"chart_empty_{empty}", ctx.lang, k=ctx.k), icon=":material/visibility_off:")
        return
    alt = meta.get("alt", "")
    stem = file_stem(prepared.title or figure_title(fig), ctx.package.synthetic)
    min_width = int(meta.get("min_width") or 0)
    if min_width:
        # A chart that needs more room than a phone has (wide heatmap, network) scrolls sideways in its box.
        # The inner box has the width: Streamlit sizes the chart to its container when it draws it.
        box = "wide_chart_" + re.sub(r"[^A-Za-z0-9_-]", "_", key)
        st.html(
            f"<style>.st-key-{box} {{ overflow-x: auto; }} .st-key-{box}_inner {{ min-width: {min_width}px; }}</style>"
        )
        with st.container(key=box), st.container(key=f"{box}_inner"):
            plotly_chart(fig, key=key, config=chart_config(fig, stem), alt=alt, theme=None, height=height)
    else:
        plotly_chart(fig, key=key, config=chart_config(fig, stem), alt=alt, theme=None, height=height)
    chart_downloads(prepared, ctx, key, stem)
    with st.expander(t("table_of_numbers", ctx.lang), key=f"{key}_numbers", on_change="rerun") as numbers:
        if not numbers.open:
            return
        st.caption(alt)
        st.dataframe(prepared.data, hide_index=True, key=f"{key}_table")
        if prepared.has_suppressed:
            st.caption(t("suppressed_note", ctx.lang, k=ctx.k))
