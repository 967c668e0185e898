"""Names shared by every protected frame, and how a withheld value is written.

The study's protection itself is ``study.disclosure``; the guards below serve counts of people that are
not the study's, such as the votes of a focus-group room (``study.voting``). Every aggregate frame carries ``n_actors`` (the
protected number of actors behind each row) and ``suppressed`` (the row's value is withheld, e.g. a
mean from fewer than k actors).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SUPPRESSED = "suppressed"
N_ACTORS = "n_actors"


def suppression_label(k: int) -> str:
    """How a withheld value is written wherever a number would stand."""
    return f"< {k}"


# --- small-count guards for counts that are not the study's (the votes of a focus-group room) -------


def is_small(n, k: int):
    n = np.asarray(n)
    return (n > 0) & (n < k)


def guard(frame: pd.DataFrame, k: int, value_columns: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Blank ``value_columns`` (and ``n_actors``) where 1 … k-1 people stand behind a row; mark ``suppressed``."""
    small = is_small(frame[N_ACTORS].to_numpy(), k)
    out = frame.copy()
    out[SUPPRESSED] = small
    for col in (*value_columns, N_ACTORS):
        out[col] = out[col].astype("float64").where(~small, np.nan)
    return out


def guard_partition(frame: pd.DataFrame, k: int, value_columns: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """``guard`` for rows that split a known total: the smallest shown rows are withheld too, until at least
    two rows standing for at least k people are withheld (complementary suppression)."""
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
