"""The ``patronage-graph`` command: a thin shell over the library.

Each command group lives in its own module and registers itself here.
"""

from __future__ import annotations

import sys

import typer
from rich.markup import escape

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
    """Entry point: errors become a clear message and a non-zero exit, never a traceback."""
    try:
        result = app(standalone_mode=False)
    except PatronageGraphError as e:
        # Messages name fields as "[field]": print them as text, not as rich markup.
        console_err.print(f"[bold red]error:[/] {escape(str(e))}", highlight=False)
        sys.exit(1)
    except typer.Abort:
        console_err.print("aborted")
        sys.exit(130)
    except typer.TyperException as e:  # usage errors (typer bundles its own click)
        show = getattr(e, "show", None)
        if callable(show):
            show()
        else:
            console_err.print(f"error: {escape(str(e))}", highlight=False)
        sys.exit(int(getattr(e, "exit_code", 2)))
    sys.exit(result if isinstance(result, int) else 0)
