"""The package on disk changes while the server runs: changes are noticed, the last valid package is served on,
and the columnar copy is never left half-written (also on a full disk)."""

from __future__ import annotations

import errno
import logging
import os

import pandas as pd
import pytest
from apptest_support import dashboard
from hostile_factory import tiny_sheets, xlsx_bytes

from factory import make_tables, write_package
from study import limits
from study.cache import cache_dir, read_cached
from study.package import validate_path
from study.report import Report, problem
from study.watch import NOTICE, LastValid, package_stamp


def bump(path, seconds: int = 2) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + seconds * 1_000_000_000))


# --- stamp and holder -----------------------------------------------------------------------------


def test_stamp_notices_deleted_added_and_truncated_files(tiny_dir):
    first = package_stamp(tiny_dir)
    (tiny_dir / ".cache").mkdir()
    (tiny_dir / ".cache" / "x").write_text("copy")
    assert package_stamp(tiny_dir) == first  # the loader's own copy does not count

    st = (tiny_dir / "findings.csv").stat()
    (tiny_dir / "findings.csv").unlink()
    deleted = package_stamp(tiny_dir)
    assert deleted != first

    (tiny_dir / "findings.csv").write_text("finding_id\n")
    os.utime(tiny_dir / "findings.csv", ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime as before
    assert package_stamp(tiny_dir) not in (first, deleted)  # the size differs

    (tiny_dir / "notiz.txt").write_text("neu")
    assert package_stamp(tiny_dir) != deleted
    assert package_stamp(tiny_dir / "fehlt") == ("missing",)


def test_last_valid_is_served_and_logged_once(caplog):
    holder = LastValid()
    good = Report("p")
    bad = Report("/srv/geheim/p", (problem("file_empty", file="statements.csv"),))
    assert holder.resolve("p", ("a",), "PAKET", good).stale is False
    with caplog.at_level(logging.ERROR, logger="study.watch"):
        for _ in range(3):
            served = holder.resolve("p", ("b",), None, bad)
            assert (served.package, served.report, served.stale) == ("PAKET", good, True)
    assert len([r for r in caplog.records if "ungültig geworden" in r.getMessage()]) == 1
    assert "statements.csv" in caplog.records[0].getMessage()  # the operator sees the problems
    assert holder.resolve("p", ("c",), "NEU", good).package == "NEU"
    assert holder.resolve("q", ("a",), None, bad).package is None  # never valid: nothing to serve
    assert "/srv" not in NOTICE["de"] + NOTICE["en"]


# --- the running app ------------------------------------------------------------------------------


def status(at) -> str:
    return "\n".join(c.value for c in at.sidebar.caption)


def visible_text(at) -> str:
    parts = [e.value for kind in ("info", "error", "warning", "markdown", "caption", "code") for e in at.get(kind)]
    parts += [c.value for c in at.sidebar.caption]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("change", ["truncate", "delete", "garbage"])
def test_server_keeps_serving_the_last_valid_package(tmp_path, monkeypatch, change, caplog):
    from components.app import data

    folder = write_package(make_tables(seed=11), tmp_path / "live", metadata={"title": "Erste Fassung"})
    monkeypatch.setenv("STUDY_DATA", str(folder))
    monkeypatch.setattr(data, "STAMP_INTERVAL", 0.0)
    at = dashboard()
    assert not at.exception
    assert "Erste Fassung" in status(at)
    assert not any(NOTICE["de"] in i.value for i in at.info)

    statements = folder / "statements.csv"
    if change == "truncate":
        content = statements.read_bytes()
        statements.write_bytes(content[: len(content) // 2 - 7])
        bump(statements)
    elif change == "delete":
        statements.unlink()
    else:
        statements.write_bytes(b"\x00\xff" * 100)
    with caplog.at_level(logging.ERROR, logger="study.watch"):
        at.run()
    assert not at.exception
    assert "Erste Fassung" in status(at)  # still the old package
    assert any(NOTICE["de"] in i.value for i in at.info)
    assert str(tmp_path) not in visible_text(at)  # no server path for visitors
    assert not at.error
    assert any(str(folder) in r.getMessage() for r in caplog.records)  # the operator is told

    # The files are valid again: the new package is loaded and the notice is gone.
    write_package(make_tables(seed=11), folder, metadata={"title": "Zweite Fassung"})
    bump(folder / "statements.csv", 4)
    at.run()
    assert "Zweite Fassung" in status(at)
    assert not any(NOTICE["de"] in i.value for i in at.info)


def test_added_file_is_noticed(tmp_path, monkeypatch):
    from components.app import data

    folder = write_package(make_tables(seed=11), tmp_path / "live", metadata={"title": "Erste Fassung"})
    monkeypatch.setenv("STUDY_DATA", str(folder))
    monkeypatch.setattr(data, "STAMP_INTERVAL", 0.0)
    before = data.current_stamp(folder)
    (folder / "zusatz.csv").write_text("a\n1\n")
    assert data.current_stamp(folder) != before


# --- the columnar copy ----------------------------------------------------------------------------


def test_full_disk_leaves_no_partial_copy(tiny_dir, monkeypatch):
    real = pd.DataFrame.to_parquet
    calls = {"n": 0}

    def full_disk(self, path, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            with open(path, "wb") as fh:
                fh.write(b"PAR1 halb")
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", full_disk)
    package, report = validate_path(tiny_dir)
    assert package is not None and report.ok  # the load itself succeeds
    leftovers = list(cache_dir(tiny_dir).iterdir()) if cache_dir(tiny_dir).exists() else []
    assert leftovers == []
    assert read_cached(tiny_dir) is None
    monkeypatch.setattr(pd.DataFrame, "to_parquet", real)
    validate_path(tiny_dir)
    assert read_cached(tiny_dir) is not None


def test_a_damaged_copy_is_ignored(tiny_dir):
    fresh, _ = validate_path(tiny_dir)
    (entry,) = [p for p in cache_dir(tiny_dir).iterdir()]
    parquet = entry / "statements.parquet"
    parquet.write_bytes(parquet.read_bytes()[:100])
    package, report = validate_path(tiny_dir)
    assert package is not None and report.ok
    assert len(package.statements) == len(fresh.statements)


# --- uploads per session --------------------------------------------------------------------------


def test_uploads_per_session_are_limited(tmp_path, monkeypatch):
    folder = write_package(make_tables(seed=1), tmp_path / "pkg")
    monkeypatch.setenv("STUDY_DATA", str(folder))
    monkeypatch.setattr(limits, "MAX_UPLOADS_PER_SESSION", 2)
    at = dashboard()
    at.switch_page("pages/daten.py").run()
    data = xlsx_bytes(tiny_sheets())
    for i in range(3):
        at.file_uploader[0].set_value((f"paket{i}.xlsx", data, "application/octet-stream")).run()
        assert not at.exception
    errors = next(t.value for t in at.table if "Meldung" in t.value.columns)
    assert "bereits 2 Dateien hochgeladen" in errors.iloc[0]["Meldung"]


def test_upload_bytes_per_session_are_limited():
    assert limits.upload_refusal(0, 0, 10, "a.zip") is None
    refusal = limits.upload_refusal(1, limits.MAX_UPLOAD_BYTES_PER_SESSION - 5, 10, "a.zip")
    assert refusal is not None and "1 GB" in refusal.text("de")


def test_reports_for_visitors_name_no_server_folders():
    from study.watch import without_paths

    report = Report(
        "/srv/daten/studie",
        (
            problem("source_unreadable", path="/srv/daten/studie/x.zip", detail="kaputt"),
            problem("file_empty", file="a.csv"),
        ),
    )
    text = without_paths(report).format("de")
    assert "/srv" not in text
    assert "„studie“" in text and "„x.zip“" in text and "a.csv" in text


def test_an_invalid_package_at_start_shows_no_server_path(tmp_path, monkeypatch):
    tables = make_tables(seed=1)
    tables["statements"].loc[0, "rating"] = "neun"
    folder = write_package(tables, tmp_path / "kaputt")
    monkeypatch.setenv("STUDY_DATA", str(folder))
    at = dashboard()
    assert not at.exception
    assert "„neun“ ist keine ganze Zahl" in at.code[0].value
    assert str(tmp_path) not in at.code[0].value
