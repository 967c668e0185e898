"""Kooperationsatlas: the frame. Page config, data package, shared sidebar, navigation, then the page."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.app import sidebar
from components.app.content import common
from components.app.context import PageContext, set_context
from components.app.data import active_package
from components.app.pages import PARTICIPANT_PATH, leave_alias, navigation_pages
from components.app.private import upload_sweep
from components.i18n import t
from study.selection import Filters

# A local icon: an emoji shows as a box without an emoji font, a ":material/...:" icon is fetched from Google.
# "auto": the sidebar starts collapsed on phones and expanded on wider screens.
FAVICON = str(Path(__file__).resolve().parent / "static" / "favicon.png")
st.set_page_config(page_title="Kooperationsatlas", page_icon=FAVICON, layout="wide", initial_sidebar_state="auto")
upload_sweep.start()  # files put on Streamlit's upload endpoint stay bounded (once per process)

pages = navigation_pages(sidebar.current_language())
page = st.navigation(pages, position="sidebar")
leave_alias(page.url_path)
# The participants' voting page is for phones: no sidebar, no filters, the language switch on the page.
participant = page.url_path == PARTICIPANT_PATH
if participant:
    st.set_page_config(layout="centered", initial_sidebar_state="collapsed")
lang = sidebar.language(st.container() if participant else None)
package, report, uploaded = active_package()
if package is None:
    st.error(t("load_error", lang))
    st.code(report.format(lang), language=None)
    st.stop()

filters = Filters() if participant else sidebar.filters(package, lang)
if not participant:
    sidebar.data_status(package, lang, uploaded)
if package.synthetic:
    st.warning(t("synthetic_banner", lang), icon=":material/science:")

labels = common.labels(package, lang)
set_context(PageContext(package, common.select(package, filters), lang, labels))
# ?praesentation=1 on any link opens the slides for a focus group, keeping the filters.
if st.query_params.get("praesentation") == "1" and page.url_path != "praesentation":
    keep = {key: st.query_params.get_all(key) for key in st.query_params if key != "praesentation"}
    keep["von"] = [page.url_path]  # the slides link back to where they were opened
    st.switch_page(next(p for p in pages if p.url_path == "praesentation"), query_params=keep)
if page.url_path != "praesentation":
    st.session_state["praesentation_von"] = page.url_path  # where the slides' "back" link leads
page.run()
