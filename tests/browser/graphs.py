"""Graphs in the project's contract, built by hand for the page tests and the benchmark.

``view_graphs()`` gives one small graph per view; ``hostile`` rewrites every name and
several properties into markup that would run if a page treated data as HTML;
``pyramid(n)`` is a random but level-structured city of about ``n`` nodes.
"""

from __future__ import annotations

import random
from typing import Any

import networkx as nx

from patronage_graph import model

#: Strings that run script if they ever reach the DOM as markup (each sets the flag).
HOSTILE = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "\"'><svg onload=window.__pwned=1>",
    '<a href="javascript:window.__pwned=1">href</a>',
)

_LABELS = {
    "Jurisdiction": ["Entity", "Jurisdiction"],
    "StateOrgan": ["Entity", "Organization", "StateOrgan"],
    "MassOrganization": ["Entity", "Organization", "MassOrganization"],
    "Enterprise": ["Entity", "Organization", "Enterprise"],
    "ServiceUnit": ["Entity", "Organization", "ServiceUnit"],
    "LeadingSmallGroup": ["Entity", "Organization", "LeadingSmallGroup"],
    "Venture": ["Entity", "Organization", "Venture", "ReemploymentBase"],
    "Worker": ["Entity", "Person", "Worker"],
    "Cadre": ["Entity", "Person", "Cadre"],
}


class Builder:
    """Adds nodes and ties the way ``records_to_graph`` would produce them."""

    def __init__(self) -> None:
        self.G = nx.MultiDiGraph()
        self._n = 0

    def node(self, id: str, label_: str, name: str, **props: Any) -> str:
        labels = _LABELS[label_]
        label = "ReemploymentBase" if label_ == "Venture" else label_
        self.G.add_node(id, id=id, labels=labels, label=label, name=name, **props)
        return id

    def tie(
        self, start: str, rel_type: str, end: str, evidence: str = "stated", **props: Any
    ) -> None:
        self._n += 1
        tie = model.REL_TYPES[rel_type].tie
        props["evidence"] = evidence
        if evidence == "inferred":
            props.setdefault("note", "Inferred: the coder's reasoning")
        else:
            props.setdefault("quote", f"the passage on {start} and {end}")
        self.G.add_edge(
            start, end, key=f"r{self._n}", type=rel_type, tie=tie, sources=["src-test"], **props
        )


def _chapter_core(b: Builder) -> None:
    """A miniature of the chapter: pyramid, team, a star with her venture and patrons."""
    b.node("wuhan", "Jurisdiction", "Wuhan", level="city")
    b.node("jianghan", "Jurisdiction", "Jianghan district", level="district")
    b.tie("jianghan", "PART_OF", "wuhan")
    b.node("labor", "StateOrgan", "Wuhan Labor Bureau", level="city", system="labor")
    b.node("industry", "StateOrgan", "Industrial bureau", level="city", system="industry")
    b.node("tax", "StateOrgan", "Tax bureau", level="city", system="tax")
    b.node("union", "MassOrganization", "City trade union", level="city", system="trade_union")
    b.node(
        "lsg", "LeadingSmallGroup", "Reemployment leading small group", level="city", system="labor"
    )
    b.node(
        "district-labor", "StateOrgan", "District labor bureau", level="district", system="labor"
    )
    b.node(
        "firm",
        "Enterprise",
        "Fire-gate factory",
        level="district",
        system="enterprise",
        ownership="state",
    )
    b.node(
        "centre",
        "ServiceUnit",
        "Reemployment centre",
        level="district",
        system="labor",
        kind="reemployment_center",
    )
    b.node("venture", "Venture", "Fire-gate company", level="district", system="private")
    b.node("star", "Worker", "The fire-gate star", status="xiagang")
    for org in ("labor", "industry", "tax", "union", "lsg", "district-labor", "firm", "venture"):
        b.tie(
            org,
            "LOCATED_IN",
            "wuhan" if org in ("labor", "industry", "tax", "union", "lsg") else "jianghan",
        )
    b.tie("labor", "SUPERVISES", "district-labor")
    b.tie("industry", "SUPERVISES", "firm")
    b.tie("labor", "CHAIRS", "lsg")
    for org in ("tax", "union", "industry"):
        b.tie(org, "MEMBER_OF", "lsg")
    b.tie("union", "COLLABORATES_WITH", "labor", purpose="reemployment")
    b.tie("star", "LAID_OFF_BY", "firm", year=1997)
    b.tie("star", "FOUNDED", "venture", year=1998)
    b.tie("union", "SUPPORTED", "star", kind="loan", amount=50000)
    b.tie(
        "tax",
        "SUPPORTED",
        "venture",
        kind="tax_exemption",
        evidence="general",
        quote='tax bureaus "exempted" the bases <b>from taxes</b>',
    )
    b.tie("union", "AWARDED_TITLE", "star", evidence="inferred", title="model worker", level="city")
    b.tie("union", "SPONSORS", "venture", endorsedAsBase=True)
    for i in range(6):
        hire = b.node(f"hire-{i}", "Worker", f"Laid-off hire {i}", status="reemployed")
        b.tie(hire, "WORKS_AT", "venture")
        b.tie(hire, "ENROLLED_IN", "centre")


