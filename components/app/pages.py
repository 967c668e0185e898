"""The dashboard's pages: one list in reading order, and their ``st.Page`` objects made once per process.

``st.Page`` resolves its file on the disk when it is made (a path walk and a stat per page, about a
third of a millisecond each); the frame needs all of them on every rerun. The resolved pages are kept
per language and handed out as shallow copies, because ``st.navigation`` marks the copy it chooses
(``_default``, ``_can_be_called``) and concurrent sessions must not share those marks.
"""

from __future__ import annotations

import copy
import threading
from typing import NamedTuple

import streamlit as st

from ..i18n import t


class PageSpec(NamedTuple):
    url_path: str  # "" would be the root; every page has its own path, the first is the default
    title_key: str
    file: str
    icon: str
    visibility: str = "visible"


# The order is the reading order of the study.
PAGES = (
    PageSpec("ueberblick", "page_overview", "pages/ueberblick.py", ":material/home:"),
    PageSpec("kompass", "page_compass", "pages/kompass.py", ":material/explore:"),
    PageSpec("karte", "page_map", "pages/karte.py", ":material/map:"),
    PageSpec("akteure", "page_actors", "pages/akteure.py", ":material/groups:"),
    PageSpec("kooperation", "page_cooperation", "pages/kooperation.py", ":material/handshake:"),
    PageSpec("herausforderungen", "page_challenges", "pages/herausforderungen.py", ":material/trending_up:"),
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


def findings_tab_labels(lang: str) -> list[str]:
    """The labels of the research-question tabs ("FF 1" …; "RQ 1" … in English)."""
    return [f"{t('rq_short', lang)} {rq}" for rq in QUESTIONS]


def findings_question(value) -> int | None:
    """The research question a URL value ("3") or a tab label of either language ("FF 3", "RQ 3") names."""
    text = str(value or "").strip()
    for rq in QUESTIONS:
        if text == str(rq) or text in (f"{t('rq_short', lang)} {rq}" for lang in ("de", "en")):
            return rq
    return None


_made: dict[str, tuple[st.Page, ...]] = {}
_lock = threading.Lock()


def _make(lang: str) -> tuple[st.Page, ...]:
    return tuple(
        st.Page(
            spec.file,
            title=t(spec.title_key, lang),
            icon=spec.icon,
            url_path=spec.url_path,
            default=(i == 0),
            visibility=spec.visibility,
        )
        for i, spec in enumerate(PAGES)
    )


_links: dict[str, st.Page] = {}


def link_page(file: str) -> st.Page:
    """A ``st.Page`` for ``st.page_link`` to a page file ("pages/akteure.py"), made once per process.

    Given a path, ``st.page_link`` resolves it on every call; a Page carries its resolved path and URL.
    ``st.page_link`` does not mark the Page, so one object serves every session.
    """
    with _lock:
        page = _links.get(file)
        if page is None:
            page = _links[file] = st.Page(file)
    return page


def navigation_pages(lang: str) -> list[st.Page]:
    """Fresh ``st.Page`` objects for ``st.navigation`` in this run, titles in ``lang``."""
    with _lock:
        made = _made.get(lang)
        if made is None:
            made = _made[lang] = _make(lang)
    return [copy.copy(page) for page in made]
