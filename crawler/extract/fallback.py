"""Pages of no known family (or whose family's container is missing): trafilatura finds the body.

It is given the already-parsed tree (it copies it, leaving ours intact) and asked for no metadata:
its metadata pass runs htmldate and costs three times the extraction itself, and published.py and
title.py do that job. It is first asked for its own reading alone (``fast``): comparing it with
readability's and jusText's readings doubles the cost and, on the public article benchmark, changed
a handful of pages for better and worse in equal measure (F1 0.968 with the comparison, 0.969
without). The comparison is kept for pages where the fast reading found (almost) nothing, or
mostly lines that are not prose (the site's menus), which is where the other readings rescue a
page. Its XML output keeps paragraphs apart and bold runs marked, so the rules that find the sapo,
captions and sign-off work on its blocks as on a walked container.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import trafilatura

from crawler.extract.blocks import CAPTION, TEXT, Block, split_lines
from crawler.extract.body import walk
from crawler.extract.cleanup import date_line, is_boilerplate
from crawler.extract.credits import is_link_line
from crawler.extract.locate import TextIndex, body_region, in_page_order, index_text, stands_in
from crawler.extract.quality import is_prose
from crawler.extract.tree import HtmlElement, ParsedPage, tag, text_of
from crawler.lang.textnorm import clean_text
from crawler.lang.textnorm import fold as folded
from crawler.rules import Family

_RESCUE = 250              # characters below which the fast reading is checked against the others
_RESCUE_SHARE = 0.25       # ... or prose below this share of its text (a menu read as the article)
_MIN_HEADING, _MAX_HEADING = 15, 250


def _text(el: HtmlElement) -> str:
    """Text of an output element with its line breaks (<lb/>) kept as newlines."""
    parts = [el.text or ""]
    for child in el:
        parts.append("\n" if tag(child) == "lb" else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _bold(el: HtmlElement) -> bool:
    """Every visible character inside <hi rend="#b">."""
    total = len("".join(el.itertext()).strip())
    if not total:
        return False
    bold = sum(len("".join(h.itertext()).strip()) for h in el.iter("hi") if "#b" in (h.get("rend") or "")
               and not any(tag(a) == "hi" and "#b" in (a.get("rend") or "") for a in h.iterancestors()))
    return bold >= total


# Trafilatura's output vocabulary: paragraph-like elements, and those that hold paragraphs.
_PARAGRAPHS = frozenset({"p", "head", "code", "item"})
_HOLDERS = frozenset({"body", "cell", "div", "quote", "list", "doc", "main"})
_BLOCKY = _PARAGRAPHS | _HOLDERS | {"table", "row"}


class _Reader:
    """Trafilatura's XML body to blocks. A table cell holding paragraphs (old layout tables wrap
    whole articles in one) is read as paragraphs; a cell of plain text is a cell of a data row."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.group = 0

    def emit(self, el: HtmlElement, raw: str | None = None) -> None:
        self.group += 1
        style = (el.get("style") or "").lower()
        align = "right" if "right" in style else ("center" if "center" in style else "")
        bold = _bold(el)
        for line in split_lines(_text(el) if raw is None else raw):
            self.blocks.append(Block(line, TEXT, bold=bold, align=align, group=self.group))

    def read(self, el: HtmlElement) -> None:
        t = tag(el)
        if t in _PARAGRAPHS and not any(tag(c) in _BLOCKY for c in el):
            self.emit(el)
        elif t == "table":
            for row in el:
                if tag(row) == "row":
                    self.row(row)
        elif t == "row":
            self.row(el)
        elif t:
            self.holder(el)

    def row(self, row: HtmlElement) -> None:
        cells = [c for c in row if tag(c) == "cell"]
        if any(tag(x) in _BLOCKY for c in cells for x in c):
            for cell in cells:
                self.holder(cell)
            return
        texts = [clean_text(" ".join("".join(c.itertext()).split())) for c in cells]
        raw = " | ".join(t for t in texts if t)
        if raw:
            self.emit(row, raw)

    def holder(self, el: HtmlElement) -> None:
        """Paragraph children in order; loose text and inline runs between them are paragraphs too
        (bold when every character of the run is inside <hi rend="#b">)."""
        run: list[str] = []       # the run's text in order
        loose: list[str] = []     # the part of it outside inline elements

        def add(text: str | None, inline: bool = False) -> None:
            run.append(text or "")
            if not inline:
                loose.append(text or "")

        def flush() -> None:
            raw = "".join(run)
            if raw.strip():
                bold = bool(bold_parts) and all(bold_parts) and not "".join(loose).strip()
                self.group += 1
                self.blocks.extend(Block(line, TEXT, bold=bold, group=self.group) for line in split_lines(raw))
            run.clear()
            loose.clear()
            bold_parts.clear()

        bold_parts: list[bool] = []
        add(el.text)
        for child in el:
            t = tag(child)
            if t in _BLOCKY:
                flush()
                self.read(child)
            elif t == "lb":
                run.append("\n")
            elif t and t != "graphic":
                add(_text(child), inline=True)
                bold_parts.append(t == "hi" and "#b" in (child.get("rend") or ""))
            add(child.tail)
        flush()


