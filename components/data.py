"""The I/O boundary of the app: the data package is loaded once per process and shared read-only."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from study.package import StudyPackage, data_path, validate_path
from study.report import Report

UPLOAD_KEY = "_uploaded_package"


def _stamp(path: Path) -> float:
    """Newest modification time of the package, so an edited package is reloaded."""
    if path.is_dir():
        return max((p.stat().st_mtime for p in path.iterdir()), default=0.0)
    return path.stat().st_mtime if path.exists() else 0.0


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, stamp: float) -> tuple[StudyPackage | None, Report]:
    return validate_path(path)


def shared_package() -> tuple[StudyPackage | None, Report]:
    """The configured package ($STUDY_DATA or the demo), one object for all sessions."""
    path = data_path()
    return _load(str(path), _stamp(path))


def active_package() -> tuple[StudyPackage | None, Report, bool]:
    """The package this session uses: its own upload if any, else the shared one."""
    uploaded = st.session_state.get(UPLOAD_KEY)
    if uploaded is not None:
        return uploaded, uploaded.report, True
    package, report = shared_package()
    return package, report, False
