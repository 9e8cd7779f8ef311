"""Answers that keep their evidence: tidy DataFrames, chains in the chapter's direction,
empty answers that say why, tables readable at 80 columns (issue 12, §3)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from rich.console import Console
from typer.testing import CliRunner

from patronage_graph import queries
from patronage_graph.cli import app
from patronage_graph.cli.tables import answer_table
from patronage_graph.errors import PatronageGraphError
from patronage_graph.results import to_dataframe
from patronage_graph.settings import Settings

pytestmark = pytest.mark.integration

#: One tie as the chapter reads it: patron -TYPE (title or kind) [grade]-> receiver.
ARROW = re.compile(r"^(\S+) -([A-Z_]+)(?: \((.+)\))? \[(stated|general|inferred)\]-> (\S+)$")
STAR = "star-firegate-manager"

Run = Callable[..., str]


@pytest.fixture
def run(seeded: Driver, cli_env: Settings) -> Run:
    def invoke(*args: str) -> str:
        result = CliRunner().invoke(app, ["query", *args])
        assert result.exit_code == 0, result.output
        return result.output

    return invoke


# -- tidy DataFrames ----------------------------------------------------------------------


def test_the_workers_frame_has_one_row_per_worker_with_name_and_sources(seeded: Driver) -> None:
    found = queries.node_workers(seeded, city="wuhan")
    df = to_dataframe(found)
    assert list(df["worker_id"]) == [w.id for w in found]
    star = df.set_index("worker_id").loc[STAR]
    assert star["name"] and star["evidence_needed"] in {"stated", "general", "inferred"}
    assert set(star["sources"]) == set(next(w for w in found if w.id == STAR).sources)


def test_the_ties_frame_keeps_grade_quote_and_sources_of_every_tie(seeded: Driver) -> None:
    found = queries.node_workers(seeded, city="wuhan")
    ties = to_dataframe(found, table="ties")
    ties = ties.astype(object).where(ties.notna(), None)  # pandas reads a missing quote as NaN
    expected = [
        (w.id, role, t.start, t.end, t.type, t.evidence, t.quote, t.sources)
        for w in found
        for role, group in (
            ("patronage", w.patronage_ties),
            ("line", w.line_ties),
            ("horizontal", w.horizontal_ties),
        )
        for t in group
    ]
    columns = ["worker_id", "role", "start", "end", "type", "evidence", "quote", "sources"]
    got = [tuple(r) for r in ties[columns].itertuples(index=False)]
    assert got == expected
    assert set(ties["evidence"]) <= {"stated", "general", "inferred"}
    assert ties["sources"].map(len).gt(0).all()
    # one row per source, for a reader who counts citations
    assert len(ties.explode("sources")) == sum(len(e[-1]) for e in expected)


def test_the_hops_and_supporters_frames_of_node_workers(seeded: Driver) -> None:
    found = queries.node_workers(seeded, city="wuhan")
    hops = to_dataframe(found, table="hops")
    star = hops[hops["worker_id"] == STAR]
    assert list(star["step"]) == list(range(1, len(star) + 1))
    assert all(ARROW.match(t) for t in star["text"])
    supporters = to_dataframe(found, table="supporters")
    mine = supporters[supporters["worker_id"] == STAR]
    assert mine["system"].nunique() >= 2 and mine["gave"].map(len).gt(0).all()


def test_the_chain_frame_gives_each_hop_its_real_ends_grade_and_source_ids(
    seeded: Driver,
) -> None:
    hops = queries.patronage_chain(seeded, worker_id=STAR)
    df = to_dataframe(hops)
    assert list(df["step"]) == [h.step for h in hops]
    assert [list(s) for s in df["sources"]] == [[s.id for s in h.sources] for h in hops]
    assert list(df["evidence"]) == [h.evidence for h in hops]
    with pytest.raises(PatronageGraphError, match=r"no table 'ties'.*hops"):
        to_dataframe(hops, table="ties")


# -- chains in the chapter's direction ------------------------------------------------


def test_a_title_reads_from_the_patron_to_the_worker_with_the_title(seeded: Driver) -> None:
    hops = queries.patronage_chain(seeded, worker_id="star-jiang-visited")
    titles = [h for h in hops if h.type == "AWARDED_TITLE"]
    assert titles, [h.text() for h in hops]
    for h in titles:
        assert not h.forward and h.kind, h
        assert h.start_id == h.to_id and h.end_id == h.from_id
        assert h.text().startswith(f"{h.to_id} -AWARDED_TITLE ({h.kind}) [")
    supervises = [h for h in hops if h.type == "SUPERVISES"]
    assert all(h.start_id == h.to_id for h in supervises)  # the office above supervises


def _hop_cells(table: str) -> list[str]:
    """The hop column of a printed chain table, each hop's folded lines joined."""
    hops: list[str] = []
    for line in table.splitlines():
        cells = line.split("│")
        if len(cells) < 2:
            continue
        if cells[0].strip().isdigit():
            hops.append("")
        if hops:
            hops[-1] = f"{hops[-1]} {cells[1].strip()}".strip()
    return hops


