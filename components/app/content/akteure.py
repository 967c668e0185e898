"""Akteure: the participants chart and the suitability chart, per selection and labels."""

from __future__ import annotations

from study import aggregate, cooperation
from study.labels import Labels
from study.selection import Selection

from ...charts import build_bar_chart, build_dot_chart, figure_table, prepared
from ...i18n import pick, t, with_n_actors
from ..cache import cached
from .common import chart_source

TEXTS = {
    "participants": ("Wer hat teilgenommen?", "Who took part?"),
    "dimension": ("Aufteilen nach", "Break down by"),
    "participants_title": ("Teilnehmende Akteure nach {dim}", "Participating actors by {dim}"),
    "method_note": (
        "Ein Akteur kann an mehreren Erhebungsmethoden teilgenommen haben und zählt dann bei jeder.",
        "An actor may have taken part in several methods and then counts for each.",
    ),
    "suitability": (
        "Wie gut eignen sich die Akteurstypen als Partner?",
        "How suitable are the actor types as partners?",
    ),
    "criterion": ("Eignungskriterium", "Suitability criterion"),
    "all_criteria": ("alle Kriterien", "all criteria"),
    "suitability_title": ("Eignung als Partner: {crit}", "Suitability as a partner: {crit}"),
    "suitability_explain": (
        "Mittlere Bewertung der Eignung (1 = kaum geeignet … 5 = sehr gut geeignet) durch die befragten Akteure, "
        "absteigend sortiert; ein Mittelwert der Mittelwerte je Akteur. Zum Schutz der Befragten gehen nur "
        "Kommunen ein, in denen mindestens {k} Akteure unterschiedlich bewertet haben; Spannweiten werden "
        "nicht gezeigt. Sonst „< {k}“.",
        "Mean suitability rating (1 = hardly suitable … 5 = very suitable) given by the actors interviewed, "
        "highest first; a mean of the actors' means. To protect the participants only municipalities in which "
        "at least {k} actors rated, not all alike, are included; no ranges are shown. Otherwise “< {k}”.",
    ),
    "mean": ("Mittelwert", "Mean"),
}
# Dimensions the participants chart can be broken down by (columns of the statements view).
DIMENSIONS = ("group", "actor_type", "municipality_id", "method")


def text(key: str, lang: str, **params) -> str:
    return pick(TEXTS, key, lang, **params)


@cached
def participants_chart(sel: Selection, labels: Labels, by: str):
    counts = aggregate.participants(sel, by)
    if counts.empty:
        return None
    lang, k = labels.lang, sel.k
    dim_title = labels.dimension_title(by)
    fig = build_bar_chart(
        counts,
        by,
        "n_actors",
        labels.of(by),
        k=k,
        lang=lang,
        title=with_n_actors(text("participants_title", lang, dim=dim_title), sel.n_actors, lang),
        value_title=t("n_actors", lang),
        n_column="n_statements",
        n_title=t("n_statements", lang),
    )
    table = figure_table(
        counts,
        [
            (by, dim_title, labels.of(by)),
            ("n_actors", t("n_actors", lang), "int"),
            ("n_statements", t("n_statements", lang), "int"),
        ],
        k=k,
        lang=lang,
    )
    return prepared(fig, table, chart_source(sel, labels))


@cached
def suitability_chart(sel: Selection, labels: Labels, criterion: str | None):
    ratings = cooperation.suitability(sel, criterion)
    if ratings.empty:
        return None
    lang, k = labels.lang, sel.k
    crit_label = text("all_criteria", lang) if criterion is None else labels.code(criterion)
    fig = build_dot_chart(
        ratings,
        "partner_type",
        "mean_rating",
        labels.partner_type,
        k=k,
        lang=lang,
        title=with_n_actors(text("suitability_title", lang, crit=crit_label), sel.n_actors, lang),
        value_title=t("mean_rating", lang),
        n_title=t("n_actors", lang),
    )
    table = figure_table(
        ratings,
        [
            ("partner_type", labels.dimension_title("partner_type"), labels.partner_type),
            ("mean_rating", text("mean", lang), "float"),
            ("n_actors", t("n_actors", lang), "int"),
        ],
        k=k,
        lang=lang,
    )
    return prepared(fig, table, chart_source(sel, labels))
