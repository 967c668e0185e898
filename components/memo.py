"""Memoised aggregations and views for the pages: the same inputs give the same (shared, read-only) results.

Streamlit reruns the whole page on every click; recomputing unchanged aggregations made up most of a
rerun. The pure functions in ``study`` stay uncached and testable; this module wraps them at the
app's boundary with ``st.cache_resource`` (no copy per caller), keyed by the package's token and
the filters instead of hashing DataFrames.

Wrap each function once, at import time (the module-level objects below): ``st.cache_resource``
reads a function's source code when it is wrapped, which costs a millisecond or two per function,
so wrapping on every rerun (``Memoised(module)`` inside a page) would cost that on every rerun.

``view`` memoises a page's own function that builds a figure and its table from a selection, the
language and the page's options, so that a warm rerun only sends the finished figure. Such a
function must depend on its arguments alone (and on constants such as the page's texts), never on
the page's run-time globals (``ctx``, ``lang``, ``labels`` …): those are not part of the key.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
from types import CodeType, ModuleType

import streamlit as st

from study import aggregate as _aggregate
from study import cooperation as _cooperation
from study import evidence as _evidence
from study.findings import findings_by_question as _findings_by_question
from study.labels import Labels
from study.package import StudyPackage
from study.selection import Filters, Selection
from study.selection import filter_options as _filter_options
from study.selection import select as _select

HASH_FUNCS = {
    StudyPackage: lambda p: p.token,
    Selection: lambda s: (s.package.token, s.filters),
    Filters: lambda f: tuple(sorted(f.active().items())),
}
# Finished figures are larger than aggregations (a national bar chart per municipality holds
# 10,000 bars), so fewer of them are kept.
VIEW_ENTRIES = 300


def memoise(fn, max_entries: int = 2000):
    return st.cache_resource(fn, hash_funcs=HASH_FUNCS, max_entries=max_entries, show_spinner=False)


class Memoised:
    """A module's functions, each memoised on first use: ``Memoised(study.aggregate).quotes(sel)``.

    Create it once per module (below), not in a page: see the module's docstring.
    """

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
evidence = Memoised(_evidence)
cooperation = Memoised(_cooperation)
filter_options = memoise(_filter_options)


@functools.partial(memoise, max_entries=20)
def labels(package: StudyPackage, lang: str) -> Labels:
    """One ``Labels`` per package and language, with its lookup tables built once."""
    return Labels(package, lang)


@functools.partial(memoise, max_entries=20)
def findings_by_question(package: StudyPackage, lang: str) -> dict[int, list[str]]:
    return _findings_by_question(package.findings, lang)


# --- views --------------------------------------------------------------------------------------

_VIEW_KEYS: dict[CodeType, str] = {}


@functools.partial(memoise, max_entries=VIEW_ENTRIES)
def _view(key: str, _fn, args: tuple, kwargs: tuple):
    return _fn(*args, **dict(kwargs))


def _view_key(fn) -> str:
    """The function's name and a digest of its compiled code (a page's code object is kept between reruns)."""
    code = fn.__code__
    key = _VIEW_KEYS.get(code)
    if key is None:
        digest = hashlib.md5(marshal.dumps(code), usedforsecurity=False).hexdigest()
        key = _VIEW_KEYS[code] = f"{code.co_filename}:{fn.__qualname__}:{digest}"
    return key


def view(fn):
    """Memoise a page's figure-building function by its arguments (see the module's docstring)."""
    key = _view_key(fn)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return _view(key, fn, args, tuple(sorted(kwargs.items())))

    return wrapper
