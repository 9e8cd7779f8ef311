"""The synthetic generator: deterministic, model-conformant, streaming, shaped like the chapter."""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter, defaultdict
from functools import cache

import pytest

from patronage_graph import model
from patronage_graph.synthetic import Node, Record, Rel, check_record, generate, shape
from patronage_graph.synthetic.records import rel_id


@cache
def country(workers: int = 5_000, seed: int = 11) -> tuple[Record, ...]:
    return tuple(generate(workers, seed))


def digest(records: tuple[Record, ...] | list[Record]) -> str:
    return hashlib.sha256(repr(records).encode()).hexdigest()


def nodes(records: tuple[Record, ...]) -> dict[str, Node]:
    return {r.props["id"]: r for r in records if isinstance(r, Node)}


def rels(records: tuple[Record, ...], rel_type: str | None = None) -> list[Rel]:
    return [r for r in records if isinstance(r, Rel) and rel_type in (None, r.type)]


def test_same_seed_same_country_other_seed_other_country() -> None:
    assert digest(list(generate(3_000, 5))) == digest(list(generate(3_000, 5)))
    assert digest(list(generate(3_000, 5))) != digest(list(generate(3_000, 6)))


def test_exactly_the_requested_workers() -> None:
    for workers in (1, 999, 5_000, 120_001):
        counted = sum(
            1 for r in generate(workers, 2) if isinstance(r, Node) and r.label == "Worker"
        )
        assert counted == workers


def test_streams_without_building_the_country_first() -> None:
    # A billion workers: the first records arrive at once, so nothing per worker is
    # built ahead; memory is that of one city (measured in bench/run_scale.py).
    first = list(itertools.islice(generate(10**9, 1), 50_000))
    assert len(first) == 50_000
    assert shape(10**9).cities == 20_000


def test_every_record_fits_the_model() -> None:
    problems = [(r, p) for r in country() for p in check_record(r)]
    assert problems == []


def test_ids_unique_and_every_end_exists() -> None:
    records = country()
    ids = Counter(r.props["id"] for r in records if isinstance(r, Node))
    assert [i for i, n in ids.items() if n > 1] == []
    rel_ids = Counter(rel_id(r.type, r.start, r.end, r.props) for r in rels(records))
    assert [i for i, n in rel_ids.items() if n > 1] == []
    dangling = [r for r in rels(records) if r.start not in ids or r.end not in ids]
    assert dangling == []


def test_relationship_ends_carry_the_labels_the_model_allows() -> None:
    records = country()
    by_id = nodes(records)
    wrong = [
        r
        for r in rels(records)
        if not model.is_a(by_id[r.start].labels, model.REL_TYPES[r.type].start)
        or not model.is_a(by_id[r.end].labels, model.REL_TYPES[r.type].end)
    ]
    assert wrong == []


def test_every_relationship_cites_the_synthetic_source() -> None:
    records = country()
    sources = [n for n in nodes(records).values() if n.label == "Source"]
    assert [s.props["kind"] for s in sources] == ["synthetic"]
    assert {tuple(r.props["sources"]) for r in rels(records)} == {(sources[0].props["id"],)}
    assert all(n.props["synthetic"] for n in nodes(records).values())


def test_the_pyramid_from_nation_to_residents_committees() -> None:
    records = country(120_000, 3)
    levels = Counter(n.props["level"] for n in nodes(records).values() if n.label == "Jurisdiction")
    assert levels["nation"] == 1 and levels["province"] == 1 and levels["city"] == 3
    assert levels["district"] >= 6 and levels["street"] > levels["district"]
    assert levels["community"] > levels["street"]
    by_id = nodes(records)
    part_of = {r.start: r.end for r in rels(records, "PART_OF")}
    rank = model.LEVEL_RANK
    assert all(
        rank[by_id[a].props["level"]] + 1 == rank[by_id[b].props["level"]]
        for a, b in part_of.items()
    )
    located = {r.start for r in rels(records, "LOCATED_IN")}
    orgs = [i for i, n in by_id.items() if model.is_a(n.labels, ("Organization",))]
    assert set(orgs) <= located


def test_each_city_has_a_leading_small_group_chaired_by_labor() -> None:
    records = country()
    group = next(n for n in nodes(records).values() if n.label == "LeadingSmallGroup")
    gid = group.props["id"]
    chairs = [r.start for r in rels(records, "CHAIRS") if r.end == gid]
    members = [r.start for r in rels(records, "MEMBER_OF") if r.end == gid]
    by_id = nodes(records)
    assert [by_id[c].props["system"] for c in chairs] == ["labor"]
    assert len(members) >= 10
    systems = {by_id[m].props["system"] for m in members}
    assert {"trade_union", "womens_federation", "industry_commerce_federation", "tax"} <= systems


