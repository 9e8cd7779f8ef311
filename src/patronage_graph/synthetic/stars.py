"""Models ("stars") and their ventures, shaped like the chapter's Wuhan cases.

A star is a counted laid-off worker of a state firm who had been an advanced
worker of the firm and of its supervising bureau (the Hung/Chiu "three-way
linkage", fn 61), sometimes with titles higher up, down to a national title and
a leader's visit (fn 68). Basic-level cadres recommend them (fn 63); the union,
the Women's Federation or the FIC sponsors them, at the labor bureau's
instruction, and endorses the venture as a reemployment base (fn 54, 64); offices
of several systems support them with loans, waivers, premises and publicity
(fn 45, 64-67); labor markets refer laid-off workers to the venture (fn 64-66).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .calibration import Calibration
from .context import CityContext
from .records import Record

if TYPE_CHECKING:
    from .firms import Firm

__all__ = ["star", "ventures"]

_SECTORS = (
    "restaurant",
    "sanitation",
    "fire-protection gates",
    "household services",
    "auto parts and repair",
    "market stalls",
    "garments",
)
_SPONSORS = ("union", "womens_federation", "fic")


def ventures(ctx: CityContext, plan: list[Firm], cal: Calibration) -> Iterator[Record]:
    """One venture per star, made before any worker so that workers can be hired by it;
    ``cal.base_share`` of them are endorsed as reemployment bases."""
    rng, emit = ctx.rng, ctx.emit
    for firm in plan:
        for _ in range(firm.stars):
            vid = f"{ctx.id}-v{len(ctx.ventures)}"
            ctx.ventures.append(vid)
            firm.ventures.append(vid)
            founded = rng.randint(1998, 2001)
            employees = rng.randint(10, 300)
            is_base = rng.random() < cal.base_share
            laid_off = round(
                employees * rng.uniform(0.6, 1.0) if is_base else employees * rng.uniform(0.0, 0.59)
            )
            props = dict(
                sector=rng.choice(_SECTORS),
                employees=employees,
                laidOffEmployees=laid_off,
                stableScope=True,
                marketableProduct=is_base or rng.random() < 0.5,
                hasWorksite=True,
                ownership="private",
                founded=founded,
            )
            extra: tuple[str, ...] = ()
            if is_base:
                extra = ("ReemploymentBase",)
                props.update(
                    endorsedBy=ctx.offices[rng.choice(_SPONSORS)],
                    endorsedYear=min(founded + 1, 2001),
                )
            yield emit.org("Venture", vid, f"Venture {vid}", "district", "private", extra, **props)
            yield emit.rel("LOCATED_IN", vid, firm.district.id)


def star(ctx: CityContext, firm: Firm, wid: str) -> Iterator[Record]:
    """A star worker, their titles, sponsor, supporters and venture."""
    rng, emit, off, d = ctx.rng, ctx.emit, ctx.offices, firm.district
    vid = firm.ventures.pop()
    started, year = rng.randint(1965, 1985), rng.randint(1996, 1999)
    yield emit.node(
        "Worker",
        wid,
        f"Model worker {wid}",
        status="self_employed",
        startedWork=started,
        contract="permanent",
        separatedYear=year,
        separationReason="business_problems",
        laborRelations=False,
        otherWork=True,
        hasCertificate=True,
        formerRole=rng.choice(("workshop leader", "team leader", "accountant", "technician")),
        gender=rng.choice(("female", "male")),
    )
    yield emit.rel("EMPLOYED_BY", wid, firm.id, since=started, until=year)
    yield emit.rel("LAID_OFF_BY", wid, firm.id, year=year)
    yield emit.rel("ENROLLED_IN", wid, firm.centre, allowance="full", year=year)
    yield from _titles(ctx, firm, wid, year)
    sponsor = off[rng.choice(_SPONSORS)]
    yield emit.rel("SPONSORS", sponsor, wid, instructedBy=off["labor"], year=year + 1)
    yield emit.rel("SPONSORS", sponsor, vid, endorsedAsBase=True, year=year + 1)
    yield emit.rel("FOUNDED", wid, vid, year=year + 1)
    yield emit.rel("WORKS_AT", wid, vid, role="manager", since=year + 1)
    pool = [
        (off["bank"], "loan"),
        (off["union"], "no_interest_loan"),
        (d.tax, "tax_exemption"),
        (d.industry_commerce, "fee_waiver"),
        (d.industry_commerce, "license"),
        (rng.choice(d.streets), "premises"),
        (off["womens_federation"], "utilities"),
        (off["media"], "publicity"),
        (d.labor_market, "placement"),
        (off["training"], "training"),
    ]
    for org, kind in rng.sample(pool, rng.randint(2, 6)):
        yield emit.rel(
            "SUPPORTED", org, vid if rng.random() < 0.7 else wid, kind=kind, year=year + 1
        )
    yield emit.rel("SUPPORTED", sponsor, vid, kind="approval", year=year + 1)
    yield emit.rel(
        "REFERRED_BY",
        vid,
        rng.choice((d.labor_market, d.job_center)),
        count=rng.randint(10, 150),
        year=year + 1,
    )


def _titles(ctx: CityContext, firm: Firm, wid: str, year: str | int) -> Iterator[Record]:
    """Titles from the firm up; each higher level is rarer (fn 61, 63, 68)."""
    rng, emit, off = ctx.rng, ctx.emit, ctx.offices
    before = int(year) - rng.randint(1, 8)
    yield emit.rel(
        "AWARDED_TITLE", firm.id, wid, title="advanced worker", level="enterprise", year=before
    )
    if rng.random() < 0.8:
        yield emit.rel(
            "RECOMMENDED",
            firm.id,
            wid,
            recommendedTo=firm.boss,
            purpose="bureau award",
            year=before,
        )
        yield emit.rel(
            "AWARDED_TITLE",
            firm.boss,
            wid,
            title="progressive worker of the bureau",
            level="bureau",
            year=before + 1,
        )
    ladder = (
        (0.5, firm.district.union, "district model", "district"),
        (0.3, off[rng.choice(("union", "womens_federation"))], "city model", "city"),
        (0.05, ctx.province["union"], "provincial labor model", "province"),
        (0.01, ctx.nation["union"], "national labor model", "nation"),
    )
    for chance, org, title, level in ladder:
        if rng.random() >= chance:
            return
        yield emit.rel("AWARDED_TITLE", org, wid, title=title, level=level, year=int(year) + 2)
        if level == "nation":
            yield emit.rel("VISITED", ctx.nation["party"], wid, year=int(year) + 3)
