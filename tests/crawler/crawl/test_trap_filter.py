"""The trap filter (filter_traps, TrapFilterMiddleware) on what a callback yields, without a crawl."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.statscollectors import MemoryStatsCollector

from crawler.crawl.middlewares.drop_traps import TrapFilterMiddleware, filter_traps
from tests.crawler.crawl.unit_support import bare_crawler, crawler_with_context

ALPHA = "http://alpha.example.vn"
BETA = "http://www.beta.example.vn"
RESPONSE = HtmlResponse(f"{ALPHA}/", body=b"<html></html>")


def _req(url: str, site: str | None = "alpha", **meta: Any) -> Request:
    return Request(url, meta={"site": site, **meta} if site else dict(meta))


def _stats() -> MemoryStatsCollector:
    return MemoryStatsCollector(bare_crawler())


def _trap_stats(stats: MemoryStatsCollector) -> dict[str, int]:
    return {k: v for k, v in stats.get_stats().items() if k.startswith("hdnd/trap/")}


def _urls(results: Iterable[Any]) -> list[str]:
    return [r.url if isinstance(r, Request) else repr(r) for r in results]


def test_trap_urls_are_dropped_with_their_reason() -> None:
    """Print, share, search, login, calendar and file links are dropped, each counted under its reason;
    ordinary links pass in order."""
    stats = _stats()
    results = [
        _req(f"{ALPHA}/tin-tuc/ky-hop-thu-10-123.html"),
        _req(f"{ALPHA}/print/ky-hop-thu-10-123.html"),
        _req(f"{ALPHA}/tin-tuc/ky-hop-thu-10-123.html?print=1"),
        _req(f"{ALPHA}/tim-kiem?q=hdnd"),
        _req(f"{ALPHA}/dang-nhap"),
        _req(f"{ALPHA}/lich-cong-tac?ngay=22/11/2024"),
        _req(f"{ALPHA}/files/nghi-quyet.pdf"),
        _req(f"{ALPHA}/tin-tuc/trang-2.html"),
    ]
    kept = list(filter_traps(results, {}, stats))
    assert _urls(kept) == [f"{ALPHA}/tin-tuc/ky-hop-thu-10-123.html", f"{ALPHA}/tin-tuc/trang-2.html"]
    assert _trap_stats(stats) == {"hdnd/trap/print": 2, "hdnd/trap/search": 1, "hdnd/trap/login": 1,
                                  "hdnd/trap/calendar": 1, "hdnd/trap/file": 1}


def test_items_and_other_objects_pass_untouched() -> None:
    """Whatever is not a Request (items, dicts) passes through as the same object, in place."""
    stats = _stats()
    item = {"title": "Kỳ họp thứ 10", "url": f"{ALPHA}/print/x"}
    marker = object()
    kept = list(filter_traps([item, _req(f"{ALPHA}/print/x"), marker], {}, stats))
    assert kept == [item, marker] and kept[0] is item and kept[1] is marker


def test_a_sites_avoid_patterns_apply_to_that_site_only(tmp_path: Path) -> None:
    """alpha's ``avoid_patterns`` drop alpha's matching links as "avoid"; beta's link of the same
    path, and a request of no site, are kept."""
    crawler, ctx = crawler_with_context(tmp_path)
    stats = crawler.stats
    results = [
        _req(f"{ALPHA}/van-ban/quyet-dinh-12.html"),
        _req(f"{BETA}/van-ban/quyet-dinh-12.html", site="beta"),
        _req(f"{ALPHA}/van-ban/quyet-dinh-12.html", site=None),
        _req(f"{ALPHA}/tin-tuc/quyet-dinh-12.html"),
    ]
    kept = list(filter_traps(results, ctx.avoid, stats))
    assert _urls(kept) == [f"{BETA}/van-ban/quyet-dinh-12.html", f"{ALPHA}/van-ban/quyet-dinh-12.html",
                           f"{ALPHA}/tin-tuc/quyet-dinh-12.html"]
    assert kept[1].meta.get("site") is None
    assert _trap_stats(stats) == {"hdnd/trap/avoid": 1}


def test_no_trap_check_is_honoured() -> None:
    """A request marked ``hdnd_no_trap_check`` passes even on a trap URL, and nothing is counted."""
    stats = _stats()
    marked = _req(f"{ALPHA}/print/ky-hop.html", hdnd_no_trap_check=True)
    kept = list(filter_traps([marked, _req(f"{ALPHA}/print/ky-hop.html", hdnd_no_trap_check=False)], {}, stats))
    assert kept == [marked]
    assert _trap_stats(stats) == {"hdnd/trap/print": 1}


def test_middleware_sync_hook_uses_the_contexts_avoid_patterns(tmp_path: Path) -> None:
    """``process_spider_output`` filters with the crawl's shared rules and each site's own patterns."""
    crawler, _ = crawler_with_context(tmp_path)
    mw = TrapFilterMiddleware.from_crawler(crawler)
    results = [_req(f"{ALPHA}/van-ban/a.html"), _req(f"{ALPHA}/sharer?u=x"), _req(f"{ALPHA}/tin-tuc/a-1.html"),
               {"item": 1}]
    kept = list(mw.process_spider_output(RESPONSE, results))
    assert _urls(kept) == [f"{ALPHA}/tin-tuc/a-1.html", repr({"item": 1})]
    assert _trap_stats(crawler.stats) == {"hdnd/trap/avoid": 1, "hdnd/trap/share": 1}


def test_middleware_async_hook_filters_an_async_stream(tmp_path: Path) -> None:
    """``process_spider_output_async`` drops the same requests from an async callback's output, in order."""
    crawler, _ = crawler_with_context(tmp_path)
    mw = TrapFilterMiddleware.from_crawler(crawler)

    async def callback() -> AsyncIterator[Any]:
        yield _req(f"{ALPHA}/tin-tuc/a-1.html")
        yield _req(f"{ALPHA}/van-ban/a.html")
        yield {"item": 2}
        yield _req(f"{ALPHA}/search?keyword=hdnd")
        yield _req(f"{ALPHA}/tin-tuc/a-2.html")

    async def collect() -> list[Any]:
        return [r async for r in mw.process_spider_output_async(RESPONSE, callback())]

    kept = asyncio.run(collect())
    assert _urls(kept) == [f"{ALPHA}/tin-tuc/a-1.html", repr({"item": 2}), f"{ALPHA}/tin-tuc/a-2.html"]
    assert _trap_stats(crawler.stats) == {"hdnd/trap/avoid": 1, "hdnd/trap/search": 1}


def test_trap_filter_needs_a_crawl_context() -> None:
    """Without the crawl's context the middleware does not start (it would miss every site's avoid patterns)."""
    with pytest.raises(RuntimeError, match="no crawl context"):
        TrapFilterMiddleware.from_crawler(bare_crawler())
