"""A page's own content read in order: headlines, paragraphs, dates, links to other items, pagers.

Judgment needs the shape of a page more than its length. An article is one headline that is not a
link, a date beside it, then prose, however short: a commune council's two-paragraph notice is
news. A listing is many items: headlines that are links, links with a date beside each, teasers
(a link then its summary), usually a pager. Reading the page as one sequence of such tokens, with
menus, side columns and related-news blocks left out (crawler/judgment/regions.py), lets both shapes
be recognised on any template: HTML5 ``<article>``, old nested tables, or a CMS nobody named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

from crawler.discovery.links import DATE_HINT
from crawler.judgment.regions import (
    BLOCKS,
    is_chrome,
    is_page_link_text,
    is_pager,
    link_chars,
    names,
    related_blocks,
    visible_text,
)
from crawler.lang.dates import find_dates
from crawler.lang.textnorm import fold
from crawler.rules import page_rules

Element = lxml_html.HtmlElement

HEAD, PARA, DATE, ITEM, PAGER, PAGE_LINK = "head", "para", "date", "item", "pager", "page_link"
RELATED = "related"     # a related-news block, left unread: the end of the text above it
MORE = "more"           # "Xem tiếp": the link that closes a teaser

_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
_HEADLINE_TAGS = frozenset({"p", "div", "td", "th", "span", "strong", "b", "a", "h5", "h6", "font"})
_HEADLINE_CHARS = (8, 300)
_BOLD_HEADLINE_CHARS = 200
_EMPHASIS = frozenset({"b", "strong", "font", "span", "big"})
_LINE_BLOCKS = frozenset({"p", "div", "td", "th", "li", "dd", "center"})
_LINE_TAIL_CHARS = 30       # what may follow a title link on its line: "(16/04/2026)"
_ITEM_LINK_CHARS = 20       # a link this long names another page's headline, not a menu entry
_PARAGRAPH_CHARS = 60
_PARAGRAPH_LINK_SHARE = 0.3
_MORE_PUNCTUATION = re.compile(r"[\s.…»›>\[\]()]+")
_FOOTER_CHARS = 20          # shorter text is no footer ("Cơ quan chủ quản: …" runs on)


@dataclass(frozen=True)
class Token:
    """One thing a reader meets in the page's own content, in document order."""

    kind: str
    el: Element
    chars: int = 0          # PARA: characters of prose
    linked: bool = False    # HEAD: the headline is a link to another page (a listing item)
    href: str = ""          # ITEM and linked HEAD: where the link leads


def article_of(el: Element) -> Element | None:
    """The HTML5 ``<article>`` an element sits in, if any."""
    return next(el.iterancestors("article"), None)


def squash(text: str | None) -> str:
    return " ".join((text or "").split())


def _holds_blocks(el: Element) -> bool:
    return el.tag in BLOCKS or any(isinstance(d.tag, str) and d.tag in BLOCKS for d in el.iterdescendants())


def _own_text(el: Element, skip: Element | None = None) -> tuple[str, int, list[Element]]:
    """The element's text outside its block-level children (and ``skip``), how much of it is link
    text, and the children left to read: a ``<td>`` of ``<br>``-separated lines is a paragraph, a
    ``<div>`` of ``<p>``s is not (nor a ``<span>`` that a broken page wrapped around ``<div>``s)."""
    parts = [el.text or ""]
    links = 0
    silent = page_rules().chrome_tags
    later: list[Element] = []
    for child in el:
        if isinstance(child.tag, str) and child is not skip and child.tag not in silent:
            if _holds_blocks(child):
                later.append(child)
            else:
                inner = " " if child.tag == "br" else visible_text(child)
                parts.append(inner)
                links += len(inner) if child.tag == "a" else link_chars(child)
        parts.append(child.tail or "")
    return squash("".join(parts)), links, later


def _head_token(el: Element, text: str) -> Token | None:
    if not _HEADLINE_CHARS[0] <= len(text) <= _HEADLINE_CHARS[1]:
        return None
    anchor = el if el.tag == "a" else next(el.iter("a"), None)
    href = (anchor.get("href") or "").strip() if anchor is not None else ""
    linked = bool(href) and link_chars(el) >= 0.5 * len(text)
    return Token(HEAD, el, linked=linked, href=href if linked else "")


def _headline(el: Element) -> Token | None:
    """h1-h4, or an element named as a headline ("p.Title") that holds no blocks of its own."""
    if el.tag not in _HEADINGS:
        if el.tag not in _HEADLINE_TAGS or not page_rules().headline_classes.search(names(el)):
            return None
        if any(isinstance(d.tag, str) and d.tag in BLOCKS for d in el.iterdescendants()):
            return None
    return _head_token(el, visible_text(el))


def _emphasised(el: Element) -> bool:
    if el.tag in ("b", "strong") or el.find(".//b") is not None or el.find(".//strong") is not None:
        return True
    size = (el.get("size") or "").strip()
    return (size.isdigit() and int(size) >= 4) or size.startswith("+") or "bold" in (el.get("style") or "")


