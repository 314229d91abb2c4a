"""The crawler's verdict on one page, computed one way for the spider and for ``hdnd extract``.

An operator adding a site runs ``hdnd extract PAGE --url URL`` on a saved page to see what the
crawler would keep. If the command judged the page differently from the spider (another decoding,
another family, another guess from the URL), it would show a verdict the crawl never reaches, so
both call ``verdict_for``; a saved page goes through the same Scrapy response, family detection,
URL classifier and link extraction that a fetched one does.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from urllib.parse import urlsplit

from lxml import html as lxml_html
from scrapy.http import HtmlResponse

from crawler.discovery.cms import detect_family, family
from crawler.discovery.links import ARTICLE, Link, SiteRules, extract_links, link_kind
from crawler.judgment.judge import JUDGMENT_ERROR, PageVerdict, judge
from crawler.rules import Family

logger = logging.getLogger(__name__)

# How the spider found a page when a feed or a sitemap listed it (request meta ``via``).
LISTING_KINDS = frozenset({"rss", "atom", "sitemap", "feed"})


def verdict_for(root: lxml_html.HtmlElement, links: Sequence[Link], fam: Family | None, kind: str | None,
                via: str | None = None) -> PageVerdict:
    """The verdict on a parsed page reached as ``kind`` (the link classifier's guess, or "start"),
    ``via`` the way it was found; ``links`` are the page's links as ``extract_links`` gives them.

    A page that breaks judgment is not archived but not lost either: its verdict says what broke,
    and is kept with the visit like any other."""
    dated = sum(1 for link in links if link.listing_date)
    listed_in = via if kind == ARTICLE and via in LISTING_KINDS else None
    try:
        return judge(root, kind == ARTICLE, fam, kind == "start", dated, listed_in=listed_in)
    except Exception as exc:  # a bug on one odd page must not take its visit record with it
        logger.exception("page judgment failed")
        return PageVerdict(False, f"judgment error: {type(exc).__name__}: {exc}", JUDGMENT_ERROR)


def _is_site_root(url: str) -> bool:
    """A homepage: where the registry's start URLs point, and where the spider says "start page"."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.path in ("", "/") and not parts.query


def verdict_for_saved_page(body: bytes, url: str, headers: dict[str, list[str]] | None = None) -> PageVerdict:
    """The verdict the spider would give ``body`` fetched from ``url`` as a link it followed (or as
    the start page, for a site's root URL). Any URL works, ``file://`` included: the page's links
    are then same-site when they are relative."""
    response = HtmlResponse(url, body=body, headers=headers or None)
    root = response.selector.root
    fam = family(detect_family(response.text, url))
    rules = SiteRules(frozenset({urlsplit(url).netloc}))
    links = list(extract_links(root, url, rules, fam))
    kind = "start" if _is_site_root(url) else link_kind(url, "", url, rules, fam)
    return verdict_for(root, links, fam, kind)
