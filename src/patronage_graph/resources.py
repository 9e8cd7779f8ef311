"""Locate the project's bundled files (Cypher, seed, Neo4j pom).

A wheel carries them under ``patronage_graph/_data``; an editable install or a
source checkout reads them from the repository root.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["resource_path"]

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_ROOT = _PACKAGE_DIR.parent.parent


def resource_path(name: str) -> Path:
    """Return the path of a bundled resource such as ``"cypher"`` or ``"neo4j/pom.xml"``."""
    for base in (_PACKAGE_DIR / "_data", _REPO_ROOT):
        candidate = base / name
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"bundled resource {name!r} not found under {_PACKAGE_DIR}")
