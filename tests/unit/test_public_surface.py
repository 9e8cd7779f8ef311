"""Pin the public surface re-exported from the package root."""

from __future__ import annotations

import patronage_graph


def test_public_names_are_exported_and_importable() -> None:
    for name in patronage_graph.__all__:
        assert hasattr(patronage_graph, name), name


def test_core_entry_points_are_public() -> None:
    expected = {
        "Settings",
        "LocalServer",
        "connect",
        "create_driver",
        "registry",
        "apply_schema",
        "PatronageGraphError",
        "ValidationError",
    }
    assert expected <= set(patronage_graph.__all__)
