"""Shared state while one city is generated: its offices, districts and source id.

Only ids are kept, so memory is bounded by the size of one city, never by N.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from .records import Node, Rel

__all__ = ["SYNTHETIC_EVIDENCE", "CityContext", "District", "Emitter"]


#: The grade of every generated fact: each is what its (synthetic) Source says, so
#: ``stated`` relative to that source; no chapter passage backs it, so no ``quote``.
SYNTHETIC_EVIDENCE = "stated"


class Emitter:
    """Builds records that all cite the synthetic Source, carry ``synthetic`` and a grade."""

    def __init__(self, source_id: str) -> None:
        self.source_id = source_id
        self._sources = [source_id]

    def node(
        self, label: str, id: str, name: str, extra: tuple[str, ...] = (), **props: Any
    ) -> Node:
        props["id"] = id
        props["name"] = name
        props["synthetic"] = True
        if label != "Source":
            props["evidence"] = SYNTHETIC_EVIDENCE
        return Node(label, props, extra)

    def org(
        self,
        label: str,
        id: str,
        name: str,
        level: str,
        system: str,
        extra: tuple[str, ...] = (),
        **props: Any,
    ) -> Node:
        return self.node(label, id, name, extra, level=level, system=system, **props)

    def rel(self, rel_type: str, start: str, end: str, **props: Any) -> Rel:
        # The list is shared by every record: writers only read it.
        props["sources"] = self._sources
        props["evidence"] = SYNTHETIC_EVIDENCE
        return Rel(rel_type, start, end, props)


@dataclass
class District:
    """One district's offices and its streets' offices."""

    id: str
    government: str
    labor: str
    tax: str
    industry_commerce: str
    union: str
    womens_federation: str
    labor_market: str
    job_center: str
    streets: list[str] = field(default_factory=list)  # street office ids
    street_places: list[str] = field(default_factory=list)  # street jurisdiction ids


@dataclass
class CityContext:
    """The ids a city's firms, workers and stars attach to."""

    index: int
    id: str
    rng: random.Random
    emit: Emitter
    nation: dict[str, str]
    province: dict[str, str]
    offices: dict[str, str] = field(default_factory=dict)  # role -> org id
    bureaus: list[str] = field(default_factory=list)  # industrial bureau ids
    districts: list[District] = field(default_factory=list)
    ventures: list[str] = field(default_factory=list)
    next_worker: int = 0

    def worker_id(self) -> str:
        self.next_worker += 1
        return f"{self.id}-w{self.next_worker - 1}"
