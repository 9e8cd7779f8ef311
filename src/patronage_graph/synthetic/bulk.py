"""The bulk path: CSV files, Neo4j's offline importer, then the schema.

``neo4j-admin database import full`` writes the store files directly and is far
faster than any transaction, but it needs the server stopped and replaces the
whole database. So this path is only for the project's own local server, and
:func:`bulk_load` refuses a database that holds data unless told to replace it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver

from .. import database
from ..database import create_driver
from ..errors import PatronageGraphError
from ..loader.write import stamp_graph
from ..neo4j_local import LocalServer
from ..schema import apply_schema
from .calibration import CALIBRATION, Calibration
from .csv_export import ARRAY_DELIMITER, CsvSet
from .csv_parallel import write_country_csv

__all__ = [
    "IMPORT_HEAP",
    "IMPORT_PAGECACHE",
    "BulkReport",
    "bulk_load",
    "import_csv",
    "write_import_memory",
]

Say = Callable[[str], None]
# The importer prints a progress bar of dots and percentages; keep only its milestones.
_MILESTONE = re.compile(
    r"(IMPORT DONE|Import starting|\(\d+/\d+\)|Imported:|nodes|relationships"
    r"|properties|Peak memory|Max heap memory|Estimated)",
    re.I,
)


def _quiet(_: str) -> None:
    pass


@dataclass(frozen=True)
class BulkReport:
    """Seconds per phase and what was imported."""

    nodes: int
    relationships: int
    generate_s: float
    import_s: float
    schema_s: float

    @property
    def total_s(self) -> float:
        return self.generate_s + self.import_s + self.schema_s

    @property
    def records_per_s(self) -> float:
        """Records per second over the whole path: CSV, import, indexes online."""
        return (self.nodes + self.relationships) / self.total_s if self.total_s else 0.0


#: The importer's own memory (its JVM heap and page cache). neo4j-admin runs the
#: import in a JVM of its own that reads these from ``neo4j.conf`` (the server's 2-3 GiB
#: page cache: a 1.04 GiB peak at 10^6 workers) unless a command-specific file overrides
#: them; with these it peaked at 0.30 GiB, no slower. ``-Xmx`` on the launcher moves nothing.
IMPORT_HEAP = "1g"
IMPORT_PAGECACHE = "256m"


def write_import_memory(server: LocalServer, heap: str, pagecache: str) -> Path:
    """Write ``neo4j-admin-database-import.conf``: the import's heap and page cache."""
    server.conf_dir.mkdir(parents=True, exist_ok=True)
    path = server.conf_dir / "neo4j-admin-database-import.conf"
    path.write_text(
        f"server.memory.heap.initial_size={heap}\n"
        f"server.memory.heap.max_size={heap}\n"
        f"server.memory.pagecache.size={pagecache}\n"
    )
    return path


def import_csv(
    server: LocalServer,
    files: CsvSet,
    *,
    heap: str = IMPORT_HEAP,
    off_heap: str = "2g",
    pagecache: str = IMPORT_PAGECACHE,
    say: Say = _quiet,
) -> None:
    """Stop the server, import ``files`` over its ``neo4j`` database, start it again.

    ``heap`` and ``pagecache`` are the importer's own (not the server's); ``off_heap``
    caps its other data structures (``--max-off-heap-memory``).
    """
    if not server.credentials_file.exists():
        server.start(progress=say)  # a first start sets the password in the system database
    if server.stop():
        say("stopped Neo4j for the offline import")
    write_import_memory(server, heap, pagecache)
    server.admin_streaming(
        # The database name goes first: the variadic --relationships would swallow it.
        "database",
        "import",
        "full",
        "neo4j",
        "--overwrite-destination=true",
        "--id-type=string",
        f"--array-delimiter={ARRAY_DELIMITER}",
        f"--max-off-heap-memory={off_heap}",
        f"--report-file={files.directory / 'import.report'}",
        *files.import_args(),
        on_line=lambda line: say(line) if _MILESTONE.search(line) else None,
    )
    server.start(progress=say)


def _refuse_non_empty(driver: Driver) -> None:
    counts = database.read(driver, "db_counts")
    if counts and counts[0]["nodes"]:
        raise PatronageGraphError(
            f"the database holds {counts[0]['nodes']} nodes; the bulk import replaces it "
            "entirely. Pass replace=True (CLI: --replace) if that is what you want."
        )


def bulk_load(
    server: LocalServer,
    workers: int,
    seed: int,
    out_dir: Path,
    *,
    replace: bool = False,
    say: Say = _quiet,
    heap: str = IMPORT_HEAP,
    off_heap: str = "2g",
    pagecache: str = IMPORT_PAGECACHE,
    cal: Calibration = CALIBRATION,
    processes: int | None = None,
) -> BulkReport:
    """Generate CSV into ``out_dir``, import it offline, apply the schema and wait for indexes.

    The CSV is written by ``processes`` writers (default: one per core).
    """
    if not replace:
        # A stopped server may hold data too: start it to look before overwriting.
        server.start(progress=say)
        creds = server.credentials()
        check = create_driver(creds.uri, creds.user, creds.password)
        try:
            _refuse_non_empty(check)
        finally:
            check.close()
    began = time.perf_counter()
    files = write_country_csv(workers, seed, out_dir, processes=processes, cal=cal, say=say)
    generated = time.perf_counter()
    say(
        f"wrote {files.node_count:,} nodes and {files.rel_count:,} relationships to {out_dir} "
        f"in {generated - began:.1f} s"
    )
    import_csv(server, files, heap=heap, off_heap=off_heap, pagecache=pagecache, say=say)
    imported = time.perf_counter()
    say(f"imported in {imported - generated:.1f} s; creating constraints and indexes ...")
    creds = server.credentials()
    driver = create_driver(creds.uri, creds.user, creds.password)
    try:
        apply_schema(driver, timeout_s=3_600)
        stamp_graph(driver)
    finally:
        driver.close()
    done = time.perf_counter()
    say(f"indexes online in {done - imported:.1f} s")
    return BulkReport(
        files.node_count, files.rel_count, generated - began, imported - generated, done - imported
    )
