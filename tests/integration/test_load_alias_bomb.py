"""``patronage-graph load`` refuses a YAML alias bomb fast, naming file and line (issue 14).

Before: a 1 KB file whose alias bomb is used as a mapping key ran 70 s, took 2.9 GB
and ended in a raw ``MemoryError`` traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from patronage_graph import Settings

pytestmark = pytest.mark.integration


def bomb(path: Path) -> Path:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines.append("? *a9\n: x")  # 9**10 values, as a mapping KEY
    path.write_text("\n".join(lines) + "\n")
    return path


def test_load_refuses_an_alias_bomb_fast_without_a_traceback(
    tmp_path: Path, neo4j_settings: Settings
) -> None:
    path = bomb(tmp_path / "bomb.yaml")
    assert path.stat().st_size < 1024
    assert neo4j_settings.neo4j_uri and neo4j_settings.neo4j_password
    env = {
        **os.environ,
        "NEO4J_URI": neo4j_settings.neo4j_uri,
        "NEO4J_USER": neo4j_settings.neo4j_user,
        "NEO4J_PASSWORD": neo4j_settings.neo4j_password.get_secret_value(),
    }
    began = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "patronage_graph.cli", "load", "--dry-run", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    elapsed = time.monotonic() - began
    output = run.stdout + run.stderr
    print(f"\nalias bomb refused in {elapsed:.1f} s (CLI start included)")
    assert run.returncode == 1, output
    assert "bomb.yaml:6" in output and "aliases" in output
    assert "Traceback" not in output and "MemoryError" not in output
    assert elapsed < 60
