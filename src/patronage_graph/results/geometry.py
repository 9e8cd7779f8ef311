"""Answers about node workers: who sits at a node, the chain behind them, who they depend on."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ._base import Result, SourceRef, Tie

__all__ = [
    "ChainHop",
    "Dependency",
    "NodeWorker",
    "NodeWorkerPage",
    "PatronEffect",
    "PatronageChain",
    "ScoreParts",
    "SupporterBrief",
    "arrow",
]


def arrow(start: str, end: str, type_: str, kind: str | None, evidence: str | None) -> str:
    """A tie as read in the chapter: ``patron -TYPE (title or kind) [grade]-> receiver``.

    >>> arrow("wuhan-trade-union", "star-x", "AWARDED_TITLE", "model worker", "stated")
    'wuhan-trade-union -AWARDED_TITLE (model worker) [stated]-> star-x'
    """
    what = f" ({kind})" if kind else ""
    return f"{start} -{type_}{what} [{evidence or 'inferred'}]-> {end}"


def _tie_row(worker_id: str, role: str, tie: Tie) -> dict[str, Any]:
    return {"worker_id": worker_id, "role": role, **tie.to_dict()}


class SupporterBrief(Result):
    """A patron of a node worker, its system and what it gave."""

    id: str
    name: str | None = None
    system: str | None = None
    level: str | None = None
    gave: list[str] = Field(default_factory=list)


class ScoreParts(Result):
    """The parts of a node worker's score (see docs/queries.md)."""

    levels_reached: int
    top_level: str | None = None
    systems: int
    sponsored_base: bool
    people_placed: int


class NodeWorker(Result):
    """A worker where the vertical and horizontal ties meet, with the evidence."""

    id: str
    name: str | None = None
    status: str | None = None
    score: float
    parts: ScoreParts
    vertical: bool
    horizontal: bool
    #: The chain as the chapter reads it, one tie per entry in its own direction:
    #: ``patron -TYPE (title or kind) [grade]-> receiver``, the patronage ties first,
    #: then the command line from the highest office down to the patron.
    chain: list[str] = Field(default_factory=list)
    supporters: list[SupporterBrief] = Field(default_factory=list)
    #: The patronage ties that reach the worker or their ventures (each with its grade).
    patronage_ties: list[Tie] = Field(default_factory=list)
    #: The command line from the highest patron's office down to the patron.
    line_ties: list[Tie] = Field(default_factory=list)
    horizontal_ties: list[Tie] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    #: The weakest grade admitted in this answer (stated, general or inferred).
    evidence: str = "inferred"
    #: The strongest grade at which the worker is still at a node: the weakest grade
    #: a reader must admit to see this worker as a node worker.
    evidence_needed: str | None = None
    #: Of the patronage and horizontal ties counted, how many carry no year: they
    #: count for every ``as_of``, since nothing places them before or after it.
    undated_patronage_ties: int = 0
    undated_horizontal_ties: int = 0

    def rows(self) -> list[dict[str, Any]]:
        """One row per worker: score and its parts, grades, how many ties, source ids."""
        return [
            {
                "worker_id": self.id,
                "name": self.name,
                "status": self.status,
                "score": self.score,
                **self.parts.to_dict(),
                "vertical": self.vertical,
                "horizontal": self.horizontal,
                "evidence": self.evidence,
                "evidence_needed": self.evidence_needed,
                "supporters": len(self.supporters),
                "patronage_ties": len(self.patronage_ties),
                "line_ties": len(self.line_ties),
                "horizontal_ties": len(self.horizontal_ties),
                "sources": list(self.sources),
            }
        ]

    def hop_rows(self) -> list[dict[str, Any]]:
        """The chain, one row per tie: the patronage ties, then the command line."""
        hops = [("patronage", t) for t in self.patronage_ties]
        hops += [("line", t) for t in self.line_ties]
        return [
            {"step": i, "text": arrow(t.start, t.end, t.type, t.kind, t.evidence)}
            | _tie_row(self.id, role, t)
            for i, (role, t) in enumerate(hops, start=1)
        ]

    def tie_rows(self) -> list[dict[str, Any]]:
        """Every tie behind the worker, one row each, with its role, grade, quote and sources."""
        return [
            _tie_row(self.id, role, t)
            for role, ties in (
                ("patronage", self.patronage_ties),
                ("line", self.line_ties),
                ("horizontal", self.horizontal_ties),
            )
            for t in ties
        ]

    def supporter_rows(self) -> list[dict[str, Any]]:
        """One row per supporter of the worker: its system, level and what it gave."""
        return [
            {
                "worker_id": self.id,
                "supporter_id": s.id,
                "supporter_name": s.name,
                "system": s.system,
                "level": s.level,
                "gave": list(s.gave),
            }
            for s in self.supporters
        ]

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        rows = self.rows()
        return {
            "rows": rows,
            "workers": rows,
            "hops": self.hop_rows(),
            "ties": self.tie_rows(),
            "supporters": self.supporter_rows(),
        }


