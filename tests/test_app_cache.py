"""The app's one cache (keys, the store's eviction by count and bytes) and the prepared charts it keeps."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.io as pio
import pyarrow as pa
import pytest

from components import charts
from components.app import cache
from components.app.content import common
from components.charts import FrozenFigure, build_bar_chart, build_heatmap, freeze
from components.sizes import nbytes
from study.labels import Labels
from study.selection import Filters, select


def test_keys_separate_types_and_selections(tiny_package):
    a, b = select(tiny_package, Filters()), select(tiny_package, Filters())
    assert a is not b and cache.key_of(a) == cache.key_of(b)  # the same package and filters
    state = str(tiny_package.municipalities["state"].iloc[0])
    assert cache.key_of(select(tiny_package, Filters(state=(state,)))) != cache.key_of(a)
    keys = [cache.key_of(v) for v in (1, True, "1", 1.0, None, (1,), [1])]
    assert len(set(keys)) == len(keys)
    assert cache.key_of(Labels(tiny_package, "de")) == cache.key_of(Labels(tiny_package, "de"))
    assert cache.key_of(Labels(tiny_package, "de")) != cache.key_of(Labels(tiny_package, "en"))
    with pytest.raises(TypeError):
        cache.key_of(pd.DataFrame())
    with pytest.raises(TypeError):
        cache.key_of(("de", len))  # also inside a tuple


def test_keys_of_value_dataclasses(tiny_package):
    from components.app.context import PageContext
    from study.compass import Profile

    a, b = Profile(actor_types=("t1",)), Profile(actor_types=("t1",))
    assert cache.key_of(a) == cache.key_of(b)
    assert cache.key_of(a) != cache.key_of(Profile(actor_types=("t2",)))
    assert cache.key_of(Profile(council_resolution=True)) != cache.key_of(Profile())
    # a dataclass compared by identity has no value key
    sel = select(tiny_package, Filters())
    with pytest.raises(TypeError):
        cache.key_of(PageContext(tiny_package, sel, "de", None))


def test_store_keeps_the_most_recently_used_entries():
    store, calls = cache.Store(2), []

    def compute(key):
        calls.append(key)
        return key * 10

    for key in (1, 2, 1, 3, 1, 2):
        assert store.get(key, lambda key=key: compute(key)) == key * 10
    # 1 and 2 computed, 1 hit, 3 computed (evicts 2), 1 hit, 2 computed again
    assert calls == [1, 2, 3, 2]
    assert len(store) == 2


def test_cached_function_computes_once_per_arguments(tiny_package):
    calls = []

    @cache.cached(max_entries=10)
    def count(sel, lang: str, option: str = "a") -> int:
        calls.append((sel.filters, lang, option))
        return len(calls)

    sel = select(tiny_package, Filters())
    assert count(sel, "de") == count(select(tiny_package, Filters()), "de") == 1  # equal selections share
    assert count(sel, "en") == 2
    assert count(sel, "de", option="b") == 3
    assert count(sel, "de", option="b") == 3
    assert len(calls) == 3
    assert len(cache.store_of(count)) == 3
    with pytest.raises(TypeError):
        count(sel, pd.DataFrame())


def test_a_cached_function_may_call_another_from_many_threads(tiny_package):
    """What two builders share is made once; no lock is held while computing, so nesting cannot deadlock."""
    from concurrent.futures import ThreadPoolExecutor

    inner_calls = []

    @cache.cached(max_entries=10)
    def inner(sel) -> tuple:
        inner_calls.append(1)
        return (len(sel.actors),)

    @cache.cached(max_entries=10)
    def outer(sel, n: int) -> int:
        return inner(sel)[0] + n

    sel = select(tiny_package, Filters())
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda n: outer(sel, n % 4), range(64)))
    assert results == [len(sel.actors) + n % 4 for n in range(64)]
    assert 1 <= len(inner_calls) <= 8  # at most one per thread that missed at the same moment, then kept
    assert len(cache.store_of(outer)) == 4 and len(cache.store_of(inner)) == 1


def test_the_map_and_its_table_share_one_profile_computation(tiny_package, monkeypatch):
    from components.app.content import common, karte
    from study import aggregate

    for fn in (karte.profiles_of, karte.rendered_map, karte.municipality_table):  # nothing left by other tests
        store = cache.store_of(fn)
        store._items.clear()
        store.bytes = 0
    made = []
    real = aggregate.municipality_profiles
    monkeypatch.setattr(aggregate, "municipality_profiles", lambda sel: made.append(1) or real(sel))
    state = str(tiny_package.municipalities["state"].iloc[0])
    sel = select(tiny_package, Filters(state=(state,)))
    labels = common.labels(tiny_package, "de")
    karte.rendered_map(sel, labels, "share_existing", False)
    karte.municipality_table(sel, labels)
    karte.rendered_map(sel, labels, "n_statements", False)
    assert len(made) == 1
    pd.testing.assert_frame_equal(karte.profiles_of(sel), real(sel))  # neither builder changed the shared frame


def test_instruments_are_counted_once_for_the_check_and_every_metric(tiny_package, monkeypatch):
    from components.app.content import common, herausforderungen
    from study import aggregate
    from study.schema import PROCESS

    for fn in (herausforderungen.uptake_of, herausforderungen.has_instruments, herausforderungen.instrument_chart):
        store = cache.store_of(fn)
        store._items.clear()
        store.bytes = 0
    made = []
    real = aggregate.instrument_uptake
    monkeypatch.setattr(aggregate, "instrument_uptake", lambda sel, cat: made.append(cat) or real(sel, cat))
    sel = select(tiny_package, Filters())
    labels = common.labels(tiny_package, "de")
    assert herausforderungen.has_instruments(sel, PROCESS)
    for metric in ("n_actors", "n_municipalities"):
        herausforderungen.instrument_chart(sel, labels, PROCESS, metric)
    assert made == [PROCESS]
    pd.testing.assert_frame_equal(herausforderungen.uptake_of(sel, PROCESS), real(sel, PROCESS))


def test_many_distinct_selections_stay_within_the_byte_budget(tiny_package):
    """Issue 15: a cache with a byte budget never holds more than it, however many selections are asked for."""
    budget = 200_000

    @cache.cached(max_entries=10_000, max_bytes=budget)
    def table(sel, n: int) -> pd.DataFrame:
        return pd.DataFrame({"x": np.arange(2_000, dtype="float64") + n, "label": [f"row {i}" for i in range(2_000)]})

    sel = select(tiny_package, Filters())
    one = nbytes(table(sel, -1))
    assert 20_000 < one < budget  # the sizes are real: about 150 KB per frame of 2,000 rows
    store = cache.store_of(table)
    for n in range(60):
        table(sel, n)
        assert store.bytes <= budget
    assert 1 <= len(store) <= budget // one
    assert store.bytes == sum(nbytes(value) for value, _ in store._items.values())
    # the newest result is kept, the oldest went first
    calls_before = len(store)
    table(sel, 59)
    assert len(store) == calls_before and (cache.key_of((sel, 59))) in store._items
    assert cache.key_of((sel, 0)) not in store._items


def test_sizes_count_shared_package_as_nothing(tiny_package):
    sel = select(tiny_package, Filters())
    frame = pd.DataFrame({"x": np.arange(1000, dtype="int64")})
    assert nbytes((sel, Labels(tiny_package, "de"))) < 1_000  # the package is held by the loader, not the cache
    assert nbytes(frame) >= 8_000
    assert nbytes([frame, frame]) < 2 * nbytes(frame)  # the same object counts once
    assert nbytes(pa.Table.from_pandas(frame)) >= 8_000


def test_a_cached_selection_counts_the_statements_it_copied(tiny_package):
    whole = select(tiny_package, Filters())
    state = str(tiny_package.municipalities["state"].iloc[0])
    part = select(tiny_package, Filters(state=(state,)))
    assert part.statements is not tiny_package.view and len(part.statements) < len(tiny_package.view)
    assert nbytes(part) >= nbytes(part.statements) > 0  # the filtered copy is the selection's own
    assert nbytes(whole) == nbytes(whole.actors)  # the whole study's statements are the package's view
    assert common.select.cache_limits[1] is not None  # the cache of selections has a byte budget
    assert cache.cached(lambda: None).cache_limits[1] == cache.DEFAULT_MAX_BYTES  # and so has every other


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
        assert json.loads(frozen.snapshot) == frozen.to_dict()


def test_chart_table_is_what_st_dataframe_would_send():
    table = pd.DataFrame({"Typ": ["a", "b"], "n": ["5", "< 3"]})
    prepared = charts.chart_table(table)
    assert prepared.frame is table
    assert isinstance(prepared.data, pa.Table) and prepared.data.equals(pa.Table.from_pandas(table))
    assert prepared.has_suppressed
    assert not charts.chart_table(pd.DataFrame({"Typ": ["a"], "n": ["5"]})).has_suppressed
    assert not charts.has_suppressed(pd.DataFrame({"n": [3, 4]}))  # numbers are never withheld cells
