"""``patronage-graph generate``: a synthetic country, written as CSV or loaded."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ConfigError
from ..neo4j_local import LocalServer
from ..synthetic.bulk import bulk_load
from ..synthetic.csv_parallel import write_country_csv
from ..synthetic.online import Method, load_online
from ._common import console, console_err, driver_from_settings, load_settings


def _say(message: str) -> None:
    console_err.print(message, highlight=False, markup=False)


def _progress(every: int) -> Callable[[str, int], None]:
    last = {"nodes": 0, "relationships": 0}

    def tick(phase: str, done: int) -> None:
        if done - last.get(phase, 0) >= every:
            last[phase] = done
            _say(f"{phase}: {done:,} written")

    return tick


def generate(
    workers: Annotated[int, typer.Option("--workers", "-n", min=1, help="workers to generate")],
    seed: Annotated[int, typer.Option(help="random seed: the same seed, the same country")] = 1,
    out: Annotated[Path | None, typer.Option(help="write neo4j-admin import CSV here")] = None,
    load: Annotated[bool, typer.Option("--load", help="load into the database")] = False,
    bulk: Annotated[
        bool,
        typer.Option(
            "--bulk",
            help="with --load: offline neo4j-admin import into the LOCAL server "
            "(stops it; replaces its database)",
        ),
    ] = False,
    method: Annotated[
        str,
        typer.Option(
            help="online writer: 'loader' (MERGE, repeatable) or 'create' (new data only)"
        ),
    ] = "loader",
    replace: Annotated[
        bool, typer.Option("--replace", help="with --bulk: replace a database that holds data")
    ] = False,
    processes: Annotated[
        int | None,
        typer.Option(
            min=1, help="CSV writer processes for --out and --bulk (default: one per core)"
        ),
    ] = None,
) -> None:
    """Generate a synthetic country calibrated to the chapter (docs/synthetic.md)."""
    if out is None and not load:
        raise ConfigError("say where the country goes: --out DIR (CSV) or --load")
    if method not in ("loader", "create"):
        raise ConfigError(f"--method must be 'loader' or 'create', not {method!r}")
    began = time.perf_counter()
    if load and bulk:
        _bulk(workers, seed, out, replace, processes)
    elif load:
        with driver_from_settings() as (driver, db):
            stats = load_online(
                driver,
                workers,
                seed,
                database=db,
                method=_method(method),
                progress=_progress(100_000),
            )
        console.print(
            f"loaded {stats.nodes:,} nodes and {stats.relationships:,} relationships "
            f"in {stats.seconds:.1f} s: {stats.records_per_s:,.0f} records/s "
            f"({stats.relationships_per_s:,.0f} relationships/s)",
            highlight=False,
        )
    else:
        assert out is not None
        files = write_country_csv(workers, seed, out, processes=processes, say=_say)
        took = time.perf_counter() - began
        total = files.node_count + files.rel_count
        console.print(
            f"wrote {files.node_count:,} nodes and {files.rel_count:,} relationships "
            f"to {out} in {took:.1f} s ({total / took:,.0f} records/s)\n"
            "import them with: neo4j-admin database import full neo4j "
            "--id-type=string --array-delimiter=';' " + " ".join(files.import_args()),
            highlight=False,
            markup=False,
            soft_wrap=True,
        )


def _method(name: str) -> Method:
    return "create" if name == "create" else "loader"


def _bulk(workers: int, seed: int, out: Path | None, replace: bool, processes: int | None) -> None:
    settings = load_settings()
    if not settings.uses_local_server:
        raise ConfigError(
            "--bulk imports offline into the project's local server; NEO4J_URI is set. "
            "Use --load without --bulk for a remote server, or --out to write CSV for its admin."
        )
    server = LocalServer.from_settings(settings)
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=settings.state_dir) as scratch:
        report = bulk_load(
            server,
            workers,
            seed,
            out or Path(scratch),
            replace=replace,
            say=_say,
            processes=processes,
        )
    console.print(
        f"bulk: {report.nodes:,} nodes and {report.relationships:,} relationships in "
        f"{report.total_s:.1f} s (CSV {report.generate_s:.1f} s, import "
        f"{report.import_s:.1f} s, indexes {report.schema_s:.1f} s): "
        f"{report.records_per_s:,.0f} records/s",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.command()(generate)
