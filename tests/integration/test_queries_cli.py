"""``patronage-graph query``: the same repository calls from the shell."""

from __future__ import annotations

import csv
import io
import json

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from patronage_graph.cli import app
from patronage_graph.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture
def run(seeded: Driver, cli_env: Settings):  # type: ignore[no-untyped-def]

    def invoke(*args: str) -> str:
        result = CliRunner().invoke(app, ["query", *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    return invoke


def test_node_workers_as_json(run) -> None:  # type: ignore[no-untyped-def]
    answer = json.loads(run("node_workers", "--param", "city=wuhan", "--format", "json"))
    assert "star-firegate-manager" in {w["id"] for w in answer}
    assert all(w["vertical"] and w["horizontal"] for w in answer)


def test_chain_as_csv(run) -> None:  # type: ignore[no-untyped-def]
    rows = list(
        csv.DictReader(
            io.StringIO(run("patronage_chain", "-p", "worker_id=star-jiang-visited", "-f", "csv"))
        )
    )
    assert rows and all(r["sources"] for r in rows)
    assert rows[0]["from_id"] == "star-jiang-visited"


def test_registered_cookbook_query_runs(run) -> None:  # type: ignore[no-untyped-def]
    out = run(
        "cookbook_patrons_beyond_the_firm", "-p", "worker_id=star-firegate-manager", "-f", "json"
    )
    assert {r["patron"] for r in json.loads(out)} >= {"wuhan-trade-union"}


def test_list_shows_functions_and_reads(run) -> None:  # type: ignore[no-untyped-def]
    out = run("--list")
    assert "node_workers" in out and "cookbook_" in out


def test_bad_parameter_is_a_message() -> None:
    # refused before any connection is attempted
    result = CliRunner().invoke(app, ["query", "node_workers", "-p", "colour=red"])
    assert result.exit_code != 0
    assert "unknown parameter" in str(result.exception)


def test_an_as_of_table_says_how_many_undated_ties_it_counted(run) -> None:  # type: ignore[no-untyped-def]
    out = run("node_workers", "-p", "city=wuhan", "-p", "as_of=2000")
    answer = json.loads(run("node_workers", "-p", "city=wuhan", "-p", "as_of=2000", "-f", "json"))
    patronage = sum(w["undated_patronage_ties"] for w in answer)
    assert patronage > 0
    assert f"as_of=2000: {patronage} patronage and" in " ".join(out.split())
    assert "carry no year" not in run("node_workers", "-p", "city=wuhan")
