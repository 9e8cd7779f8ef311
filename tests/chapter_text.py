"""The chapter's text, split into body paragraphs and footnotes, for checking quotes.

The repository copies no more of the chapter than the seed's quotes; the text
itself is read from the shared folder beside the checkout (or ``PATRONAGE_CHAPTER``).
Footnotes are the paragraphs that open with a superscript number. Page breaks left
footnotes in the middle of body sentences; a body paragraph that does not end a
sentence is joined to the next one, so a marker covers its whole paragraph.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PATH = REPO.parent / "shared" / "seed" / "000_1f51079cd952e5cc.txt"

_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_MARKER = re.compile(f"[{_SUPERSCRIPT}]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "`": "'", "—": "-", "–": "-"})
_SENTENCE_END = re.compile(f"[.!?\"”’')\\]][{_SUPERSCRIPT}]*$")
#: An ellipsis in a quote joins fragments that must appear in order.
ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|…)\s*")


def chapter_path() -> Path:
    return Path(os.environ.get("PATRONAGE_CHAPTER", DEFAULT_PATH))


def normalize(text: str) -> str:
    """Whitespace, quote marks, dashes, emphasis and footnote markers made uniform."""
    text = _MARKER.sub(" ", text.translate(_QUOTES)).replace("*", "").replace("--", "-")
    return re.sub(r"\s+", " ", text).strip().casefold()


def _number(marker: str) -> int:
    return int(marker.translate(str.maketrans(_SUPERSCRIPT, "0123456789")))


@dataclass
class Chapter:
    """Body paragraphs by the footnote markers they carry, and footnote texts."""

    body: list[str] = field(default_factory=list)
    footnotes: dict[int, str] = field(default_factory=dict)
    marked: dict[int, list[str]] = field(default_factory=dict)

    def places_of(self, footnote: int | None) -> list[str]:
        """Where a source's quote may stand: its footnote and the paragraph carrying
        its marker; for a source without a footnote (the chapter itself, the
        volume's other chapters), anywhere in the body."""
        if footnote is None:
            return self.body
        return [self.footnotes.get(footnote, ""), *self.marked.get(footnote, [])]


def read_chapter(path: Path | None = None) -> Chapter:
    raw = (path or chapter_path()).read_text(encoding="utf-8")
    chapter = Chapter()
    paragraphs: list[str] = []
    for para in (p.strip() for p in raw.split("\n\n")):
        if not para:
            continue
        opening = _MARKER.match(para)
        if opening:
            chapter.footnotes[_number(opening.group())] = normalize(para)
        elif paragraphs and not _SENTENCE_END.search(paragraphs[-1]):
            # A page break split this paragraph mid-sentence, with footnotes between.
            paragraphs[-1] += " " + para
        else:
            paragraphs.append(para)
    for para in paragraphs:
        text = normalize(para)
        chapter.body.append(text)
        for marker in _MARKER.findall(para):
            chapter.marked.setdefault(_number(marker), []).append(text)
    return chapter


def quote_found(quote: str, places: list[str]) -> bool:
    """True when every fragment of ``quote`` stands, in order, in one of ``places``."""
    fragments = [normalize(f) for f in ELLIPSIS.split(quote) if normalize(f)]
    for place in places:
        at = 0
        for fragment in fragments:
            at = place.find(fragment, at)
            if at < 0:
                break
            at += len(fragment)
        else:
            return bool(fragments)
    return False
