"""Spider middleware: stop paths that produce endless query-string variants.

Sort switches, view modes and per-visit counters (``?sort=title&dir=asc&r=7``) can turn one listing
into infinitely many URLs. Known noise parameters are stripped before this point (rules/urls.toml);
what is left is capped: after ``HDND_MAX_QUERY_VARIANTS`` distinct query strings on one path, new
ones are dropped (``hdnd/trap/query_variants``). Article and pagination links are exempt, since a
``Detail.aspx?ContentID=N`` path legitimately has thousands; pagination has its own bound.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

EXEMPT_KINDS = frozenset({"article", "pagination", "postback", "feed", "sitemap", "start", "robots"})


class VariantCounter:
    """Distinct query strings seen per host and path."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.seen: dict[str, set[str]] = defaultdict(set)

    def allow(self, url: str) -> bool:
        parts = urlsplit(url)
        if not parts.query:
            return True
        variants = self.seen[parts.netloc + parts.path]
        if parts.query in variants:
            return True
        if len(variants) >= self.cap:
            return False
        variants.add(parts.query)
        return True


def filter_variants(results: Iterable[Any], counter: VariantCounter, stats: StatsCollector) -> Iterator[Any]:
    for r in results:
        if isinstance(r, Request) and r.meta.get("kind") not in EXEMPT_KINDS and not counter.allow(r.url):
            stats.inc_value("hdnd/trap/query_variants")
            continue
        yield r


class QueryVariantMiddleware:
    def __init__(self, stats: StatsCollector, cap: int) -> None:
        self.stats = stats
        self.counter = VariantCounter(cap)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QueryVariantMiddleware:
        return cls(crawler.stats, crawler.settings.getint("HDND_MAX_QUERY_VARIANTS"))

    # ``spider`` is optional in the hooks: Scrapy 2.14+ no longer passes it
    def process_spider_output(self, response: Response, result: Iterable[Any],
                              spider: Spider | None = None) -> Iterator[Any]:
        return filter_variants(result, self.counter, self.stats)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any], spider: Spider | None = None
    ) -> AsyncIterator[Any]:
        async for r in result:
            for kept in filter_variants((r,), self.counter, self.stats):
                yield kept
