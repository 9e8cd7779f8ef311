"""Exception handlers: every error is a JSON body, never a stack trace.

=========================  ======  ==========================================
raised                     status  body
=========================  ======  ==========================================
NotFoundError              404     ``{"detail": "no worker with id 'x'"}``
UnsafeQueryError           400     refusal naming the operator or procedure
DatabaseError, client's    400     Neo4j's message and ``code`` (/cypher, pages)
DatabaseUnavailable        503     ``Retry-After`` header, JSON body
DeadlineExceeded           504     what ran out of time, and what happens next
Overdue                    503     ``Retry-After``: no answer within PATRONAGE_API_DEADLINE
TooManyQueries             503     ``Retry-After``: every slot for ad-hoc Cypher busy
other PatronageGraphError  400     the library's message (what, where, what to do)
any other error            500     a generic message; details go to the log
=========================  ======  ==========================================
"""

from __future__ import annotations

import json
import logging

from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from patronage_graph.errors import (
    DatabaseError,
    DatabaseUnavailable,
    DeadlineExceeded,
    NotFoundError,
    PatronageGraphError,
    TooManyQueries,
    UnsafeQueryError,
)

from .deadline import Overdue

__all__ = ["RETRY_AFTER_S", "add_error_handlers"]

log = logging.getLogger("patronage_graph.api")

#: Seconds a client should wait before retrying while Neo4j is away.
RETRY_AFTER_S = 5


def _body(detail: str, code: str | None = None) -> dict[str, str | None]:
    return {"detail": detail, "code": code}


def _retry_later(detail: str, code: str) -> JSONResponse:
    """503 with ``Retry-After``: the request was fine, the database is not ready for it."""
    return JSONResponse(
        _body(detail, code),
        status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": str(RETRY_AFTER_S)},
    )


async def _not_found(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(_body(str(exc)), status.HTTP_404_NOT_FOUND)


async def _unsafe(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(_body(str(exc), "PatronageGraph.UnsafeQuery"), status.HTTP_400_BAD_REQUEST)


async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
    availability = getattr(request.app.state, "availability", None)
    if availability is None or not availability.down:  # log the change, not every 503
        log.warning("Neo4j unavailable for %s %s: %s", request.method, request.url.path, exc)
    if availability is not None:
        # the next requests answer 503 at once (patronage_graph_api.availability)
        availability.mark_down()
    return _retry_later(f"Neo4j is unavailable; retry in {RETRY_AFTER_S} s", "ServiceUnavailable")


async def _deadline(request: Request, exc: Exception) -> JSONResponse:
    log.warning("deadline passed on %s %s: %s", request.method, request.url.path, exc)
    detail = (
        f"{exc}. Neo4j did not stop it at its time limit: some queries cannot be stopped "
        "(reduce over a huge range, a deeply nested expression). On the local server the "
        "supervisor restarts Neo4j when such a query keeps running (PATRONAGE_WEDGE_GRACE); "
        "make the query smaller or raise PATRONAGE_CYPHER_TIMEOUT"
    )
    return JSONResponse(_body(detail, "PatronageGraph.DeadlineExceeded"), 504)


async def _overdue(request: Request, exc: Exception) -> JSONResponse:
    log.warning("deadline passed on %s %s: %s", request.method, request.url.path, exc)
    return _retry_later(str(exc), "PatronageGraph.Overdue")


async def _busy(request: Request, exc: Exception) -> JSONResponse:
    return _retry_later(str(exc), "PatronageGraph.TooManyQueries")


async def _database(request: Request, exc: Exception) -> JSONResponse:
    code = getattr(exc, "code", None)
    if code and code.startswith("Neo.ClientError."):  # the request was at fault, not the server
        return JSONResponse(_body(str(exc), code), status.HTTP_400_BAD_REQUEST)
    log.error("Neo4j error on %s %s: %s %s", request.method, request.url.path, code, exc)
    return JSONResponse(
        _body("the database failed to answer this request", code),
        status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


async def _refused(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(_body(str(exc)), status.HTTP_400_BAD_REQUEST)


async def _invalid(request: Request, exc: Exception) -> Response:
    """FastAPI's 422, with non-ASCII escaped: a lone surrogate echoed back stays valid JSON."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    body = json.dumps({"detail": jsonable_encoder(errors)}, ensure_ascii=True)
    return Response(body, status.HTTP_422_UNPROCESSABLE_CONTENT, media_type="application/json")


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return JSONResponse(_body("internal error"), status.HTTP_500_INTERNAL_SERVER_ERROR)


def add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(UnsafeQueryError, _unsafe)
    app.add_exception_handler(DatabaseUnavailable, _unavailable)
    app.add_exception_handler(DatabaseError, _database)
    app.add_exception_handler(DeadlineExceeded, _deadline)
    app.add_exception_handler(TooManyQueries, _busy)
    app.add_exception_handler(Overdue, _overdue)
    app.add_exception_handler(PatronageGraphError, _refused)
    app.add_exception_handler(Exception, _internal)
