"""The ontology, declared once: node labels, relationship types, tie kinds, properties.

Everything else is derived from this module or checked against it by a test:
``cypher/schema.cypher`` (a constraint per label), the loader's validation,
``docs/schema.md`` and the legend of the network pages.

Every node also carries the label ``Entity`` (a global unique ``id``), so a
loader can find any node by id through one index. A relationship's ``tie``
property names its tie kind, so ad-hoc Cypher can filter on it::

    MATCH (o)-[r {tie: 'patronage'}]->(w:Worker) RETURN o.name, type(r), w.name
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

__all__ = [
    "EVIDENCE_GRADES",
    "LEVELS",
    "LEVEL_RANK",
    "NODE_LABELS",
    "REL_GROUPS",
    "REL_TYPES",
    "SYSTEMS",
    "TIE_KINDS",
    "NodeLabel",
    "Prop",
    "RelGroup",
    "RelType",
    "admitted_grades",
    "ancestry",
    "primary_label",
    "prop_grade",
    "rel_types_named",
    "rel_types_of",
]

TieKind = Literal["vertical", "horizontal", "patronage", "employment", "measurement"]
PropType = Literal["str", "int", "float", "bool", "list[str]", "ref", "list[ref]"]

#: ``measurement`` ties a figure to what it counts: no actor's tie, so the network
#: analyses (which read actors only) never see it.
TIE_KINDS: tuple[TieKind, ...] = (
    "vertical",
    "horizontal",
    "patronage",
    "employment",
    "measurement",
)

EvidenceGrade = Literal["stated", "general", "inferred"]
#: How strongly the cited source supports a tie or a fact, strongest first:
#: ``stated`` -- the cited passage says it of these very actors;
#: ``general`` -- the passage states a practice, and the tie applies it to this actor;
#: ``inferred`` -- the coder's reasoning (given in ``note``), not the source's words.
EVIDENCE_GRADES: tuple[EvidenceGrade, ...] = ("stated", "general", "inferred")
#: Node properties that carry no graded fact (identity, the coder's note, the evidence itself).
UNGRADED_NODE_PROPS = frozenset(
    {
        "id",
        "name",
        "nameZh",
        "note",
        "sources",
        "synthetic",
        "evidence",
        "generalProps",
        "inferredProps",
    }
)

#: Administrative levels, lowest first; their index is the level's rank.
LEVELS = ("community", "street", "district", "city", "province", "nation")
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}
#: Levels at which model titles are awarded (the chapter lists these).
TITLE_LEVELS = ("enterprise", "bureau", "district", "city", "province", "nation")

#: Organizational systems ("xitong"): the groups of brokerage analysis.
SYSTEMS = (
    "party",
    "government",
    "labor",
    "finance",
    "tax",
    "industry_commerce",
    "planning",
    "economic",
    "industry",
    "education",
    "transport",
    "health",
    "civil_affairs",
    "street",
    "trade_union",
    "womens_federation",
    "industry_commerce_federation",
    "banking",
    "media",
    "enterprise",
    "private",
    "community",
    "research",
    "synthetic_other",
)
WORKER_STATUSES = (
    "on_post",
    "xiagang",
    "fired",
    "long_holiday",
    "early_retired",
    "liangbuzhao",
    "tingxin_liuzhi",
    "reemployed",
    "self_employed",
    "unemployed",
)
SUPPORT_KINDS = (
    "loan",
    "no_interest_loan",
    "license",
    "fee_waiver",
    "tax_exemption",
    "premises",
    "utilities",
    "publicity",
    "training",
    "placement",
    "approval",
    "merger",
    "infrastructure",
    "election",
    "equipment",
    "connection",
    "funding",
    "scholarship",
    # the union formed a joint-capital company for the fire-gate star (chapter, Wuhan 2000)
    "joint_capital",
)
QUOTA_KINDS = ("layoff", "reemployment", "training", "center_capacity")


@dataclass(frozen=True)
class Prop:
    """A property: its type, whether required, and its allowed values if closed."""

    name: str
    type: PropType = "str"
    required: bool = False
    allowed: tuple[str, ...] | None = None
    doc: str = ""


@dataclass(frozen=True)
class NodeLabel:
    name: str
    doc: str
    props: tuple[Prop, ...] = ()
    parent: str | None = None
    #: Labels that may be added to this one (e.g. ReemploymentBase on Venture).
    extra: tuple[str, ...] = ()
    #: Only ever an extra label, never the primary label of a record.
    extra_only: bool = False


@dataclass(frozen=True)
class RelType:
    name: str
    tie: TieKind
    doc: str
    start: tuple[str, ...]
    end: tuple[str, ...]
    props: tuple[Prop, ...] = ()
    #: Properties that tell apart two ties of this type between the same pair.
    key: tuple[str, ...] = ()


_YEAR: PropType = "int"
_COMMON = (
    Prop("id", "str", True, doc="unique readable slug"),
    Prop("name", "str", True, doc="English name"),
    Prop("nameZh", doc="Chinese name where known"),
    Prop("note", doc="free text: what the chapter says"),
    Prop("sources", "list[ref]", doc="Source ids for the node's facts"),
    Prop("synthetic", "bool", doc="true for generated data"),
    Prop(
        "evidence",
        allowed=EVIDENCE_GRADES,
        doc="grade of the node's facts (every property but its names, note and sources); "
        "required on every node but a Source",
    ),
    Prop("generalProps", "list[str]", doc="properties graded `general` instead"),
    Prop("inferredProps", "list[str]", doc="properties graded `inferred` instead (why: note)"),
)

NODE_LABELS: dict[str, NodeLabel] = {
    label.name: label
    for label in (
        NodeLabel("Entity", "Every node: the global id.", _COMMON),
        NodeLabel(
            "Jurisdiction",
            "A territorial unit, nation down to residents' community.",
            (Prop("level", required=True, allowed=LEVELS),),
            parent="Entity",
        ),
        NodeLabel(
            "Organization",
            "Any office, mass organization, firm or venture.",
            (
                Prop("level", required=True, allowed=LEVELS),
                Prop("system", required=True, allowed=SYSTEMS, doc="its organizational system"),
            ),
            parent="Entity",
        ),
        NodeLabel(
            "StateOrgan",
            "A Party or government office (bureau, commission, street office).",
            parent="Organization",
        ),
        NodeLabel(
            "MassOrganization",
            "Trade union, Women's Federation, Federation of Industry and Commerce.",
            parent="Organization",
        ),
        NodeLabel(
            "Enterprise",
            "A firm under the command hierarchy.",
            (
                Prop(
                    "ownership",
                    required=True,
                    allowed=("state", "collective", "private", "joint", "foreign"),
                ),
                Prop("size", allowed=("large", "medium", "small")),
                Prop("status", allowed=("operating", "collapsed", "merged", "bankrupt")),
                Prop("industry"),
            ),
            parent="Organization",
        ),
        NodeLabel(
            "ServiceUnit",
            "Reemployment centre, labor market, training base, bank, media...",
            (
                Prop(
                    "kind",
                    required=True,
                    allowed=(
                        "reemployment_center",
                        "labor_market",
                        "training_base",
                        "bank",
                        "media",
                        "school",
                        "residents_committee",
                        "job_introduction_center",
                        "placement_network",
                        "market",
                        "office",
                    ),
                ),
                Prop("capacity", "int", doc="places (reemployment centres)"),
                Prop("traineesPerYear", "int"),
                Prop("staff", "int"),
            ),
            parent="Organization",
        ),
        NodeLabel(
            "LeadingSmallGroup",
            "A horizontal team chaired by a bureau.",
            (
                Prop("meetsPerMonth", "float"),
                Prop("memberCount", "int"),
            ),
            parent="Organization",
        ),
        NodeLabel(
            "Venture",
            "A business started by laid-off workers.",
            (
                Prop("sector"),
                Prop("employees", "int"),
                Prop("laidOffEmployees", "int"),
                Prop("stableScope", "bool"),
                Prop("marketableProduct", "bool"),
                Prop("hasWorksite", "bool"),
                Prop("ownership", allowed=("private", "joint", "collective")),
                Prop("founded", _YEAR),
                Prop("seats", "int"),
            ),
            parent="Organization",
            extra=("ReemploymentBase",),
        ),
        NodeLabel(
            "ReemploymentBase",
            "A venture endorsed as a reemployment base.",
            (
                Prop("endorsedBy", "ref"),
                Prop("endorsedYear", _YEAR),
            ),
            parent="Venture",
            extra_only=True,
        ),
        NodeLabel(
            "Person",
            "A person; the chapter names none, so ids are descriptive.",
            (
                Prop("gender", allowed=("female", "male", "unknown")),
                Prop("role", doc="what they do or did"),
            ),
            parent="Entity",
        ),
        NodeLabel(
            "Worker",
            "A state or collective worker, on post or not.",
            (
                Prop("status", required=True, allowed=WORKER_STATUSES),
                Prop("startedWork", _YEAR, doc="year of first job"),
                Prop("contract", allowed=("permanent", "contract", "none")),
                Prop("contractEnds", _YEAR),
                Prop(
                    "separationReason",
                    allowed=(
                        "business_problems",
                        "dismissal",
                        "firm_collapsed",
                        "firm_merged",
                        "retirement",
                        "none",
                    ),
                ),
                Prop("laborRelations", "bool", doc="still keeps labor relations with the firm"),
                Prop("otherWork", "bool", doc="has found other work"),
                Prop("hasCertificate", "bool", doc="holds a xiagang zheng"),
                Prop("keptFor", allowed=("politics", "power", "talent")),
                Prop("formerRole"),
                Prop("separatedYear", _YEAR),
                Prop(
                    "disabled",
                    "bool",
                    doc="a disabled worker: the May 1998 circular asks that they be spared",
                ),
            ),
            parent="Person",
            extra=("Cadre",),
        ),
        NodeLabel(
            "Cadre",
            "An official acting in person.",
            (Prop("position"),),
            parent="Person",
            extra=("Worker",),
        ),
        NodeLabel(
            "Policy",
            "A decision, circular, document or regulation.",
            (
                Prop(
                    "kind",
                    required=True,
                    allowed=("decision", "circular", "document", "regulation", "report", "program"),
                ),
                Prop("year", _YEAR),
                Prop("number", doc="document number"),
                Prop("summary"),
            ),
            parent="Entity",
        ),
        NodeLabel(
            "Statistic",
            "A published or derived count, with its source; MEASURES ties it to what it counts.",
            (
                Prop("measure", required=True),
                Prop("value", "float", True),
                Prop("unit", required=True),
                Prop("period", required=True),
                Prop("derived", "bool", doc="computed from other statistics"),
                Prop("derivedFrom", "list[ref]"),
                Prop("reportedBy", doc="who published it"),
            ),
            parent="Entity",
        ),
        NodeLabel(
            "Source",
            "Evidence: an interview, publication, document or yearbook.",
            (
                Prop(
                    "kind",
                    required=True,
                    allowed=(
                        "interview",
                        "publication",
                        "document",
                        "yearbook",
                        "press",
                        "observation",
                        "synthetic",
                        "user",
                    ),
                ),
                Prop("citation", required=True),
                Prop("date", doc="ISO date or year"),
                Prop("place"),
                Prop("footnote", "int", doc="footnote number in the chapter"),
            ),
            parent="Entity",
        ),
    )
}

_ORG = ("Organization",)
_PERSON = ("Person",)
_SINCE = (Prop("since", _YEAR), Prop("until", _YEAR))
_YEARP = Prop("year", _YEAR)
_REL_COMMON = (
    Prop("id", doc="stable id; derived from type, ends and key when omitted"),
    Prop("sources", "list[ref]", True, doc="Source ids: the evidence"),
    Prop(
        "evidence",
        required=True,
        allowed=EVIDENCE_GRADES,
        doc="how the sources support the tie: stated, general or inferred",
    ),
    Prop(
        "quote",
        doc="the cited passage, verbatim (required when evidence is stated or general)",
    ),
    Prop("note", doc="free text; for an inferred tie, the coder's reasoning"),
    Prop("synthetic", "bool"),
)

REL_TYPES: dict[str, RelType] = {
    rel.name: rel
    for rel in (
        # vertical: the command pyramid
        RelType(
            "PART_OF",
            "vertical",
            "A jurisdiction within a larger one.",
            ("Jurisdiction",),
            ("Jurisdiction",),
        ),
        RelType(
            "LOCATED_IN",
            "vertical",
            "An organization's place in the territorial pyramid.",
            _ORG,
            ("Jurisdiction",),
        ),
        RelType(
            "SUPERVISES",
            "vertical",
            "Command: a bureau over a lower office or its firms.",
            _ORG,
            _ORG,
            _SINCE,
        ),
        RelType(
            "REPORTS_TO",
            "vertical",
            "Numbers or names reported upward.",
            _ORG,
            _ORG,
            (Prop("what"),),
        ),
        RelType(
            "ALLOCATES_QUOTA",
            "vertical",
            "A quota handed down a level.",
            ("Organization", "Jurisdiction"),
            ("Organization", "Jurisdiction"),
            (
                Prop("quotaKind", required=True, allowed=QUOTA_KINDS),
                Prop("amount", "int"),
                Prop("unit"),
                _YEARP,
            ),
            key=("quotaKind", "year"),
        ),
        RelType(
            "SENDS_LIST",
            "vertical",
            "A name list passed down or up.",
            _ORG,
            _ORG,
            (
                Prop("direction", required=True, allowed=("down", "up")),
                Prop("purpose", required=True),
            ),
            key=("purpose",),
        ),
        RelType("ISSUES", "vertical", "An organ issues a policy.", _ORG, ("Policy",), (_YEARP,)),
        RelType(
            "IMPLEMENTS", "vertical", "An organ carries out a policy from above.", _ORG, ("Policy",)
        ),
        # horizontal: teams at one level
        RelType(
            "COLLABORATES_WITH",
            "horizontal",
            "Two units working together on the Project.",
            _ORG,
            _ORG,
            (Prop("purpose"), _YEARP),
            key=("purpose",),
        ),
        RelType(
            "MEMBER_OF",
            "horizontal",
            "Membership of a team or committee.",
            ("Organization", "Person"),
            _ORG,
            _SINCE,
        ),
        RelType("CHAIRS", "horizontal", "Leads a team.", ("Organization", "Person"), _ORG),
        # patronage: help to chosen workers and their ventures
        RelType(
            "RECOMMENDED",
            "patronage",
            "Put a worker forward (for an award, a base).",
            ("Organization", "Person"),
            ("Person", "Venture"),
            (Prop("recommendedTo", "ref"), Prop("purpose"), _YEARP),
        ),
        RelType(
            "AWARDED_TITLE",
            "patronage",
            "A model title at some level.",
            ("Organization", "Person"),
            ("Person", "Venture"),
            (
                Prop("title", required=True),
                Prop("level", required=True, allowed=TITLE_LEVELS),
                _YEARP,
            ),
            key=("title",),
        ),
        RelType(
            "SUPPORTED",
            "patronage",
            "A concrete benefit given to a worker or venture.",
            ("Organization", "Person"),
            ("Person", "Organization"),
            (
                Prop("kind", required=True, allowed=SUPPORT_KINDS),
                Prop("amount", "float"),
                Prop("unit"),
                _YEARP,
                Prop("instructedBy", "ref", doc="who ordered it, where the chapter says"),
                Prop("underPolicy", "ref"),
                Prop("description"),
            ),
            key=("kind",),
        ),
        RelType(
            "SPONSORS",
            "patronage",
            "Fosters a model or a venture (endorsing it as a base).",
            ("Organization", "Person"),
            ("Person", "Organization"),
            (Prop("endorsedAsBase", "bool"), Prop("instructedBy", "ref"), _YEARP),
        ),
        RelType(
            "VISITED",
            "patronage",
            "A publicized visit by a leader.",
            ("Person", "Organization"),
            ("Person", "Organization"),
            (_YEARP,),
        ),
        # employment: work, layoff, centres, ventures
        RelType("EMPLOYED_BY", "employment", "A job.", _PERSON, _ORG, (*_SINCE, Prop("role"))),
        RelType("LAID_OFF_BY", "employment", "Let go by a firm.", _PERSON, _ORG, (_YEARP,)),
        RelType(
            "ENROLLED_IN",
            "employment",
            "Admitted to (or waiting for) a reemployment centre.",
            _PERSON,
            ("ServiceUnit",),
            (Prop("allowance", allowed=("full", "half", "none")), Prop("waiting", "bool"), _YEARP),
        ),
        RelType(
            "FOUNDED",
            "employment",
            "Started a venture or unit.",
            ("Person", "Organization"),
            _ORG,
            (_YEARP,),
        ),
        RelType(
            "WORKS_AT",
            "employment",
            "Works at or manages a venture.",
            _PERSON,
            _ORG,
            (Prop("role"), *_SINCE),
        ),
        RelType(
            "REFERRED_BY",
            "employment",
            "Received workers referred by a unit.",
            ("Person", "Organization"),
            _ORG,
            (Prop("count", "int"), _YEARP),
        ),
        RelType(
            "TRAINED_BY",
            "employment",
            "Trained by a unit.",
            ("Person", "Organization"),
            _ORG,
            (Prop("skill"), Prop("count", "int"), _YEARP),
        ),
        # measurement: a figure and what it counts
        RelType(
            "MEASURES",
            "measurement",
            "A statistic counts within this jurisdiction or organization (the figure's "
            "scope). Graded like any tie: the figure's own quoted passage, when it names "
            "what is counted, makes it stated.",
            ("Statistic",),
            ("Jurisdiction", "Organization"),
        ),
    )
}


def admitted_grades(weakest: EvidenceGrade | str) -> tuple[EvidenceGrade, ...]:
    """The grades admitted when ``weakest`` is the weakest one a reader accepts.

    >>> admitted_grades("general")
    ('stated', 'general')
    """
    if weakest not in EVIDENCE_GRADES:
        raise ValueError(
            f"unknown evidence grade {weakest!r}; use one of {', '.join(EVIDENCE_GRADES)}"
        )
    return EVIDENCE_GRADES[: EVIDENCE_GRADES.index(weakest) + 1]


def prop_grade(props: Mapping[str, Any], name: str) -> EvidenceGrade:
    """The grade of one node fact: listed in ``inferredProps`` / ``generalProps``, else
    the node's ``evidence``; a node without a grade counts as ``inferred``.

    >>> prop_grade({"evidence": "stated", "generalProps": ["contract"]}, "contract")
    'general'
    """
    if name in (props.get("inferredProps") or ()):
        return "inferred"
    if name in (props.get("generalProps") or ()):
        return "general"
    grade = props.get("evidence")
    return grade if grade in EVIDENCE_GRADES else "inferred"


def primary_label(labels: Iterable[str]) -> str:
    """The one label a node is shown, exported and analysed as: the deepest label of
    the model's hierarchy among ``labels``, ties going to the label declared first in
    :data:`NODE_LABELS` (``Worker`` before ``Cadre``); ``""`` when none is a model label.

    >>> primary_label(["Entity", "Organization", "Venture", "ReemploymentBase"])
    'ReemploymentBase'
    >>> primary_label(["Cadre", "Entity", "Person", "Worker"])
    'Worker'
    """
    return _primary_label(tuple(labels))


@cache  # a graph has few distinct label sets
def _primary_label(labels: tuple[str, ...]) -> str:
    known = [label for label in labels if label in NODE_LABELS]
    if not known:
        return ""
    order = list(NODE_LABELS)
    return max(known, key=lambda label: (len(ancestry(label)), -order.index(label)))


def ancestry(label: str) -> tuple[str, ...]:
    """The label and its parents, most general first: ``('Entity', 'Organization', 'Venture')``."""
    chain: list[str] = []
    current: str | None = label
    while current is not None:
        chain.append(current)
        current = NODE_LABELS[current].parent
    return tuple(reversed(chain))


@cache
def node_props(label: str) -> dict[str, Prop]:
    """Every property a node of ``label`` may carry (its own and inherited)."""
    props: dict[str, Prop] = {}
    for name in ancestry(label):
        props.update({p.name: p for p in NODE_LABELS[name].props})
    return props


@cache
def rel_props(rel_type: str) -> dict[str, Prop]:
    """Every property a relationship of ``rel_type`` may carry."""
    return {p.name: p for p in (*_REL_COMMON, *REL_TYPES[rel_type].props)}


def rel_types_of(tie: TieKind) -> list[str]:
    """Relationship types of one tie kind."""
    return [name for name, rel in REL_TYPES.items() if rel.tie == tie]


@dataclass(frozen=True)
class RelGroup:
    """Relationship types a query follows together, short of a whole tie kind, and why."""

    name: str
    types: tuple[str, ...]
    why: str


#: The sets of relationship types that queries expand over where a whole tie kind
#: (:func:`rel_types_of`) would be wrong. A typed expansion in ``cypher/``
#: (``-[r:A|B]->``) names the tie kind or group it follows in the query's
#: ``// expands:`` header; ``tests/unit/test_cypher_expansions.py`` holds the Cypher
#: to these, so a type added to a tie kind fails the test until the Cypher follows.
REL_GROUPS: dict[str, RelGroup] = {
    group.name: group
    for group in (
        RelGroup("job", ("EMPLOYED_BY", "LAID_OFF_BY"), "the firm a person works at or left"),
        RelGroup(
            "venture",
            ("FOUNDED", "WORKS_AT"),
            "a venture a person started or works at (not a job in a firm, not a centre)",
        ),
        RelGroup(
            "membership",
            ("MEMBER_OF", "CHAIRS"),
            "sitting on or chairing a team: the horizontal ties that point at the group",
        ),
        RelGroup(
            "affiliation",
            ("EMPLOYED_BY", "MEMBER_OF", "CHAIRS"),
            "the organizations a person acts for: their employer and the teams they sit on",
        ),
        RelGroup(
            "backing",
            ("SUPPORTED", "SPONSORS"),
            "material help and sponsorship, what makes a venture a base and what an office "
            "is instructed to give (both carry instructedBy); not a title, a recommendation "
            "or a visit",
        ),
        RelGroup(
            "command",
            ("SUPERVISES", "ALLOCATES_QUOTA"),
            "the ties by which an office above orders the one below",
        ),
        RelGroup(
            "pyramid",
            ("SUPERVISES", "ALLOCATES_QUOTA", "SENDS_LIST", "REPORTS_TO", "PART_OF", "LOCATED_IN"),
            "vertical ties among organizations and places; policies (ISSUES, IMPLEMENTS) "
            "are not part of the pyramid",
        ),
        RelGroup(
            "placement",
            (
                "EMPLOYED_BY",
                "LAID_OFF_BY",
                "ENROLLED_IN",
                "FOUNDED",
                "WORKS_AT",
                "MEMBER_OF",
                "CHAIRS",
            ),
            "the ties that place a person in an organization: a job, a layoff, a centre, "
            "a venture, a team; a referral or a course (REFERRED_BY, TRAINED_BY) does not",
        ),
    )
}


def rel_types_named(expansion: str) -> frozenset[str]:
    """The relationship types of a ``+``-joined list of tie kinds and :data:`REL_GROUPS`.

    >>> sorted(rel_types_named("job+venture"))
    ['EMPLOYED_BY', 'FOUNDED', 'LAID_OFF_BY', 'WORKS_AT']
    """
    types: set[str] = set()
    for name in (part.strip() for part in expansion.split("+")):
        if name in TIE_KINDS:
            types.update(rel_types_of(name))
        elif name in REL_GROUPS:
            types.update(REL_GROUPS[name].types)
        else:
            known = ", ".join((*TIE_KINDS, *REL_GROUPS))
            raise ValueError(f"unknown tie kind or relationship group {name!r}; known: {known}")
    return frozenset(types)


def is_a(labels: set[str] | tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    """True when a node with ``labels`` counts as one of ``wanted`` (inheritance included)."""
    have = {anc for label in labels for anc in ancestry(label)}
    return bool(have & set(wanted))
