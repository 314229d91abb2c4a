"""The two shapes a page's tokens (crawler/judgment/layout.py) can take: one story, or a list of items.

A story is a headline that is not a link, followed by prose with no other item in between, dated
by a date printed just above, between or just below them, or inside the same ``<article>``.
Listing items are headlines that are links, links with a date beside them, and teasers (an item
link followed by its summary). Once a page has a real story (dated, long, or declared an article
by its metadata), the link lists after it are what the site shows under an article (other news
of the section), and lists in other columns are sidebars: only a list above the headline in the
story's own block makes it a listing.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.discovery.links import date_beside
from crawler.discovery.urls import page_number
from crawler.judgment.layout import (
    DATE,
    HEAD,
    ITEM,
    MORE,
    PAGE_LINK,
    PAGER,
    PARA,
    RELATED,
    Element,
    Token,
    article_of,
)
from crawler.judgment.regions import text_len, visible_text

LISTING_ITEMS = 3
LONG_STORY_CHARS = 500
# Text a story's block holds besides the headline and prose: category name, date, byline, share bar.
_BLOCK_SLACK = 300


@dataclass(frozen=True)
class Story:
    headline: Element
    start: int          # token index of the headline
    end: int            # token index of its last paragraph
    paragraphs: int
    chars: int
    dated: bool


def _breaks(token: Token) -> bool:
    """Tokens that end a story, or stand between a headline and its text: other items, pagers,
    a related-news block."""
    return token.kind in (ITEM, MORE, PAGER, RELATED) or (token.kind == HEAD and token.linked)


def _same_block(a: Element, b: Element, limit: int) -> bool:
    """Whether the smallest element holding both is little more than the story: a date in the
    story's own block, not the header's "Thứ Hai, ngày 24/11/2026" or the first item of a list
    that happens to come next."""
    ancestors = {a, *a.iterancestors()}
    node: Element | None = b
    while node is not None and node not in ancestors:
        node = node.getparent()
    return node is not None and text_len(node) <= limit


def _dated_around(tokens: list[Token], start: int, first: int, end: int, chars: int) -> bool:
    """A date between the headline and the text, anywhere in the headline's ``<article>``, or, in the
    story's own block, just above the headline (section titles allowed between) or just below."""
    if any(t.kind == DATE for t in tokens[start:first]):
        return True
    head = tokens[start].el
    article = article_of(head)
    if article is not None and any(t.kind == DATE and article_of(t.el) is article for t in tokens):
        return True
    limit = chars + len(visible_text(head)) + _BLOCK_SLACK
    for t in reversed(tokens[:start]):
        if t.kind == DATE and _same_block(t.el, head, limit):
            return True
        if t.kind != HEAD or t.linked:
            break
    after = tokens[end + 1] if end + 1 < len(tokens) else None
    return after is not None and after.kind == DATE and _same_block(after.el, head, limit)


def find_stories(tokens: list[Token]) -> list[Story]:
    """Every headline that is not a link followed by prose, in page order. The page's own story is
    the dated one, else the longest: an old layout's side column may hold a bold "Giới thiệu" line
    and a paragraph above the article."""
    stories: list[Story] = []
    head: int | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind == HEAD:
            head = None if token.linked else i
        elif _breaks(token):
            head = None
        elif token.kind == PARA and head is not None:
            stories.append(_grow(tokens, head, i))
            head, i = None, stories[-1].end
        i += 1
    return stories


def single_article_element(tokens: list[Token]) -> bool:
    """Exactly one ``<article>`` holds a headline that is not a link and a date: the page's story.
    A listing's teasers are ``<article>`` elements too, but their headlines are links."""
    heads = {a for t in tokens if t.kind == HEAD and not t.linked and (a := article_of(t.el)) is not None}
    dated = {a for t in tokens if t.kind == DATE and (a := article_of(t.el)) is not None}
    return len(heads & dated) == 1


def _dated_headline(tokens: list[Token], i: int) -> bool:
    """A headline with a date right under it: the start of another story (a teaser whose title is
    no link), where a crosshead inside an article runs straight into its text."""
    token = tokens[i]
    return token.kind == HEAD and not token.linked and i + 1 < len(tokens) and tokens[i + 1].kind == DATE


def _grow(tokens: list[Token], start: int, first: int) -> Story:
    end, paragraphs, chars = first, 0, 0
    for i in range(first, len(tokens)):
        token = tokens[i]
        if _breaks(token) or _dated_headline(tokens, i):
            break
        if token.kind == PARA:
            end, paragraphs, chars = i, paragraphs + 1, chars + token.chars
    return Story(tokens[start].el, start, end, paragraphs, chars,
                 _dated_around(tokens, start, first, end, chars))


def _anchor(token: Token) -> Element | None:
    if token.kind == ITEM:
        return token.el
    return next(token.el.iter("a"), None) if token.kind == HEAD and token.linked else None


def _teasers(tokens: list[Token]) -> int:
    """Summaries that follow an item link (dates allowed between): one per teaser of a listing."""
    count, after_item = 0, False
    for token in tokens:
        if token.kind == PARA:
            count += after_item
            after_item = False
        elif token.kind != DATE:
            after_item = _breaks(token) and token.kind not in (PAGER, RELATED, MORE)
    return count


def _pager(tokens: list[Token]) -> bool:
    """A pager container, two page links ("2", "Sau"), or one link to page 2 or more of a list."""
    page_links = [t for t in tokens if t.kind == PAGE_LINK]
    return (any(t.kind == PAGER for t in tokens) or len(page_links) >= 2
            or any((page_number(t.href) or 0) >= 2 for t in page_links))


def _common_block(a: Element, b: Element) -> Element:
    ancestors = {a, *a.iterancestors()}
    node = b
    while node not in ancestors and node.getparent() is not None:
        node = node.getparent()
    return node


def _listing_part(tokens: list[Token], story: Story | None, real_story: bool) -> list[Token]:
    """The tokens whose items can make the page a listing: all of them; or, once the page has a
    real story, only those above it in the story's own block (a list before the headline in the
    same column). What follows the story is other news of the section; other columns are sidebars,
    which old table layouts do not mark as such."""
    if story is None or not real_story:
        return tokens
    block = _common_block(story.headline, tokens[story.end].el)
    return [t for t in tokens[: story.start] if t.el is block or block in t.el.iterancestors()]


def listing_signals(tokens: list[Token], stories: list[Story], story: Story | None, real_story: bool) -> list[str]:
    """What makes the page a listing ("12 headline links", "5 dated links", "a pager"), or [] when
    it is not one. Several dated stories are teasers whose titles are no links, wherever they are."""
    seen = _listing_part(tokens, story, real_story)
    heads = {t.href for t in seen if t.kind == HEAD and t.linked}
    more = {t.href for t in seen if t.kind == MORE}
    items = heads | more | {t.href for t in seen if t.kind == ITEM}
    dated = {t.href for t in seen if (a := _anchor(t)) is not None and date_beside(a)}
    teasers = _teasers(seen)
    counts = ((len(heads), "headline links"), (len(dated), "dated links"), (teasers, "teasers"),
              (sum(1 for s in stories if s.dated), "dated headlines"), (len(more), "read-more links"))
    signals = [f"{n} {what}" for n, what in counts if n >= LISTING_ITEMS]
    pager = _pager(seen)
    if signals and pager:
        signals.append("a pager")
    elif pager and items:
        signals = [f"a pager and {len(items)} item link{'s' if len(items) > 1 else ''}"]
    return signals
