"""Researchers' own Cypher, run read-only and bounded (``POST /cypher``).

Three layers, each enough to stop a write on its own where it applies:

1. The query is first ``EXPLAIN``-ed (planned, not run) and the plan is walked:
   a query type other than ``r``, an operator that writes, changes the schema,
   administers the server, reads files or URLs (``LOAD CSV``), commits in batches
   (``CALL {..} IN TRANSACTIONS``), shows or terminates server state (``SHOW``,
   ``TERMINATE``), or calls a procedure outside a small read-only allow-list is
   refused with :class:`~patronage_graph.errors.UnsafeQueryError`.
2. The query then runs in a *read* transaction, so the server itself refuses any
   write that slipped past the plan check.
3. The transaction carries a timeout (Neo4j stops it server-side), at most
   ``max_rows + 1`` records are pulled (the rest are discarded unread) and the
   rows kept are bounded in serialized size as they arrive; either cap flags
   ``truncated``. One record larger than what is left of the size cap is not
   even read: the connection is closed mid-record, which ends the transaction
   on the server (see :func:`_install_message_cap`).

Before anything is sent, text nested too deep for Neo4j's parser (which can
overflow its stack and never answer) and parameters the driver cannot encode
(integers beyond 64 bits, lone UTF-16 surrogates) are refused, naming the limit
or the parameter. A query runs once, in one explicit read transaction: it is
never retried (a query that exhausted memory or time would only do so again);
only a connection lost before the query was sent is tried again. Neo4j's
warnings (an unknown label, relationship type or property) come back with the
rows.

Values come back as JSON: nodes, relationships and paths as objects, temporal
values as ISO strings, non-finite floats as strings ("NaN", "Infinity").

>>> _procedure_name("db.labels() :: (label :: STRING)")
'db.labels'
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import math
import re
import time
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Literal

import neo4j
from neo4j import Driver
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Duration

from .cypher_growth import check_plan_growth
from .database import translate_errors
from .errors import DatabaseError, DatabaseUnavailable, UnsafeQueryError

__all__ = [
    "ALLOWED_PROCEDURES",
    "MAX_NESTING",
    "CypherResult",
    "CypherWarning",
    "check_plan",
    "nesting_depth",
    "parameter_problem",
    "query_problem",
    "run_readonly",
    "to_json",
]

#: Deepest nesting sent to Neo4j: brackets, braces, parentheses, CASE, runs of NOT
#: or unary minus, and chains of property or index lookups, each one level. Neo4j
#: 5.26 overflows its parser's stack (and then never answers) at about 200 nested
#: function calls, maps or property lookups and 300 index lookups; real queries
#: nest fewer than 20.
MAX_NESTING = 64
#: Tries to reach Neo4j before the query is sent (a pooled connection found dead).
_CONNECT_ATTEMPTS = 3
_INT64 = (-(2**63), 2**63 - 1)

#: Procedures a researcher may call: they read the schema or search an index.
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
    }
)

# Operator families that write, lock, load files, batch-commit, administer or
# reveal server state. Matched as prefixes of the plan's operator names.
_REFUSED_OPERATORS = re.compile(
    r"^(Create|Merge|Set|Remove|Delete|DetachDelete|Foreach|SubqueryForeach|Lock|LoadCSV"
    r"|Transaction|Show|Terminate|Drop|Alter|Grant|Deny|Revoke|Administration|Assert"
    r"|Enable|Disable|Start|Stop|Rename|DoNothing|Wait|Log|Copy|Deallocate)"
)
_PROCEDURE = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*\(")

TruncatedBy = Literal["rows", "bytes"]


@dataclass(frozen=True)
class CypherResult:
    """Columns, rows (one list per record, aligned with columns) and truncation."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    truncated_by: TruncatedBy | None = None
    warnings: list[CypherWarning] = field(default_factory=list)


@dataclass(frozen=True)
class CypherWarning:
    """A notification Neo4j raised about the query, e.g. a label not in the database."""

    code: str
    category: str
    message: str
    line: int | None = None
    column: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "category": self.category,
            "message": self.message,
            "line": self.line,
            "column": self.column,
        }


