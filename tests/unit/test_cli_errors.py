"""The CLI answers mistakes with a message and an exit code, never a traceback."""

from __future__ import annotations

import subprocess
import sys


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


def test_project_errors_print_their_bracketed_text_literally() -> None:
    # Checked before any database is needed; rich would eat "[label]" as markup.
    done = _cli("query", "node_workers", "--param", "[label]")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "[label]" in done.stderr
