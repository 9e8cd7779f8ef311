"""Enterprises under the industrial bureaus, their workers, centres and quotas.

A city's worker budget is split between state firms (under the city's industrial
bureaus, each with a reemployment service centre) and collective firms (under a
district government or a street office, no centre: fn 23). Worker statuses are
drawn with the rates of :mod:`.calibration`, so a whole country reproduces the
chapter's state/collective and counted/uncounted figures in expectation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .calibration import ALLOWANCE_SHARE, Calibration
from .context import CityContext, District
from .records import Record
from .stars import star

__all__ = ["Firm", "firms", "plan_firms"]

# (size class, probability, smallest, largest workforce); the chapter gives no sizes.
_STATE_SIZES = (("large", 0.15, 1000, 4000), ("medium", 0.35, 300, 999), ("small", 0.5, 50, 299))
_COLLECTIVE_SIZES = (("medium", 0.2, 300, 999), ("small", 0.8, 30, 299))
# fn 28 (95 % paid), fn 36 (the accountant waiting on half the allowance).
_ALLOWANCES = ("full", "half", "none")
_ALLOWANCE_WEIGHTS = (ALLOWANCE_SHARE, (1 - ALLOWANCE_SHARE) / 2, (1 - ALLOWANCE_SHARE) / 2)


@dataclass
class Firm:
    id: str
    ownership: str
    size: str
    status: str
    workers: int
    boss: str  # supervising office
    district: District
    place: str  # jurisdiction it is located in
    stars: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    ventures: list[str] = field(default_factory=list)  # one per star, made before workers

    @property
    def centre(self) -> str:
        return f"{self.id}-centre"

    @property
    def operating(self) -> bool:
        return self.status == "operating"


def plan_firms(ctx: CityContext, workers: int, cal: Calibration) -> list[Firm]:
    """Split ``workers`` into firms (state first), and pick the firms of the city's stars."""
    state = round(workers * cal.state_workforce_share)
    plan: list[Firm] = []
    for ownership, budget in (("state", state), ("collective", workers - state)):
        share = (
            cal.closed_firm_share_state
            if ownership == "state"
            else cal.closed_firm_share_collective
        )
        seen = closed = 0
        while budget > 0:
            firm = _firm(ctx, ownership, len(plan))
            firm.workers = min(firm.workers, budget)
            budget -= firm.workers
            seen += firm.workers
            # Close firms so that the closed share of the WORKFORCE stays on target (a few
            # large closures would swing a city's figures by points); small firms close
            # more often, as under "grasp the large, let go of the small" (fn 2).
            if ctx.rng.random() < 0.5 and closed + firm.workers / 2 < share * seen:
                firm.status = ctx.rng.choice(("collapsed", "merged"))
                closed += firm.workers
            plan.append(firm)
    hosts = [f for f in plan if f.ownership == "state" and f.operating] or plan[:1]
    for _ in range(max(1, round(workers * cal.model_share))):
        ctx.rng.choice(hosts).stars += 1
    return plan


def _firm(ctx: CityContext, ownership: str, k: int) -> Firm:
    rng = ctx.rng
    sizes = _STATE_SIZES if ownership == "state" else _COLLECTIVE_SIZES
    size, _, low, high = rng.choices(sizes, weights=[s[1] for s in sizes])[0]
    district = rng.choice(ctx.districts)
    if ownership == "state":
        boss, place = rng.choice(ctx.bureaus), district.id
    elif size == "medium":
        boss, place = district.government, district.id
    else:
        street = rng.randrange(len(district.streets))
        boss, place = district.streets[street], district.street_places[street]
    return Firm(
        f"{ctx.id}-e{k}",
        ownership,
        size,
        "operating",
        rng.randint(low, high),
        boss,
        district,
        place,
    )


def firms(ctx: CityContext, plan: list[Firm], cal: Calibration) -> Iterator[Record]:
    """Every firm with its centre, workers, stars and the quotas handed to it."""
    for firm in plan:
        yield from _firm_records(ctx, firm)
        yield from _workers(ctx, firm, cal)
        yield from _firm_quotas(ctx, firm)


def _firm_records(ctx: CityContext, firm: Firm) -> Iterator[Record]:
    emit = ctx.emit
    level = (
        "city" if firm.ownership == "state" else ("district" if firm.size == "medium" else "street")
    )
    yield emit.org(
        "Enterprise",
        firm.id,
        f"{firm.ownership.title()} firm {firm.id}",
        level,
        "enterprise",
        ownership=firm.ownership,
        size=firm.size,
        status=firm.status,
    )
    yield emit.rel("SUPERVISES", firm.boss, firm.id)
    yield emit.rel("LOCATED_IN", firm.id, firm.place)
    if firm.ownership == "state" and firm.operating:
        yield emit.org(
            "ServiceUnit",
            firm.centre,
            f"Reemployment service centre of {firm.id}",
            level,
            "labor",
            kind="reemployment_center",
        )
        yield emit.rel("SUPERVISES", firm.id, firm.centre)
        yield emit.rel("LOCATED_IN", firm.centre, firm.place)
        yield emit.rel(
            "SENDS_LIST", firm.id, firm.centre, direction="down", purpose="laid-off workers"
        )