def _procedure_name(details: str) -> str:
    match = _PROCEDURE.match(details)
    return match.group(1) if match else details.strip()


def _operators(plan: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    name = str(plan.get("operatorType", "")).split("@", 1)[0]
    yield name, plan.get("args") or {}
    for child in plan.get("children") or []:
        yield from _operators(child)


def check_plan(query_type: str | None, plan: Mapping[str, Any] | None) -> None:
    """Refuse a planned query that is not a plain read (see the module docstring)."""
    if not plan:
        raise UnsafeQueryError("refused: Neo4j gave no plan for the query")
    for operator, args in _operators(plan):
        if str(args.get("runtime", "")).upper() in ("SCHEMA", "SYSTEM"):
            raise UnsafeQueryError(f"refused: {operator} is a schema or administration command")
        if operator == "ProcedureCall":
            procedure = _procedure_name(str(args.get("Details", "")))
            if procedure not in ALLOWED_PROCEDURES:
                allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
                raise UnsafeQueryError(
                    f"refused: procedure {procedure!r} is not on the read-only allow-list "
                    f"({allowed})"
                )
        elif _REFUSED_OPERATORS.match(operator):
            raise UnsafeQueryError(
                f"refused: the plan contains {operator}, which writes, reads files, "
                "batches transactions or administers the server"
            )
    if query_type != "r":  # the operators named nothing, but Neo4j says it is no plain read
        kinds = {"w": "writes", "rw": "reads and writes", "s": "changes the schema or server"}
        what = kinds.get(str(query_type), f"is of type {query_type!r}")
        raise UnsafeQueryError(f"refused: the query {what}; only read queries may run here")
    check_plan_growth(str(args.get("Details", "")) for _, args in _operators(plan))


# -- what is refused before anything is sent ------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<space>\s+|//[^\n]*|/\*.*?(?:\*/|$))
    |(?P<string>'(?:[^'\\]|\\.)*(?:'|$)|"(?:[^"\\]|\\.)*(?:"|$))
    |(?P<name>`(?:[^`]|``)*(?:`|$)|\$?[A-Za-z_][\w]*|\$`(?:[^`]|``)*(?:`|$))
    |(?P<number>\d[\w]*(?:\.\d[\w]*)?(?:[eE][+-]?\d+)?|\.\d[\w]*)
    |(?P<op>\.\.|<>|<=|>=|=~|->|<-|\|\||::|.)
    """,
    re.VERBOSE | re.DOTALL,
)
# Words after which an expression starts (so "-" is unary and "[" a list, not an index).
_KEYWORDS = frozenset(
    {
        "MATCH",
        "OPTIONAL",
        "WHERE",
        "RETURN",
        "WITH",
        "UNWIND",
        "AS",
        "ORDER",
        "BY",
        "ASC",
        "DESC",
        "ASCENDING",
        "DESCENDING",
        "SKIP",
        "LIMIT",
        "OFFSET",
        "CALL",
        "YIELD",
        "UNION",
        "ALL",
        "DISTINCT",
        "AND",
        "OR",
        "XOR",
        "NOT",
        "IN",
        "IS",
        "CONTAINS",
        "STARTS",
        "ENDS",
        "WHEN",
        "THEN",
        "ELSE",
        "CASE",
        "END",
        "CREATE",
        "MERGE",
        "SET",
        "DELETE",
        "DETACH",
        "REMOVE",
        "FOREACH",
        "ON",
        "USE",
        "EXISTS",
        "COUNT",
        "COLLECT",
        "FILTER",
        "EXTRACT",
        "ANY",
        "NONE",
        "SINGLE",
        "REDUCE",
        "EXPLAIN",
        "PROFILE",
    }
)
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = {")", "]", "}"}


def nesting_depth(text: str, stop_above: int | None = None) -> int:
    """How deep ``text`` nests, as Neo4j's parser will recurse on it (see :data:`MAX_NESTING`).

    Each bracket, brace, parenthesis and ``CASE`` opens a level; within a level,
    each prefix ``NOT``/``-``/``+`` and each postfix ``.key`` or ``[index]`` of one
    operand adds one more. Strings, comments and quoted names are skipped.

    >>> nesting_depth("MATCH (w:Worker {id: $id}) RETURN w.name")
    2
    >>> nesting_depth("RETURN " + "(" * 70 + "1" + ")" * 70)
    70
    """
    frames: list[tuple[str, int, int]] = []  # (closer, base, chain) of enclosing levels
    base = chain = deepest = 0
    operand_before = False  # did the last token end an operand?
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "space":
            continue
        word = token.upper() if kind == "name" and token[0] not in "`$" else ""
        opens = token in _OPENERS or word == "CASE"
        if token == "." and operand_before:  # a property lookup on the operand before
            chain += 1
            operand_before = False
            continue
        if opens:
            if token == "[" and operand_before:
                chain += 1  # an index into the operand before
            frames.append((_OPENERS.get(token, "END"), base, chain))
            base, chain = base + chain + 1, 0
            deepest = max(deepest, base)
            operand_before = False
            if stop_above is not None and deepest > stop_above:
                break
            continue
        closes_case = word == "END" and any(closer == "END" for closer, _, _ in frames)
        if token in _CLOSERS or closes_case:
            closer = "END" if closes_case else token
            while frames:
                expected, base, chain = frames.pop()
                if expected == closer:
                    break
            operand_before = True
            continue
        if word == "NOT" or (token in ("-", "+") and not operand_before):
            chain += 1  # a prefix operator on the operand that follows
        elif kind in ("string", "number") or (kind == "name" and word not in _KEYWORDS):
            operand_before = True
            continue
        else:  # a binary operator, a separator or a keyword: a new operand starts
            chain = 0
        operand_before = False
        deepest = max(deepest, base + chain)
        if stop_above is not None and deepest > stop_above:
            break
    return max(deepest, base + chain)


def _lone_surrogate(text: str) -> int | None:
    """Index of the first character UTF-8 cannot encode (a lone surrogate), if any."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        return e.start
    return None


def query_problem(text: str) -> str | None:
    """Why ``text`` must not be sent to Neo4j, or None."""
    at = _lone_surrogate(text)
    if at is not None:
        return (
            f"the query holds a lone UTF-16 surrogate ({text[at]!r} at offset {at}), "
            "which is not text Neo4j can read; remove it or pair it"
        )
    if nesting_depth(text, stop_above=MAX_NESTING) > MAX_NESTING:
        return (
            "the query nests too deep (brackets, CASE, NOT chains, property or "
            f"index chains); at most {MAX_NESTING} are accepted, because Neo4j's parser "
            "fails without answering on deep nesting; flatten it or pass values as parameters"
        )
    return None


def parameter_problem(parameters: Mapping[str, Any]) -> str | None:
    """Why a parameter cannot be sent to Neo4j (naming it), or None."""
    stack: list[tuple[str, Any]] = [(f"${name}", value) for name, value in parameters.items()]
    while stack:
        where, value = stack.pop()
        if isinstance(value, bool) or value is None or isinstance(value, float):
            continue
        if isinstance(value, int):
            if not _INT64[0] <= value <= _INT64[1]:
                return (
                    f"parameter {where} is {value}, outside the 64-bit integers Neo4j stores "
                    f"({_INT64[0]} to {_INT64[1]}); send it as a string or a float"
                )
        elif isinstance(value, str):
            at = _lone_surrogate(value)
            if at is not None:
                return (
                    f"parameter {where} holds a lone UTF-16 surrogate ({value[at]!r} at "
                    f"offset {at}), which is not text Neo4j can store; remove it or pair it"
                )
        elif isinstance(value, Mapping):
            for key, item in value.items():
                if not isinstance(key, str) or _lone_surrogate(key) is not None:
                    return f"parameter {where} has a key that is not valid text: {key!r}"
                stack.append((f"{where}.{key}", item))
        elif isinstance(value, list | tuple):
            stack.extend((f"{where}[{i}]", item) for i, item in enumerate(value))
    return None


# -- values as JSON -----------------------------------------------------------------------


def _temporal(value: Any) -> str:
    text = str(value.iso_format())
    zone = getattr(getattr(value, "tzinfo", None), "zone", None) or getattr(
        getattr(value, "tzinfo", None), "key", None
    )
    return f"{text}[{zone}]" if zone and "/" in str(zone) else text


def to_json(value: Any) -> Any:
    """A JSON-safe rendering of any value the driver returns.

    >>> to_json(Duration(months=14))
    'P1Y2M'
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": [to_json(c) for c in value]}
    if isinstance(value, Duration) or hasattr(value, "iso_format"):  # Duration is a tuple
        return _temporal(value)
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, Node):
        props = {k: to_json(v) for k, v in value.items()}
        return {"elementId": value.element_id, "labels": sorted(value.labels), "properties": props}
    if isinstance(value, Relationship):
        return {
            "elementId": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id if value.start_node else None,
            "end": value.end_node.element_id if value.end_node else None,
            "properties": {k: to_json(v) for k, v in value.items()},
        }
    if isinstance(value, Path):
        return {
            "nodes": [to_json(n) for n in value.nodes],
            "relationships": [to_json(r) for r in value.relationships],
        }
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)


# -- one record never larger than the size cap -------------------------------------------

#: Largest Bolt message the current thread may receive (None: no cap). Set only
#: while a researcher's records are read, so the library's own queries are untouched.
_MESSAGE_CAP: ContextVar[int | None] = ContextVar("patronage_graph_message_cap", default=None)
#: Bytes of Bolt framing around a record beyond its values' JSON.
_MESSAGE_SLACK = 64 * 1024


class _ResultTooLarge(Exception):
    """A record from Neo4j is larger than what is left of the size cap."""


def _install_message_cap() -> bool:
    """Make the driver stop reading a message that passes :data:`_MESSAGE_CAP`.

    The driver (6.x) reads each Bolt message whole into one buffer that it keeps
    for the connection's life, before any value can be measured: eight 64 MB
    strings grew the API by 700 MB, kept after the answers. Here the buffer may
    not grow past the cap: the read stops, the connection is closed (only that
    one; the server ends its transaction) and :func:`_collect` reports the rows it
    had as cut by size. Returns False (and changes nothing) if the driver's
    internals are not the expected ones; the cap on kept rows still holds then.
    """
    try:
        from neo4j._sync.io._bolt import _common as bolt
    except ImportError:  # pragma: no cover - another driver layout
        return False
    inbox = getattr(bolt, "Inbox", None)
    receive = getattr(bolt, "receive_into_buffer", None)
    if inbox is None or receive is None or not hasattr(inbox, "_buffer_one_chunk"):
        return False  # pragma: no cover
    if getattr(receive, "patronage_graph_cap", False):
        return True

    def capped_receive(sock: Any, buffer: Any, n_bytes: int) -> None:
        cap = _MESSAGE_CAP.get()
        if cap is not None and buffer.used + n_bytes > cap:
            raise _ResultTooLarge(cap)
        receive(sock, buffer, n_bytes)

    buffer_one_chunk = inbox._buffer_one_chunk

    def capped_buffer_one_chunk(self: Any) -> None:
        try:
            buffer_one_chunk(self)
        except _ResultTooLarge as e:
            self._broken = True
            self.on_error(e)  # closes this connection (it is mid-message) and re-raises
            raise

    capped_receive.patronage_graph_cap = True  # type: ignore[attr-defined]
    bolt.receive_into_buffer = capped_receive
    inbox._buffer_one_chunk = capped_buffer_one_chunk
    return True


MESSAGE_CAP_INSTALLED = _install_message_cap()


class _QuietCap(logging.Filter):
    """Drop the driver's error line for a connection this module closed on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not any(isinstance(a, _ResultTooLarge) for a in record.args or ())


logging.getLogger("neo4j.io").addFilter(_QuietCap())
# The warnings go back to the researcher with the rows; the driver would also log each.
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)


