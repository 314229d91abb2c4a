"""The page budget per site and run (SiteBudget, SiteBudgetMiddleware), driven request by request."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse

from crawler.crawl.middlewares.budget import SiteBudget, SiteBudgetMiddleware
from tests.crawler.crawl.unit_support import DummySpider, bare_crawler, crawler_with_context

HOSTS = {"alpha": "alpha.example.vn", "beta": "www.beta.example.vn", "delta": "delta.example.vn"}


def _request(site: str | None, n: int, **meta: object) -> Request:
    host = HOSTS.get(site or "", "robots.example.vn")
    return Request(f"http://{host}/tin-tuc/bai-{n}.html", meta={"site": site, **meta} if site else dict(meta))


def _admitted(mw: SiteBudgetMiddleware, site: str, count: int, start: int = 0) -> int:
    """How many of ``count`` fresh requests of ``site`` the middleware lets through."""
    passed = 0
    for n in range(start, start + count):
        try:
            assert mw.process_request(_request(site, n)) is None
        except IgnoreRequest:
            continue
        passed += 1
    return passed


def test_site_budget_default_and_own_limits() -> None:
    """SiteBudget spends per site: a site's own limit replaces the default, other sites are untouched."""
    budget = SiteBudget(default_limit=2)
    assert [budget.take("a", None) for _ in range(3)] == [True, True, False]
    assert [budget.take("b", 4) for _ in range(5)] == [True, True, True, True, False]
    assert [budget.take("c", 1) for _ in range(2)] == [True, False]
    assert budget.used == {"a": 2, "b": 4, "c": 1}


def test_default_limit_from_the_setting(tmp_path: Path) -> None:
    """A site without ``max_pages`` gets HDND_MAX_PAGES_PER_SITE fetches; the next is ignored."""
    crawler, _ = crawler_with_context(tmp_path, {"HDND_MAX_PAGES_PER_SITE": 4})
    mw = SiteBudgetMiddleware.from_crawler(crawler)
    assert _admitted(mw, "beta", 6) == 4


@pytest.mark.parametrize(("default", "alpha", "delta"), [(1, 3, 1), (10, 3, 1)])
def test_own_limits_from_the_context(tmp_path: Path, default: int, alpha: int, delta: int) -> None:
    """A site's ``max_pages`` (alpha 3, delta 1) applies whether it is above or below the default."""
    crawler, _ = crawler_with_context(tmp_path, {"HDND_MAX_PAGES_PER_SITE": default})
    mw = SiteBudgetMiddleware.from_crawler(crawler)
    assert _admitted(mw, "alpha", 12) == alpha
    assert _admitted(mw, "delta", 12) == delta
    assert _admitted(mw, "beta", 12) == default


def test_over_budget_is_ignored_and_counted_per_site(tmp_path: Path) -> None:
    """Refused requests raise IgnoreRequest naming the site, counted in total and per site."""
    crawler, _ = crawler_with_context(tmp_path, {"HDND_MAX_PAGES_PER_SITE": 2})
    mw = SiteBudgetMiddleware.from_crawler(crawler)
    _admitted(mw, "delta", 1)
    with pytest.raises(IgnoreRequest, match="page budget of site delta used up"):
        mw.process_request(_request("delta", 99))
    _admitted(mw, "beta", 5)
    stats = crawler.stats.get_stats()
    assert stats["hdnd/budget/exhausted"] == 4
    assert stats["hdnd/site/delta/over_budget"] == 1
    assert stats["hdnd/site/beta/over_budget"] == 3
    assert "hdnd/site/alpha/over_budget" not in stats


def test_retries_are_not_counted_twice(tmp_path: Path) -> None:
    """A retry (as Scrapy's retry middleware makes it) passes without spending the budget, even
    when the budget is used up, and leaves the remaining fetches to new pages."""
    crawler, _ = crawler_with_context(tmp_path, {"HDND_MAX_PAGES_PER_SITE": 2})
    mw = SiteBudgetMiddleware.from_crawler(crawler)
    first = _request("beta", 1)
    assert mw.process_request(first) is None
    spider = DummySpider()
    spider.crawler = crawler
    retry = get_retry_request(first, spider=spider, reason="timeout")
    assert retry is not None and retry.meta["retry_times"] == 1
    assert mw.process_request(retry) is None
    assert _admitted(mw, "beta", 1, start=2) == 1       # the retry left the second fetch free
    again = get_retry_request(retry, spider=spider, reason="timeout")
    assert again is not None
    assert mw.process_request(again) is None            # budget used up, the retry still goes
    assert _admitted(mw, "beta", 1, start=3) == 0
    assert crawler.stats.get_value("hdnd/budget/exhausted") == 1


def test_requests_without_a_site_are_never_budgeted(tmp_path: Path) -> None:
    """Requests that belong to no site (robots.txt as Scrapy fetches it) pass and count nothing."""
    crawler, _ = crawler_with_context(tmp_path, {"HDND_MAX_PAGES_PER_SITE": 1})
    mw = SiteBudgetMiddleware.from_crawler(crawler)
    for n in range(5):
        assert mw.process_request(_request(None, n, dont_obey_robotstxt=True)) is None
    assert not any(k.startswith("hdnd/") for k in crawler.stats.get_stats())
    assert _admitted(mw, "beta", 2) == 1


def test_every_response_counts_as_fetched_per_site(tmp_path: Path) -> None:
    """Each response, whatever its status, adds one to ``hdnd/site/<id>/fetched`` and is passed on."""
    crawler, _ = crawler_with_context(tmp_path)
    mw = SiteBudgetMiddleware.from_crawler(crawler)
    for n, status in enumerate((200, 404, 500, 301)):
        request = _request("alpha", n)
        response = HtmlResponse(request.url, status=status, body=b"<html></html>", request=request)
        assert mw.process_response(request, response) is response
    request = _request("beta", 9)
    mw.process_response(request, HtmlResponse(request.url, body=b"", request=request))
    robots = _request(None, 0)
    mw.process_response(robots, HtmlResponse(robots.url, body=b"", request=robots))
    stats = crawler.stats.get_stats()
    assert stats["hdnd/site/alpha/fetched"] == 4
    assert stats["hdnd/site/beta/fetched"] == 1
    assert [k for k in stats if k.endswith("/fetched")] == ["hdnd/site/alpha/fetched", "hdnd/site/beta/fetched"]


def test_budget_middleware_needs_a_crawl_context() -> None:
    """Without the portal spider's context the middleware refuses to start instead of budgeting nothing."""
    with pytest.raises(RuntimeError, match="no crawl context"):
        SiteBudgetMiddleware.from_crawler(bare_crawler({"HDND_MAX_PAGES_PER_SITE": 5}))
