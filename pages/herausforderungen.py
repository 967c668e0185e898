"""Herausforderungen & Potenziale: challenges (heatmap, ranking), potentials, simplification, process instruments."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.app import ui
from components.app.content import herausforderungen as built
from components.app.context import get_context
from components.i18n import pick, rq_text, t
from study import evidence
from study.evidence import CHALLENGE, HEATMAP_DIMENSIONS

ctx = get_context()
lang, sel, k = ctx.lang, ctx.selection, ctx.k
labels = ctx.labels


tx = partial(pick, built.TEXTS, lang=lang)


def section_header(category: str) -> None:
    st.header(labels.category(category))
    rqs = evidence.category_questions(ctx.package, category)
    if rqs:
        short = t("rq_short", lang)
        st.caption(" · ".join(f"{short} {q}: {rq_text(q, lang)}" for q in rqs))


ui.page_header(ctx, "page_challenges")
if not ui.coverage(ctx):
    st.stop()

# Challenges: ranking by actors naming them, and their mean severity.
section_header(CHALLENGE)
ranking = built.challenge_ranking(sel, labels)
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
    fig, table = built.challenge_heatmap(sel, labels, by, basis, share_arg)
    ui.chart(fig, table, ctx, "hp_heatmap")

for category, kind in built.SECTIONS:
    section_header(category)
    if kind == "instruments":
        if not built.has_instruments(sel, category):
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
        ui.chart(*built.instrument_chart(sel, labels, category, metric), ctx, f"hp_{category}")
        st.caption(tx("instrument_explain"))
    else:
        chart = built.code_chart(sel, labels, category)
        if chart is None:
            st.info(t("no_data", lang))
            continue
        ui.chart(*chart, ctx, f"hp_{category}")
