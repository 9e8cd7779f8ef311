"""docs/schema.md is generated from model.py and must not drift from it."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from patronage_graph import model

REPO = Path(__file__).resolve().parents[2]


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_schema_doc", REPO / "scripts" / "gen_schema_doc.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_schema_doc_equals_the_generated_one() -> None:
    committed = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    assert committed == generator().render(), "run: .venv/bin/python scripts/gen_schema_doc.py"


def test_schema_doc_describes_every_label_type_and_allowed_value() -> None:
    text = generator().render()
    for name in (*model.NODE_LABELS, *model.REL_TYPES):
        assert f"`{name}`" in text
    for value in (*model.WORKER_STATUSES, *model.SUPPORT_KINDS, *model.QUOTA_KINDS):
        assert f"`{value}`" in text
    assert text.count("```mermaid") == 1 + len(model.TIE_KINDS)
