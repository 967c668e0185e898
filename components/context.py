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
    return st.session_state[_KEY]
