"""The parsed page and the small questions every extraction step asks of its elements.

The page is parsed once (lxml) and every step, trafilatura included, reads that one tree: parsing is
cheap, but a megabyte of ASP.NET view state parsed three times is not.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import cache

from lxml import etree
from lxml import html as lxml_html
from lxml.cssselect import CSSSelector

from crawler.lang.textnorm import clean_text
from crawler.rules import Patterns

HtmlElement = lxml_html.HtmlElement

# Never text: code, embedded objects, form controls, document metadata.
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas",
    "video", "audio", "source", "track", "map", "area", "input", "select", "option", "textarea",
    "button", "head", "title", "meta", "link", "base",
})
# Elements that end the paragraph before them and start a new one.
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3", "h4",
    "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "caption", "blockquote", "pre", "figure", "figcaption", "form", "fieldset", "address", "center", "hr",
    "details", "summary", "body", "html", "legend",
})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ALIGN_STYLE = re.compile(r"text-align\s*:\s*(left|right|center|justify)", re.I)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*italic", re.I)


# Comments and processing instructions are dropped while parsing, as trafilatura's own parser does:
# a comment inside a paragraph ("<p>a<!-- -->b</p>", which React writes between text runs) would
# otherwise end the paragraph at the comment when trafilatura reads our tree, and no step reads them
# (a server stamp in a comment is a date trap, not a date).
# Every element is a plain HtmlElement: lxml.html's default lookup picks a class per tag name (forms,
# inputs, labels) each time Python touches an element, a cost paid thousands of times per page for
# methods no step here uses.
_PARSER = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(element=lxml_html.HtmlElement))


def parse(html: str) -> HtmlElement | None:
    """The document tree, or None when there is nothing to parse. lxml recovers from broken markup
    the way browsers do closely enough for text (unclosed <p>, stray closers, <p> inside <span>)."""
    if not html or not html.strip():
        return None
    try:
        root = lxml_html.document_fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError):
        try:  # an XML declaration with an encoding inside a str: parse the bytes instead
            root = lxml_html.document_fromstring(html.encode("utf-8"), parser=_PARSER)
        except (etree.ParserError, ValueError):
            return None
    return root


@cache
def _selector(css: str) -> CSSSelector | None:
    try:
        return CSSSelector(css)
    except Exception:  # cssselect raises several types for selectors it cannot translate
        return None


def select(root: HtmlElement, selectors: Iterable[str]) -> Iterator[HtmlElement]:
    """Elements matching each selector in turn (selector order first, then document order)."""
    for css in selectors:
        sel = _selector(css)
        if sel is not None:
            yield from sel(root)


def select_any(root: HtmlElement, selectors: tuple[str, ...]) -> list[HtmlElement]:
    """Elements matching any of ``selectors``, in document order: one pass over the page where the
    selectors' own order does not matter (each selector is a pass of its own)."""
    if not selectors:
        return []
    sel = _selector(", ".join(selectors))
    if sel is None:  # one selector cssselect cannot translate: the others still count
        return list(dict.fromkeys(select(root, selectors)))
    return sel(root)


def tag(el: object) -> str:
    """Lower-case tag name; "" for comments and processing instructions."""
    name = getattr(el, "tag", None)
    return name.lower() if isinstance(name, str) else ""


def class_id(el: HtmlElement) -> str:
    """Class and id in one lower-case string, the haystack for class patterns."""
    cls, ident = el.get("class"), el.get("id")
    if not ident:
        return cls.strip().lower() if cls else ""
    return f"{cls} {ident}".strip().lower() if cls else ident.strip().lower()


class _Combined:
    """One regular expression for a group of class patterns, with the answers for the class strings
    seen so far: a page repeats a few dozen class strings over thousands of elements, and every
    extraction step asks about them, so each string is searched once per group."""

    def __init__(self, patterns: Patterns) -> None:
        self.patterns = patterns
        self.regex = re.compile("|".join(f"(?:{p.pattern})" for p in patterns) or "(?!)", re.I)
        self.seen: dict[str, bool] = {}

    def __call__(self, hay: str) -> bool:
        found = self.seen.get(hay)
        if found is None:
            if len(self.seen) > 50_000:
                self.seen.clear()
            found = self.seen[hay] = self.regex.search(hay) is not None
        return found


