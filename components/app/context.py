"""What the frame hands each page: the package in use, the current selection, language and labels."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from study.labels import Labels
from study.package import StudyPackage
from study.selection import Selection

from .private import legacy_pages

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
    """A page was run without the frame (Streamlit's legacy ``pages/`` mode): run the frame instead."""
    legacy_pages.use_navigation()
    st.rerun()
