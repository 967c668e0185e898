"""How many bytes a cached result holds, roughly: for the cache's byte budget (``components.app.cache``).

Counted are the containers a builder returns (frames, Arrow tables, arrays, strings, frozen figures and
the dataclasses, tuples and dicts around them), each object once. The package a result refers to (a
``StudyPackage``, a ``Selection``, ``Labels``) is not counted: it is shared and held by the loader. A
``Selection`` that is itself the result (the cache of selections) counts the filtered copies it holds.
"""

from __future__ import annotations

import dataclasses
import sys

import numpy as np
import pandas as pd
import pyarrow as pa

from study.labels import Labels
from study.package import StudyPackage
from study.selection import Selection

from .charts import FrozenFigure

_SHARED = (StudyPackage, Selection, Labels)


def nbytes(value) -> int:
    """The approximate size of ``value`` in bytes (see the module's docstring)."""
    if isinstance(value, Selection):
        # Its statements are a filtered copy of the package's view unless every actor is chosen.
        own = [f for f in (value.statements, value.actors) if f is not value.package.view]
        return sum(_size(f, set()) for f in own)
    return _size(value, set())


def _size(value, seen: set[int]) -> int:
    if id(value) in seen or isinstance(value, _SHARED):
        return 0
    seen.add(id(value))
    if isinstance(value, (pd.DataFrame, pd.Series, pd.Index)):
        usage = value.memory_usage(deep=True)
        return int(usage.sum() if hasattr(usage, "sum") else usage)
    if isinstance(value, (pa.Table, pa.Array, pa.ChunkedArray)):
        return int(value.nbytes)
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if isinstance(value, FrozenFigure):
        return 2 * sys.getsizeof(value.snapshot)  # the JSON, and the layout the object holds besides
    if isinstance(value, (str, bytes, int, float, bool, type(None))):
        return sys.getsizeof(value)
    if isinstance(value, dict):
        return sys.getsizeof(value) + sum(_size(k, seen) + _size(v, seen) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return sys.getsizeof(value) + sum(_size(v, seen) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sys.getsizeof(value) + sum(_size(getattr(value, f.name), seen) for f in dataclasses.fields(value))
    if hasattr(value, "__dict__"):
        return sys.getsizeof(value) + _size(vars(value), seen)
    return sys.getsizeof(value)
