"""Abstimmung: the study's figure a vote in the room is compared with, per selection and question."""

from __future__ import annotations

import pandas as pd

from study import aggregate, evidence
from study.cooperation import COOPERATION
from study.selection import Selection
from study.voting import QUESTION_CATEGORY, partner_shares

from ..cache import cached


@cached
def study_figure(sel: Selection, question: str) -> pd.DataFrame:
    """The study's share of actors for the question's options, within the active filters."""
    category = QUESTION_CATEGORY[question]
    if category is None:
        return partner_shares(aggregate.cross_table(sel, COOPERATION, "partner_type", "category"), sel.n_actors)
    return evidence.ranked_frequencies(sel, category=category)
