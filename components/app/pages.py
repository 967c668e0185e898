"""The page registry: every page in reading order with its path, title, icon and research questions.

The ``st.Page`` objects for ``st.navigation`` come from ``private.page_objects`` (made once, copied per run).
"""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from ..i18n import t
from .private import page_objects


class PageSpec(NamedTuple):
    url_path: str  # "" would be the root; every page has its own path, the first is the default
    title_key: str
    file: str
    icon: str
    visibility: str = "visible"
    rqs: tuple[int, ...] = ()  # the research questions its header names
    analyses: tuple[int, ...] = ()  # the research questions whose analysis it is (the overview links there)


# The order is the reading order of the study.
PAGES = (
    PageSpec("ueberblick", "page_overview", "pages/ueberblick.py", ":material/home:"),
    PageSpec("kompass", "page_compass", "pages/kompass.py", ":material/explore:", rqs=(1, 2, 4, 6, 7)),
    PageSpec("karte", "page_map", "pages/karte.py", ":material/map:", rqs=(1, 6, 7)),
    PageSpec("akteure", "page_actors", "pages/akteure.py", ":material/groups:", rqs=(2,), analyses=(2,)),
    PageSpec(
        "kooperation",
        "page_cooperation",
        "pages/kooperation.py",
        ":material/handshake:",
        rqs=(1, 3, 4),
        analyses=(1, 3, 4),
    ),
    PageSpec(
        "herausforderungen",
        "page_challenges",
        "pages/herausforderungen.py",
        ":material/trending_up:",
        rqs=(5, 6, 7),
        analyses=(5, 6, 7),
    ),
    PageSpec("erkenntnisse", "page_findings", "pages/erkenntnisse.py", ":material/lightbulb:"),
    PageSpec("praesentation", "page_presentation", "pages/praesentation.py", ":material/slideshow:"),
    PageSpec("daten", "page_data", "pages/daten.py", ":material/database:"),
    PageSpec("barrierefreiheit", "page_accessibility", "pages/barrierefreiheit.py", ":material/accessibility:"),
    # Live voting at a focus group: the presenter's page, and the participants' page (phones, by join link).
    PageSpec("abstimmung", "page_voting", "pages/abstimmung.py", ":material/how_to_vote:"),
    PageSpec("mitmachen", "page_join", "pages/mitmachen.py", ":material/touch_app:", "hidden"),
)
PARTICIPANT_PATH = "mitmachen"
FILES = tuple(spec.file for spec in PAGES)
# The open research question on "Erkenntnisse": the tabs' widget key, and in the URL its number
# ("frage=3"), the same in both languages, so a link survives a language switch.
FINDINGS_TAB_KEY = "frage"
QUESTIONS = tuple(range(1, 8))


def page_spec(title_key: str) -> PageSpec:
    return next(spec for spec in PAGES if spec.title_key == title_key)


def analysis_page(rq: int) -> str:
    """The file of the page that holds the analysis of a research question."""
    return next(spec.file for spec in PAGES if rq in spec.analyses)


def findings_tab_labels(lang: str) -> list[str]:
    """The labels of the research-question tabs: number and topic ("FF 1 · Kooperation" …; "RQ 1 · …" in English)."""
    return [f"{t('rq_short', lang)} {rq} · {t(f'rq_topic_{rq}', lang)}" for rq in QUESTIONS]


def findings_question(value) -> int | None:
    """The research question a URL value ("3") or a tab label of either language names ("FF 3 · Partner
    gewinnen", "RQ 3 · Winning partners", also the short "FF 3" of older links and sessions)."""
    text = str(value or "").strip()
    for rq in QUESTIONS:
        labels = [f"{t('rq_short', lang)} {rq}" for lang in ("de", "en")]
        labels += [f"{short} · {t(f'rq_topic_{rq}', lang)}" for short, lang in zip(labels, ("de", "en"), strict=True)]
        if text == str(rq) or text in labels:
            return rq
    return None


# Streamlit serves the default page at the root only and answers its own path with an English "Page not
# found" dialog; the default page therefore reserves another path, and a hidden page at the overview's path
# sends visitors of /ueberblick to the root (``leave_alias``), keeping the filters in the URL.
DEFAULT_RESERVED_PATH = "start"
OVERVIEW_ALIAS = PAGES[0].url_path


def registered_url_path(file: str) -> str | None:
    """The path ``st.navigation`` registers a page file under (the default page's reserved one), None if unknown."""
    for i, spec in enumerate(PAGES):
        if spec.file == file:
            return DEFAULT_RESERVED_PATH if i == 0 else spec.url_path
    return None


def _alias() -> None:
    leave_alias(OVERVIEW_ALIAS)


def leave_alias(url_path: str) -> None:
    """On the hidden page at the overview's path: switch to the overview, with the same query."""
    if url_path == OVERVIEW_ALIAS:
        keep = {key: st.query_params.get_all(key) for key in st.query_params}
        st.switch_page(PAGES[0].file, query_params=keep)


def _make(lang: str) -> tuple[st.Page, ...]:
    pages = tuple(
        st.Page(
            spec.file,
            title=t(spec.title_key, lang),
            icon=spec.icon,
            url_path=DEFAULT_RESERVED_PATH if i == 0 else spec.url_path,
            default=(i == 0),
            visibility=spec.visibility,
        )
        for i, spec in enumerate(PAGES)
    )
    alias = st.Page(
        _alias, title=t(PAGES[0].title_key, lang), icon=PAGES[0].icon, url_path=OVERVIEW_ALIAS, visibility="hidden"
    )
    return (*pages, alias)


def navigation_pages(lang: str) -> list[st.Page]:
    """Fresh ``st.Page`` objects for ``st.navigation`` in this run, titles in ``lang``."""
    return page_objects.fresh_pages(lang, lambda: _make(lang))
