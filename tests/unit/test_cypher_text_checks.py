"""What is refused before a researcher's Cypher is sent, and how values come back.

Issue 14: deeply nested text overflowed Neo4j's parser (no answer for 4 minutes),
integers past 64 bits and lone surrogates gave 500s, durations came back as
``[14, 0, 0, 0]``. No server is needed here; the API tests send the same requests.
"""

from __future__ import annotations

import time

import pytest
from neo4j.spatial import CartesianPoint, WGS84Point
from neo4j.time import Date, DateTime, Duration, Time

from patronage_graph.cypher_guard import (
    MAX_NESTING,
    nesting_depth,
    parameter_problem,
    query_problem,
    to_json,
)
from patronage_graph.settings import Settings
from patronage_graph_api.security import host_name

#: The shapes that overflowed Neo4j 5.26's parser, at the sizes that did (1-18 KB).
DEEP = {
    "700 parentheses": "RETURN " + "(" * 700 + "1" + ")" * 700,
    "4,500 NOTs": "RETURN " + "NOT " * 4500 + "true",
    "300 nested CASEs": "RETURN " + "CASE WHEN true THEN " * 300 + "1" + " END" * 300,
    "700 nested lists": "RETURN " + "[" * 700 + "1" + "]" * 700,
    "300 nested maps": "RETURN " + "{a: " * 300 + "1" + "}" * 300,
    "200 nested calls": "RETURN " + "abs(" * 200 + "1" + ")" * 200,
    "500 property lookups": "WITH {} AS m RETURN m" + ".a" * 500,
    "300 index lookups": "WITH [] AS l RETURN l" + "[0]" * 300,
    "300 list comprehensions": "RETURN " + "[x IN " * 300 + "[1]" + " | x]" * 300,
}

ORDINARY = [
    "MATCH (w:Worker {id: $id})<-[r {tie: 'patronage'}]-(p) RETURN p.name AS patron",
    "MATCH (a)-[:SUPPORTED*1..8]->(b) WHERE a.id IN ['x', 'y'] AND NOT b:Worker RETURN b",
    "RETURN CASE WHEN 1 < 2 THEN 'a' ELSE 'b' END AS c, [x IN range(1, 3) | x * 2] AS l",
    "MATCH (n) WHERE n.end > 1 AND n.case = 2 RETURN n { .name, .id } AS m, -1 AS minus",
    "RETURN 'unbalanced ((( [[[ in a string' AS s // and (((( in a comment",
    "RETURN 1" + " + 1" * 2000,  # long, but flat: bounded by the time limit, not refused
    "MATCH (a)" + "-->()" * 60 + " RETURN a",
]


@pytest.mark.parametrize("name", list(DEEP))
def test_deep_nesting_is_refused_at_once_naming_the_limit(name: str) -> None:
    began = time.monotonic()
    problem = query_problem(DEEP[name])
    assert time.monotonic() - began < 1.0
    assert problem is not None and f"at most {MAX_NESTING}" in problem


@pytest.mark.parametrize("query", ORDINARY)
def test_ordinary_queries_pass(query: str) -> None:
    assert query_problem(query) is None, nesting_depth(query)


def test_nesting_counts_levels_and_chains() -> None:
    assert nesting_depth("RETURN " + "(" * 64 + "1" + ")" * 64) == 64
    assert query_problem("RETURN " + "(" * 64 + "1" + ")" * 64) is None
    assert query_problem("RETURN " + "(" * 65 + "1" + ")" * 65) is not None
    assert nesting_depth("RETURN NOT NOT NOT true") == 3
    assert nesting_depth("RETURN n.a.b.c") == 3
    assert nesting_depth("RETURN 1.5e-3 - 2.0") == 0  # numbers are no lookups


def test_parameters_neo4j_cannot_store_are_named() -> None:
    assert "$p" in (parameter_problem({"p": 10**30}) or "")
    assert "$p" in (parameter_problem({"p": -(2**63) - 1}) or "")
    assert parameter_problem({"p": 2**63 - 1, "q": -(2**63)}) is None
    assert "$p" in (parameter_problem({"p": "\ud800"}) or "")
    assert "$m.k[1]" in (parameter_problem({"m": {"k": ["ok", "\udfff"]}}) or "")
    assert parameter_problem({"p": "😀 ok", "q": [1.5, None, True, {"a": "b"}]}) is None
    assert "surrogate" in (query_problem("RETURN '\ud800'") or "")


def test_temporal_and_spatial_values_are_iso_strings_and_points() -> None:
    values = [
        Duration(months=14),
        Duration(days=3, seconds=3723),
        Date(2001, 10, 1),
        Time(12, 30, 0),
        DateTime(2001, 10, 1, 8, 0, 0),
        CartesianPoint((1.0, 2.0)),
        WGS84Point((2.0, 1.0, 3.0)),
    ]
    assert to_json(values) == [
        "P1Y2M",
        "P3DT1H2M3S",
        "2001-10-01",
        "12:30:00.000000000",
        "2001-10-01T08:00:00.000000000",
        {"srid": 7203, "coordinates": [1.0, 2.0]},
        {"srid": 4979, "coordinates": [2.0, 1.0, 3.0]},
    ]


def test_host_header_names_are_compared_without_port() -> None:
    assert host_name("[::1]:8000") == "[::1]"
    assert host_name("LOCALHOST:8000") == "localhost"
    assert host_name("evil.example:8000") == "evil.example"


def test_allowed_hosts_default_to_loopback_and_the_bind_host(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PATRONAGE_API_ALLOWED_HOSTS", raising=False)
    assert Settings().trusted_hosts == ["127.0.0.1", "localhost", "[::1]"]
    settings = Settings(PATRONAGE_API_HOST="10.1.2.3")
    assert settings.trusted_hosts == ["127.0.0.1", "localhost", "[::1]", "10.1.2.3"]
    monkeypatch.setenv("PATRONAGE_API_ALLOWED_HOSTS", "graph.lab.example,[::1]")
    assert Settings().trusted_hosts == ["graph.lab.example", "[::1]", "127.0.0.1"]
