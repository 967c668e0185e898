"""Sending a frozen figure (``components.charts.FrozenFigure``) as the JSON it keeps, not encoded again.

``st.plotly_chart`` turns a figure into a dict (``figure.to_dict()``) and the dict into JSON with
``plotly.io.to_json``: three passes over the figure, a quarter of a millisecond for a small chart, on
every rerun. It has no way to take a finished spec (a dict is validated through ``go.Figure`` first).
So while ``plotly_chart`` below runs, ``plotly.io.to_json`` hands back the stored JSON for a
``FrozenSpec`` (what a frozen figure's ``to_dict`` returns); every other call, and every call outside
that block, goes to plotly's own function unchanged. This module is the only place that replaces it.
"""

from __future__ import annotations

from contextvars import ContextVar

import plotly.io
import streamlit as st

from ...charts import FrozenSpec

# Checked: Streamlit's plotly_chart calls plotly.io.to_json(figure.to_dict(), validate=False) once.
CHECKED = {"streamlit": "1.67.0", "plotly": "7.1.0"}

_SENDING: ContextVar[bool] = ContextVar("sending_frozen_figure", default=False)
_plotly_to_json = plotly.io.to_json


def _to_json(fig, validate=True, pretty=False, remove_uids=True, engine=None):
    if _SENDING.get() and type(fig) is FrozenSpec and not pretty:
        return fig.json
    return _plotly_to_json(fig, validate=validate, pretty=pretty, remove_uids=remove_uids, engine=engine)


plotly.io.to_json = _to_json


def plotly_chart(fig, **kwargs) -> None:
    """``st.plotly_chart(fig, **kwargs)``; a frozen figure is sent as its stored JSON."""
    token = _SENDING.set(True)
    try:
        st.plotly_chart(fig, **kwargs)
    finally:
        _SENDING.reset(token)
