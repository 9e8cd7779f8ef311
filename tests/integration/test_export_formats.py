"""Exports of the seeded graph, read back with networkx (and CSV as Gephi would)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from neo4j import Driver

from patronage_graph import Settings, database
from patronage_graph.errors import NotFoundError
from patronage_graph.export import export_graph

pytestmark = pytest.mark.integration


def db_counts(driver: Driver) -> tuple[int, int]:
    row = database.read(driver, "db_counts")[0]
    return row["nodes"], row["relationships"]


def db_ties(driver: Driver) -> Counter[str]:
    ties: Counter[str] = Counter()
    for row in database.read(driver, "rel_type_counts"):
        ties[row["tie"]] += row["count"]
    return ties


def test_graphml_read_by_networkx_has_the_database_counts(seeded: Driver, tmp_path: Path) -> None:
    report = export_graph(seeded, "graphml", tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    assert (graph.number_of_nodes(), graph.number_of_edges()) == db_counts(seeded)
    assert (report.nodes, report.relationships) == db_counts(seeded)
    edges = list(graph.edges(data=True))
    assert Counter(d["tie"] for *_, d in edges) == db_ties(seeded)
    assert all(d["sources"] for *_, d in edges), "every edge keeps its sources"
    source_ids = {n for n, d in graph.nodes(data=True) if "Source" in d["labels"].split(";")}
    assert all(set(d["sources"].split(";")) <= source_ids for *_, d in edges)


def test_gexf_and_json_keep_counts_ties_and_sources(seeded: Driver, tmp_path: Path) -> None:
    export_graph(seeded, "gexf", tmp_path / "g.gexf")
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    assert (gexf.number_of_nodes(), gexf.number_of_edges()) == db_counts(seeded)
    assert Counter(d["tie"] for *_, d in gexf.edges(data=True)) == db_ties(seeded)
    export_graph(seeded, "json", tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="edges")
    assert (graph.number_of_nodes(), graph.number_of_edges()) == db_counts(seeded)
    assert all(isinstance(d["sources"], list) and d["sources"] for *_, d in graph.edges(data=True))


def test_csv_has_gephi_columns_and_every_row(seeded: Driver, tmp_path: Path) -> None:
    export_graph(seeded, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "nodes.csv").open(encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with (tmp_path / "csv" / "relationships.csv").open(encoding="utf-8") as f:
        rels = list(csv.DictReader(f))
    assert (len(nodes), len(rels)) == db_counts(seeded)
    assert {"Id", "Label"} <= set(nodes[0]) and {"Source", "Target", "Type", "tie"} <= set(rels[0])
    ids = {n["Id"] for n in nodes}
    assert all(r["Source"] in ids and r["Target"] in ids and r["sources"] for r in rels)


def test_city_export_keeps_what_is_located_there(
    seeded: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    assert neo4j_settings.neo4j_uri and neo4j_settings.neo4j_password
    env = {
        "NEO4J_URI": neo4j_settings.neo4j_uri,
        "NEO4J_USER": neo4j_settings.neo4j_user,
        "NEO4J_PASSWORD": neo4j_settings.neo4j_password.get_secret_value(),
        "PATH": "",
    }
    cli = str(Path(sys.executable).with_name("patronage-graph"))
    out = tmp_path / "wuhan.graphml"
    done = subprocess.run(
        [cli, "export", "-f", "graphml", "--city", "wuhan", "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    city = nx.read_graphml(out)
    whole = db_counts(seeded)
    assert 0 < city.number_of_nodes() < whole[0] and 0 < city.number_of_edges() < whole[1]
    kinds = {d["nodeLabel"] for _, d in city.nodes(data=True)}
    assert "Source" not in kinds and "Policy" not in kinds
    places = {n for n, d in city.nodes(data=True) if d["nodeLabel"] == "Jurisdiction"}
    for node, data in city.nodes(data=True):
        if "Organization" in data["labels"].split(";"):
            located = [
                v for _, v, d in city.out_edges(node, data=True) if d["type"] == "LOCATED_IN"
            ]
            assert set(located) & places, f"{node} is not located in the city"


def test_unknown_city_is_a_clear_error(seeded: Driver, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="cities in the graph"):
        export_graph(seeded, "json", tmp_path / "x.json", city="atlantis")
