"""Answers as pandas DataFrames: tidy tables that keep the evidence.

One row per worker, per hop, per tie; every row that stands for a tie or a hop keeps
its evidence grade (``evidence``), its ``quote`` and its source ids (``sources``, a list:
``df.explode("sources")`` gives one row per source)::

    from patronage_graph.results import to_dataframe
    found = queries.node_workers(driver, city="wuhan")
    to_dataframe(found)                    # one row per worker
    to_dataframe(found, table="ties")      # one row per tie behind each worker
    to_dataframe(queries.patronage_chain(driver, worker_id="star-firegate-manager"))

pandas is an optional extra (``pip install 'patronage-graph[pandas]'``); it is
imported only when a DataFrame is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from ..errors import PatronageGraphError
from ._base import Result

__all__ = ["table_rows", "to_dataframe"]


def table_rows(answer: Result | Sequence[Result], table: str = "rows") -> list[dict[str, Any]]:
    """The rows of one named table of an answer (or of a list of answers), in order.

    Raises :class:`PatronageGraphError` naming the tables the answer has when it has
    no ``table``.
    """
    answers = [answer] if isinstance(answer, Result) else list(answer)
    rows: list[dict[str, Any]] = []
    for a in answers:
        tables = a.tables()
        if table not in tables:
            raise PatronageGraphError(
                f"a {type(a).__name__} has no table {table!r}; it has {', '.join(sorted(tables))}"
            )
        rows.extend(tables[table])
    return rows


def to_dataframe(answer: Result | Sequence[Result], table: str = "rows") -> Any:
    """A pandas DataFrame of one table of an answer or of a list of answers.

    ``table="rows"`` (the default) gives one row per answer item: a worker, a hop, an
    act of support. Node workers also give ``"ties"`` (every patronage, command-line
    and horizontal tie behind each worker, with its role), ``"hops"`` (the chain:
    patronage ties then the command line, in order) and ``"supporters"`` (one row per
    worker and supporter). Raises :class:`PatronageGraphError` when pandas is not
    installed or the answer has no such table.
    """
    rows = table_rows(answer, table)
    try:
        # imported by name: pandas is optional and ships no type stubs
        pd = importlib.import_module("pandas")
    except ImportError as e:
        raise PatronageGraphError(
            "pandas is not installed: pip install 'patronage-graph[pandas]' to get DataFrames"
        ) from e
    return pd.DataFrame(rows)
