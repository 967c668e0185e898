"""Live voting at the app's boundary: the store (one per process), the presenter's key, rate limits, messages.

Configuration (environment): ``DATABASE_URL`` (PostgreSQL) or ``VOTING_DATA_DIR`` (folder of the SQLite
file), ``VOTING_PRESENTER_KEY`` (else one is generated per process and printed to the server's log),
``VOTING_PUBLIC_URL`` (the join address behind a domain; else this machine's LAN address).
"""

from __future__ import annotations

import hmac
import os
import secrets
import sys
import threading

import streamlit as st

from study.voting import RateLimiter, VoteStore, VotingUnavailable, database_url

from ..i18n import pick
from ..voting import base_url

PRESENTER_FLAG = "_voting_presenter"

MESSAGES = {
    "missing": (
        "Die Abstimmungsdatenbank fehlt oder ist nicht erreichbar (Ordner oder Datei nicht vorhanden). "
        "Bitte prüfen Sie VOTING_DATA_DIR bzw. DATABASE_URL. Das übrige Dashboard funktioniert weiter.",
        "The voting database is missing or cannot be reached (folder or file not there). "
        "Please check VOTING_DATA_DIR or DATABASE_URL. The rest of the dashboard keeps working.",
    ),
    "read_only": (
        "Die Abstimmungsdatenbank ist schreibgeschützt: Runden können angezeigt, aber nicht gestartet, "
        "geändert oder abgestimmt werden. Das übrige Dashboard funktioniert weiter.",
        "The voting database is read-only: rounds can be shown but not started, changed or voted in. "
        "The rest of the dashboard keeps working.",
    ),
    "locked": (
        "Die Abstimmungsdatenbank ist gerade gesperrt (ein anderes Programm hält sie offen). Bitte in ein paar "
        "Sekunden erneut versuchen. Das übrige Dashboard funktioniert weiter.",
        "The voting database is locked right now (another program holds it open). Please try again in a few "
        "seconds. The rest of the dashboard keeps working.",
    ),
    "unavailable": (
        "Die Abstimmungsdatenbank ist nicht erreichbar. Bitte prüfen Sie DATABASE_URL und den Datenbankserver. "
        "Das übrige Dashboard funktioniert weiter.",
        "The voting database cannot be reached. Please check DATABASE_URL and the database server. "
        "The rest of the dashboard keeps working.",
    ),
    "version": (
        "Die Abstimmungsdatenbank stammt von einer neueren Version des Dashboards und wird nicht verändert.",
        "The voting database comes from a newer version of the dashboard and is left unchanged.",
    ),
}


def unavailable_message(exc: VotingUnavailable, lang: str) -> str:
    return pick(MESSAGES, exc.reason if exc.reason in MESSAGES else "unavailable", lang)


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(url: str) -> VoteStore:
    return VoteStore(url)  # an error is not cached: the next run tries again


def store() -> VoteStore:
    """The process's vote store (raises ``VotingUnavailable`` with a reason)."""
    return _store(database_url())


_key_lock = threading.Lock()
_generated: list[str] = []


def presenter_key() -> str:
    """``VOTING_PRESENTER_KEY``, or a key generated once per process and printed to the server's log."""
    configured = os.environ.get("VOTING_PRESENTER_KEY", "").strip()
    if configured:
        return configured
    with _key_lock:
        if not _generated:
            _generated.append(secrets.token_urlsafe(9))
            print(
                f"Moderationsschlüssel für Abstimmungen (presenter key): {_generated[0]}", file=sys.stderr, flush=True
            )
        return _generated[0]


def check_key(given: str) -> bool:
    return hmac.compare_digest(given.strip().encode(), presenter_key().encode())


def is_presenter() -> bool:
    return bool(st.session_state.get(PRESENTER_FLAG))


# Per participant token: ten ballots a minute (changing one's mind is fine, a script is not).
votes_per_participant = RateLimiter(limit=10, window=60)
# Wrong join codes, for the whole process: guessing codes gets nowhere at this pace.
wrong_codes = RateLimiter(limit=60, window=60)
# Wrong presenter keys, for the whole process.
wrong_keys = RateLimiter(limit=10, window=60)


def join_base() -> str:
    """The base of the join address: ``VOTING_PUBLIC_URL``, or this machine's address and port."""
    address = st.get_option("server.address") or ""
    port = int(st.get_option("server.port") or 8501)
    return base_url(os.environ.get("VOTING_PUBLIC_URL", ""), str(address), port)
