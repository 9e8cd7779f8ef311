"""Answers about the evidence: ties drawn for an audit, counts per grade."""

from __future__ import annotations

from pydantic import Field

from ._base import Result, SourceRef

__all__ = ["AuditTie", "EvidenceCount"]


class AuditTie(Result):
    """One tie drawn for a reader to check: its ends, grade, quote, note and sources."""

    position: int
    id: str | None = None
    type: str
    tie: str | None = None
    start_id: str | None = None
    start_name: str | None = None
    end_id: str | None = None
    end_name: str | None = None
    evidence: str | None = None
    quote: str | None = None
    note: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)


class EvidenceCount(Result):
    """How many ties of one kind carry one grade."""

    tie: str
    grade: str
    count: int
