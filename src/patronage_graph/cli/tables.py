"""Answers as rich tables that stay readable in an 80-column terminal.

Answers with many columns print a narrower default set (the rest is in ``--format
json`` or ``csv``); ids, scores and steps are never cut, and every other cell wraps
(``overflow="fold"``) rather than ending in an ellipsis.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..results import ChainHop, NodeWorker, Result

__all__ = ["answer_table", "cell", "chain_lines"]

#: The columns printed by default for answers whose rows are too wide for a terminal.
DEFAULT_COLUMNS: dict[type[Result], list[str]] = {
    NodeWorker: ["worker_id", "status", "score", "systems", "levels_reached", "evidence_needed"],
    ChainHop: ["step", "text", "sources"],
}
#: Headers shorter than the column names, so narrow columns stay narrow.
HEADERS = {"systems": "sys", "levels_reached": "lvl", "evidence_needed": "needs", "text": "hop"}
#: Columns never wrapped: short closed vocabularies and numbers (ids: any ``*id`` column).
#: Columns that take the width left over when the table fills the terminal.
WIDE = {"text": 1}
WHOLE = {"score", "step", "systems", "levels_reached", "status", "evidence_needed", "level"}


def cell(value: Any) -> str:
    """A value as one table or CSV cell: strings as they are, lists joined, none empty,
    the rest as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return json.dumps(value, default=str, ensure_ascii=False)


def _whole(column: str) -> bool:
    """Columns never wrapped: ids, scores, steps, counts, grades and statuses."""
    return column.endswith("id") or column in WHOLE


def _columns(answers: Sequence[Any], rows: list[dict[str, Any]]) -> list[str]:
    kinds = {type(a) for a in answers}
    if len(kinds) == 1 and (chosen := DEFAULT_COLUMNS.get(kinds.pop())):
        return chosen
    return list(dict.fromkeys(k for r in rows for k in r))


def _longest_item(rows: list[dict[str, Any]], column: str) -> int | None:
    """For a column of id lists (sources): the longest id, so that no id is cut."""
    items = [v for r in rows if isinstance(r.get(column), list) for v in r[column]]
    return max((len(str(v)) + 1 for v in items), default=None)


def answer_table(answers: Sequence[Any], rows: list[dict[str, Any]]) -> Table:
    """A table of ``rows`` with the default columns of the answers' type."""
    columns = _columns(answers, rows)
    # no outer edge: two more characters for the ids in an 80-column terminal
    table = Table(show_lines=False, show_edge=False, expand=any(c in WIDE for c in columns))
    for c in columns:
        whole = _whole(c)
        fixed = None if whole else _longest_item(rows, c)
        table.add_column(
            HEADERS.get(c, c),
            no_wrap=whole,
            overflow="fold",
            # a list of ids is exactly as wide as its longest id; a hop's text takes the rest
            min_width=fixed or (None if whole else 4),
            max_width=fixed,
            ratio=WIDE.get(c) if not (whole or fixed) else None,
        )
    for r in rows:
        # Text, not markup: a grade such as [stated] must print as it is
        table.add_row(*(Text(cell(r.get(c))) for c in columns))
    return table


def chain_lines(console: Console, workers: Sequence[NodeWorker]) -> None:
    """Each worker's chain, one tie per line in the direction the chapter reads it."""
    for w in workers:
        console.print(f"{w.id} (score {w.score}):", highlight=False, markup=False)
        for line in w.chain:
            console.print(f"  {line}", highlight=False, markup=False, overflow="fold")
