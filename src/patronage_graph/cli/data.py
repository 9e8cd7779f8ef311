"""``patronage-graph load``, ``export`` and ``check``: data in and out, and its integrity."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .. import database as db
from .. import model
from ..errors import ValidationError
from ..export import FORMATS, export_graph
from ..loader import LoadReport, check_integrity, load_paths
from ..resources import resource_path
from ._common import EVIDENCE_OPTION, console, console_err, driver_from_settings

#: Problems shown by the CLI; the rest are counted (the exception holds them all).
MAX_SHOWN = 200
# On an empty database Neo4j warns that `Entity` or `id` "does not exist" yet for
# every lookup; the user of `load` has nothing to act on there.
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
_PHASES = {
    "files": "reading and checking files",
    "delete": "deleting the old graph (same transaction)",
    "nodes": "writing nodes",
    "relationships": "writing relationships",
}


def _report_tables(report: LoadReport) -> list[Table]:
    labels = Table("label", "in data", "created", title="nodes per label")
    for label, count in report.in_data.labels.items():
        labels.add_row(label, str(count), str(report.created.labels.get(label, 0)))
    types = Table("type", "tie", "in data", "created", title="relationships per type")
    for rel_type, count in report.in_data.rel_types.items():
        types.add_row(
            rel_type,
            model.REL_TYPES[rel_type].tie,
            str(count),
            str(report.created.rel_types.get(rel_type, 0)),
        )
    ties = Table("tie kind", "in data", "created", title="relationships per tie kind")
    for tie, count in report.in_data.ties.items():
        ties.add_row(tie, str(count), str(report.created.ties.get(tie, 0)))
    return [labels, types, ties]


def _show_problems(error: ValidationError) -> None:
    console_err.print(
        f"[bold red]refused:[/] {len(error.problems)} problem(s); nothing was written",
        highlight=False,
    )
    for problem in error.problems[:MAX_SHOWN]:
        console_err.print(f"  {problem}", highlight=False, markup=False)
    if len(error.problems) > MAX_SHOWN:
        console_err.print(f"  ... and {len(error.problems) - MAX_SHOWN} more", highlight=False)


def load(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="YAML files or folders (default: the seed)")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="empty the database first (same transaction)")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="validate only; write nothing")
    ] = False,
) -> None:
    """Validate YAML files against the model and load them in one transaction."""
    paths = paths or [resource_path("seed")]
    with (
        driver_from_settings() as (driver, database),
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console_err,
            transient=True,
        ) as bar,
    ):
        tasks: dict[str, object] = {}

        def progress(phase: str, done: int, total: int | None) -> None:
            if phase not in tasks:
                console_err.print(f"{_PHASES.get(phase, phase)} ...", highlight=False)
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done)  # type: ignore[arg-type]

        try:
            report = load_paths(
                driver,
                paths,
                database=database,
                progress=progress,
                replace=replace,
                dry_run=dry_run,
            )
        except ValidationError as e:
            _show_problems(e)
            raise typer.Exit(1) from None
        totals = db.read(driver, "db_counts", database=database)[0]
    for table in _report_tables(report):
        console.print(table)
    verb = "validated (dry run, nothing written)" if dry_run else "loaded"
    console.print(
        f"{verb}: {len(report.files)} file(s), {report.in_data.nodes} nodes and "
        f"{report.in_data.relationships} relationships; created {report.created.nodes} nodes "
        f"and {report.created.relationships} relationships in {report.seconds:.1f} s; the "
        f"database holds {totals['nodes']} nodes and {totals['relationships']} relationships",
        highlight=False,
    )


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"one of {', '.join(FORMATS)}")],
    output: Annotated[Path, typer.Option("--output", "-o", help="file (a folder for csv)")],
    city: Annotated[
        str | None,
        typer.Option("--city", help="a city's id or name: only what is located there"),
    ] = None,
    evidence: str = EVIDENCE_OPTION,
) -> None:
    """Write the graph as GraphML, GEXF, node-link JSON or CSV for networkx and Gephi.

    Every relationship keeps its ``evidence`` grade and ``quote``; ``--evidence``
    leaves out ties graded weaker than the grade given.
    """
    with driver_from_settings() as (driver, database):
        report = export_graph(
            driver,
            fmt,
            output,
            city=city,
            evidence=evidence,  # type: ignore[arg-type]
            database=database,
        )
    console.print(
        f"wrote {report.nodes} nodes and {report.relationships} relationships to "
        f"{report.path} ({report.format})",
        highlight=False,
    )


def check() -> None:
    """Run the acceptance queries: every tie sourced, nothing outside the model."""
    with driver_from_settings() as (driver, database):
        report = check_integrity(driver, database=database)
    table = Table("check", "violations", "examples", title="integrity of the graph")
    for finding in report.findings:
        table.add_row(finding.check, str(finding.count), ", ".join(finding.sample[:5]))
    console.print(table)
    if not report.ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(load)
    app.command()(export)
    app.command()(check)
