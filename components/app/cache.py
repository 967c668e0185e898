"""The app's one cache: ``@cached`` keeps a builder's results per package token and arguments, for all sessions.

Streamlit reruns a page on every click; the pure functions in ``study`` and ``components`` stay uncached
and testable, and this decorator sits at the app's boundary. A cached function's arguments are values
with a cheap identity: a ``StudyPackage`` counts as its token, a ``Selection`` as token and filters,
``Labels`` as token and language, frozen dataclasses by their fields, plus str/int/float/bool/None and
tuples, lists and dicts of these. Anything else is a programming error and raises TypeError.

The results live in one ``Store`` per function, itself kept by ``st.cache_resource`` (so
``st.cache_resource.clear()`` empties everything, and every session shares the same objects). Looking
a key up in the store costs microseconds; ``st.cache_resource``'s own argument hashing costs about
0.5 ms per call, which is why the store, not Streamlit, does the keying. The store evicts the least
recently used entry beyond ``max_entries`` and beyond ``max_bytes`` (default ``DEFAULT_MAX_BYTES``)
(sizes from ``components.app.sizes.nbytes``). A cached function may call another one (no lock is held while
computing): what several builders of a page need is made once, e.g. the map's municipality profiles; an object
both return counts in both stores.

An uploaded package (``StudyPackage.session_only``) belongs to one browser session: results computed from it
go into stores kept in that session's ``st.session_state``, so they and the upload are freed when the
session ends, and no other session can be served from them.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from study.labels import Labels
from study.package import StudyPackage
from study.selection import Filters, Selection

from ..sizes import nbytes

F = TypeVar("F", bound=Callable)
_SCALARS = (str, int, float, bool, type(None))
_MISSING = object()


def key_of(value, session_only: list | None = None):
    """A dict key for an argument (see the module's docstring); TypeError for any other type.

    Appends to ``session_only`` each session-only (uploaded) package the argument carries."""
    if type(value) in _SCALARS:
        return (type(value).__name__, value)
    package = value.package if isinstance(value, (Selection, Labels)) else value
    if isinstance(package, StudyPackage) and package.session_only and session_only is not None:
        session_only.append(package)
    if isinstance(value, Selection):
        return ("Selection", value.package.token, value.filters)
    if isinstance(value, StudyPackage):
        return ("StudyPackage", value.token)
    if isinstance(value, Labels):
        return ("Labels", value.package.token, value.lang)
    if isinstance(value, Filters):
        return ("Filters", value)
    if isinstance(value, (tuple, list)):
        return (type(value).__name__, *(key_of(v, session_only) for v in value))
    if isinstance(value, dict):
        return ("dict", *((key_of(k, session_only), key_of(v, session_only)) for k, v in value.items()))
    params = getattr(type(value), "__dataclass_params__", None)
    if params is not None and params.frozen and params.eq:
        name = f"{type(value).__module__}.{type(value).__qualname__}"
        return (name, *(key_of(getattr(value, f.name), session_only) for f in dataclasses.fields(value)))
    raise TypeError(f"a cached function cannot take a {type(value).__name__}")


class Store:
    """Results by key, least recently used first out: beyond ``max_entries``, or beyond ``max_bytes``."""

    def __init__(self, max_entries: int, max_bytes: int | None = None):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict = OrderedDict()  # key → (value, size)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key, compute: Callable[[], object]):
        with self._lock:
            item = self._items.get(key, _MISSING)
            if item is not _MISSING:
                self._items.move_to_end(key)
                return item[0]
        # Computed outside the lock: two sessions asking for the same new key both compute it once.
        value = compute()
        size = nbytes(value) if self.max_bytes is not None else 0
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.bytes -= old[1]
            self._items[key] = (value, size)
            self.bytes += size
            while len(self._items) > 1 and (
                len(self._items) > self.max_entries or (self.max_bytes is not None and self.bytes > self.max_bytes)
            ):
                _, (_, dropped) = self._items.popitem(last=False)
                self.bytes -= dropped
        return value


@st.cache_resource(show_spinner=False)
def _stores() -> dict[str, Store]:
    """Every cached function's store, by the function's qualified name (one dict per process)."""
    return {}


def store_of(fn) -> Store:
    """The store of a function made by ``cached`` (for tests and the benchmark)."""
    return _store(fn.__wrapped__, *fn.cache_limits)


_SESSION_STORES = "_cache_stores"  # st.session_state key: this session's stores for its upload


def _store(fn, max_entries: int, max_bytes: int | None, session: bool = False) -> Store:
    stores = st.session_state.setdefault(_SESSION_STORES, {}) if session else _stores()
    name = f"{fn.__module__}.{fn.__qualname__}"
    store = stores.get(name)
    if store is None:
        store = stores.setdefault(name, Store(max_entries, max_bytes))
    return store


# Every store is bounded in bytes too, unless a function says otherwise: a national package's results are
# megabytes each, and 300 of them per function would outgrow the server.
DEFAULT_MAX_BYTES = 32 * 2**20


def cached(fn: F | None = None, *, max_entries: int = 300, max_bytes: int | None = DEFAULT_MAX_BYTES) -> F:
    """Cache ``fn``'s results by its arguments (see the module's docstring); ``@cached`` or ``@cached(...)``."""
    if fn is None:
        return functools.partial(cached, max_entries=max_entries, max_bytes=max_bytes)

    @functools.wraps(fn)
    def call(*args, **kwargs):
        uploads: list = []
        key = (key_of(args, uploads), key_of(kwargs, uploads)) if kwargs else key_of(args, uploads)
        return _store(fn, max_entries, max_bytes, bool(uploads)).get(key, lambda: fn(*args, **kwargs))

    call.cache_limits = (max_entries, max_bytes)
    return call
