"""Herausforderungen & Potenziale: challenges (heatmap, ranking), potentials, simplification, process instruments."""

from __future__ import annotations

import streamlit as st

from components.app import memo, ui
from components.app.context import get_context
from components.charts import freeze
from components.evidence import (
    build_code_ratings,
    build_code_shares,
    build_instrument_chart,
    build_matrix_heatmap,
    code_table,
    instrument_table,
    matrix_table,
)
from components.i18n import pick, rq_text, t
from study import evidence
from study.evidence import CHALLENGE, HEATMAP_DIMENSIONS
from study.selection import Selection

TEXT = {
    "ranking": ("Welche Herausforderungen genannt werden", "Which challenges are named"),
    "ranking_share": ("Anteil der Akteure, die die Herausforderung nennen", "Share of actors naming the challenge"),
    "ranking_severity": ("Mittlere Schwere der Herausforderung", "Mean severity of the challenge"),
    "severity": ("Mittlere Schwere (1–5)", "Mean severity (1–5)"),
    "heatmap": ("Herausforderungen im Vergleich", "Challenges compared"),
    "by": ("Spalten", "Columns"),
    "basis": ("Zellenwert", "Cell value"),
    "basis_actors": ("Akteure, die sie nennen", "Actors naming it"),
    "basis_rating": ("Mittlere Schwere", "Mean severity"),
    "share": ("Darstellung", "Display"),
    "share_none": ("Anzahl", "Number"),
    "share_col": ("Anteil an den Akteuren der Spalte", "Share of the column's actors"),
    "share_row": ("Anteil an der Zeile", "Share of the row"),
    "explain_none": (
        "Jede Zelle: Zahl der Akteure der Spalte, die die Herausforderung nennen.",
        "Each cell: number of the column's actors who name the challenge.",
    ),
    "explain_col": (
        "Jede Zelle: Anteil der Akteure der Spalte (in der Auswahl), die die Herausforderung nennen.",
        "Each cell: share of the column's actors (in the selection) who name the challenge.",
    ),
    "explain_row": (
        "Jede Zelle: Anteil der Akteure, die die Herausforderung nennen, der auf die Spalte entfällt "
        "(jede Zeile ergibt 100 %).",
        "Each cell: share of the actors naming the challenge who belong to the column (each row adds up to 100%).",
    ),
    "explain_rating": (
        "Jede Zelle: mittlere Schwere der Nennungen in der Spalte, von 1 (gering) bis 5 (sehr hoch).",
        "Each cell: mean severity of the mentions in the column, from 1 (low) to 5 (very high).",
    ),
    "rows_order": (
        "Zeilen nach der Zahl der Akteure geordnet, die die Herausforderung nennen.",
        "Rows ordered by the number of actors naming the challenge.",
    ),
    "share_of_actors": ("Anteil der Akteure", "Share of actors"),
    "share_naming": ("Anteil der Akteure, die sie nennen", "Share of actors naming them"),
    "instrument_metric": ("Balken zeigen", "Bars show"),
    "metric_n_actors": ("Akteure, die es nennen", "Actors naming it"),
    "metric_n_municipalities": ("Kommunen, in denen es genannt wird", "Municipalities where it is named"),
    "metric_share_existing": (
        "Anteil bestehender Kooperationen in diesen Kommunen",
        "Share of existing cooperation in those municipalities",
    ),
    "instrument_explain": (
        "„Anteil bestehender Kooperationen“: unter allen Kooperationsaussagen der Kommunen, in denen das "
        "Instrument genannt wird, der Anteil, der eine bestehende Kooperation beschreibt.",
        "“Share of existing cooperation”: of all cooperation statements in the municipalities where the "
        "instrument is named, the share that describe an existing cooperation.",
    ),
}
# Sections below the challenges: (category, chart kind); the research question comes from the codebook.
SECTIONS = (("potenzial", "codes"), ("vereinfachung", "codes"), ("prozess", "instruments"))


def text(key: str, lang: str, **params) -> str:
    return pick(TEXT, key, lang, **params)


# The charts with their tables, memoised per selection, language and options (see components.app.memo.view).


@memo.view
def challenge_ranking(sel: Selection, lang: str):
    """The challenges' share and severity charts, each with the table, or None."""
    ranked = evidence.ranked_frequencies(sel, category=CHALLENGE)
    if ranked.empty:
        return None
    labels, k = memo.labels(sel.package, lang), sel.k
    severity = text("severity", lang)
    table = ui.chart_table(code_table(ranked, labels.code, k=k, lang=lang, rating_title=severity))
    shares = build_code_shares(ranked, labels.code, k=k, lang=lang, title=text("ranking_share", lang))
    ratings = build_code_ratings(
        ranked, labels.code, k=k, lang=lang, title=text("ranking_severity", lang), value_title=severity
    )
    return (freeze(shares), table), (freeze(ratings), table)


