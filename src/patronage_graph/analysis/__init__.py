"""Network analytics on a subgraph read from Neo4j.

Read once with :func:`read_subgraph`, then measure: Gould–Fernandez brokerage
roles between organizational systems, betweenness, Burt's constraint and
effective size, or everything at once with :func:`summarize`. The measures are
pure functions of a networkx graph and return dicts keyed by node.

>>> from patronage_graph.analysis import brokerage, summarize   # doctest: +SKIP
>>> G = read_subgraph(driver, city="wuhan", labels=ACTOR_LABELS)  # doctest: +SKIP
>>> brokerage(G)["wuhan-labor-bureau"]["liaison"]                # doctest: +SKIP
"""

from __future__ import annotations

from .brokerage import ROLES, brokerage, expected_brokerage
from .brokerage_db import brokerage_in_database
from .centrality import betweenness, constraint, effective_size
from .collapse import MUTUAL_TYPES, to_digraph, to_graph
from .subgraph import ACTOR_LABELS, read_subgraph, records_to_graph
from .summary import BrokerageRow, CentralityRow, brokerage_table, summarize

__all__ = [
    "ACTOR_LABELS",
    "MUTUAL_TYPES",
    "ROLES",
    "BrokerageRow",
    "CentralityRow",
    "betweenness",
    "brokerage",
    "brokerage_in_database",
    "brokerage_table",
    "constraint",
    "effective_size",
    "expected_brokerage",
    "read_subgraph",
    "records_to_graph",
    "summarize",
    "to_digraph",
    "to_graph",
]
