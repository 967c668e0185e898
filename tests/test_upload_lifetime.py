"""An uploaded package lives as long as its browser session: nothing shared across sessions keeps it."""

from __future__ import annotations

import gc
import weakref

from apptest_support import open_page
from test_page_daten import package_zip

from components.app import cache
from components.app.data import UPLOAD_KEY
from components.app.pages import PAGES
from factory import make_tables, write_package


def _shared_keys() -> list:
    return [key for store in cache._stores().values() for key in store._items]


def test_an_upload_and_what_was_built_from_it_are_freed_with_its_session(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDY_DATA", str(write_package(make_tables(seed=1), tmp_path / "pkg")))
    at = open_page("pages/daten.py")
    tables = make_tables(seed=9, n_municipalities=4)
    at.file_uploader[0].set_value(("neu.zip", package_zip(tables, tmp_path / "up"), "application/zip")).run()
    upload = at.session_state[UPLOAD_KEY]
    for spec in PAGES:  # every page builds (and caches) what it shows from the upload
        at.switch_page(spec.file).run()
        assert not at.exception, (spec.file, [e.value for e in at.exception])
        if spec is PAGES[0]:
            assert at.metric[0].value == "4"  # the overview counts the upload's municipalities
    token, alive = upload.token, weakref.ref(upload)
    # The shared caches hold nothing of the upload: another session could not be served from it anyway.
    assert not [key for key in _shared_keys() if token in repr(key)]
    del upload, at
    # Streamlit keeps the last script run's globals as sys.modules["__main__"] until the next run: another visitor.
    open_page("pages/ueberblick.py")
    gc.collect()
    assert alive() is None, [type(r).__name__ for r in gc.get_referrers(alive())]