@memo.view
def challenge_heatmap(sel: Selection, lang: str, by: str, basis: str, share: str | None):
    """The challenges × dimension heatmap and its table."""
    labels, k = memo.labels(sel.package, lang), sel.k
    matrix = evidence.category_matrix(sel, CHALLENGE, by, basis=basis, share=share)
    if basis == "rating":
        value_title = text("severity", lang)
    else:
        value_title = t("n_actors", lang) if share is None else text("share_of_actors", lang)
    title = f"{labels.category(CHALLENGE)} × {labels.dimension_title(by)}"
    fig = build_matrix_heatmap(matrix, labels.code, labels.of(by), k=k, lang=lang, title=title, value_title=value_title)
    table = matrix_table(
        matrix,
        labels.code,
        labels.of(by),
        k=k,
        lang=lang,
        row_title=labels.category(CHALLENGE),
        column_title=labels.dimension_title(by),
        value_title=value_title,
    )
    return ui.prepared(fig, table)


@memo.view
def instrument_chart(sel: Selection, lang: str, category: str, metric: str):
    uptake = memo.aggregate.instrument_uptake(sel, category)  # shared with the page's check below
    if uptake.empty:
        return None
    labels, k = memo.labels(sel.package, lang), sel.k
    fig = build_instrument_chart(
        uptake,
        labels.code,
        k=k,
        lang=lang,
        title=f"{labels.category(category)}: {text(f'metric_{metric}', lang)}",
        metric=metric,
    )
    return ui.prepared(fig, instrument_table(uptake, labels.code, k=k, lang=lang))


@memo.view
def code_chart(sel: Selection, lang: str, category: str):
    freq = evidence.ranked_frequencies(sel, category=category)
    if freq.empty:
        return None
    labels, k = memo.labels(sel.package, lang), sel.k
    title = f"{labels.category(category)}: {text('share_naming', lang)}"
    fig = build_code_shares(freq, labels.code, k=k, lang=lang, title=title)
    return ui.prepared(fig, code_table(freq, labels.code, k=k, lang=lang))


ctx = get_context()
lang, sel, k = ctx.lang, ctx.selection, ctx.k
labels = memo.labels(ctx.package, lang)  # built once per package and language, unlike ctx.labels


def tx(key: str, **params) -> str:
    return text(key, lang, **params)


def section_header(category: str) -> None:
    st.header(labels.category(category))
    rqs = memo.evidence.category_questions(ctx.package, category)
    if rqs:
        short = t("rq_short", lang)
        st.caption(" · ".join(f"{short} {q}: {rq_text(q, lang)}" for q in rqs))


ui.page_header(ctx, "page_challenges", (5, 6, 7))
if not ui.coverage(ctx):
    st.stop()

# Challenges: ranking by actors naming them, and their mean severity.
section_header(CHALLENGE)
ranking = challenge_ranking(sel, lang)
if ranking is None:
    st.info(t("no_data", lang))
else:
    st.subheader(tx("ranking"))
    left, right = st.columns(2)
    with left:
        ui.chart(*ranking[0], ctx, "hp_rank")
    with right:
        ui.chart(*ranking[1], ctx, "hp_sev")

    st.subheader(tx("heatmap"))
    c1, c2, c3 = st.columns(3)
    with c1:
        heatmap_dims = ui.allowed_dimensions(ctx, HEATMAP_DIMENSIONS)
    by = c1.radio(tx("by"), heatmap_dims, format_func=labels.dimension_title, key="hp_by")
    basis = c2.radio(tx("basis"), ("actors", "rating"), format_func=lambda b: tx(f"basis_{b}"), key="hp_basis")
    share = c3.radio(
        tx("share"),
        ("none", "col", "row"),
        format_func=lambda s: tx(f"share_{s}"),
        key="hp_share",
        disabled=basis == "rating",
    )
    share_arg = None if share == "none" else share
    explain = "explain_rating" if basis == "rating" else f"explain_{share}"
    st.markdown(f"{tx(explain)} {tx('rows_order')}")
    fig, table = challenge_heatmap(sel, lang, by, basis, share_arg)
    ui.chart(fig, table, ctx, "hp_heatmap")

for category, kind in SECTIONS:
    section_header(category)
    if kind == "instruments":
        if memo.aggregate.instrument_uptake(sel, category).empty:
            st.info(t("no_data", lang))
            continue
        metrics = ("n_actors", "n_municipalities", "share_existing") if sel.allows("municipality_id") else ("n_actors",)
        metric = st.radio(
            tx("instrument_metric"),
            metrics,
            format_func=lambda m: tx(f"metric_{m}"),
            horizontal=True,
            key="hp_instrument_metric",
        )
        ui.chart(*instrument_chart(sel, lang, category, metric), ctx, f"hp_{category}")
        st.caption(tx("instrument_explain"))
    else:
        chart = code_chart(sel, lang, category)
        if chart is None:
            st.info(t("no_data", lang))
            continue
        ui.chart(*chart, ctx, f"hp_{category}")
