"""Where trafilatura's paragraphs stand in the page it read.

Trafilatura returns text, not the elements it came from. Knowing them answers three questions:
where the body is (the smallest element holding its first and last paragraphs), whether a menu
line it kept lies inside that region, and in which order the paragraphs really come: it lifts a
table nested in the body (an info box, an image table) out to the end of its output, which would
put a box's text after the author's sign-off. One pass over the page's text runs (stopping a little
past the body's last paragraph) indexes their starts; each paragraph is then looked up. Starts
are compared in lower case with spaces collapsed, not folded: the page and trafilatura's text are
both NFC here, and folding every run would cost more than the rest of the lookup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.extract.blocks import Block
from crawler.extract.tree import HtmlElement, ParsedPage, inside, tag
from crawler.lang.textnorm import drop_invisible

PROBE = 30                 # characters compared
_SHORT = 3                 # runs shorter than this are not indexed
_STEM = 12                 # index key: the first characters of a run
_AFTER = 400               # runs read past the last paragraph, for a second place it is quoted
_CODE = frozenset({"script", "style", "noscript", "template"})
# A run's first characters, read without copying the rest of a long run.
_START = re.compile(rf"\s*(\S.{{0,{3 * PROBE}}})", re.S)
_INLINE = frozenset({"a", "span", "strong", "b", "em", "i", "u", "font", "sup", "sub", "small", "mark", "abbr"})
# A paragraph or inline element holds a whole body only where broken markup nested everything into
# it (an unclosed <p>): the body is the container around it.
_CONTAINERS = frozenset({"div", "article", "section", "main", "td", "th", "body", "html", "blockquote", "center",
                         "form", "table", "tbody", "tr", "ul", "ol", "dl", "figure", "header", "footer", "aside"})


def key_of(text: str) -> str:
    """Text as compared here: lower case, single spaces, no invisible characters."""
    return " ".join(drop_invisible(text).split()).lower()


@dataclass
class TextIndex:
    """The page's text runs in document order: the start of each and the element holding it."""

    keys: list[str] = field(default_factory=list)
    holders: list[HtmlElement] = field(default_factory=list)
    by_stem: dict[str, list[int]] = field(default_factory=dict)

    def places(self, text: str) -> list[int]:
        """Positions of the runs where a paragraph starts, in document order."""
        head = key_of(text[:3 * PROBE])[:PROBE]
        found = [i for i in self.by_stem.get(head[:_STEM], ()) if self.keys[i].startswith(head)
                 or (head.startswith(self.keys[i]) and _block_starting(self.holders[i], head) is not None)]
        for size in range(_SHORT, min(_STEM, len(head))):  # a short run ("The " before a link)
            for i in self.by_stem.get(head[:size], ()):
                if len(self.keys[i]) == size and _block_starting(self.holders[i], head) is not None:
                    found.append(i)
        return sorted(set(found))

    def element(self, i: int) -> HtmlElement:
        """The block a run starts: its holder, or the block around an inline holder."""
        holder = self.holders[i]
        block = _block_starting(holder, self.keys[i])
        return holder if block is None else block


def index_text(doc: ParsedPage, texts: list[str], last_texts: list[str]) -> TextIndex:
    """Index the page's text runs that may start one of ``texts`` (trafilatura's paragraphs), up to
    a little past where all of ``last_texts`` (the body's last ones) have been seen: what follows a
    body (comments, footers) rarely quotes it again. A run is read further than its first
    characters only when they start one of the paragraphs: most of a page's runs are menus."""
    index = TextIndex()
    stems: set[str] = set()
    for text in texts:
        head = key_of(text[:3 * PROBE])[:_STEM]
        stems.update(head[:size] for size in range(_SHORT, len(head) + 1))
    wanted = {key_of(t[:3 * PROBE])[:PROBE] for t in last_texts}
    after = 0
    for node in doc.root.xpath("//body//text()[string-length(normalize-space()) > 2]"):
        start = _START.match(node)
        if start is None or key_of(start.group(1)[:_STEM + 8])[:_STEM] not in stems:
            continue
        parent = node.getparent()
        holder = parent.getparent() if node.is_tail and parent is not None else parent
        if holder is None or holder.tag in _CODE:
            continue
        key = key_of(start.group(1))[:PROBE]
        index.by_stem.setdefault(key[:_STEM], []).append(len(index.keys))
        index.keys.append(key)
        index.holders.append(holder)
        if not wanted:
            after += 1
            if after > _AFTER:
                break
        else:
            wanted = {w for w in wanted if not (key.startswith(w) or (len(key) >= PROBE and w.startswith(key)))}
    return index


