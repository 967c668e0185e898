"""Live voting at focus groups: rounds and ballots in a real database (SQLite or PostgreSQL, plain DB-API).

One data-access class, ``VoteStore``, for both databases. SQLite is the embedded default (a file in a
data folder, WAL, ``synchronous=FULL``, one transaction per vote); PostgreSQL comes in through
``DATABASE_URL`` for a hosted instance with several replicas. The schema is created and migrated here.

What is stored: the rounds (title, question, options, status, times) and per participant only a
salted hash of their random token and the options they chose. No IP address, user agent or name.
The result of a round goes through ``study.anonymity`` like every figure of the study.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pandas as pd

from .anonymity import N_ACTORS, SUPPRESSED, guard, guard_partition
from .disclosure import shares
from .schema import CHALLENGE, POTENTIAL

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = ROOT / ".data" / "voting"
SQLITE_FILE = "abstimmungen.sqlite3"

# The questions a presenter can ask: where the options come from in the package.
QUESTIONS = ("herausforderungen", "potenziale", "partner")
QUESTION_CATEGORY = {"herausforderungen": CHALLENGE, "potenziale": POTENTIAL, "partner": None}
FORMS = ("pick", "points")  # pick up to N options, or distribute N points (dot voting)
OPEN, CLOSED = "open", "closed"
MAX_BUDGET = 100
MAX_PARTICIPANTS = 2000  # per round: a focus group has dozens; stops a flood of made-up tokens
# A join code: 8 letters/digits without look-alikes (0/O, 1/I/L), ~40 bits. Guessing one of a few
# open rounds at the rate limit's pace would take years; a round lives for an afternoon.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
SCHEMA_VERSION = 1


class VotingUnavailable(Exception):
    """The vote database cannot be used; ``reason`` is one of missing, read_only, locked, unavailable, version."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class VoteRefused(Exception):
    """A vote that is not accepted; ``reason``: unknown_round, closed, invalid_option, too_many, empty, full, rate_limited."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Round:
    round_id: str
    join_code: str
    title: str
    question: str
    form: str
    budget: int
    options: tuple[str, ...]
    status: str
    created_at: str
    closed_at: str | None

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


@dataclass(frozen=True)
class Tally:
    """The raw count of a round: ballots, and per option the participants choosing it and their points."""

    round: Round
    n_ballots: int
    voters: Mapping[str, int] = field(default_factory=dict)
    points: Mapping[str, int] = field(default_factory=dict)


# --- configuration --------------------------------------------------------------------------------


def database_url(env: Mapping[str, str] | None = None) -> str:
    """``DATABASE_URL`` if set, else a SQLite file in ``VOTING_DATA_DIR`` (default ``.data/voting``)."""
    env = os.environ if env is None else env
    url = env.get("DATABASE_URL", "").strip()
    if url:
        return url
    folder = Path(env.get("VOTING_DATA_DIR", "").strip() or DEFAULT_DATA_DIR)
    return f"sqlite:///{folder / SQLITE_FILE}"


def normalise_code(text: str) -> str:
    """A join code as typed on a phone ("abcd efgh", "ABCD-EFGH") in its stored form ("ABCDEFGH")."""
    return "".join(ch for ch in str(text).upper() if ch.isalnum())


def format_code(code: str) -> str:
    """The join code as shown: two groups of four ("ABCD-EFGH")."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_participant_token() -> str:
    return secrets.token_urlsafe(18)


