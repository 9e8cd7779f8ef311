"""A YAML alias bomb (issue 14: 1 KB, 70 s, 2.9 GB, a raw MemoryError) is refused fast."""

from __future__ import annotations

import time
from pathlib import Path


def test_an_alias_bomb_is_refused_fast_naming_file_and_line(tmp_path: Path) -> None:
    from patronage_graph.loader._yaml import MAX_ALIASES, read_yaml

    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines.append("? *a9\n: x")  # the bomb used as a mapping KEY
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    assert path.stat().st_size < 1024
    began = time.monotonic()
    data, problems = read_yaml(path)
    assert time.monotonic() - began < 5
    assert data is None and len(problems) == 1
    assert problems[0].file == str(path) and problems[0].line == 6
    assert f"more than {MAX_ALIASES} aliases" in problems[0].message


def test_a_few_aliases_still_load(tmp_path: Path) -> None:
    from patronage_graph.loader._yaml import read_yaml

    path = tmp_path / "few.yaml"
    path.write_text("base: &b {x: 1}\nuses: [" + ", ".join(["*b"] * 50) + "]\n")
    data, problems = read_yaml(path)
    assert problems == [] and len(data["uses"]) == 50
