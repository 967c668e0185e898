"""Malformed input thrown at the loader: only clear, located problems come back, never a crash."""

from __future__ import annotations

import io
import zipfile

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
