"""Write one self-contained, script-safe HTML page for a graph.

The page inlines vis-network's script and stylesheet (vendored in ``assets/``), so
it makes no request beyond its own file. Data never becomes markup: the heading and
legend go through Jinja's autoescaping, the graph travels as JSON inside a
``<script type="application/json">`` block (with ``<``, ``>`` and ``&`` escaped so
it cannot close the block), and the page's own script writes hover text with
``textContent``. A content security policy allows only the page's two scripts, by
hash, so even markup that slipped through could not run.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup

from .. import __version__, model
from . import style
from .aggregate import AGGREGATE_MIN_NODES, aggregate_workers
from .layout import NO_LEVEL
from .network import network_data, to_network
from .visdata import VisData, build

__all__ = ["VIEWS", "View", "content_security_policy", "render_page"]

ASSETS = Path(__file__).resolve().parent / "assets"
VIS_VERSION = "9.1.2"


@dataclass(frozen=True)
class View:
    """A kind of page: how it is named and whether it is drawn as the level pyramid."""

    name: str
    label: str
    pyramid: bool


VIEWS: dict[str, View] = {
    v.name: v
    for v in (
        View("city", "City geometry", pyramid=True),
        View("worker", "Node worker", pyramid=False),
        View("team", "Leading small group", pyramid=False),
        View("venture", "Venture", pyramid=False),
        View("cypher", "Query result", pyramid=False),
    )
}


@cache
def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def content_security_policy() -> str:
    """The page's policy: no network at all, and only the page's own two scripts run."""
    scripts = " ".join(_sha256(_asset(n)) for n in ("vis-network/vis-network.min.js", "page.js"))
    return (
        f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:; connect-src 'none'; base-uri 'none'; "
        "form-action 'none'"
    )


@cache
def _template(name: str = "page.html.j2") -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ASSETS), autoescape=True, undefined=jinja2.StrictUndefined
    )
    return env.get_template(name)


def _script_json(value: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element: it cannot close it or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _legend(data: VisData) -> dict[str, list[dict[str, Any]]]:
    """Legend rows in the model's order, for what this page actually shows."""
    labels = style.label_styles()
    ties = [*model.TIE_KINDS, style.OTHER]
    bands = [*reversed(model.LEVELS), NO_LEVEL]
    return {
        "ties": [
            {
                "key": t,
                "count": data.tie_counts[t],
                "colour": s.colour,
                "width": s.width,
                "dasharray": s.svg_dasharray,
            }
            for t in ties
            if data.tie_counts[t] or t in model.TIE_KINDS
            for s in [style.tie_style(t)]
        ],
        "grades": [
            {
                "key": grade,
                "text": look.text,
                "count": data.evidence_counts[grade],
                "dasharray": look.svg_dasharray,
                "opacity": look.opacity,
            }
            for grade, look in style.EVIDENCE_STYLES.items()
        ]
        + (
            [
                {
                    "key": "ungraded",
                    "text": "ungraded: drawn as inferred",
                    "count": data.evidence_counts["ungraded"],
                    "dasharray": style.evidence_style(None).svg_dasharray,
                    "opacity": style.evidence_style(None).opacity,
                }
            ]
            if data.evidence_counts["ungraded"]
            else []
        ),
        "bands": [{"key": b, "count": data.band_counts[b]} for b in bands if data.band_counts[b]],
        "labels": [
            {
                "key": name,
                "count": data.label_counts[name],
                "colour": look.colour,
                "path": style.shape_path(look.shape),
                "dasharray": "3 2" if look.dashed else "none",
            }
            for name, look in labels.items()
            if data.label_counts[name]
        ],
        "systems": [
            {"key": s, "count": data.system_counts[s], "colour": c}
            for s, c in style.SYSTEM_COLOURS.items()
            if data.system_counts[s]
        ],
    }


def render_page(
    G: nx.MultiDiGraph,
    *,
    title: str,
    view: str = "cypher",
    focus: str | None = None,
    aggregate_above: int = AGGREGATE_MIN_NODES,
) -> str:
    """Return a self-contained HTML page drawing ``G`` (a graph in the project's contract).

    ``view`` is one of :data:`VIEWS` (``city`` is drawn as the level pyramid);
    ``focus`` names a node drawn larger (the worker of a worker view). Graphs with more
    than ``aggregate_above`` nodes have plain workers folded into counted nodes, and
    the page says so.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("labor-bureau", labels=["Organization", "StateOrgan"], name="Labor Bureau",
    ...            level="city", system="labor")
    >>> html = render_page(G, title="One bureau", view="city")
    >>> "https://" in html.split("<style>")[0]
    False
    """
    kind = VIEWS.get(view, VIEWS["cypher"])
    drawn, aggregation = aggregate_workers(G, min_nodes=aggregate_above)
    data = build(drawn, pyramid=kind.pyramid, focus=focus)
    page = network_data(to_network(data, heading=title))
    return _template().render(
        csp=content_security_policy(),
        version=__version__,
        vis_version=VIS_VERSION,
        title=page["heading"],
        view_label=kind.label,
        node_count=f"{len(data.nodes):,}",
        edge_count=f"{len(data.edges):,}",
        notice=aggregation.notice() if aggregation else "",
        **_legend(data),
        data_json=_script_json(
            {"nodes": page["nodes"], "edges": page["edges"], "options": page["options"]}
        ),
        vis_css=Markup(_asset("vis-network/vis-network.min.css")),
        vis_js=Markup(_asset("vis-network/vis-network.min.js")),
        page_js=Markup(_asset("page.js")),
    )
