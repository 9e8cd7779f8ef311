#!/usr/bin/env python3
"""Write docs/schema.md from src/patronage_graph/model.py (the one ontology registry).

    .venv/bin/python scripts/gen_schema_doc.py          # rewrite docs/schema.md
    .venv/bin/python scripts/gen_schema_doc.py --check  # exit 1 if it is out of date

tests/unit/test_schema_doc.py fails when the committed file differs from render().
"""

from __future__ import annotations

import sys
from pathlib import Path

from patronage_graph import model

DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"

INTRO = """\
# Schema: the model of patronage-graph

<!-- Generated from src/patronage_graph/model.py by scripts/gen_schema_doc.py.
     Do not edit by hand: change model.py and run the script. -->

Every node carries the label `Entity` and a unique `id` (a readable slug), plus its
own label and that label's parents: a `Venture` is `Entity:Organization:Venture`.
Every relationship carries `tie` (its tie kind, below), a stable `id` and
`sources`: a non-empty list of `Source` ids, the evidence for it. Filter by tie kind
in your own Cypher:

```cypher
MATCH (o)-[r {tie: 'patronage'}]->(w:Worker) RETURN o.name, type(r), w.name, r.sources
```

A relationship's `id` is given in the data or derived as
`<from>-<TYPE>-><to>` followed by `#prop=value` for each of the type's key
properties (e.g. `union-SUPPORTED->gate-maker#kind=loan`), so reloading the same
data merges onto the same relationship. Types are `str` (text), `int`, `float`,
`bool`, `list[str]`, `ref` (the id of another node) and `list[ref]`.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _props_table(props: tuple[model.Prop, ...]) -> list[str]:
    if not props:
        return ["_No properties of its own._", ""]
    rows = ["| property | type | required | allowed values | meaning |", "|---|---|---|---|---|"]
    for p in props:
        allowed = ", ".join(f"`{v}`" for v in p.allowed) if p.allowed else ""
        rows.append(
            f"| `{p.name}` | {p.type} | {'yes' if p.required else ''} | {allowed} | "
            f"{_cell(p.doc)} |"
        )
    return [*rows, ""]


def _hierarchy() -> list[str]:
    lines = ["```mermaid", "classDiagram", "  direction LR"]
    for name, label in model.NODE_LABELS.items():
        if label.parent:
            lines.append(f"  {label.parent} <|-- {name}")
        for extra in label.extra:
            lines.append(f"  {name} .. {extra} : may also be")
    return [*lines, "```", ""]


def _tie_diagram(tie: str) -> list[str]:
    lines = ["```mermaid", "flowchart LR"]
    for name in model.rel_types_of(tie):  # type: ignore[arg-type]
        rel = model.REL_TYPES[name]
        for start in rel.start:
            for end in rel.end:
                lines.append(f"  {start} -->|{name}| {end}")
    return [*lines, "```", ""]


def _labels() -> list[str]:
    lines = ["## Node labels", ""]
    for name, label in model.NODE_LABELS.items():
        lines += [f"### `{name}`", "", label.doc, ""]
        facts = []
        if label.parent:
            facts.append(
                f"parent: `{label.parent}` (a node carries {', '.join(model.ancestry(name))})"
            )
        if label.extra:
            facts.append("may also carry " + ", ".join(f"`{x}`" for x in label.extra))
        if label.extra_only:
            facts.append("only ever an extra label, given with `extra_labels`")
        if facts:
            lines += ["* " + fact for fact in facts] + [""]
        lines += _props_table(label.props)
    return lines


def _rels() -> list[str]:
    lines = [
        "## Relationship types",
        "",
        "Every relationship type may carry these properties:",
        "",
        *_props_table(model._REL_COMMON),
    ]
    for tie in model.TIE_KINDS:
        lines += [f"### Tie kind `{tie}`", "", *_tie_diagram(tie)]
        for name in model.rel_types_of(tie):
            rel = model.REL_TYPES[name]
            key = ", ".join(f"`{k}`" for k in rel.key) or "none (one per pair of ends)"
            lines += [
                f"#### `{name}`",
                "",
                rel.doc,
                "",
                f"* from: {', '.join(f'`{s}`' for s in rel.start)}",
                f"* to: {', '.join(f'`{e}`' for e in rel.end)}",
                f"* key: {key}",
                "",
                *_props_table(rel.props),
            ]
    return lines


def _groups() -> list[str]:
    lines = [
        "## Relationship groups",
        "",
        "Queries that follow several types short of a whole tie kind name one of these in",
        "their `// expands:` header (`model.REL_GROUPS`; tests/unit/test_cypher_expansions.py",
        "holds every `[:A|B]` in `cypher/` to a tie kind or a group).",
        "",
        "| group | relationship types | why these |",
        "|---|---|---|",
    ]
    lines += [
        f"| `{g.name}` | {', '.join(f'`{t}`' for t in g.types)} | {_cell(g.why)} |"
        for g in model.REL_GROUPS.values()
    ]
    return [*lines, ""]


def render() -> str:
    """The whole of docs/schema.md."""
    ties = ["## Tie kinds", "", "| tie kind | relationship types |", "|---|---|"]
    ties += [
        f"| `{t}` | {', '.join(f'`{r}`' for r in model.rel_types_of(t))} |" for t in model.TIE_KINDS
    ]
    parts = [INTRO, *ties, "", *_groups(), "## Label hierarchy", "", *_hierarchy(), *_labels()]
    parts += _rels()
    return "\n".join(parts).rstrip() + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC} is out of date: run scripts/gen_schema_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
