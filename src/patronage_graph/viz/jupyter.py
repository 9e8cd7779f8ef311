"""Show a page inline in Jupyter, isolated in an ``<iframe srcdoc>``.

The page keeps its own content security policy inside the iframe, and the
notebook's scripts and styles cannot reach into it (nor it into them).
IPython is optional: without it, :func:`show_inline` says how to install it.
"""

from __future__ import annotations

import html
import warnings
from typing import Any

import networkx as nx

from .page import render_page

__all__ = ["iframe_html", "show_inline"]


def iframe_html(page: str, *, height: int = 640) -> str:
    """An ``<iframe>`` holding ``page`` (escaped into its ``srcdoc`` attribute)."""
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" width="100%" height="{int(height)}" '
        'style="border:1px solid #ccc" sandbox="allow-scripts"></iframe>'
    )


def show_inline(
    G: nx.MultiDiGraph, *, title: str, view: str = "cypher", height: int = 640, **kwargs: Any
) -> Any:
    """Render ``G`` and return an ``IPython.display.HTML`` object showing it in a notebook.

    >>> show_inline(G, title="Shenyang", view="city")  # doctest: +SKIP
    """
    try:
        from IPython.display import HTML
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("show_inline needs IPython: pip install ipython") from e
    page = render_page(G, title=title, view=view, **kwargs)
    with warnings.catch_warnings():
        # IPython suggests IFrame for any "<iframe": IFrame needs a URL, srcdoc needs none.
        warnings.simplefilter("ignore", UserWarning)
        return HTML(iframe_html(page, height=height))  # type: ignore[no-untyped-call]
