"""The visual grammar of the pages, derived from the ontology in :mod:`patronage_graph.model`.

Nothing here lists labels, systems or tie kinds by hand: each comes from the
model registry and is given a style by its position in it, so a label, system or
tie kind added to the model gets a style (and a legend entry) without an edit here.

* tie kind -> colour **and** line style (so the four kinds stay apart in grey print);
* evidence grade -> an inferred tie (the coder's reasoning) is drawn faint and
  dashed whatever its kind; stated and general ties keep their kind's line;
* node label -> shape; organization system -> fill colour (other nodes: by label);
* level -> vertical band (see :mod:`patronage_graph.viz.layout`).
"""

from __future__ import annotations

import colorsys
import math
from collections.abc import Iterable
from dataclasses import dataclass

from .. import model

__all__ = [
    "AGGREGATE",
    "EVIDENCE_STYLES",
    "INFERRED_DASHES",
    "OTHER",
    "SYSTEM_COLOURS",
    "TIE_STYLES",
    "EvidenceStyle",
    "LabelStyle",
    "TieStyle",
    "evidence_style",
    "label_styles",
    "most_specific_label",
    "node_colour",
    "shape_path",
    "system_colours",
    "tie_style",
]

#: Key used for values outside the model (ad-hoc Cypher, user data).
OTHER = "other"


@dataclass(frozen=True)
class TieStyle:
    """How one tie kind is drawn: vis-network dash pattern, colour and width."""

    colour: str
    dashes: tuple[int, ...]
    width: float

    @property
    def vis_dashes(self) -> list[int] | bool:
        return list(self.dashes) if self.dashes else False

    @property
    def svg_dasharray(self) -> str:
        return " ".join(str(d) for d in self.dashes) if self.dashes else "none"


@dataclass(frozen=True)
class LabelStyle:
    """How nodes of one label are drawn: vis-network shape, border and default fill."""

    shape: str
    colour: str
    dashed: bool = False


# Distinct hues and dash patterns, assigned to the model's tie kinds in order
# (vertical, horizontal, patronage, employment): solid, long dash, dot, dash-dot.
_TIE_COLOURS = ("#1f4e9c", "#2e9d4a", "#d62728", "#8c6d31", "#7f3fbf", "#17becf")
_TIE_DASHES: tuple[tuple[int, ...], ...] = ((), (12, 6), (2, 5), (10, 4, 2, 4), (6, 6), (1, 3))
_TIE_WIDTHS = (2.4, 2.0, 2.2, 1.4, 1.6, 1.6)
# The shape of each label, and whether its border is dashed: labels that share a
# shape differ in border, and labels drawn together (a firm and its bureau, a worker
# and her venture) differ in shape. A test checks that every label of the model is
# here and that no two share a look; a label added to the model without an entry
# still gets a (dashed, rotating) shape from _FALLBACK_SHAPES.
_SHAPE_OF: dict[str, tuple[str, bool]] = {
    "Jurisdiction": ("dot", False),
    "Organization": ("square", True),
    "StateOrgan": ("diamond", False),
    "MassOrganization": ("hexagon", False),
    "Enterprise": ("square", False),
    "ServiceUnit": ("triangleDown", False),
    "LeadingSmallGroup": ("star", False),
    # Ventures are the only boxes (name inside): the bases the chapter is about stand out.
    "Venture": ("box", True),
    "ReemploymentBase": ("box", False),
    "Person": ("triangle", True),
    "Worker": ("triangle", False),
    "Cadre": ("hexagon", True),
    "Policy": ("diamond", True),
    "Statistic": ("triangleDown", True),
    "Source": ("dot", True),
}
_FALLBACK_SHAPES = ("dot", "diamond", "hexagon", "star", "triangleDown", "triangle")


def _palette(count: int, saturation: float = 0.55, value: float = 0.85) -> list[str]:
    """``count`` well-separated colours (golden-angle hues)."""
    colours = []
    for index in range(count):
        hue = (index * 0.381966) % 1.0
        r, g, b = colorsys.hsv_to_rgb(hue, saturation, value)
        colours.append(f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}")
    return colours


TIE_STYLES: dict[str, TieStyle] = {
    tie: TieStyle(_TIE_COLOURS[i], _TIE_DASHES[i], _TIE_WIDTHS[i])
    for i, tie in enumerate(model.TIE_KINDS)
}
_OTHER_TIE = TieStyle("#888888", (1, 3), 1.0)


def tie_style(tie: str) -> TieStyle:
    return TIE_STYLES.get(tie, _OTHER_TIE)


@dataclass(frozen=True)
class EvidenceStyle:
    """How a tie's evidence grade changes its line: a dash pattern over the kind's, if any."""

    dashes: tuple[int, ...] | None
    opacity: float
    text: str

    @property
    def svg_dasharray(self) -> str:
        return " ".join(str(d) for d in self.dashes) if self.dashes else "none"


