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

import dataclasses
import functools
import hashlib
import marshal
import threading
from collections import OrderedDict
from collections.abc import Callable
from types import CodeType, ModuleType

import streamlit as st

from study import aggregate as _aggregate
from study import compass as _compass
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
RECENT = 128


_MISSING = object()
_SCALARS = (str, int, float, bool, type(None))


def fast_key(value):
    """A dict key for the argument types the pages pass (the same identities as ``HASH_FUNCS``).

    Frozen dataclasses compared by value count as their fields. Raises TypeError for any other type
    (a DataFrame, a function, a dataclass compared by identity …): such calls go to Streamlit's
    hashing instead.
    """
    if type(value) in _SCALARS:
        return (type(value).__name__, value)
    if isinstance(value, Selection):
        return ("Selection", value.package.token, value.filters)
    if isinstance(value, StudyPackage):
        return ("StudyPackage", value.token)
    if isinstance(value, Filters):
        return ("Filters", value)
    if isinstance(value, (tuple, list)):
        return (type(value).__name__, *(fast_key(v) for v in value))
    if isinstance(value, dict):
        return ("dict", *((fast_key(k), fast_key(v)) for k, v in value.items()))
    params = getattr(type(value), "__dataclass_params__", None)
    if params is not None and params.frozen and params.eq:
        # A value object (e.g. study.compass.Profile): equal fields, equal key.
        name = f"{type(value).__module__}.{type(value).__qualname__}"
        return (name, *(fast_key(getattr(value, f.name)) for f in dataclasses.fields(value)))
    raise TypeError(type(value).__name__)


class Recent:
    """The last ``size`` results by key, for a lookup without Streamlit's hashing of the arguments.

    ``st.cache_resource`` hashes every argument (and inspects the function's signature) on each call,
    about 0.2 ms; a page makes a dozen such calls per rerun. This table sits in front of it and holds
    references to the same objects, so it costs no extra memory beyond keeping up to ``size`` alive.
    """

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, compute: Callable[[], object]):
        with self._lock:
            value = self._items.get(key, _MISSING)
            if value is not _MISSING:
                self._items.move_to_end(key)
                return value
        value = compute()
        with self._lock:
            self._items[key] = value
            if len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


def memoise(fn, max_entries: int = 2000):
    """``st.cache_resource`` keyed by package token and filters, with a fast lookup in front of it."""
    cached = st.cache_resource(fn, hash_funcs=HASH_FUNCS, max_entries=max_entries, show_spinner=False)
    # Hits here do not refresh Streamlit's own LRU, so up to RECENT results may outlive it; keep few.
    recent = Recent(min(max_entries, RECENT))

    @functools.wraps(fn)
    def call(*args, **kwargs):
        try:
            key = (fast_key(args), fast_key(kwargs))
        except TypeError:
            return cached(*args, **kwargs)
        return recent.get(key, lambda: cached(*args, **kwargs))

    return call


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
compass = Memoised(_compass)
filter_options = memoise(_filter_options)


@functools.partial(memoise, max_entries=20)
def labels(package: StudyPackage, lang: str) -> Labels:
    """One ``Labels`` per package and language, with its lookup tables built once."""
    return Labels(package, lang)


class Names(dict):
    """Option → label; an unknown option is shown as it is (as ``Labels`` does)."""

    def __missing__(self, key) -> str:
        return str(key)


@functools.partial(memoise, max_entries=20)
def filter_names(package: StudyPackage, lang: str) -> dict[str, Names]:
    """The label of every filter option, per dimension (a national package has 10,000 municipalities).

    The sidebar's multiselects call their ``format_func`` for every option on every rerun;
    ``names[dim].__getitem__`` is a plain dict lookup instead of a call into ``Labels``.
    """
    lab = labels(package, lang)
    return {dim: Names((v, lab.of(dim)(v)) for v in values) for dim, values in filter_options(package).items()}


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


_recent_views = Recent(RECENT)


def view(fn):
    """Memoise a page's figure-building function by its arguments (see the module's docstring)."""
    key = _view_key(fn)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        items = tuple(sorted(kwargs.items()))
        try:
            fast = (key, fast_key(args), fast_key(items))
        except TypeError:
            return _view(key, fn, args, items)
        return _recent_views.get(fast, lambda: _view(key, fn, args, items))

    return wrapper
