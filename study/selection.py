"""Shared filters and the selection they make, with the anonymity threshold attached.

A ``Selection`` is what every page works on: the filtered statements plus the package's
``min_group_size``. The URL form of the filters lives here too, so links round-trip in tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cached_property

import pandas as pd

from .package import StudyPackage

# Filter dimension → query-string key (German, as users share these links).
QUERY_KEYS = {
    "state": "land",
    "size_class": "groesse",
    "municipality_id": "kommune",
    "group": "gruppe",
    "actor_type": "typ",
    "method": "methode",
}


@dataclass(frozen=True)
class Filters:
    """The values chosen per dimension; an empty tuple means "all"."""

    state: tuple[str, ...] = ()
    size_class: tuple[str, ...] = ()
    municipality_id: tuple[str, ...] = ()
    group: tuple[str, ...] = ()
    actor_type: tuple[str, ...] = ()
    method: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))

    def active(self) -> dict[str, tuple[str, ...]]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    def to_query(self) -> dict[str, list[str]]:
        return {QUERY_KEYS[dim]: list(values) for dim, values in self.active().items()}

    @classmethod
    def from_query(cls, query: Mapping[str, object], package: StudyPackage) -> Filters:
        """Read filters from a query mapping (values as str or list); unknown values are dropped."""
        options = filter_options(package)
        chosen = {}
        for dim, key in QUERY_KEYS.items():
            raw = query.get(key)
            if raw is None:
                continue
            values = [raw] if isinstance(raw, str) else list(raw)
            # A comma-separated single value is accepted too, as people edit links by hand.
            flat = [v.strip() for item in values for v in str(item).split(",") if v.strip()]
            chosen[dim] = tuple(v for v in dict.fromkeys(flat) if v in options[dim])
        return cls(**chosen)

    def restrict(self, package: StudyPackage) -> Filters:
        """Drop values the package does not have (e.g. after switching to an uploaded package)."""
        options = filter_options(package)
        return Filters(**{dim: tuple(v for v in vals if v in options[dim]) for dim, vals in self.active().items()})


def filter_options(package: StudyPackage) -> dict[str, tuple[str, ...]]:
    """The values each filter offers, in the package's own order."""
    mun = package.municipalities
    types = package.actor_types
    used = lambda s: tuple(str(v) for v in s.cat.categories if (s == v).any())  # noqa: E731
    return {
        "state": used(mun["state"]),
        "size_class": used(mun["size_class"]),
        "municipality_id": tuple(str(v) for v in mun["municipality_id"]),
        "group": used(types["group"]),
        "actor_type": tuple(str(v) for v in types["actor_type"]),
        "method": used(package.statements["method"]),
    }


@dataclass(frozen=True, eq=False)
class Selection:
    """Filtered statements and actors, with the anonymity threshold k of their package."""

    package: StudyPackage
    filters: Filters
    statements: pd.DataFrame
    actors: pd.DataFrame

    @property
    def k(self) -> int:
        return self.package.min_group_size

    @cached_property
    def n_actors(self) -> int:
        return len(self.actors)

    @cached_property
    def n_municipalities(self) -> int:
        return int(self.actors["municipality_id"].nunique())

    @property
    def n_statements(self) -> int:
        return len(self.statements)

    @property
    def too_small(self) -> bool:
        """Fewer than k actors: the selection yields no results at all."""
        return self.n_actors < self.k


def select(package: StudyPackage, filters: Filters) -> Selection:
    """Apply the shared filters to the package's statements and actors."""
    view = package.view
    actors = package.actors.merge(
        package.municipalities[["municipality_id", "state", "size_class"]], on="municipality_id", how="left"
    ).merge(package.actor_types[["actor_type", "group"]], on="actor_type", how="left")
    st_mask = pd.Series(True, index=view.index)
    actor_mask = pd.Series(True, index=actors.index)
    for dim, values in filters.active().items():
        st_mask &= view[dim].isin(values)
        if dim != "method":
            actor_mask &= actors[dim].isin(values)
    statements = view[st_mask] if not filters.is_empty else view
    if filters.method:
        actor_mask &= actors["actor_id"].isin(statements["actor_id"].unique())
    return Selection(package, filters, statements, actors[actor_mask].reset_index(drop=True))
