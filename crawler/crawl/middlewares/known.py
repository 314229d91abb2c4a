"""Downloader middleware: do not follow a redirect to a page the archive already holds.

WordPress shortlinks (``/?p=123``), Joomla's non-SEF URLs and moved articles redirect to pages we
have; following them would download those pages again on every run. The redirect is stopped here,
before Scrapy's RedirectMiddleware (600) acts, and the spider records the old URL as an alias.
"""

from __future__ import annotations

from urllib.parse import urljoin

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from w3lib.url import safe_url_string

from crawler.crawl.context import CrawlContext
from crawler.discovery.urls import url_key

REDIRECTS = frozenset({301, 302, 303, 307, 308})


def redirect_target_key(request: Request, response: Response) -> str | None:
    """URL key of a redirect's target, or None when the response is not a redirect. The Location is
    read as Scrapy's RedirectMiddleware reads it (raw bytes as UTF-8, then percent-encoded), so a
    target with Vietnamese letters in its path is the page that would be followed."""
    location = response.headers.get(b"Location")
    if response.status not in REDIRECTS or not location:
        return None
    return url_key(urljoin(request.url, safe_url_string(location)))


class KnownRedirectMiddleware:
    # ``spider`` is optional in the hook: Scrapy 2.14+ no longer passes it (the crawler knows it)
    def __init__(self, crawler: Crawler) -> None:
        assert crawler.stats is not None
        self.stats: StatsCollector = crawler.stats
        self.known = CrawlContext.of(crawler).known   # the spider adds to it as pages are archived

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> KnownRedirectMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if not request.meta.get("site"):
            return response
        target = redirect_target_key(request, response)
        if target is not None and target in self.known:
            request.meta["dont_redirect"] = True
            request.meta["hdnd_alias_of"] = target
            self.stats.inc_value("hdnd/skipped/redirect_to_archived")
        return response
