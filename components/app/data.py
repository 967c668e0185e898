"""The I/O boundary of the app: the data package is loaded once per process and shared read-only."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import streamlit as st

from study.package import StudyPackage, data_path, validate_path
from study.report import Report
from study.watch import NOTICE, LastValid, package_stamp, without_paths

from .cache import cached

UPLOAD_KEY = "_uploaded_package"
# How often a rerun looks at the package's files for changes (seconds). Every rerun of every session
# asks; one look a second finds an edited package as soon as anyone could notice.
STAMP_INTERVAL = 1.0

_stamps: dict[str, tuple[float, tuple]] = {}  # path → (when looked, stamp)
_stamps_lock = threading.Lock()
_last_valid = LastValid()


def _stamp(path: Path) -> tuple:
    """Names, sizes and modification times of the package's files (``study.watch.package_stamp``), so an edited,
    truncated, deleted or added file reloads the package; the loader's own ``.cache`` does not count."""
    return package_stamp(path)


def current_stamp(path: Path) -> tuple:
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
def _load(path: str, stamp: tuple) -> tuple[StudyPackage | None, Report]:
    return validate_path(path)


def shared_package() -> tuple[StudyPackage | None, Report]:
    """The configured package ($STUDY_DATA or the demo), one object for all sessions."""
    path = data_path()
    key = (str(path), current_stamp(path))
    package, report = _load(*key)
    # Files that became invalid on disk: keep serving the last valid package (logged once, notice in the page).
    served = _last_valid.resolve(*key, package, report)
    if served.stale:
        from .sidebar import current_language

        st.info(NOTICE[current_language()], icon=":material/update:")
    return served.package, served.report if served.package is not None else without_paths(served.report)


def active_package() -> tuple[StudyPackage | None, Report, bool]:
    """The package this session uses: its own upload if any, else the shared one."""
    uploaded = st.session_state.get(UPLOAD_KEY)
    if uploaded is not None:
        return uploaded, uploaded.report, True
    package, report = shared_package()
    return package, report, False