def _blocks(body: HtmlElement) -> list[Block]:
    reader = _Reader()
    reader.holder(body)
    return reader.blocks


@dataclass
class Fallback:
    """Trafilatura's body as blocks, where it sits in the page, and the bold line printed just above
    it (the headline of pages that set it in <b> rather than a heading element)."""

    blocks: list[Block] = field(default_factory=list)
    region: HtmlElement | None = None
    heading: str = ""


def _heading(blocks: list[Block], first: int, fam: Family | None) -> str:
    for block in reversed(blocks[:first]):
        if is_boilerplate(block.text, fam) or date_line(block.text):
            continue
        if block.bold and _MIN_HEADING <= len(block.text) <= _MAX_HEADING and not block.text.endswith("."):
            return block.text
        return ""
    return ""


def _weak(text: str) -> bool:
    """A fast reading that found (almost) nothing, or some prose lost among menu lines. A reading
    of no prose at all is a table, a form or a listing, which the other readings do not turn into
    an article either (and pay for it twice)."""
    if len(text) < _RESCUE:
        return True
    prose = sum(len(line) for line in text.split("\n") if is_prose(line))
    return 0 < prose < _RESCUE_SHARE * len(text)


def _read(doc: ParsedPage, url: str | None, fast: bool) -> trafilatura.settings.Document | None:
    try:
        return trafilatura.bare_extraction(doc.root, url=url, with_metadata=False, include_comments=False,
                                           include_formatting=True, fast=fast)
    except Exception:  # third-party code on arbitrary markup; the caller reports "no article text"
        return None


def extract_blocks(doc: ParsedPage, url: str | None, strip: Callable[[HtmlElement], bool],
                   named: frozenset[HtmlElement], fam: Family | None) -> Fallback:
    """Trafilatura's reading of the page as blocks, put back in the order the page prints them
    (locate.py). Around its prose it may keep a layout table's menus and related links: what lies
    before the first or after the last prose paragraph is kept only inside the body's region. The
    region, walked with the container rules, also gives the captions trafilatura drops
    (figcaptions) or keeps as paragraphs, and the alignment it drops; a bare link closing the
    region (a republished article's source, which trafilatura drops) is added for credits.py."""
    out = _read(doc, url, fast=True)
    if out is None or _weak(out.text or ""):
        out = _read(doc, url, fast=False) or out
    if out is None or out.body is None:
        return Fallback()
    blocks = _blocks(out.body)
    prose = [b for b in blocks if is_prose(b.text) and not is_boilerplate(b.text, fam)]
    if not prose:
        return Fallback(blocks)
    index = index_text(doc, [b.text for b in blocks], [b.text for b in prose[-3:]])
    ordered = in_page_order(blocks, index)
    blocks = [b for b, _ in ordered]
    first, last = _span(blocks, fam)
    heading = _heading(blocks, first, fam)
    region = body_region(index, blocks[first].text, blocks[last].text)
    if region is None:
        return Fallback(blocks, None, heading)
    blocks = _kept(ordered, first, last, index, region)
    link = _trailing_link(region)
    if link and not any(b.text == link for b in blocks):
        blocks.append(Block(link, TEXT))
    found: list[str] = []
    if next(region.iter("img"), None) is not None:  # captions sit under images; no image, no walk
        walked = walk(region, strip, named)
        found = [b.text for b in walked if b.kind == CAPTION]
        formats = {folded(b.text): b for b in walked if b.kind == TEXT}
        for block in blocks:
            seen = formats.get(folded(block.text))
            if seen is not None:
                block.bold, block.align = block.bold or seen.bold, block.align or seen.align
    keys = {folded(c) for c in found}
    kept = [b for b in blocks if folded(b.text) not in keys]
    kept.extend(Block(c, CAPTION) for c in found)
    return Fallback(kept, region, heading)


def _trailing_link(region: HtmlElement) -> str:
    """A paragraph that is only a link, last in the body: the source a portal republished the
    article from, which trafilatura drops as all link text (credits.py keeps it as the source)."""
    for el in reversed(region.xpath(".//p | .//div[not(.//p) and not(.//div)]")[-3:]):
        text = text_of(el)
        if text:
            return text if is_link_line(text) else ""
    return ""


def _span(blocks: list[Block], fam: Family | None) -> tuple[int, int]:
    prose = [i for i, b in enumerate(blocks) if is_prose(b.text) and not is_boilerplate(b.text, fam)]
    return prose[0], prose[-1]


def _kept(ordered: list[tuple[Block, int | None]], first: int, last: int, index: TextIndex,
          region: HtmlElement) -> list[Block]:
    """The blocks in page order; those before the first or after the last prose paragraph only
    where they stand in the body's region (a layout table's menus and related links do not)."""
    region_text: str | None = None
    out: list[Block] = []
    for n, (block, place) in enumerate(ordered):
        if not first <= n <= last:
            within = stands_in(index, block.text, place, region)
            if within is None:  # printed nowhere as a run of its own: is its text in the region's?
                region_text = folded(text_of(region)) if region_text is None else region_text
                within = folded(block.text) in region_text
            if not within:
                continue
        out.append(block)
    return out
