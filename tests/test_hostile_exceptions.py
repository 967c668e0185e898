"""No exception type escapes the loader: every kind the readers can raise becomes a German problem."""

from __future__ import annotations

import csv
import json
import struct
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

import pandas as pd
import pyarrow as pa
import pytest
import python_calamine
from hostile_factory import tiny_sheets, xlsx_bytes, zip_bytes

from factory import make_tables, write_package
from study import package as package_module
from study import sources, workbook
from study.package import load_upload, validate_path


def _unicode_error():
    return UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")


EXCEPTIONS = [
    OSError("Datenträger voll"),
    PermissionError("keine Berechtigung"),
    FileNotFoundError("weg"),
    zipfile.BadZipFile("kaputt"),
    zipfile.LargeZipFile("zu groß"),
    ValueError("falsch"),
    KeyError("schlüssel"),
    IndexError("index"),
    RuntimeError("File is encrypted, password required"),
    NotImplementedError("compression type 9"),
    EOFError(),
    zlib.error("invalid distance"),
    RecursionError("maximum recursion depth exceeded"),
    MemoryError(),
    _unicode_error(),
    csv.Error("field larger than field limit"),
    json.JSONDecodeError("x", "{", 0),
    ParseError("not well-formed"),
    struct.error("unpack requires a buffer"),
    TypeError("NoneType"),
    AttributeError("attr"),
    OverflowError("too big"),
    ZeroDivisionError(),
    AssertionError(),
    pa.ArrowInvalid("arrow"),
    pa.ArrowTypeError("arrow type"),
    pd.errors.ParserError("pandas"),
    python_calamine.CalamineError("calamine"),
    python_calamine.XmlError("xml"),
    python_calamine.ZipError("zip"),
    python_calamine.PasswordError("password"),
]
IDS = [type(e).__name__ for e in EXCEPTIONS]


def _raiser(exc):
    def raise_it(*args, **kwargs):
        raise exc

    return raise_it


def _check(package, report):
    assert package is None
    assert report.errors
    for p in report.errors:
        text = p.text("de")
        assert text and "Traceback" not in text
        assert p.text("en")


@pytest.mark.parametrize("exc", EXCEPTIONS, ids=IDS)
@pytest.mark.parametrize(
    "target",
    [
        (sources, "_add_csv"),
        (sources, "read_zip_bytes"),
        (sources, "_parse_metadata"),
        (zipfile.ZipFile, "open"),
    ],
    ids=["csv", "zip", "metadata", "zipfile.open"],
)
def test_zip_upload_survives(monkeypatch, exc, target):
    data = zip_bytes(
        {
            "datapackage.json": b"{}",
            **{f"{n}.csv": f.to_csv(index=False).encode() for n, f in make_tables(seed=1).items()},
        }
    )
    monkeypatch.setattr(*target, _raiser(exc))
    _check(*load_upload("paket.zip", data))


@pytest.mark.parametrize("exc", EXCEPTIONS, ids=IDS)
@pytest.mark.parametrize(
    "target",
    [
        (workbook, "list_sheets"),
        (workbook, "scan_sheet"),
        (workbook, "count_shared_strings"),
        (workbook, "open_calamine"),
        (workbook, "read_sheet_frame"),
        (sources, "_add_frame"),
        (python_calamine.CalamineWorkbook, "get_sheet_by_name"),
    ],
    ids=["sheets", "scan", "shared", "calamine", "frame", "add_frame", "get_sheet"],
)
def test_xlsx_upload_survives(monkeypatch, exc, target):
    data = xlsx_bytes(tiny_sheets())
    monkeypatch.setattr(*target, _raiser(exc))
    _check(*load_upload("paket.xlsx", data))


@pytest.mark.parametrize("exc", EXCEPTIONS, ids=IDS)
@pytest.mark.parametrize(
    "target",
    [
        (sources, "_read_folder"),
        (sources, "_read_bounded"),
        (package_module, "validate_raw"),
        (package_module, "_build"),
    ],
    ids=["folder", "read", "validate", "build"],
)
def test_folder_load_survives(monkeypatch, tmp_path, exc, target):
    folder = write_package(make_tables(seed=1), tmp_path / "p")
    monkeypatch.setattr(*target, _raiser(exc))
    _check(*validate_path(folder, use_cache=False))


def test_unexpected_errors_are_logged_for_the_operator(monkeypatch, caplog, tmp_path):
    folder = write_package(make_tables(seed=1), tmp_path / "p")
    monkeypatch.setattr(sources, "_add_csv", _raiser(ZeroDivisionError()))
    package, report = validate_path(folder, use_cache=False)
    (p,) = report.errors
    assert p.code == "load_failed" and "ZeroDivisionError" in p.text("de")
    assert "Protokoll" in p.text("de")
    assert any("Unerwarteter Fehler" in r.message for r in caplog.records)
