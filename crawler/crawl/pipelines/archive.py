"""Item pipeline: extract each fetched article page and archive it, raw bytes included.

``archive_item`` does the work; ``ArchivePipeline`` opens the archive, records the run, and hands
extraction to worker processes when ``HDND_EXTRACT_WORKERS`` > 0 (extraction is CPU-bound and the
crawl's event loop must keep downloading meanwhile).
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler.archive.store import Archive, RawPage, now_iso
from crawler.archive.visits import Visit
from crawler.crawl.context import CrawlContext
from crawler.crawl.items import AliasItem, FetchErrorItem, VisitItem
from crawler.extract import extract
from crawler.extract.model import Extracted

logger = logging.getLogger(__name__)


def extract_item(item: RawPage) -> Extracted:
    """Extraction of one fetched page (picklable entry point for worker processes)."""
    return extract(item.body, item.final_url, headers=item.headers, encoding=item.encoding,
                   listing_date=item.listing_date, cms=item.cms)


def archive_item(archive: Archive, item: RawPage, extracted: Extracted, run_id: int | None,
                 stats: StatsCollector) -> RawPage:
    """Store one page with its extraction; count it per site as new or already archived."""
    _, new = archive.store_page(item, extracted, run_id)
    if new:
        stats.inc_value("hdnd/articles/new")
        stats.inc_value(f"hdnd/site/{item.site}/new")
        if extracted.status != "ok":
            stats.inc_value(f"hdnd/extract/{extracted.status}")
            stats.inc_value(f"hdnd/site/{item.site}/{extracted.status}")
    else:
        stats.inc_value("hdnd/articles/already_archived")
    return item


def site_outcomes(stats: StatsCollector, site_ids: list[str], reason: str) -> list[dict[str, Any]]:
    """Per-site figures of the run, from the stats; a site is complete when the crawl finished
    normally and its page budget was not exhausted."""
    rows = []
    for site in site_ids:
        prefix = f"hdnd/site/{site}/"
        rows.append({
            "site": site, "fetched": stats.get_value(prefix + "fetched", 0), "new": stats.get_value(prefix + "new", 0),
            "errors": stats.get_value(prefix + "errors", 0),
            "extract_problems": stats.get_value(prefix + "suspect", 0) + stats.get_value(prefix + "failed", 0),
            "not_articles": stats.get_value(prefix + "not_article", 0),
            "complete": reason == "finished" and not stats.get_value(prefix + "over_budget", 0),
        })
    return rows


class ArchivePipeline:
    # ``spider`` is optional in the hooks: Scrapy 2.14+ no longer passes it (the crawler knows it)
    def __init__(self, crawler: Crawler, data_dir: str, workers: int, stats: StatsCollector) -> None:
        self.crawler = crawler
        self.data_dir = data_dir
        self.workers = workers
        self.stats = stats
        self.archive: Archive | None = None
        self.pool: ProcessPoolExecutor | None = None
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        settings = crawler.settings
        assert crawler.stats is not None
        pipeline = cls(crawler, settings.get("HDND_DATA_DIR"), settings.getint("HDND_EXTRACT_WORKERS"), crawler.stats)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        ctx = CrawlContext.of(self.crawler)   # before the archive opens: no context, nothing left open
        self.archive = Archive.open(self.data_dir)
        for site in ctx.sites.values():
            self.archive.upsert_site(site)
        self.run_id = ctx.run_id = self.archive.start_run(list(ctx.sites))
        self.archive.start_site_runs(self.run_id, list(ctx.sites))
        self.site_ids = list(ctx.sites)
        if self.workers > 0:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"))

    async def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        assert self.archive is not None
        if isinstance(item, FetchErrorItem):
            self.archive.store_error(item.site, item.url, item.reason, item.status, self.run_id)
            return item
        if isinstance(item, AliasItem):
            self.archive.store_alias(item.site, item.url_key, item.page_key)
            return item
        if isinstance(item, VisitItem):
            visit = Visit(item.url_key, item.site, item.url, item.kind, now_iso(), item.status, item.etag,
                          item.last_modified, item.article_links, item.body is not None, item.verdict)
            self.archive.record_visit(visit, item.body, item.encoding)
            return item
        if not isinstance(item, RawPage):
            return item
        if self.pool is not None:
            extracted = await asyncio.wrap_future(self.pool.submit(extract_item, item))
        else:
            extracted = extract_item(item)
        return archive_item(self.archive, item, extracted, self.run_id, self.stats)

    def close_spider(self, spider: Spider | None = None) -> None:
        """Wait for the extractions under way; the run is recorded on ``spider_closed``, the first
        place Scrapy tells why the crawl ended (a pipeline's ``close_spider`` is never told, and an
        interrupted run recorded as finished would let the next run skip what this one missed)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.archive is None:
            return
        if self.run_id is not None:
            stats = {k: v for k, v in self.stats.get_stats().items() if k.startswith(("hdnd/", "downloader/"))}
            self.archive.finish_site_runs(self.run_id, site_outcomes(self.stats, self.site_ids, reason), reason)
            self.archive.finish_run(self.run_id, stats, reason)
        self.archive.close()
        self.archive = None
