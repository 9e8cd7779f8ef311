"""The local server's generated password, kept in a file only its owner can read."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import LocalServerError

if TYPE_CHECKING:
    from .server import LocalServer

__all__ = ["Credentials", "ensure_password", "new_password", "read_credentials"]


@dataclass(frozen=True)
class Credentials:
    uri: str
    user: str
    password: str


def new_password() -> str:
    """A generated password that neo4j-admin cannot mistake for an option.

    ``token_urlsafe`` may begin with ``-`` (1 in 64), which neo4j-admin's argument
    parser reads as an unknown option; a letter in front avoids that.
    """
    return "p" + secrets.token_urlsafe(24)


def ensure_password(server: LocalServer) -> None:
    """Set a generated initial password and write the credentials file (mode 0600),
    unless the file exists; refuse a database whose credentials file is gone."""
    if server.credentials_file.exists():
        return
    if (server.home / "data" / "dbms").exists():
        raise LocalServerError(
            f"{server.home / 'data'} holds a database but {server.credentials_file} is gone; "
            "restore the credentials file or delete the state folder to start afresh"
        )
    password = new_password()
    server.admin("dbms", "set-initial-password", password, quiet=True)
    fd = os.open(server.credentials_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump({"uri": server.bolt_uri, "user": "neo4j", "password": password}, handle)


def read_credentials(server: LocalServer) -> Credentials:
    """The Bolt URI and the generated credentials of ``server``."""
    if not server.credentials_file.exists():
        raise LocalServerError(
            f"no local server credentials at {server.credentials_file}; "
            "run `patronage-graph neo4j start` first"
        )
    data = json.loads(server.credentials_file.read_text())
    return Credentials(uri=server.bolt_uri, user=data["user"], password=data["password"])
