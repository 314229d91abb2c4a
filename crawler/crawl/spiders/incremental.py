"""The re-crawl side of the portal spider: conditional requests, listings that stop once caught
up, and what each non-article page is remembered as (policy in crawler/discovery/recrawl.py)."""

from __future__ import annotations

from typing import Any

from scrapy.http import HtmlResponse, Response, XmlResponse

from crawler.archive.store import Archive
from crawler.crawl.items import VisitItem
from crawler.discovery.links import ARTICLE, PAGINATION, POSTBACK, Link
from crawler.discovery.recrawl import Recrawl
from crawler.discovery.urls import clean_url, page_number, url_key, without_page

LISTING_MIN_ARTICLES = 3


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


class RecrawlMixin:
    """Methods the spider uses on re-crawls; it provides ``archive``, ``recrawl``, ``known``,
    ``start_links`` and ``crawler``."""

    archive: Archive | None
    recrawl: Recrawl
    known: set[str]
    start_links: dict[str, set[str]]
    crawler: Any

    def _unchanged(self, response: Response) -> Response | None:
        """A 304 answered from the body stored at the last visit (None if we no longer have it)."""
        self.crawler.stats.inc_value("hdnd/recrawl/not_modified")
        stored = self.archive.cached_body(url_key(response.url)) if self.archive is not None else None
        if stored is None:
            return None
        body, encoding = stored
        cls = HtmlResponse if b"<html" in body[:2048].lower() or b"<!doctype" in body[:512].lower() else XmlResponse
        return response.replace(cls=cls, status=200, body=body, encoding=encoding or "utf-8")

    def _own_articles(self, response: Response, links: list[Link]) -> int:
        """Article links of a page that its site's start page does not also show: a sidebar of
        latest news repeated on every page does not make a page a listing."""
        keys = {url_key(link.url) for link in links if link.kind == ARTICLE}
        if response.meta.get("kind") == "start":
            self.start_links.setdefault(response.meta["site"], set()).update(keys)
            return len(keys)
        return len(keys - self.start_links.get(response.meta["site"], set()))

    def _is_listing(self, response: Response, links: list[Link]) -> bool:
        """A news list, whatever its URL looks like: its own article links, or pages of itself."""
        if self._own_articles(response, links) >= LISTING_MIN_ARTICLES:
            return True
        here = without_page(clean_url(response.url))
        return any(link.kind == POSTBACK or (link.kind == PAGINATION and without_page(link.url) == here)
                   for link in links)

    def _visit_item(self, response: Response, original: Response, article_links: int,
                    listing: bool = False, verdict: str | None = None) -> VisitItem:
        keep = original.status != 304 and (b"ETag" in original.headers or b"Last-Modified" in original.headers)
        kind = response.meta.get("kind")
        if kind not in ("start", "feed", "sitemap", "robots"):
            kind = "listing" if listing else "other"
        return VisitItem(
            site=response.meta["site"], url=response.url, url_key=url_key(response.url), kind=kind,
            status=original.status, etag=_header(original, b"ETag"), last_modified=_header(original, b"Last-Modified"),
            article_links=article_links, body=response.body if keep else None,
            encoding=getattr(response, "encoding", None), verdict=verdict,
        )

    # --- callbacks ------------------------------------------------------------------------------

    def _listing_rule(self, response: Response, links: list[Link]) -> list[Link]:
        """On a re-crawl, stop paging a listing once pages bring no new article (crawler/discovery/recrawl.py).

        "Next pages" are pagination and post-back links, and any link to page 2 or beyond of a
        listing ("Xem thêm", a "Tin mới" box linking ?page=2)."""
        def deeper(link: Link) -> bool:
            return link.kind in (PAGINATION, POSTBACK) or (link.kind != ARTICLE and (page_number(link.url) or 0) >= 2)

        if not any(deeper(link) for link in links):
            return links
        site_id = response.meta["site"]
        new = sum(1 for link in links if link.kind == ARTICLE and url_key(link.url) not in self.known)
        follow, stale = self.recrawl.keep_paging(site_id, response.meta.get("stale", 0), new)
        response.meta["stale_out"] = stale
        if follow:
            return links
        self.crawler.stats.inc_value("hdnd/recrawl/listing_caught_up")
        return [link for link in links if not deeper(link)]

