"""The loader's validation: every kind of mistake named with file, line and field.

No database is needed: references are checked among the files themselves.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from patronage_graph.errors import Problem, ValidationError
from patronage_graph.loader import validate_paths

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "mini"

SOURCES = """\
sources:
  - id: s1
    name: An interview
    kind: interview
    citation: Interview with union officials
    date: 2000-09-13
"""
UNION = """\
nodes:
  - id: union
    label: MassOrganization
    name: City trade union
    level: city
    system: trade_union
    evidence: stated
  - id: star
    label: Worker
    name: A model worker
    status: self_employed
    evidence: stated
"""


def problems_of(tmp_path: Path, **files: str) -> list[Problem]:
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        validate_paths([tmp_path])
    return caught.value.problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_fixture_is_valid_and_counted() -> None:
    checked = validate_paths([FIXTURES])
    counts = checked.counts
    assert counts.nodes == 8 and counts.relationships == 8
    assert counts.labels["Entity"] == 8 and counts.labels["Organization"] == 3
    assert counts.ties == {
        "vertical": 3,
        "horizontal": 1,
        "patronage": 2,
        "employment": 1,
        "measurement": 1,
    }


def test_dates_stay_text_and_relationships_get_tie_and_stable_id() -> None:
    checked = validate_paths([FIXTURES])
    source = next(n for n in checked.nodes if n.id == "t-src-union-interview")
    assert source.props["date"] == "2000-09-13"
    loan = next(r for r in checked.rels if r.props.get("kind") == "no_interest_loan")
    assert loan.props["tie"] == "patronage"
    assert loan.id == "t-union-SUPPORTED->t-gate-manager#kind=no_interest_loan"
    venture = next(n for n in checked.nodes if n.id == "t-gate-venture")
    assert set(venture.labels) == {"Entity", "Organization", "Venture", "ReemploymentBase"}


def test_unknown_label(tmp_path: Path) -> None:
    p = only(problems_of(tmp_path, a="nodes:\n  - id: x\n    label: Factory\n    name: X\n"))
    assert (p.file.endswith("a.yaml"), p.line, p.field) == (True, 3, "label")
    assert "Factory" in p.message and "Enterprise" in p.message


def test_unknown_property_and_type(tmp_path: Path) -> None:
    rel = "relationships:\n  - type: HELPED\n    from: union\n    to: star\n    sources: [s1]\n"
    found = problems_of(tmp_path, s=SOURCES, u=UNION + "    colour: red\n", r=rel)
    by_field = {p.field: p for p in found}
    assert by_field["colour"].line == 13 and by_field["colour"].file.endswith("u.yaml")
    assert by_field["type"].line == 2 and "HELPED" in by_field["type"].message


def test_wrong_value_type_and_value_outside_the_allowed_set(tmp_path: Path) -> None:
    text = UNION.replace("level: city", "level: galaxy") + "    startedWork: nineteen-eighty\n"
    found = problems_of(tmp_path, u=text)
    by_field = {p.field: p for p in found}
    assert by_field["level"].line == 5 and "galaxy" in by_field["level"].message
    assert by_field["startedWork"].line == 13 and "integer" in by_field["startedWork"].message


def test_relationship_between_labels_the_model_does_not_allow(tmp_path: Path) -> None:
    # LOCATED_IN goes from an Organization to a Jurisdiction, not to a Worker.
    rel = (
        "relationships:\n  - type: LOCATED_IN\n    from: union\n    to: star\n    sources: [s1]\n"
        "    evidence: stated\n    quote: the union of the city\n"
    )
    p = only(problems_of(tmp_path, s=SOURCES, u=UNION, r=rel))
    assert (p.field, p.line) == ("to", 4) and "Worker" in p.message and "Jurisdiction" in p.message


def test_dangling_references_and_missing_or_wrong_sources(tmp_path: Path) -> None:
    rel = """\
relationships:
  - type: SUPPORTED
    from: union
    to: nobody
    kind: loan
    sources: [s1]
  - type: SUPPORTED
    from: union
    to: star
    kind: publicity
    sources: [s-missing]
  - type: SPONSORS
    from: union
    to: star
    sources: [union]
  - type: RECOMMENDED
    from: union
    to: star
