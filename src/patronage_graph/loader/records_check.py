"""Turn the parsed content of one file into records, checking each against the model.

This step sees one record at a time: labels, types, property names, value types
and allowed values. Whether ids are unique and references resolve needs every
record (and the database), and is :mod:`.references`' job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import model
from ..errors import Problem
from ._yaml import LineDict
from .records import NodeRecord, Origin, Ref, RelRecord, derive_rel_id, full_labels
from .values import check_id, check_value

__all__ = ["FileRecords", "check_document"]

SECTIONS = ("sources", "nodes", "relationships")
_SOURCE_WANTS = ("Source",)


@dataclass
class FileRecords:
    """Records of one file and the problems found in it."""

    nodes: list[NodeRecord] = field(default_factory=list)
    rels: list[RelRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Records with a problem: never written, but their ids and references are
    #: still checked, so one mistake does not hide (or fake) another.
    broken: list[NodeRecord | RelRecord] = field(default_factory=list)


def _line(data: Any, key: Any = None) -> int | None:
    if isinstance(data, LineDict):
        return data.key_lines.get(key, data.line) if key is not None else data.line
    return None


class _Checker:
    def __init__(self, name: str, out: FileRecords) -> None:
        self.name = name
        self.out = out

    def problem(self, line: int | None, field_: str | None, message: str) -> None:
        self.out.problems.append(Problem(self.name, line, field_, message))

    def props(
        self, rec: LineDict, allowed: dict[str, model.Prop], skip: set[str], what: str
    ) -> tuple[dict[str, Any], list[Ref]]:
        """Check every property of ``rec`` against ``allowed``; return values and refs."""
        values: dict[str, Any] = {}
        refs: list[Ref] = []
        for key, value in rec.items():
            line = _line(rec, key)
            if not isinstance(key, str):
                self.problem(line, str(key), "property names must be text")
                continue
            if key in skip:
                continue
            prop = allowed.get(key)
            if prop is None:
                near = ", ".join(sorted(allowed)[:40])
                self.problem(line, key, f"{what} has no property {key!r}; allowed: {near}")
                continue
            if value is None:
                continue  # an empty value means "not known": Neo4j stores no nulls
            result, why = (value, check_id(value)) if key == "id" else check_value(prop, value)
            if why is not None:
                self.problem(line, key, why)
                continue
            values[key] = result
            refs.extend(self.refs_of(prop, result, line))
        for prop in allowed.values():
            if prop.required and rec.get(prop.name) is None and prop.name != "id":
                self.problem(rec.line, prop.name, f"{what} needs {prop.name!r}")
        return values, refs

    @staticmethod
    def refs_of(prop: model.Prop, value: Any, line: int | None) -> list[Ref]:
        wants = _SOURCE_WANTS if prop.name == "sources" else ("Entity",)
        if prop.type == "ref":
            return [Ref(prop.name, value, line, wants)]
        if prop.type == "list[ref]":
            return [Ref(prop.name, item, line, wants) for item in value]
        return []

    def repeated(self, rec: LineDict) -> None:
        for key, line in rec.repeated:
            self.problem(line, str(key), f"{key!r} is given twice in this record; keep one")

    def node_evidence(self, rec: LineDict, values: dict[str, Any], label: str) -> None:
        """A node grades its facts; the override lists name properties it has."""
        if "evidence" not in values and rec.get("evidence") is None:
            self.problem(
                rec.line,
                "evidence",
                f"{label} needs 'evidence' (stated, general or inferred): the grade of its "
                "facts; list weaker ones under generalProps / inferredProps",
            )
        for key in ("generalProps", "inferredProps"):
            for name in values.get(key, ()):
                if name in model.UNGRADED_NODE_PROPS or name not in values:
                    self.problem(
                        _line(rec, key),
                        key,
                        f"{name!r} is not a graded property of this record "
                        "(names, note and sources carry no grade)",
                    )

    def rel_evidence(self, rec: LineDict, values: dict[str, Any], rel_type: str) -> None:
        """Stated and general ties quote their passage; inferred ties give the reasoning."""
        grade = values.get("evidence")
        if grade is None or values.get("synthetic"):
            return
        if grade in ("stated", "general") and not str(values.get("quote", "")).strip():
            self.problem(
                _line(rec, "evidence"),
                "quote",
                f"a {grade} {rel_type} needs 'quote': the cited passage, verbatim",
            )
        if grade == "inferred" and not str(values.get("note", "")).strip():
            self.problem(
                _line(rec, "evidence"),
                "note",
                f"an inferred {rel_type} needs 'note': the coder's reasoning",
            )

    def extra_labels(self, rec: LineDict, label: str) -> tuple[str, ...] | None:
        extra = rec.get("extra_labels", [])
        line = _line(rec, "extra_labels")
        if not isinstance(extra, list) or not all(isinstance(x, str) for x in extra):
            self.problem(line, "extra_labels", "extra_labels must be a list of label names")
            return None
        allowed = {x for name in model.ancestry(label) for x in model.NODE_LABELS[name].extra}
        bad = [x for x in extra if x not in allowed]
        if bad:
            self.problem(
                line,
                "extra_labels",
                f"{label} cannot also be {', '.join(bad)}; "
                f"allowed extras: {', '.join(sorted(allowed)) or 'none'}",
            )
            return None
        return tuple(extra)

    def label(self, rec: LineDict, section: str) -> str | None:
        label = rec.get("label", "Source" if section == "sources" else None)
        line = _line(rec, "label")
        primary = [
            n for n, lab in model.NODE_LABELS.items() if not lab.extra_only and n != "Entity"
        ]
        if label is None:
            self.problem(line, "label", f"a node needs a label: one of {', '.join(primary)}")
        elif not isinstance(label, str) or label not in primary:
            self.problem(
                line, "label", f"unknown label {str(label)[:60]!r}; use one of {', '.join(primary)}"
            )
        elif section == "sources" and label != "Source":
            self.problem(
                line,
                "label",
                "records under 'sources:' are Source nodes; move this one to 'nodes:'",
            )
        else:
            return label
        return None

    def node(self, rec: LineDict, section: str) -> None:
        before = len(self.out.problems)
        label = self.label(rec, section)
        why = check_id(rec.get("id"))
        if why is not None:
            self.problem(_line(rec, "id"), "id", why)
        if label is None:
            return
        extra = self.extra_labels(rec, label)
        allowed = dict(model.node_props(label))
        for name in extra or ():
            allowed.update(model.node_props(name))
        values, refs = self.props(rec, allowed, {"label", "extra_labels", "id"}, label)
        if label != "Source":
            self.node_evidence(rec, values, label)
        if why is None:
            values = {"id": rec["id"], **values}
            labels = full_labels(label, extra or ())
            record = NodeRecord(rec["id"], labels, values, Origin(self.name, rec.line), tuple(refs))
            clean = extra is not None and len(self.out.problems) == before
            (self.out.nodes if clean else self.out.broken).append(record)

    def rel(self, rec: LineDict) -> None:
        before = len(self.out.problems)
        rel_type = rec.get("type")
        if not isinstance(rel_type, str) or rel_type not in model.REL_TYPES:
            self.problem(
                _line(rec, "type"),
                "type",
                f"unknown relationship type "
                f"{str(rel_type)[:60]!r}; use one of {', '.join(model.REL_TYPES)}",
            )
            return
        ends: list[str] = []
        for end in ("from", "to"):
            why = check_id(rec.get(end))
            if why is not None:
                self.problem(_line(rec, end), end, f"{rel_type} needs '{end}': {why}")
            else:
                ends.append(rec[end])
        values, refs = self.props(
            rec, dict(model.rel_props(rel_type)), {"type", "from", "to"}, rel_type
        )
        if "sources" in values and not values["sources"]:
            self.problem(_line(rec, "sources"), "sources", "sources must name at least one Source")
        self.rel_evidence(rec, values, rel_type)
        rel = model.REL_TYPES[rel_type]
        ends_refs = [
            Ref(end, rec[end], _line(rec, end), rel.start if end == "from" else rel.end)
            for end in ("from", "to")
            if check_id(rec.get(end)) is None
        ]
        start, end = [*ends, "", ""][:2] if len(ends) == 2 else ["", ""]
        if "id" not in values and rec.get("id") is None:
            values["id"] = derive_rel_id(rel_type, start, end, values)
        values["tie"] = rel.tie
        record = RelRecord(
            str(values.get("id", "")),
            rel_type,
            start,
            end,
            values,
            Origin(self.name, rec.line),
            (*ends_refs, *refs),
        )
        ok = len(ends) == 2 and bool(values.get("sources")) and "id" in values
        (self.out.rels if ok and len(self.out.problems) == before else self.out.broken).append(
            record
        )


def check_document(data: Any, name: str) -> FileRecords:
    """Records and problems of one parsed file (``data`` as :func:`read_yaml` returns it)."""
    out = FileRecords()
    checker = _Checker(name, out)
    if data is None:
        return out
    if not isinstance(data, LineDict):
        checker.problem(
            1,
            None,
            "a loader file is a mapping with the lists "
            f"{', '.join(SECTIONS)} (see docs/data-format.md)",
        )
        return out
    checker.repeated(data)
    for section, items in data.items():
        if section not in SECTIONS:
            checker.problem(
                _line(data, section),
                str(section)[:60],
                f"unknown section; use {', '.join(SECTIONS)}",
            )
        elif items is not None and not isinstance(items, list):
            checker.problem(_line(data, section), str(section), "must be a list of records")
        else:
            for item in items or []:
                _record(checker, section, item, _line(data, section))
    return out


def _record(checker: _Checker, section: str, item: Any, section_line: int | None) -> None:
    if not isinstance(item, LineDict):
        checker.problem(
            section_line,
            section,
            f"each entry of {section} must be a mapping (key: value lines), not {str(item)[:40]!r}",
        )
        return
    checker.repeated(item)
    if section == "relationships":
        checker.rel(item)
    else:
        checker.node(item, section)