def _bold_line(el: Element) -> Token | None:
    """The first line of a block set in bold or large type and ended by a line break or the block's
    end: the headline of old table layouts (``<td><font size="4"><b>…</b></font><br>…``). A bold
    sentence ("…năm 2014.") or bold words inside a paragraph are emphasis, not a headline."""
    first = next((c for c in el if isinstance(c.tag, str)), None)
    if (el.text or "").strip() or first is None or first.tag not in _EMPHASIS or (first.tail or "").strip():
        return None
    following = first.getnext()
    if following is not None and following.tag != "br" and following.tag not in BLOCKS:
        return None
    if not _emphasised(first) or first.find(".//a") is not None:
        return None
    text = visible_text(first)
    return None if text.endswith(".") or len(text) > _BOLD_HEADLINE_CHARS else _head_token(first, text)


def _link(el: Element) -> Token | None:
    href = (el.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    text = visible_text(el)
    if len(text) >= _ITEM_LINK_CHARS:
        return Token(ITEM, el, href=href)
    if _MORE_PUNCTUATION.sub(" ", fold(text)).strip() in page_rules().more_links:
        return Token(MORE, el, href=href)
    return Token(PAGE_LINK, el, href=href) if is_page_link_text(text) else None


def _has_date(text: str) -> bool:
    return bool(DATE_HINT.search(text)) and bool(find_dates(text))


def _title_link(el: Element) -> Element | None:
    """The link a teaser block opens with, alone on its line but for a date (``<a><b>Title</b></a>
    (16/04/2026)<br>summary``): the item of a listing, whatever summary follows it."""
    first = next((c for c in el if isinstance(c.tag, str)), None)
    if (el.text or "").strip() or first is None or first.tag in BLOCKS:
        return None
    anchor = first if first.tag == "a" else next(first.iter("a"), None)
    if anchor is None or len(visible_text(anchor)) < _ITEM_LINK_CHARS or not (anchor.get("href") or "").strip():
        return None
    rest = [first.tail or ""]
    for sibling in first.itersiblings():
        if not isinstance(sibling.tag, str) or sibling.tag == "br" or sibling.tag in BLOCKS:
            break
        rest.append(visible_text(sibling) + (sibling.tail or ""))
    return anchor if len(squash("".join(rest))) <= _LINE_TAIL_CHARS and first.getnext() is not None else None


def _is_footer(text: str) -> bool:
    return fold(text[:60]).startswith(page_rules().chrome_texts)


def _text_tokens(el: Element) -> tuple[list[Token], list[Element]]:
    """A block's own text: a headline line first, perhaps, then a paragraph or a date line; or
    a teaser (its title link, then a summary); or the footer of an old layout, which is skipped."""
    head = _bold_line(el) if el.tag in _LINE_BLOCKS else None
    found = [head] if head is not None else []
    text, links, later = _own_text(el, head.el if head is not None else None)
    if not text:
        return found, [c for c in el if isinstance(c.tag, str) and (head is None or c is not head.el)]
    if len(text) >= _FOOTER_CHARS and _is_footer(text):
        return [], []
    anchor = _title_link(el) if head is None and el.tag in _LINE_BLOCKS else None
    if anchor is not None:
        item = Token(ITEM, anchor, href=(anchor.get("href") or "").strip())
        rest = len(text) - len(visible_text(anchor))
        return ([item, Token(PARA, el, chars=rest)] if rest >= _PARAGRAPH_CHARS else [item]), later
    if len(text) >= _PARAGRAPH_CHARS and links < _PARAGRAPH_LINK_SHARE * len(text):
        return [*found, Token(PARA, el, chars=len(text))], later
    if _has_date(text):
        found.append(Token(DATE, el))
    return found, [c for c in el if isinstance(c.tag, str) and (head is None or c is not head.el)]


def _tokens_of(el: Element) -> tuple[list[Token], list[Element]]:
    """The tokens an element itself gives, and its children still to be read: none after a link or
    a headline, only those holding blocks after a paragraph, else all."""
    head = _headline(el)
    if head is not None:
        return [head], []
    if el.tag == "a":
        link = _link(el)
        return ([link] if link else []), []
    if el.tag == "time":
        return [Token(DATE, el)], []
    return _text_tokens(el)


def read_tokens(root: Element) -> list[Token]:
    """The page's own content as tokens, in document order."""
    body = root.find(".//body") if root.tag == "html" else root
    related = related_blocks(root)
    tokens: list[Token] = []
    stack: list[Element] = [body if body is not None else root]
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        if el in related:
            tokens.append(Token(RELATED, el))
            continue
        if is_pager(el):
            tokens.append(Token(PAGER, el))
            continue
        if is_chrome(el):
            continue
        found, children = _tokens_of(el)
        tokens.extend(found)
        stack.extend(reversed(children))
    return tokens
