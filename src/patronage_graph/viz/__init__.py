"""Interactive network pages: self-contained, offline, script-safe, usable at size.

The public surface::

    render_page(G, title=..., view="city")   # HTML text for a graph in the project's contract
    show_inline(G, title=...)                # the same, inline in Jupyter
    graph_from_records(records)              # any graph-shaped Cypher result -> MultiDiGraph
    city_graph / worker_graph / team_graph / venture_graph (driver, ...)  # the views' data

See ``docs/pages.md`` for the visual grammar, the size thresholds and the vendored
vis-network files.
"""

from __future__ import annotations

from .aggregate import AGGREGATE_MIN_NODES, Aggregation, aggregate_workers
from .jupyter import iframe_html, show_inline
from .layout import PHYSICS_MAX_NODES
from .page import VIEWS, View, content_security_policy, render_page

__all__ = [
    "AGGREGATE_MIN_NODES",
    "PHYSICS_MAX_NODES",
    "VIEWS",
    "Aggregation",
    "View",
    "aggregate_workers",
    "content_security_policy",
    "iframe_html",
    "render_page",
    "show_inline",
]
