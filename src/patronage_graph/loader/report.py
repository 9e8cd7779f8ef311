"""What a load found in its input and what it created: counts per label, type and tie."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel, Field

from .. import model
from .records import NodeRecord, RelRecord

__all__ = ["Counts", "LoadReport"]


class Counts(BaseModel):
    """Nodes per label (a node counts for each of its labels) and relationships per type/tie."""

    nodes: int = 0
    relationships: int = 0
    labels: dict[str, int] = Field(default_factory=dict)
    rel_types: dict[str, int] = Field(default_factory=dict)
    ties: dict[str, int] = Field(default_factory=dict)

    @classmethod
    def of_labels(cls, per_label_set: Counter[tuple[str, ...]], per_type: Counter[str]) -> Counts:
        """Counts from node counts per label set and relationship counts per type."""
        labels: Counter[str] = Counter()
        for label_set, count in per_label_set.items():
            for label in label_set:
                labels[label] += count
        ties: Counter[str] = Counter()
        for rel_type, count in per_type.items():
            ties[model.REL_TYPES[rel_type].tie] += count
        return cls(
            nodes=sum(per_label_set.values()),
            relationships=sum(per_type.values()),
            labels={k: v for k, v in sorted(labels.items()) if v},
            rel_types={k: v for k, v in sorted(per_type.items()) if v},
            ties={t: ties[t] for t in model.TIE_KINDS if ties[t]},
        )

    @classmethod
    def of_records(cls, nodes: Iterable[NodeRecord], rels: Iterable[RelRecord]) -> Counts:
        return cls.of_labels(Counter(n.label_key for n in nodes), Counter(r.type for r in rels))


class LoadReport(BaseModel):
    """The outcome of :func:`patronage_graph.loader.load_paths`.

    ``in_data`` counts what the files hold; ``created`` what was new to the
    database (zero on a reload of the same files). ``dry_run`` loads are
    validated only and create nothing.
    """

    files: list[str] = Field(default_factory=list)
    in_data: Counts = Field(default_factory=Counts)
    created: Counts = Field(default_factory=Counts)
    properties_set: int = 0
    deleted_nodes: int = 0
    dry_run: bool = False
    replaced: bool = False
    seconds: float = 0.0
