"""``patronage-graph serve``: the HTTP API on 127.0.0.1:8000 (uvicorn)."""

from __future__ import annotations

import ipaddress

import typer

from ..neo4j_local import LocalServer
from ._common import console_err, load_settings


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    host: str = typer.Option(
        None, help="address to bind [default: PATRONAGE_API_HOST or 127.0.0.1]"
    ),
    port: int = typer.Option(None, help="port [default: PATRONAGE_API_PORT or 8000]"),
    start_neo4j: bool = typer.Option(
        True, help="start the local Neo4j first when NEO4J_URI is not set"
    ),
    log_level: str = typer.Option("info", help="uvicorn log level"),
) -> None:
    """Serve the HTTP API (docs at /docs); Ctrl-C stops it."""
    import uvicorn

    from patronage_graph_api.main import create_app

    settings = load_settings()
    host = host or settings.api_host
    port = port or settings.api_port
    settings = settings.model_copy(update={"api_host": host, "api_port": port})  # Host check
    if settings.uses_local_server and start_neo4j:
        LocalServer.from_settings(settings).start(
            progress=lambda m: console_err.print(m, highlight=False)
        )
    if not _loopback(host):
        console_err.print(
            f"warning: binding {host}: every read endpoint is open to whoever reaches this "
            "port; put the API behind an authenticating proxy (docs/api.md)",
            highlight=False,
        )
    console_err.print(
        f"patronage-graph API on http://{host}:{port}/ (docs: /docs)", highlight=False
    )
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level)


def register(app: typer.Typer) -> None:
    app.command()(serve)
