"""Every field of ``Calibration`` shapes the generated country: change it, the country changes.

(The chapter's ratios under the defaults are checked in test_synthetic.py.)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import fields, replace
from functools import cache
from typing import Any

import pytest

from patronage_graph.synthetic import CALIBRATION, Calibration, Node, Record, Rel, generate

WORKERS = 20_000
_UNCOUNTED = {"fired", "long_holiday", "early_retired", "liangbuzhao", "tingxin_liuzhi"}


@cache
def _country(changes: tuple[tuple[str, Any], ...]) -> tuple[Record, ...]:
    return tuple(generate(WORKERS, seed=5, cal=replace(CALIBRATION, **dict(changes))))


def country(**changes: Any) -> tuple[Record, ...]:
    return _country(tuple(sorted(changes.items())))


def nodes(records: tuple[Record, ...], label: str) -> list[Node]:
    return [r for r in records if isinstance(r, Node) and r.label == label]


def rels(records: tuple[Record, ...], rel_type: str) -> list[Rel]:
    return [r for r in records if isinstance(r, Rel) and r.type == rel_type]


def places(records: tuple[Record, ...], level: str) -> int:
    return sum(1 for n in nodes(records, "Jurisdiction") if n.props["level"] == level)


def statuses(records: tuple[Record, ...]) -> Counter[str]:
    return Counter(n.props["status"] for n in nodes(records, "Worker"))


def closed_share(records: tuple[Record, ...], ownership: str) -> float:
    """Share of the workers of ``ownership`` firms whose firm collapsed or merged."""
    owned = {
        n.props["id"] for n in nodes(records, "Enterprise") if n.props["ownership"] == ownership
    }
    staff = {r.start for r in rels(records, "EMPLOYED_BY") if r.end in owned}
    workers = [n for n in nodes(records, "Worker") if n.props["id"] in staff]
    closed = [
        n for n in workers if n.props.get("separationReason") in ("firm_collapsed", "firm_merged")
    ]
    return len(closed) / len(workers)


def test_workers_per_city_sets_how_many_cities() -> None:
    assert places(country(), "city") == 1
    assert places(country(workers_per_city=5_000), "city") == 4


def test_cities_per_province_sets_how_many_provinces() -> None:
    assert places(country(workers_per_city=5_000), "province") == 1
    assert places(country(workers_per_city=5_000, cities_per_province=2), "province") == 2


@pytest.mark.parametrize("ownership", ["state", "collective"])
def test_closed_firm_shares_set_the_workforce_of_closed_firms(ownership: str) -> None:
    field = f"closed_firm_share_{ownership}"
    default = getattr(CALIBRATION, field)
    assert closed_share(country(), ownership) == pytest.approx(default, abs=0.02)
    assert closed_share(country(**{field: 0.0}), ownership) == 0
    assert closed_share(country(**{field: 0.3}), ownership) > default + 0.04


def test_model_share_sets_how_many_stars_and_ventures() -> None:
    assert len(nodes(country(), "Venture")) == round(WORKERS * CALIBRATION.model_share)
    assert len(nodes(country(model_share=0.002), "Venture")) == round(WORKERS * 0.002)


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_base_share_sets_how_many_ventures_become_bases(share: float) -> None:
    records = country(base_share=share)
    bases = [v for v in nodes(records, "Venture") if "ReemploymentBase" in v.extra]
    assert len(bases) == share * len(nodes(records, "Venture"))


def test_after_centre_sets_where_counted_leavers_went() -> None:
    assert statuses(country())["reemployed"] > 0
    everyone_self_employed = statuses(country(after_centre=(("self_employed", 1.0),)))
    assert everyone_self_employed["reemployed"] == 0
    assert everyone_self_employed["self_employed"] > statuses(country())["self_employed"]


def test_hired_by_base_share_sets_how_many_workers_ventures_hire() -> None:
    def hires(records: tuple[Record, ...]) -> int:
        return sum(1 for r in rels(records, "WORKS_AT") if r.props.get("role") == "employee")

    default = hires(country())
    assert default > 0
    assert hires(country(hired_by_base_share=0.0)) == 0
    assert hires(country(hired_by_base_share=0.5)) > 3 * default


def test_uncounted_statuses_are_the_labels_uncounted_leavers_get() -> None:
    assert set(statuses(country())) >= _UNCOUNTED
    only_fired = set(statuses(country(uncounted_statuses=("fired",))))
    assert only_fired & _UNCOUNTED == {"fired"}


def test_every_field_has_a_test_here() -> None:
    tested = {
        "workers_per_city",
        "cities_per_province",
        "closed_firm_share_state",
        "closed_firm_share_collective",
        "model_share",
        "base_share",
        "after_centre",
        "hired_by_base_share",
        "uncounted_statuses",
    }
    assert {f.name for f in fields(Calibration)} == tested