def test_state_firms_sit_under_industrial_bureaus_with_a_centre() -> None:
    records = country()
    by_id = nodes(records)
    boss = {r.end: r.start for r in rels(records, "SUPERVISES")}
    for firm in (n for n in by_id.values() if n.label == "Enterprise"):
        superior = by_id[boss[firm.props["id"]]]
        if firm.props["ownership"] == "state":
            assert superior.props["system"] == "industry"
            if firm.props["status"] == "operating":
                assert f"{firm.props['id']}-centre" in by_id
        else:
            assert superior.props["system"] in ("government", "street")
            assert f"{firm.props['id']}-centre" not in by_id


def test_stars_have_the_chapters_patronage_shape() -> None:
    records = country(50_000, 4)
    by_id = nodes(records)
    incoming: dict[str, list[Rel]] = defaultdict(list)
    for r in rels(records):
        incoming[r.end].append(r)
    founders = {r.start: r.end for r in rels(records, "FOUNDED")}
    assert len(founders) == 25  # model_share 0.0005 of 50,000
    for star, venture in founders.items():
        titles = {r.props["level"] for r in incoming[star] if r.type == "AWARDED_TITLE"}
        assert "enterprise" in titles
        helpers = [
            r.start
            for r in incoming[star] + incoming[venture]
            if r.type in ("SUPPORTED", "SPONSORS")
        ]
        assert len({by_id[h].props["system"] for h in helpers}) >= 2
        base = by_id[venture]
        if "ReemploymentBase" in base.extra:
            assert base.props["laidOffEmployees"] >= 0.6 * base.props["employees"]
    bureau_titles = [r for r in rels(records, "AWARDED_TITLE") if r.props["level"] == "bureau"]
    assert len(bureau_titles) >= 10  # the three-way linkage is the common case
    hired = [r for r in rels(records, "WORKS_AT") if r.props.get("role") == "employee"]
    assert hired and all(by_id[r.start].props["status"] == "reemployed" for r in hired)


def test_quotas_are_passed_down_the_line() -> None:
    records = country()
    by_id = nodes(records)
    kinds = Counter(
        (by_id[r.start].props["level"], r.props["quotaKind"])
        for r in rels(records, "ALLOCATES_QUOTA")
    )
    assert kinds[("province", "reemployment")] == 1
    assert kinds[("city", "reemployment")] >= 3  # city labor bureau -> industrial bureaus and
    assert kinds[("city", "layoff")] >= 3  # bureaus -> firms
    assert kinds[("city", "training")] >= 2 and kinds[("city", "center_capacity")] >= 3


UNCOUNTED = ("fired", "long_holiday", "early_retired", "liangbuzhao", "tingxin_liuzhi")


@pytest.fixture(scope="module")
def big() -> tuple[Record, ...]:
    return tuple(
        r
        for r in generate(300_000, 8)
        if (isinstance(r, Node) and r.label in ("Worker", "Enterprise"))
        or (isinstance(r, Rel) and r.type in ("EMPLOYED_BY", "ENROLLED_IN"))
    )


def test_statuses_reproduce_the_chapters_figures(big: tuple[Record, ...]) -> None:
    by_id = nodes(big)
    firm_of = {r.start: by_id[r.end].props["ownership"] for r in rels(big, "EMPLOYED_BY")}
    leavers: Counter[str] = Counter()
    counted: Counter[str] = Counter()
    for wid, node in by_id.items():
        if node.label != "Worker" or node.props["status"] == "on_post":
            continue
        ownership = firm_of[wid]
        leavers[ownership] += 1
        # Not counted as laid off: the other labels, and workers of closed firms.
        counted[ownership] += node.props["status"] not in UNCOUNTED and node.props.get(
            "separationReason"
        ) not in ("firm_collapsed", "firm_merged")
    total = leavers["state"] + leavers["collective"]
    # Giles, Park and Cai: 46 of 64.6 million leavers from state firms (fn 21).
    assert leavers["state"] / total == pytest.approx(46 / 64.6, abs=0.02)
    # 34 of the 46 million state leavers registered as laid off; 21.6 million not counted.
    assert counted["state"] / leavers["state"] == pytest.approx(34 / 46, abs=0.02)
    uncounted = total - counted["state"] - counted["collective"]
    assert uncounted / total == pytest.approx(21.6 / 64.6, abs=0.02)
    allowances = Counter(r.props["allowance"] for r in rels(big, "ENROLLED_IN"))
    assert allowances["full"] / sum(allowances.values()) == pytest.approx(0.95, abs=0.01)
