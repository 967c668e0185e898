"""The chart builders skip plotly's validation for speed; their figures must still be valid and canonical.

A figure built without validation is sent to the browser as it was written. These tests validate a copy
of each builder's figure with plotly and check that validation changes nothing (no invalid property, no
shorthand such as a plain-string title that plotly would have rewritten).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from components.charts import build_bar_chart, build_grouped_bars, build_heatmap
from components.network import build_network


def canonical(fig: go.Figure) -> dict:
    return prune(json.loads(pio.to_json(fig, validate=False)))


def prune(value):
    """Drop empty objects (an axis without title is ``{}`` in one and absent in the other)."""
    if isinstance(value, dict):
        return {k: prune(v) for k, v in value.items() if v != {}}
    if isinstance(value, list):
        return [prune(v) for v in value]
    return value


def assert_valid_and_canonical(fig: go.Figure) -> None:
    validated = go.Figure(fig.to_dict())  # raises on an invalid property or value
    assert canonical(validated) == canonical(fig)


@pytest.fixture
def ranked():
    return pd.DataFrame(
        {
            "code": ["a", "b", "c"],
            "mean_rating": [4.25, 3.0, np.nan],
            "min_rating": [3, 2, np.nan],
            "max_rating": [5, 4, np.nan],
            "n_actors": [5, 3, np.nan],
            "suppressed": [False, False, True],
        }
    )


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("kind", ["int", "float", "pct"])
def test_bar_chart(ranked, lang, kind):
    fig = build_bar_chart(
        ranked,
        "code",
        "mean_rating",
        str.upper,
        k=3,
        lang=lang,
        title="T",
        value_title="V",
        value_kind=kind,
        error=("min_rating", "max_rating") if kind == "float" else None,
        range_max=5.0 if kind == "float" else None,
    )
    assert_valid_and_canonical(fig)


def test_empty_bar_chart(ranked):
    assert_valid_and_canonical(
        build_bar_chart(ranked.iloc[:0], "code", "mean_rating", str, k=3, lang="de", title="T", value_title="V")
    )


@pytest.mark.parametrize("stacked", [False, True])
def test_grouped_bars(stacked):
    frame = pd.DataFrame({"partner_type": ["a", "b"], "x": [5.0, np.nan], "y": [3.0, 7.0]})
    fig = build_grouped_bars(
        frame,
        "partner_type",
        [("x", "X"), ("y", "Y")],
        str,
        k=3,
        lang="de",
        title="T",
        value_title="V",
        stacked=stacked,
    )
    assert_valid_and_canonical(fig)


@pytest.mark.parametrize("kind", ["int", "pct"])
def test_heatmap(kind):
    frame = pd.DataFrame(
        {
            "code": ["x", "x", "y", "z"],
            "group": ["g1", "g2", "g1", "g3"],
            "value": [4.0, np.nan, 0.5, 1.0],
            "suppressed": [False, True, False, False],
        }
    )
    fig = build_heatmap(
        frame,
        "code",
        "group",
        str.upper,
        str,
        k=3,
        lang="de",
        title="H",
        value_title="V",
        value_kind=kind,
        row_order=["y", "x"],  # z is not in the order and is left out
        column_order=["g1", "g2"],
    )
    assert_valid_and_canonical(fig)
    hm = fig.data[0]
    assert list(hm.y) == ["Y", "X"]
    assert hm.z[0][0] == 0.5 and hm.z[1][0] == 4.0 and np.isnan(hm.z[1][1]) and np.isnan(hm.z[0][1])
    assert hm.text[1][1] == "< 3" and hm.text[0][1] == ""


def test_network():
    links = pd.DataFrame(
        {
            "actor_type": ["a", "b", "c"],
            "partner_type": ["b", "a", "c"],
            "status": ["bestehend", "geplant", "bestehend"],
            "n_actors": [5.0, 4.0, 3.0],
            "suppressed": [False, False, False],
        }
    )
    nodes = pd.DataFrame({"actor_type": ["a", "b", "c"], "group": ["g", "g", "h"]})
    fig = build_network(links, nodes, str.upper, str, k=3, lang="de", title="N", group_label=str)
    assert_valid_and_canonical(fig)


def test_grouped_bars_layout_equals_updating_the_figure():
    """``layout=`` gives what update_xaxes/update_layout on the finished figure give (as the handout did)."""
    frame = pd.DataFrame({"actor_type": ["a", "b"], "x": [50.0, 20.0], "y": [30.0, np.nan]})
    args = (frame, "actor_type", [("x", "X"), ("y", "Y")], str)
    kwargs = dict(k=3, lang="de", title="T", value_title="Punkte", stacked=True)
    updated = build_grouped_bars(*args, **kwargs)
    updated.update_xaxes(range=[0, 100])
    updated.update_layout(margin=dict(t=100), legend=dict(y=1.02, traceorder="normal"), title=dict(y=0.98))
    merged = build_grouped_bars(
        *args,
        **kwargs,
        layout={
            "xaxis": {"range": [0, 100]},
            "margin": {"t": 100},
            "legend": {"y": 1.02, "traceorder": "normal"},
            "title": {"y": 0.98},
        },
    )
    assert canonical(merged) == canonical(updated)
    assert_valid_and_canonical(merged)
