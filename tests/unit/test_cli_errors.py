"""The CLI answers mistakes with a message and an exit code, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "patronage_graph.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_unknown_command_is_a_usage_error() -> None:
    done = _cli("no-such-command")
    assert done.returncode == 2
    assert "No such command 'no-such-command'" in done.stderr
    assert "Traceback" not in done.stderr


def test_project_errors_print_their_bracketed_field_names_literally(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("nodes:\n  - id: x\n    label: NoSuchLabel\n    name: X\n")
    done = _cli("load", "--dry-run", str(bad))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "[label]" in done.stdout + done.stderr  # not eaten as rich markup
