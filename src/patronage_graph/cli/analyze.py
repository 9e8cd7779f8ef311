"""``patronage-graph analyze brokerage|centrality``: network measures of a city or the graph.

Both commands read the actors' subgraph with the same library call a notebook
would use (:func:`patronage_graph.analysis.read_subgraph`) and print the rows of
:func:`~patronage_graph.analysis.brokerage_table` or
:func:`~patronage_graph.analysis.summarize`.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import StrEnum

import networkx as nx
import typer
from pydantic import BaseModel
from rich.table import Table

from ..analysis import ACTOR_LABELS, ROLES, brokerage_table, read_subgraph, summarize
from ..model import TIE_KINDS
from ._common import EVIDENCE_OPTION, console, console_err, driver_from_settings

analyze_app = typer.Typer(
    help="Network analytics: Gould–Fernandez brokerage, betweenness, Burt's measures.",
    no_args_is_help=True,
)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


_CITY = typer.Option(None, "--city", help="id of a city (e.g. wuhan); default: the whole graph")
_TIE = typer.Option(
    None, "--tie", help=f"keep only ties of this kind (repeatable): {', '.join(TIE_KINDS)}"
)
_FORMAT = typer.Option(OutputFormat.table, "--format", "-f", help="output format")
_LIMIT = typer.Option(None, "--limit", "-n", min=1, help="show only the first N rows")


def _actors(city: str | None, tie: list[str] | None, evidence: str) -> nx.MultiDiGraph:
    """The actors' subgraph both commands measure, read as a notebook would read it."""
    ties = _tie_kinds(tie)
    with driver_from_settings() as (driver, db):
        return read_subgraph(
            driver,
            city=city,
            tie_kinds=ties,
            labels=ACTOR_LABELS,
            evidence=evidence,  # type: ignore[arg-type]
            database=db,
        )


@analyze_app.command("brokerage")
def brokerage_command(
    city: str | None = _CITY,
    tie: list[str] | None = _TIE,
    group: str = typer.Option("system", help="node property that defines the groups"),
    normalized: bool = typer.Option(
        False, "--normalized", help="ratios to the counts expected under random ties"
    ),
    limit: int | None = _LIMIT,
    output: OutputFormat = _FORMAT,
    evidence: str = EVIDENCE_OPTION,
) -> None:
    """Gould–Fernandez brokerage roles of every organization, most brokerage first.

    Roles: coordinator, itinerant, representative, gatekeeper, liaison; groups are
    organizational systems. People have no system and are not counted.
    """
    G = _actors(city, tie, evidence)
    _check_group(G, group)
    rows = brokerage_table(G, group, normalized=normalized)
    _describe(G.number_of_nodes(), G.number_of_edges(), city, evidence)
    _emit(rows[:limit], output, ["id", "group", *ROLES, "total"])


@analyze_app.command("centrality")
def centrality_command(
    city: str | None = _CITY,
    tie: list[str] | None = _TIE,
    sample: int | None = typer.Option(
        None, "--sample", min=1, help="estimate betweenness from N sampled actors (large graphs)"
    ),
    limit: int | None = _LIMIT,
    output: OutputFormat = _FORMAT,
    evidence: str = EVIDENCE_OPTION,
) -> None:
    """Betweenness, constraint, effective size and brokerage, highest betweenness first."""
    G = _actors(city, tie, evidence)
    rows = summarize(G, sample=sample)
    _describe(G.number_of_nodes(), G.number_of_edges(), city, evidence)
    columns = ["id", "system", "betweenness", "constraint", "effective_size", "brokerage"]
    _emit(rows[:limit], output, columns)


def _tie_kinds(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    unknown = [v for v in values if v not in TIE_KINDS]
    if unknown:
        raise typer.BadParameter(
            f"{', '.join(unknown)} is not a tie kind; choose from {', '.join(TIE_KINDS)}",
            param_hint="--tie",
        )
    return values


def _check_group(G: nx.MultiDiGraph, group: str) -> None:
    """A group property no actor carries would leave every actor out: say so instead."""
    carried = sorted({key for _, data in G.nodes(data=True) for key in data})
    if G.number_of_nodes() and group not in carried:
        raise typer.BadParameter(
            f"no actor has the property {group!r}; groups can be one of {', '.join(carried)}",
            param_hint="--group",
        )


def _describe(nodes: int, edges: int, city: str | None, evidence: str) -> None:
    where = f"city {city}" if city else "the whole graph"
    graded = "" if evidence == "inferred" else f" graded {evidence} or stronger"
    console_err.print(f"{where}: {nodes} actors, {edges} relationships{graded}", highlight=False)


def _emit(rows: Sequence[BaseModel], output: OutputFormat, table_columns: list[str]) -> None:
    """JSON and CSV carry every field; the table shows the columns that fit a terminal."""
    data = [row.model_dump(mode="json") for row in rows]
    if output is OutputFormat.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    if not data:
        console_err.print("no rows")
        return
    if output is OutputFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(data[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)
        return
    table = Table(caption=_legend(table_columns), caption_justify="left")
    for column in table_columns:
        if column in _SHORT:
            table.add_column(_SHORT[column], justify="right", no_wrap=True)
        else:
            table.add_column(column, overflow="fold", min_width=12 if column == "id" else None)
    for row in data:
        table.add_row(*(_cell(row[c]) for c in table_columns))
    console.print(table)


#: Table headers short enough for an 80-column terminal (JSON and CSV keep full names).
_SHORT = {
    "coordinator": "coord",
    "itinerant": "itin",
    "representative": "repr",
    "gatekeeper": "gate",
    "liaison": "liais",
    "total": "total",
    "betweenness": "betw",
    "constraint": "constr",
    "effective_size": "effsize",
    "brokerage": "brok",
}


def _legend(columns: list[str]) -> str:
    return ", ".join(f"{_SHORT[c]} = {c}" for c in columns if c in _SHORT and _SHORT[c] != c)


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def register(app: typer.Typer) -> None:
    app.add_typer(analyze_app, name="analyze")
