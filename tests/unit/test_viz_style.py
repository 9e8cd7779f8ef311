"""The visual grammar follows the model: every tie kind, label and system has its own look."""

from __future__ import annotations

from patronage_graph import model
from patronage_graph.viz import style


def test_every_tie_kind_differs_in_colour_and_in_line_style() -> None:
    looks = [style.TIE_STYLES[t] for t in model.TIE_KINDS]
    assert len({look.colour for look in looks}) == len(model.TIE_KINDS)
    assert len({look.dashes for look in looks}) == len(model.TIE_KINDS)


def test_every_model_label_has_a_shape_no_two_alike() -> None:
    styles = style.label_styles()
    drawn = [name for name, label in model.NODE_LABELS.items() if label.parent is not None]
    assert set(drawn) <= set(styles)
    looks = [(styles[name].shape, styles[name].dashed) for name in drawn]
    assert len(set(looks)) == len(drawn), looks


def test_every_system_has_its_own_colour() -> None:
    assert list(style.SYSTEM_COLOURS) == list(model.SYSTEMS)
    assert len(set(style.SYSTEM_COLOURS.values())) == len(model.SYSTEMS)


def test_most_specific_label_prefers_the_deepest_model_label() -> None:
    assert style.most_specific_label(["Entity", "Person", "Worker"]) == "Worker"
    assert style.most_specific_label(["Entity", "Organization", "Venture"]) == "Venture"
    assert style.most_specific_label(["Unknown"]) == style.OTHER


def test_organizations_are_coloured_by_system_others_by_label() -> None:
    assert style.node_colour("StateOrgan", "labor") == style.SYSTEM_COLOURS["labor"]
    assert style.node_colour("Worker", None) == style.label_styles()["Worker"].colour
    assert style.node_colour("StateOrgan", "<b>") == style.label_styles()["StateOrgan"].colour
