"""``st.Page`` objects made once per process and handed out as shallow copies.

``st.Page`` resolves its file on the disk when it is made (a path walk and a stat per page, about a
third of a millisecond each); the frame needs all of them on every rerun. ``st.navigation`` marks the
page it chooses by setting its private attributes ``_default`` and ``_can_be_called``, so concurrent
sessions must not share one object: each run gets shallow copies of the resolved pages.
``st.page_link`` does not mark its Page, so one object per file serves every session.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Hashable

import streamlit as st

CHECKED = {"streamlit": "1.67.0"}
MARKS = ("_default", "_can_be_called")  # what st.navigation sets on the page it picks

_made: dict[Hashable, tuple[st.Page, ...]] = {}
_links: dict[str, st.Page] = {}
_lock = threading.Lock()


def fresh_pages(key: Hashable, make: Callable[[], tuple[st.Page, ...]]) -> list[st.Page]:
    """Copies of the pages ``make`` returns, made once per ``key``."""
    with _lock:
        made = _made.get(key)
        if made is None:
            made = _made[key] = make()
    return [copy.copy(page) for page in made]


def link_page(file: str, url_path: str | None = None) -> st.Page:
    """A ``st.Page`` for ``st.page_link`` to a page file ("pages/akteure.py"), made once per process.

    ``url_path`` must be the one the file is registered with in ``st.navigation`` when that is not the file's
    name: ``st.page_link`` refuses a Page whose path another registered page holds."""
    with _lock:
        page = _links.get(file + "\x00" + str(url_path))
        if page is None:
            page = _links[file + "\x00" + str(url_path)] = st.Page(file, url_path=url_path)
    return page
