"""Shared filters and the selection they make, with the anonymity threshold attached.

A ``Selection`` is what every page works on: the filtered statements plus the package's
``min_group_size``. The URL form of the filters lives here too, so links round-trip in tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cached_property

import numpy as np
import pandas as pd

from . import disclosure
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
    """Filtered statements and actors, with the anonymity threshold k of their package.

    ``family`` says which filter family made it (``disclosure.ALL`` … ``METHOD``); its actors are a
    union of that family's units (see ``study.disclosure``). ``notices`` name what the protection
    changed in the request: filters left out, units that brought in other municipalities or types.
    """

    package: StudyPackage
    filters: Filters
    statements: pd.DataFrame
    actors: pd.DataFrame
    family: str = disclosure.ALL
    notices: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def k(self) -> int:
        return self.package.min_group_size

    @property
    def plan(self) -> disclosure.Plan:
        return self.package.protection

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

    @property
    def is_whole_study(self) -> bool:
        return self.family == disclosure.ALL

    def allows(self, dimension: str) -> bool:
        """Whether results may be broken down by ``dimension`` in this selection."""
        family = disclosure.family_of(dimension)
        if family == disclosure.ACTORS and self.plan.single_family:
            return False
        return family is None or self.family in (disclosure.ALL, family)

    def count_family(self, dimension: str | None = None) -> str:
        """The units a count is built from: the breakdown's family, else the selection's (regional by default)."""
        family = disclosure.family_of(dimension) if dimension else None
        if family in (disclosure.REGION, disclosure.ACTORS):
            return family
        return disclosure.ACTORS if self.family == disclosure.ACTORS else disclosure.REGION


def resolve_family(filters: Filters, single_family: bool = False) -> tuple[str, Filters, tuple[str, ...]]:
    """The family a set of filters makes, the filters kept, and the dimensions left out.

    Filters of different families are never combined (their intersections would be groups of single
    actors); the first family in ``disclosure.FAMILY_ORDER`` wins, as the sidebar offers it. Where the
    package's plan switches the actor family off, actor filters are left out.
    """
    active = filters.active()
    if single_family:
        active = {d: v for d, v in active.items() if disclosure.family_of(d) != disclosure.ACTORS}
    for family in disclosure.FAMILY_ORDER:
        dims = disclosure.FAMILY_DIMS[family]
        if any(d in active for d in dims):
            dropped = tuple(d for d in filters.active() if d not in dims)
            kept = Filters(**{d: v for d, v in active.items() if d in dims})
            return family, kept, dropped
    return disclosure.ALL, Filters(), tuple(filters.active())


def select(package: StudyPackage, filters: Filters) -> Selection:
    """The selection the filters ask for, widened to whole units of one filter family."""
    plan = package.protection
    family, kept, dropped = resolve_family(filters, plan.single_family)
    a = plan.actors
    notices: list[tuple[str, tuple[str, ...]]] = []
    if dropped:
        notices.append(("dropped", dropped))
    chosen = a.index
    in_units = np.ones(len(a), dtype=bool)
    if family in (disclosure.REGION, disclosure.ACTORS):
        mask = pd.Series(True, index=a.index)
        for dim, values in kept.active().items():
            mask &= a[dim].isin(values)
        unit = plan.unit_of(family)
        units = set(unit[mask])
        in_units = unit.isin(units).to_numpy()
        chosen = a.index[in_units]
        member = "municipality_id" if family == disclosure.REGION else "actor_type"
        added = tuple(dict.fromkeys(str(m) for m in a.loc[in_units & ~mask.to_numpy(), member]))
        if added:
            notices.append(("widened_" + family, added))
        if len(units) == len(plan.units(family)):
            family = disclosure.ALL  # every unit chosen: the whole study
    view = package.view
    if len(chosen) < len(a):
        index = plan.index
        wanted = np.zeros(len(index.actor_ids) + 1, dtype=bool)
        wanted[index.actor_ids.get_indexer(chosen)] = True
        codes = view["actor_id"].cat.codes.to_numpy()
        statements = view[wanted[codes]]  # code -1 (no actor) lands on the extra False slot
    else:
        statements = view
    if family == disclosure.METHOD:
        # A statement filter: the population stays every actor, so attendance is never counted out.
        statements = statements[statements["method"].isin(kept.method)]
    # A boolean mask, not Index.isin: on Arrow strings isin walks the values in Python (100,000 actors: seconds).
    actors = a.loc[in_units, ["municipality_id", "actor_type", "state", "size_class", "group"]]
    actors = actors.rename_axis("actor_id").reset_index()
    # In the package's (and the contract's) order, as the pages list them.
    mun, types = package.municipalities, package.actor_types
    order = {
        "municipality_id": mun["municipality_id"],
        "state": mun["state"],
        "size_class": mun["size_class"],
        "actor_type": types["actor_type"],
        "group": types["group"],
    }
    for col, source in order.items():
        actors[col] = pd.Categorical(actors[col], categories=[str(c) for c in source.cat.categories])
    return Selection(package, kept, statements, actors, family, tuple(notices))
