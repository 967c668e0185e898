"""The cooperation network as two columns: who names (left) → whom as a partner (right), per status.

A circle of actor types put every line across the middle and through the labels; two columns answer
"who with whom" at a glance: each speaker type on the left, each partner type on the right, one line
per link, the labels outside the columns so that no line runs through one. The left column is ordered
by the actors behind its links, the right one by the mean height of its speakers (weighted), which
keeps crossings few.

``build_network`` takes the link frame of ``study.cooperation.cooperation_links`` and draws only the
links that may be shown (not suppressed, at least max(k, min_actors) actors). Edge width grows with
the actors behind a link; each status has its own line dash *and* colour, so status never depends on
colour alone. Text from the data is HTML-escaped before plotly renders it (plotly knows some tags).
The figure's text alternative (the strongest links) is stored in ``layout.meta["alt"]``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from study.cooperation import STATUSES, network_edges

from .charts import NETWORK_MIN_WIDTH, PALETTE, figure, figure_table, layout_dict
from .i18n import fmt_int
from .text import html_text

# Line dash per status in the contract's order (existing solid, planned dashed, wished-for dotted).
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
# Colours per status (Okabe–Ito, distinct from the node colours' first entries where possible).
STATUS_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
MIN_WIDTH, MAX_WIDTH = 1.0, 9.0
NODE_SIZE = 16
LABEL_WIDTH = 30  # characters per line of a node label
ALT_TOP = 5  # links named in the text alternative
ROW_PX = 38  # height per node row
LEFT_X, RIGHT_X = 0.0, 1.0
# Where the labels end: the plot spans this much beyond each column, the labels sit in that room.
LABEL_ROOM = 0.95
# Decimals of the curve points: a ten-thousandth of the unit square is far below a pixel, and full
# float precision would triple the figure's size (a national network has several hundred links).
DECIMALS = 4


def column_layout(left: Sequence[str], right: Sequence[str]) -> dict[tuple[str, str], tuple[float, float]]:
    """Positions of ("from", key) on the left and ("to", key) on the right, first on top, y in (0, 1)."""
    out = {}
    for side, keys, x in (("from", left, LEFT_X), ("to", right, RIGHT_X)):
        n = max(len(keys), 1)
        for i, key in enumerate(keys):
            out[(side, str(key))] = (x, 1 - (i + 0.5) / n)
    return out


def column_order(edges: pd.DataFrame, package_order: Sequence[str]) -> tuple[list[str], list[str]]:
    """Left: speakers by the actors behind their links (most first); right: partners by the weighted
    mean position of their speakers (fewer crossings), ties in the package's order."""
    rank = {str(t): i for i, t in enumerate(package_order)}
    weight = edges.assign(actor_type=edges["actor_type"].astype(str), partner_type=edges["partner_type"].astype(str))
    out_total = weight.groupby("actor_type")["n_actors"].sum()
    left = sorted(out_total.index, key=lambda a: (-out_total[a], rank.get(a, len(rank)), a))
    row = {a: i for i, a in enumerate(left)}
    weight = weight.assign(_row=weight["actor_type"].map(row))
    centre = weight.groupby("partner_type").apply(
        lambda g: float(np.average(g["_row"], weights=g["n_actors"])), include_groups=False
    )
    right = sorted(centre.index, key=lambda p: (centre[p], rank.get(p, len(rank)), p))
    return left, right


def edge_width(n_actors: float, max_actors: float) -> float:
    """Line width proportional to the actors behind a link (the strongest link gets MAX_WIDTH)."""
    if max_actors <= 0:
        return MIN_WIDTH
    return max(MIN_WIDTH, MAX_WIDTH * float(n_actors) / float(max_actors))


def status_dash(status: str, status_order: Sequence[str] = STATUSES) -> str:
    order = list(status_order)
    return DASHES[order.index(status) % len(DASHES)] if status in order else DASHES[-1]


def status_colour(status: str, status_order: Sequence[str] = STATUSES) -> str:
    order = list(status_order)
    return STATUS_COLOURS[order.index(status) % len(STATUS_COLOURS)] if status in order else "#444444"


def _curve(p0, p1, offset: float, steps: int = 20) -> tuple[list[float], list[float]]:
    """A smooth S from p0 (left) to p1 (right), leaving and arriving horizontally.

    ``offset`` shifts both ends a little up or down, so that several statuses of one pair run side by side.
    """
    (x0, y0), (x1, y1) = p0, p1
    y0, y1 = y0 + offset, y1 + offset
    ts = np.linspace(0.0, 1.0, steps)
    # a cubic Bézier with control points halfway across at the ends' heights
    cx0, cx1 = x0 + (x1 - x0) / 2, x1 - (x1 - x0) / 2
    xs = (1 - ts) ** 3 * x0 + 3 * (1 - ts) ** 2 * ts * cx0 + 3 * (1 - ts) * ts**2 * cx1 + ts**3 * x1
    ys = (1 - ts) ** 3 * y0 + 3 * (1 - ts) ** 2 * ts * y0 + 3 * (1 - ts) * ts**2 * y1 + ts**3 * y1
    return np.round(xs, DECIMALS).tolist(), np.round(ys, DECIMALS).tolist()


