"""Settings refuse unsafe configurations with a message that says what to do."""

from __future__ import annotations

import pytest

from patronage_graph import ConfigError, Settings


def test_local_server_is_the_default_and_binds_to_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.uses_local_server
    assert settings.api_host == "127.0.0.1"
    assert settings.cors_origins == []


@pytest.mark.parametrize("password", [None, "", "neo4j", "password", "changeme"])
def test_external_server_without_a_real_password_is_refused(password: str | None) -> None:
    kwargs = {"NEO4J_URI": "neo4j://db.example:7687"}
    if password is not None:
        kwargs["NEO4J_PASSWORD"] = password
    with pytest.raises(ConfigError, match="NEO4J_PASSWORD is missing or a placeholder"):
        Settings(_env_file=None, **kwargs)  # type: ignore[call-arg]


def test_password_never_shows_in_the_settings_repr() -> None:
    settings = Settings(_env_file=None, NEO4J_URI="neo4j://h:7687", NEO4J_PASSWORD="s3cret-value")  # type: ignore[call-arg]
    assert "s3cret-value" not in repr(settings)
