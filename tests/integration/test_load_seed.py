"""Loading seed/ into the real Neo4j: counts, an exact reload, and the acceptance queries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from patronage_graph import Settings, database
from patronage_graph.loader import (
    check_integrity,
    load_paths,
    node_record,
    rel_record,
    write_records,
)
from patronage_graph.model import EVIDENCE_GRADES

pytestmark = pytest.mark.integration
SEED = Path(__file__).resolve().parents[2] / "seed"


def counts(driver: Driver) -> tuple[int, int]:
    row = database.read(driver, "db_counts")[0]
    return row["nodes"], row["relationships"]


def snapshot(driver: Driver) -> tuple[dict[str, Any], dict[str, Any]]:
    """Every node's labels and properties, every relationship's type, ends and properties."""
    nodes = {
        r["id"]: (sorted(r["labels"]), r["props"]) for r in database.read(driver, "export_nodes")
    }
    rels = {
        r["id"]: (r["type"], r["start"], r["end"], r["props"])
        for r in database.read(driver, "export_relationships", {"grades": list(EVIDENCE_GRADES)})
    }
    return nodes, rels


def test_seed_loads_and_reports_counts_per_label_and_type(empty_db: Driver) -> None:
    report = load_paths(empty_db, [SEED])
    assert report.in_data.nodes > 100 and report.in_data.relationships > 100
    assert report.created.nodes == report.in_data.nodes
    assert report.created.relationships == report.in_data.relationships
    assert report.created.labels == report.in_data.labels
    assert counts(empty_db) == (report.in_data.nodes, report.in_data.relationships)
    rows = database.read(empty_db, "label_counts")
    stored = {r["label"]: r["count"] for r in rows if r["count"]}  # db.labels() keeps old ones
    assert stored == report.in_data.labels
    by_type = {r["type"]: r["count"] for r in database.read(empty_db, "rel_type_counts")}
    assert by_type == report.in_data.rel_types


def test_loading_again_changes_nothing(empty_db: Driver) -> None:
    load_paths(empty_db, [SEED])
    before = snapshot(empty_db)
    again = load_paths(empty_db, [SEED])
    assert again.created.nodes == 0 and again.created.relationships == 0
    assert snapshot(empty_db) == before


def test_seed_passes_the_acceptance_queries(seeded: Driver) -> None:
    report = check_integrity(seeded)
    assert report.ok, report.findings
    assert {f.check for f in report.findings} == {
        "unsourced_relationships",
        "nodes_outside_model",
        "relationships_outside_model",
    }


def test_cli_load_then_check_reports_counts_and_a_clean_graph(
    empty_db: Driver, neo4j_settings: Settings
) -> None:
    assert neo4j_settings.neo4j_uri and neo4j_settings.neo4j_password
    env = {
        **os.environ,
        "NEO4J_URI": neo4j_settings.neo4j_uri,
        "NEO4J_USER": neo4j_settings.neo4j_user,
        "NEO4J_PASSWORD": neo4j_settings.neo4j_password.get_secret_value(),
        "COLUMNS": "200",
    }
    cli = str(Path(sys.executable).with_name("patronage-graph"))
    loaded = subprocess.run([cli, "load"], env=env, capture_output=True, text=True, timeout=300)
    assert loaded.returncode == 0, loaded.stderr
    nodes, rels = counts(empty_db)
    assert f"the database holds {nodes} nodes and {rels} relationships" in loaded.stdout
    assert "patronage" in loaded.stdout and "Worker" in loaded.stdout
    checked = subprocess.run([cli, "check"], env=env, capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_acceptance_queries_find_what_breaks_the_model(reseed: Driver) -> None:
    # Written without validation (as a careless bulk import could): the queries must see it.
    nodes, _ = snapshot(reseed)
    source = next(i for i, (labels, _) in nodes.items() if "Source" in labels)
    rogue = node_record("Person", {"id": "zz-rogue", "name": "Rogue", "shoeSize": 44})
    unsourced = rel_record("VISITED", "zz-rogue", "zz-rogue", {})
    to_a_source = rel_record("SUPPORTED", "zz-rogue", source, {"kind": "loan", "sources": [source]})
    write_records(reseed, [rogue], [unsourced, to_a_source])
    found = {f.check: f for f in check_integrity(reseed).findings}
    assert found["nodes_outside_model"].sample == ["zz-rogue"]
    assert found["unsourced_relationships"].count == 1
    assert found["relationships_outside_model"].count == 1
    assert source in found["relationships_outside_model"].sample[0]
