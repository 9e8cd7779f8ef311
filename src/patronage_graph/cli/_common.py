"""What every CLI command shares: settings, a driver, consoles."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from neo4j import Driver
from pydantic import ValidationError as PydanticValidationError
from rich.console import Console

from ..connect import connect
from ..errors import ConfigError
from ..model import EVIDENCE_GRADES
from ..settings import Settings

#: ``--evidence``: the weakest grade of tie a command admits (every command that reads ties).
EVIDENCE_OPTION: Any = typer.Option(
    "inferred",
    "--evidence",
    "-e",
    help=f"the weakest grade of tie admitted: {', '.join(EVIDENCE_GRADES)} (default: every tie)",
)

console = Console()
console_err = Console(stderr=True)


def load_settings() -> Settings:
    try:
        return Settings()
    except PydanticValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors()
        )
        raise ConfigError(f"invalid settings: {problems}") from None


@contextmanager
def driver_from_settings(settings: Settings | None = None) -> Iterator[tuple[Driver, str]]:
    """A driver (local server started when needed) and the database name."""
    settings = settings or load_settings()
    driver = connect(settings, progress=lambda msg: console_err.print(msg, highlight=False))
    try:
        yield driver, settings.neo4j_database
    finally:
        driver.close()
