"""Streamlit's legacy ``pages/`` mode: switched off, so that ``st.navigation`` in the frame decides.

The dashboard keeps its pages in a ``pages/`` folder (the user's layout), and Streamlit treats such a
folder as the legacy multipage mode until ``st.navigation`` has run once. On the very first request to a
fresh server (a deep link such as /karte) it therefore runs the page file alone. The page notices (no
context from the frame), switches the class flag ``PagesManager.uses_pages_directory`` off and reruns,
so dashboard.py runs and its ``st.navigation`` opens the requested page with its query string.
AppTest resets the flag before every run; ``keep_navigation_mode`` keeps it off as the live server has it.
"""

from __future__ import annotations

from streamlit.runtime import pages_manager

CHECKED = {"streamlit": "1.67.0"}


def use_navigation() -> None:
    """Tell Streamlit that this app navigates with ``st.navigation``, not the ``pages/`` folder."""
    pages_manager.PagesManager.uses_pages_directory = False


def keep_navigation_mode() -> None:
    """For AppTest: every new PagesManager starts in the mode the live server is in after the first run."""
    from streamlit.testing.v1 import app_test

    class NavigationPagesManager(pages_manager.PagesManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            use_navigation()

    app_test.PagesManager = NavigationPagesManager
