"""Names shared by every protected frame, and how a withheld value is written.

The protection itself is ``study.disclosure``. Every aggregate frame carries ``n_actors`` (the
protected number of actors behind each row) and ``suppressed`` (the row's value is withheld, e.g. a
mean from fewer than k actors).
"""

from __future__ import annotations

SUPPRESSED = "suppressed"
N_ACTORS = "n_actors"


def suppression_label(k: int) -> str:
    """How a withheld value is written wherever a number would stand."""
    return f"< {k}"
