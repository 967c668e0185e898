"""Kooperation: the charts of who cooperates with whom, the potential, how partners are won, support forms."""

from __future__ import annotations

import pandas as pd

from study import aggregate, cooperation
from study.anonymity import suppression_label
from study.labels import Labels
from study.selection import Selection

from ...charts import build_bar_chart, build_grouped_bars, build_heatmap, figure_table, prepared
from ...i18n import fmt_int, pick, t, with_n_actors
from ...network import build_network, network_table
from ..cache import cached
from .common import chart_source

TEXTS = {
    "who": ("Wer kooperiert mit wem?", "Who cooperates with whom?"),
    "status": ("Kooperationsstatus", "Cooperation status"),
    "matrix_title": (
        "Kooperation ({status}): Akteurstyp (Zeilen) mit Partnertyp (Spalten)",
        "Cooperation ({status}): actor type (rows) with partner type (columns)",
    ),
    "matrix_explain": (
        "Jede Zelle: Zahl der Akteure eines Typs (Zeile), die eine Kooperation dieses Status mit dem Partnertyp "
        "(Spalte) nennen.",
        "Each cell: number of actors of a type (row) who name a cooperation of this status with the partner type "
        "(column).",
    ),
    "network": ("Kooperationsnetz", "Cooperation network"),
    "network_statuses": ("Gezeigte Status", "Statuses shown"),
    "min_actors": ("Mindestens so viele Akteure je Verbindung", "At least this many actors per link"),
    "network_title": ("Kooperationsnetz der Akteurstypen", "Cooperation network of the actor types"),
    "network_explain": (
        "Links stehen die Typen der befragten Akteure, rechts die Partnertypen, die sie nennen; jede Linie ist eine "
        "Verbindung. Die Linienstärke wächst mit der Zahl der Akteure, die Linienart zeigt den Status "
        "(durchgezogen, gestrichelt, gepunktet). Verbindungen mit weniger als {k} Akteuren werden nicht gezeichnet.",
        "On the left the types of the actors interviewed, on the right the partner types they name; each line is a "
        "link. Line width grows with the number of actors, line style shows the status (solid, dashed, dotted). "
        "Links with fewer than {k} actors are not drawn.",
    ),
    "no_links": (
        "Keine Verbindung wird von mindestens {k} Akteuren genannt.",
        "No link is named by at least {k} actors.",
    ),
    "no_status": ("Bitte mindestens einen Status wählen.", "Please choose at least one status."),
    "who_withheld": (
        "Für diese Auswahl zeigen Matrix und Kooperationsnetz nichts: Nach Akteurstyp aufgeteilt stünden innerhalb "
        "eines Regionsfilters zu wenige Akteure je Zelle (oft einzelne Personen, weniger als {k}). Ohne Filter oder "
        "mit einem Filter nach Akteuren sind beide zu sehen; die Abschnitte darunter gelten für die Auswahl.",
        "For this selection the matrix and the cooperation network show nothing: broken down by actor type within a "
        "regional filter, there would be too few actors per cell (often single people, fewer than {k}). Without "
        "filters or with a filter by actors both are shown; the sections below apply to the selection.",
    ),
    "potential": ("Kooperationspotenzial", "Cooperation potential"),
    "potential_series": ("Potenzial", "Potential"),
    "potential_title": (
        "Bestehende, geplante und gewünschte Kooperation je Partnertyp",
        "Existing, planned and wished-for cooperation per partner type",
    ),
    "potential_explain": (
        "Potenzial = Zahl der Akteure, die eine Kooperation mit dem Partnertyp planen oder wünschen, aber noch "
        "keine bestehende nennen. Sortiert nach Potenzial.",
        "Potential = number of actors who plan or wish for cooperation with the partner type but name no "
        "existing one. Sorted by potential.",
    ),
    "winning": ("Wie lassen sich Partner gewinnen?", "How can partners be won?"),
    "winning_title": ("Wege, Partner zu gewinnen", "Ways of winning partners"),
    "winning_explain": (
        "Anteil der Akteure der Auswahl, die den Ansatz nennen.",
        "Share of the actors in the selection who name the approach.",
    ),
    "support": ("Wie sieht Unterstützung in der Praxis aus?", "What does support look like in practice?"),
    "support_view": ("Unterstützungsformen", "Forms of support"),
    "offered": ("angeboten von (Partnertyp)", "offered by (partner type)"),
    "needed": ("gebraucht von (Akteursgruppe)", "needed by (actor group)"),
    "support_title_partner_type": ("Unterstützungsformen und wer sie anbietet", "Forms of support and who offers them"),
    "support_title_group": ("Unterstützungsformen und wer sie braucht", "Forms of support and who needs them"),
    "support_explain_partner_type": (
        "Jede Zelle: Zahl der Akteure, die diese Unterstützung (Spalte) durch den Partnertyp (Zeile) nennen.",
        "Each cell: number of actors who name this support (column) by the partner type (row).",
    ),
    "support_explain_group": (
        "Jede Zelle: Zahl der Akteure der Akteursgruppe (Zeile), die diese Unterstützung (Spalte) nennen.",
        "Each cell: number of actors of the actor group (row) who name this support (column).",
    ),
}


