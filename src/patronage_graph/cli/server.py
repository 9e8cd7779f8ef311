"""``patronage-graph neo4j start|stop|status|logs`` and ``init``."""

from __future__ import annotations

import time

import typer

from ..neo4j_local import LocalServer
from ..schema import apply_schema
from ._common import console, console_err, driver_from_settings, load_settings

neo4j_app = typer.Typer(
    help="Run the local Neo4j assembled from Maven Central.", no_args_is_help=True
)


def _server() -> LocalServer:
    settings = load_settings()
    if not settings.uses_local_server:
        console_err.print(
            f"NEO4J_URI is set ({settings.neo4j_uri}); the local server is not used by other "
            "commands while it is.",
            highlight=False,
        )
    return LocalServer.from_settings(settings)


@neo4j_app.command()
def start(timeout: float = typer.Option(180.0, help="seconds to wait for Bolt")) -> None:
    """Start Neo4j on 127.0.0.1 (or reuse the running one) and say where it is."""
    server = _server()
    began = time.monotonic()
    status = server.start(timeout=timeout, progress=lambda m: console_err.print(m, highlight=False))
    console.print(status.describe(), highlight=False)
    console_err.print(f"ready in {time.monotonic() - began:.1f} s", highlight=False)


@neo4j_app.command()
def stop() -> None:
    """Stop the local Neo4j cleanly."""
    stopped = _server().stop()
    console.print("Neo4j stopped" if stopped else "Neo4j was not running")


@neo4j_app.command()
def status() -> None:
    """Say whether the local Neo4j runs, and where."""
    state = _server().status()
    console.print(state.describe(), highlight=False)
    raise typer.Exit(0 if state.running else 3)


@neo4j_app.command()
def logs(lines: int = typer.Option(40, "--lines", "-n")) -> None:
    """Show the last lines of the server's log."""
    server = _server()
    console.print(f"# {server.log_file}", highlight=False)
    console.print(server.log_tail(lines), highlight=False, markup=False)


def init() -> None:
    """Create the constraints and indexes of cypher/schema.cypher (safe to repeat)."""
    with driver_from_settings() as (driver, db):
        report = apply_schema(driver, database_name=db)
    what = ", ".join(report.created) if report.changed else "nothing (already in place)"
    console.print(
        f"schema: {len(report.constraints)} constraints, {len(report.indexes)} indexes; "
        f"created {what}",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(neo4j_app, name="neo4j")
    app.command()(init)
