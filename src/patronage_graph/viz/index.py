"""An index page linking to network pages (``GET /viz/`` and ``viz --all``'s ``index.html``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .page import VIEWS, _template
from .views import ViewRef

__all__ = ["render_index"]


def render_index(
    refs: Iterable[ViewRef], *, href: Callable[[ViewRef], str], title: str = "Network pages"
) -> str:
    """HTML listing ``refs`` grouped by view, each linked to ``href(ref)`` (all text escaped)."""
    refs = list(refs)
    groups: list[dict[str, Any]] = []
    for view in VIEWS.values():
        chosen = [r for r in refs if r.view == view.name]
        if chosen:
            items = [{"href": href(r), "name": r.name, "id": r.id} for r in chosen]
            groups.append({"label": view.label, "refs": items})
    return _template("index.html.j2").render(title=title, groups=groups)
