"""Memoised aggregations for the pages: the same filters give the same (shared, read-only) frames.

Streamlit reruns the whole page on every click; recomputing unchanged aggregations made up most of a
rerun. The pure functions in ``study`` stay uncached and testable; this module wraps them at the
app's boundary with ``st.cache_resource`` (no copy per caller), keyed by the package's token and
the filters instead of hashing DataFrames.
"""

from __future__ import annotations

from types import ModuleType

import streamlit as st

from study import aggregate as _aggregate
from study.package import StudyPackage
from study.selection import Filters, Selection
from study.selection import select as _select

HASH_FUNCS = {
    StudyPackage: lambda p: p.token,
    Selection: lambda s: (s.package.token, s.filters),
    Filters: lambda f: tuple(sorted(f.active().items())),
}


def memoise(fn):
    return st.cache_resource(fn, hash_funcs=HASH_FUNCS, max_entries=2000, show_spinner=False)


class Memoised:
    """A module's functions, each memoised on first use: ``Memoised(study.aggregate).quotes(sel)``."""

    def __init__(self, module: ModuleType):
        self._module = module

    def __getattr__(self, name: str):
        fn = getattr(self._module, name)
        if not callable(fn):
            return fn
        wrapped = memoise(fn)
        setattr(self, name, wrapped)
        return wrapped


select = memoise(_select)
aggregate = Memoised(_aggregate)
