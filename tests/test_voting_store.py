"""The vote storage on both databases: SQLite (a file in a temp folder) and a real PostgreSQL server.

Every test runs on both; nothing is skipped. The PostgreSQL server is started once per test session
(``postgres_support``), each test gets a database of its own.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading

import pandas as pd
import pytest
from postgres_support import remove, start_postgres

from study import voting
from study.voting import Tally, VoteRefused, VoteStore, VotingUnavailable

OPTIONS = ("a", "b", "c", "d")
_counter = itertools.count()


@pytest.fixture(scope="session")
def postgres():
    server = start_postgres()
    yield server
    remove(server)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'votes.sqlite3'}"
    server = request.getfixturevalue("postgres")
    return server.create_database(f"votes_{next(_counter)}")


@pytest.fixture
def store(url):
    s = VoteStore(url)
    yield s
    s.close()


def test_schema_is_created_and_migration_is_idempotent(url):
    first = VoteStore(url)
    assert first.schema_version() == voting.SCHEMA_VERSION
    rnd = first.create_round("Fokusgruppe Esslingen, 12.03.", "herausforderungen", "pick", 2, OPTIONS)
    first.close()
    again = VoteStore(url)  # a restart: migrate() finds the schema and keeps the data
    assert again.schema_version() == voting.SCHEMA_VERSION
    assert again.get_round(rnd.round_id) == rnd
    again.close()


def test_a_newer_schema_is_refused_with_a_reason(store, url):
    with store.transaction() as cur:
        cur.execute("INSERT INTO voting_schema (version) VALUES (?)", (voting.SCHEMA_VERSION + 1,))
    with pytest.raises(VotingUnavailable) as info:
        VoteStore(url)
    assert info.value.reason == "version"


def test_round_lifecycle_and_listing(store):
    old = store.create_round("Fokusgruppe Esslingen, 12.03.", "herausforderungen", "pick", 3, OPTIONS)
    new = store.create_round("Fokusgruppe Tübingen", "partner", "points", 10, OPTIONS)
    assert old.is_open and len(old.join_code) == voting.CODE_LENGTH
    assert set(old.join_code) <= set(voting.CODE_ALPHABET)
    assert old.join_code != new.join_code
    assert [r.round_id for r in store.rounds()][:2] in ([new.round_id, old.round_id], [old.round_id, new.round_id])
    closed = store.close_round(old.round_id)
    assert closed.status == voting.CLOSED and closed.closed_at
    # open rounds first, then closed ones (kept, to be shown again)
    assert [r.round_id for r in store.rounds()] == [new.round_id, old.round_id]
    assert store.reopen_round(old.round_id).is_open
    assert store.round_by_code(voting.format_code(old.join_code).lower()) == store.get_round(old.round_id)
    store.cast_vote(old.round_id, "tok", {"a": 1})
    store.delete_round(old.round_id)
    assert store.get_round(old.round_id) is None
    assert store.tally(old.round_id) is None
    with store.transaction(write=False) as cur:
        cur.execute("SELECT COUNT(*) FROM votes WHERE round_id = ?", (old.round_id,))
        assert cur.fetchone()[0] == 0


def test_votes_count_once_per_participant_and_can_change(store):
    rnd = store.create_round("R", "herausforderungen", "pick", 2, OPTIONS)
    assert store.cast_vote(rnd.round_id, "p1", {"a": 1, "b": 1}) == 1
    assert store.cast_vote(rnd.round_id, "p2", {"a": 1}) == 1
    # p1 changes their mind: still one ballot, the new choice replaces the old
    assert store.cast_vote(rnd.round_id, "p1", {"c": 1}) == 2
    tally = store.tally(rnd.round_id)
    assert tally.n_ballots == 2
    assert dict(tally.voters) == {"a": 1, "c": 1}
    assert store.ballot(rnd.round_id, "p1") == {"c": 1}
    assert store.ballot(rnd.round_id, "nobody") == {}


def test_dot_voting_sums_points(store):
    rnd = store.create_round("R", "potenziale", "points", 5, OPTIONS)
    store.cast_vote(rnd.round_id, "p1", {"a": 3, "b": 2})
    store.cast_vote(rnd.round_id, "p2", {"a": 5, "b": 0})
    tally = store.tally(rnd.round_id)
    assert dict(tally.points) == {"a": 8, "b": 2}
    assert dict(tally.voters) == {"a": 2, "b": 1}


@pytest.mark.parametrize(
    ("form", "budget", "choices", "reason"),
    [
        ("pick", 2, {"a": 1, "b": 1, "c": 1}, "too_many"),
        ("pick", 2, {"x": 1}, "invalid_option"),
        ("pick", 2, {}, "empty"),
        ("points", 5, {"a": 4, "b": 2}, "too_many"),
        ("points", 5, {"a": -1}, "invalid_option"),
        ("points", 5, {"a": 0}, "empty"),
    ],
)
def test_invalid_ballots_are_refused(store, form, budget, choices, reason):
    rnd = store.create_round("R", "herausforderungen", form, budget, OPTIONS)
    with pytest.raises(VoteRefused) as info:
        store.cast_vote(rnd.round_id, "p", choices)
    assert info.value.reason == reason
    assert store.tally(rnd.round_id).n_ballots == 0


def test_votes_only_for_open_and_existing_rounds(store):
    rnd = store.create_round("R", "herausforderungen", "pick", 1, OPTIONS)
    store.cast_vote(rnd.round_id, "early", {"a": 1})
    store.close_round(rnd.round_id)
    with pytest.raises(VoteRefused) as info:
        store.cast_vote(rnd.round_id, "late", {"a": 1})
    assert info.value.reason == "closed"
    with pytest.raises(VoteRefused) as info:
        store.cast_vote(rnd.round_id, "early", {"b": 1})  # no change after closing either
    assert info.value.reason == "closed"
    assert store.ballot(rnd.round_id, "early") == {"a": 1}
    with pytest.raises(VoteRefused) as info:
        store.cast_vote("nosuchround", "p", {"a": 1})
    assert info.value.reason == "unknown_round"
    assert store.round_by_code("ZZZZ-ZZZZ") is None
    assert store.round_by_code("short") is None


def test_nothing_identifying_is_stored(store):
    rnd = store.create_round("R", "herausforderungen", "pick", 1, OPTIONS)
    store.cast_vote(rnd.round_id, "secret-token", {"a": 1})
    with store.transaction(write=False) as cur:
        cur.execute("SELECT * FROM ballots")
        ballots = cur.fetchall()
        cur.execute("SELECT * FROM votes")
        votes = cur.fetchall()
    stored = repr(ballots) + repr(votes)
    assert "secret-token" not in stored
    assert voting.participant_id(rnd.round_id, "secret-token") in stored
    assert len(ballots[0]) == 3  # round, hashed participant, revision: no address, agent, name or time


def test_concurrent_votes_all_count(store, url):
    rnd = store.create_round("R", "herausforderungen", "pick", 1, OPTIONS)
    errors = []

    def vote(i: int) -> None:
        own = VoteStore(url)  # as on several replicas: each its own connections
        try:
            own.cast_vote(rnd.round_id, f"p{i}", {OPTIONS[i % 4]: 1})
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=vote, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    tally = store.tally(rnd.round_id)
    assert tally.n_ballots == 40
    assert dict(tally.voters) == {"a": 10, "b": 10, "c": 10, "d": 10}


def test_failed_transaction_leaves_nothing(store):
    rnd = store.create_round("R", "herausforderungen", "pick", 1, OPTIONS)
    with pytest.raises(RuntimeError), store.transaction() as cur:
        cur.execute("UPDATE rounds SET title = ? WHERE round_id = ?", ("changed", rnd.round_id))
        raise RuntimeError("boom")
    assert store.get_round(rnd.round_id).title == "R"


# --- SQLite specifics: WAL, the file, read-only, locked, missing --------------------------------


def test_sqlite_uses_wal_and_full_sync(tmp_path):
    store = VoteStore(f"sqlite:///{tmp_path / 'v.sqlite3'}")
    conn = store._sqlite_connect(create=False)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    conn.close()


def test_sqlite_default_location_is_configurable(tmp_path):
    url = voting.database_url({"VOTING_DATA_DIR": str(tmp_path / "daten")})
    assert url == f"sqlite:///{tmp_path / 'daten' / voting.SQLITE_FILE}"
    VoteStore(url)
    assert (tmp_path / "daten" / voting.SQLITE_FILE).is_file()
    assert voting.database_url({"DATABASE_URL": "postgresql://h/db"}) == "postgresql://h/db"


def test_sqlite_read_only_copy_shows_rounds_but_refuses_writes(tmp_path):
    path = tmp_path / "v.sqlite3"
    rw = VoteStore(f"sqlite:///{path}")
    rnd = rw.create_round("Fokusgruppe Esslingen, 12.03.", "herausforderungen", "pick", 1, OPTIONS)
    ro = VoteStore(f"sqlite:///{path}?mode=ro")
    assert [r.round_id for r in ro.rounds()] == [rnd.round_id]
    with pytest.raises(VotingUnavailable) as info:
        ro.create_round("neu", "herausforderungen", "pick", 1, OPTIONS)
    assert info.value.reason == "read_only"
    with pytest.raises(VotingUnavailable) as info:
        ro.cast_vote(rnd.round_id, "p", {"a": 1})
    assert info.value.reason == "read_only"


def test_sqlite_locked_database_gives_locked(tmp_path):
    path = tmp_path / "v.sqlite3"
    store = VoteStore(f"sqlite:///{path}", busy_timeout=0.2)
    rnd = store.create_round("R", "herausforderungen", "pick", 1, OPTIONS)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(VotingUnavailable) as info:
            store.cast_vote(rnd.round_id, "p", {"a": 1})
        assert info.value.reason == "locked"
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.cast_vote(rnd.round_id, "p", {"a": 1})  # works again once the lock is gone


def test_sqlite_missing_file_or_folder(tmp_path):
    path = tmp_path / "v.sqlite3"
    store = VoteStore(f"sqlite:///{path}")
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"v.sqlite3{suffix}").unlink(missing_ok=True)
    with pytest.raises(VotingUnavailable) as info:
        store.rounds()  # a file deleted under a running app is not silently re-created empty
    assert info.value.reason == "missing"
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(VotingUnavailable) as info:
        VoteStore(f"sqlite:///{blocker / 'v.sqlite3'}")
    assert info.value.reason == "missing"


def test_postgres_unreachable_gives_unavailable():
    from postgres_support import _free_port

    with pytest.raises(VotingUnavailable) as info:
        VoteStore(f"postgresql://postgres@127.0.0.1:{_free_port()}/postgres")
    assert info.value.reason == "unavailable"


def test_postgres_read_only_database(postgres):
    url = postgres.create_database(f"votes_ro_{next(_counter)}")
    VoteStore(url).close()
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(postgres.url(), autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    with pytest.raises(VotingUnavailable) as info:
        VoteStore(url)  # migrate() writes
    assert info.value.reason == "read_only"


# --- pure parts --------------------------------------------------------------------------------


def test_codes_and_tokens():
    code = voting.new_join_code()
    assert voting.normalise_code(voting.format_code(code).lower()) == code
    assert voting.format_code("ABCDEFGH") == "ABCD-EFGH"
    assert len({voting.new_participant_token() for _ in range(100)}) == 100


def test_rate_limiter():
    limiter = voting.RateLimiter(limit=3, window=10)
    assert [limiter.allow("x", now=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limiter.allow("y", now=3)
    assert limiter.full("x", now=3) and not limiter.full("y", now=3)
    assert limiter.allow("x", now=10.5)  # the first event left the window


def _tally(form, budget, n, voters, points=None):
    rnd = voting.Round("r", "C", "T", "herausforderungen", form, budget, OPTIONS, "open", "t", None)
    return Tally(rnd, n, voters, points or dict(voters))


def test_room_result_hidden_below_k_and_small_counts_withheld():
    assert voting.room_result(_tally("pick", 2, 2, {"a": 2}), k=3) is None
    result = voting.room_result(_tally("pick", 2, 10, {"a": 8, "b": 7, "c": 2, "d": 0}), k=3)
    rows = result.set_index("option")
    assert rows.loc["a", "n_voters"] == 8 and rows.loc["a", "share"] == pytest.approx(0.8)
    assert bool(rows.loc["c", "suppressed"]) and pd.isna(rows.loc["c", "n_voters"])
    assert not rows.loc["d", "suppressed"] and rows.loc["d", "n_voters"] == 0  # a zero identifies nobody


def test_room_result_single_pick_withholds_complement():
    # one pick each: 10 = 6 + 2 + 2 — withholding only c would let 10 − 6 − 2 give it away
    result = voting.room_result(_tally("pick", 1, 10, {"a": 6, "b": 2, "c": 2}), k=3).set_index("option")
    assert bool(result.loc["b", "suppressed"]) and bool(result.loc["c", "suppressed"])
    result = voting.room_result(_tally("pick", 1, 12, {"a": 6, "b": 4, "c": 2}), k=3).set_index("option")
    assert bool(result.loc["c", "suppressed"]) and bool(result.loc["b", "suppressed"])
    assert not result.loc["a", "suppressed"]


def test_room_result_points_share_of_points():
    result = voting.room_result(_tally("points", 5, 3, {"a": 3, "b": 3}, {"a": 9, "b": 6}), k=3).set_index("option")
    assert result.loc["a", "share"] == pytest.approx(0.6)
    assert result.loc["a", "points"] == 9


def test_compare_puts_study_share_beside_room():
    room = voting.room_result(_tally("pick", 2, 10, {"a": 3, "b": 8}), k=3)
    study = pd.DataFrame(
        {
            "code": ["a", "b", "c"],
            "n_actors": [40.0, None, 0.0],
            "share_actors": [0.4, None, 0.0],
            "suppressed": [False, True, False],
        }
    )
    out = voting.compare(room, study)
    assert list(out["option"])[:2] == ["b", "a"]  # the room's order, most first
    rows = out.set_index("option")
    assert rows.loc["a", "study_share"] == pytest.approx(0.4)
    assert bool(rows.loc["b", "study_suppressed"])
    assert not rows.loc["d", "study_suppressed"]  # an option the study does not know
