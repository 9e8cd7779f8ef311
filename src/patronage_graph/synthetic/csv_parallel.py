"""A synthetic country's import CSV written by several processes, one part each.

Cities are independent (each has its own random stream), so part ``k`` of ``P``
writes cities ``k``, ``k + P``, ... into ``Label.p<k>.csv`` files of one shared
directory (part 0 also the nation and provinces). The rows are the same whatever
``P`` is; only which file holds a row changes::

    >>> files = write_country_csv(10_000, 7, Path("csv"), processes=2)   # doctest: +SKIP
    >>> files.import_args()                                             # doctest: +SKIP
    ['--nodes=csv/Worker.header.csv,csv/Worker.p0.csv,csv/Worker.p1.csv', ...]
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path

from .calibration import CALIBRATION, Calibration
from .csv_export import CsvSet, write_csv
from .generator import generate_part, shape

__all__ = ["default_processes", "write_country_csv"]


def default_processes() -> int:
    """One writer per core."""
    return os.cpu_count() or 1


def _write_part(job: tuple[int, int, int, int, Path, Calibration]) -> CsvSet:
    workers, seed, part, parts, directory, cal = job
    return write_csv(generate_part(workers, seed, part, parts, cal), directory, part=f"p{part}")


def write_country_csv(
    workers: int,
    seed: int,
    directory: Path,
    *,
    processes: int | None = None,
    cal: Calibration = CALIBRATION,
    say: Callable[[str], None] | None = None,
) -> CsvSet:
    """Write the country of ``workers`` and ``seed`` into ``directory`` with ``processes`` writers.

    There are never more parts than cities. One process writes in this process;
    more use a pool of forked processes where the platform forks (a spawned pool
    would re-run a caller's script that lacks an ``if __name__ == "__main__"`` guard).
    """
    parts = max(1, min(processes or default_processes(), shape(workers, cal).cities))
    jobs = [(workers, seed, part, parts, directory, cal) for part in range(parts)]
    out = CsvSet(directory)
    directory.mkdir(parents=True, exist_ok=True)
    if parts == 1:
        out.merge(_write_part(jobs[0]))
        return out
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(parts) as pool:
        for done, files in enumerate(pool.imap_unordered(_write_part, jobs), start=1):
            out.merge(files)
            if say is not None:
                say(f"CSV part {done}/{parts} written ({out.node_count + out.rel_count:,} records)")
    return out
