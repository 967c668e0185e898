"""Running the dashboard under streamlit.testing.v1.AppTest, as `streamlit run` runs it.

AppTest resets Streamlit's "app uses a pages/ directory" flag before every run, which makes a rerun
execute the pages folder the legacy way instead of the entrypoint's st.navigation;
``components.app.private.legacy_pages.keep_navigation_mode`` keeps the flag as the live server has it.
"""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from components.app.private.legacy_pages import keep_navigation_mode

keep_navigation_mode()

ROOT = Path(__file__).resolve().parents[1]
ENTRYPOINT = str(ROOT / "dashboard.py")
FIRST_PAGE = "pages/ueberblick.py"  # the default page (components.app.pages.PAGES[0])


def dashboard(query: dict | None = None, timeout: float = 60) -> AppTest:
    """An AppTest of the dashboard, run once (on the default page unless ``query`` says otherwise)."""
    at = AppTest.from_file(ENTRYPOINT, default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def open_page(page: str, query: dict | None = None, *, number_tables: bool = False) -> AppTest:
    """The dashboard opened on ``page`` ("pages/karte.py"), without an exception; with every chart's
    table of numbers open if asked."""
    at = dashboard(query)
    if page != FIRST_PAGE:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return open_number_tables(at) if number_tables else at


def charts(at) -> list[dict]:
    """The figure of every plotly chart shown, as the browser receives it."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


NUMBER_TABLES = ("Zahlen als Tabelle", "Numbers as a table")


def open_number_tables(at: AppTest) -> AppTest:
    """Open every chart's "numbers as a table" expander (their content is sent only while open)."""
    closed = [e.key for e in at.expander if e.label in NUMBER_TABLES and not at.session_state[e.key]]
    for key in closed:
        at.session_state[key] = True
    if closed:
        at.run()
    return at
