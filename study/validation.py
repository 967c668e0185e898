"""Checking raw text tables against the contract and turning them into typed DataFrames.

All checks are vectorised (a national-scale package has millions of cells) and all problems are
collected, not only the first; per column and kind of problem the first few are listed in full.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import geo
from .report import Problem, problem
from .schema import MUNICIPALITIES, Column, Table, contract
from .sources import RawSource, RawTable

MAX_LISTED = 20  # problems listed per table, column and kind before "… and N more"

_INT_RE = r"[+-]?\d+"
_INT_GERMAN_THOUSANDS_RE = r"[+-]?\d{1,3}(?:\.\d{3})+"
_INT_TRAILING_ZERO_RE = r"[+-]?\d+[.,]0+"


def _listed(code: str, file: str, column: str, rows, values, **params) -> list[Problem]:
    """One problem per offending row, capped, then one summary line."""
    rows = list(rows)
    values = list(values)
    out = [
        problem(code, file=file, row=int(r), column=column, value=_show(v), **params)
        for r, v in zip(rows[:MAX_LISTED], values[:MAX_LISTED], strict=False)
    ]
    if len(rows) > MAX_LISTED:
        out.append(problem("more", file=file, column=column, count=len(rows) - MAX_LISTED))
    return out


def _show(value) -> str:
    text = str(value)
    return text if len(text) <= 80 else text[:80] + "…"


def _arrow(s: pd.Series) -> pa.ChunkedArray | pa.Array:
    return pa.array(s.astype("string[pyarrow]").array)


def is_in(values: pd.Series, allowed: pd.Series) -> pd.Series:
    """``values.isin(allowed)`` as an Arrow hash lookup (pandas iterates in Python for Arrow strings)."""
    lookup = _arrow(allowed.dropna().astype(str))
    found = pc.is_in(_arrow(values), value_set=lookup.combine_chunks() if hasattr(lookup, "combine_chunks") else lookup)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index).fillna(False).astype(bool)


def parse_integer(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse integers as Excel writes them ("1200", "1.200", "3,0"); returns (values, bad mask)."""
    blank = s == ""
    # More than 18 digits does not fit a 64-bit integer: such a value is no usable whole number.
    s = s.where(s.str.len() <= 18, "x")
    plain = s.str.fullmatch(_INT_RE)
    if bool((plain | blank).all()):
        arr = _arrow(s)
        arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)
        ints = pc.cast(arr, pa.int64()).to_numpy(zero_copy_only=False)
        values = pd.array(ints, dtype="Int64") if not bool(blank.any()) else pd.Series(ints).astype("Int64").array
        return pd.Series(values, index=s.index), pd.Series(False, index=s.index)
    thousands = s.str.fullmatch(_INT_GERMAN_THOUSANDS_RE)
    trailing = s.str.fullmatch(_INT_TRAILING_ZERO_RE)
    cleaned = s.where(~thousands, s.str.replace(".", "", regex=False))
    cleaned = cleaned.where(~trailing, cleaned.str.replace(r"[.,]0+$", "", regex=True))
    ok = plain | thousands | trailing
    values = pd.to_numeric(cleaned.where(ok & ~blank, None), errors="coerce").astype("Int64")
    return values, ~ok & ~blank