def view_graphs() -> dict[str, tuple[nx.MultiDiGraph, str | None]]:
    """One graph per view (the city graph is the whole miniature), with each view's focus."""
    b = Builder()
    _chapter_core(b)
    G = b.G
    worker = G.subgraph(["star", "firm", "venture", "union", "tax", "industry", "labor", "lsg"])
    team = G.subgraph(["lsg", "labor", "tax", "union", "industry"])
    venture = G.subgraph(["venture", "star", "union", "tax", *(f"hire-{i}" for i in range(6))])
    cypher = G.subgraph(["star", "union", "venture"])
    return {
        "city": (G, None),
        "worker": (nx.MultiDiGraph(worker), "star"),
        "team": (nx.MultiDiGraph(team), None),
        "venture": (nx.MultiDiGraph(venture), "venture"),
        "cypher": (nx.MultiDiGraph(cypher), None),
    }


def hostile(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose names, some properties and relationship notes are hostile markup."""
    H = G.copy()
    for i, (_, attrs) in enumerate(H.nodes(data=True)):
        attrs["name"] = HOSTILE[i % len(HOSTILE)] + attrs["name"]
        attrs["note"] = HOSTILE[(i + 1) % len(HOSTILE)]
        attrs["<b onmouseover=window.__pwned=1>key</b>"] = "href=" + HOSTILE[3]
    for i, (_, _, attrs) in enumerate(H.edges(data=True)):
        attrs["note"] = HOSTILE[i % len(HOSTILE)]
        attrs["quote"] = HOSTILE[(i + 1) % len(HOSTILE)]
        attrs["sources"] = [HOSTILE[(i + 2) % len(HOSTILE)]]
        if "kind" in attrs:
            attrs["kind"] = HOSTILE[1]
    return H


def pyramid(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """A random city of about ``n`` nodes, structured by level like the chapter's pyramid.

    One city with bureaus of every system and a leading small group; districts with
    their own bureaus; streets and communities; firms under bureaus; about 70 % of the
    nodes are workers employed by (or laid off from) a firm; one in twenty workers is a
    "star" supported by two to four organizations of different systems.
    """
    rng = random.Random(seed)
    b = Builder()
    b.node("city", "Jurisdiction", "City", level="city")
    systems = [s for s in model.SYSTEMS if s not in ("enterprise", "synthetic_other")]
    city_orgs = [
        b.node(f"c-{s}", "StateOrgan", f"City {s} bureau", level="city", system=s) for s in systems
    ]
    b.node("c-lsg", "LeadingSmallGroup", "Leading small group", level="city", system="labor")
    for org in city_orgs[:12]:
        b.tie(org, "MEMBER_OF", "c-lsg")
    workers_target = int(n * 0.8)
    districts = max(2, n // 1000)
    streets = max(2, n // (districts * 150))
    firms_per_district = max(3, (n - workers_target) // districts - 7 - 3 * streets)
    firms: list[str] = []
    orgs = list(city_orgs)
    for d in range(districts):
        dj = b.node(f"d{d}", "Jurisdiction", f"District {d}", level="district")
        b.tie(dj, "PART_OF", "city")
        for s in ("party", "government", "labor", "finance", "tax", "street"):
            org = b.node(f"d{d}-{s}", "StateOrgan", f"District {d} {s}", level="district", system=s)
            b.tie(f"c-{s}", "SUPERVISES", org)
            b.tie(org, "LOCATED_IN", dj)
            orgs.append(org)
        for st in range(streets):
            sj = b.node(f"d{d}s{st}", "Jurisdiction", f"Street {d}.{st}", level="street")
            b.tie(sj, "PART_OF", dj)
            cj = b.node(f"d{d}s{st}c", "Jurisdiction", f"Community {d}.{st}", level="community")
            b.tie(cj, "PART_OF", sj)
            rc = b.node(
                f"d{d}s{st}rc",
                "ServiceUnit",
                f"Residents' committee {d}.{st}",
                level="community",
                system="community",
                kind="residents_committee",
            )
            b.tie(rc, "LOCATED_IN", cj)
            b.tie(f"d{d}-street", "SUPERVISES", rc)
        for f in range(firms_per_district):
            firm = b.node(
                f"d{d}f{f}",
                "Enterprise",
                f"Firm {d}.{f}",
                level="district",
                system="enterprise",
                ownership="state",
            )
            b.tie(f"c-{rng.choice(['industry', 'economic', 'transport'])}", "SUPERVISES", firm)
            b.tie(firm, "LOCATED_IN", dj)
            firms.append(firm)
    for i in range(workers_target):
        w = b.node(f"w{i}", "Worker", f"Worker {i}", status=rng.choice(model.WORKER_STATUSES))
        b.tie(w, "LAID_OFF_BY" if i % 3 else "EMPLOYED_BY", rng.choice(firms))
        if i % 20 == 0:
            for org in rng.sample(orgs, rng.randint(2, 4)):
                b.tie(org, "SUPPORTED", w, kind=rng.choice(model.SUPPORT_KINDS))
    for _ in range(len(orgs)):
        a, c = rng.sample(orgs, 2)
        b.tie(a, "COLLABORATES_WITH", c, purpose="reemployment")
    return b.G
