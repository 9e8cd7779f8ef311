"""How fast network pages are written and drawn, at about 1k, 5k and 20k nodes.

For each size: build a level-structured random city (tests/browser/graphs.py, the
same generator the page tests use), time ``render_page`` and the file write, then
open the page in headless Debian Chromium (every non-loopback request blocked) and
time until vis-network has drawn the first frame. Prints one line per size.

    .venv/bin/python bench/viz_bench.py                 # 1000 5000 20000, 3 runs each
    .venv/bin/python bench/viz_bench.py 5000 --runs 5   # one size

Target (issue 6): under 5 s from nothing to a drawn page at 5k nodes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

from chromium import chromium
from graphs import pyramid

from patronage_graph.viz import render_page


def _one(size: int, folder: Path, browser: object) -> tuple[int, int, int, float, float, float]:
    G = pyramid(size)
    began = time.perf_counter()
    html = render_page(G, title=f"Benchmark city ({size} nodes)", view="city")
    path = folder / f"city-{size}.html"
    path.write_text(html, encoding="utf-8")
    write_s = time.perf_counter() - began
    with browser.visit(path.as_uri(), timeout_s=120) as visit:  # type: ignore[attr-defined]
        assert not visit.blocked and not visit.console_errors, (visit.blocked, visit.console_errors)
        drawn_s = visit.seconds_to_drawn
        shown = visit.evaluate("() => window.patronageGraph.nodes.length")
    return G.number_of_nodes(), shown, len(html), write_s, drawn_s, write_s + drawn_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000, 20000])
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median shown)")
    args = parser.parse_args()
    print(
        f"{'nodes':>7} {'drawn':>7} {'page MB':>8} {'write s':>8} {'to drawn s':>11} {'total s':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        for size in args.sizes:
            runs = [_one(size, Path(tmp), browser) for _ in range(args.runs)]
            nodes, shown, size_b = runs[0][:3]
            write, drawn, total = (statistics.median(r[i] for r in runs) for i in (3, 4, 5))
            print(
                f"{nodes:>7} {shown:>7} {size_b / 1e6:>8.1f} {write:>8.2f} {drawn:>11.2f} "
                f"{total:>8.2f}"
            )


if __name__ == "__main__":
    main()
