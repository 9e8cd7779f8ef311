"""``POST /cypher``: a researcher's own read-only Cypher, bounded in time, rows and size."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from neo4j import Driver

from patronage_graph.cypher_guard import CypherResult, run_readonly
from patronage_graph.errors import DatabaseError, DatabaseUnavailable
from patronage_graph.settings import Settings

from ..deadline import CYPHER_POOL, cypher_deadline
from ..deps import DatabaseDep, DriverDep, SettingsDep
from ..models import CypherIn, CypherOut, CypherWarningOut, ErrorOut

router = APIRouter(tags=["cypher"])

#: Largest serialized result kept (bytes of JSON); past it the rows are cut, flagged.
MAX_RESULT_BYTES = 8_000_000


def run_bounded(
    driver: Driver, body: CypherIn, *, database: str, settings: Settings
) -> CypherResult:
    """A researcher's query, read-only, within the configured time, row and size bounds.

    Shared by ``POST /cypher`` and ``POST /viz/cypher`` so both keep the same bounds.
    The call runs under a client-side deadline just above the Cypher timeout
    (:mod:`patronage_graph_api.deadline`): a query Neo4j cannot stop is a prompt 504, not a hang.
    """
    return CYPHER_POOL.call(
        lambda: run_readonly(
            driver,
            body.query,
            body.parameters,
            database=database,
            timeout_s=settings.cypher_timeout_s,
            max_rows=settings.cypher_max_rows,
            max_bytes=MAX_RESULT_BYTES,
        ),
        cypher_deadline(settings.cypher_timeout_s),
        f"the query (time limit PATRONAGE_CYPHER_TIMEOUT={settings.cypher_timeout_s:g} s)",
    )


@router.post(
    "/cypher",
    response_model=CypherOut,
    responses={
        400: {"model": ErrorOut, "description": "refused, invalid or stopped query"},
        504: {"model": ErrorOut, "description": "Neo4j did not stop the query in time"},
    },
)
def run_cypher(
    body: CypherIn, driver: DriverDep, db: DatabaseDep, settings: SettingsDep
) -> CypherOut | JSONResponse:
    """Run one read-only Cypher statement.

    Writes, ``LOAD CSV``, batched transactions, schema and administration commands
    and procedures outside a read-only allow-list are refused before anything runs;
    the rest runs in a read transaction stopped after ``PATRONAGE_CYPHER_TIMEOUT``
    seconds, and at most ``PATRONAGE_CYPHER_MAX_ROWS`` rows come back
    (``truncated`` says when more were there). It runs once, never retried; an
    error names its cause and the setting that moves the limit. ``warnings``
    carries Neo4j's notes on the query, e.g. a label that is not in the database.
    """
    try:
        result = run_bounded(driver, body, database=db, settings=settings)
    except DatabaseUnavailable:
        raise
    except DatabaseError as e:
        if not e.code:  # the driver failed, not the query: the app's 500 handler logs it
            raise
        return JSONResponse(ErrorOut(detail=str(e), code=e.code).model_dump(), 400)
    return CypherOut(
        columns=result.columns,
        rows=result.rows,
        row_count=len(result.rows),
        truncated=result.truncated,
        truncated_by=result.truncated_by,
        warnings=[CypherWarningOut(**w.to_dict()) for w in result.warnings],
    )
