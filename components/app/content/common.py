"""Cached results several parts of the app share: the selection, labels, filter options and their names."""

from __future__ import annotations

import datetime as dt

from study import selection as _selection
from study.findings import findings_by_question as _findings_by_question
from study.labels import Labels
from study.package import StudyPackage
from study.selection import Filters, Selection

from ...i18n import fmt_int, t
from ..cache import cached


# A national package's broad selection copies ~100 MB of statements: bounded in bytes, not only in number.
@cached(max_entries=2000, max_bytes=256 * 2**20)
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


def package_date(package: StudyPackage, lang: str) -> str:
    """The package's date ("created" in its metadata), as the language writes dates; "" if it has none."""
    created = str(package.metadata.get("created") or "")[:10]
    try:
        day = dt.date.fromisoformat(created)
    except ValueError:
        return created
    return day.strftime("%d.%m.%Y") if lang == "de" else day.isoformat()


def chart_source(sel: Selection, labels: Labels) -> str:
    """A chart's source lines: "Auswahl: … · n = 120 Akteure", then "Quelle: … · Stand: 25.11.2026 · Demodaten".

    It stands under every chart's title, so that an exported PNG says what it shows and where from
    (plain text; ``components.charts.with_source`` escapes it). Called inside the cached builders.
    """
    from ...slides import filter_summary

    lang, package = labels.lang, sel.package
    parts = [
        f"{t('source_selection', lang)}: {filter_summary(sel.filters, labels, lang)}",
        f"n = {fmt_int(sel.n_actors, lang)} {t('kf_actors', lang)}",
        f"{t('source_source', lang)}: {package.title}",
    ]
    day = package_date(package, lang)
    if day:
        parts.append(f"{t('source_date', lang)}: {day}")
    if package.synthetic:
        parts.append(t("source_demo", lang))
    return " · ".join(parts[:2]) + "\n" + " · ".join(parts[2:])
