"""Check one property value against its declaration in the model.

Neo4j stores only scalars and flat lists, with 64-bit integers; values outside
that (nested lists, huge integers, NaN, megabyte strings) are refused here with
a message saying what to write instead, so nothing reaches the driver that it
would reject half-way through a load.
"""

from __future__ import annotations

import math
import re
from typing import Any

from ..model import Prop

__all__ = ["MAX_ID", "MAX_LIST", "MAX_TEXT", "check_id", "check_value"]

MAX_TEXT = 20_000
MAX_ID = 200
MAX_LIST = 1_000
_INT64 = (-(2**63), 2**63 - 1)
_ID = re.compile(r"^[^\s\x00-\x1f\x7f]+$")


def _kind(value: Any) -> str:
    names = {
        bool: "true/false",
        int: "an integer",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing",
    }
    for cls, name in names.items():
        if isinstance(value, cls):
            return name
    return type(value).__name__


def check_id(value: Any) -> str | None:
    """Why ``value`` is not a usable id, or ``None`` when it is."""
    if not isinstance(value, str):
        return f"an id must be text, not {_kind(value)}"
    if not value or len(value) > MAX_ID or not _ID.match(value):
        return (
            f"id {value[:60]!r} must be 1 to {MAX_ID} characters without spaces or "
            "control characters (a readable slug such as 'wuhan-labor-bureau')"
        )
    return None


def _text(value: Any) -> tuple[Any, str | None]:
    # An unquoted year or number is unambiguous as text; floats are not (1.10 -> 1.1).
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None, f"expected text, got {_kind(value)}"
    if len(value) > MAX_TEXT:
        return None, f"text of {len(value)} characters is longer than {MAX_TEXT}; shorten it"
    if "\x00" in value:
        return None, "text contains a NUL character"
    return value, None


def _integer(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool) or not isinstance(value, int):
        return None, f"expected an integer, got {_kind(value)} {str(value)[:40]!r}"
    if not _INT64[0] <= value <= _INT64[1]:
        return None, f"integer {str(value)[:40]} does not fit in 64 bits"
    return value, None


def _number(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None, f"expected a number, got {_kind(value)} {str(value)[:40]!r}"
    try:
        number = float(value)
    except OverflowError:
        return None, f"number {str(value)[:40]} is too large"
    if not math.isfinite(number):
        return None, f"number {value} is not finite; give a real figure"
    return number, None


def _boolean(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, bool):
        return None, f"expected true or false, got {_kind(value)} {str(value)[:40]!r}"
    return value, None


def _list(value: Any, prop: Prop) -> tuple[Any, str | None]:
    if not isinstance(value, list):
        return None, f"expected a list of ids or text, got {_kind(value)}"
    if len(value) > MAX_LIST:
        return None, f"list of {len(value)} items is longer than {MAX_LIST}"
    check = check_id if prop.type == "list[ref]" else (lambda v: _text(v)[1])
    for index, item in enumerate(value):
        if (why := check(item)) is not None:
            return None, f"item {index + 1}: {why}"
    return [str(item) for item in value], None


def check_value(prop: Prop, value: Any) -> tuple[Any, str | None]:
    """The value as it will be stored, or an explanation of why it cannot be."""
    if prop.type == "str":
        result, why = _text(value)
    elif prop.type == "int":
        result, why = _integer(value)
    elif prop.type == "float":
        result, why = _number(value)
    elif prop.type == "bool":
        result, why = _boolean(value)
    elif prop.type == "ref":
        result, why = (value, check_id(value))
    else:
        result, why = _list(value, prop)
    if why is None and prop.allowed is not None and result not in prop.allowed:
        return None, f"{str(value)[:60]!r} is not one of: {', '.join(prop.allowed)}"
    return result, why
