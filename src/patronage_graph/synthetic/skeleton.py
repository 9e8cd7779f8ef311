"""The command pyramid and the horizontal teams: nation, provinces, cities, districts, streets.

Offices follow the chapter's city: a Bureau of Labor at the tip, a dozen
departments in its leading small group, industrial bureaus over the state
firms, and the trade union, Women's Federation and Federation of Industry and
Commerce each with a hierarchy of its own (the chapter, "Hierarchy" and
"Horizontal Teams").
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import CityContext, District, Emitter
from .records import Record

__all__ = ["city_offices", "districts", "nation", "province"]

_MASS = (
    ("union", "trade_union", "Trade Union Federation"),
    ("womens_federation", "womens_federation", "Women's Federation"),
    ("fic", "industry_commerce_federation", "Federation of Industry and Commerce"),
)
_CITY_ORGANS = (
    ("government", "government", "People's Government"),
    ("party", "party", "Party Committee"),
    ("labor", "labor", "Bureau of Labor and Social Security"),
    ("finance", "finance", "Finance Bureau"),
    ("tax", "tax", "Tax Bureau"),
    ("industry_commerce", "industry_commerce", "Industrial-Commercial Bureau"),
    ("planning", "planning", "Planning Commission"),
    ("economic", "economic", "Economic Commission"),
    ("education", "education", "Education Bureau"),
)
_INDUSTRIES = ("textiles", "machinery", "chemicals", "light industry", "electronics", "metallurgy")
# Who sits in the city's reemployment leading small group (about a dozen departments).
_GROUP = (
    "government",
    "finance",
    "tax",
    "industry_commerce",
    "planning",
    "economic",
    "education",
    "union",
    "womens_federation",
    "fic",
    "bank",
    "media",
)
# Horizontal partnerships the chapter describes (fn 45, 53, 62-66).
_PARTNERS = (
    ("union", "labor", "job meets"),
    ("union", "bank", "no-interest loans"),
    ("union", "tax", "tax exemptions"),
    ("union", "industry_commerce", "licences"),
    ("womens_federation", "labor", "reemployment of women"),
    ("fic", "labor", "sponsoring private firms"),
    ("planning", "labor", "placement quotas"),
)


def nation(emit: Emitter, prefix: str) -> tuple[dict[str, str], list[Record]]:
    """The apex: central Party, State Council, Ministry of Labor, national mass organizations."""
    nid = f"{prefix}-nation"
    ids = {
        "id": nid,
        "party": f"{nid}-party",
        "government": f"{nid}-state-council",
        "labor": f"{nid}-labor",
        "policy": f"{prefix}-policy-1998",
    }
    out: list[Record] = [
        emit.node("Jurisdiction", nid, "Synthetic nation", level="nation"),
        emit.node(
            "Policy",
            ids["policy"],
            "Circular of the May 1998 conference",
            kind="circular",
            year=1998,
        ),
    ]
    for role, system, name in (
        ("party", "party", "Party Centre"),
        ("government", "government", "State Council"),
        ("labor", "labor", "Ministry of Labor and Social Security"),
    ):
        out += [
            emit.org("StateOrgan", ids[role], name, "nation", system),
            emit.rel("LOCATED_IN", ids[role], nid),
        ]
    for role, system, name in _MASS:
        ids[role] = f"{nid}-{role}"
        out += [
            emit.org("MassOrganization", ids[role], f"National {name}", "nation", system),
            emit.rel("LOCATED_IN", ids[role], nid),
        ]
    out += [
        emit.rel("ISSUES", ids["party"], ids["policy"], year=1998),
        emit.rel("ISSUES", ids["government"], ids["policy"], year=1998),
        emit.rel("SUPERVISES", ids["government"], ids["labor"]),
        emit.rel("COLLABORATES_WITH", ids["labor"], ids["union"], purpose="reemployment"),
    ]
    return ids, out


def province(
    emit: Emitter, prefix: str, index: int, up: dict[str, str]
) -> tuple[dict[str, str], list[Record]]:
    """A province: government, labor department and the three mass organizations."""
    pid = f"{prefix}-p{index}"
    ids = {"id": pid}
    out: list[Record] = [
        emit.node("Jurisdiction", pid, f"Province {index}", level="province"),
        emit.rel("PART_OF", pid, up["id"]),
    ]
    for role, system, name in (
        ("government", "government", "Provincial Government"),
        ("labor", "labor", "Provincial Labor Department"),
        *_MASS,
    ):
        ids[role] = f"{pid}-{role}"
        label = "StateOrgan" if role in ("government", "labor") else "MassOrganization"
        out += [
            emit.org(label, ids[role], f"Province {index} {name}", "province", system),
            emit.rel("LOCATED_IN", ids[role], pid),
            emit.rel("SUPERVISES", up[role], ids[role]),
        ]
    return ids, out


def city_offices(ctx: CityContext) -> Iterator[Record]:
    """The city's bureaus, mass organizations, service units and its leading small group."""
    emit, cid, off = ctx.emit, ctx.id, ctx.offices
    yield emit.node("Jurisdiction", cid, f"City {ctx.index}", level="city")
    yield emit.rel("PART_OF", cid, ctx.province["id"])
    for role, system, name in _CITY_ORGANS:
        off[role] = f"{cid}-{role}"
        yield emit.org("StateOrgan", off[role], f"City {ctx.index} {name}", "city", system)
    for role, system, name in _MASS:
        off[role] = f"{cid}-{role}"
        yield emit.org("MassOrganization", off[role], f"City {ctx.index} {name}", "city", system)
        yield emit.rel("SUPERVISES", ctx.province[role], off[role])
    for role, system, kind in (
        ("bank", "banking", "bank"),
        ("media", "media", "media"),
        ("training", "education", "training_base"),
    ):
        off[role] = f"{cid}-{role}"
        yield emit.org(
            "ServiceUnit", off[role], f"City {ctx.index} {kind}", "city", system, kind=kind
        )
    for k in range(ctx.rng.randint(3, len(_INDUSTRIES))):
        bureau = f"{cid}-ib{k}"
        ctx.bureaus.append(bureau)
        yield emit.org(
            "StateOrgan", bureau, f"City {ctx.index} {_INDUSTRIES[k]} bureau", "city", "industry"
        )
        yield emit.rel("SUPERVISES", off["economic"], bureau)
    for org in (*off.values(), *ctx.bureaus):
        yield emit.rel("LOCATED_IN", org, cid)
    yield from _city_command(ctx)
    yield from _city_team(ctx)


