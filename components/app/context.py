"""What the frame hands each page: the package in use, the current selection, language and labels."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from study.labels import Labels
from study.package import StudyPackage
from study.selection import Selection

_KEY = "_page_context"


@dataclass(frozen=True, eq=False)
class PageContext:
    package: StudyPackage
    selection: Selection
    lang: str
    labels: Labels

    @property
    def k(self) -> int:
        return self.package.min_group_size


def set_context(ctx: PageContext) -> None:
    st.session_state[_KEY] = ctx


def get_context() -> PageContext:
    if _KEY not in st.session_state:
        _run_frame_first()
    return st.session_state[_KEY]


def _run_frame_first() -> None:
    """A page was run without the frame: Streamlit's legacy mode for a ``pages/`` folder.

    On the very first request to a fresh server (a deep link such as /karte) Streamlit runs the
    page file alone, because it decides between the legacy ``pages/`` mode and ``st.navigation``
    before the entrypoint has run. Switching the legacy flag off and rerunning runs dashboard.py,
    whose st.navigation then opens the requested page with its query string.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()