def _wrap(text: str) -> str:
    return "<br>".join(html_text(line) for line in textwrap.wrap(str(text), LABEL_WIDTH) or [""])


def _words(lang: str) -> dict[str, str]:
    de = lang != "en"
    return {
        "actors": "Akteure" if de else "actors",
        "links_out": "gezeigte Verbindungen ausgehend" if de else "links shown, outgoing",
        "links_in": "eingehend" if de else "incoming",
        "status": "Status",
        "left": "Befragte (Akteurstyp) …" if de else "Interviewed (actor type) …",
        "right": "… nennen als Partner" if de else "… name as partner",
    }


def describe_network(
    edges: pd.DataFrame,
    n_left: int,
    n_right: int,
    n_hidden: int,
    threshold: int,
    label: Callable[[str], str],
    status_label: Callable[[str], str],
    title: str,
    lang: str,
) -> str:
    """Text alternative: what the figure is, how many links, and the strongest ones."""
    strongest = [
        f"{label(r.actor_type)} → {label(r.partner_type)} ({status_label(r.status)}): {fmt_int(r.n_actors, lang)}"
        for r in edges.head(ALT_TOP).itertuples()
    ]
    if lang == "en":
        text = (
            f"{title}. Two columns: {n_left} actor types interviewed (left) and {n_right} partner types they name "
            f"(right), {len(edges)} links (each backed by at least {threshold} actors; line style shows the status)."
        )
        text += f" Strongest links (actors): {'; '.join(strongest)}." if strongest else " No link to show."
        if n_hidden:
            text += f" {n_hidden} weaker or withheld links are not drawn."
    else:
        text = (
            f"{title}. Zwei Spalten: {n_left} befragte Akteurstypen (links) und {n_right} genannte Partnertypen "
            f"(rechts), {len(edges)} Verbindungen (jeweils mindestens {threshold} Akteure; die Linienart zeigt den "
            "Status)."
        )
        text += f" Stärkste Verbindungen (Akteure): {'; '.join(strongest)}." if strongest else " Keine Verbindung."
        if n_hidden:
            text += f" {n_hidden} schwächere oder unterdrückte Verbindungen sind nicht gezeichnet."
    return text


