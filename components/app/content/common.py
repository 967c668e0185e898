"""Cached results several parts of the app share: the selection, labels, filter options and their names."""

from __future__ import annotations

from study import selection as _selection
from study.findings import findings_by_question as _findings_by_question
from study.labels import Labels
from study.package import StudyPackage
from study.selection import Filters, Selection

from ..cache import cached


@cached(max_entries=2000)
def select(package: StudyPackage, filters: Filters) -> Selection:
    return _selection.select(package, filters)


@cached(max_entries=20)
def filter_options(package: StudyPackage) -> dict[str, list]:
    return _selection.filter_options(package)


@cached(max_entries=20)
def labels(package: StudyPackage, lang: str) -> Labels:
    """One ``Labels`` per package and language, with its lookup tables built once."""
    return Labels(package, lang)


class Names(dict):
    """Option → label; an unknown option is shown as it is (as ``Labels`` does)."""

    def __missing__(self, key) -> str:
        return str(key)


@cached(max_entries=20)
def filter_names(labels: Labels) -> dict[str, Names]:
    """The label of every filter option, per dimension (a national package has 10,000 municipalities).

    The sidebar's multiselects call their ``format_func`` for every option on every rerun;
    ``names[dim].__getitem__`` is a plain dict lookup instead of a call into ``Labels``.
    """
    options = _selection.filter_options(labels.package)
    return {dim: Names((v, labels.of(dim)(v)) for v in values) for dim, values in options.items()}


@cached(max_entries=20)
def findings_by_question(labels: Labels) -> dict[int, list[str]]:
    return _findings_by_question(labels.package.findings, labels.lang)
