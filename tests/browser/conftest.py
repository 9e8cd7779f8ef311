"""Fixtures of the page tests: one headless Chromium per session, and where screenshots go."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from chromium import Browser, chromium

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "pages"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, every request beyond loopback blocked and recorded."""
    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
