"""Faults during a load: ``kill -9`` mid-write, and hostile input against the real database.

A load is one transaction, so whatever happens the database holds either what
it held before or everything the input adds — never a part of it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from patronage_graph import Settings, database
from patronage_graph.errors import ValidationError
from patronage_graph.loader import load_paths

pytestmark = pytest.mark.integration
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
CLI = [str(Path(sys.executable).with_name("patronage-graph"))]
WORKERS = 8_000
KILLS = 4


def counts(driver: Driver) -> tuple[int, int]:
    row = database.read(driver, "db_counts")[0]
    return row["nodes"], row["relationships"]


def big_file(folder: Path, n: int) -> Path:
    """A synthetic city: one firm, ``n`` workers employed by it, one source."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        "sources:",
        "  - {id: big-src, name: Generated, kind: synthetic, citation: kill test}",
        "nodes:",
        "  - {id: big-firm, label: Enterprise, name: Firm, level: city, system: industry,"
        " ownership: state, evidence: stated}",
        *(
            f"  - {{id: big-w{i}, label: Worker, name: W{i}, status: xiagang, evidence: stated}}"
            for i in range(n)
        ),
        "relationships:",
        *(
            f"  - {{type: EMPLOYED_BY, from: big-w{i}, to: big-firm, sources: [big-src],"
            " evidence: stated, quote: generated}"
            for i in range(n)
        ),
    ]
    path = folder / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cli_env(neo4j_settings: Settings) -> dict[str, str]:
    assert neo4j_settings.neo4j_uri and neo4j_settings.neo4j_password
    return {
        **os.environ,
        "NEO4J_URI": neo4j_settings.neo4j_uri,
        "NEO4J_USER": neo4j_settings.neo4j_user,
        "NEO4J_PASSWORD": neo4j_settings.neo4j_password.get_secret_value(),
    }


def start_load(path: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*CLI, "load", str(path)],
        env=env,
        text=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_for_writing(proc: subprocess.Popen[str], timeout: float = 180) -> None:
    """Block until the CLI says it writes nodes (the transaction is open)."""
    assert proc.stderr is not None
    deadline = time.monotonic() + timeout
    for line in proc.stderr:
        if "writing nodes" in line:
            return
        assert time.monotonic() < deadline, "the load never started writing"
    pytest.fail(f"the load ended before writing (exit {proc.wait()})")


@pytest.mark.slow
def test_kill_9_mid_load_leaves_before_or_after(
    empty_db: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    load_paths(empty_db, [FIXTURES])
    before = counts(empty_db)
    after = (before[0] + WORKERS + 2, before[1] + WORKERS)
    path = big_file(tmp_path / "big", WORKERS)
    env = cli_env(neo4j_settings)
    rng = random.Random(int(os.environ.get("PATRONAGE_TEST_SEED", "1998")))
    seen = []
    for _ in range(KILLS):
        proc = start_load(path, env)
        wait_for_writing(proc)
        time.sleep(rng.uniform(0.0, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        now = counts(empty_db)
        assert now in (before, after), f"half-written: {now}, expected {before} or {after}"
        seen.append("before" if now == before else "after")
        if now == after:  # the kill came after the commit: start the next try from before
            load_paths(empty_db, [FIXTURES], replace=True)
    finish = subprocess.run(
        [*CLI, "load", str(path)], env=env, capture_output=True, text=True, timeout=600
    )
    assert finish.returncode == 0, finish.stderr[-2000:]
    assert counts(empty_db) == after
    print(f"after {KILLS} kills the database held: {seen}; the final run completed it")


@given(data=st.data())
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_hostile_input_is_refused_whole_or_loaded_whole(
    reseed: Driver, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("hostile")
    for source in FIXTURES.glob("*.yaml"):
        raw = bytearray(source.read_bytes())
        for _ in range(data.draw(st.integers(0, 3))):
            at = data.draw(st.integers(0, len(raw) - 1))
            raw[at : at + 1] = data.draw(
                st.sampled_from(
                    [b"", b"\x00", b"\xff", b"[", b": ", b"\n  - ", b"99999999999999999999", b"x"]
                )
            )
        (folder / source.name).write_bytes(bytes(raw))
    before = counts(reseed)
    try:
        report = load_paths(reseed, [folder])
    except ValidationError as e:
        assert all(p.file for p in e.problems)
        assert counts(reseed) == before, "a refused load changed the database"
    else:
        created = (report.created.nodes, report.created.relationships)
        assert counts(reseed) == (before[0] + created[0], before[1] + created[1])
