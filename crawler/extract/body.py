"""The article body of a known family: its container, walked into paragraph blocks.

For families whose body container cms.toml names, walking that container with lxml is both exact
and fast: every paragraph in order, captions recognised by markup, nothing outside the container.
Trafilatura (fallback.py) reads pages whose container is unknown or missing; it cannot tell a
caption table or a right-aligned sign-off from a paragraph once it has flattened them, which is
why it is not used where the container is known.
"""

from __future__ import annotations

from collections.abc import Callable

from crawler.extract import captions
from crawler.extract.blocks import CAPTION, IMAGE, TEXT, Block, split_lines
from crawler.extract.tree import (
    BLOCK_TAGS,
    SKIP_TAGS,
    HtmlElement,
    align,
    content_length,
    inside,
    is_bold,
    is_italic,
    select,
    tag,
    text_of,
)
from crawler.rules import Family

# A container with less text than this is a placeholder (or the wrong element): use the fallback.
MIN_CONTAINER_CHARS = 80


def find_container(root: HtmlElement, fam: Family | None) -> HtmlElement | None:
    """The family's body container on this page. Selectors are tried in cms.toml order and, for
    the first that matches an element with real text, the matching element with the most text wins
    (Liferay pages hold several ``journal-content-article`` blocks; the footer's address is one).
    But a first match can be a teaser: when another selector finds an element with more than twice
    its text elsewhere on the page (not around it, not inside it), that one is the body."""
    if fam is None or not fam.body:
        return None
    found: list[tuple[int, int, HtmlElement]] = []
    for rank, css in enumerate(fam.body):
        found.extend((rank, n, el) for el in select(root, (css,))
                     if (n := content_length(el)) >= MIN_CONTAINER_CHARS)
    if not found:
        return None
    first = found[0][0]
    _, size, best = max((c for c in found if c[0] == first), key=lambda c: c[1])
    for _, n, el in found:
        if n > 2 * size and not inside(el, best) and not inside(best, el):
            size, best = n, el
    return best


class Walker:
    """Reads a container in document order into blocks: block elements start paragraphs, <br>
    splits lines, inline formatting is remembered so the sapo and sign-off can be recognised."""

    def __init__(self, strip: Callable[[HtmlElement], bool], named: frozenset[HtmlElement],
                 skip: frozenset[HtmlElement] = frozenset()) -> None:
        self.strip = strip
        self.named = named
        self.skip = skip
        self.blocks: list[Block] = []
        self._segs: list[tuple[str, bool, bool]] = []
        self._img = False
        self._align = ""
        self._el: HtmlElement | None = None
        self._group = 0

    def run(self, container: HtmlElement) -> list[Block]:
        self._el = container
        self._align = align(container)
        self._inner(container, False, False, self._align)
        self._flush()
        return captions.mark_positional(self.blocks)

    def _inner(self, el: HtmlElement, bold: bool, italic: bool, al: str) -> None:
        if el.text:
            self._add(el.text, bold, italic, al, el)
        for child in el:
            self._visit(child, bold, italic, al)
            if child.tail:
                self._add(child.tail, bold, italic, al, el)

    def _visit(self, el: HtmlElement, bold: bool, italic: bool, al: str) -> None:
        t = tag(el)
        if not t or t in SKIP_TAGS or el in self.skip or self.strip(el):
            return
        if t == "br":
            self._segs.append(("\n", bold, italic))
            return
        if t == "img":
            self._img = True
            return
        if t == "hr":
            self._flush()
            return
        if captions.is_caption_element(el, self.named):
            self._flush()
            text = text_of(el)
            if text:
                self.blocks.append(Block(text, CAPTION, el=el))
            return
        if captions.is_image_box(el):
            self._flush()
            self.blocks.append(Block("", IMAGE, el=el))
            self.blocks.extend(Block(c, CAPTION, el=el) for c in captions.box_captions(el))
            return
        own = align(el) or al
        bold, italic = bold or is_bold(el), italic or is_italic(el)
        if t in BLOCK_TAGS:
            self._flush()
            self._el, self._align = el, own
            self._inner(el, bold, italic, own)
            self._flush()
        else:
            self._inner(el, bold, italic, own)

    def _add(self, text: str, bold: bool, italic: bool, al: str, el: HtmlElement) -> None:
        if not self._segs or not "".join(s for s, _, _ in self._segs).strip():
            self._align, self._el = al, el if tag(el) in BLOCK_TAGS else self._el
        self._segs.append((text, bold, italic))

    def _flush(self) -> None:
        segs, img = self._segs, self._img
        self._segs, self._img = [], False
        if img:
            self.blocks.append(Block("", IMAGE, el=self._el))
        if not segs:
            return
        lines = split_lines("".join(s for s, _, _ in segs))
        if not lines:
            return
        bold = all(b for s, b, _ in segs if s.strip())
        italic = all(i for s, _, i in segs if s.strip())
        self._group += 1
        for line in lines:
            self.blocks.append(Block(line, TEXT, bold, italic, self._align, self._group, self._el))


def walk(container: HtmlElement, strip: Callable[[HtmlElement], bool], named: frozenset[HtmlElement],
         skip: frozenset[HtmlElement] = frozenset()) -> list[Block]:
    """The container's paragraphs, images and captions in reading order."""
    return Walker(strip, named, skip).run(container)