@contextlib.contextmanager
def _message_cap(cap: int) -> Iterator[None]:
    token = _MESSAGE_CAP.set(cap)
    try:
        yield
    finally:
        _MESSAGE_CAP.reset(token)


def _collect(
    result: neo4j.Result, max_rows: int, max_bytes: int
) -> tuple[list[list[Any]], TruncatedBy | None]:
    """Rows as they arrive, until the row cap or the byte cap (counted as JSON)."""
    rows: list[list[Any]] = []
    size = 0
    records = iter(result)
    while True:
        try:
            with _message_cap(max_bytes - size + _MESSAGE_SLACK):
                record = next(records, None)
        except _ResultTooLarge:
            return rows, "bytes"
        if record is None:
            return rows, None
        if len(rows) >= max_rows:
            return rows, "rows"
        row = [to_json(v) for v in record.values()]
        size += len(json.dumps(row, ensure_ascii=False)) + 1
        if size > max_bytes:
            return rows, "bytes"
        rows.append(row)


# -- running it ---------------------------------------------------------------------------


def _warnings(summary: neo4j.ResultSummary | None, shift: int) -> list[CypherWarning]:
    """Neo4j's notifications, positions moved back by ``shift`` (the EXPLAIN prefix)."""
    found: list[CypherWarning] = []
    for status in summary.gql_status_objects if summary else []:
        if not status.is_notification:
            continue
        position = status.position
        line = position.line if position else None
        column = position.column if position else None
        if column is not None and line == 1:
            column = max(column - shift, 1)
        found.append(
            CypherWarning(
                code=status.gql_status,
                category=str(status.raw_classification or "GENERIC"),
                message=status.status_description,
                line=line,
                column=column,
            )
        )
    return found