def test_the_cli_prints_the_chain_patron_first_with_titles(run: Run) -> None:
    out = run("patronage_chain", "-p", "worker_id=star-jiang-visited")
    hops = _hop_cells(out)
    assert hops and all(ARROW.match(h) for h in hops), hops
    assert "src-fn61-hung-chiu-informant" in out  # the longest source id, whole
    titles = [ARROW.match(h) for h in hops if "-AWARDED_TITLE" in h]
    assert titles and all(m and m.group(3) and m.group(5) == "star-jiang-visited" for m in titles)


def test_every_node_worker_chain_entry_names_both_ends(seeded: Driver, run: Run) -> None:
    found = queries.node_workers(seeded)
    entries = [e for w in found for e in w.chain]
    assert entries
    bad = [e for e in entries if not ARROW.match(e)]
    assert not bad, bad
    for w in found:
        for t, entry in zip(w.patronage_ties, w.chain, strict=False):
            assert ARROW.match(entry).group(1, 2, 5) == (t.start, t.type, t.end)  # type: ignore[union-attr]
    out = run("node_workers", "-p", "city=wuhan")
    assert f"{STAR} (score" in out and "-SPONSORS" in out


# -- empty answers say why --------------------------------------------------------------


def test_a_city_without_coded_workers_says_so(run: Run, api_client: TestClient) -> None:
    out = run("node_workers", "-p", "city=shenyang")
    assert "0 row(s)" in out and "no worker is coded in shenyang" in out
    body = api_client.get("/node-workers", params={"city": "shenyang"}).json()
    assert body["workers"] == [] and "no worker is coded in shenyang" in body["empty_reason"]


def test_an_unknown_city_is_an_error_naming_it(seeded: Driver, cli_env: Settings) -> None:
    result = CliRunner().invoke(app, ["query", "node_workers", "-p", "city=atlantis"])
    assert result.exit_code != 0 and "atlantis" in str(result.exception)


def test_a_filter_that_leaves_everyone_out_is_named(run: Run, api_client: TestClient) -> None:
    out = run("node_workers", "-p", "city=wuhan", "-p", "min_systems=30")
    assert "0 row(s)" in out and "min_systems=30" in out and "min_systems=1" in out
    body = api_client.get("/node-workers", params={"city": "wuhan", "min_systems": 30}).json()
    assert body["workers"] == [] and "min_systems=30" in body["empty_reason"]
    past = api_client.get("/node-workers", params={"city": "wuhan", "offset": 150}).json()
    assert "offset 150 is past the last" in past["empty_reason"]
    full = api_client.get("/node-workers", params={"city": "wuhan"}).json()
    assert full["workers"] and full["empty_reason"] is None


def test_the_evidence_filter_is_named_when_it_empties_the_answer(
    run: Run, api_client: TestClient
) -> None:
    out = run("node_workers", "-p", "as_of=1990", "--evidence", "stated")
    assert "0 row(s)" in out and "evidence=stated" in out and "as_of=1990" in out


def test_an_empty_chain_says_why(run: Run, api_client: TestClient) -> None:
    # the fired worker's ties are coded as general practice, none stated
    out = run("patronage_chain", "-p", "worker_id=worker-fired", "--evidence", "stated")
    assert "0 row(s)" in out and "worker-fired has no tie graded stated or stronger" in out
    path = "/workers/worker-fired/chain"
    body = api_client.get(path, params={"evidence": "stated"}).json()
    assert body["hops"] == [] and "worker-fired has no tie" in body["empty_reason"]
    assert api_client.get(path).json()["empty_reason"] is None


def test_json_output_stays_parseable_when_empty(seeded: Driver, run: Run) -> None:
    result = CliRunner().invoke(app, ["query", "node_workers", "-p", "city=shenyang", "-f", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert "no worker is coded in shenyang" in result.stderr


# -- tables at 80 columns ---------------------------------------------------------------


def test_node_workers_table_at_80_columns_shows_ids_and_scores_whole(seeded: Driver) -> None:
    found = queries.node_workers(seeded)
    console = Console(width=80, record=True)
    console.print(answer_table(found, [r for w in found for r in w.rows()]))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text
    for w in found:
        assert re.search(rf"^ ?{re.escape(w.id)}\s+│.*│ {w.score}\s", text, re.M), w.id


def test_the_cli_table_is_readable_at_80_columns(run: Run) -> None:
    out = run("node_workers")
    assert "…" not in out and max(len(line) for line in out.splitlines()) <= 80
    assert STAR in out