_GROUPS: dict[int, _Combined] = {}


def _group(patterns: Patterns) -> _Combined:
    group = _GROUPS.get(id(patterns))
    if group is None or group.patterns is not patterns:
        group = _GROUPS[id(patterns)] = _Combined(patterns)
    return group


def matches(el: HtmlElement, patterns: Patterns) -> bool:
    """True when the element's class or id matches one of ``patterns`` (a compiled group from
    crawler.rules, which lives as long as the process). Asked tens of thousands of times per page,
    so the common answers (no class, a class string seen before) take no further call."""
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:
        return False
    hay = (f"{cls} {ident}" if cls and ident else cls or ident or "").strip().lower()
    group = _GROUPS.get(id(patterns))
    if group is None or group.patterns is not patterns:
        group = _group(patterns)
    found = group.seen.get(hay)
    return group(hay) if found is None else found


def hidden(el: HtmlElement) -> bool:
    """Hidden from readers: skip links, collapsed widgets, tracking pixels' containers."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style) and bool(_HIDDEN_STYLE.search(style))


def align(el: HtmlElement) -> str:
    """The element's own text alignment ("right", "center", ...), from style or the old attribute."""
    style = el.get("style")
    if style:
        m = _ALIGN_STYLE.search(style)
        if m:
            return m.group(1).lower()
    value = (el.get("align") or "").lower()
    # On a table or an image, align places the box, it does not align text.
    if value in ("right", "center", "left", "justify") and tag(el) not in ("table", "img"):
        return value
    return "center" if tag(el) == "center" else ""


def is_bold(el: HtmlElement) -> bool:
    t = tag(el)
    if t in ("b", "strong") or t in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return True
    style = el.get("style")
    return bool(style) and bool(_BOLD_STYLE.search(style))


def is_italic(el: HtmlElement) -> bool:
    if tag(el) in ("em", "i", "cite"):
        return True
    style = el.get("style")
    return bool(style) and bool(_ITALIC_STYLE.search(style))


def text_of(el: HtmlElement) -> str:
    """Readable text of an element: skipped tags left out, <br> as a space, NFC, one line."""
    parts: list[str] = []
    _collect(el, parts, tail=False)
    return clean_text(" ".join("".join(parts).split()))


def _collect(el: HtmlElement, out: list[str], tail: bool = True) -> None:
    t = tag(el)
    if t and t not in SKIP_TAGS:
        if t == "br":
            out.append(" ")
        elif el.text:
            out.append(el.text)
        if t in BLOCK_TAGS:
            out.append(" ")
        for child in el:
            _collect(child, out)
        if t in BLOCK_TAGS:
            out.append(" ")
    if tail and el.tail:
        out.append(el.tail)


def article_block(title_el: HtmlElement | None, body_el: HtmlElement | None) -> HtmlElement | None:
    """The smallest element holding both the headline and the body: where the article's own date
    and byline are printed. None when either is unknown or they share nothing smaller than <body>."""
    if title_el is None or body_el is None:
        return None
    ancestors = {id(a) for a in (title_el, *title_el.iterancestors())}
    node: HtmlElement | None = body_el
    while node is not None and id(node) not in ancestors:
        node = node.getparent()
    return None if node is None or tag(node) in ("body", "html") else node


_CODE_TAGS = ("script", "style", "noscript", "template")


def content_length(el: HtmlElement) -> int:
    """Characters of readable text in ``el``: code and styles left out, so a block of CSS or an ad
    script does not outweigh the article when containers are compared by size."""
    total = len(" ".join(el.text_content().split()))
    for code in el.iter(*_CODE_TAGS):
        total -= len(" ".join(code.text_content().split()))
    return max(0, total)


def has_image(el: HtmlElement) -> bool:
    return tag(el) == "img" or next(el.iter("img"), None) is not None


def inside(el: HtmlElement, container: HtmlElement | None) -> bool:
    """True when ``el`` is ``container`` or one of its descendants."""
    if container is None:
        return False
    node: HtmlElement | None = el
    while node is not None:
        if node is container:
            return True
        node = node.getparent()
    return False


