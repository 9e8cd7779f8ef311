"""The ``patronage-graph`` command: a thin shell over the library.

Each command group lives in its own module and registers itself here.
"""

from __future__ import annotations

import sys

import click
import typer

from ..errors import PatronageGraphError
from . import analyze, data, generate, query, serve, server, viz
from ._common import console_err

__all__ = ["app", "main"]

app = typer.Typer(
    name="patronage-graph",
    help="Where vertical command lines and horizontal collaboration meet: "
    "the 1998 Reemployment Project as a graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
server.register(app)
serve.register(app)
analyze.register(app)
data.register(app)
viz.register(app)
query.register(app)
generate.register(app)


def main() -> None:
    """Entry point: project errors become a clear message and exit code 1."""
    try:
        result = app(standalone_mode=False)
    except PatronageGraphError as e:
        console_err.print(f"[bold red]error:[/] {e}", highlight=False, markup=True)
        sys.exit(1)
    except click.exceptions.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except click.exceptions.Abort:
        console_err.print("aborted")
        sys.exit(130)
    sys.exit(result if isinstance(result, int) else 0)
