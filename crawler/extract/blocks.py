"""Paragraph blocks: what the body walker and the trafilatura fallback both produce.

Keeping the formatting that matters (bold, italic, alignment, "follows an image") lets one set of
rules find the sapo (a bold first paragraph), captions (italic or centred text under an image) and the
sign-off (a right-aligned or bold name at the end), whichever path read the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.extract.tree import HtmlElement
from crawler.lang.textnorm import clean_text

TEXT, CAPTION, IMAGE = "text", "caption", "image"

_SENTENCE_END = re.compile(r"[.!?:;…]['\")»”]*$")
_LOWER_START = re.compile(r"^[(\"“']?[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")


@dataclass
class Block:
    """One paragraph (or an image marker) in reading order."""

    text: str
    kind: str = TEXT
    bold: bool = False
    italic: bool = False
    align: str = ""
    group: int = 0                      # lines split from one element at <br> share a group
    el: HtmlElement | None = None       # the block element it came from, when known


def split_lines(raw: str) -> list[str]:
    """Lines of a paragraph broken with <br>: a break inside a sentence (the next line starts in
    lower case and the previous one does not end a sentence) is a soft wrap and is joined."""
    lines = [clean_text(" ".join(part.split())) for part in raw.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        if out and _LOWER_START.match(line) and not _SENTENCE_END.search(out[-1]):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def texts(blocks: list[Block], kind: str = TEXT) -> list[str]:
    return [b.text for b in blocks if b.kind == kind]
