"""``GET /``: a small page that links the docs, the endpoints and the network pages."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(tags=["pages"])

_LINKS: list[tuple[str, str]] = [
    ("/docs", "interactive API documentation (OpenAPI)"),
    ("/health", "API and Neo4j status"),
    ("/node-workers?city=wuhan", "node workers: where vertical and horizontal ties meet"),
    ("/workers/star-firegate-manager/chain", "a patronage chain, hop by hop, with sources"),
    ("/entities/wuhan-labor-bureau", "an entity and its neighbours by tie kind"),
    ("/search?q=union", "name search"),
    ("/statistics/layoffs", "the conflicting layoff counts"),
    ("/analytics/brokerage?city=wuhan", "brokerage roles across systems"),
    ("/viz/city/wuhan", "network page: Wuhan's pyramid and horizontal teams"),
    ("/viz/worker/star-firegate-manager", "network page: a node worker's chain and supporters"),
    ("/viz/venture/venture-firegate", "network page: a reemployment base and who carried it"),
]


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def index() -> HTMLResponse:
    items = "\n".join(
        f'<li><a href="{escape(href)}">{escape(href)}</a> — {escape(text)}</li>'
        for href, text in _LINKS
    )
    return HTMLResponse(
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<title>patronage-graph</title></head><body>"
        "<h1>patronage-graph</h1><p>Xiagang and the geometry of urban political patronage "
        "in China (Solinger 2007), as a graph. POST your own read-only Cypher to "
        "<code>/cypher</code>.</p>"
        f"<ul>\n{items}\n</ul></body></html>"
    )
