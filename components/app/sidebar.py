"""The shared sidebar: language, the six filters, reset, and the data status.

Filters and language are mirrored in the URL query string: read once when a session starts (so a
shared link reproduces the view) and written back on every run (so the address bar always holds
the current view, also after a page switch, which clears Streamlit's query string).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from study import disclosure
from study.package import StudyPackage
from study.selection import QUERY_KEYS, Filters, resolve_family

from ..i18n import t
from ..text import md
from .content import common
from .ui import mirror_in_url

CLOSE_AFTER_NAVIGATION_JS = Path(__file__).resolve().parents[2] / "static" / "app" / "sidebar.js"
LANG_KEY = "sprache"
LANGUAGES = {"de": "Deutsch", "en": "English"}
_INITIALISED = "_filters_from_url"
_DROPPED = "_filters_dropped_from_url"


def _query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def current_language() -> str:
    """The session's language before its widget is drawn (from the URL when the session starts)."""
    if LANG_KEY not in st.session_state:
        requested = st.query_params.get(LANG_KEY, "de")
        st.session_state[LANG_KEY] = requested if requested in LANGUAGES else "de"
    return st.session_state[LANG_KEY]


def language(where=None) -> str:
    """The language switch, in the sidebar (or in ``where``, e.g. the main area of a page without sidebar)."""
    current_language()
    lang = (where or st.sidebar).radio(
        t("language", "de"), list(LANGUAGES), format_func=LANGUAGES.get, horizontal=True, key=LANG_KEY
    )
    if lang == "en":
        st.query_params[LANG_KEY] = "en"
    elif LANG_KEY in st.query_params:
        del st.query_params[LANG_KEY]
    # Streamlit writes lang="en" into the page; assistive technology needs the real language.
    # Only a constant from LANGUAGES goes into the script, never text from the URL or the data.
    code = "en" if lang == "en" else "de"
    st.html(
        f"<script>document.documentElement.lang = '{code}';{CLOSE_AFTER_NAVIGATION}</script>",
        unsafe_allow_javascript=True,
    )
    return lang


# Closes the sidebar on phones after a page is chosen in it (static/app/sidebar.js, allowed by deploy/proxy.py).
CLOSE_AFTER_NAVIGATION = CLOSE_AFTER_NAVIGATION_JS.read_text(encoding="utf-8")


def _reset() -> None:
    for key in QUERY_KEYS.values():
        st.session_state[key] = []
    st.session_state[_DROPPED] = ()


def _active_family() -> str | None:
    """The filter family in use (the first one with a value), whose filters alone stay enabled."""
    for family in disclosure.FAMILY_ORDER:
        if any(st.session_state.get(QUERY_KEYS[dim]) for dim in disclosure.FAMILY_DIMS[family]):
            return family
    return None


def filters(package: StudyPackage, lang: str) -> Filters:
    """Render the filters and keep the URL in step with them."""
    options = common.filter_options(package)
    if not st.session_state.get(_INITIALISED):
        # A link that mixes filter families keeps the first family only (study.selection.resolve_family).
        _, from_url, dropped = resolve_family(Filters.from_query(_query(), package), package.protection.single_family)
        st.session_state[_DROPPED] = dropped
        for dim, key in QUERY_KEYS.items():
            st.session_state[key] = list(getattr(from_url, dim))
        st.session_state[_INITIALISED] = True
    names = common.filter_names(common.labels(package, lang))
    sb = st.sidebar
    sb.header(t("filters", lang))
    chosen = {}
    for dim, key in QUERY_KEYS.items():
        # Values the package lacks (e.g. after loading another package) are dropped quietly.
        st.session_state[key] = [v for v in st.session_state.get(key, []) if v in options[dim]]
    active = _active_family()
    sb.caption(t("family_hint", lang))
    if st.session_state.get(_DROPPED):
        dims = ", ".join(t(f"filter_{d}", lang) for d in st.session_state[_DROPPED])
        sb.warning(t("notice_dropped", lang, dims=dims), icon=":material/shield_lock:")
    for dim, key in QUERY_KEYS.items():
        chosen[dim] = tuple(
            sb.multiselect(
                t(f"filter_{dim}", lang),
                options[dim],
                format_func=names[dim].__getitem__,
                key=key,
                placeholder=t("all", lang),
                disabled=(active is not None and disclosure.family_of(dim) != active)
                or (package.protection.single_family and disclosure.family_of(dim) == disclosure.ACTORS),
            )
        )
    sb.button(t("reset_filters", lang), on_click=_reset, icon=":material/filter_alt_off:", width="stretch")
    current = Filters(**chosen)
    mirror_in_url(QUERY_KEYS.values(), current.to_query())
    return current


def data_status(package: StudyPackage, lang: str, uploaded: bool) -> None:
    if uploaded:
        status = t("data_upload", lang)
    else:
        status = t("data_synthetic", lang) if package.synthetic else t("data_real", lang)
    st.sidebar.caption(f"**{t('data_status', lang)}:** {status}  \n{md(package.title)}")
