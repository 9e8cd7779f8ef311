"""Every Cypher query of the project, loaded by name from ``cypher/*.cypher``.

A file holds one or more queries; each opens with a header::

    // name: patronage_chain
    // mode: read            (read | write | schema)
    // params: worker_id, max_hops        (or: none)
    // returns: step, from_id, to_id, type, tie, level, sources
    // template: rel_type    (optional: identifiers pasted from a whitelist)
    // expands: patronage, job+venture   (optional: see below)
    // One line or more on what the query answers.
    MATCH ...

The registry is built once, refuses duplicate names and malformed headers, and
is frozen afterwards. Labels and relationship types cannot be Cypher
parameters; where a query needs one, the header declares a ``template`` slot
written ``{{slot}}`` in the body, and :meth:`Query.render` fills it only with an
identifier from a caller-supplied whitelist (the model registry).

Relationship types cannot be parameters of a pattern either, so a query that
follows several (``-[r:RECOMMENDED|AWARDED_TITLE|...]->``) spells them out; its
``expands`` header names, for each such set, the tie kind or ``+``-joined
:data:`patronage_graph.model.REL_GROUPS` it stands for, and a unit test holds
every set to the model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from .errors import QueryRegistryError
from .resources import resource_path

__all__ = ["Query", "QueryRegistry", "load_registry", "registry"]

Mode = Literal["read", "write", "schema"]
_MODES = ("read", "write", "schema")
_HEADER = re.compile(r"^//\s*(name|mode|params|returns|template|expands)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_SLOT = re.compile(r"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_STRINGS_AND_COMMENTS = re.compile(
    r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.S
)


def _split_list(value: str) -> tuple[str, ...]:
    if value.strip().lower() in ("", "none", "-"):
        return ()
    return tuple(item.strip() for item in value.split(",") if item.strip())


@dataclass(frozen=True)
class Query:
    """One named query and its declared contract."""

    name: str
    mode: Mode
    params: tuple[str, ...]
    returns: tuple[str, ...]
    description: str
    text: str
    path: Path
    line: int
    template: tuple[str, ...] = ()
    #: The tie kinds or relationship groups its typed expansions follow (``// expands:``).
    expands: tuple[str, ...] = ()

    def used_params(self) -> set[str]:
        """The ``$parameters`` that the body actually uses."""
        return set(_PARAM.findall(_STRINGS_AND_COMMENTS.sub("''", self.text)))

    def statements(self) -> list[str]:
        """The body split into statements (schema files hold several)."""
        statements = []
        for part in re.split(r";\s*(?:\n|$)", self.text):
            code = [
                ln for ln in part.splitlines() if ln.strip() and not ln.strip().startswith("//")
            ]
            if code:
                statements.append("\n".join(code))
        return statements

    def render(self, allowed: Mapping[str, Iterable[str]], **slots: str) -> str:
        """Fill ``{{slot}}`` identifiers, each of which must be in ``allowed[slot]``."""
        if set(slots) != set(self.template):
            raise QueryRegistryError(
                f"query {self.name!r} needs template slots {sorted(self.template)}, "
                f"got {sorted(slots)}"
            )
        for slot, value in slots.items():
            if not _IDENTIFIER.match(value) or value not in set(allowed.get(slot, ())):
                raise QueryRegistryError(f"{value!r} is not an allowed {slot} for {self.name!r}")
        return _SLOT.sub(lambda m: slots[m.group(1)], self.text)


@dataclass(frozen=True)
class QueryRegistry:
    """Read-only mapping of query name to :class:`Query`."""

    queries: Mapping[str, Query] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Query:
        try:
            return self.queries[name]
        except KeyError:
            known = ", ".join(sorted(self.queries))
            raise QueryRegistryError(f"no query named {name!r}; known: {known}") from None

    def __contains__(self, name: object) -> bool:
        return name in self.queries

    def __iter__(self) -> Iterator[Query]:
        return iter(self.queries.values())

    def __len__(self) -> int:
        return len(self.queries)

    def names(self) -> list[str]:
        return sorted(self.queries)


def _parse_file(path: Path) -> list[Query]:
    queries: list[Query] = []
    header: dict[str, str] = {}
    description: list[str] = []
    body: list[str] = []
    start = 0

    def flush() -> None:
        if not header:
            if any(line.strip() and not line.strip().startswith("//") for line in body):
                raise QueryRegistryError(f"{path}:1: Cypher before the first '// name:' header")
            return
        queries.append(_build(path, start, header, description, body))

    in_header = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _HEADER.match(raw.strip())
        if match and match.group(1) == "name":
            flush()
            header, description, body, start, in_header = {}, [], [], number, True
        if match and in_header:
            key = match.group(1)
            if key in header:
                raise QueryRegistryError(f"{path}:{number}: '{key}' given twice in one header")
            header[key] = match.group(2)
        elif in_header and raw.strip().startswith("//"):
            description.append(raw.strip().lstrip("/").strip())
        else:
            in_header = False
            body.append(raw)
    flush()
    return queries


def _build(
    path: Path, line: int, header: dict[str, str], description: list[str], body: list[str]
) -> Query:
    where = f"{path}:{line}"
    for key in ("name", "mode", "params", "returns"):
        if key not in header:
            raise QueryRegistryError(f"{where}: header lacks '// {key}:'")
    if header["mode"] not in _MODES:
        raise QueryRegistryError(f"{where}: mode must be one of {_MODES}, not {header['mode']!r}")
    text = "\n".join(body).strip()
    if not text:
        raise QueryRegistryError(f"{where}: query {header['name']!r} has no body")
    return Query(
        name=header["name"],
        mode=header["mode"],  # type: ignore[arg-type]
        params=_split_list(header["params"]),
        returns=_split_list(header["returns"]),
        description=" ".join(description),
        text=text,
        path=path,
        line=line,
        template=_split_list(header.get("template", "")),
        expands=_split_list(header.get("expands", "")),
    )


def load_registry(directory: Path) -> QueryRegistry:
    """Parse every ``*.cypher`` file below ``directory``; refuse duplicate names."""
    found: dict[str, Query] = {}
    for path in sorted(directory.rglob("*.cypher")):
        for query in _parse_file(path):
            if query.name in found:
                first = found[query.name]
                raise QueryRegistryError(
                    f"{query.path}:{query.line}: query {query.name!r} already defined at "
                    f"{first.path}:{first.line}"
                )
            found[query.name] = query
    return QueryRegistry(MappingProxyType(found))


@cache
def registry() -> QueryRegistry:
    """The project's queries, loaded once from the bundled ``cypher/`` folder."""
    return load_registry(resource_path("cypher"))