_POSITION = etree.XPath("count(preceding::*) + count(ancestor::*)")


class ParsedPage:
    """The parsed page with its elements in document order, computed once and shared by the steps
    that look "near the headline" (lead, date) instead of scanning the whole page, and the answers
    to "which elements are named like X" (class patterns), asked by several steps."""

    def __init__(self, root: HtmlElement) -> None:
        self.root = root
        self._order: list[HtmlElement] | None = None
        self._index: dict[HtmlElement, int] = {}
        self._named: tuple[list[int], list[HtmlElement], list[str | None]] | None = None
        self._matching: dict[int, tuple[Patterns, list[HtmlElement], frozenset[HtmlElement]]] = {}

    @property
    def order(self) -> list[HtmlElement]:
        if self._order is None:
            self._order = list(self.root.iter(etree.Element))
        return self._order

    def _named_elements(self) -> tuple[list[int], list[HtmlElement], list[str | None]]:
        """Elements with a class or an id (the only ones class patterns can match): their positions,
        the elements, and their class-and-id strings, read when first asked for. libxml2 finds
        them; one loop over the page's elements (kept alive by ``order``, so each is the same
        Python object) places them."""
        if self._named is None:
            named = set(self.root.xpath("//*[@class or @id]"))
            order = self.order
            positions = [i for i, el in enumerate(order) if el in named]
            self._named = (positions, [order[i] for i in positions], [None] * len(positions))
        return self._named

    def _hay(self, k: int) -> str:
        _, els, hays = self._named_elements()
        hay = hays[k]
        if hay is None:
            hay = hays[k] = class_id(els[k])
        return hay

    @property
    def classed(self) -> list[HtmlElement]:
        """Elements with a class or an id, in document order."""
        return self._named_elements()[1]

    def index(self, el: HtmlElement) -> int:
        """Position in document order. Counted by libxml2 for the few elements asked about, rather
        than by a map of every element, which costs more than the whole question."""
        found = self._index.get(el)
        if found is None:
            try:
                found = int(_POSITION(el))
            except (etree.XPathError, TypeError, ValueError):
                found = 0
            self._index[el] = found
        return found

    def matching(self, patterns: Patterns) -> list[HtmlElement]:
        """Elements whose class or id matches ``patterns``, in document order."""
        return self._matched(patterns)[1]

    def matched(self, patterns: Patterns) -> frozenset[HtmlElement]:
        """The same elements as a set, for membership tests."""
        return self._matched(patterns)[2]

    def _matched(self, patterns: Patterns) -> tuple[Patterns, list[HtmlElement], frozenset[HtmlElement]]:
        entry = self._matching.get(id(patterns))
        if entry is None or entry[0] is not patterns:
            _, els, _ = self._named_elements()
            group = _group(patterns)
            hits = [el for k, el in enumerate(els) if group(self._hay(k))]
            entry = self._matching[id(patterns)] = (patterns, hits, frozenset(hits))
        return entry

    def window(self, anchor: HtmlElement | None, before: int, after: int) -> list[HtmlElement]:
        """Elements from ``before`` elements ahead of ``anchor`` to ``after`` elements past it (the
        whole page when there is no anchor)."""
        if anchor is None:
            return self.order
        i = self.index(anchor)
        return self.order[max(0, i - before): i + after + 1]

    def near_matching(self, anchor: HtmlElement | None, before: int, after: int,
                      patterns: Patterns) -> list[HtmlElement]:
        """The elements of ``window`` whose class or id matches ``patterns``: only the named
        elements of the window are asked, found by their positions."""
        if anchor is None:
            return self.matching(patterns)
        i = self.index(anchor)
        positions, els, hays = self._named_elements()
        lo, hi = bisect_left(positions, i - before), bisect_right(positions, i + after)
        group = _group(patterns)
        seen = group.seen
        found: list[HtmlElement] = []
        for k in range(lo, hi):  # the common answers take no call: this runs for every window
            hay = hays[k]
            if hay is None:
                hay = hays[k] = class_id(els[k])
            hit = seen.get(hay)
            if hit is None:
                hit = group(hay)
            if hit:
                found.append(els[k])
        return found
