"""Human labels for codes, in German or English: from the package's tables and the contract."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from . import geo
from .disclosure import UNIT_SEPARATOR
from .package import StudyPackage
from .schema import contract


def _each(label):
    """A label function that also labels a merged unit's value ("a + b") member by member."""

    def labelled(self, code) -> str:
        text = str(code)
        if UNIT_SEPARATOR in text:
            return UNIT_SEPARATOR.join(label(self, part) for part in text.split(UNIT_SEPARATOR))
        return label(self, code)

    return labelled


@dataclass(frozen=True, eq=False)
class Labels:
    """Look up the label of any code the dashboard shows; unknown codes are shown as they are."""

    package: StudyPackage
    lang: str = "de"

    @cached_property
    def _actor_types(self) -> dict[str, str]:
        col = "label_en" if self.lang == "en" else "label_de"
        return dict(zip(self.package.actor_types["actor_type"].astype(str), self.package.actor_types[col], strict=True))

    @cached_property
    def _codes(self) -> dict[str, str]:
        col = "label_en" if self.lang == "en" else "label_de"
        return dict(zip(self.package.codebook["code"].astype(str), self.package.codebook[col], strict=True))

    @cached_property
    def _municipalities(self) -> dict[str, str]:
        m = self.package.municipalities
        return dict(zip(m["municipality_id"].astype(str), m["name"], strict=True))

    @_each
    def actor_type(self, code) -> str:
        return self._actor_types.get(str(code), str(code))

    partner_type = actor_type

    def code(self, code) -> str:
        return self._codes.get(str(code), str(code))

    @_each
    def municipality(self, municipality_id) -> str:
        return self._municipalities.get(str(municipality_id), str(municipality_id))

    municipality_id = municipality

    @_each
    def state(self, code) -> str:
        return geo.state_name(str(code), self.lang)

    @_each
    def group(self, code) -> str:
        return contract().label("actor_types", "group", str(code), self.lang)

    @_each
    def size_class(self, code) -> str:
        return contract().label("municipalities", "size_class", str(code), self.lang)

    def category(self, code) -> str:
        return contract().label("codebook", "category", str(code), self.lang)

    def method(self, code) -> str:
        return contract().label("statements", "method", str(code), self.lang)

    def status(self, code) -> str:
        return contract().label("statements", "status", str(code), self.lang)

    def of(self, dimension: str):
        """The labelling function for a dimension name (``"group"``, ``"partner_type"`` …).

        Values of merged units ("K01 + K07", see ``study.disclosure``) get their members' labels joined
        (``_each``).
        """
        return getattr(self, dimension)

    def dimension_title(self, dimension: str) -> str:
        tables = {
            "state": "municipalities",
            "size_class": "municipalities",
            "municipality_id": "municipalities",
            "group": "actor_types",
            "actor_type": "actor_types",
            "code": "codebook",
            "category": "codebook",
            "method": "statements",
            "partner_type": "statements",
            "status": "statements",
        }
        if dimension == "municipality_id":
            return "Kommune" if self.lang == "de" else "Municipality"
        return contract().column(tables[dimension], dimension).title(self.lang)
