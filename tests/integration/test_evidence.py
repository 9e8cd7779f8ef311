"""The evidence parameter on the answers: a town whose ties carry known grades.

tests/integration/data/queries_town.yaml grades the first star's award `inferred`,
the leader's visit and the bank's loan `general`; evidence_extra.yaml adds a star
whose ties are all `stated`. See the comments of both files for the worked answers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from patronage_graph import queries
from patronage_graph.cli import app
from patronage_graph.errors import PatronageGraphError
from patronage_graph.loader import load_paths
from patronage_graph.model import EVIDENCE_GRADES
from patronage_graph.queries import evidence as queries_evidence
from patronage_graph.settings import Settings

pytestmark = pytest.mark.integration
DATA = Path(__file__).parent / "data"


@pytest.fixture
def graded(empty_db: Driver) -> Driver:
    load_paths(empty_db, [DATA / "queries_town.yaml", DATA / "evidence_extra.yaml"])
    return empty_db


def test_stated_drops_the_star_that_needs_weaker_ties(graded: Driver) -> None:
    every = {w.id: w for w in queries.node_workers(graded, city="t-city")}
    assert set(every) == {"t-star", "t-star2"}
    assert every["t-star"].evidence_needed == "general"
    assert every["t-star2"].evidence_needed == "stated"
    stated = [w.id for w in queries.node_workers(graded, city="t-city", evidence="stated")]
    assert stated == ["t-star2"]
    general = {w.id for w in queries.node_workers(graded, city="t-city", evidence="general")}
    assert general == {"t-star", "t-star2"}


def test_each_tie_of_a_node_worker_says_its_grade_and_quote(graded: Driver) -> None:
    [star] = [w for w in queries.node_workers(graded, city="t-city") if w.id == "t-star"]
    award = next(t for t in star.patronage_ties if t.type == "AWARDED_TITLE")
    assert award.evidence == "inferred" and award.quote is None
    assert award.note and award.note.startswith("Inferred")
    visit = next(t for t in star.patronage_ties if t.type == "VISITED")
    assert visit.evidence == "general" and visit.quote
    assert all(t.evidence for t in [*star.horizontal_ties, *star.line_ties])
    assert any("[inferred]" in hop for hop in star.chain)
    # at `general` the inferred award is gone from the answer, not merely flagged
    [at_general] = [
        w
        for w in queries.node_workers(graded, city="t-city", evidence="general")
        if w.id == "t-star"
    ]
    assert "AWARDED_TITLE" not in {t.type for t in at_general.patronage_ties}


def test_chain_and_supporters_follow_only_admitted_ties(graded: Driver) -> None:
    every = queries.patronage_chain(graded, worker_id="t-star")
    assert {h.evidence for h in every} >= {"stated", "general", "inferred"}
    assert all(h.quote for h in every if h.evidence in ("stated", "general"))
    stated = queries.patronage_chain(graded, worker_id="t-star", evidence="stated")
    assert stated and {h.evidence for h in stated} == {"stated"}
    assert "t-leader" not in {h.to_id for h in stated}  # the visit is only general
    helpers = {s.supporter_id: s for s in queries.supporters(graded, entity_id="t-star")}
    assert helpers["t-ind"].evidence == "inferred"
    strict = {
        s.supporter_id for s in queries.supporters(graded, entity_id="t-star", evidence="stated")
    }
    assert strict == {"t-firm", "t-union"}  # the bank (general), bureau (inferred) gone


def test_weaker_node_facts_are_unknown_in_eligibility(graded: Driver) -> None:
    # t-plain's contract is graded `general`: at `stated` the state job is unknown
    [plain] = queries.xiagang_eligibility(graded, worker_id="t-plain")
    assert plain.eligible and plain.evidence == "inferred"
    [strict] = queries.xiagang_eligibility(graded, worker_id="t-plain", evidence="stated")
    assert not strict.eligible and strict.reason == "unknown:state_job"
    assert strict.conditions["state_job"] is None


def test_the_may_1998_circular_protects_models_and_the_disabled(graded: Driver) -> None:
    [disabled] = queries.xiagang_eligibility(graded, worker_id="t-disabled")
    assert disabled.protected == ["disabled"]
    [model] = queries.xiagang_eligibility(graded, worker_id="t-prov-model")
    assert model.protected == ["provincial_labor_model"]
    # the title is inferred: a reader admitting only stated ties sees no protection
    [strict] = queries.xiagang_eligibility(graded, worker_id="t-prov-model", evidence="stated")
    assert strict.protected == []
    # a bureau-level model is not protected (the chapter: lesser models could be let go)
    [star] = queries.xiagang_eligibility(graded, worker_id="t-star")
    assert star.protected == []


def test_base_criteria_read_weaker_facts_as_unknown(graded: Driver) -> None:
    # the gate factory's marketable product is inferred
    assert queries.base_qualification(graded, venture_id="t-venture").qualifies is True
    strict = queries.base_qualification(graded, venture_id="t-venture", evidence="general")
    # one criterion unknown, none failed: the answer is unknown, not "does not qualify"
    assert strict.unknown == ["marketable_product"] and not strict.missing
    assert strict.qualifies is None


def test_a_bad_grade_is_refused_naming_the_choices(graded: Driver) -> None:
    with pytest.raises(PatronageGraphError, match="stated, general, inferred"):
        queries.node_workers(graded, evidence="likely")  # type: ignore[arg-type]


@pytest.fixture
def cli(graded: Driver, cli_env: Settings) -> Any:

    def invoke(*args: str, code: int = 0) -> str:
        result = CliRunner().invoke(app, list(args), terminal_width=200)
        assert result.exit_code == code, result.output
        return result.output

    return invoke


def test_audit_prints_a_reproducible_sample_with_grade_quote_and_footnote(cli: Any) -> None:
    first = cli("audit", "--sample", "5", "--seed", "7")
    assert first == cli("audit", "--sample", "5", "--seed", "7")  # same seed, same ties
    assert first != cli("audit", "--sample", "5", "--seed", "8")
    assert first.count("\n1. ") + first.startswith("1. ") == 1 and "5 tie(s), seed 7" in first
    assert re.search(r"\[(stated|general|inferred)\]", first)
    assert "from t-" in first and "to   t-" in first
    # t-src-a is footnote 1: the citation and its footnote are printed for a reader
    everything = cli("audit", "--sample", "200", "--seed", "1")
    assert "source t-src-a: fn 1: Test interview A" in everything
    assert 'quote: "leaders visited the models of the places they toured"' in everything
    assert "note:  Inferred: the bureau over the firm" in everything
    stated = cli("audit", "--sample", "200", "--evidence", "stated")
    assert "[inferred]" not in stated and "[general]" not in stated and "[stated]" in stated


def test_check_counts_ties_per_grade_and_kind(cli: Any, graded: Driver) -> None:
    out = cli("check")
    assert "ties by evidence grade" in out
    counts = {(c.tie, c.grade): c.count for c in queries_evidence.evidence_counts(graded)}
    patronage = next(line for line in out.splitlines() if line.strip("│ ").startswith("patronage"))
    cells = [c.strip() for c in patronage.strip("│ ").split("│")]
    # patronage | stated | general | inferred | total
    assert cells[1:4] == [str(counts.get(("patronage", g), 0)) for g in EVIDENCE_GRADES]
    assert counts[("patronage", "inferred")] == 2  # the first star's award, the provincial title
    assert counts[("patronage", "general")] == 2  # the visit and the bank's loan


def test_query_and_analyze_take_evidence_from_the_shell(cli: Any) -> None:
    stated = json.loads(
        cli("query", "node_workers", "-p", "city=t-city", "--evidence", "stated", "-f", "json")
    )
    assert [w["id"] for w in stated] == ["t-star2"]
    every = json.loads(cli("query", "node_workers", "-p", "city=t-city", "-f", "json"))
    assert {w["id"]: w["evidence_needed"] for w in every} == {
        "t-star": "general",
        "t-star2": "stated",
    }
    cli("query", "node_workers", "--evidence", "probably", code=1)  # refused before connecting
    # a registered (cookbook) query gets the admitted grades as $grades
    rows = json.loads(
        cli("query", "cookbook_graded_patronage", "--evidence", "general", "-f", "json")
    )
    assert rows and {r["evidence"] for r in rows} == {"stated", "general"}
    assert all(r["quote"] for r in rows)


def test_a_worker_who_is_also_a_cadre_has_one_label_everywhere(
    empty_db: Driver, tmp_path: Path
) -> None:
    """Export, pages and analytics read the same graph and name a node's label alike."""
    (tmp_path / "two.yaml").write_text(
        """
sources:
  - {id: s, name: S, kind: user, citation: A test source}
nodes:
  - {id: c, label: Jurisdiction, evidence: stated, name: Two-label city, level: city}
  - {id: u, label: MassOrganization, evidence: stated, name: Union, level: city,
     system: trade_union}
  - {id: wc, label: Worker, extra_labels: [Cadre], evidence: stated, name: Worker-cadre,
     status: xiagang, position: team leader}
relationships:
  - {type: LOCATED_IN, from: u, to: c, sources: [s], evidence: stated, quote: q}
  - {type: EMPLOYED_BY, from: wc, to: u, sources: [s], evidence: inferred, note: n}
""",
        encoding="utf-8",
    )
    load_paths(empty_db, [tmp_path / "two.yaml"])
    from patronage_graph.analysis import read_subgraph
    from patronage_graph.export import build_graph
    from patronage_graph.viz.views import city_graph
    from patronage_graph.viz.visdata import build

    exported = build_graph(empty_db, city="c")
    analysed = read_subgraph(empty_db, city="c")
    drawn = {n["id"]: n for n in build(city_graph(empty_db, city_id="c"), pyramid=True).nodes}
    assert set(exported.nodes["wc"]["labels"].split(";")) >= {"Worker", "Cadre"}
    assert exported.nodes["wc"]["nodeLabel"] == "Worker"
    assert analysed.nodes["wc"]["label"] == "Worker"
    assert drawn["wc"]["kind"] == "Worker"
    # the inferred job is kept by default and left out at `stated`, in export and analytics
    assert exported.has_edge("wc", "u")
    assert not build_graph(empty_db, city="c", evidence="stated").has_edge("wc", "u")
    assert not read_subgraph(empty_db, city="c", evidence="stated").has_edge("wc", "u")