def build_network(
    links: pd.DataFrame,
    nodes: pd.DataFrame,
    label: Callable[[str], str],
    status_label: Callable[[str], str],
    *,
    k: int,
    lang: str,
    title: str,
    min_actors: int | None = None,
    group_label: Callable[[str], str] | None = None,
    status_order: Sequence[str] = STATUSES,
) -> go.Figure:
    """The network figure. ``nodes``: columns actor_type (and optionally group), in the package's order.

    One trace per drawn link (``trace.meta`` holds its source, target, status and actors), one legend
    entry per status, and one trace with the nodes of both columns (only types with a drawn link).
    """
    words = _words(lang)
    threshold = max(int(k), int(min_actors or 0))
    edges = network_edges(links, k, min_actors)
    package_order = [str(v) for v in nodes["actor_type"]]
    known = set(package_order)
    edges = edges[edges["actor_type"].astype(str).isin(known) & edges["partner_type"].astype(str).isin(known)]
    edges = edges.reset_index(drop=True)
    left, right = column_order(edges, package_order) if len(edges) else ([], [])
    pos = column_layout(left, right)
    rows = max(len(left), len(right), 1)
    max_n = float(edges["n_actors"].max()) if len(edges) else 0.0
    order = list(status_order)
    traces: list[dict] = []
    legend_done: set[str] = set()
    for r in edges.itertuples():
        source, target, status = str(r.actor_type), str(r.partner_type), str(r.status)
        idx = order.index(status) if status in order else len(order)
        # statuses of one pair side by side, a quarter of a row apart at most
        offset = (idx - (len(order) - 1) / 2) * 0.22 / rows / max(len(order) - 1, 1)
        xs, ys = _curve(pos[("from", source)], pos[("to", target)], offset)
        n_text = fmt_int(r.n_actors, lang)
        hover = (
            f"{html_text(label(source))} → {html_text(label(target))}<br>"
            f"{words['status']}: {html_text(status_label(status))}<br>{n_text} {words['actors']}"
        )
        colour = status_colour(status, order)
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "line": {"width": edge_width(r.n_actors, max_n), "dash": status_dash(status, order), "color": colour},
                "opacity": 0.75,
                "name": html_text(status_label(status)),
                "legendgroup": status,
                "legendrank": idx + 1,
                "showlegend": status not in legend_done,
                "hovertext": hover,  # one text for every point of the link
                "hoverinfo": "text",
                "meta": {
                    "kind": "edge",
                    "source": source,
                    "target": target,
                    "status": status,
                    "n_actors": float(r.n_actors),
                },
            }
        )
        legend_done.add(status)
    # Nodes on top of the links: speakers on the left, partners on the right.
    out_deg = edges["actor_type"].astype(str).value_counts()
    in_deg = edges["partner_type"].astype(str).value_counts()
    group_of = dict(zip(package_order, (str(g) for g in nodes["group"]), strict=True)) if "group" in nodes else {}
    group_index = {g: i for i, g in enumerate(dict.fromkeys(group_of.values()))}
    xs, ys, texts, positions, colours, hovers = [], [], [], [], [], []
    for side, keys in (("from", left), ("to", right)):
        for key in keys:
            x, y = pos[(side, key)]
            group = group_of.get(key, "")
            parts = [f"<b>{html_text(label(key))}</b>"]
            if group and group_label is not None:
                parts.append(html_text(group_label(group)))
            parts.append(
                f"{words['links_out']}: {fmt_int(out_deg.get(key, 0), lang)}"
                if side == "from"
                else f"{words['links_in']}: {fmt_int(in_deg.get(key, 0), lang)}"
            )
            xs.append(x)
            ys.append(y)
            texts.append(_wrap(label(key)))
            positions.append("middle left" if side == "from" else "middle right")
            colours.append(PALETTE[group_index.get(group, 0) % len(PALETTE)])
            hovers.append("<br>".join(parts))
    traces.append(
        {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "mode": "markers+text",
            "text": texts,
            "textposition": positions,
            "textfont": {"size": 13},
            "cliponaxis": False,
            "marker": {"size": NODE_SIZE, "color": colours, "line": {"width": 1.5, "color": "#1A1A1A"}},
            "hovertext": hovers,
            "hoverinfo": "text",
            "showlegend": False,
            "meta": {"kind": "nodes"},
        }
    )
    hidden = len(links) - len(edges)
    alt = describe_network(edges, len(left), len(right), hidden, threshold, label, status_label, title, lang)
    axis = {"visible": False, "showgrid": False, "zeroline": False}
    heading = {"xref": "x", "yref": "paper", "y": 1.0, "yanchor": "bottom", "showarrow": False, "font": {"size": 13}}
    layout = layout_dict(
        title,
        lang,
        alt,
        height=160 + ROW_PX * rows,
        extra={
            "xaxis": {"range": [LEFT_X - LABEL_ROOM, RIGHT_X + LABEL_ROOM], **axis},
            "yaxis": {"range": [0, 1], **axis},
            "hovermode": "closest",
            "margin": {"t": 110, "b": 60},
            # the title and its source lines at the top, the column headings below them (not over them)
            "title": {"yref": "container", "y": 0.995, "yanchor": "top"},
            # below the columns: above them the title, its source lines and the column headings stand
            "legend": {"title": {"text": words["status"]}, "y": 0, "yanchor": "top"},
            "annotations": [
                {**heading, "x": LEFT_X, "xanchor": "right", "text": f"<b>{words['left']}</b>"},
                {**heading, "x": RIGHT_X, "xanchor": "left", "text": f"<b>{words['right']}</b>"},
            ],
        },
    )
    # two columns of wrapped labels beside each other: on a phone the network scrolls sideways
    layout["meta"]["min_width"] = NETWORK_MIN_WIDTH
    return figure(traces, layout)


def edge_traces(fig: go.Figure) -> list[go.Scatter]:
    """The link traces of a network figure (for tests and callers that inspect it)."""
    return [tr for tr in fig.data if isinstance(tr.meta, Mapping) and tr.meta.get("kind") == "edge"]


def network_table(
    links: pd.DataFrame,
    label: Callable[[str], str],
    status_label: Callable[[str], str],
    *,
    k: int,
    lang: str,
    min_actors: int | None = None,
) -> pd.DataFrame:
    """The drawn links as a display table: from, to, status, actors."""
    edges = network_edges(links, k, min_actors)
    de = lang != "en"
    return figure_table(
        edges,
        [
            ("actor_type", "Von (Akteurstyp)" if de else "From (actor type)", label),
            ("partner_type", "Mit (Partnertyp)" if de else "With (partner type)", label),
            ("status", "Status", status_label),
            ("n_actors", "Akteure" if de else "Actors", "int"),
        ],
        k=k,
        lang=lang,
    )
