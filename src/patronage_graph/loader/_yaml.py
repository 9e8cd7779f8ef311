"""Read loader YAML files, remembering the line of every mapping and key.

PyYAML forgets where a value came from once it is a ``dict``; the loader must
name file and line in every problem, so mappings are built as :class:`LineDict`
(a ``dict`` that also knows its own line, the line of each key, and any key given
twice). Dates are kept as text (``2000-09-13`` stays a string) because the model
stores dates as ISO strings, and a ``datetime.date`` cannot round-trip the
``SET n = props`` comparison that makes reloads exact.

Anything a file can do wrong — bad bytes, bad YAML, nesting too deep — becomes a
:class:`~patronage_graph.errors.Problem`, never an exception.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any, ClassVar

import yaml

from ..errors import Problem

__all__ = ["LineDict", "read_yaml"]

#: Files larger than this are refused before parsing (the parser holds it all in memory).
MAX_FILE_BYTES = 512 * 1024 * 1024
#: Most alias uses (``*name``) one document may make, as SnakeYAML's default: a few
#: dozen aliases of aliases already describe billions of values (an "alias bomb").
MAX_ALIASES = 50

# libyaml (C) is fast and refuses nesting deeper than 1000 levels by itself;
# the pure-Python parser recurses instead, so RecursionError is caught below.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict[Any, Any]):
    """A mapping from YAML that knows its 1-based line and each key's line."""

    line: int
    key_lines: dict[Any, int]
    repeated: list[tuple[Any, int]]


class TooManyAliases(yaml.YAMLError):
    """A document uses more aliases than :data:`MAX_ALIASES`."""

    def __init__(self, line: int) -> None:
        super().__init__(f"more than {MAX_ALIASES} aliases")
        self.line = line


class _LineLoader(_Base):  # type: ignore[misc]
    """A safe loader whose mappings are :class:`LineDict` and whose dates stay text."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A node met again is an alias use (composed once, referenced again).
        if node in self.constructed_objects:
            self.aliases_used = getattr(self, "aliases_used", 0) + 1
            if self.aliases_used > MAX_ALIASES:
                raise TooManyAliases(node.start_mark.line + 1)
        return super().construct_object(node, deep=deep)


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> Any:
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    data.repeated = []
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            # An unhashable key (a list or a mapping used as key): keep a short readable
            # form (never the whole repr: aliases can make it astronomically long).
            key = f"<{type(key).__name__} at line {key_node.start_mark.line + 1}>"
        line = key_node.start_mark.line + 1
        if key in data:
            data.repeated.append((key, line))
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = line


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _decode(raw: bytes, name: str) -> tuple[str | None, Problem | None]:
    """Text of the file: UTF-8 (BOM allowed) or UTF-16/32 with a BOM."""
    boms = {
        codecs.BOM_UTF32_LE: "utf-32",
        codecs.BOM_UTF32_BE: "utf-32",
        codecs.BOM_UTF16_LE: "utf-16",
        codecs.BOM_UTF16_BE: "utf-16",
    }
    # UTF-32-LE's BOM starts with UTF-16-LE's, so the longer ones are tried first.
    codec = next((c for bom, c in boms.items() if raw.startswith(bom)), "utf-8-sig")
    try:
        return raw.decode(codec), None
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1 if codec == "utf-8-sig" else None
        return None, Problem(
            name,
            line,
            None,
            f"not valid {codec.removesuffix('-sig')} text (byte {e.start}): save the file as UTF-8",
        )


def _yaml_problem(name: str, text: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        line: int | None = mark.line + 1
    elif isinstance(error, yaml.reader.ReaderError):
        line = text[: error.position].count("\n") + 1
    else:
        line = None
    what = getattr(error, "problem", None) or str(error).splitlines()[0]
    if isinstance(error, yaml.reader.ReaderError):
        what = f"character {error.character!r} is not allowed in YAML"
    return Problem(name, line, None, f"not valid YAML: {what}; fix the syntax there")


def read_yaml(path: Path, name: str | None = None) -> tuple[Any, list[Problem]]:
    """Parse one file; return its data (``None`` on failure) and any problems."""
    name = name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                Problem(
                    name,
                    None,
                    None,
                    f"file is {size} bytes, more than the "
                    f"{MAX_FILE_BYTES} the loader reads; split it",
                )
            ]
        raw = path.read_bytes()
    except OSError as e:
        return None, [Problem(name, None, None, f"cannot read the file: {e.strerror or e}")]
    return parse_yaml(raw, name)


def parse_yaml(raw: bytes, name: str) -> tuple[Any, list[Problem]]:
    """Parse YAML bytes named ``name`` (for messages); never raises on bad input."""
    text, problem = _decode(raw, name)
    if problem is not None or text is None:
        return None, [problem] if problem else []
    try:
        return yaml.load(text, Loader=_LineLoader), []
    except TooManyAliases as e:
        return None, [
            Problem(
                name,
                e.line,
                None,
                f"more than {MAX_ALIASES} aliases (*name) in one file: refused, as aliases "
                "of aliases can describe billions of values; write the values out",
            )
        ]
    except yaml.YAMLError as e:
        return None, [_yaml_problem(name, text, e)]
    except RecursionError:
        return None, [
            Problem(
                name,
                None,
                None,
                "nesting too deep to be a loader record; "
                "records are flat mappings (see docs/data-format.md)",
            )
        ]
    except (ValueError, TypeError, OverflowError) as e:
        # An explicit tag with a bad value (e.g. `!!timestamp 2001-13-45`).
        return None, [
            Problem(
                name,
                None,
                None,
                f"a tagged value cannot be read ({e}); "
                "remove the `!!` tag and write plain text or numbers",
            )
        ]