#: Sentences of Neo4j's messages that would send a researcher the wrong way.
_RETRY_ADVICE = re.compile(
    r"\s*(Retry your operation[^.]*\.|[^.]*you should see a successful result\.|"
    r"You may want to retry[^.]*\.)",
    re.IGNORECASE,
)


def _explained(e: DatabaseError, timeout_s: float) -> DatabaseError:
    """The error with its real cause and the setting that moves the limit."""
    code = e.code or ""
    neo4j_says = _RETRY_ADVICE.sub("", str(e)).strip()
    if "TransactionTimedOut" in code:
        message = (
            f"the query ran past the time limit of {timeout_s:g} s and was stopped; "
            "narrow it (anchor it on an id, add LIMIT) or raise PATRONAGE_CYPHER_TIMEOUT "
            "(at most 300 s)"
        )
    elif "MemoryPoolOutOfMemoryError" in code:
        message = (
            "the query needed more memory than one transaction may use and was stopped "
            f"({neo4j_says}); collect, sort or aggregate less, or raise "
            "db.memory.transaction.max on the server (PATRONAGE_TX_MEMORY for the local one)"
        )
    elif "Terminated" in code:
        message = (
            "the query was stopped on the server before it finished (terminated, e.g. at "
            "the time limit PATRONAGE_CYPHER_TIMEOUT or by an administrator)"
        )
    elif "AccessMode" in code:
        message = f"refused: only read queries may run here ({neo4j_says})"
    else:
        message = neo4j_says
    if _EXPLAIN in message:
        message = _unprefixed(message)
    return DatabaseError(message, e.code)


