"""Broken copies of the seed are refused, every error named, and nothing changes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from neo4j import Driver

from patronage_graph import database
from patronage_graph.errors import ValidationError
from patronage_graph.loader import load_paths, node_record, rel_record, write_records
from patronage_graph.model import EVIDENCE_GRADES

pytestmark = pytest.mark.integration
SEED = Path(__file__).resolve().parents[2] / "seed"


def counts(driver: Driver) -> tuple[int, int]:
    row = database.read(driver, "db_counts")[0]
    return row["nodes"], row["relationships"]


def break_at(path: Path, pattern: str, replacement: str, after: str = "") -> int:
    """Replace the first match of ``pattern`` (after the text ``after``); return its line."""
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    match = re.compile(pattern, re.M).search(text, start)
    assert match, f"{pattern!r} not found in {path}"
    path.write_text(text[: match.start()] + replacement + text[match.end() :], encoding="utf-8")
    return text.count("\n", 0, match.start()) + 1


def seed_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "seed"
    shutil.copytree(SEED, copy)
    return copy


def refused(driver: Driver, folder: Path) -> set[tuple[str, int | None, str | None]]:
    before = counts(driver)
    with pytest.raises(ValidationError) as caught:
        load_paths(driver, [folder])
    assert counts(driver) == before, "a refused load must not change the database"
    return {(Path(p.file).name, p.line, p.field) for p in caught.value.problems}


def test_each_kind_of_break_is_named_by_file_and_line(seeded: Driver, tmp_path: Path) -> None:
    copy = seed_copy(tmp_path)
    stars, teams, hierarchy = (
        copy / f for f in ("40_wuhan_stars.yaml", "30_wuhan_teams.yaml", "20_wuhan_hierarchy.yaml")
    )
    dangling = break_at(stars, r"\bto: [\w.-]+", "to: no-such-node", after="relationships:")
    bad_value = break_at(teams, r"\blevel: city\b", "level: galaxy")
    no_source = break_at(
        hierarchy,
        r"\bsources: \[[^\]]*\]",
        "sources: [src-not-in-the-seed]",
        after="relationships:",
    )
    first_id = re.search(r"\bid: ([\w.-]+)", teams.read_text().split("nodes:", 1)[1])
    assert first_id
    (copy / "99_dup.yaml").write_text(
        f"nodes:\n  - id: {first_id.group(1)}\n    label: Policy\n    name: Same id\n"
        "    kind: document\n",
        encoding="utf-8",
    )
    found = refused(seeded, copy)
    assert ("40_wuhan_stars.yaml", dangling, "to") in found
    assert ("30_wuhan_teams.yaml", bad_value, "level") in found
    assert ("20_wuhan_hierarchy.yaml", no_source, "sources") in found
    assert ("99_dup.yaml", 2, "id") in found


def test_an_id_that_means_something_else_in_the_database_is_a_collision(
    seeded: Driver, tmp_path: Path
) -> None:
    stored = database.read(seeded, "export_nodes")
    taken = next(r for r in stored if "Policy" in r["labels"])
    (tmp_path / "mine.yaml").write_text(
        f"nodes:\n  - id: {taken['id']}\n    label: Policy\n    name: My own reading\n"
        f"    kind: {taken['props']['kind']}\n    evidence: stated\n",
        encoding="utf-8",
    )
    found = refused(seeded, tmp_path)
    assert found == {("mine.yaml", 2, "id")}


def test_a_relationship_restated_with_other_properties_is_a_collision(
    seeded: Driver, tmp_path: Path
) -> None:
    stored = database.read(seeded, "export_relationships", {"grades": list(EVIDENCE_GRADES)})
    located = next(r for r in stored if r["type"] == "LOCATED_IN")
    sources = ", ".join(located["props"]["sources"])
    (tmp_path / "mine.yaml").write_text(
        f"relationships:\n  - type: LOCATED_IN\n    from: {located['start']}\n"
        f"    to: {located['end']}\n    note: my own reading\n    sources: [{sources}]\n"
        "    evidence: inferred\n",
        encoding="utf-8",
    )
    found = refused(seeded, tmp_path)
    assert found == {("mine.yaml", 2, "id")}


def test_researchers_material_may_cite_seed_sources_and_nodes(
    reseed: Driver, tmp_path: Path
) -> None:
    stored = database.read(reseed, "export_nodes")
    source = next(r["id"] for r in stored if "Source" in r["labels"])
    org = next(r["id"] for r in stored if "Organization" in r["labels"])
    (tmp_path / "mine.yaml").write_text(
        f"nodes:\n  - id: my-interviewee\n    label: Worker\n    name: Interviewee 7\n"
        f"    status: xiagang\n    evidence: stated\nrelationships:\n  - type: EMPLOYED_BY\n"
        f"    from: my-interviewee\n    to: {org}\n    sources: [{source}]\n"
        "    evidence: stated\n    quote: I worked there for twenty years\n",
        encoding="utf-8",
    )
    before = counts(reseed)
    report = load_paths(reseed, [tmp_path])
    assert counts(reseed) == (before[0] + 1, before[1] + 1)
    assert report.created.labels["Worker"] == 1 and report.created.ties == {"employment": 1}


def test_a_write_that_fails_midway_leaves_the_database_as_it_was(reseed: Driver) -> None:
    before = counts(reseed)
    nodes = [node_record("Person", {"id": f"zz-{i}", "name": f"P{i}"}) for i in range(12_000)]
    rels = [
        rel_record("VISITED", "zz-1", "zz-2", {"sources": ["x"]}),
        rel_record("VISITED", "zz-1", "not-there", {"sources": ["x"]}),
    ]
    with pytest.raises(ValidationError, match="not in the database"):
        write_records(reseed, nodes, rels, batch_size=5_000)
    assert counts(reseed) == before
