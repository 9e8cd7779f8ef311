"""Headers on every response, and a content security policy on HTML.

A pure ASGI middleware (no per-request task or body buffering). A route that
sets its own ``Content-Security-Policy`` (the network pages may, to allow the
hashes of their own scripts) keeps it; other HTML gets :data:`HTML_CSP`, and the
interactive docs a policy that lets them load Swagger UI and ReDoc.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "DOCS_CSP",
    "HTML_CSP",
    "MAX_BODY_BYTES",
    "BodyLimit",
    "SecurityHeaders",
    "TrustedHosts",
    "host_name",
]

#: No inline script, nothing from elsewhere: names in a page can never run as code.
HTML_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: /docs and /redoc hold no data, only FastAPI's fixed bootstrap script.
DOCS_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com "
    "https://cdn.redoc.ly; connect-src 'self'; worker-src blob:; base-uri 'none'; "
    "frame-ancestors 'none'"
)
_DOCS_PATHS = ("/docs", "/redoc", "/docs/oauth2-redirect")
_ALWAYS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = (DOCS_CSP if scope["path"] in _DOCS_PATHS else HTML_CSP).encode()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                content_type = dict(headers).get(b"content-type", b"")
                headers += [h for h in _ALWAYS if h[0] not in names]
                if (
                    content_type.startswith(b"text/html")
                    and b"content-security-policy" not in names
                ):
                    # A route's own policy (and its frame-ancestors) wins; else the strict one.
                    headers.append((b"content-security-policy", csp))
                    if b"x-frame-options" not in names:
                        headers.append((b"x-frame-options", b"DENY"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


#: Largest request body accepted (a Cypher query with its parameters).
MAX_BODY_BYTES = 1_000_000


class BodyLimit:
    """413 for a request whose declared or streamed body passes :data:`MAX_BODY_BYTES`."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(send, self.limit)
            return
        seen = 0
        refused = False

        async def counting_receive() -> Message:
            # A chunked body declares no length: count it as it streams, answer 413
            # at once when it passes the limit, and tell the app the client left.
            nonlocal seen, refused
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                if not refused:
                    refused = True
                    await _too_large(send, self.limit)
                return {"type": "http.disconnect"}
            return message

        async def send_unless_refused(message: Message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, counting_receive, send_unless_refused)


async def _send_json(send: Send, status: int, body: bytes) -> None:
    """A JSON error answered by a middleware itself, before any route runs."""
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _too_large(send: Send, limit: int) -> None:
    body = f'{{"detail": "request body larger than {limit} bytes", "code": null}}'.encode()
    await _send_json(send, 413, body)


def host_name(header: str) -> str:
    """The host of a Host header, without port; IPv6 literals keep their brackets.

    >>> host_name("[::1]:8000"), host_name("LocalHost:8000"), host_name("127.0.0.1")
    ('[::1]', 'localhost', '127.0.0.1')
    """
    header = header.strip().lower()
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class TrustedHosts:
    """400 for a request whose Host header names a host not configured.

    A page on another site can make a browser on this machine send requests to
    127.0.0.1 under the attacker's own host name (DNS rebinding); refusing unknown
    Host headers stops that. Starlette's ``TrustedHostMiddleware`` would do, but it
    cuts ``[::1]:8000`` at the first colon and answers plain text, not JSON.
    """

    def __init__(self, app: ASGIApp, allowed_hosts: list[str]) -> None:
        self.app = app
        self.allowed = {h.strip().lower() for h in allowed_hosts if h.strip()}
        self.any = "*" in self.allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.any or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
        if host_name(header) in self.allowed:
            await self.app(scope, receive, send)
            return
        body = (
            b'{"detail": "this host name is not served here; list it in '
            b'PATRONAGE_API_ALLOWED_HOSTS", "code": null}'
        )
        await _send_json(send, 400, body)
