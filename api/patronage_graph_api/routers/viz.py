"""``GET /viz/...``: the network pages, served with their content security policy.

Each page is self-contained (vis-network inlined), so it needs nothing else from
this API. The policy sent with it allows only the page's own two scripts (by hash)
and no network access at all, so names in the data can never run as code.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from patronage_graph.viz import content_security_policy, render_page
from patronage_graph.viz.graph import graph_from_rows
from patronage_graph.viz.index import render_index
from patronage_graph.viz.views import main_views, render_view

from ..deadline import BoundedRoute
from ..deps import DatabaseDep, DriverDep, SettingsDep
from ..models import CypherIn
from ..params import Evidence
from .cypher import run_bounded

router = APIRouter(prefix="/viz", tags=["pages"], route_class=BoundedRoute)


def _page(html: str) -> HTMLResponse:
    headers = {
        "Content-Security-Policy": content_security_policy() + "; frame-ancestors 'self'",
        "Cache-Control": "no-store",
    }
    return HTMLResponse(html, headers=headers)


@router.get("/", response_class=HTMLResponse)
def index_page(driver: DriverDep, db: DatabaseDep) -> HTMLResponse:
    """Links to the main pages: every city, leading small group, base and top patronised worker."""
    refs = main_views(driver, database=db)
    return HTMLResponse(render_index(refs, href=lambda r: f"/viz/{r.view}/{quote(r.id, safe='')}"))


@router.get("/city/{city_id}", response_class=HTMLResponse)
def city_page(
    city_id: str, driver: DriverDep, db: DatabaseDep, evidence: Evidence = "inferred"
) -> HTMLResponse:
    """A city's whole geometry: the command pyramid top-down by level, horizontal teams across."""
    return _page(render_view(driver, "city", city_id, evidence=evidence, database=db))


@router.get("/worker/{worker_id}", response_class=HTMLResponse)
def worker_page(
    worker_id: str, driver: DriverDep, db: DatabaseDep, evidence: Evidence = "inferred"
) -> HTMLResponse:
    """A worker: the chain up, the supporters around, the ties among them, what each gave."""
    return _page(render_view(driver, "worker", worker_id, evidence=evidence, database=db))


@router.get("/team/{team_id}", response_class=HTMLResponse)
def team_page(
    team_id: str, driver: DriverDep, db: DatabaseDep, evidence: Evidence = "inferred"
) -> HTMLResponse:
    """A leading small group (by its id, or a city's groups by the city's id) and its members."""
    return _page(render_view(driver, "team", team_id, evidence=evidence, database=db))


@router.get("/venture/{venture_id}", response_class=HTMLResponse)
def venture_page(
    venture_id: str, driver: DriverDep, db: DatabaseDep, evidence: Evidence = "inferred"
) -> HTMLResponse:
    """A venture, the people placed in it, where they came from and who supported it."""
    return _page(render_view(driver, "venture", venture_id, evidence=evidence, database=db))


@router.post("/cypher", response_class=HTMLResponse)
def cypher_page(
    body: CypherIn, driver: DriverDep, db: DatabaseDep, settings: SettingsDep
) -> HTMLResponse:
    """The nodes, relationships and paths of a read-only query (as ``POST /cypher`` runs it)."""
    result = run_bounded(driver, body, database=db, settings=settings)
    return _page(render_page(graph_from_rows(result.rows), title="Query result", view="cypher"))