def _workers(ctx: CityContext, firm: Firm, cal: Calibration) -> Iterator[Record]:
    rng, emit = ctx.rng, ctx.emit
    rates = cal.rates(firm.ownership)
    counts = firm.counts
    for n in range(firm.workers):
        wid = ctx.worker_id()
        if n < firm.stars:
            yield from star(ctx, firm, wid)
            counts["counted"] = counts.get("counted", 0) + 1
            continue
        started = rng.randint(1960, 1994)
        props: dict[str, Any] = {"startedWork": started}
        if started < 1986:
            props["contract"] = "permanent"
        else:
            props["contract"] = "contract"
            props["contractEnds"] = started + rng.randint(5, 15)
        if firm.operating and rng.random() >= rates.leave:
            props["status"] = "on_post"
            if rng.random() < 0.1:
                props["keptFor"] = rng.choice(("politics", "power", "talent"))
            yield emit.node("Worker", wid, f"Worker {wid}", **props)
            yield emit.rel("EMPLOYED_BY", wid, firm.id, since=started)
            continue
        year = rng.randint(1995, 2001)
        props["separatedYear"] = year
        counted = firm.operating and rng.random() < rates.counted
        status = _leaver(ctx, firm, props, counted, cal)
        counts[status] = counts.get(status, 0) + 1
        counts["counted" if counted else "uncounted"] = (
            counts.get("counted" if counted else "uncounted", 0) + 1
        )
        yield emit.node("Worker", wid, f"Worker {wid}", **props)
        yield from _leaver_rels(ctx, firm, wid, props, counted, cal)


def _leaver(
    ctx: CityContext, firm: Firm, props: dict[str, Any], counted: bool, cal: Calibration
) -> str:
    """Fill a leaver's status and the facts the chapter's xiagang test reads."""
    rng = ctx.rng
    if not firm.operating:
        props.update(
            status="unemployed",
            laborRelations=False,
            otherWork=False,
            separationReason="firm_collapsed" if firm.status == "collapsed" else "firm_merged",
        )
        return "unemployed"
    if not counted:
        status = rng.choice(cal.uncounted_statuses)
        props.update(
            status=status,
            separationReason=(
                "dismissal"
                if status == "fired"
                else "retirement"
                if status == "early_retired"
                else "business_problems"
            ),
            laborRelations=status in ("long_holiday", "liangbuzhao", "tingxin_liuzhi"),
            otherWork=False,
        )
        return status
    if props["contract"] == "contract" and props["contractEnds"] <= props["separatedYear"]:
        props["contractEnds"] = props["separatedYear"] + rng.randint(1, 5)
    if rng.random() < cal.still_laid_off_share:
        status = "xiagang"
        props["separatedYear"] = rng.randint(1999, 2001)  # a centre holds people three years
    else:
        names, weights = zip(*cal.after_centre, strict=True)
        status = rng.choices(names, weights=weights)[0]
    props.update(
        status=status,
        separationReason="business_problems",
        laborRelations=status == "xiagang",
        otherWork=status in ("reemployed", "self_employed"),
        hasCertificate=firm.ownership == "state",
    )
    return status


def _leaver_rels(
    ctx: CityContext,
    firm: Firm,
    wid: str,
    props: dict[str, Any],
    counted: bool,
    cal: Calibration,
) -> Iterator[Record]:
    rng, emit = ctx.rng, ctx.emit
    year, status = props["separatedYear"], props["status"]
    keeps = props["laborRelations"]
    yield (
        emit.rel("EMPLOYED_BY", wid, firm.id, since=props["startedWork"])
        if keeps
        else emit.rel("EMPLOYED_BY", wid, firm.id, since=props["startedWork"], until=year)
    )
    if status not in ("long_holiday", "early_retired", "liangbuzhao", "tingxin_liuzhi"):
        yield emit.rel("LAID_OFF_BY", wid, firm.id, year=year)
    if not (counted and firm.ownership == "state"):
        return
    allowance = rng.choices(_ALLOWANCES, weights=_ALLOWANCE_WEIGHTS)[0]
    if allowance == "full":
        yield emit.rel("ENROLLED_IN", wid, firm.centre, allowance="full", year=year)
    else:
        yield emit.rel(
            "ENROLLED_IN", wid, firm.centre, allowance=allowance, waiting=True, year=year
        )
    if rng.random() < 0.2:
        yield emit.rel(
            "TRAINED_BY",
            wid,
            firm.district.labor_market,
            skill=rng.choice(("computers", "cooking", "electrical repair")),
            year=max(year, 1998),
        )
    if status == "reemployed" and ctx.ventures and rng.random() < cal.hired_by_base_share:
        yield emit.rel(
            "WORKS_AT", wid, rng.choice(ctx.ventures), role="employee", since=max(year, 1998)
        )


def _firm_quotas(ctx: CityContext, firm: Firm) -> Iterator[Record]:
    """Quotas handed down to the firm, sized by what its workers turned out to be."""
    emit, c = ctx.emit, firm.counts
    leavers = c.get("counted", 0) + c.get("uncounted", 0)
    if firm.ownership != "state" or not firm.operating or leavers == 0:
        return
    settled = c.get("reemployed", 0) + c.get("self_employed", 0)
    yield emit.rel(
        "ALLOCATES_QUOTA",
        firm.boss,
        firm.id,
        quotaKind="layoff",
        amount=leavers,
        unit="workers",
        year=1999,
    )
    yield emit.rel(
        "ALLOCATES_QUOTA",
        firm.boss,
        firm.id,
        quotaKind="reemployment",
        amount=settled,
        unit="workers",
        year=1999,
    )
    yield emit.rel(
        "ALLOCATES_QUOTA",
        ctx.offices["labor"],
        firm.centre,
        quotaKind="center_capacity",
        amount=c.get("xiagang", 0) + 1,
        unit="places",
        year=2001,
    )
