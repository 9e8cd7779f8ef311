"""Hostile loader input (hypothesis): always a located ValidationError, never a traceback.

Malformed bytes, odd encodings, random structures built from the model's own
keys, huge values and deep nesting all go through the same path as
``patronage-graph load`` (``validate_paths``). The write side (nothing written
on refusal) is tested against the real database in
``tests/integration/test_load_faults.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from patronage_graph import model
from patronage_graph.errors import ValidationError
from patronage_graph.loader import validate_paths

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "mini"
FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

KEYS = sorted(
    {"id", "label", "type", "from", "to", "extra_labels", "sources"}
    | {p for lab in model.NODE_LABELS for p in model.node_props(lab)}
    | {p for rel in model.REL_TYPES for p in model.rel_props(rel)}
)
NAMES = [*model.NODE_LABELS, *model.REL_TYPES, "t-union", "t-wuhan", "t-src-chapter", "city"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(NAMES),
    st.integers(min_value=2**63 - 5, max_value=2**70),
    st.just("x" * 30_000),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)
records = st.dictionaries(st.sampled_from(KEYS), values, max_size=8)
documents = st.dictionaries(
    st.sampled_from(["sources", "nodes", "relationships", "extra"]),
    st.one_of(st.lists(records, max_size=4), values),
    max_size=3,
)


def check(folder: Path) -> None:
    """Validation either passes or names a file (and a line where there is one)."""
    try:
        validate_paths([folder])
    except ValidationError as e:
        assert e.problems, "a refusal must list its problems"
        for problem in e.problems:
            assert problem.file and problem.message
            assert str(problem).startswith(problem.file)


def write(folder: Path, name: str, raw: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    (folder / name).write_bytes(raw)


@FUZZ
@given(raw=st.binary(max_size=400))
def test_random_bytes(tmp_path: Path, raw: bytes) -> None:
    write(tmp_path / "bytes", "random.yaml", raw)
    check(tmp_path / "bytes")


@FUZZ
@given(doc=documents)
def test_random_structures_from_the_models_own_keys(tmp_path: Path, doc: dict[str, Any]) -> None:
    write(tmp_path / "docs", "doc.yaml", yaml.safe_dump(doc, allow_unicode=True).encode())
    check(tmp_path / "docs")


@FUZZ
@given(data=st.data())
def test_mutated_copies_of_a_valid_file(tmp_path: Path, data: st.DataObject) -> None:
    raw = bytearray((FIXTURES / "20_relationships.yaml").read_bytes())
    for _ in range(data.draw(st.integers(1, 5))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at : at + 1] = data.draw(st.binary(max_size=3))
    folder = tmp_path / "mutated"
    write(folder, "20_relationships.yaml", bytes(raw))
    for name in ("00_sources.yaml", "10_nodes.yaml"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    check(folder)


@FUZZ
@given(
    encoding=st.sampled_from(
        ["utf-16", "utf-32", "utf-8-sig", "latin-1", "cp1252", "shift_jis", "utf-16-le"]
    )
)
def test_odd_encodings(tmp_path: Path, encoding: str) -> None:
    text = (FIXTURES / "10_nodes.yaml").read_text(encoding="utf-8").replace("武汉", "Wuhan é")
    write(tmp_path / "enc", "10_nodes.yaml", text.encode(encoding, errors="replace"))
    check(tmp_path / "enc")


@pytest.mark.parametrize("depth", [50, 900, 5_000, 50_000])
@pytest.mark.parametrize("shape", ["[", "{a: ", "- "])
def test_deep_nesting(tmp_path: Path, depth: int, shape: str) -> None:
    closing = {"[": "]", "{a: ": "}", "- ": ""}[shape]
    body = shape * depth + "1" + closing * depth
    write(tmp_path / "deep", "deep.yaml", f"nodes:\n  - id: x\n    name: {body}\n".encode())
    with pytest.raises(ValidationError) as caught:
        validate_paths([tmp_path / "deep"])
    assert all(p.file.endswith("deep.yaml") for p in caught.value.problems)
