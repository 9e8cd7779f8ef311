"""A synthetic country in the real Neo4j: online (loader and CREATE) and bulk import."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from neo4j import Driver

from patronage_graph import LocalServer, Settings, create_driver, database, queries
from patronage_graph.errors import DatabaseError, PatronageGraphError
from patronage_graph.loader import check_integrity
from patronage_graph.synthetic import CALIBRATION, Node, Rel, generate
from patronage_graph.synthetic.bulk import bulk_load
from patronage_graph.synthetic.online import load_online

pytestmark = pytest.mark.integration
WORKERS, SEED = 2_000, 5


def expected() -> tuple[int, int]:
    counts = Counter(type(r) for r in generate(WORKERS, SEED))
    return counts[Node], counts[Rel]


def stored(driver: Driver) -> tuple[int, int]:
    row = database.read(driver, "db_counts")[0]
    return row["nodes"], row["relationships"]


def stars(driver: Driver) -> list[str]:
    rows = database.read(driver, "synthetic_star_workers", {"prefix": "syn5-", "limit": 100})
    return [r["id"] for r in rows]


def test_online_loader_writes_a_country_that_fits_the_model(empty_db: Driver) -> None:
    stats = load_online(empty_db, WORKERS, SEED, method="loader")
    assert (stats.nodes, stats.relationships) == expected() == stored(empty_db)
    report = check_integrity(empty_db)
    assert report.ok, report.findings
    # The loader MERGEs: loading the same seed again creates nothing.
    again = load_online(empty_db, WORKERS, SEED, method="loader")
    assert (again.nodes, again.relationships) == (0, 0)
    assert stored(empty_db) == expected()


def test_two_writer_sessions_write_the_same_country_as_one(empty_db: Driver) -> None:
    """Each session takes its own cities; together they write every record, once."""
    two_cities = replace(CALIBRATION, workers_per_city=WORKERS // 2)
    counts = Counter(type(r) for r in generate(WORKERS, SEED, two_cities))
    stats = load_online(empty_db, WORKERS, SEED, method="loader", writers=2, cal=two_cities)
    assert (stats.nodes, stats.relationships) == (counts[Node], counts[Rel]) == stored(empty_db)
    assert check_integrity(empty_db).ok
    again = load_online(empty_db, WORKERS, SEED, method="loader", cal=two_cities)
    assert (again.nodes, again.relationships) == (0, 0)


def test_create_path_writes_the_same_country_and_refuses_a_repeat(empty_db: Driver) -> None:
    database.write(empty_db, "graph_stamp_set", {"stamp": "before"})
    stats = load_online(empty_db, WORKERS, SEED, method="create")
    assert (stats.nodes, stats.relationships) == expected() == stored(empty_db)
    # a new generation stamp, so the API's cached answers for the old graph go stale
    assert database.read(empty_db, "graph_stamp")[0]["stamp"] not in (None, "before")
    assert check_integrity(empty_db).ok
    with pytest.raises(DatabaseError):
        load_online(empty_db, WORKERS, SEED, method="create")


def test_the_geometry_queries_find_the_synthetic_stars(empty_db: Driver) -> None:
    load_online(empty_db, WORKERS, SEED, method="create")
    founders = stars(empty_db)
    assert founders
    found = queries.node_workers(empty_db, city="syn5-c0", limit=100)
    # The stars rank first; employees of their ventures may follow (the query counts
    # support to a venture for everyone who works there).
    assert set(founders) <= {w.id for w in found} and found[0].id in founders
    hops = queries.patronage_chain(empty_db, worker_id=founders[0])
    assert {"AWARDED_TITLE", "EMPLOYED_BY", "SUPERVISES"} <= {h.type for h in hops}
    assert {"province", "nation"} & {h.level for h in hops}
    assert all(s.id == "syn5-source" for h in hops for s in h.sources)


def _peak_mib(lines: list[str]) -> float:
    """The importer's own "Peak memory usage: 301.8MiB" line, in MiB."""
    found = [re.search(r"Peak memory usage:\s*([\d.]+)\s*([KMG])i?B", line) for line in lines]
    value, unit = [m for m in found if m][-1].groups()
    return float(value) * {"K": 1 / 1024, "M": 1, "G": 1024}[unit]


@pytest.fixture(scope="module")
def bulk_server() -> LocalServer:
    """A server of its own: the bulk import stops it and replaces its database."""
    state = Path(
        os.environ.get(
            "PATRONAGE_TEST_BULK_STATE_DIR",
            Path(__file__).resolve().parents[2] / ".patronage-graph" / "test-synth-bulk",
        )
    )
    return LocalServer(
        state.resolve(),
        Settings().cache_dir,
        int(os.environ.get("PATRONAGE_TEST_BULK_BOLT_PORT", "7699")),
        int(os.environ.get("PATRONAGE_TEST_BULK_HTTP_PORT", "7489")),
        heap="1g",
        pagecache="512m",
    )


@pytest.mark.slow
def test_bulk_import_loads_the_same_country_with_its_schema(
    bulk_server: LocalServer, tmp_path: Path
) -> None:
    said: list[str] = []
    try:
        report = bulk_load(
            bulk_server,
            WORKERS,
            SEED,
            tmp_path,
            replace=True,
            heap="384m",
            pagecache="200m",
            say=said.append,
        )
        # The importer runs with the memory asked for, not the server's 1 GiB heap and
        # 512 MiB page cache (which it took whatever it was told before).
        memory = [line for line in said if "emory" in line]
        assert any("Max heap memory : 384.0MiB" in line for line in said), memory
        assert _peak_mib(said) < 300, memory
        creds = bulk_server.credentials()
        driver = create_driver(creds.uri, creds.user, creds.password)
        try:
            assert (report.nodes, report.relationships) == expected() == stored(driver)
            assert check_integrity(driver).ok
            indexes = database.read(driver, "show_indexes")
            assert indexes and all(r["state"] == "ONLINE" for r in indexes)
            assert stars(driver) and queries.patronage_chain(driver, worker_id=stars(driver)[0])
            # A second bulk load without replace=True refuses to overwrite the data.
            with pytest.raises(PatronageGraphError, match="replace"):
                bulk_load(bulk_server, WORKERS, SEED, tmp_path / "again")
        finally:
            driver.close()
    finally:
        bulk_server.stop()