def participant_id(round_id: str, token: str) -> str:
    """What is stored for a participant: a hash of their token and the round, not the token itself."""
    return hashlib.sha256(f"{round_id}:{token}".encode()).hexdigest()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def validate_choices(form: str, budget: int, options: Sequence[str], choices: Mapping[str, int]) -> dict[str, int]:
    """The choices a ballot stores (options with at least one point), or ``VoteRefused``."""
    allowed = set(options)
    kept: dict[str, int] = {}
    for option, value in choices.items():
        if option not in allowed:
            raise VoteRefused("invalid_option")
        if isinstance(value, bool):
            value = int(value)
        if not isinstance(value, int) or value < 0:
            raise VoteRefused("invalid_option")
        if value:
            kept[str(option)] = 1 if form == "pick" else value
    if not kept:
        raise VoteRefused("empty")
    used = len(kept) if form == "pick" else sum(kept.values())
    if used > budget:
        raise VoteRefused("too_many")
    return kept


# --- rate limit -----------------------------------------------------------------------------------


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key (in this process; a sliding window)."""

    def __init__(self, limit: int, window: float, max_keys: int = 20_000):
        self.limit, self.window, self.max_keys = limit, window, max_keys
        self._events: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def full(self, key: str, now: float | None = None) -> bool:
        """Whether ``key`` has used up its events (without counting one)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            return sum(1 for t in self._events.get(key, []) if t > now - self.window) >= self.limit

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._events) > self.max_keys:
                self._events = {k: v for k, v in self._events.items() if v and v[-1] > now - self.window}
            recent = [t for t in self._events.get(key, []) if t > now - self.window]
            if len(recent) >= self.limit:
                self._events[key] = recent
                return False
            recent.append(now)
            self._events[key] = recent
            return True


