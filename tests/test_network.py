"""components.network: the figure's data (links drawn, widths, dashes, text), not its pixels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from components.network import (
    DASHES,
    MAX_WIDTH,
    build_network,
    column_layout,
    column_order,
    edge_traces,
    edge_width,
    network_table,
    status_dash,
)
from study.cooperation import STATUSES

K = 3
NODES = pd.DataFrame(
    {"actor_type": ["a", "b", "c", "d"], "group": ["verwaltung", "verwaltung", "zivilgesellschaft", "kirche"]}
)
LABELS = {"a": "Amt", "b": "Büro", "c": "Laden <b>x</b>", "d": "Kirche"}


def links(rows):
    """rows: (source, target, status, n_actors or None for suppressed)."""
    return pd.DataFrame(
        {
            "actor_type": [r[0] for r in rows],
            "partner_type": [r[1] for r in rows],
            "status": [r[2] for r in rows],
            "n_actors": [np.nan if r[3] is None else float(r[3]) for r in rows],
            "n_statements": [np.nan if r[3] is None else float(r[3]) + 1 for r in rows],
            "suppressed": [r[3] is None for r in rows],
        }
    )


LINKS = links(
    [
        ("a", "c", "bestehend", 8),
        ("c", "a", "gewuenscht", 4),
        ("b", "c", "geplant", 3),
        ("c", "c", "bestehend", 5),
        ("a", "d", "bestehend", None),  # suppressed: fewer than k actors
        ("b", "d", "gewuenscht", None),
    ]
)


def build(frame=LINKS, lang="de", min_actors=None):
    return build_network(
        frame,
        NODES,
        LABELS.get,
        lambda s: {"bestehend": "bestehend", "geplant": "geplant", "gewuenscht": "gewünscht"}[s],
        k=K,
        lang=lang,
        title="Netz",
        min_actors=min_actors,
        group_label=str.upper,
    )


def drawn(fig):
    return {(tr.meta["source"], tr.meta["target"], tr.meta["status"]): tr for tr in edge_traces(fig)}


@pytest.mark.parametrize("min_actors, expected", [(None, 4), (3, 4), (4, 3), (5, 2), (8, 1), (9, 0)])
def test_edges_are_the_pairs_with_at_least_k_actors(min_actors, expected):
    fig = build(min_actors=min_actors)
    edges = drawn(fig)
    assert len(edges) == expected
    threshold = max(K, min_actors or 0)
    want = {(r.actor_type, r.partner_type, r.status) for r in LINKS.itertuples() if r.n_actors >= threshold}
    assert set(edges) == want


def test_suppressed_pairs_are_not_drawn():
    edges = drawn(build())
    assert ("a", "d", "bestehend") not in edges and ("b", "d", "gewuenscht") not in edges
    # nor do they appear in any hover text
    # an edge has one hover text for all its points, the nodes one per node
    texts = " ".join(tr.hovertext if isinstance(tr.hovertext, str) else " ".join(tr.hovertext) for tr in build().data)
    # d's only links are withheld: neither they nor d (a column entry would say it was named) are drawn
    assert "Kirche" not in texts


def test_widths_grow_with_actors():
    edges = drawn(build())
    widths = {key: tr.line.width for key, tr in edges.items()}
    assert widths[("a", "c", "bestehend")] == pytest.approx(MAX_WIDTH)
    assert widths[("c", "c", "bestehend")] == pytest.approx(MAX_WIDTH * 5 / 8)
    assert widths[("c", "a", "gewuenscht")] == pytest.approx(MAX_WIDTH * 4 / 8)
    assert widths[("b", "c", "geplant")] == pytest.approx(MAX_WIDTH * 3 / 8)


@pytest.mark.parametrize("n, max_n, width", [(8, 8, MAX_WIDTH), (4, 8, MAX_WIDTH / 2), (0, 8, 1.0), (3, 0, 1.0)])
def test_edge_width(n, max_n, width):
    assert edge_width(n, max_n) == pytest.approx(width)


def test_dash_per_status():
    edges = drawn(build())
    assert edges[("a", "c", "bestehend")].line.dash == status_dash("bestehend")
    assert edges[("b", "c", "geplant")].line.dash == status_dash("geplant")
    assert edges[("c", "a", "gewuenscht")].line.dash == status_dash("gewuenscht")
    # every status of the contract has its own dash
    assert len({status_dash(s) for s in STATUSES}) == len(STATUSES)
    assert status_dash(STATUSES[0]) == DASHES[0]


def test_one_legend_entry_per_status():
    fig = build(
        links([("a", "c", "bestehend", 8), ("b", "c", "bestehend", 4), ("c", "a", "gewuenscht", 4)]),
    )
    legend = [tr.name for tr in edge_traces(fig) if tr.showlegend]
    assert sorted(legend) == ["bestehend", "gewünscht"]


def test_edge_meta_and_hover():
    edge = drawn(build())[("a", "c", "bestehend")]
    assert edge.meta["n_actors"] == 8
    assert "Amt → Laden &lt;b&gt;x&lt;/b&gt;" in edge.hovertext  # one text for every point of the link
    assert "8 Akteure" in edge.hovertext


def test_nodes_in_two_columns_with_escaped_labels_outside():
    fig = build()
    nodes = [tr for tr in fig.data if tr.meta == {"kind": "nodes"}]
    assert len(nodes) == 1
    node = nodes[0]
    # speakers with a drawn link on the left (c: 9 actors, a: 8, b: 3), partners on the right (a next to its
    # speaker c at the top, then c); d has no drawn link
    assert list(node.x) == [0.0, 0.0, 0.0, 1.0, 1.0]
    assert list(node.textposition) == ["middle left"] * 3 + ["middle right"] * 2
    assert "Laden &lt;b&gt;x&lt;/b&gt;" in node.text
    assert "<b>x</b>" not in " ".join(node.text)
    assert all("Kirche" not in text for text in node.text)
    assert node.text[0].startswith("Laden") and node.text[3] == "Amt"
    c_right = node.hovertext[4]
    assert "Laden" in c_right and "eingehend: 3" in c_right


def test_lines_stay_between_the_columns_so_no_line_crosses_a_label():
    fig = build()
    for edge in edge_traces(fig):
        assert min(edge.x) == pytest.approx(0.0) and max(edge.x) == pytest.approx(1.0)
        assert edge.x[0] == pytest.approx(0.0) and edge.x[-1] == pytest.approx(1.0)  # always left → right
    # labels sit outside the columns, in the room the axis range leaves beyond them
    assert fig.layout.xaxis.range[0] < -0.5 and fig.layout.xaxis.range[1] > 1.5


def test_column_order_puts_strong_speakers_on_top_and_partners_near_them():
    edges = links(
        [("a", "d", "bestehend", 3), ("b", "c", "bestehend", 9), ("b", "d", "bestehend", 3), ("a", "a", "geplant", 3)]
    )
    left, right = column_order(edges, ["a", "b", "c", "d"])
    assert left == ["b", "a"]  # 12 actors behind b's links, 6 behind a's
    assert right == ["c", "d", "a"]  # c only with b (top), a only with a (below)
    pos = column_layout(left, right)
    assert pos[("from", "b")] == (0.0, 0.75) and pos[("to", "a")][0] == 1.0


@pytest.mark.parametrize(
    "lang, words",
    [
        ("de", ["4 Verbindungen", "mindestens 3 Akteure", "Amt → Laden <b>x</b> (bestehend): 8", "2 schwächere"]),
        ("en", ["4 links", "at least 3 actors", "Amt → Laden <b>x</b> (bestehend): 8", "2 weaker"]),
    ],
)
def test_alt_text_lists_strongest_links(lang, words):
    alt = build(lang=lang).layout.meta["alt"]
    for w in words:
        assert w in alt
    # strongest first
    assert alt.index("Amt → Laden") < alt.index("Laden <b>x</b> → Amt")


def test_empty_network():
    fig = build(links([("a", "d", "bestehend", None)]))
    assert edge_traces(fig) == []
    assert "Keine Verbindung" in fig.layout.meta["alt"]


def test_network_table_lists_the_drawn_links():
    table = network_table(LINKS, LABELS.get, str, k=K, lang="de")
    assert len(table) == 4
    assert table.columns.tolist() == ["Von (Akteurstyp)", "Mit (Partnertyp)", "Status", "Akteure"]
    assert table.iloc[0].tolist() == ["Amt", "Laden <b>x</b>", "bestehend", "8"]
    assert "Kirche" not in table["Mit (Partnertyp)"].tolist()
    assert len(network_table(LINKS, LABELS.get, str, k=K, lang="en", min_actors=5)) == 2


def test_suppressed_flag_wins_over_a_count():
    frame = LINKS.copy()
    frame.loc[0, "suppressed"] = True  # a → c keeps its count of 8 but is flagged
    assert ("a", "c", "bestehend") not in drawn(build(frame))
