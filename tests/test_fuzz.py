"""Malformed input thrown at the loader: only clear, located problems come back, never a crash."""

from __future__ import annotations

import io
import warnings
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factory import make_tables, write_package
from study.package import load_upload, validate_path
from study.schema import contract

TABLES = [t.name for t in contract().tables]
cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "ja", "x", "1,5", "1.000", "-3", "DE-BW", "bestehend", "9" * 30, "=1+1", '"', ";", "\n"]),
)


@pytest.mark.heavy
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    table=st.sampled_from(TABLES),
    row=st.integers(0, 5),
    column_index=st.integers(0, 9),
    value=cell,
    drop_column=st.booleans(),
    sep=st.sampled_from([",", ";"]),
)
def test_mutated_cells_give_clear_errors(tmp_path_factory, table, row, column_index, value, drop_column, sep):
    tables = make_tables(seed=3, n_municipalities=2, actors_per=3, statements_per=2)
    frame = tables[table]
    column = frame.columns[column_index % len(frame.columns)]
    if drop_column:
        tables[table] = frame.drop(columns=[column])
    else:
        frame.loc[row % len(frame), column] = value
    package, report = validate_path(write_package(tables, tmp_path_factory.mktemp("f"), sep=sep))
    assert (package is None) == (not report.ok)
    for p in report.problems:
        text = p.text("de")
        assert text and "Traceback" not in text
        assert p.text("en")
        if p.code not in ("table_missing", "source_unreadable", "metadata_invalid", "more"):
            assert p.file, p


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=400), name=st.sampled_from(["x.zip", "x.xlsx", "x.csv"]))
def test_random_bytes_upload(data, name):
    package, report = load_upload(name, data)
    assert package is None
    assert report.errors
    assert all(p.text("de") for p in report.errors)


@settings(max_examples=40, deadline=None)
@given(
    contents=st.dictionaries(
        st.sampled_from([f"{t}.csv" for t in TABLES] + ["datapackage.json"]), st.binary(max_size=200)
    )
)
def test_zip_of_random_files(contents):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in contents.items():
            zf.writestr(name, data)
    package, report = load_upload("paket.zip", buf.getvalue())
    assert package is None
    assert report.errors
    for p in report.errors:
        assert p.text("de") and p.text("en")


# --- zip and xlsx structure -----------------------------------------------------------------------

from hostile_factory import patch_zip_headers, sheet_xml, tiny_sheets, xlsx_bytes  # noqa: E402

CSV_FILES = {f"{n}.csv": f.to_csv(index=False).encode() for n, f in make_tables(seed=1).items()}
member_name = st.one_of(
    st.sampled_from(list(CSV_FILES) + ["datapackage.json", "paket.xlsx", "__MACOSX/._x.csv"]),
    st.builds(lambda d, n: f"{d}/{n}", st.sampled_from(["a", "b/c", "..", ""]), st.sampled_from(list(CSV_FILES))),
    st.text(min_size=1, max_size=20),
)


def _assert_clear(package, report):
    assert (package is None) == (not report.ok)
    for p in report.problems:
        assert p.text("de") and p.text("en")
        assert "Traceback" not in p.text("de")


@settings(max_examples=60, deadline=None)
@given(
    entries=st.lists(st.tuples(member_name, st.sampled_from(["real", "empty", "garbage", "json"])), max_size=10),
    flags=st.sampled_from([0, 0x1, 0x8, 0x41]),
    method=st.sampled_from([None, 0, 8, 9, 12, 14, 99, 42]),
    cut=st.one_of(st.none(), st.integers(0, 4000)),
)
def test_zip_structure(entries, flags, method, cut):
    """Archives of real, empty and junk members, duplicate names, subfolders, odd flags and methods, truncated."""
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")  # duplicate names are the point
        for name, kind in entries:
            base = name.rsplit("/", 1)[-1]
            data = {
                "real": CSV_FILES.get(base, b"a,b\n1,2\n"),
                "empty": b"",
                "garbage": bytes(range(256)) * 3,
                "json": b'{"resources": [{"name": "statements", "path": "x.csv"}], "anonymity": []}',
            }[kind]
            zf.writestr(zipfile.ZipInfo(name), data)
    data = buf.getvalue()
    if flags or method is not None:
        data = patch_zip_headers(data, flag_bits=flags, method=method)
    if cut is not None:
        data = data[:cut]
    _assert_clear(*load_upload("paket.zip", data))


SHEETS = tiny_sheets()
cell_xml = st.one_of(
    st.sampled_from(
        [
            '<c r="A2" t="s"><v>99999</v></c>',
            '<c r="B2" t="e"><v>#DIV/0!</v></c>',
            '<c r="XFD3"><v>1</v></c>',
            '<c r="A1048577"><v>1</v></c>',
            '<c r="C4" t="b"><v>1</v></c>',
            '<c r="D5" t="d"><v>2024-01-01</v></c>',
            '<c r="E6" t="inlineStr"><is><t>ä&amp;ü</t></is></c>',
            '<c r="F7"><f>1/0</f><v>3</v></c>',
            '<c t="inlineStr"><is><t>ohne Adresse</t></is></c>',
            "<c/>",
            "\x00",
            "<c r=",
        ]
    ),
    st.text(max_size=30),
)


@settings(max_examples=60, deadline=None)
@given(
    sheet=st.sampled_from(list(SHEETS)),
    row=st.integers(1, 60_000_000),
    cells=st.lists(cell_xml, max_size=4),
    dimension=st.sampled_from([None, "auto", "A1:XFD1048576", "A1", "kaputt"]),
    hidden=st.booleans(),
    truncate=st.one_of(st.none(), st.integers(0, 3000)),
    shared=st.booleans(),
)
def test_xlsx_structure(sheet, row, cells, dimension, hidden, truncate, shared):
    """Workbooks with odd rows, cells, dimensions, hidden and truncated sheets: a clear result, never a crash."""
    sheets = {k: v for k, v in SHEETS.items() if k != sheet}
    extra = f'<row r="{row}">{"".join(cells)}</row>'
    xml = b"".join(sheet_xml(SHEETS[sheet], dimension=dimension, extra_rows=extra))
    if truncate is not None:
        xml = xml[:truncate]
    data = xlsx_bytes(sheets, raw_sheets={sheet: xml}, hidden=[sheet] if hidden else [], shared_strings=shared)
    _assert_clear(*load_upload("paket.xlsx", data))
