"""``patronage-graph query NAME --param key=value [--format table|json|csv]`` and ``--list``.

NAME is a repository function of :mod:`patronage_graph.queries` (the same calls
the API makes) or, failing that, any read query of the registry — so the
cookbook in ``cypher/cookbook/`` runs from the shell too.
"""

from __future__ import annotations

import csv
import json
import sys
import typing
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import typer
from rich.table import Table

from .. import database, queries
from ..cypher_registry import registry
from ..errors import PatronageGraphError
from ..queries._common import grades_for
from ..queries.empty import why_no_chain, why_no_node_workers
from ..results import NodeWorker, Result
from ._common import console, console_err, driver_from_settings
from .tables import answer_table, cell, chain_lines


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _functions() -> dict[str, Callable[..., Any]]:
    return {name: getattr(queries, name) for name in queries.__all__}


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise PatronageGraphError(f"--param {pair!r}: write it as key=value")
        params[key.strip()] = value
    return params


def _convert(value: str, hint: Any) -> Any:
    """A command-line string as the type the function's parameter declares."""
    if typing.get_origin(hint) is typing.Literal:
        choices = typing.get_args(hint)
        if value not in choices:
            raise PatronageGraphError(f"{value!r} is not one of {', '.join(choices)}")
        return value
    args = set(typing.get_args(hint)) or {hint}
    if value.lower() in ("", "none", "null") and type(None) in args:
        return None
    if int in args:
        try:
            return int(value)
        except ValueError:
            raise PatronageGraphError(f"{value!r} is not a whole number") from None
    return value


def _bind_function(func: Callable[..., Any], raw: dict[str, str]) -> dict[str, Any]:
    """Keyword arguments for ``func`` from command-line strings, checked before connecting."""
    hints = typing.get_type_hints(func)
    allowed = sorted(set(hints) - {"return", "driver", "database"})
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise PatronageGraphError(f"unknown parameter(s) {unknown}; allowed: {allowed}")
    return {k: _convert(v, hints[k]) for k, v in raw.items()}


def _json_value(value: str) -> Any:
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value  # a bare word is a string


def _bind_registered(name: str, raw: dict[str, str]) -> dict[str, Any]:
    """Parameters for a registered read query (values read as JSON where they parse)."""
    query = registry()[name]
    if query.mode != "read":
        raise PatronageGraphError(f"query {name!r} is a {query.mode} query; only reads run here")
    missing = sorted(set(query.params) - set(raw))
    if missing:
        raise PatronageGraphError(f"query {name!r} needs --param for {missing}")
    return {k: _json_value(v) for k, v in raw.items()}


def _rows(answer: Any) -> list[dict[str, Any]]:
    if isinstance(answer, Result):
        return answer.rows()
    return [r for a in answer for r in (a.rows() if isinstance(a, Result) else [a])]


def _full(answer: Any) -> Any:
    if isinstance(answer, Result):
        return answer.to_dict()
    return [a.to_dict() if isinstance(a, Result) else a for a in answer]


def _print(answer: Any, fmt: OutputFormat, empty_reason: str | None = None) -> None:
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps(_full(answer), indent=2, default=str, ensure_ascii=False))
        sys.stdout.write("\n")
    rows = _rows(answer)
    if fmt is OutputFormat.csv:
        columns = list(dict.fromkeys(k for r in rows for k in r))
        writer = csv.DictWriter(sys.stdout, fieldnames=columns)
        writer.writeheader()
        writer.writerows({k: cell(r.get(k)) for k in columns} for r in rows)
    if not rows:
        # stdout stays valid JSON or CSV; the reason goes where a person reads it
        out = console if fmt is OutputFormat.table else console_err
        sys.stdout.flush()
        out.print(f"0 row(s): {empty_reason or 'the query found nothing'}", highlight=False)
        return
    if fmt is not OutputFormat.table:
        return
    answers = [answer] if isinstance(answer, Result) else list(answer)
    console.print(answer_table(answers, rows))
    workers = [a for a in answers if isinstance(a, NodeWorker)]
    if workers:
        chain_lines(console, workers)
    console.print(f"{len(rows)} row(s)", style="dim")


