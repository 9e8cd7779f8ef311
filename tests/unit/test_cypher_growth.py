"""Refusing reduce forms that double a value each step (they exhaust Neo4j's heap)."""

from __future__ import annotations

import pytest

from patronage_graph.cypher_growth import check_plan_growth, exponential_reduce
from patronage_graph.errors import UnsafeQueryError
from patronage_graph.supervisor import backoff_delay


@pytest.mark.parametrize(
    "details",
    [
        "size(reduce(s = $autostring_0, i IN range($autoint_1, $autoint_2) | s + s)) AS n",
        "reduce(l = $autolist_0, i IN range(1, 40) | l + l) AS n",
        "reduce(`acc` = 'x', i IN range(1, 40) | `acc` + toString(acc)) AS n",
        "reduce(s = 'x', i IN range(1, 40) | s + substring(s, 0)) AS n",
        "reduce(t = 0, j IN [1] | reduce(s = 'x', i IN range(1, 40) | s + s)) AS n",
    ],
)
def test_an_accumulator_used_twice_per_step_is_refused(details: str) -> None:
    assert exponential_reduce(details)
    with pytest.raises(UnsafeQueryError, match=r"accumulator.*db\.memory\.transaction\.max"):
        check_plan_growth([details])


@pytest.mark.parametrize(
    "details",
    [
        "reduce(s = $autoint_0, i IN range($autoint_1, $autoint_2) | s + i) AS s",
        "reduce(acc = [], x IN xs | acc + [x]) AS l",
        "reduce(s = '', w IN words | s + w + ' s') AS text",  # 's' inside a string
        "reduce(total = 0, r IN rels | total + r.s + r.total) AS n",  # properties, not the acc
        "n.reduce AS x",
    ],
)
def test_linear_reduce_and_lookalikes_pass(details: str) -> None:
    assert exponential_reduce(details) is None
    check_plan_growth([details])


def test_the_supervisor_backs_off_up_to_30_seconds() -> None:
    assert [backoff_delay(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]
