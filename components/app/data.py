"""The I/O boundary of the app: the data package is loaded once per process and shared read-only."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import streamlit as st

from study.package import StudyPackage, data_path, validate_path
from study.report import Report

from .cache import cached

UPLOAD_KEY = "_uploaded_package"
# How often a rerun looks at the package's files for changes (seconds). Every rerun of every session
# asks; one look a second finds an edited package as soon as anyone could notice.
STAMP_INTERVAL = 1.0

_stamps: dict[str, tuple[float, float]] = {}  # path → (when looked, stamp)
_stamps_lock = threading.Lock()


def _stamp(path: Path) -> float:
    """Newest modification time of the package, so an edited package is reloaded.

    The loader's own Parquet copy (``.cache`` in the folder) does not count: writing it after the first
    load would otherwise reload the package once and miss every cached result."""
    if path.is_dir():
        return max((p.stat().st_mtime for p in path.iterdir() if p.name != ".cache"), default=0.0)
    return path.stat().st_mtime if path.exists() else 0.0


def current_stamp(path: Path) -> float:
    """``_stamp``, looked up at most once per ``STAMP_INTERVAL`` per path."""
    key, now = str(path), time.monotonic()
    with _stamps_lock:
        seen = _stamps.get(key)
    if seen is not None and now - seen[0] < STAMP_INTERVAL:
        return seen[1]
    stamp = _stamp(path)
    with _stamps_lock:
        _stamps[key] = (now, stamp)
    return stamp


@cached(max_entries=4)
def _load(path: str, stamp: float) -> tuple[StudyPackage | None, Report]:
    return validate_path(path)


def shared_package() -> tuple[StudyPackage | None, Report]:
    """The configured package ($STUDY_DATA or the demo), one object for all sessions."""
    path = data_path()
    return _load(str(path), current_stamp(path))


def active_package() -> tuple[StudyPackage | None, Report, bool]:
    """The package this session uses: its own upload if any, else the shared one."""
    uploaded = st.session_state.get(UPLOAD_KEY)
    if uploaded is not None:
        return uploaded, uploaded.report, True
    package, report = shared_package()
    return package, report, False
