"""Spider middleware: drop requests for trap URLs (calendars, print/share views, search, files...).

The rules are in crawler/discovery/traps.py and rules/urls.toml; this component applies them to everything a
callback yields, counting each drop under ``hdnd/trap/<reason>``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

from crawler.crawl.context import CrawlContext
from crawler.discovery.traps import trap_reason
from crawler.rules import Patterns

logger = logging.getLogger(__name__)


def filter_traps(results: Iterable[Any], avoid: dict[str, Patterns], stats: StatsCollector) -> Iterator[Any]:
    """Pass everything through except requests for trap URLs (``avoid``: each site's own
    avoid_patterns, beside the rules every site shares)."""
    for r in results:
        if isinstance(r, Request) and not r.meta.get("hdnd_no_trap_check"):
            reason = trap_reason(r.url, avoid.get(r.meta.get("site"), ()))
            if reason:
                stats.inc_value(f"hdnd/trap/{reason}")
                logger.debug("skipped %s: %s", r.url, reason)
                continue
        yield r


class TrapFilterMiddleware:
    # ``spider`` is optional in the hooks: Scrapy 2.14+ no longer passes it (the crawler knows it)
    def __init__(self, crawler: Crawler) -> None:
        assert crawler.stats is not None
        self.stats: StatsCollector = crawler.stats
        self.avoid = CrawlContext.of(crawler).avoid

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TrapFilterMiddleware:
        return cls(crawler)

    def process_spider_output(self, response: Response, result: Iterable[Any],
                              spider: Spider | None = None) -> Iterator[Any]:
        return filter_traps(result, self.avoid, self.stats)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any], spider: Spider | None = None
    ) -> AsyncIterator[Any]:
        async for r in result:
            for kept in filter_traps((r,), self.avoid, self.stats):
                yield kept
