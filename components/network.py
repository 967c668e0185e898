"""The cooperation network: actor types on a circle, links speaker type → partner type per status.

``build_network`` takes the link frame of ``study.cooperation.cooperation_links`` and draws only the
links that may be shown (not suppressed, at least max(k, min_actors) actors). Edge width grows with
the actors behind a link; each status has its own line dash *and* colour, so status never depends on
colour alone. Text from the data is HTML-escaped before plotly renders it (plotly knows some tags).
The figure's text alternative (the strongest links) is stored in ``layout.meta["alt"]``.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from study.cooperation import STATUSES, network_edges

from .charts import PALETTE, figure, figure_table, layout_dict
from .i18n import fmt_int
from .text import html_text

# Line dash per status in the contract's order (existing solid, planned dashed, wished-for dotted).
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
# Colours per status (Okabe–Ito, distinct from the node colours' first entries where possible).
STATUS_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
MIN_WIDTH, MAX_WIDTH = 1.0, 9.0
NODE_SIZE = 18
LABEL_WIDTH = 22  # characters per line of a node label
ALT_TOP = 5  # links named in the text alternative
# Decimals of the curve points: a ten-thousandth of the unit circle is far below a pixel, and full
# float precision would triple the figure's size (a national network has several hundred links).
DECIMALS = 4


def circle_layout(nodes: Sequence[str]) -> dict[str, tuple[float, float]]:
    """Positions on the unit circle, the first node at the top, then clockwise."""
    n = max(len(nodes), 1)
    out = {}
    for i, node in enumerate(nodes):
        angle = math.pi / 2 - 2 * math.pi * i / n
        out[str(node)] = (math.cos(angle), math.sin(angle))
    return out


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


def _curve(p0, p1, bend: float, steps: int = 24) -> tuple[list[float], list[float]]:
    """A quadratic Bézier from p0 towards p1, bent to the left of the direction of travel.

    Opposite directions and different statuses get different bends, so they do not overlap. The
    curve stops short of the target node so that the arrow head stays visible.
    """
    (x0, y0), (x1, y1) = p0, p1
    dx, dy = x1 - x0, y1 - y0
    dist = math.hypot(dx, dy) or 1.0
    cx, cy = (x0 + x1) / 2 - dy / dist * bend * dist, (y0 + y1) / 2 + dx / dist * bend * dist
    ts = np.linspace(0.04, 0.93, steps)
    xs = (1 - ts) ** 2 * x0 + 2 * (1 - ts) * ts * cx + ts**2 * x1
    ys = (1 - ts) ** 2 * y0 + 2 * (1 - ts) * ts * cy + ts**2 * y1
    return np.round(xs, DECIMALS).tolist(), np.round(ys, DECIMALS).tolist()


def _loop(p, radius: float, steps: int = 28) -> tuple[list[float], list[float]]:
    """A small loop inside the circle (away from the label) for links within one actor type."""
    x, y = p
    norm = math.hypot(x, y) or 1.0
    cx, cy = x - x / norm * radius, y - y / norm * radius
    start = math.atan2(y, x)
    ts = np.linspace(start + 0.5, start + 2 * math.pi - 0.5, steps)
    xs, ys = cx + radius * np.cos(ts), cy + radius * np.sin(ts)
    return np.round(xs, DECIMALS).tolist(), np.round(ys, DECIMALS).tolist()


def _wrap(text: str) -> str:
    return "<br>".join(html_text(line) for line in textwrap.wrap(str(text), LABEL_WIDTH) or [""])


def _text_position(x: float, y: float) -> str:
    if x > 0.3:
        return "middle right"
    if x < -0.3:
        return "middle left"
    return "top center" if y > 0 else "bottom center"


def _words(lang: str) -> dict[str, str]:
    de = lang != "en"
    return {
        "actors": "Akteure" if de else "actors",
        "links_out": "gezeigte Verbindungen ausgehend" if de else "links shown, outgoing",
        "links_in": "eingehend" if de else "incoming",
        "status": "Status",
    }


def describe_network(
    edges: pd.DataFrame,
    n_nodes: int,
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
            f"{title}. Network of {n_nodes} actor types on a circle with {len(edges)} links "
            f"(each backed by at least {threshold} actors; line style shows the status)."
        )
        text += f" Strongest links (actors): {'; '.join(strongest)}." if strongest else " No link to show."
        if n_hidden:
            text += f" {n_hidden} weaker or withheld links are not drawn."
    else:
        text = (
            f"{title}. Netzwerk aus {n_nodes} Akteurstypen im Kreis mit {len(edges)} Verbindungen "
            f"(jeweils mindestens {threshold} Akteure; die Linienart zeigt den Status)."
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
    """The network figure. ``nodes``: columns actor_type (and optionally group), in drawing order.

    One trace per drawn link (``trace.meta`` holds its source, target, status and actors), one
    legend entry per status, and one trace with the nodes.
    """
    words = _words(lang)
    threshold = max(int(k), int(min_actors or 0))
    edges = network_edges(links, k, min_actors)
    keys = [str(v) for v in nodes["actor_type"]]
    pos = circle_layout(keys)
    max_n = float(edges["n_actors"].max()) if len(edges) else 0.0
    traces: list[dict] = []
    legend_done: set[str] = set()
    order = list(status_order)
    for r in edges.itertuples():
        source, target, status = str(r.actor_type), str(r.partner_type), str(r.status)
        if source not in pos or target not in pos:
            continue
        idx = order.index(status) if status in order else len(order)
        if source == target:
            xs, ys = _loop(pos[source], 0.07 + 0.04 * idx)
            arrow = False
        else:
            xs, ys = _curve(pos[source], pos[target], 0.12 + 0.1 * idx)
            arrow = True
        n_text = fmt_int(r.n_actors, lang)
        hover = (
            f"{html_text(label(source))} → {html_text(label(target))}<br>"
            f"{words['status']}: {html_text(status_label(status))}<br>{n_text} {words['actors']}"
        )
        sizes = [0] * len(xs)
        if arrow:
            sizes[-1] = 6 + edge_width(r.n_actors, max_n)
        colour = status_colour(status, order)
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines+markers",
                "line": {"width": edge_width(r.n_actors, max_n), "dash": status_dash(status, order), "color": colour},
                "marker": {
                    "symbol": "arrow",
                    "angleref": "previous",
                    "size": sizes,
                    "color": colour,
                    "line": {"width": 0},
                },
                "opacity": 0.8,
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
    # Nodes on top of the links.
    out_deg = edges["actor_type"].astype(str).value_counts()
    in_deg = edges["partner_type"].astype(str).value_counts()
    groups = [str(g) for g in nodes["group"]] if "group" in nodes else [""] * len(keys)
    group_index = {g: i for i, g in enumerate(dict.fromkeys(groups))}
    node_hover = []
    for key, group in zip(keys, groups, strict=True):
        parts = [f"<b>{html_text(label(key))}</b>"]
        if group and group_label is not None:
            parts.append(html_text(group_label(group)))
        parts.append(
            f"{words['links_out']}: {fmt_int(out_deg.get(key, 0), lang)}, "
            f"{words['links_in']}: {fmt_int(in_deg.get(key, 0), lang)}"
        )
        node_hover.append("<br>".join(parts))
    traces.append(
        {
            "type": "scatter",
            "x": [pos[key][0] for key in keys],
            "y": [pos[key][1] for key in keys],
            "mode": "markers+text",
            "text": [_wrap(label(key)) for key in keys],
            "textposition": [_text_position(*pos[key]) for key in keys],
            "textfont": {"size": 12},
            "marker": {
                "size": NODE_SIZE,
                "color": [PALETTE[group_index[g] % len(PALETTE)] for g in groups],
                "line": {"width": 1.5, "color": "#1A1A1A"},
            },
            "hovertext": node_hover,
            "hoverinfo": "text",
            "showlegend": False,
            "meta": {"kind": "nodes"},
        }
    )
    hidden = len(links) - len(edges)
    alt = describe_network(edges, len(keys), hidden, threshold, label, status_label, title, lang)
    axis = {"visible": False, "showgrid": False, "zeroline": False, "fixedrange": False}
    layout = layout_dict(
        title,
        lang,
        alt,
        height=720,
        extra={
            "xaxis": {"range": [-2.1, 2.1], **axis},
            "yaxis": {"range": [-1.45, 1.45], "scaleanchor": "x", "scaleratio": 1, **axis},
            "hovermode": "closest",
            "legend": {"title": {"text": words["status"]}},
        },
    )
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