class ChainHop(Result):
    """One hop of a patronage chain, read upward from the worker.

    ``from_id`` → ``to_id`` is the climb (worker, patron, the patron's office, the
    offices above). ``forward`` says whether the relationship itself runs that way
    (``FOUNDED``, ``EMPLOYED_BY``) or the other way (a patron's ``AWARDED_TITLE``
    reaching the worker, an office that ``SUPERVISES`` the one below): :attr:`start_id`
    and :attr:`end_id` give its real ends. ``kind`` is the title, the kind of support
    or the purpose the tie carries.
    """

    step: int
    from_id: str
    from_name: str | None = None
    to_id: str
    to_name: str | None = None
    type: str
    tie: str | None = None
    kind: str | None = None
    forward: bool = True
    level: str | None = None
    evidence: str | None = None
    quote: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)

    @property
    def start_id(self) -> str:
        """Where the relationship starts: the patron, the supervising office, the worker."""
        return self.from_id if self.forward else self.to_id

    @property
    def end_id(self) -> str:
        """Where the relationship ends: the receiver of a title or support, the firm."""
        return self.to_id if self.forward else self.from_id

    def text(self) -> str:
        """The hop as the chapter reads it (see :func:`arrow`)."""
        return arrow(self.start_id, self.end_id, self.type, self.kind, self.evidence)

    def rows(self) -> list[dict[str, Any]]:
        """One row per hop: its real ends, grade, quote and source ids."""
        d = self.to_dict()
        d["sources"] = [s.id for s in self.sources]
        return [{**d, "start_id": self.start_id, "end_id": self.end_id, "text": self.text()}]

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        rows = self.rows()
        return {"rows": rows, "hops": rows}


class PatronEffect(Result):
    """What removing one patron does to a worker's node status."""

    patron_id: str
    patron_name: str | None = None
    still_node: bool
    score_without: float | None = None


class Dependency(Result):
    """Which single patron's removal would cost the worker node status."""

    worker_id: str
    is_node: bool
    critical: list[str]
    effects: list[PatronEffect]

    def rows(self) -> list[dict[str, Any]]:
        return [{"worker_id": self.worker_id, **e.to_dict()} for e in self.effects]


def _merged_tables(items: list[Result]) -> dict[str, list[dict[str, Any]]]:
    merged: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        for name, rows in item.tables().items():
            merged.setdefault(name, []).extend(rows)
    return merged or {"rows": []}


class NodeWorkerPage(Result):
    """A page of node workers, as the API serves it; when empty, ``empty_reason`` says why."""

    workers: list[NodeWorker]
    empty_reason: str | None = Field(
        default=None,
        description="why no worker was found: nothing coded there, or which filter left all out",
    )

    def rows(self) -> list[dict[str, Any]]:
        return [r for w in self.workers for r in w.rows()]

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        return _merged_tables(list(self.workers))


class PatronageChain(Result):
    """A worker's patronage chain, as the API serves it; when empty, ``empty_reason`` says why."""

    worker_id: str
    hops: list[ChainHop]
    empty_reason: str | None = Field(
        default=None, description="why the chain is empty: the worker has no tie at that grade"
    )

    def rows(self) -> list[dict[str, Any]]:
        return [r for h in self.hops for r in h.rows()]

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        return _merged_tables(list(self.hops))
