"""Credit lines: who took the photos and where an article was republished from.

"Ảnh: Minh Hà" credits a photographer; "Theo Báo Đắk Nông điện tử", "Nguồn: Báo Bắc Kạn" or a
bare link under the last paragraph credit the source the portal copied the article from. Neither
is the author (a sign-off parser would read "Theo …" as the author's unit) and neither is body
text. A photo credit is dropped (it stays inside its caption when it sits there); the source is
kept in its own field, because "republished from the provincial paper" is what a journalist
citing the article needs to know.
"""

from __future__ import annotations

import re

from crawler.extract.blocks import TEXT, Block
from crawler.lang.textnorm import fold as folded
from crawler.rules import boilerplate

_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_QUOTES = " \"'“”‘’«»().:-–"


def is_link_line(text: str) -> bool:
    """A line that is nothing but a web address."""
    return bool(_URL.match(text.strip()))


def is_credit(text: str, trailing: bool = False) -> bool:
    """A source or photo credit line ("Nguồn: Báo Bắc Kạn", "Ảnh: Minh Hà"); "Theo …" and a bare
    link only when ``trailing`` (under the last paragraph), since body paragraphs often open with
    "Theo báo cáo"."""
    bp = boilerplate()
    if len(text) > bp.credit_max_chars and not (trailing and _URL.match(text)):
        return False
    key = folded(text)
    if key.startswith(bp.credit_prefixes):
        return True
    if trailing and _URL.match(text.strip()):
        return True
    if trailing and key.startswith(bp.credit_trailing):
        # "Theo báo cáo của Thường trực HĐND tỉnh tại Hội nghị:" introduces what follows: not a credit.
        return not text.rstrip().endswith((":", ".", ";", ","))
    return False


def source_of(text: str) -> str:
    """The source a credit line names ("Báo Đắk Nông điện tử" from 'Theo "Báo Đắk Nông điện
    tử"'), the link of a bare-link credit; "" for a photo credit or any other line."""
    line = " ".join(text.split())  # folding then keeps every offset (one character for one)
    if _URL.match(line):
        return line
    key = folded(line)
    if key.startswith(boilerplate().photo_prefixes):
        return ""
    for prefix in boilerplate().source_prefixes:
        if key.startswith(prefix):
            return line[len(prefix):].strip(_QUOTES)
    return ""


def take_credits(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """Remove the credit lines under the last paragraph (captions between them do not count) and
    return the sources they name, in page order."""
    drop: set[int] = set()
    sources: list[str] = []
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        if block.kind != TEXT:
            continue
        if not is_credit(block.text, trailing=True):
            break
        drop.add(i)
        source = source_of(block.text)
        if source:
            sources.insert(0, source)
    return [b for i, b in enumerate(blocks) if i not in drop], sources


def drop_credits(blocks: list[Block]) -> list[Block]:
    """Credit lines left inside the body (a photo credit on its own line, "Nguồn: …" under a
    table): not body text."""
    return [b for b in blocks if b.kind != TEXT or not is_credit(b.text)]