def _city_command(ctx: CityContext) -> Iterator[Record]:
    emit, off = ctx.emit, ctx.offices
    yield emit.rel("SUPERVISES", ctx.province["government"], off["government"])
    yield emit.rel("SUPERVISES", ctx.province["labor"], off["labor"])
    for role in (
        "party",
        "labor",
        "finance",
        "tax",
        "industry_commerce",
        "planning",
        "economic",
        "education",
    ):
        if role != "party":
            yield emit.rel("SUPERVISES", off["government"], off[role])
    yield emit.rel("SUPERVISES", off["education"], off["training"])
    yield emit.rel("IMPLEMENTS", off["labor"], ctx.nation["policy"])


def _city_team(ctx: CityContext) -> Iterator[Record]:
    emit, off = ctx.emit, ctx.offices
    group = f"{ctx.id}-lsg"
    yield emit.org(
        "LeadingSmallGroup",
        group,
        f"City {ctx.index} reemployment leading group",
        "city",
        "labor",
        memberCount=len(_GROUP) + 1,
        meetsPerMonth=1.0,
    )
    yield emit.rel("LOCATED_IN", group, ctx.id)
    yield emit.rel("CHAIRS", off["labor"], group)
    for role in _GROUP:
        yield emit.rel("MEMBER_OF", off[role], group, since=1998)
    for a, b, purpose in _PARTNERS:
        yield emit.rel("COLLABORATES_WITH", off[a], off[b], purpose=purpose, year=1999)