#: Dash pattern of an inferred tie: unlike every tie kind's (see _TIE_DASHES).
INFERRED_DASHES: tuple[int, ...] = (4, 9)
_GRADE_TEXT = {
    "stated": "stated: the source says it of these actors (line of its kind)",
    "general": "general: the source states the practice (line of its kind)",
    "inferred": "inferred: the coder's reasoning, not the source (dashed, faint)",
}
#: The model's grades, strongest first; only the weakest is drawn apart (dashed).
EVIDENCE_STYLES: dict[str, EvidenceStyle] = {
    grade: EvidenceStyle(
        INFERRED_DASHES if grade == model.EVIDENCE_GRADES[-1] else None,
        0.5 if grade == model.EVIDENCE_GRADES[-1] else 0.85,
        _GRADE_TEXT.get(grade, grade),
    )
    for grade in model.EVIDENCE_GRADES
}


def evidence_style(grade: object) -> EvidenceStyle:
    """The style of a grade; a tie without one is drawn as inferred (nothing vouches for it)."""
    return EVIDENCE_STYLES.get(str(grade), EVIDENCE_STYLES[model.EVIDENCE_GRADES[-1]])


def _drawn_labels() -> list[str]:
    """Labels a node can be drawn as: every model label except the root ``Entity``."""
    return [name for name, label in model.NODE_LABELS.items() if label.parent is not None]


def label_styles() -> dict[str, LabelStyle]:
    """Shape, border and fallback colour per model label, plus ``other`` and the aggregate."""
    labels = _drawn_labels()
    colours = _palette(len(labels), saturation=0.35, value=0.75)
    styles = {}
    for i, name in enumerate(labels):
        shape, dashed = _SHAPE_OF.get(name, (_FALLBACK_SHAPES[i % len(_FALLBACK_SHAPES)], True))
        styles[name] = LabelStyle(shape, colours[i], dashed)
    styles[AGGREGATE] = LabelStyle("dot", "#b0b0b0", dashed=True)
    styles[OTHER] = LabelStyle("dot", "#9e9e9e", dashed=True)
    return styles


#: Label given to the counted nodes that stand for many workers (see aggregate.py).
AGGREGATE = "Workers (counted)"


def system_colours() -> dict[str, str]:
    """A fill colour per organizational system, in the model's order."""
    return dict(zip(model.SYSTEMS, _palette(len(model.SYSTEMS)), strict=True))


SYSTEM_COLOURS = system_colours()
_LABEL_STYLES = label_styles()


def most_specific_label(labels: Iterable[str]) -> str:
    """The model's primary label (:func:`patronage_graph.model.primary_label`), else ``other``."""
    return model.primary_label(labels) or OTHER


def node_style(label: str) -> LabelStyle:
    return _LABEL_STYLES.get(label, _LABEL_STYLES[OTHER])


def node_colour(label: str, system: object) -> str:
    """Organizations are coloured by system (their xitong); everything else by label."""
    if isinstance(system, str) and system in SYSTEM_COLOURS:
        return SYSTEM_COLOURS[system]
    return node_style(label).colour


def shape_path(shape: str, size: float = 7.0, centre: float = 9.0) -> str:
    """An SVG path drawing ``shape`` for the legend (same shapes vis-network draws)."""
    c, s = centre, size
    if shape == "square":
        return f"M{c - s},{c - s}h{2 * s}v{2 * s}h{-2 * s}z"
    if shape == "diamond":
        return f"M{c},{c - s}L{c + s},{c}L{c},{c + s}L{c - s},{c}z"
    if shape == "triangle":
        return f"M{c},{c - s}L{c + s},{c + s}L{c - s},{c + s}z"
    if shape == "triangleDown":
        return f"M{c - s},{c - s}L{c + s},{c - s}L{c},{c + s}z"
    if shape in ("star", "hexagon"):
        points = 10 if shape == "star" else 6
        coords = []
        for i in range(points):
            radius = s if shape == "hexagon" or i % 2 == 0 else s * 0.45
            angle = -math.pi / 2 + i * 2 * math.pi / points
            coords.append(f"{c + radius * math.cos(angle):.1f},{c + radius * math.sin(angle):.1f}")
        return "M" + "L".join(coords) + "z"
    if shape == "box":
        return f"M{c - s - 1},{c - s * 0.6}h{2 * s + 2}v{1.2 * s}h{-2 * s - 2}z"
    if shape == "ellipse":
        rx, ry = s + 1, s * 0.6
        return f"M{c - rx},{c}a{rx},{ry} 0 1,0 {2 * rx},0a{rx},{ry} 0 1,0 {-2 * rx},0"
    if shape == "database":
        top, h = c - s + 2, 2 * s - 4
        return (
            f"M{c - s},{top}a{s},2 0 1,0 {2 * s},0a{s},2 0 1,0 {-2 * s},0v{h}"
            f"a{s},2 0 0,0 {2 * s},0v{-h}"
        )
    return f"M{c - s},{c}a{s},{s} 0 1,0 {2 * s},0a{s},{s} 0 1,0 {-2 * s},0"
