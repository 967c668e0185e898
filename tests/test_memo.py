"""The memo layer (keys, the fast lookup, page views) and the prepared charts memoised views return."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.io as pio
import pyarrow as pa
import pytest

from components.app import memo, ui
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


def test_fast_key_of_value_dataclasses(tiny_package):
    from components.app.context import PageContext
    from study.compass import Profile

    a, b = Profile(actor_types=("t1",)), Profile(actor_types=("t1",))
    assert memo.fast_key(a) == memo.fast_key(b)
    assert memo.fast_key(a) != memo.fast_key(Profile(actor_types=("t2",)))
    assert memo.fast_key(Profile(council_resolution=True)) != memo.fast_key(Profile())
    # a dataclass compared by identity has no value key
    sel = select(tiny_package, Filters())
    with pytest.raises(TypeError):
        memo.fast_key(PageContext(tiny_package, sel, "de", None))


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
        assert len(frozen.data) == len(fig.data) and list(frozen.data[0].y) == list(fig.data[0].y)
        assert json.loads(frozen._snapshot) == frozen.to_dict()


def test_a_frozen_figure_is_sent_as_its_stored_json(tmp_path):
    """st.plotly_chart sends the stored JSON of a frozen figure: the same content plotly would encode."""
    from streamlit.testing.v1 import AppTest

    frame = pd.DataFrame({"code": ["a", "b"], "value": [0.5, np.nan], "n_actors": [4, 2], "suppressed": [False, True]})
    fig = build_bar_chart(frame, "code", "value", str, k=3, lang="de", title="T", value_title="V", value_kind="pct")
    fig.add_scatter(x=[1.0, np.nan, np.inf], y=[1, 2, 3])  # values JSON has no literal for
    frozen = freeze(fig)

    def app(frozen, fig):
        import streamlit as st

        from components.charts import sending_frozen

        with sending_frozen():
            st.plotly_chart(frozen, key="frozen")
        st.plotly_chart(fig, key="plain")

    at = AppTest.from_function(app, kwargs={"frozen": frozen, "fig": fig}).run()
    sent_frozen, sent_plain = (c.proto.spec for c in at.get("plotly_chart"))
    assert sent_frozen == frozen._snapshot

    def strict(text: str):
        def refuse(constant):
            raise ValueError(f"{constant} is not JSON")

        return json.loads(text, parse_constant=refuse)

    assert strict(sent_frozen)["data"][-1]["x"] == [1.0, None, None]
    assert strict(sent_frozen) == strict(sent_plain) == strict(pio.to_json(fig, validate=False))
    # outside the sending block plotly encodes as always, also a frozen figure's dict
    assert pio.to_json(frozen.to_dict(), validate=False) == pio.to_json(fig.to_dict(), validate=False)


def test_chart_table_is_what_st_dataframe_would_send():
    table = pd.DataFrame({"Typ": ["a", "b"], "n": ["5", "< 3"]})
    prepared = ui.chart_table(table)
    assert prepared.frame is table
    assert isinstance(prepared.data, pa.Table) and prepared.data.equals(pa.Table.from_pandas(table))
    assert prepared.has_suppressed
    assert not ui.chart_table(pd.DataFrame({"Typ": ["a"], "n": ["5"]})).has_suppressed
    assert not ui.has_suppressed(pd.DataFrame({"n": [3, 4]}))  # numbers are never withheld cells


PAGES = sorted((Path(__file__).resolve().parents[1] / "pages").glob("*.py"))


def _run_state_reads(path: Path) -> dict[str, set[str]]:
    """Per memoised view of a page: the page's run-time globals it (or a page function it calls) reads.

    Run-time globals are the page's module-level assignments other than UPPERCASE constants (``ctx``,
    ``lang``, ``sel`` …): a view is keyed by its arguments only, so reading them would mix languages
    or selections between reruns.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    run_state = {
        name.id
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        for name in ast.walk(target)
        if isinstance(name, ast.Name) and not name.id.isupper()
    }
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}

    def reads(fn: ast.FunctionDef, seen: set[str]) -> set[str]:
        stored = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        stored |= {a.arg for a in ast.walk(fn) if isinstance(a, ast.arg)}
        loaded = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        found = (loaded - stored) & run_state
        for name in loaded & functions.keys():
            if name not in seen:
                found |= reads(functions[name], seen | {name})
        return found

    views = [fn for fn in functions.values() if any(getattr(d, "attr", None) == "view" for d in fn.decorator_list)]
    return {fn.name: reads(fn, {fn.name}) for fn in views}


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_views_read_no_run_state(path):
    assert {name: found for name, found in _run_state_reads(path).items() if found} == {}


def test_run_state_check_can_fail(tmp_path):
    page = tmp_path / "page.py"
    page.write_text(
        "from components import memo\n"
        "TEXT = {}\n"
        "def title(key):\n    return TEXT[key] + lang\n"
        "@memo.view\ndef chart(sel):\n    return title('x')\n"
        "lang = 'de'\n"
    )
    assert _run_state_reads(page) == {"chart": {"lang"}}
