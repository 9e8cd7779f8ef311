"""``GET /export``: the graph (or a city) as GraphML, GEXF or node-link JSON."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from patronage_graph.export import export_graph

from ..deps import DatabaseDep, DriverDep
from ..models import ErrorOut
from ..params import CityFilter, Evidence, one_of

router = APIRouter(tags=["export"])

_MEDIA = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "json": "application/json",
}


@router.get(
    "/export",
    response_class=FileResponse,
    responses={
        200: {"content": {m: {} for m in _MEDIA.values()}, "description": "the graph file"},
        404: {"model": ErrorOut, "description": "no city with that id"},
    },
)
def export(
    driver: DriverDep,
    db: DatabaseDep,
    format: Annotated[str, Query(description="file format", **one_of(_MEDIA))] = "graphml",
    city: CityFilter = None,
    evidence: Evidence = "inferred",
) -> FileResponse:
    """Download the whole graph, or one city's subgraph, for Gephi, Cytoscape or networkx."""
    folder = Path(tempfile.mkdtemp(prefix="patronage-export-"))
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", city or "patronage-graph") + f".{format}"
    try:
        export_graph(driver, format, folder / "graph", city=city, evidence=evidence, database=db)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        folder / "graph",
        media_type=_MEDIA[format],
        filename=name,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