def _why_empty(name: str, driver: Any, db: str, kwargs: dict[str, Any]) -> str:
    """Why the function ``name`` answered nothing with ``kwargs`` (asked only then)."""
    evidence = kwargs.get("evidence", "inferred")
    if name == "node_workers":
        args = {k: v for k, v in kwargs.items() if k != "limit"}
        return why_no_node_workers(driver, database=db, **args)
    if name == "patronage_chain":
        return why_no_chain(kwargs["worker_id"], evidence)
    given = ", ".join(f"{k}={v}" for k, v in kwargs.items()) or "no parameters"
    return f"{name} found nothing for {given}"


def undated_line(answer: Any, as_of: int | None) -> str | None:
    """The line saying how many undated ties an ``as_of`` answer counted, or None.

    Undated ties count for every year (nothing places them before or after ``as_of``),
    so an answer "as of 1999" may rest on them; the reader is told how many.
    """
    answers = [answer] if isinstance(answer, Result) else list(answer)
    if as_of is None or not answers:
        return None

    def total(field: str) -> int:
        return sum(getattr(a, field, 0) or 0 for a in answers)

    if hasattr(answers[0], "undated_patronage_ties"):
        told = (
            f"{total('undated_patronage_ties')} patronage and "
            f"{total('undated_horizontal_ties')} horizontal tie(s) counted carry no year"
        )
    elif hasattr(answers[0], "undated_ties"):
        told = f"{total('undated_ties')} tie(s) read carry no year"
    else:
        return None
    return f"as_of={as_of}: {told}; they count for every year"


def _list() -> None:
    table = Table("name", "params", "answers", title="Repository functions")
    for name, func in _functions().items():
        hints = typing.get_type_hints(func)
        params = [p for p in hints if p not in ("return", "driver", "database")]
        doc = (func.__doc__ or "").strip().splitlines()[0]
        table.add_row(name, ", ".join(params), doc)
    console.print(table)
    reads = Table("name", "params", "returns", title="Read queries of cypher/ (registry)")
    for q in sorted(registry(), key=lambda q: q.name):
        if q.mode == "read":
            reads.add_row(q.name, ", ".join(q.params) or "-", ", ".join(q.returns))
    console.print(reads)


_NAME = typer.Argument(None, help="a repository function or a registered read query")
_PARAM = typer.Option([], "--param", "-p", help="key=value (repeatable)")
_FORMAT = typer.Option(OutputFormat.table, "--format", "-f")
_LIST = typer.Option(False, "--list", help="list the queries and their parameters")
_EVIDENCE = typer.Option(
    None,
    "--evidence",
    "-e",
    help="the weakest grade of tie admitted: stated, general or inferred (default: all ties)",
)


def query(
    name: str = _NAME,
    param: list[str] = _PARAM,
    fmt: OutputFormat = _FORMAT,
    list_: bool = _LIST,
    evidence: str | None = _EVIDENCE,
) -> None:
    """Run a named query against the graph and print its answer."""
    if list_ or not name:
        _list()
        return
    raw = _parse_params(param)
    if evidence is not None:
        raw["evidence"] = evidence
    func = _functions().get(name)
    if func is None and name not in registry():
        raise PatronageGraphError(f"no query named {name!r}; see `patronage-graph query --list`")
    if func is None and "evidence" in raw:
        # a registered query reads the admitted grades as $grades (docs/queries.md)
        raw["grades"] = json.dumps(grades_for(raw.pop("evidence")))
    kwargs = _bind_function(func, raw) if func else _bind_registered(name, raw)
    empty_reason = None
    with driver_from_settings() as (driver, db):
        if func is not None:
            answer = func(driver, database=db, **kwargs)
            if not _rows(answer):
                empty_reason = _why_empty(name, driver, db, kwargs)
        else:
            records = database.read(driver, name, kwargs, database=db)
            answer = [r.data() for r in records]
    _print(answer, fmt, empty_reason)
    line = undated_line(answer, kwargs.get("as_of")) if func is not None else None
    if line and fmt is OutputFormat.table:
        console.print(line, style="dim")


def register(app: typer.Typer) -> None:
    app.command()(query)
