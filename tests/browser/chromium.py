"""Headless Debian Chromium driven by Playwright, with every off-machine request blocked.

Used by the browser tests and by ``bench/viz_bench.py``. Playwright's own browser
download is never used: the Chromium is ``/usr/bin/chromium`` (the Debian package).
Every request not to loopback or ``file:`` is aborted *and recorded*, so a test can
fail when a page tries to leave the machine.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Route, sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}

# Reads, in the page, the canvas alpha at each visible node's position: a drawn node is
# opaque where it sits, the empty canvas is transparent (the white is the div behind it).
PIXELS_AT_NODES = """(limit) => {
  const g = window.patronageGraph, net = g.network;
  const canvas = document.querySelector('#pg-network canvas');
  const ctx = canvas.getContext('2d');
  const ratio = canvas.width / canvas.clientWidth;
  const ids = g.nodes.getIds().slice(0, limit);
  const pos = net.getPositions(ids);
  const out = [];
  for (const id of ids) {
    const p = net.canvasToDOM(pos[id]);
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (p.x < 2 || p.y < 2 || p.x > w - 2 || p.y > h - 2) continue;
    const px = ctx.getImageData(Math.round(p.x * ratio), Math.round(p.y * ratio), 1, 1).data;
    out.push({id: id, alpha: px[3], rgb: [px[0], px[1], px[2]]});
  }
  const corner = ctx.getImageData(1, canvas.height - 2, 1, 1).data;
  return {nodes: out, cornerAlpha: corner[3]};
}"""


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in _LOCAL_HOSTS


@dataclass
class Visit:
    """What happened while a page was open."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    seconds_to_drawn: float | None = None

    def evaluate(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)


class Browser:
    """One Chromium with a fresh profile; :meth:`visit` opens a page and waits until drawn."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.blocked: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    @contextmanager
    def visit(self, url: str, *, timeout_s: float = 60.0) -> Iterator[Visit]:
        page = self.context.new_page()
        visit = Visit(page)
        start_blocked = len(self.blocked)

        def on_console(msg: ConsoleMessage) -> None:
            if msg.type == "error":
                visit.console_errors.append(msg.text)

        page.on("console", on_console)
        page.on("pageerror", lambda exc: visit.console_errors.append(f"pageerror: {exc}"))
        started = time.perf_counter()
        try:
            page.goto(url, wait_until="load", timeout=timeout_s * 1000)
            page.wait_for_function(
                "() => window.patronageGraph && window.patronageGraph.drawn",
                timeout=timeout_s * 1000,
                polling=20,
            )
            visit.seconds_to_drawn = time.perf_counter() - started
            yield visit
        finally:
            visit.blocked = self.blocked[start_blocked:]
            page.close()


@contextmanager
def chromium(viewport: tuple[int, int] = (1280, 800)) -> Iterator[Browser]:
    """A headless Chromium (Debian's) with a fresh user-data-dir, removed afterwards."""
    profile = Path(tempfile.mkdtemp(prefix="pg-chromium-"))
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                str(profile),
                executable_path=CHROMIUM,
                headless=True,
                args=FLAGS,
                viewport={"width": viewport[0], "height": viewport[1]},
                service_workers="block",
            )
            try:
                yield Browser(context)
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