def _run_once(
    driver: Driver,
    text: str,
    params: dict[str, Any],
    *,
    database: str,
    timeout_s: float,
    max_rows: int,
    max_bytes: int,
    sent: list[bool],
) -> CypherResult:
    with translate_errors():
        session = driver.session(
            database=database,
            default_access_mode=neo4j.READ_ACCESS,
            # The driver is opened asking for no notifications; this one asks for warnings.
            notifications_min_severity="WARNING",
        )
        truncated_by: TruncatedBy | None = None
        try:
            tx = session.begin_transaction(timeout=timeout_s)
            try:
                # Plan without running: EXPLAIN is the only Cypher this module adds.
                planned = tx.run(_EXPLAIN + text, params).consume()
                check_plan(planned.query_type, planned.plan)
                warnings = _warnings(planned, len(_EXPLAIN))
                sent[0] = True  # from here on the query runs: never sent twice
                result = tx.run(text, params)
                columns = list(result.keys())
                rows, truncated_by = _collect(result, max_rows, max_bytes)
                return CypherResult(columns, rows, truncated_by is not None, truncated_by, warnings)
            finally:
                # A read: rolled back, records still in flight discarded (and never held
                # whole: one larger than the cap closes the connection instead).
                cap = _MESSAGE_SLACK if truncated_by == "bytes" else max_bytes + _MESSAGE_SLACK
                with _message_cap(cap), contextlib.suppress(_ResultTooLarge, *_GONE):
                    tx.close()
        finally:
            if truncated_by == "bytes":  # its connection may be closed: nothing to hand back
                with contextlib.suppress(_ResultTooLarge, *_GONE):
                    session.close()
            else:
                session.close()


