"""Unknown query parameters are refused, on every route, by one app-wide dependency.

FastAPI ignores a query parameter an endpoint does not declare, so a misspelt or
unsupported one (``/analytics/brokerage?group=label``) would silently change
nothing. :func:`refuse_unknown_query_params` compares the request's parameters
with those the matched route declares (its own and its dependencies') and answers
a 422 naming each stranger, in FastAPI's usual shape.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

__all__ = ["declared_query_params", "refuse_unknown_query_params"]


def _query_names(dependant: Dependant) -> set[str]:
    names = {field.alias for field in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def declared_query_params(route: APIRoute) -> frozenset[str]:
    """The query parameter names ``route`` reads (aliases as sent), dependencies included.

    Walked on every request: a route has a handful of dependencies, and a cache keyed
    by route would outlive the apps the tests build.
    """
    return frozenset(_query_names(route.dependant))


async def refuse_unknown_query_params(request: Request) -> None:
    """A 422 for every query parameter the matched route does not declare."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    allowed = declared_query_params(route)
    unknown = [name for name in dict.fromkeys(request.query_params.keys()) if name not in allowed]
    if unknown:
        expected = ", ".join(sorted(allowed)) or "none"
        raise RequestValidationError(
            [
                {
                    "type": "extra_forbidden",
                    "loc": ("query", name),
                    "msg": f"unknown query parameter {name!r}; this endpoint takes: {expected}",
                    "input": request.query_params.get(name),
                }
                for name in unknown
            ]
        )
