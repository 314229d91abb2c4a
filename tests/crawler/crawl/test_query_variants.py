"""The per-path cap on distinct query strings (VariantCounter, QueryVariantMiddleware)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.core.spidermw import SpiderMiddlewareManager
from scrapy.http import HtmlResponse

from crawler.crawl import settings as project_settings
from crawler.crawl.middlewares.drop_traps import TrapFilterMiddleware
from crawler.crawl.middlewares.variants import QueryVariantMiddleware, VariantCounter, filter_variants
from tests.crawler.crawl.unit_support import bare_crawler, crawler_with_context

BASE = "http://alpha.example.vn"
RESPONSE = HtmlResponse(f"{BASE}/", body=b"<html></html>")


def _req(url: str, kind: str | None = "listing") -> Request:
    return Request(url, meta={"site": "alpha", "kind": kind})


def test_counter_caps_distinct_queries_per_path() -> None:
    """After ``cap`` distinct query strings on a path, new ones are refused; those seen stay allowed."""
    counter = VariantCounter(cap=2)
    assert counter.allow(f"{BASE}/danh-sach.aspx?cat=1")
    assert counter.allow(f"{BASE}/danh-sach.aspx?cat=2")
    assert not counter.allow(f"{BASE}/danh-sach.aspx?cat=3")
    assert not counter.allow(f"{BASE}/danh-sach.aspx?cat=4")
    assert counter.allow(f"{BASE}/danh-sach.aspx?cat=1")
    assert counter.allow(f"{BASE}/danh-sach.aspx?cat=2")


def test_counter_is_per_host_and_path_and_ignores_bare_paths() -> None:
    """Other paths and other hosts have caps of their own; a URL without a query is always allowed."""
    counter = VariantCounter(cap=1)
    assert counter.allow(f"{BASE}/a.aspx?x=1")
    assert not counter.allow(f"{BASE}/a.aspx?x=2")
    assert counter.allow(f"{BASE}/b.aspx?x=2")
    assert counter.allow("http://www.beta.example.vn/a.aspx?x=2")
    assert all(counter.allow(f"{BASE}/a.aspx") for _ in range(5))


def test_filter_drops_over_the_cap_and_counts() -> None:
    """Requests beyond the cap are dropped and counted under ``hdnd/trap/query_variants``; items pass."""
    crawler = bare_crawler()
    counter = VariantCounter(cap=3)
    item = {"title": "x"}
    results: list[Any] = [_req(f"{BASE}/list.aspx?view={n}") for n in range(6)]
    results.insert(2, item)
    kept = list(filter_variants(results, counter, crawler.stats))
    assert [r.url if isinstance(r, Request) else r for r in kept] == [
        f"{BASE}/list.aspx?view=0", f"{BASE}/list.aspx?view=1", item, f"{BASE}/list.aspx?view=2"]
    assert crawler.stats.get_value("hdnd/trap/query_variants") == 3


def test_article_and_pagination_links_are_exempt() -> None:
    """Article, pagination, postback, feed, sitemap and start requests pass beyond the cap, and do
    not use it up for the path's other links."""
    crawler = bare_crawler()
    counter = VariantCounter(cap=1)
    exempt = [_req(f"{BASE}/Detail.aspx?ContentID={n}", kind=kind)
              for n, kind in enumerate(("article", "article", "pagination", "postback", "feed", "sitemap", "start"))]
    assert list(filter_variants(exempt, counter, crawler.stats)) == exempt
    other = [_req(f"{BASE}/Detail.aspx?ContentID=100", kind="other"), _req(f"{BASE}/Detail.aspx?ContentID=101", None)]
    assert list(filter_variants(other, counter, crawler.stats)) == other[:1]
    assert crawler.stats.get_value("hdnd/trap/query_variants") == 1


def test_middleware_reads_the_cap_from_settings_sync_and_async() -> None:
    """HDND_MAX_QUERY_VARIANTS sets the cap; both spider-output hooks share one counter."""
    crawler = bare_crawler({"HDND_MAX_QUERY_VARIANTS": 2})
    mw = QueryVariantMiddleware.from_crawler(crawler)
    first = list(mw.process_spider_output(RESPONSE, [_req(f"{BASE}/l.aspx?o={n}") for n in range(3)]))
    assert [r.url for r in first] == [f"{BASE}/l.aspx?o=0", f"{BASE}/l.aspx?o=1"]

    async def callback() -> AsyncIterator[Any]:
        yield _req(f"{BASE}/l.aspx?o=1")       # seen: allowed
        yield _req(f"{BASE}/l.aspx?o=7")       # new, over the cap
        yield {"item": 1}
        yield _req(f"{BASE}/l.aspx?o=8", kind="article")

    async def collect() -> list[Any]:
        return [r async for r in mw.process_spider_output_async(RESPONSE, callback())]

    kept = asyncio.run(collect())
    assert [r.url if isinstance(r, Request) else r for r in kept] == [
        f"{BASE}/l.aspx?o=1", {"item": 1}, f"{BASE}/l.aspx?o=8"]
    assert crawler.stats.get_value("hdnd/trap/query_variants") == 2


def test_trap_links_do_not_use_up_a_paths_variant_cap(tmp_path: Path) -> None:
    """In the project's spider-middleware order, as Scrapy chains it, a listing's date-picker links
    (dropped as calendar traps) must not take the variant slots of their path from the real
    category listings beside them."""
    crawler, _ = crawler_with_context(tmp_path, {"SPIDER_MIDDLEWARES": project_settings.SPIDER_MIDDLEWARES,
                                                 "SPIDER_MIDDLEWARES_BASE": {}, "HDND_MAX_QUERY_VARIANTS": 40})
    manager = SpiderMiddlewareManager.from_crawler(crawler)
    chain = [hook.__self__ for hook in manager.methods["process_spider_output"] if hook is not None]
    assert {type(mw) for mw in chain} == {QueryVariantMiddleware, TrapFilterMiddleware}
    page = f"{BASE}/tin-tuc.aspx"
    calendar = [_req(f"{page}?ngay={day}/{month}/2024", kind="other") for month in (10, 11) for day in range(1, 31)]
    categories = [_req(f"{page}?cat={n}") for n in (1, 2, 3)]
    output: Iterable[Any] = [*calendar, *categories]
    for mw in chain:   # the spider's output goes through the chain in this order
        output = mw.process_spider_output(HtmlResponse(page, body=b""), output)
    assert [r.url for r in output] == [r.url for r in categories]
    assert crawler.stats.get_value("hdnd/trap/calendar") == len(calendar)
