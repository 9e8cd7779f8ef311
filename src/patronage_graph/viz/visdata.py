"""Turn a graph (the project's graph contract) into vis-network nodes, edges and options.

Everything taken from the data goes into plain JSON fields: ``label`` (drawn on the
canvas as text) and ``info`` (key/value pairs the page's own script shows with
``textContent``). No field is ever handed to vis-network as HTML, so a name such as
``<img onerror=...>`` is shown, not run.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from . import style
from .layout import PHYSICS_MAX_NODES, band_of, node_ranks, positions

__all__ = ["VisData", "build"]

_LABEL_CHARS = 40
_VALUE_CHARS = 300
#: Edge captions ("loan", "model worker") are drawn only on small pages.
_CAPTION_MAX_EDGES = 400
# Node attributes of the graph contract that are shown otherwise than as properties.
_CONTRACT_ATTRS = ("labels", "label", "name")
# What a patronage tie "gave", in the order the caption prefers.
_GIFT_PROPS = ("kind", "title", "purpose", "quotaKind", "role")


@dataclass
class VisData:
    """The data of one page: vis-network nodes, edges, options, and counts for the legend."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    label_counts: Counter[str] = field(default_factory=Counter)
    system_counts: Counter[str] = field(default_factory=Counter)
    tie_counts: Counter[str] = field(default_factory=Counter)
    evidence_counts: Counter[str] = field(default_factory=Counter)
    band_counts: Counter[str] = field(default_factory=Counter)


def _text(value: Any) -> str:
    if type(value) is str and len(value) <= _VALUE_CHARS:  # the common case, kept cheap
        return value
    if isinstance(value, list | tuple):
        text = ", ".join(str(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = str(value)
    return text if len(text) <= _VALUE_CHARS else text[: _VALUE_CHARS - 1] + "…"


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"


def _node_info(node: Hashable, attrs: Mapping[str, Any]) -> list[list[str]]:
    info = [["name", _text(attrs.get("name", node))], ["id", _text(node)]]
    info.append(["labels", _text(attrs.get("labels", []))])
    info += [[str(k), _text(v)] for k, v in sorted(attrs.items()) if k not in _CONTRACT_ATTRS]
    return info


def _vis_node(
    node: Hashable, attrs: Mapping[str, Any], pos: tuple[float, float], physics: bool
) -> dict[str, Any]:
    label = str(attrs.get("label") or style.most_specific_label(attrs.get("labels", [])))
    look = style.node_style(label)
    colour = style.node_colour(label, attrs.get("system"))
    count = attrs.get("count")
    size = 10 + 3 * min(20.0, float(count) ** 0.5) if isinstance(count, int) else 14
    band = band_of(attrs)
    return {
        "id": str(node),
        "label": _short(str(attrs.get("name", node))),
        "shape": look.shape,
        "shapeProperties": {"borderDashes": [4, 3] if look.dashed else False},
        # Names inside a box wrap instead of stretching it across the band.
        "widthConstraint": {"maximum": 130} if look.shape == "box" else False,
        "size": size,
        "color": {"background": colour, "border": "#333333"},
        "baseColor": colour,
        "x": round(pos[0], 1),
        "y": round(pos[1], 1),
        # Levelled nodes keep their band's height even while physics settles the rest.
        "fixed": {"x": not physics, "y": not physics or band != "no level"},
        "band": band,
        "kind": label,
        "info": _node_info(node, attrs),
    }


def _caption(data: Mapping[str, Any]) -> str:
    for prop in _GIFT_PROPS:
        if data.get(prop) not in (None, ""):
            return _short(str(data[prop]))
    return ""


def _vis_edge(
    key: Hashable, u: Hashable, v: Hashable, data: Mapping[str, Any], captions: bool
) -> dict[str, Any]:
    tie = str(data.get("tie", style.OTHER))
    look = style.tie_style(tie)
    grade = str(data.get("evidence") or "ungraded")
    graded = style.evidence_style(data.get("evidence"))
    info = [["type", _text(data.get("type", ""))], ["tie", tie], ["evidence", grade]]
    if data.get("quote"):
        info.append(["quote", _text(data["quote"])])
    info += [["from", str(u)], ["to", str(v)], ["sources", _text(data.get("sources", []))]]
    skip = {"type", "tie", "sources", "evidence", "quote"}
    info += [[str(k), _text(val)] for k, val in sorted(data.items()) if k not in skip]
    edge = {
        "id": str(key),
        "from": str(u),
        "to": str(v),
        "tie": tie if tie in style.TIE_STYLES else style.OTHER,
        "evidence": grade,
        "color": {"color": look.colour, "opacity": graded.opacity},
        "baseColor": look.colour,
        "baseOpacity": graded.opacity,
        "dashes": list(graded.dashes) if graded.dashes else look.vis_dashes,
        "width": look.width,
        "info": info,
    }
    if captions and (caption := _caption(data)):
        edge["label"] = caption
    return edge


def _options(physics: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -9000,
                "centralGravity": 0.05,
                "springLength": 220,
                "springConstant": 0.02,
                "avoidOverlap": 0.6,
            },
            "stabilization": {"enabled": physics, "iterations": 150, "fit": True},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": not physics,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {"font": {"size": 12, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 10, "align": "middle", "color": "#444444"},
            "selectionWidth": 2,
        },
    }


def build(G: nx.MultiDiGraph, *, pyramid: bool, focus: str | None = None) -> VisData:
    """vis-network data for ``G``: positions from :mod:`layout`, styles from :mod:`style`."""
    # The pyramid is final as placed; other small views settle briefly in the browser.
    physics = not pyramid and G.number_of_nodes() <= PHYSICS_MAX_NODES
    ranks = node_ranks(G)
    pos = positions(G, pyramid=pyramid, ranks=ranks)
    data = VisData(nodes=[], edges=[], options=_options(physics))
    for node, attrs in G.nodes(data=True):
        vis = _vis_node(node, attrs, pos[node], physics)
        if focus is not None and str(node) == focus:
            vis["size"] = 26
            vis["borderWidth"] = 4
        data.nodes.append(vis)
        data.label_counts[vis["kind"]] += 1
        data.band_counts[vis["band"]] += 1
        if attrs.get("system") in style.SYSTEM_COLOURS:
            data.system_counts[str(attrs["system"])] += 1
    captions = G.number_of_edges() <= _CAPTION_MAX_EDGES
    seen: set[str] = set()
    parallel: Counter[tuple[str, str]] = Counter()
    for u, v, key, edge_attrs in G.edges(keys=True, data=True):
        edge = _vis_edge(key, u, v, edge_attrs, captions)
        # Several ties between one pair (a loan and a title) curve apart to stay readable.
        pair = (min(str(u), str(v)), max(str(u), str(v)))
        if nth := parallel[pair]:
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * nth}
        parallel[pair] += 1
        if edge["id"] in seen:  # hand-built graphs reuse keys 0, 1, ... per pair
            edge["id"] = f"{u}|{v}|{key}"
        seen.add(edge["id"])
        data.edges.append(edge)
        data.tie_counts[edge["tie"]] += 1
        data.evidence_counts[edge["evidence"]] += 1
    return data