def _block_starting(el: HtmlElement, head: str) -> HtmlElement | None:
    """``el``, or the block around an inline ``el``, when its text starts with ``head``."""
    node: HtmlElement | None = el
    for _ in range(4):
        if node is None or tag(node) in ("body", "html"):
            return None
        if tag(node) not in _INLINE:
            return node if _prefix(node, 2 * PROBE).startswith(head) else None
        node = node.getparent()
    return None


def _prefix(el: HtmlElement, size: int) -> str:
    """The start of an element's text as ``key_of`` gives it, read no further than needed."""
    parts: list[str] = []
    total = 0
    for text in el.itertext():
        parts.append(text)
        total += len(text)
        if total >= size:
            break
    return key_of("".join(parts))


def _common(first: HtmlElement, last: HtmlElement) -> tuple[int, HtmlElement | None]:
    """The smallest element holding both, with its depth."""
    ancestors = {id(a) for a in (first, *first.iterancestors())}
    node: HtmlElement | None = last
    while node is not None and id(node) not in ancestors:
        node = node.getparent()
    return (sum(1 for _ in node.iterancestors()), node) if node is not None else (-1, None)


def body_region(index: TextIndex, first_text: str, last_text: str) -> HtmlElement | None:
    """The smallest element holding the body's first and last paragraphs: where the body is. A
    paragraph quoted elsewhere (an image caption repeating the first one) gives several places:
    the pair with the smallest common element wins."""
    firsts = [(i, index.element(i)) for i in index.places(first_text)[:8]]
    lasts = [(i, index.element(i)) for i in index.places(last_text)[:8]]
    best: tuple[int, HtmlElement | None] = (-1, None)
    for n, first in firsts:
        for i, last in lasts:
            if n <= i:
                best = max(best, _common(first, last), key=lambda pair: pair[0])
    node = best[1]
    while node is not None and tag(node) not in _CONTAINERS:
        node = node.getparent()
    if node is None or tag(node) in ("body", "html"):
        return None
    return node


def in_page_order(blocks: list[Block], index: TextIndex) -> list[tuple[Block, int | None]]:
    """The blocks in the order the page prints them, each with the text run it starts at (None:
    found nowhere). A block takes the first place after the block before it, or, when it is
    printed only earlier (a table trafilatura lifted out of the body), that earlier place; a block
    found nowhere stays after the block before it; paragraphs that start alike take turns."""
    placed: list[tuple[int, int, Block, int | None]] = []
    position, used = -1, set()
    for n, block in enumerate(blocks):
        places = [i for i in index.places(block.text) if i not in used]
        ahead = [i for i in places if i > position]  # the order trafilatura kept, where it can be
        place = (ahead or places or [None])[0]
        if place is not None:
            position = place
            used.add(place)
        placed.append((position, n, block, place))
    placed.sort(key=lambda item: (item[0], item[1]))
    return [(block, place) for _, _, block, place in placed]


def stands_in(index: TextIndex, text: str, place: int | None, region: HtmlElement) -> bool | None:
    """Whether a block stands in ``region``: where it was placed, or anywhere it is printed
    (the same words can stand in a menu and in the body); None when it is printed nowhere."""
    if place is None:
        return None
    return inside(index.holders[place], region) or any(inside(index.holders[i], region) for i in index.places(text))
