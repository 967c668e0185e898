"""The map's metrics, their value formats, colour classes and marker sizes."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .i18n import fmt_float, fmt_int, fmt_pct, pick
from .map_texts import TEXTS

METRICS = ("share_existing", "n_statements", "mean_severity")
# Position of each metric's formatted value in the feature property ``v``.
VALUE_ORDER = ("n_actors", "n_statements", "share_existing", "mean_severity")
METRIC_KIND = {"share_existing": "pct", "n_statements": "int", "mean_severity": "float"}

# Five sequential classes from light to dark blue; text on the first three is dark, on the last two
# white (contrast at least 4.5:1 either way). Every marker has a dark outline (contrast with the map).
CLASS_COLOURS = ("#DEEBF7", "#9ECAE1", "#4292C6", "#2171B5", "#08306B")
CLASS_TEXT = ("#1A1A1A", "#1A1A1A", "#1A1A1A", "#FFFFFF", "#FFFFFF")
SUPPRESSED_COLOUR = "#BBBBBB"
MISSING_COLOUR = "#F2F2F2"
OUTLINE = "#1A1A1A"
BACKGROUND = "#EEF1F4"

# Above this many municipalities the markers are canvas circles without a number inside (thousands
# of DOM markers make the browser slow); the value stays in the tooltip, popup and table.
LABELLED_MARKERS_MAX = 1500
RADIUS_LABELLED = (17, 28)  # px: the smallest circle still holds "100 %" / "< 3"
RADIUS_PLAIN = (2, 8)
COORD_DIGITS = 3  # about 100 m: finer than a pixel up to zoom 10, and a marker is 4 px or larger


def format_value(value, kind: str, lang: str) -> str:
    if kind == "pct":
        return fmt_pct(value, lang)
    if kind == "float":
        return fmt_float(value, lang, 1)
    return fmt_int(value, lang)


def _nice_steps(span: float, minimum: float):
    """Candidate class widths 1, 2, 2.5, 5 × 10^e from about span/5 upwards, never below ``minimum``."""
    raw = max(span / 5, minimum, 1e-12)
    exponent = math.floor(math.log10(raw))
    for e in range(exponent, exponent + 4):
        for m in (1, 2, 2.5, 5):
            step = m * 10**e
            if step >= minimum - 1e-12:
                yield step


@dataclass(frozen=True)
class Scale:
    """Class breaks of a metric: class i holds breaks[i] <= v < breaks[i+1] (the last class is closed)."""

    metric: str
    kind: str
    breaks: tuple[float, ...]

    @property
    def n_classes(self) -> int:
        return max(len(self.breaks) - 1, 0)

    @property
    def colours(self) -> tuple[int, ...]:
        """Index into CLASS_COLOURS of each class, spread over the palette when there are fewer."""
        n = self.n_classes
        if n <= 1:
            return (2,) * n
        return tuple(int(round(x)) for x in np.linspace(0, len(CLASS_COLOURS) - 1, n))

    def classify(self, values: pd.Series) -> np.ndarray:
        """Colour index per value (-1 for missing values)."""
        v = pd.to_numeric(values, errors="coerce").astype("float64").to_numpy()
        out = np.full(len(v), -1, dtype="int64")
        if self.n_classes == 0:
            return out
        inner = np.asarray(self.breaks[1:-1], dtype="float64")
        cls = np.searchsorted(inner, v, side="right")
        cls = np.clip(cls, 0, self.n_classes - 1)
        palette = np.asarray(self.colours)
        ok = ~np.isnan(v)
        out[ok] = palette[cls[ok]]
        return out

    def labels(self, lang: str) -> list[str]:
        out = []
        for i in range(self.n_classes):
            a = format_value(self.breaks[i], self.kind, lang)
            b = format_value(self.breaks[i + 1], self.kind, lang)
            last = i == self.n_classes - 1
            out.append(pick(TEXTS, "range_last" if last else "range", lang, a=a, b=b))
        return out


def metric_scale(profiles: pd.DataFrame, metric: str) -> Scale:
    """Classes for a metric: shares in fixed 20-%-steps, counts and ratings in nice steps over the data."""
    kind = METRIC_KIND[metric]
    if kind == "pct":
        return Scale(metric, kind, (0.0, 0.2, 0.4, 0.6, 0.8, 1.0))
    values = pd.to_numeric(profiles[metric], errors="coerce").dropna().astype("float64")
    if values.empty:
        return Scale(metric, kind, ())
    lo_v, hi_v = float(values.min()), float(values.max())
    minimum = 1.0 if kind == "int" else 0.1
    if hi_v - lo_v < 1e-9:
        lo = math.floor(lo_v / minimum) * minimum
        return Scale(metric, kind, (round(lo, 6), round(lo + minimum, 6)))
    for step in _nice_steps(hi_v - lo_v, minimum):
        lo = math.floor(lo_v / step + 1e-9) * step
        # The last class is closed, so a maximum sitting on a break needs no extra class.
        n = max(math.ceil((hi_v - lo) / step - 1e-9), 1)
        if n <= len(CLASS_COLOURS):
            return Scale(metric, kind, tuple(round(lo + i * step, 6) for i in range(n + 1)))
    raise AssertionError("unreachable: a step of span/1 always fits")  # pragma: no cover


def marker_radius(n_actors: pd.Series, labelled: bool = True) -> np.ndarray:
    """Radius in pixels so that the circle's area grows with the number of actors (NaN: the smallest)."""
    r_min, r_max = RADIUS_LABELLED if labelled else RADIUS_PLAIN
    n = pd.to_numeric(n_actors, errors="coerce").astype("float64").to_numpy()
    top = np.nanmax(n) if np.isfinite(n).any() else 0.0
    if top <= 0:
        return np.full(len(n), r_min, dtype="int64")
    # Area from r_min² (no actors) to r_max² (the most actors), linear in the number of actors.
    area = r_min**2 + (r_max**2 - r_min**2) * np.nan_to_num(n, nan=0.0) / top
    return np.round(np.sqrt(area)).astype("int64")
