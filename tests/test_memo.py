"""The memo layer (keys, the fast lookup, page views) and the prepared charts memoised views return."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.io as pio
import pyarrow as pa
import pytest

from components import memo, ui
from components.charts import FrozenFigure, build_bar_chart, build_heatmap, freeze
from study.selection import Filters, select


def test_fast_key_separates_types_and_selections(tiny_package):
    a, b = select(tiny_package, Filters()), select(tiny_package, Filters())
    assert a is not b and memo.fast_key(a) == memo.fast_key(b)  # the same package and filters
    state = str(tiny_package.municipalities["state"].iloc[0])
    assert memo.fast_key(select(tiny_package, Filters(state=(state,)))) != memo.fast_key(a)
    keys = [memo.fast_key(v) for v in (1, True, "1", 1.0, None, (1,), [1])]
    assert len(set(keys)) == len(keys)
    with pytest.raises(TypeError):
        memo.fast_key(pd.DataFrame())
    with pytest.raises(TypeError):
        memo.fast_key(("de", len))  # also inside a tuple


def test_recent_keeps_the_last_entries():
    recent, calls = memo.Recent(2), []

    def compute(key):
        calls.append(key)
        return key * 10

    for key in (1, 2, 1, 3, 1, 2):
        assert recent.get(key, lambda key=key: compute(key)) == key * 10
    # 1 and 2 computed, 1 hit, 3 computed (evicts 2), 1 hit, 2 computed again
    assert calls == [1, 2, 3, 2]


def test_view_is_keyed_by_its_arguments(tiny_package):
    calls = []

    def chart(sel, lang, option=None):
        calls.append((lang, option))
        return object()

    view = memo.view(chart)
    sel = select(tiny_package, Filters())
    first = view(sel, "de")
    assert view(select(tiny_package, Filters()), "de") is first
    assert view(sel, "en") is not first
    assert view(sel, "de", option="x") is not first
    assert calls == [("de", None), ("en", None), ("de", "x")]
    # an argument the fast key does not know goes through Streamlit's own hashing
    frame = pd.DataFrame({"a": [1]})
    assert view(sel, "de", option=frame) is view(sel, "de", option=frame.copy())
    assert len(calls) == 4


def test_view_key_follows_the_code():
    def one():
        return 1

    def two():
        return 2

    assert memo._view_key(one) != memo._view_key(two)
    assert memo._view_key(one) == memo._view_key(one)


def test_frozen_figure_gives_the_same_dict():
    frame = pd.DataFrame(
        {"code": ["a", "b"], "value": [0.5, np.nan], "n_actors": [4, 2], "suppressed": [False, True], "g": ["x", "y"]}
    )
    for fig in (
        build_bar_chart(frame, "code", "value", str, k=3, lang="de", title="T", value_title="V", value_kind="pct"),
        build_heatmap(frame, "code", "g", str, str, k=3, lang="en", title="H", value_title="V"),
    ):
        frozen = freeze(fig)
        assert isinstance(frozen, FrozenFigure)
        assert pio.to_json(frozen.to_dict(), validate=False) == pio.to_json(fig.to_dict(), validate=False)
        first = frozen.to_dict()
        first["layout"]["meta"]["alt"] = "changed"  # each call hands out its own copy
        assert frozen.to_dict()["layout"]["meta"]["alt"] == fig.layout.meta["alt"]
        assert list(frozen.data[0].y) == list(fig.data[0].y)
        assert json.loads(frozen._snapshot) == frozen.to_dict()


def test_chart_table_is_what_st_dataframe_would_send():
    table = pd.DataFrame({"Typ": ["a", "b"], "n": ["5", "< 3"]})
    prepared = ui.chart_table(table)
    assert prepared.frame is table
    assert isinstance(prepared.data, pa.Table) and prepared.data.equals(pa.Table.from_pandas(table))
    assert prepared.has_suppressed
    assert not ui.chart_table(pd.DataFrame({"Typ": ["a"], "n": ["5"]})).has_suppressed
    assert not ui.has_suppressed(pd.DataFrame({"n": [3, 4]}))  # numbers are never withheld cells
