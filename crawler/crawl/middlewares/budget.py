"""Downloader middleware: a page budget per site and run, and the per-site count of responses.

Counted where requests reach the downloader, after duplicate filtering and robots.txt, so only real
fetches count; retries of one request count once. Over budget, requests are dropped with
``IgnoreRequest`` and counted under ``hdnd/budget/exhausted`` and ``hdnd/site/<id>/over_budget``.
Every response (whatever its status) counts under ``hdnd/site/<id>/fetched``.
"""

from __future__ import annotations

from collections import Counter

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

from crawler.crawl.context import CrawlContext


class SiteBudget:
    """Fetches per site, against each site's limit."""

    def __init__(self, default_limit: int) -> None:
        self.default_limit = default_limit
        self.used: Counter[str] = Counter()

    def take(self, site: str, limit: int | None) -> bool:
        """Spend one fetch of ``site``; False when its budget is used up."""
        if self.used[site] >= (limit or self.default_limit):
            return False
        self.used[site] += 1
        return True


class SiteBudgetMiddleware:
    # ``spider`` is optional in the hooks: Scrapy 2.14+ no longer passes it (the crawler knows it)
    def __init__(self, crawler: Crawler) -> None:
        assert crawler.stats is not None
        self.crawler = crawler
        self.stats: StatsCollector = crawler.stats
        self.budget = SiteBudget(crawler.settings.getint("HDND_MAX_PAGES_PER_SITE"))
        self.limits = CrawlContext.of(crawler).page_limits

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteBudgetMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        site = request.meta.get("site")
        if not site or request.meta.get("retry_times"):
            return None
        if not self.budget.take(site, self.limits.get(site)):
            self.stats.inc_value("hdnd/budget/exhausted")
            self.stats.inc_value(f"hdnd/site/{site}/over_budget")
            raise IgnoreRequest(f"page budget of site {site} used up")
        return None

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        site = request.meta.get("site")
        if site:
            self.stats.inc_value(f"hdnd/site/{site}/fetched")
        return response
