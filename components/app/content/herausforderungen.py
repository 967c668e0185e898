"""Herausforderungen & Potenziale: the challenges' rankings and heatmap, the sections' code and instrument charts."""

from __future__ import annotations

from study import aggregate, evidence
from study.evidence import CHALLENGE
from study.labels import Labels
from study.selection import Selection

from ...charts import prepared
from ...evidence import (
    build_code_ratings,
    build_code_shares,
    build_instrument_chart,
    build_matrix_heatmap,
    code_table,
    instrument_table,
    matrix_table,
)
from ...i18n import pick, t
from ..cache import cached
from .common import chart_source

TEXTS = {
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
    return pick(TEXTS, key, lang, **params)


@cached
def challenge_ranking(sel: Selection, labels: Labels):
    """The challenges' share and severity charts, each with the table, or None."""
    ranked = evidence.ranked_frequencies(sel, category=CHALLENGE)
    if ranked.empty:
        return None
    lang, k = labels.lang, sel.k
    severity = text("severity", lang)
    table = code_table(ranked, labels.code, k=k, lang=lang, rating_title=severity)
    source = chart_source(sel, labels)
    shares = build_code_shares(ranked, labels.code, k=k, lang=lang, title=text("ranking_share", lang))
    ratings = build_code_ratings(
        ranked, labels.code, k=k, lang=lang, title=text("ranking_severity", lang), value_title=severity
    )
    return prepared(shares, table, source), prepared(ratings, table, source)


@cached
def challenge_heatmap(sel: Selection, labels: Labels, by: str, basis: str, share: str | None):
    """The challenges × dimension heatmap and its table."""
    lang, k = labels.lang, sel.k
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
    return prepared(fig, table, chart_source(sel, labels))


@cached(max_entries=300, max_bytes=32 * 2**20)
def uptake_of(sel: Selection, category: str):
    """``aggregate.instrument_uptake``, made once per selection for ``has_instruments`` and every metric's chart."""
    return aggregate.instrument_uptake(sel, category)


@cached
def instrument_chart(sel: Selection, labels: Labels, category: str, metric: str):
    uptake = uptake_of(sel, category)
    if uptake.empty:
        return None
    lang, k = labels.lang, sel.k
    fig = build_instrument_chart(
        uptake,
        labels.code,
        k=k,
        lang=lang,
        title=f"{labels.category(category)}: {text(f'metric_{metric}', lang)}",
        metric=metric,
    )
    return prepared(fig, instrument_table(uptake, labels.code, k=k, lang=lang), chart_source(sel, labels))


@cached
def code_chart(sel: Selection, labels: Labels, category: str):
    freq = evidence.ranked_frequencies(sel, category=category)
    if freq.empty:
        return None
    lang, k = labels.lang, sel.k
    title = f"{labels.category(category)}: {text('share_naming', lang)}"
    fig = build_code_shares(freq, labels.code, k=k, lang=lang, title=title)
    return prepared(fig, code_table(freq, labels.code, k=k, lang=lang), chart_source(sel, labels))


@cached
def has_instruments(sel: Selection, category: str) -> bool:
    """Whether the selection has statements on the category's instruments (the metric choice needs some)."""
    return not uptake_of(sel, category).empty