def text(key: str, lang: str, **params) -> str:
    return pick(TEXTS, key, lang, **params)


@cached
def status_chart(sel: Selection, labels: Labels, status: str):
    """Actor type × partner type heatmap for one status, with its table, or None."""
    matrix = cooperation.status_matrix(sel, status)
    if matrix.empty:
        return None
    lang, k = labels.lang, sel.k
    fig = build_heatmap(
        matrix,
        "actor_type",
        "partner_type",
        labels.actor_type,
        labels.partner_type,
        k=k,
        lang=lang,
        title=with_n_actors(text("matrix_title", lang, status=labels.status(status)), sel.n_actors, lang),
        value_title=t("n_actors", lang),
        row_order=cooperation.present_order(matrix, "actor_type"),
        column_order=cooperation.present_order(matrix, "partner_type"),
    )
    table = figure_table(
        matrix,
        [
            ("actor_type", labels.dimension_title("actor_type"), labels.actor_type),
            ("partner_type", labels.dimension_title("partner_type"), labels.partner_type),
            ("value", t("n_actors", lang), "int"),
        ],
        k=k,
        lang=lang,
    )
    return prepared(fig, table, chart_source(sel, labels))


@cached
def network_chart(sel: Selection, labels: Labels, statuses: tuple[str, ...], min_actors: int):
    lang, k = labels.lang, sel.k
    links = cooperation.cooperation_links(sel, list(statuses))
    fig = build_network(
        links,
        cooperation.speaker_nodes(sel, links),
        labels.actor_type,
        labels.status,
        k=k,
        lang=lang,
        title=with_n_actors(text("network_title", lang), sel.n_actors, lang),
        min_actors=min_actors,
        group_label=labels.group,
    )
    table = network_table(links, labels.actor_type, labels.status, k=k, lang=lang, min_actors=min_actors)
    return prepared(fig, table, chart_source(sel, labels))


@cached
def potential_chart(sel: Selection, labels: Labels):
    potential = aggregate.cooperation_status(sel, cooperation.COOPERATION)
    if potential.empty:
        return None
    lang, k = labels.lang, sel.k

    def count_or_hidden(value) -> str:
        """A count cell: blank counts are withheld ones (zeros are shown as 0)."""
        return suppression_label(k) if pd.isna(value) else fmt_int(value, lang)

    series = [(s, labels.status(s)) for s in cooperation.STATUSES] + [("potential", text("potential_series", lang))]
    fig = build_grouped_bars(
        potential,
        "partner_type",
        series,
        labels.partner_type,
        k=k,
        lang=lang,
        title=with_n_actors(text("potential_title", lang), sel.n_actors, lang),
        value_title=t("n_actors", lang),
    )
    table = figure_table(
        potential,
        [
            ("partner_type", labels.dimension_title("partner_type"), labels.partner_type),
            *[(column, name, count_or_hidden) for column, name in series],
            ("n_actors", t("n_actors", lang), "int"),
        ],
        k=k,
        lang=lang,
    )
    return prepared(fig, table, chart_source(sel, labels))


@cached
def winning_chart(sel: Selection, labels: Labels):
    approaches = aggregate.code_frequencies(sel, cooperation.WINNING)
    if approaches.empty:
        return None
    lang, k = labels.lang, sel.k
    fig = build_bar_chart(
        approaches,
        "code",
        "share_actors",
        labels.code,
        k=k,
        lang=lang,
        title=with_n_actors(text("winning_title", lang), sel.n_actors, lang),
        value_title=t("share_actors", lang),
        value_kind="pct",
        n_title=t("n_actors", lang),
    )
    table = figure_table(
        approaches,
        [
            ("code", labels.category(cooperation.WINNING), labels.code),
            ("share_actors", t("share_actors", lang), "pct"),
            ("n_actors", t("n_actors", lang), "int"),
        ],
        k=k,
        lang=lang,
    )
    return prepared(fig, table, chart_source(sel, labels))


@cached
def support_chart(sel: Selection, labels: Labels, by: str):
    support = cooperation.support_matrix(sel, by)
    if support.empty:
        return None
    lang, k = labels.lang, sel.k
    fig = build_heatmap(
        support,
        by,
        "code",
        labels.of(by),
        labels.code,
        k=k,
        lang=lang,
        title=with_n_actors(text(f"support_title_{by}", lang), sel.n_actors, lang),
        value_title=t("n_actors", lang),
        row_order=cooperation.present_order(support, by),
        column_order=cooperation.present_order(support, "code"),
    )
    table = figure_table(
        support,
        [
            (by, labels.dimension_title(by), labels.of(by)),
            ("code", labels.category(cooperation.SUPPORT), labels.code),
            ("value", t("n_actors", lang), "int"),
        ],
        k=k,
        lang=lang,
    )
    return prepared(fig, table, chart_source(sel, labels))


@cached
def strongest_link(sel: Selection, statuses: tuple[str, ...]) -> int:
    return cooperation.strongest_link(cooperation.cooperation_links(sel, list(statuses)))
