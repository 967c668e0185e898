"""The data contract: the one module that knows tables, columns, types, allowed values and keys.

Everything is read from ``study/contract/datapackage.json`` (a Frictionless Tabular Data Package);
other modules ask this one for names and rules instead of spelling them out.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

CONTRACT_PATH = Path(__file__).with_name("contract") / "datapackage.json"
# The study's own actor types (code, group, German and English label): known to the QDA import and the demo.
STUDY_ACTOR_TYPES_PATH = CONTRACT_PATH.with_name("study_actor_types.csv")
LANGUAGES = ("de", "en")

# Table names as the contract calls them; referenced by the code that gives them meaning.
MUNICIPALITIES = "municipalities"
ACTOR_TYPES = "actor_types"
ACTORS = "actors"
CODEBOOK = "codebook"
STATEMENTS = "statements"
FINDINGS = "findings"

# The codes the analysis gives a meaning to, spelled out here once; tests/test_schema.py checks them
# against the contract's enums (same values, same order).
# Categories of the codebook (codebook.category).
COOPERATION = "kooperation"
SUITABILITY = "eignung"
WINNING = "gewinnung"
SUPPORT = "unterstuetzung"
SIMPLIFICATION = "vereinfachung"
PROCESS = "prozess"
POTENTIAL = "potenzial"
CHALLENGE = "herausforderung"
CATEGORIES = (COOPERATION, SUITABILITY, WINNING, SUPPORT, SIMPLIFICATION, PROCESS, POTENTIAL, CHALLENGE)
# The study's research question (RQ1–RQ7) each category answers; a package's codebook may say otherwise.
RESEARCH_QUESTION: MappingProxyType = MappingProxyType(
    {COOPERATION: 1, SUITABILITY: 2, WINNING: 3, SUPPORT: 4, SIMPLIFICATION: 5, PROCESS: 6, POTENTIAL: 7, CHALLENGE: 7}
)
# Cooperation statuses (statements.status).
EXISTING, PLANNED, WISHED = "bestehend", "geplant", "gewuenscht"
STATUSES = (EXISTING, PLANNED, WISHED)
# Methods of data collection (statements.method).
INTERVIEW, SITE_VISIT, FOCUS_GROUP = "interview", "vor_ort", "fokusgruppe"
METHODS = (INTERVIEW, SITE_VISIT, FOCUS_GROUP)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    title_de: str
    title_en: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    true_values: tuple[str, ...] = ()
    false_values: tuple[str, ...] = ()
    enum_labels: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    def title(self, lang: str = "de") -> str:
        return self.title_en if lang == "en" else self.title_de

    def label(self, value: str, lang: str = "de") -> str:
        """Human label of an allowed value (e.g. a size class), falling back to German, then the code."""
        labels = self.enum_labels.get(lang) or self.enum_labels.get("de") or {}
        return labels.get(value, value)


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    ref_column: str


@dataclass(frozen=True)
class Table:
    name: str
    path: str
    title_de: str
    title_en: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name}.{name}")

    def title(self, lang: str = "de") -> str:
        return self.title_en if lang == "en" else self.title_de


@dataclass(frozen=True)
class Contract:
    tables: tuple[Table, ...]
    defaults: MappingProxyType

    def table(self, name: str) -> Table:
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(name)

    @property
    def table_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.tables)

    def column(self, table: str, column: str) -> Column:
        return self.table(table).column(column)

    def allowed(self, table: str, column: str) -> tuple[str, ...]:
        return self.column(table, column).enum or ()

    def label(self, table: str, column: str, value: str, lang: str = "de") -> str:
        return self.column(table, column).label(value, lang)


def _column(spec: dict[str, Any]) -> Column:
    c = spec.get("constraints", {})
    labels = {lang: MappingProxyType(dict(v)) for lang, v in spec.get("x-enum-labels", {}).items()}
    return Column(
        name=spec["name"],
        type=spec.get("type", "string"),
        title_de=spec.get("title", spec["name"]),
        title_en=spec.get("x-title-en", spec.get("title", spec["name"])),
        required=bool(c.get("required", False)),
        unique=bool(c.get("unique", False)),
        enum=tuple(c["enum"]) if "enum" in c else None,
        minimum=c.get("minimum"),
        maximum=c.get("maximum"),
        true_values=tuple(spec.get("trueValues", ())),
        false_values=tuple(spec.get("falseValues", ())),
        enum_labels=MappingProxyType(labels),
    )


def parse_contract(descriptor: dict[str, Any]) -> Contract:
    tables = []
    for res in descriptor["resources"]:
        schema = res["schema"]
        fks = tuple(
            ForeignKey(fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
            for fk in schema.get("foreignKeys", [])
        )
        tables.append(
            Table(
                name=res["name"],
                path=res["path"],
                title_de=res.get("title", res["name"]),
                title_en=res.get("x-title-en", res.get("title", res["name"])),
                columns=tuple(_column(f) for f in schema["fields"]),
                primary_key=tuple(schema.get("primaryKey", ())),
                foreign_keys=fks,
            )
        )
    defaults = {k: v for k, v in descriptor.items() if k != "resources"}
    return Contract(tables=tuple(tables), defaults=MappingProxyType(defaults))


@lru_cache(maxsize=1)
def contract() -> Contract:
    """The study's data contract (read once per process)."""
    return parse_contract(contract_descriptor())


def contract_descriptor() -> dict[str, Any]:
    """A fresh copy of the contract's JSON descriptor (callers may modify it)."""
    return json.loads(CONTRACT_PATH.read_text(encoding="utf-8"))


def study_actor_types() -> tuple[tuple[str, str, str, str], ...]:
    """The study's actor types as (actor_type, group, label_de, label_en), in the study's order."""
    with STUDY_ACTOR_TYPES_PATH.open(encoding="utf-8", newline="") as f:
        return tuple((r["actor_type"], r["group"], r["label_de"], r["label_en"]) for r in csv.DictReader(f))


DEFAULT_MIN_GROUP_SIZE = 3
