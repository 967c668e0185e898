"""The anonymity rule: no value from fewer than k distinct actors leaves ``study/``.

Every aggregate frame carries ``n_actors``, the number of distinct actors behind each row.
``guard`` blanks the values of rows backed by 1 … k-1 actors and marks them ``suppressed``; a row
backed by no actor (an empty heatmap cell) shows its zero, since an absence identifies nobody.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SUPPRESSED = "suppressed"
N_ACTORS = "n_actors"


def is_small(n_actors: pd.Series | np.ndarray | int, k: int):
    n = np.asarray(n_actors)
    return (n > 0) & (n < k)


def guard(frame: pd.DataFrame, k: int, value_columns: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Blank ``value_columns`` (and ``n_actors`` itself) where fewer than k actors stand behind."""
    small = is_small(frame[N_ACTORS].to_numpy(), k)
    out = frame.copy()
    out[SUPPRESSED] = small
    for col in (*value_columns, N_ACTORS):
        out[col] = out[col].astype("float64").where(~small, np.nan)
    return out


def guard_partition(frame: pd.DataFrame, k: int, value_columns: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """``guard`` for rows that split a known total (each actor in exactly one row, e.g. by group).

    If the suppressed rows were one alone, or together fewer than k actors, the shown total minus
    the shown rows would give them away; so the smallest shown rows are withheld too, until at least
    two rows standing for at least k actors are withheld (complementary suppression).
    """
    n = frame[N_ACTORS].fillna(0).to_numpy()
    hide = is_small(n, k)
    if hide.any():
        for i in np.argsort(n, kind="stable"):
            if hide.sum() >= 2 and n[hide].sum() >= k:
                break
            if not hide[i] and n[i] > 0:
                hide[i] = True
    out = frame.copy()
    out[SUPPRESSED] = hide
    for col in (*value_columns, N_ACTORS):
        out[col] = out[col].astype("float64").where(~hide, np.nan)
    return out


def suppression_label(k: int) -> str:
    """How a suppressed value is written wherever a number would stand."""
    return f"< {k}"
