"""One settings object, read from the environment (and ``.env``).

Only the CLI and the API read settings; library functions take arguments.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .errors import ConfigError

__all__ = ["Settings"]

_PLACEHOLDERS = {"", "neo4j", "password", "changeme", "change-me", "secret"}
#: Host names the API answers to unless PATRONAGE_API_ALLOWED_HOSTS says otherwise
#: (the bind host is added): loopback only, so DNS rebinding finds nothing.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


class Settings(BaseSettings):
    """Where Neo4j is and how the local server and the API behave.

    Leave ``NEO4J_URI`` unset to use the local server that
    ``patronage-graph neo4j start`` assembles; set it (with user and password) to
    use your own server, a cluster or Aura, and nothing is started.
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    neo4j_uri: str | None = Field(default=None, alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", alias="NEO4J_USER")
    neo4j_password: SecretStr | None = Field(default=None, alias="NEO4J_PASSWORD")
    neo4j_database: str = Field(default="neo4j", alias="NEO4J_DATABASE")

    # Local, Maven-assembled server.
    state_dir: Path = Field(default=Path(".patronage-graph"), alias="PATRONAGE_STATE_DIR")
    cache_dir: Path = Field(
        default=Path.home() / ".cache" / "patronage-graph", alias="PATRONAGE_CACHE_DIR"
    )
    bolt_port: int = Field(default=7687, alias="PATRONAGE_BOLT_PORT", ge=1, le=65535)
    http_port: int = Field(default=7474, alias="PATRONAGE_HTTP_PORT", ge=1, le=65535)
    heap: str = Field(default="2g", alias="PATRONAGE_HEAP", pattern=r"^\d+[kmg]$")
    pagecache: str = Field(default="2g", alias="PATRONAGE_PAGECACHE", pattern=r"^\d+[kmg]$")
    tx_memory: str = Field(default="512m", alias="PATRONAGE_TX_MEMORY", pattern=r"^\d+[kmg]$")
    supervise: bool = Field(default=True, alias="PATRONAGE_SUPERVISE")
    wedge_grace_s: float = Field(default=30.0, alias="PATRONAGE_WEDGE_GRACE", gt=0, le=3600)

    # API.
    api_host: str = Field(default="127.0.0.1", alias="PATRONAGE_API_HOST")
    api_port: int = Field(default=8000, alias="PATRONAGE_API_PORT", ge=1, le=65535)
    cors_origins: list[str] = Field(default_factory=list, alias="PATRONAGE_CORS_ORIGINS")
    api_allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: list(LOOPBACK_HOSTS), alias="PATRONAGE_API_ALLOWED_HOSTS"
    )
    cypher_timeout_s: float = Field(default=5.0, alias="PATRONAGE_CYPHER_TIMEOUT", gt=0, le=300)
    cypher_max_rows: int = Field(default=1000, alias="PATRONAGE_CYPHER_MAX_ROWS", ge=1, le=100_000)
    #: Seconds a registered endpoint waits for Neo4j before answering 503.
    api_deadline_s: float = Field(default=20.0, alias="PATRONAGE_API_DEADLINE", gt=0, le=600)

    @field_validator("api_allowed_hosts", mode="before")
    @classmethod
    def _host_list(cls, value: Any) -> Any:
        """A comma-separated list (``127.0.0.1,localhost,[::1]``) or a JSON list."""
        if not isinstance(value, str):
            return value
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
        if isinstance(parsed, list):
            return [str(h) for h in parsed]
        return [h.strip() for h in value.split(",") if h.strip()]

    @property
    def trusted_hosts(self) -> list[str]:
        """The Host names the API answers to: the configured ones and the bind host."""
        bind = self.api_host.strip().lower()
        if ":" in bind and not bind.startswith("["):
            bind = f"[{bind}]"  # an IPv6 address, as it appears in a Host header
        wildcard = bind in ("0.0.0.0", "[::]")  # every interface: the names must be listed
        extra = [] if wildcard else [bind]
        return list(dict.fromkeys([*self.api_allowed_hosts, *extra]))

    @field_validator("state_dir", "cache_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @model_validator(mode="after")
    def _external_server_needs_credentials(self) -> Settings:
        if self.neo4j_uri is None:
            return self
        password = self.neo4j_password.get_secret_value() if self.neo4j_password else ""
        if password.strip().lower() in _PLACEHOLDERS:
            raise ConfigError(
                "NEO4J_URI is set but NEO4J_PASSWORD is missing or a placeholder; "
                "set the real password of that server (see .env.example)"
            )
        return self

    @property
    def uses_local_server(self) -> bool:
        """True when the project should run (or reuse) its own local Neo4j."""
        return self.neo4j_uri is None
