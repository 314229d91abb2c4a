"""Find the links of a page and say what each probably leads to, before fetching it.

The crawler works from a homepage alone, so it has to guess: an article (URL shapes of the CMS
family, the site's hints, generic slug-and-id shapes), the next page of the listing it is on, a
news listing, or something else. Guesses only set priorities and hop counts; the page itself is
judged again once fetched (crawler/judgment/judge.py). Links keep the date printed next to them on
listings, the third-best source of an article's publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import html as lxml_html

from crawler.discovery.urls import clean_url, page_number, path_and_query, resolve, without_page
from crawler.lang.dates import find_dates
from crawler.lang.textnorm import clean_text, fold
from crawler.rules import Family, generic, url_rules

ARTICLE, PAGINATION, LISTING, OTHER, POSTBACK = "article", "pagination", "listing", "other", "postback"

_POSTBACK_RE = re.compile(r"__doPostBack\(\s*['\"]([^'\"]+)['\"]\s*,\s*['\"]([^'\"]*)['\"]\s*\)")
_CONTAINERS = {"li", "tr", "article", "div", "p", "dd", "td", "h2", "h3", "h4", "header", "span"}
_MAX_CONTAINER_TEXT = 700
_MAX_CONTAINERS = 4    # an item is at most four containers above its link
_INLINE = frozenset({"strong", "b", "em", "i", "u", "font", "small", "big"})
_MAX_WALK = 10         # containers and the inline wrappers between them
_WALKABLE = _CONTAINERS | _INLINE
# Text that may hold a date as portals print one ("12/11/2019", "2019-11-12", "ngày 12 tháng 11"):
# a cheap test before find_dates, which page judgment runs on every item of every listing.
DATE_HINT = re.compile(r"\d\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d|th[aá]\u0301?ng", re.I)


@dataclass(frozen=True)
class Link:
    """A link found on a page, cleaned, with the guess about its target."""

    url: str
    kind: str
    text: str
    listing_date: str | None = None
    postback: tuple[str, str] | None = None  # (__EVENTTARGET, __EVENTARGUMENT) for WebForms pagers


@dataclass(frozen=True)
class SiteRules:
    """What link classification needs to know about one site."""

    hosts: frozenset[str]
    article_patterns: tuple[re.Pattern[str], ...] = ()
    listing_patterns: tuple[re.Pattern[str], ...] = ()


def _text_of(el: lxml_html.HtmlElement) -> str:
    text = el.text_content() or ""
    if not text.strip():
        text = el.get("title") or ""
    if not text.strip():
        img = next(el.iter("img"), None)
        if img is not None:
            text = img.get("alt") or ""
    return clean_text(text)


def date_beside(anchor: lxml_html.HtmlElement) -> str | None:
    """The date printed beside a link in a listing item, if any, as ISO 8601.

    Walks up from the link through the item's containers (li, tr, article, div ...), seeing through
    inline wrappers (``<strong><a>…</a></strong>``, old portals' ``<font>``), until one holds a date;
    gives up at a container holding several dates (the whole list), in ``<time>`` elements or in its
    text, or much text.
    """
    node, containers = anchor, 0
    for _ in range(_MAX_WALK):
        node = node.getparent()
        if node is None or node.tag not in _WALKABLE:
            return None
        if node.tag in _INLINE:
            continue
        stamped = {d for t in node.iter("time") for d in _iso_dates(t.get("datetime") or t.text_content() or "")}
        if stamped:
            return stamped.pop() if len(stamped) == 1 else None
        text = node.text_content() or ""
        if len(text) > _MAX_CONTAINER_TEXT:
            return None
        dates = find_dates(text) if DATE_HINT.search(text) else []
        if dates:
            return dates[0].iso() if len(dates) == 1 else None
        containers += 1
        if containers == _MAX_CONTAINERS:
            return None
    return None


def _iso_dates(text: str) -> list[str]:
    found = find_dates(text)
    return [found[0].iso()] if found else []


def _matches(patterns: Iterable[re.Pattern[str]], target: str) -> bool:
    return any(p.search(target) for p in patterns)


def link_kind(url: str, text: str, page_url: str, site: SiteRules, fam: Family | None) -> str:
    """ARTICLE, PAGINATION, LISTING or OTHER for a cleaned link URL seen on ``page_url``."""
    target = path_and_query(url)
    if _matches(site.article_patterns, target):
        return ARTICLE
    number = page_number(url)
    if number is not None and without_page(url) == without_page(page_url):
        return PAGINATION
    folded = fold(text)
    if folded in url_rules().pagination_texts or (text.isdigit() and number is not None):
        return PAGINATION
    if _matches(site.listing_patterns, target):
        return LISTING
    if fam is not None:
        if _matches(fam.article_urls, target):
            return ARTICLE
        if _matches(fam.listing_urls, target):
            return LISTING
    gen = generic()
    if _matches(gen.article_urls, target):
        return ARTICLE
    if number is not None or _matches(gen.listing_urls, target):
        return LISTING
    return OTHER


def news_bias(url: str, text: str) -> int:
    """+1 for links that look like HĐND news or news sections, -1 for about/contact/documents."""
    words = fold(text) + " " + fold(path_and_query(url)).replace("-", " ").replace("/", " ")
    gen = generic()
    if any(w in words for w in gen.news_words):
        return 1
    if any(w in words for w in gen.other_words):
        return -1
    return 0


def extract_links(
    root: lxml_html.HtmlElement, page_url: str, site: SiteRules, fam: Family | None
) -> Iterator[Link]:
    """Every distinct same-site link of a parsed page, classified, in document order."""
    base = page_url
    for b in root.iter("base"):
        if b.get("href"):
            base = resolve(page_url, b.get("href")) or page_url
            break
    page_key = clean_url(page_url)
    seen: set[str] = set()
    for anchor in root.iter("a", "area"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue
        text = _text_of(anchor)
        postback = _POSTBACK_RE.search(href)
        if postback:
            key = f"{page_key}#postback:{postback.group(1)}:{postback.group(2)}"
            if key not in seen:
                seen.add(key)
                yield Link(page_key, POSTBACK, text, postback=(postback.group(1), postback.group(2)))
            continue
        url = resolve(base, href)      # None for javascript:, mailto:, tel: ... and malformed hrefs
        if url is None or urlsplit(url).netloc not in site.hosts or url == page_key or url in seen:
            continue
        seen.add(url)
        kind = link_kind(url, text, page_key, site, fam)
        yield Link(url, kind, text, date_beside(anchor) if kind == ARTICLE else None)
