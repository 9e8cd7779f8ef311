"""The worked example of docs/data-format.md is a valid loader file."""

from __future__ import annotations

import re
from pathlib import Path

from patronage_graph.loader import validate_paths

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-format.md"


def test_the_worked_example_validates(tmp_path: Path) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert blocks, "docs/data-format.md lost its worked example"
    (tmp_path / "example.yaml").write_text(blocks[0], encoding="utf-8")
    checked = validate_paths([tmp_path])
    assert checked.counts.labels["ReemploymentBase"] == 1
    assert checked.counts.ties == {"vertical": 1, "patronage": 1, "employment": 1}
    source = next(n for n in checked.nodes if n.id == "int-wuhan-union-2000-09-13")
    assert source.props["date"] == "2000-09-13"
