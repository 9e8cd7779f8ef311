"""Every tie of the seed is graded, and every stated or general tie quotes its footnote.

A quote must stand in the chapter (whitespace, quote marks and emphasis made
uniform) inside a footnote that one of the tie's sources cites, or in the body
paragraph that carries that footnote's marker. Sources without a footnote (the
chapter itself, the volume's other chapters) may be quoted from the body.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from chapter_text import chapter_path, quote_found, read_chapter
from patronage_graph import model
from patronage_graph.loader._yaml import read_yaml

SEED = Path(__file__).resolve().parents[2] / "seed"


def _seed_records(section: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for path in sorted(SEED.glob("*.yaml")):
        data, problems = read_yaml(path, f"seed/{path.name}")
        assert not problems, problems
        out += [(f"seed/{path.name}:{rec.line}", rec) for rec in (data or {}).get(section) or []]
    return out


def _footnotes() -> dict[str, int | None]:
    return {rec["id"]: rec.get("footnote") for _, rec in _seed_records("sources")}


def test_every_seed_tie_has_a_grade_and_what_the_grade_needs() -> None:
    missing = []
    for where, rec in _seed_records("relationships"):
        grade = rec.get("evidence")
        if grade not in model.EVIDENCE_GRADES:
            missing.append(f"{where} {rec.get('type')}: evidence {grade!r}")
        elif grade != "inferred" and not str(rec.get("quote") or "").strip():
            missing.append(f"{where} {rec.get('type')}: {grade} without a quote")
        elif grade == "inferred" and not str(rec.get("note") or "").strip():
            missing.append(f"{where} {rec.get('type')}: inferred without a note")
    assert not missing, "\n".join(missing)


def test_every_seed_node_but_a_source_grades_its_facts() -> None:
    missing = [
        f"{where} {rec.get('id')}"
        for where, rec in _seed_records("nodes")
        if rec.get("evidence") not in model.EVIDENCE_GRADES
    ]
    assert not missing, "\n".join(missing)


def test_the_seed_uses_every_grade() -> None:
    grades = Counter(rec.get("evidence") for _, rec in _seed_records("relationships"))
    assert set(grades) == set(model.EVIDENCE_GRADES), grades


@pytest.mark.skipif(
    not chapter_path().is_file(), reason=f"the chapter text is not at {chapter_path()}"
)
def test_every_quote_stands_in_a_cited_footnote_or_its_paragraph() -> None:
    chapter = read_chapter()
    footnotes = _footnotes()
    unfound = []
    for where, rec in _seed_records("relationships"):
        quote = str(rec.get("quote") or "")
        if not quote.strip():
            continue
        places = [
            place for src in rec.get("sources") or [] for place in chapter.places_of(footnotes[src])
        ]
        if not quote_found(quote, places):
            ends = f"{rec.get('from')}->{rec.get('to')}"
            unfound.append(f"{where} {rec.get('type')} {ends}: {quote!r}")
    assert not unfound, f"{len(unfound)} quotes not found where their sources point:\n" + "\n".join(
        unfound
    )


@pytest.mark.skipif(
    not chapter_path().is_file(), reason=f"the chapter text is not at {chapter_path()}"
)
def test_the_quote_check_can_fail() -> None:
    chapter = read_chapter()
    # fn 68 is the Women's Federation interview on the model Jiang Zemin visited.
    assert quote_found("Wuhan branch of the Women's Federation", chapter.places_of(68))
    assert not quote_found("Wuhan branch of the Women's Federation", chapter.places_of(42))
    assert not quote_found("a sentence the chapter never wrote", chapter.places_of(None))
