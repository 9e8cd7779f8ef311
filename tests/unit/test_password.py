"""Generated passwords are safe to hand to neo4j-admin on its command line."""

from __future__ import annotations

from patronage_graph.neo4j_local import new_password


def test_generated_passwords_never_look_like_an_option_and_never_repeat() -> None:
    # token_urlsafe alone starts with "-" once in 64; 2,000 draws would show it.
    passwords = [new_password() for _ in range(2000)]
    assert not [p for p in passwords if p.startswith("-")]
    assert len(set(passwords)) == len(passwords)
    assert min(len(p) for p in passwords) >= 24
