"""The columnar copy: a cached load equals a fresh one, and any change to the files invalidates it."""

from __future__ import annotations

import os

import pandas as pd

from study.cache import cache_dir
from study.package import validate_path
from study.schema import contract


def test_cached_load_equals_fresh_load(tiny_dir):
    fresh, _ = validate_path(tiny_dir, use_cache=False)
    first, _ = validate_path(tiny_dir)  # validates and writes the copy
    assert any(cache_dir(tiny_dir).iterdir())
    cached, report = validate_path(tiny_dir)  # reads the copy
    assert report.ok
    for t in contract().tables:
        pd.testing.assert_frame_equal(cached.table(t.name), fresh.table(t.name))
    pd.testing.assert_frame_equal(cached.view, fresh.view)
    assert dict(cached.metadata) == dict(fresh.metadata)


def test_changed_file_is_validated_again(tiny_dir):
    validate_path(tiny_dir)
    path = tiny_dir / "statements.csv"
    text = path.read_text().splitlines()
    text[1] = text[1].replace("interview", "umfrage").replace("vor_ort", "umfrage").replace("fokusgruppe", "umfrage")
    path.write_text("\n".join(text) + "\n")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    package, report = validate_path(tiny_dir)
    assert package is None
    assert any(p.code == "enum" and p.row == 2 for p in report.errors)


def test_invalid_package_is_never_cached(tiny_tables, tmp_path):
    from factory import write_package

    tiny_tables["actors"].loc[0, "actor_type"] = "fehlt"
    folder = write_package(tiny_tables, tmp_path / "p")
    assert validate_path(folder)[0] is None
    assert not cache_dir(folder).exists() or not any(cache_dir(folder).iterdir())


def test_warnings_survive_the_cache(tiny_tables, tmp_path):
    from factory import write_package

    tiny_tables["actors"]["bemerkung"] = "x"
    folder = write_package(tiny_tables, tmp_path / "p")
    validate_path(folder)
    package, report = validate_path(folder)
    assert package is not None
    assert [p.text("de") for p in report.warnings] == [
        "Datei „actors.csv“, Zeile 1, Spalte „bemerkung“: Die Spalte „bemerkung“ gehört nicht zum Datenpaket "
        "und wird ignoriert."
    ]
