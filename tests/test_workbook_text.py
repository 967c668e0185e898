"""Cells of a workbook column become the same text whether converted per cell or as a whole column."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from study.workbook import _text_column, cell_text

CELLS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.integers(min_value=0, max_value=6).map(float),
    st.booleans(),
    st.text(max_size=5),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)


def _column(values: list) -> np.ndarray:
    grid = np.empty(len(values), dtype=object)
    grid[:] = values
    return grid


@given(st.lists(CELLS, min_size=1, max_size=30) | st.lists(st.integers(0, 9).map(float), min_size=1, max_size=30))
def test_column_text_equals_cell_text(values):
    assert _text_column(_column(values)).to_pylist() == [cell_text(v) for v in values]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1.0, 2.0, 5.0], ["1", "2", "5"]),
        ([3.0, True], ["3", "true"]),  # a bool is not the number 1
        ([2.0**53 + 2, 1.0], ["9007199254740994", "1"]),
        ([2**60 + 1, 1.0], [str(2**60 + 1), "1"]),  # an int beyond a float's precision keeps its digits
        ([1.5, 2.0], ["1.5", "2"]),
        ([-0.0, 4.0], ["0", "4"]),
    ],
)
def test_column_text_examples(values, expected):
    assert _text_column(_column(values)).to_pylist() == expected
