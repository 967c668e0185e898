"""Running the dashboard under streamlit.testing.v1.AppTest.

AppTest resets Streamlit's "app uses a pages/ directory" flag before every run, which makes a
rerun execute the pages folder the legacy way instead of the entrypoint's st.navigation (the live
server sets the flag once, when st.navigation is first called). The patch keeps the flag as the
live server has it, so AppTest runs the app exactly as `streamlit run` does.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.runtime import pages_manager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

ROOT = Path(__file__).resolve().parents[1]
ENTRYPOINT = str(ROOT / "dashboard.py")


class _NavigationPagesManager(pages_manager.PagesManager):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False


app_test_module.PagesManager = _NavigationPagesManager


def dashboard(query: dict | None = None, timeout: float = 60) -> AppTest:
    """An AppTest of the dashboard, run once (on the default page unless ``query`` says otherwise)."""
    at = AppTest.from_file(ENTRYPOINT, default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


NUMBER_TABLES = ("Zahlen als Tabelle", "Numbers as a table")


def open_number_tables(at: AppTest) -> AppTest:
    """Open every chart's "numbers as a table" expander (their content is sent only while open)."""
    closed = [e.key for e in at.expander if e.label in NUMBER_TABLES and not at.session_state[e.key]]
    for key in closed:
        at.session_state[key] = True
    if closed:
        at.run()
    return at