# --- the database ---------------------------------------------------------------------------------

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE rounds (
            round_id TEXT PRIMARY KEY,
            join_code TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            question TEXT NOT NULL,
            form TEXT NOT NULL,
            budget INTEGER NOT NULL,
            options TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL,
            closed_at TEXT
        )""",
        """CREATE TABLE ballots (
            round_id TEXT NOT NULL REFERENCES rounds (round_id) ON DELETE CASCADE,
            participant TEXT NOT NULL,
            revision INTEGER NOT NULL,
            PRIMARY KEY (round_id, participant)
        )""",
        """CREATE TABLE votes (
            round_id TEXT NOT NULL,
            participant TEXT NOT NULL,
            option TEXT NOT NULL,
            points INTEGER NOT NULL,
            PRIMARY KEY (round_id, participant, option),
            FOREIGN KEY (round_id, participant) REFERENCES ballots (round_id, participant) ON DELETE CASCADE
        )""",
        "CREATE INDEX rounds_by_status ON rounds (status, created_at)",
    ),
}
_ROUND_COLUMNS = "round_id, join_code, title, question, form, budget, options, status, created_at, closed_at"


def _round(row) -> Round:
    rid, code, title, question, form, budget, options, status, created, closed = row
    return Round(rid, code, title, question, form, int(budget), tuple(json.loads(options)), status, created, closed)


class VoteStore:
    """Rounds and votes in SQLite (``sqlite:///path``) or PostgreSQL (``postgresql://…``)."""

    def __init__(self, url: str, busy_timeout: float = 5.0):
        self.url = url
        self.busy_timeout = busy_timeout
        parsed = urlparse(url)
        self.kind = "postgresql" if parsed.scheme in ("postgres", "postgresql") else parsed.scheme
        if self.kind not in ("sqlite", "postgresql"):
            raise ValueError(f"unsupported database URL {url!r}")
        self._pool: queue.LifoQueue = queue.LifoQueue(maxsize=16)
        if self.kind == "sqlite":
            # sqlite:///relative/file, sqlite:////absolute/file; "?mode=ro" opens a copy read-only.
            self.path = Path(url.removeprefix("sqlite:///").split("?", 1)[0])
            self.read_only = parse_qs(parsed.query).get("mode", [""])[0] == "ro"
        self.migrate()

    # connections ------------------------------------------------------------------------------

    def _sqlite_connect(self, create: bool) -> sqlite3.Connection:
        if create and not self.read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise VotingUnavailable("missing", str(exc)) from exc
        mode = "ro" if self.read_only else ("rwc" if create else "rw")
        try:
            conn = sqlite3.connect(
                f"file:{self.path}?mode={mode}",
                uri=True,
                timeout=self.busy_timeout,
                isolation_level=None,
                check_same_thread=False,
            )
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            if not self.read_only:
                # WAL: readers never block the writer; FULL: a committed vote is on disk.
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            raise _sqlite_error(exc) from exc
        return conn

    def _pg_connect(self):
        import psycopg

        try:
            return psycopg.connect(self.url, connect_timeout=5, autocommit=False)
        except psycopg.Error as exc:
            raise VotingUnavailable("unavailable", str(exc).strip()) from exc

    @contextmanager
    def transaction(self, write: bool = True, create: bool = False) -> Iterator:
        """A cursor inside one transaction: committed at the end, rolled back on any error."""
        if self.kind == "sqlite":
            conn = self._sqlite_connect(create)
            try:
                cur = conn.cursor()
                cur.execute("BEGIN IMMEDIATE" if write and not self.read_only else "BEGIN")
                yield _Cursor(cur, "?")
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                _rollback(conn)
                raise _sqlite_error(exc) from exc
            except BaseException:
                _rollback(conn)
                raise
            finally:
                conn.close()
            return
        import psycopg

        try:
            conn = self._pool.get_nowait()
        except queue.Empty:
            conn = self._pg_connect()
        broken = False
        try:
            with conn.cursor() as cur:
                yield _Cursor(cur, "%s")
            conn.commit()
        except psycopg.Error as exc:
            broken = _pg_rollback(conn)
            raise _pg_error(exc) from exc
        except BaseException:
            broken = _pg_rollback(conn)
            raise
        finally:
            if broken or conn.closed:
                conn.close()
            else:
                try:
                    self._pool.put_nowait(conn)
                except queue.Full:
                    conn.close()

    def close(self) -> None:
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return

    # schema -----------------------------------------------------------------------------------

    def schema_version(self) -> int:
        with self.transaction(write=False) as cur:
            cur.execute("SELECT MAX(version) FROM voting_schema")
            row = cur.fetchone()
        return int(row[0] or 0)

    def migrate(self) -> None:
        """Create the schema or bring it to ``SCHEMA_VERSION``; a newer schema than this code is an error."""
        if self.kind == "sqlite" and self.read_only:
            if self.schema_version() > SCHEMA_VERSION:
                raise VotingUnavailable("version")
            return
        with self.transaction(create=True) as cur:
            if self.kind == "postgresql":
                # Several replicas may start at once: one migrates, the others wait for it.
                cur.execute("SELECT pg_advisory_xact_lock(4711013)")
            cur.execute("CREATE TABLE IF NOT EXISTS voting_schema (version INTEGER NOT NULL)")
            cur.execute("SELECT MAX(version) FROM voting_schema")
            current = int(cur.fetchone()[0] or 0)
            if current > SCHEMA_VERSION:
                raise VotingUnavailable("version", f"schema {current} > {SCHEMA_VERSION}")
            for version in range(current + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[version]:
                    cur.execute(statement)
                cur.execute("INSERT INTO voting_schema (version) VALUES (?)", (version,))

    # rounds -----------------------------------------------------------------------------------

    def create_round(self, title: str, question: str, form: str, budget: int, options: Sequence[str]) -> Round:
        if question not in QUESTIONS:
            raise ValueError(f"unknown question {question!r}")
        if form not in FORMS:
            raise ValueError(f"unknown form {form!r}")
        options = tuple(dict.fromkeys(str(o) for o in options))
        if not options:
            raise ValueError("a round needs options")
        budget = int(budget)
        if not 1 <= budget <= (len(options) if form == "pick" else MAX_BUDGET):
            raise ValueError(f"budget {budget} out of range")
        title = " ".join(str(title).split())[:120] or "Abstimmung"
        for _ in range(5):
            rnd = Round(
                secrets.token_hex(8), new_join_code(), title, question, form, budget, options, OPEN, _now(), None
            )
            try:
                with self.transaction() as cur:
                    cur.execute(
                        f"INSERT INTO rounds ({_ROUND_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (*_row(rnd),),
                    )
                return rnd
            except _IntegrityError:
                continue  # the same join code twice: draw again
        raise VotingUnavailable("unavailable", "no free join code")

    def get_round(self, round_id: str) -> Round | None:
        with self.transaction(write=False) as cur:
            cur.execute(f"SELECT {_ROUND_COLUMNS} FROM rounds WHERE round_id = ?", (str(round_id),))
            row = cur.fetchone()
        return _round(row) if row else None

    def round_by_code(self, join_code: str) -> Round | None:
        code = normalise_code(join_code)
        if len(code) != CODE_LENGTH:
            return None
        with self.transaction(write=False) as cur:
            cur.execute(f"SELECT {_ROUND_COLUMNS} FROM rounds WHERE join_code = ?", (code,))
            row = cur.fetchone()
        return _round(row) if row else None

    def rounds(self) -> list[Round]:
        """All kept rounds, open ones first, then newest first."""
        with self.transaction(write=False) as cur:
            cur.execute(f"SELECT {_ROUND_COLUMNS} FROM rounds")
            rows = cur.fetchall()
        found = sorted((_round(r) for r in rows), key=lambda r: (r.created_at, r.round_id), reverse=True)
        return sorted(found, key=lambda r: r.status != OPEN)

    def set_status(self, round_id: str, status: str) -> Round:
        if status not in (OPEN, CLOSED):
            raise ValueError(status)
        with self.transaction() as cur:
            closed_at = _now() if status == CLOSED else None
            cur.execute("UPDATE rounds SET status = ?, closed_at = ? WHERE round_id = ?", (status, closed_at, round_id))
            if cur.rowcount == 0:
                raise VoteRefused("unknown_round")
        return self.get_round(round_id)

    def close_round(self, round_id: str) -> Round:
        return self.set_status(round_id, CLOSED)

    def reopen_round(self, round_id: str) -> Round:
        return self.set_status(round_id, OPEN)

    def delete_round(self, round_id: str) -> None:
        with self.transaction() as cur:
            # Explicit order: a PostgreSQL or SQLite without foreign-key cascades deletes the same.
            cur.execute("DELETE FROM votes WHERE round_id = ?", (round_id,))
            cur.execute("DELETE FROM ballots WHERE round_id = ?", (round_id,))
            cur.execute("DELETE FROM rounds WHERE round_id = ?", (round_id,))

    # votes ------------------------------------------------------------------------------------

    def cast_vote(self, round_id: str, token: str, choices: Mapping[str, int]) -> int:
        """Store a participant's ballot in one transaction, replacing an earlier one; returns its revision.

        Accepted only while the round is open and only for the round's options. The round's row is
        locked for the transaction, so a vote either commits before the round closes or is refused.
        """
        participant = participant_id(round_id, token)
        with self.transaction() as cur:
            lock = " FOR SHARE" if self.kind == "postgresql" else ""
            cur.execute(f"SELECT status, form, budget, options FROM rounds WHERE round_id = ?{lock}", (round_id,))
            row = cur.fetchone()
            if row is None:
                raise VoteRefused("unknown_round")
            status, form, budget, options = row
            if status != OPEN:
                raise VoteRefused("closed")
            kept = validate_choices(form, int(budget), json.loads(options), choices)
            cur.execute("SELECT revision FROM ballots WHERE round_id = ? AND participant = ?", (round_id, participant))
            existing = cur.fetchone()
            if existing is None:
                cur.execute("SELECT COUNT(*) FROM ballots WHERE round_id = ?", (round_id,))
                if int(cur.fetchone()[0]) >= MAX_PARTICIPANTS:
                    raise VoteRefused("full")
                revision = 1
                cur.execute(
                    "INSERT INTO ballots (round_id, participant, revision) VALUES (?, ?, ?)",
                    (round_id, participant, revision),
                )
            else:
                revision = int(existing[0]) + 1
                cur.execute(
                    "UPDATE ballots SET revision = ? WHERE round_id = ? AND participant = ?",
                    (revision, round_id, participant),
                )
                cur.execute("DELETE FROM votes WHERE round_id = ? AND participant = ?", (round_id, participant))
            cur.executemany(
                "INSERT INTO votes (round_id, participant, option, points) VALUES (?, ?, ?, ?)",
                [(round_id, participant, option, points) for option, points in kept.items()],
            )
        return revision

    def ballot(self, round_id: str, token: str) -> dict[str, int]:
        """A participant's stored choices (empty if they have not voted)."""
        with self.transaction(write=False) as cur:
            cur.execute(
                "SELECT option, points FROM votes WHERE round_id = ? AND participant = ?",
                (round_id, participant_id(round_id, token)),
            )
            return {str(o): int(p) for o, p in cur.fetchall()}

    def tally(self, round_id: str) -> Tally | None:
        with self.transaction(write=False) as cur:
            cur.execute(f"SELECT {_ROUND_COLUMNS} FROM rounds WHERE round_id = ?", (round_id,))
            row = cur.fetchone()
            if row is None:
                return None
            cur.execute("SELECT COUNT(*) FROM ballots WHERE round_id = ?", (round_id,))
            n = int(cur.fetchone()[0])
            cur.execute(
                "SELECT option, COUNT(*), SUM(points) FROM votes WHERE round_id = ? GROUP BY option", (round_id,)
            )
            rows = cur.fetchall()
        voters = {str(o): int(c) for o, c, _ in rows}
        return Tally(_round(row), n, voters, {str(o): int(p or 0) for o, _, p in rows})


def _row(rnd: Round) -> tuple:
    return (
        rnd.round_id,
        rnd.join_code,
        rnd.title,
        rnd.question,
        rnd.form,
        rnd.budget,
        json.dumps(list(rnd.options)),
        rnd.status,
        rnd.created_at,
        rnd.closed_at,
    )


class _IntegrityError(Exception):
    """A unique key was violated (raised for both databases)."""


class _Cursor:
    """A DB-API cursor that takes ``?`` placeholders for both databases."""

    def __init__(self, cursor, placeholder: str):
        self._cursor, self._ph = cursor, placeholder

    def _sql(self, sql: str) -> str:
        return sql if self._ph == "?" else sql.replace("?", self._ph)

    def execute(self, sql: str, params: Sequence = ()):
        try:
            return self._cursor.execute(self._sql(sql), tuple(params))
        except Exception as exc:
            if _is_integrity(exc):
                raise _IntegrityError(str(exc)) from exc
            raise

    def executemany(self, sql: str, rows: Sequence[Sequence]):
        return self._cursor.executemany(self._sql(sql), [tuple(r) for r in rows])

    def fetchone(self):
        return self._cursor.fetchone()

    def fetchall(self):
        return self._cursor.fetchall()

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount


def _is_integrity(exc: Exception) -> bool:
    if isinstance(exc, sqlite3.IntegrityError):
        return True
    return type(exc).__name__ in ("UniqueViolation", "IntegrityError")


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def _pg_rollback(conn) -> bool:
    """Roll back; True if the connection is broken and must not go back to the pool."""
    try:
        conn.rollback()
        return False
    except Exception:
        return True


def _sqlite_error(exc: sqlite3.Error) -> VotingUnavailable:
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text or "read only" in text:
        return VotingUnavailable("read_only", str(exc))
    if "locked" in text or "busy" in text:
        return VotingUnavailable("locked", str(exc))
    if "unable to open" in text or "no such table" in text or "disk i/o" in text:
        return VotingUnavailable("missing", str(exc))
    return VotingUnavailable("unavailable", str(exc))


def _pg_error(exc) -> VotingUnavailable:
    state = getattr(exc, "sqlstate", None) or ""
    if state == "25006":  # read_only_sql_transaction (a standby or a read-only database)
        return VotingUnavailable("read_only", str(exc))
    if state in ("55P03", "40P01", "57014"):  # lock_not_available, deadlock, statement timeout
        return VotingUnavailable("locked", str(exc))
    if state in ("42P01", "3D000"):  # undefined table, no such database
        return VotingUnavailable("missing", str(exc))
    return VotingUnavailable("unavailable", str(exc).strip())


# --- the result -----------------------------------------------------------------------------------

RESULT_COLUMNS = ["option", "n_voters", "points", "share", SUPPRESSED]


def room_result(tally: Tally, k: int) -> pd.DataFrame | None:
    """The room's answer per option, or None while fewer than k ballots are in.

    ``n_voters``: participants who chose the option; ``points``: their points (dot voting);
    ``share``: of the ballots (pick) or of all points given (points). An option chosen by 1 … k−1
    participants is withheld (``suppressed``). With one pick, or points, the options split a known
    total, so the smallest shown options are withheld too (``guard_partition``).
    """
    rnd = tally.round
    if tally.n_ballots < k:
        return None
    voters = [tally.voters.get(o, 0) for o in rnd.options]
    points = [tally.points.get(o, 0) for o in rnd.options]
    if rnd.form == "pick":
        share = [v / tally.n_ballots for v in voters]
    else:
        total = sum(points) or 1
        share = [p / total for p in points]
    frame = pd.DataFrame({"option": list(rnd.options), N_ACTORS: voters, "points": points, "share": share})
    partition = rnd.form == "points" or rnd.budget == 1
    frame = (guard_partition if partition else guard)(frame, k, ["points", "share"])
    return frame.rename(columns={N_ACTORS: "n_voters"})[RESULT_COLUMNS]


def compare(room: pd.DataFrame, study: pd.DataFrame, key: str = "code") -> pd.DataFrame:
    """The room's result beside the study's figure for the same options (``share_actors`` from the study).

    Rows in the order of the room's share (most first; withheld rows last, each group in option order).
    """
    study = study.rename(columns={key: "option"})
    study = study.assign(option=study["option"].astype(str))
    cols = {N_ACTORS: "study_n_actors", "share_actors": "study_share", SUPPRESSED: "study_suppressed"}
    right = study[[c for c in ("option", *cols) if c in study.columns]].rename(columns=cols)
    out = room.merge(right, on="option", how="left")
    out["study_suppressed"] = out["study_suppressed"].astype("boolean").fillna(False).astype(bool)
    out["_pos"] = range(len(out))
    out = out.sort_values(
        [SUPPRESSED, "share", "_pos"], ascending=[True, False, True], kind="stable", na_position="last"
    )
    return out.drop(columns="_pos").reset_index(drop=True)


def partner_shares(cross: pd.DataFrame, n_actors: int) -> pd.DataFrame:
    """Per partner type, the share of the selection's actors who name a cooperation with it.

    ``cross`` is ``aggregate.cross_table(sel, "kooperation", "partner_type", <one column>)``, protected by
    ``study.disclosure``; withheld rows stay withheld.
    """
    if cross.empty:
        return pd.DataFrame({"code": [], N_ACTORS: [], "share_actors": [], SUPPRESSED: []})
    grouped = cross.groupby("partner_type", observed=True, sort=False)
    out = pd.DataFrame(
        {
            N_ACTORS: grouped[N_ACTORS].max(),
            SUPPRESSED: grouped[SUPPRESSED].any(),
        }
    ).reset_index()
    out["share_actors"] = shares(out[N_ACTORS], max(n_actors, 1))
    out.loc[out[SUPPRESSED], ["share_actors", N_ACTORS]] = float("nan")
    return out.rename(columns={"partner_type": "code"})
