"""The evidence grades as the code uses them: admitted grades, fact grades, one label rule,
the protected personages of the May 1998 circular, and how the pages draw a grade."""

from __future__ import annotations

import pytest

from patronage_graph import model
from patronage_graph.errors import PatronageGraphError
from patronage_graph.queries._common import grades_for
from patronage_graph.queries.eligibility_rules import protected
from patronage_graph.viz import style


def test_the_weakest_grade_admits_every_stronger_one() -> None:
    assert grades_for("stated") == ["stated"]
    assert grades_for("general") == ["stated", "general"]
    assert grades_for("inferred") == list(model.EVIDENCE_GRADES)
    with pytest.raises(PatronageGraphError, match="stated, general, inferred"):
        grades_for("likely")


def test_a_fact_takes_the_node_grade_unless_listed_weaker() -> None:
    node = {"evidence": "stated", "generalProps": ["contract"], "inferredProps": ["otherWork"]}
    assert model.prop_grade(node, "status") == "stated"
    assert model.prop_grade(node, "contract") == "general"
    assert model.prop_grade(node, "otherWork") == "inferred"
    assert model.prop_grade({}, "status") == "inferred"  # nothing vouches for it


def test_one_label_rule_for_every_reader() -> None:
    assert model.primary_label(["Entity", "Person", "Worker", "Cadre"]) == "Worker"
    assert model.primary_label(["Cadre", "Person", "Entity"]) == "Cadre"
    assert model.primary_label(["Entity", "Organization", "Venture", "ReemploymentBase"]) == (
        "ReemploymentBase"
    )
    assert model.primary_label(["Unknown"]) == ""
    assert style.most_specific_label(["Entity", "Person", "Cadre", "Worker"]) == "Worker"


def test_the_circular_protects_national_and_provincial_models_and_the_disabled() -> None:
    assert protected({"title_levels": ["nation"]}) == ["national_labor_model"]
    assert protected({"title_levels": ["province", "city"], "disabled": True}) == [
        "provincial_labor_model",
        "disabled",
    ]
    assert protected({"title_levels": ["bureau", "city", "enterprise"]}) == []
    assert protected({}) == []


def test_every_grade_has_a_line_and_only_inferred_is_dashed_unlike_any_tie_kind() -> None:
    assert list(style.EVIDENCE_STYLES) == list(model.EVIDENCE_GRADES)
    assert style.EVIDENCE_STYLES["inferred"].dashes == style.INFERRED_DASHES
    assert style.EVIDENCE_STYLES["stated"].dashes is None
    assert all(t.dashes != style.INFERRED_DASHES for t in style.TIE_STYLES.values())
    assert "dashed" in style.EVIDENCE_STYLES["inferred"].text
    assert style.evidence_style(None) == style.EVIDENCE_STYLES["inferred"]