"""
    found = problems_of(tmp_path, s=SOURCES, u=UNION, r=rel)
    where = {(p.field, p.line) for p in found}
    assert ("to", 4) in where  # dangling end
    assert ("sources", 11) in where  # unknown source
    assert ("sources", 15) in where  # a node that is not a Source
    assert ("sources", 16) in where  # no sources at all
    assert all(p.file.endswith("r.yaml") for p in found)


def test_duplicate_id_across_files_names_the_first_place(tmp_path: Path) -> None:
    again = (
        "nodes:\n  - id: union\n    label: StateOrgan\n    name: Dup\n    level: city\n"
        "    system: labor\n    evidence: stated\n"
    )
    p = only(problems_of(tmp_path, a=UNION, b=again))
    assert p.file.endswith("b.yaml") and p.line == 2 and p.field == "id"
    assert "a.yaml:2" in p.message


def test_key_given_twice_in_one_record(tmp_path: Path) -> None:
    p = only(problems_of(tmp_path, u=UNION + "    status: xiagang\n"))
    assert (p.field, p.line) == ("status", 13)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    broken = UNION.replace("level: city", "level: galaxy").replace("status: self_employed", "")
    rel = "relationships:\n  - type: FOUNDED\n    from: star\n    to: ghost\n    sources: [s9]\n"
    found = problems_of(tmp_path, s=SOURCES, u=broken, r=rel, x="nodes: {}\n")
    assert {p.field for p in found} >= {"level", "status", "to", "sources", "nodes"}
    assert all(p.line is not None for p in found)


def test_yaml_syntax_error_has_its_line(tmp_path: Path) -> None:
    p = only(problems_of(tmp_path, bad="nodes:\n  - id: x\n    name: [unclosed\n  - id: y\n"))
    assert p.file.endswith("bad.yaml") and p.line in (3, 4) and "YAML" in p.message


def test_bytes_that_are_not_utf8_name_the_line(tmp_path: Path) -> None:
    (tmp_path / "latin.yaml").write_bytes(b"nodes:\n  - id: x\n    name: caf\xe9\n")
    p = only(problems_of(tmp_path))
    assert p.line == 3 and "UTF-8" in p.message


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    (tmp_path / "u16.yaml").write_bytes(UNION.encode("utf-16"))
    assert {n.id for n in validate_paths([tmp_path]).nodes} == {"union", "star"}


def test_missing_path_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_paths([tmp_path / "nope.yaml"])
    assert "no such file" in str(caught.value)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("99999999999999999999999", "64 bits"),
        ("1.5", "expected an integer"),
        ("[[1, 2], [3]]", "expected an integer"),
        ("{a: 1}", "expected an integer"),
        ("true", "expected an integer"),
    ],
)
def test_values_neo4j_cannot_store_are_refused(tmp_path: Path, value: str, words: str) -> None:
    p = only(problems_of(tmp_path, u=UNION + f"    startedWork: {value}\n"))
    assert p.field == "startedWork" and words in p.message


def test_non_finite_numbers_are_refused(tmp_path: Path) -> None:
    stat = (
        "nodes:\n  - id: rate\n    label: Statistic\n    name: Rate\n    measure: m\n"
        "    unit: percent\n    period: '1999'\n    value: .inf\n    evidence: stated\n"
    )
    p = only(problems_of(tmp_path, u=stat))
    assert (p.field, p.line) == ("value", 8) and "not finite" in p.message


def test_a_record_with_one_problem_still_has_its_references_checked(tmp_path: Path) -> None:
    rel = (
        "relationships:\n  - {type: SUPPORTED, from: union, to: nobody, kind: loan, "
        "evidence: inferred, note: n}\n"
    )
    found = problems_of(tmp_path, s=SOURCES, u=UNION, r=rel)
    assert {(p.field, p.line) for p in found} == {("sources", 2), ("to", 2)}


def test_an_invalid_node_is_still_known_so_its_references_do_not_cascade(tmp_path: Path) -> None:
    rel = (
        "relationships:\n  - {type: FOUNDED, from: star, to: union, sources: [s1], "
        "evidence: inferred, note: n}\n"
    )
    p = only(problems_of(tmp_path, s=SOURCES, u=UNION.replace("self_employed", "retired"), r=rel))
    assert (p.field, p.line) == ("status", 11)
