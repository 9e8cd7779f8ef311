"""``patronage-graph load``, ``export``, ``check`` and ``audit``: data in and out, its
integrity, and a sample of ties for a reader to check."""

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
from ..model import EVIDENCE_GRADES, TIE_KINDS
from ..queries.evidence import audit_sample, evidence_counts
from ..resources import resource_path
from ..results import EvidenceCount
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
    """Run the acceptance queries: every tie sourced, nothing outside the model; count
    the ties of each kind by evidence grade."""
    with driver_from_settings() as (driver, database):
        report = check_integrity(driver, database=database)
        counts = evidence_counts(driver, database=database)
    table = Table("check", "violations", "examples", title="integrity of the graph")
    for finding in report.findings:
        table.add_row(finding.check, str(finding.count), ", ".join(finding.sample[:5]))
    console.print(table)
    console.print(_grade_table(counts))
    if not report.ok:
        raise typer.Exit(1)


def _grade_table(counts: list[EvidenceCount]) -> Table:
    """Ties per kind (rows) and grade (columns), with totals."""
    grades = [*EVIDENCE_GRADES, *sorted({c.grade for c in counts} - set(EVIDENCE_GRADES))]
    kinds = [*TIE_KINDS, *sorted({c.tie for c in counts} - set(TIE_KINDS))]
    cell = {(c.tie, c.grade): c.count for c in counts}
    table = Table("tie kind", *grades, "total", title="ties by evidence grade")
    for kind in kinds:
        row = [cell.get((kind, g), 0) for g in grades]
        table.add_row(kind, *(str(n) for n in row), str(sum(row)))
    totals = [sum(cell.get((k, g), 0) for k in kinds) for g in grades]
    table.add_row("all", *(str(n) for n in totals), str(sum(totals)), style="bold")
    return table


def audit(
    sample: Annotated[int, typer.Option("--sample", "-n", min=1, help="how many ties")] = 30,
    seed: Annotated[int, typer.Option("--seed", help="the draw's seed (same seed, same ties)")] = 1,
    evidence: str = EVIDENCE_OPTION,
) -> None:
    """Print N ties drawn at random, each with its ends, grade, quote, note and sources,
    for a reader to check against the chapter by eye."""
    with driver_from_settings() as (driver, database):
        ties = audit_sample(
            driver,
            sample=sample,
            seed=seed,
            evidence=evidence,  # type: ignore[arg-type]
            database=database,
        )
    if not ties:
        console.print("no ties to draw from: the graph holds none of that grade", highlight=False)
        raise typer.Exit(1)
    for n, t in enumerate(ties, start=1):
        console.print(
            f"{n}. {t.type} ({t.tie}) [{t.evidence or 'ungraded'}]", markup=False, highlight=False
        )
        console.print(f"   from {t.start_id} ({t.start_name})", markup=False, highlight=False)
        console.print(f"   to   {t.end_id} ({t.end_name})", markup=False, highlight=False)
        if t.quote:
            console.print(f'   quote: "{t.quote}"', markup=False, highlight=False)
        if t.note:
            console.print(f"   note:  {t.note}", markup=False, highlight=False)
        for src in t.sources:
            foot = f"fn {src.footnote}: " if src.footnote is not None else ""
            console.print(
                f"   source {src.id}: {foot}{src.citation or '(no such Source)'}",
                markup=False,
                highlight=False,
            )
    console.print(f"{len(ties)} tie(s), seed {seed}", style="dim", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(load)
    app.command()(export)
    app.command()(check)
    app.command()(audit)
