"""Rows read by the repository are what ``Record.data()`` would give, plain rows or not."""

from __future__ import annotations

from neo4j import Record
from neo4j.graph import Graph, Node
from neo4j.time import Date

from patronage_graph.queries._common import _as_dict

KEYS = ["step", "from_id", "tie", "quote", "sources"]


def test_a_plain_row_reads_as_record_data_does() -> None:
    values = [1, "w1", None, "said so", [{"id": "s1", "footnote": 3, "page": 2.5, "ok": True}]]
    record = Record(zip(KEYS, values, strict=True))
    assert _as_dict(record) == record.data()
    assert list(_as_dict(record)) == KEYS  # the columns keep their order


def test_a_row_with_other_values_goes_through_record_data() -> None:
    record = Record(zip(["id", "dates"], ["s1", [{"on": Date(1998, 5, 1)}]], strict=True))
    row = _as_dict(record)
    assert row == record.data()
    assert row["dates"][0]["on"] == Date(1998, 5, 1)


def test_a_node_in_a_row_becomes_its_properties() -> None:
    node = Node(Graph(), "4:x:1", 1, ["Worker"], {"id": "w1", "name": "Li"})
    record = Record(zip(["members"], [[{"node": node}]], strict=True))
    assert _as_dict(record) == {"members": [{"node": {"id": "w1", "name": "Li"}}]}
