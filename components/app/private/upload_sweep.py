"""Bounds what Streamlit's upload endpoint keeps in memory: files of sessions that left, and parked files.

Every PUT to ``/_stcore/upload_file/<session>/<file id>`` is kept in the runtime's
``MemoryUploadedFileManager`` until that session shuts down. A session whose tab closes is kept for a
reconnect and later dropped without a shutdown, so its files stay for good; and an open session can put any
number of files under ids no widget asks for. A thread sweeps the manager's ``file_storage`` every
``SWEEP_SECONDS``: it removes the files of sessions that are no longer connected (their upload has been read
into the session's package by then) and keeps at most ``session_budget()`` bytes per session, newest first.
``tests/test_upload_sweep.py`` checks it on a live server.
"""

from __future__ import annotations

import logging
import threading

from streamlit import config
from streamlit.runtime import Runtime

CHECKED = {"streamlit": "1.67.0"}
SWEEP_SECONDS = 2.0
_LOG = logging.getLogger(__name__)
_started = threading.Event()
_start_lock = threading.Lock()


def session_budget() -> int:
    """Bytes one session may keep on the upload endpoint: two uploads of the largest allowed size."""
    return 2 * int(config.get_option("server.maxUploadSize")) * 1024 * 1024


def sweep(runtime: Runtime, budget: int) -> int:
    """Remove what the manager keeps beyond the rules above; the number of bytes freed."""
    manager = runtime.uploaded_file_mgr
    storage = getattr(manager, "file_storage", None)
    if storage is None:  # another manager (not the in-memory one): nothing of ours to bound
        return 0
    freed = 0
    for session_id, files in list(storage.items()):
        records = list(files.values())
        if not runtime.is_active_session(session_id):
            freed += sum(len(r.data) for r in records)
            manager.remove_session_files(session_id)
            continue
        kept = 0
        for record in reversed(records):  # insertion order: the newest last
            kept += len(record.data)
            if kept > budget:
                freed += len(record.data)
                manager.remove_file(session_id, record.file_id)
    return freed


def _loop(runtime: Runtime) -> None:
    budget = session_budget()
    while True:
        try:
            freed = sweep(runtime, budget)
            if freed:
                _LOG.info("Upload-Speicher: %d Bytes freigegeben", freed)
        except Exception:  # the sweeper must outlive any one bad pass
            _LOG.exception("Upload-Speicher konnte nicht bereinigt werden")
        threading.Event().wait(SWEEP_SECONDS)


def start() -> None:
    """Start the sweeper once per server process (no-op outside a running server, e.g. under AppTest)."""
    if _started.is_set() or not Runtime.exists():
        return
    with _start_lock:
        if _started.is_set():
            return
        threading.Thread(target=_loop, args=(Runtime.instance(),), name="upload-sweep", daemon=True).start()
        _started.set()