#: What closing a transaction raises when its connection was closed mid-record.
_GONE: tuple[type[Exception], ...] = (
    neo4j.exceptions.SessionExpired,
    neo4j.exceptions.ServiceUnavailable,
    neo4j.exceptions.TransactionError,
    OSError,
)


def run_readonly(
    driver: Driver,
    text: str,
    parameters: Mapping[str, Any] | None = None,
    *,
    database: str = "neo4j",
    timeout_s: float = 5.0,
    max_rows: int = 1000,
    max_bytes: int = 8_000_000,
) -> CypherResult:
    """Plan-check ``text``, then run it once in a read transaction within the bounds.

    Raises :class:`UnsafeQueryError` for a refused query, and
    :class:`~patronage_graph.errors.DatabaseError` (with Neo4j's code and a message
    naming the cause and the setting to change) when Neo4j rejects or stops it,
    e.g. ``Neo.ClientError.Transaction.TransactionTimedOut...``.
    """
    params = dict(parameters or {})
    problem = query_problem(text) or parameter_problem(params)
    if problem:
        raise UnsafeQueryError(f"refused: {problem}")
    for attempt in range(1, _CONNECT_ATTEMPTS + 1):
        sent = [False]
        try:
            return _run_once(
                driver,
                text,
                params,
                database=database,
                timeout_s=timeout_s,
                max_rows=max_rows,
                max_bytes=max_bytes,
                sent=sent,
            )
        except DatabaseUnavailable:
            if sent[0] or attempt == _CONNECT_ATTEMPTS:
                raise
            time.sleep(0.2 * attempt)  # a connection lost before the query was sent
        except DatabaseError as e:
            if type(e) is not DatabaseError:
                raise
            raise _explained(e, timeout_s) from e
    raise AssertionError("unreachable")  # pragma: no cover


_EXPLAIN = "EXPLAIN "
_POSITION = re.compile(r"\(line 1, column (\d+) \(offset: (\d+)\)\)")


def _unprefixed(message: str) -> str:
    """Neo4j's error about ``EXPLAIN <query>``, with positions in the user's own text."""
    shift = len(_EXPLAIN)

    def position(m: re.Match[str]) -> str:
        column, offset = int(m.group(1)) - shift, int(m.group(2)) - shift
        return f"(line 1, column {max(column, 1)} (offset: {max(offset, 0)}))"

    lines = _POSITION.sub(position, message).split("\n")
    for i, line in enumerate(lines):
        if line.startswith('"' + _EXPLAIN):
            lines[i] = '"' + line[1 + shift :]
            if i + 1 < len(lines) and lines[i + 1].startswith(" " * shift):
                lines[i + 1] = lines[i + 1][shift:]
            break
    return "\n".join(lines)
