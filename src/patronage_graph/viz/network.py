"""pyvis's ``Network`` as the page model: filled in one pass, rendered safely.

pyvis (pinned at 0.3.2) holds a page's nodes, edges, heading and vis-network
options; :func:`network_data` reads them back through its ``get_network_data``.
Three of its weaknesses are covered here and in :mod:`.page`:

* large graphs — ``add_node``/``add_edge`` test membership in Python lists, which
  is quadratic (minutes at 20k nodes), so the same data model is filled directly;
* offline — its template links vis-network and Bootstrap from CDNs, even in
  ``in_line`` mode, so the page is rendered from our template with vis-network inlined;
* escaping — its template prints the heading unescaped and switches tooltips to
  ``innerHTML`` when a title contains ``href``; our template autoescapes and our
  script shows hover text with ``textContent``.
"""

from __future__ import annotations

import json
from typing import Any

from pyvis.network import Network

from .visdata import VisData

__all__ = ["network_data", "to_network"]


def to_network(data: VisData, *, heading: str) -> Network:
    """A pyvis ``Network`` holding the page's nodes, edges and options."""
    net = Network(directed=True, heading=heading, cdn_resources="remote")
    net.nodes = data.nodes
    net.node_ids = [node["id"] for node in data.nodes]
    net.node_map = {node["id"]: node for node in data.nodes}
    net.edges = data.edges
    net.options = data.options  # a dict: get_network_data serializes it as JSON
    return net


def network_data(net: Network) -> dict[str, Any]:
    """What the page draws, read back through pyvis: heading, nodes, edges, options."""
    nodes, edges, heading, _height, _width, options = net.get_network_data()
    return {"heading": heading, "nodes": nodes, "edges": edges, "options": json.loads(options)}
