"""The package on disk while the server runs: notice every change, and keep serving the last valid package.

``package_stamp`` names every file of the package with its size and modification time, so an edited,
truncated, deleted or added file gives a new stamp (the newest mtime alone misses a deleted file).
``LastValid`` remembers, per path, the last package that loaded; when the files become invalid it hands
that one back, logs the problems once for the operator, and tells the caller to show a neutral notice.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from .report import Report

log = logging.getLogger(__name__)

# The loader's own columnar copy lives in the folder; writing it must not count as a change of the package.
IGNORED = {".cache"}

Stamp = tuple


def package_stamp(path: Path) -> Stamp:
    """(name, size, mtime_ns) of every file of the package, sorted; ``("missing",)`` if the path is gone."""
    path = Path(path)
    try:
        if path.is_dir():
            entries = []
            for p in path.iterdir():
                if p.name in IGNORED:
                    continue
                try:
                    st = p.stat()
                except OSError:  # deleted between listing and looking
                    continue
                entries.append((p.name, st.st_size, st.st_mtime_ns))
            return tuple(sorted(entries))
        st = path.stat()
        return ((path.name, st.st_size, st.st_mtime_ns),)
    except OSError:
        return ("missing",)


@dataclass(frozen=True)
class Served:
    package: object | None  # a StudyPackage, or None if nothing valid was ever loaded from this path
    report: Report
    stale: bool  # True: the files on disk are invalid now, and ``package`` is the last valid one


class LastValid:
    """Per path, the last package that loaded; thread-safe, shared by all sessions of the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._valid: dict[str, tuple[Stamp, object, Report]] = {}
        self._logged: dict[str, Stamp] = {}

    def resolve(self, path: str, stamp: Stamp, package, report: Report) -> Served:
        """What to serve for the load of ``path`` at ``stamp`` that gave ``package`` (None if invalid)."""
        with self._lock:
            if package is not None:
                if path in self._logged:
                    log.warning("Datenpaket %s ist wieder gültig und wird geladen.", path)
                    self._logged.pop(path, None)
                self._valid[path] = (stamp, package, report)
                return Served(package, report, False)
            last = self._valid.get(path)
            first_time = self._logged.get(path) != stamp
            self._logged[path] = stamp
        if first_time:
            if last is None:
                log.error("Datenpaket %s ist ungültig und kann nicht geladen werden:\n%s", path, report.format("de"))
            else:
                log.error(
                    "Datenpaket %s ist ungültig geworden; es bleibt der zuletzt gültige Stand in Betrieb:\n%s",
                    path,
                    report.format("de"),
                )
        if last is None:
            return Served(None, report, False)
        return Served(last[1], last[2], True)

    def forget(self, path: str) -> None:
        with self._lock:
            self._valid.pop(path, None)
            self._logged.pop(path, None)


def without_paths(report: Report) -> Report:
    """The report as visitors may see it: the server's folders cut from the source and from every path named."""

    def name(value):
        return (
            PurePath(value).name or str(value) if isinstance(value, str) and ("/" in value or "\\" in value) else value
        )

    problems = tuple(
        replace(p, params=tuple((k, name(v) if k == "path" else v) for k, v in p.params)) for p in report.problems
    )
    return Report(PurePath(report.source).name or report.source, problems)


NOTICE = {
    "de": "Die Daten werden gerade aktualisiert. Angezeigt wird bis dahin der zuletzt gültige Stand.",
    "en": "The data is being updated. Until then the last valid version is shown.",
}