def test_the_api_takes_evidence_and_refuses_a_bad_grade(graded: Driver, api_client: Any) -> None:
    ok = api_client.get("/node-workers", params={"city": "t-city", "evidence": "stated"})
    assert ok.status_code == 200, ok.text
    assert [w["id"] for w in ok.json()["workers"]] == ["t-star2"]
    assert ok.json()["workers"][0]["evidence_needed"] == "stated"
    hops = api_client.get("/workers/t-star/chain", params={"evidence": "general"}).json()["hops"]
    assert hops and {h["evidence"] for h in hops} <= {"stated", "general"}
    every = api_client.get("/viz/worker/t-star")
    strict = api_client.get("/viz/worker/t-star", params={"evidence": "stated"})
    assert every.status_code == strict.status_code == 200
    assert "AWARDED_TITLE" in every.text and "AWARDED_TITLE" not in strict.text
    for path in ("/node-workers", "/workers/t-star/chain", "/analytics/brokerage", "/export"):
        bad = api_client.get(path, params={"evidence": "likely"})
        assert bad.status_code == 422, (path, bad.text)
        assert "evidence" in bad.text


def test_export_and_analyze_take_evidence_from_the_shell(cli: Any, tmp_path: Path) -> None:
    cli("export", "-f", "json", "-o", str(tmp_path / "all.json"))
    cli("export", "-f", "json", "-o", str(tmp_path / "stated.json"), "--evidence", "stated")
    every = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    stated = json.loads((tmp_path / "stated.json").read_text(encoding="utf-8"))
    grades = {e["evidence"] for e in every["edges"]}
    assert grades == {"stated", "general", "inferred"}
    assert {e["evidence"] for e in stated["edges"]} == {"stated"}
    assert len(stated["edges"]) == sum(e["evidence"] == "stated" for e in every["edges"])
    assert all("quote" in e for e in stated["edges"])
    out = cli("analyze", "brokerage", "--city", "t-city", "-e", "stated", "-f", "json")
    assert "relationships graded stated or stronger" in out  # the summary line says so
    strict = {r["id"]: r["total"] for r in json.loads(out[out.index("[") :])}
    everything = cli("analyze", "brokerage", "--city", "t-city", "-f", "json")
    loose = {r["id"]: r["total"] for r in json.loads(everything[everything.index("[") :])}
    assert strict != loose  # the inferred command line and general ties change who brokers


def test_analyze_refuses_a_group_no_actor_has_and_an_unknown_tie_kind(cli: Any) -> None:
    refused = cli("analyze", "brokerage", "--group", "nosuchprop", code=2)
    assert "no actor has the property 'nosuchprop'" in refused and "system" in refused
    assert "is not a tie kind" in cli("analyze", "brokerage", "--tie", "sideways", code=2)
    by_level = cli("analyze", "brokerage", "--group", "level", "-f", "json")
    assert '"group": "city"' in by_level  # a property actors carry still groups them
