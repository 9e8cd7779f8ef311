"""Refuse Cypher that grows one value exponentially (researchers' ``POST /cypher``).

Neo4j accounts most memory per transaction (``db.memory.transaction.max``), but not
a string or list that a ``reduce`` builds from itself: ``reduce(s = 'x', i IN
range(1, 40) | s + s)`` doubles a string forty times, passes every memory limit and
exhausts the heap; the JVM then exits (``-XX:+ExitOnOutOfMemoryError``) and the
supervisor has to restart it. The plan shows such a ``reduce`` in its operators'
details, so :func:`check_plan_growth` refuses it before it runs: an accumulator
that appears twice or more in its own step (``s + s``, ``l + l``, ``s + toString(s)``)
grows exponentially. One use per step (``s + i``) grows linearly and is left to the
time and memory limits.

>>> exponential_reduce("reduce(s = $autostring_0, i IN range(1, 40) | s + s) AS n")
'reduce(s = $autostring_0, i IN range(1, 40) | s + s)'
>>> exponential_reduce("reduce(acc = 0, x IN xs | acc + x) AS total") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .errors import UnsafeQueryError

__all__ = ["check_plan_growth", "exponential_reduce"]

_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_REDUCE = re.compile(r"\breduce\s*\(\s*(`[^`]+`|[A-Za-z_]\w*)\s*=", re.IGNORECASE)


def _close(text: str, start: int) -> int:
    """Index just past the parenthesis that closes the one opened before ``start``."""
    depth = 1
    quote: str | None = None
    i = start
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "'\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def _step(body: str) -> str:
    """The part after the top-level ``|`` of a reduce body (its step expression)."""
    depth = 0
    for i, ch in enumerate(body):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "|" and depth == 0:
            return body[i + 1 :]
    return ""


def exponential_reduce(details: str) -> str | None:
    """The first ``reduce(...)`` in ``details`` whose step uses its accumulator twice."""
    for match in _REDUCE.finditer(details):
        end = _close(details, match.end())
        accumulator = match.group(1).strip("`")
        step = _STRING.sub("''", _step(details[match.end() : end - 1]))
        uses = re.findall(rf"(?<![\w$.]){re.escape(accumulator)}(?!\w)", step)
        if len(uses) >= 2:
            return details[match.start() : end]
        inner = exponential_reduce(details[match.end() : end - 1])
        if inner:
            return inner
    return None


def check_plan_growth(details: Iterable[str]) -> None:
    """Refuse a plan whose expressions grow a value exponentially (see the module)."""
    for text in details:
        found = exponential_reduce(text)
        if found:
            raise UnsafeQueryError(
                f"refused: {found} uses its accumulator more than once per step, so the "
                "value doubles each step and would exhaust the server's memory (Neo4j does "
                "not bound it with db.memory.transaction.max); build the value once per "
                "step instead (e.g. s + 'x')"
            )