def parse_number(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse decimals with a comma or a point ("52,52", "52.52", "1.234,5")."""
    blank = s == ""
    german = s.str.contains(",", regex=False)
    cleaned = s.where(~german, s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    values = pd.to_numeric(cleaned.where(~blank, None), errors="coerce").astype("float64")
    return values, values.isna() & ~blank


def parse_boolean(s: pd.Series, col: Column) -> tuple[pd.Series, pd.Series]:
    """Parse ja/nein, true/false, 1/0; a column of only "x" and blanks reads blank as false."""
    lowered = s.str.strip().str.lower()
    blank = lowered == ""
    true = lowered.isin({v.lower() for v in col.true_values})
    false = lowered.isin({v.lower() for v in col.false_values})
    x_style = bool((lowered[~blank] == "x").all()) and bool((~blank).any())
    values = pd.Series(pd.NA, index=s.index, dtype="boolean")
    values[true] = True
    values[false] = False
    if x_style:
        values[blank] = False
    return values, ~(true | false | blank)


def check_table(raw: RawTable, table: Table) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Validate one table's columns and cells; return the typed frame (None if unusable)."""
    problems: list[Problem] = []
    file = raw.file
    names = raw.header
    seen: set[str] = set()
    duplicated: list[str] = []
    for name in names:
        if name in seen and name and name not in duplicated:
            duplicated.append(name)
        seen.add(name)
    if duplicated:
        problems = [problem("column_duplicate", file=file, row=1, column=n) for n in duplicated[:MAX_LISTED]]
        if len(duplicated) > MAX_LISTED:
            problems.append(problem("more_columns", file=file, row=1, count=len(duplicated) - MAX_LISTED))
        return None, problems
    expected = set(table.column_names)
    unknown = [name for name in names if name not in expected]
    for name in unknown[:MAX_LISTED]:
        problems.append(problem("column_unknown", file=file, row=1, column=name or "(leer)", severity="warning"))
    if len(unknown) > MAX_LISTED:
        problems.append(problem("more_columns", file=file, row=1, count=len(unknown) - MAX_LISTED, severity="warning"))
    present = ", ".join(n for n in names if n) or "(keine)"
    missing_required = [c.name for c in table.columns if c.required and c.name not in names]
    for name in missing_required:
        problems.append(problem("column_missing", file=file, row=1, column=name, present=present))
    if missing_required:
        return None, problems
    frame = raw.frame
    if frame.empty:
        severity = "warning" if not any(fk for fk in table.foreign_keys) and table.name == "findings" else "error"
        problems.append(problem("no_rows", file=file, severity=severity))
    out = {}
    for col in table.columns:
        if col.name in frame.columns:
            text = frame[col.name].astype("str").str.strip()
        else:
            text = pd.Series("", index=frame.index, dtype="str")
        values, col_problems = _check_column(text, col, file)
        problems.extend(col_problems)
        out[col.name] = values
    typed = pd.DataFrame(out, index=frame.index)
    return typed, problems


def _check_column(text: pd.Series, col: Column, file: str) -> tuple[pd.Series, list[Problem]]:
    problems: list[Problem] = []
    blank = text == ""
    if col.required and blank.any():
        rows = text.index[blank]
        problems += _listed("required", file, col.name, rows, [""] * len(rows))
    if col.type == "integer":
        values, bad = parse_integer(text)
        problems += _listed("type_integer", file, col.name, text.index[bad], text[bad])
    elif col.type == "number":
        values, bad = parse_number(text)
        problems += _listed("type_number", file, col.name, text.index[bad], text[bad])
    elif col.type == "boolean":
        values, bad = parse_boolean(text, col)
        problems += _listed("type_boolean", file, col.name, text.index[bad], text[bad])
    else:
        values = text.where(~blank, None)
    if col.enum is not None:
        if col.name == "state":
            values = _normalise_states(values)
            bad = values.isna() & ~blank
            problems += _listed("state", file, col.name, text.index[bad], text[bad])
        else:
            lowered = values.str.lower()
            allowed = set(col.enum)
            values = values.where(~lowered.isin(allowed), lowered)
            bad = ~blank & ~values.isin(allowed)
            problems += _listed("enum", file, col.name, text.index[bad], text[bad], allowed=", ".join(col.enum))
    if col.minimum is not None and col.type in ("integer", "number"):
        bad = (values < col.minimum).fillna(False)
        problems += _listed("minimum", file, col.name, text.index[bad], text[bad], limit=col.minimum)
    if col.maximum is not None and col.type in ("integer", "number"):
        bad = (values > col.maximum).fillna(False)
        problems += _listed("maximum", file, col.name, text.index[bad], text[bad], limit=col.maximum)
    if col.unique:
        present = values[~blank]
        dup = present.duplicated(keep=False)
        if dup.any():
            dups = present[dup]
            first_row = dups.groupby(dups, sort=False).transform(lambda g: g.index[0])
            later = dups.index != first_row.to_numpy()
            problems += [
                problem("duplicate", file=file, row=int(r), column=col.name, value=_show(v), other_row=int(o))
                for r, v, o in list(zip(dups.index[later], dups[later], first_row[later], strict=True))[:MAX_LISTED]
            ]
            if later.sum() > MAX_LISTED:
                problems.append(problem("more", file=file, column=col.name, count=int(later.sum()) - MAX_LISTED))
    return values, problems


def _normalise_states(values: pd.Series) -> pd.Series:
    uniques = values.dropna().unique()
    mapping = {v: geo.normalise_state(v) for v in uniques}
    return values.map(mapping)


def check_references(typed: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    for table in contract().tables:
        frame = typed.get(table.name)
        if frame is None:
            continue
        for fk in table.foreign_keys:
            ref = typed.get(fk.table)
            if ref is None:
                continue
            values = frame[fk.column]
            bad = values.notna() & ~is_in(values, ref[fk.ref_column])
            problems += _listed(
                "reference",
                files[table.name],
                fk.column,
                values.index[bad],
                values[bad],
                ref_table=fk.table,
                ref_column=fk.ref_column,
            )
    return problems


def check_coordinates(frame: pd.DataFrame, file: str) -> list[Problem]:
    lat, lon = frame["lat"], frame["lon"]
    problems = []
    partial = lat.isna() != lon.isna()
    for row in frame.index[partial][:MAX_LISTED]:
        problems.append(problem("coordinates_partial", file=file, row=int(row), column="lat"))
    both = lat.notna() & lon.notna()
    if both.any():
        inside = geo.in_germany(lat[both].to_numpy(), lon[both].to_numpy())
        swapped = geo.in_germany(lon[both].to_numpy(), lat[both].to_numpy())
        outside_rows = frame.index[both][~inside]
        for row, is_swapped in list(zip(outside_rows, swapped[~inside], strict=True))[:MAX_LISTED]:
            problems.append(
                problem(
                    "coordinates_outside",
                    file=file,
                    row=int(row),
                    column="lat",
                    lat=_num(lat[row]),
                    lon=_num(lon[row]),
                    hint="swapped" if is_swapped else "",
                )
            )
    return problems


def _num(x: float) -> str:
    return f"{x:.5f}".rstrip("0").rstrip(".")


def validate_raw(raw: RawSource) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Check every table, then keys across tables; return typed tables and all problems."""
    problems = list(raw.problems)
    typed: dict[str, pd.DataFrame] = {}
    files: dict[str, str] = {}
    for table in contract().tables:
        rt = raw.tables.get(table.name)
        if rt is None:
            continue
        files[table.name] = rt.file
        frame, table_problems = check_table(rt, table)
        problems += table_problems
        if frame is not None:
            typed[table.name] = frame
    problems += check_references(typed, files)
    if MUNICIPALITIES in typed:
        problems += check_coordinates(typed[MUNICIPALITIES], files[MUNICIPALITIES])
    return typed, problems


def metadata_problems(meta: dict) -> list[Problem]:
    problems = []
    k = (meta.get("anonymity") or {}).get("min_group_size", 3) if isinstance(meta.get("anonymity", {}), dict) else None
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        problems.append(
            problem(
                "metadata_value",
                file="datapackage.json",
                key="anonymity.min_group_size",
                detail=f"{k!r}, erwartet: ganze Zahl ≥ 1",
            )
        )
    if "synthetic" in meta and not isinstance(meta["synthetic"], bool):
        problems.append(
            problem(
                "metadata_value",
                file="datapackage.json",
                key="synthetic",
                detail=f"{meta['synthetic']!r}, erwartet: true oder false",
            )
        )
    return problems
