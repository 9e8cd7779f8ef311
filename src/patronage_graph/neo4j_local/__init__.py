"""A Neo4j Community server assembled from Maven Central and run on 127.0.0.1.

No Docker, no download outside Maven: ``neo4j/pom.xml`` pins the release, Maven
copies its jars into a cache once, and the server runs from a state folder that
holds its config, data, logs and a generated password (mode 0600).

>>> server = LocalServer.from_settings(Settings())      # doctest: +SKIP
>>> server.start()                                       # doctest: +SKIP

:class:`LocalServer` is the one object callers hold; its work is done by job:

* :mod:`.assembly` -- the pinned release, Java, the jars fetched by Maven;
* :mod:`.config` -- ``neo4j.conf`` and the JVM command line;
* :mod:`.credentials` -- the generated password and the credentials file;
* :mod:`.admin` -- ``neo4j-admin`` (import, check, initial password);
* :mod:`.process` -- starting, waiting for Bolt, status, stopping, killing;
* :mod:`.supervision` -- the supervisor process that restarts the server.
"""

from __future__ import annotations

from .assembly import java_major, neo4j_version
from .credentials import Credentials, new_password
from .process import ServerStatus
from .server import LocalServer

__all__ = [
    "Credentials",
    "LocalServer",
    "ServerStatus",
    "java_major",
    "neo4j_version",
    "new_password",
]
