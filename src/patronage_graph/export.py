"""Export the graph (or one city's part of it) for networkx, Gephi and spreadsheets.

Formats:

* ``graphml`` and ``gexf`` — one node per node, one edge per relationship (keyed by
  the relationship's ``id``), every property as an attribute. Neither format holds
  lists, so ``sources`` and ``labels`` are joined with ``;``. Each node also gets
  ``label`` (its name, which Gephi displays) and ``nodeLabel`` (its most specific
  label); each edge gets ``type`` (``relType`` in GEXF, where ``type`` is reserved),
  ``tie`` and ``label`` (the type).
* ``json`` — networkx node-link data (``nx.node_link_graph(data, edges="edges")``),
  lists kept as lists.
* ``csv`` — a folder with ``nodes.csv`` (``Id``, ``Label``, ...) and
  ``relationships.csv`` (``Source``, ``Target``, ``Type``, ``Id``, ``Label``, ...),
  the column names Gephi's spreadsheet import expects; lists joined with ``;``.

With ``city``, the export keeps the city, every jurisdiction PART_OF it, the
organizations LOCATED_IN those, the people with a job, layoff, centre, venture or
membership at those organizations, and the relationships among them
(``cypher/export.cypher``, ``export_city_nodes``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from neo4j import Driver
from pydantic import BaseModel

from . import model
from .errors import PatronageGraphError
from .queries._common import Evidence
from .queries.graph import find_city, read_graph

__all__ = ["FORMATS", "ExportReport", "build_graph", "export_form", "export_graph"]

FORMATS: tuple[str, ...] = ("graphml", "gexf", "json", "csv")
#: Properties declared as float somewhere in the model: written as floats
#: everywhere, because GraphML and GEXF give an attribute one type per file.
_FLOATS = {p.name for lab in model.NODE_LABELS.values() for p in lab.props if p.type == "float"} | {
    p.name for rel in model.REL_TYPES.values() for p in rel.props if p.type == "float"
}


class ExportReport(BaseModel):
    """What was written where."""

    format: str
    path: str
    nodes: int
    relationships: int
    city: str | None = None
    evidence: str = "inferred"


def _flat(value: Any, name: str) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if name in _FLOATS and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def build_graph(
    driver: Driver,
    *,
    city: str | None = None,
    evidence: Evidence = "inferred",
    database: str = "neo4j",
    flat: bool = True,
) -> nx.MultiDiGraph:
    """The graph (or a city's part) as written to a file: :func:`read_graph`, then
    :func:`export_form`. ``city`` is a city's id or name; ``evidence`` the weakest
    grade of tie kept.
    """
    if city is None:
        graph = read_graph(driver, evidence=evidence, database=database)
    else:
        city_id = find_city(driver, city, database=database)
        graph = read_graph(
            driver, city=city_id, scope="members", evidence=evidence, database=database
        )
    return export_form(graph, flat=flat, city=city)


def export_form(
    graph: nx.MultiDiGraph, *, flat: bool = True, city: str | None = None
) -> nx.MultiDiGraph:
    """A contract graph (:mod:`patronage_graph.queries.graph`) in the export's shape.

    Nodes get ``label`` (the name, which Gephi shows), ``nodeLabel`` (the model's
    primary label, as on the pages and in the analytics) and ``labels``; edges get
    ``label`` (the type). ``flat`` joins lists with ``;`` (GraphML, GEXF, CSV).
    """
    fix: Callable[[Any, str], Any] = _flat if flat else (lambda v, _: v)
    out = nx.MultiDiGraph(city=city or "")
    for node, data in sorted(graph.nodes(data=True), key=lambda item: str(item[0])):
        props = {
            k: fix(v, k) for k, v in data.items() if k not in ("id", "labels", "label", "name")
        }
        labels = sorted(data.get("labels", []))
        out.add_node(
            node,
            **props,
            **({"name": data["name"]} if "name" in data else {}),
            label=data.get("name", node),
            nodeLabel=data.get("label") or model.primary_label(labels),
            labels=fix(labels, "labels"),
        )
    edges = sorted(
        graph.edges(keys=True, data=True), key=lambda e: (str(e[3].get("type")), str(e[2]))
    )
    for start, end, key, data in edges:
        props = {k: fix(v, k) for k, v in data.items()}
        props["label"] = data.get("type")
        out.add_edge(start, end, key=key, **props)
    return out


def _write_csv(graph: nx.MultiDiGraph, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    node_cols = sorted({k for _, d in graph.nodes(data=True) for k in d} - {"label"})
    with (folder / "nodes.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Id", "Label", *node_cols])
        for node, data in graph.nodes(data=True):
            out.writerow([node, data.get("label", ""), *(data.get(c, "") for c in node_cols)])
    edge_cols = sorted(
        {k for *_, d in graph.edges(keys=True, data=True) for k in d} - {"label", "id"}
    )
    with (folder / "relationships.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Source", "Target", "Type", "Id", "Label", *edge_cols])
        for start, end, key, data in graph.edges(keys=True, data=True):
            out.writerow(
                [
                    start,
                    end,
                    "Directed",
                    key,
                    data.get("type", ""),
                    *(data.get(c, "") for c in edge_cols),
                ]
            )


def _write(graph: nx.MultiDiGraph, fmt: str, path: Path) -> None:
    if fmt == "csv":
        _write_csv(graph, path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(graph, path, infer_numeric_types=True)
    elif fmt == "gexf":
        nx.write_gexf(graph, path)
    else:
        data = nx.node_link_data(graph, edges="edges")
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def export_graph(
    driver: Driver,
    fmt: str,
    path: Path,
    *,
    city: str | None = None,
    evidence: Evidence = "inferred",
    database: str = "neo4j",
) -> ExportReport:
    """Write the graph in ``fmt`` (graphml, gexf, json, csv) to ``path`` (a folder for csv).

    >>> export_graph(driver, "graphml", Path("wuhan.graphml"), city="wuhan")  # doctest: +SKIP
    """
    if fmt not in FORMATS:
        raise PatronageGraphError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    graph = build_graph(driver, city=city, evidence=evidence, database=database, flat=fmt != "json")
    if fmt == "gexf":
        for *_, key, data in graph.edges(keys=True, data=True):
            data["id"] = key  # GEXF takes edge ids from the data, not the key
            data["relType"] = data.pop("type")  # GEXF reserves `type` (directed/undirected)
    try:
        _write(graph, fmt, path)
    except OSError as e:
        raise PatronageGraphError(
            f"cannot write {path}: {e.strerror or e}; choose another path with -o"
        ) from e
    return ExportReport(
        format=fmt,
        path=str(path),
        nodes=graph.number_of_nodes(),
        relationships=graph.number_of_edges(),
        city=city,
        evidence=evidence,
    )
