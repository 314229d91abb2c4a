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
    select_any,
    tag,
    text_of,
)
from crawler.rules import Family

_BOLD_TAGS = frozenset({"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6"})
_ITALIC_TAGS = frozenset({"em", "i", "cite"})
# A container with less text than this is a placeholder (or the wrong element): use the fallback.
MIN_CONTAINER_CHARS = 80
SURE_BODY = 1000           # a first match this long is the body, not a teaser


def find_container(root: HtmlElement, fam: Family | None) -> HtmlElement | None:
    """The family's body container on this page. Selectors are tried in cms.toml order and, for
    the first that matches an element with real text, the matching element with the most text wins
    (Liferay pages hold several ``journal-content-article`` blocks; the footer's address is one).
    But a short first match can be a teaser: when another selector finds an element with more than
    twice its text elsewhere on the page (not around it, not inside it), that one is the body."""
    if fam is None or not fam.body:
        return None
    best, size, rest = None, 0, list(fam.body)
    while rest and best is None:
        found = [(n, el) for el in select(root, (rest.pop(0),)) if (n := content_length(el)) >= MIN_CONTAINER_CHARS]
        if found:
            size, best = max(found, key=lambda pair: pair[0])
    if best is None or size >= SURE_BODY:  # a body this long is no teaser: the other selectors are not asked
        return best
    for n, el in ((content_length(el), el) for el in select_any(root, tuple(rest))):
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
        # Most elements of a body (spans, links, bold runs) carry no attributes: nothing named,
        # aligned or styled about them to ask.
        attrs = bool(el.attrib)
        if el in self.named or t == "figcaption" or (attrs and captions.is_caption_element(el, self.named)):
            self._flush()
            text = text_of(el)
            if text:
                self.blocks.append(Block(text, CAPTION, el=el))
            return
        if t in ("figure", "table") and captions.is_image_box(el):
            self._flush()
            self.blocks.append(Block("", IMAGE, el=el))
            self.blocks.extend(Block(c, CAPTION, el=el) for c in captions.box_captions(el))
            return
        if attrs:
            own = align(el) or al
            bold, italic = bold or is_bold(el), italic or is_italic(el)
        else:
            own = "center" if t == "center" else al
            bold, italic = bold or t in _BOLD_TAGS, italic or t in _ITALIC_TAGS
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