def districts(ctx: CityContext, count: int) -> Iterator[Record]:
    """Districts with their offices, streets and residents' committees."""
    for k in range(count):
        yield from _district(ctx, f"{ctx.id}-d{k}", k)


def _district(ctx: CityContext, did: str, k: int) -> Iterator[Record]:
    emit, off = ctx.emit, ctx.offices
    d = District(
        did,
        f"{did}-gov",
        f"{did}-labor",
        f"{did}-tax",
        f"{did}-ic",
        f"{did}-union",
        f"{did}-wf",
        f"{did}-market",
        f"{did}-jobs",
    )
    ctx.districts.append(d)
    yield emit.node("Jurisdiction", did, f"City {ctx.index} district {k}", level="district")
    yield emit.rel("PART_OF", did, ctx.id)
    units = (
        ("StateOrgan", d.government, "government", "government", off["government"]),
        ("StateOrgan", d.labor, "labor", "labor bureau", off["labor"]),
        ("StateOrgan", d.tax, "tax", "tax office", off["tax"]),
        (
            "StateOrgan",
            d.industry_commerce,
            "industry_commerce",
            "industrial-commercial administration",
            off["industry_commerce"],
        ),
        ("MassOrganization", d.union, "trade_union", "trade union", off["union"]),
        (
            "MassOrganization",
            d.womens_federation,
            "womens_federation",
            "women's federation",
            off["womens_federation"],
        ),
    )
    for label, oid, system, name, boss in units:
        yield emit.org(label, oid, f"District {did} {name}", "district", system)
        yield emit.rel("SUPERVISES", boss, oid)
        yield emit.rel("LOCATED_IN", oid, did)
    for oid, system, kind, boss in (
        (d.labor_market, "labor", "labor_market", d.labor),
        (d.job_center, "trade_union", "job_introduction_center", d.union),
    ):
        yield emit.org("ServiceUnit", oid, f"District {did} {kind}", "district", system, kind=kind)
        yield emit.rel("SUPERVISES", boss, oid)
        yield emit.rel("LOCATED_IN", oid, did)
    yield emit.rel("REPORTS_TO", d.labor, off["labor"], what="layoff and hardship counts")
    yield emit.rel("COLLABORATES_WITH", d.union, d.labor, purpose="job introduction", year=1999)
    yield emit.rel(
        "COLLABORATES_WITH",
        d.womens_federation,
        d.labor_market,
        purpose="training women",
        year=1999,
    )
    for s in range(ctx.rng.randint(3, 5)):
        yield from _street(ctx, d, f"{did}-s{s}")


def _street(ctx: CityContext, d: District, sid: str) -> Iterator[Record]:
    emit = ctx.emit
    office = f"{sid}-office"
    d.streets.append(office)
    d.street_places.append(sid)
    yield emit.node("Jurisdiction", sid, f"Street {sid}", level="street")
    yield emit.rel("PART_OF", sid, d.id)
    yield emit.org("StateOrgan", office, f"Street office {sid}", "street", "street")
    yield emit.rel("LOCATED_IN", office, sid)
    yield emit.rel("SUPERVISES", d.government, office)
    yield emit.rel("SENDS_LIST", d.labor, office, direction="down", purpose="workers needing help")
    yield emit.rel("SENDS_LIST", office, d.labor, direction="up", purpose="hardship households")
    for r in range(ctx.rng.randint(2, 4)):
        place, committee = f"{sid}-r{r}", f"{sid}-r{r}-rc"
        yield emit.node("Jurisdiction", place, f"Community {place}", level="community")
        yield emit.rel("PART_OF", place, sid)
        yield emit.org(
            "ServiceUnit",
            committee,
            f"Residents' committee {place}",
            "community",
            "community",
            kind="residents_committee",
        )
        yield emit.rel("LOCATED_IN", committee, place)
        yield emit.rel("SUPERVISES", office, committee)
        yield emit.rel(
            "SENDS_LIST", committee, office, direction="up", purpose="hardship households"
        )
