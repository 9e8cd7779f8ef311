"""The base of every answer, and the evidence pieces answers share: ties and sources."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Result", "SourceRef", "Tie"]


class Result(BaseModel):
    """Base of every answer: immutable, JSON-ready via :meth:`to_dict`."""

    model_config = ConfigDict(frozen=True)

    def to_dict(self) -> dict[str, Any]:
        """The answer as plain JSON-compatible Python values."""
        return self.model_dump(mode="json")

    def rows(self) -> list[dict[str, Any]]:
        """Flat rows for a table; answers holding lists override this."""
        return [self.to_dict()]

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """Every tidy table this answer gives, by name (``rows`` always among them).

        Answers that hold lists of ties or hops add a table per list, one row per item,
        each row keeping the item's grade and source ids (see :func:`to_dataframe`).
        """
        return {"rows": self.rows()}


class SourceRef(Result):
    """A piece of evidence, as cited on a hop."""

    id: str
    citation: str | None = None
    footnote: int | None = None
    date: str | None = None


class Tie(Result):
    """A relationship between two entities, with its evidence: grade, quote, sources.

    ``start`` and ``end`` are the relationship's own direction: for a patronage tie the
    patron and the one who received the title, support or visit.
    """

    start: str
    end: str
    type: str
    tie: str | None = None
    kind: str | None = None
    year: int | None = None
    evidence: str | None = None
    quote: str | None = None
    note: str | None = None
    sources: list[str] = Field(default_factory=list)
