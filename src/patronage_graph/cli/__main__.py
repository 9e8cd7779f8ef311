"""``python -m patronage_graph.cli`` runs the CLI (used by tests and scripts)."""

from . import main

main()
