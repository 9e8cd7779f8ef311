"""``patronage-graph viz``: write network pages (one view, or the seed's main views)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import quote

import typer

from ..cypher_guard import run_readonly
from ..viz import render_page
from ..viz.graph import graph_from_rows
from ..viz.index import render_index
from ..viz.views import DB_VIEWS, main_views, render_view
from ._common import EVIDENCE_OPTION, console_err, driver_from_settings, load_settings

_VIEW_HELP = f"one of {', '.join(DB_VIEWS)}, or 'cypher' with a read query as ID"


def viz(
    view: Annotated[str | None, typer.Argument(help=_VIEW_HELP)] = None,
    id: Annotated[
        str | None, typer.Argument(help="the city, worker, team (or city) or venture id")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="page file (one view) or folder (--all)"),
    ] = None,
    all_views: Annotated[
        bool, typer.Option("--all", help="write every main view (cities, teams, bases, workers)")
    ] = False,
    evidence: str = EVIDENCE_OPTION,
) -> None:
    """Write an interactive, self-contained network page (opens offline in any browser).

    Inferred ties are drawn dashed; ``--evidence`` leaves out ties graded weaker.
    """
    if all_views:
        _write_all(output or Path("out/pages"), evidence)
        return
    if not view or not id:
        raise typer.BadParameter("give VIEW and ID (or --all)")
    if view not in (*DB_VIEWS, "cypher"):
        raise typer.BadParameter(f"unknown view {view!r}: {_VIEW_HELP}")
    target = output or Path(f"{view}.html")
    settings = load_settings()
    with driver_from_settings(settings) as (driver, db):
        if view == "cypher":
            result = run_readonly(
                driver,
                id,
                database=db,
                timeout_s=settings.cypher_timeout_s,
                max_rows=settings.cypher_max_rows,
            )
            for warning in result.warnings:  # e.g. a misspelt label: why the page is empty
                console_err.print(f"Neo4j warns: {warning.message}", highlight=False)
            html = render_page(graph_from_rows(result.rows), title="Query result", view="cypher")
        else:
            html = render_view(driver, view, id, evidence=evidence, database=db)  # type: ignore[arg-type]
    _write(target, html)
    typer.echo(str(target))


def _write(path: Path, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def _write_all(folder: Path, evidence: str = "inferred") -> None:
    settings = load_settings()
    api = f"http://{settings.api_host}:{settings.api_port}"
    with driver_from_settings(settings) as (driver, db):
        refs = main_views(driver, database=db)
        if not refs:
            console_err.print("no views: load the seed first (patronage-graph load)")
            raise typer.Exit(1)
        for ref in refs:
            path = folder / ref.filename
            html = render_view(driver, ref.view, ref.id, evidence=evidence, database=db)  # type: ignore[arg-type]
            _write(path, html)
            # Plain, unwrapped lines: scripts read the paths back.
            url = f"{api}/viz/{ref.view}/{quote(ref.id, safe='')}"
            typer.echo(f"{ref.view:8} {path}  {url}")
        index = folder / "index.html"
        _write(index, render_index(refs, href=lambda r: quote(r.filename)))
        typer.echo(f"{'index':8} {index}  {api}/viz/")


def register(app: typer.Typer) -> None:
    app.command()(viz)
