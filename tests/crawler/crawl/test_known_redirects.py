"""KnownRedirectMiddleware: a redirect to a page the archive holds is not followed (no crawl runs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.http import Response

from crawler.crawl.context import CrawlContext
from crawler.crawl.middlewares.known import KnownRedirectMiddleware, redirect_target_key
from crawler.discovery.urls import url_key
from tests.crawler.crawl.unit_support import bare_crawler, crawler_with_context

BASE = "http://alpha.example.vn"
ARCHIVED = f"{BASE}/tin-tuc/ky-hop-thu-10-123.html"


def _redirect(location: str | bytes, status: int = 301, site: str | None = "alpha",
              url: str = f"{BASE}/?p=123") -> tuple[Request, Response]:
    request = Request(url, meta={"site": site} if site else {})
    return request, Response(url, status=status, headers={"Location": location}, request=request)


def _setup(tmp_path: Path) -> tuple[Crawler, CrawlContext, KnownRedirectMiddleware]:
    crawler, ctx = crawler_with_context(tmp_path)
    ctx.known.add(url_key(ARCHIVED))
    return crawler, ctx, KnownRedirectMiddleware.from_crawler(crawler)


def test_redirect_target_key_of_redirects_only() -> None:
    """The target's URL key for 301/302/303/307/308 with a Location (relative ones resolved), else None."""
    for status in (301, 302, 303, 307, 308):
        assert redirect_target_key(*_redirect("/tin-tuc/ky-hop-thu-10-123.html", status)) == url_key(ARCHIVED)
    assert redirect_target_key(*_redirect("/tin-tuc/ky-hop-thu-10-123.html", 200)) is None
    request = Request(f"{BASE}/?p=1")
    assert redirect_target_key(request, Response(request.url, status=302, request=request)) is None


def test_redirect_to_an_archived_page_is_stopped(tmp_path: Path) -> None:
    """The request is marked not to be redirected, with the archived key it leads to, and counted."""
    crawler, _, mw = _setup(tmp_path)
    request, response = _redirect(ARCHIVED)
    assert mw.process_response(request, response) is response
    assert request.meta["dont_redirect"] is True
    assert request.meta["hdnd_alias_of"] == url_key(ARCHIVED)
    assert crawler.stats.get_value("hdnd/skipped/redirect_to_archived") == 1


@pytest.mark.parametrize("location", [
    "/tin-tuc/ky-hop-thu-10-123.html",                                  # relative
    "//alpha.example.vn/tin-tuc/ky-hop-thu-10-123.html",                # scheme-relative
    "http://ALPHA.example.vn/tin-tuc/ky-hop-thu-10-123.html?utm_source=zalo#binh-luan",   # noise removed
])
def test_target_is_compared_by_url_key(tmp_path: Path, location: str) -> None:
    """Relative, scheme-relative and noisy Locations name the archived page by its URL key."""
    _, _, mw = _setup(tmp_path)
    request, response = _redirect(location)
    mw.process_response(request, response)
    assert request.meta.get("hdnd_alias_of") == url_key(ARCHIVED)


def test_other_responses_are_left_alone(tmp_path: Path) -> None:
    """A redirect to a page not archived, a non-redirect with a Location, and a request of no site
    get no marks and no count."""
    crawler, _, mw = _setup(tmp_path)
    cases = [_redirect(f"{BASE}/tin-tuc/bai-moi-456.html"), _redirect(ARCHIVED, status=200),
             _redirect(ARCHIVED, site=None)]
    for request, response in cases:
        assert mw.process_response(request, response) is response
        assert "dont_redirect" not in request.meta and "hdnd_alias_of" not in request.meta
    assert crawler.stats.get_value("hdnd/skipped/redirect_to_archived") is None


def test_known_set_is_read_live(tmp_path: Path) -> None:
    """A page archived after the middleware was built (the spider adds its key to the context) counts."""
    crawler, ctx = crawler_with_context(tmp_path)
    mw = KnownRedirectMiddleware.from_crawler(crawler)
    later = f"{BASE}/tin-tuc/bai-vua-luu-789.html"
    request, response = _redirect(later)
    mw.process_response(request, response)
    assert "hdnd_alias_of" not in request.meta
    ctx.known.add(url_key(later))
    request, response = _redirect(later)
    mw.process_response(request, response)
    assert request.meta["hdnd_alias_of"] == url_key(later)


def test_scrapys_redirect_middleware_then_leaves_the_response(tmp_path: Path) -> None:
    """Run in Scrapy's order (this middleware's response hook before RedirectMiddleware's), a redirect
    to an archived page is handed back as the 301 itself, while one to a new page is followed."""
    crawler, _, mw = _setup(tmp_path)
    redirect = RedirectMiddleware.from_crawler(crawler)
    request, response = _redirect(ARCHIVED)
    assert redirect.process_response(request, mw.process_response(request, response)) is response
    request, response = _redirect(f"{BASE}/tin-tuc/bai-moi-456.html")
    followed = redirect.process_response(request, mw.process_response(request, response))
    assert isinstance(followed, Request) and followed.url == f"{BASE}/tin-tuc/bai-moi-456.html"


def test_raw_utf8_location_to_an_archived_page_is_stopped(tmp_path: Path) -> None:
    """A Location sent as raw UTF-8 bytes (Vietnamese path) names the page Scrapy would follow; when
    that page is archived, the redirect must be stopped too."""
    crawler, ctx = crawler_with_context(tmp_path)
    target = f"{BASE}/tin-tức/bài-1.html"
    ctx.known.add(url_key(target))
    mw = KnownRedirectMiddleware.from_crawler(crawler)
    request, response = _redirect("/tin-tức/bài-1.html".encode())
    followed = RedirectMiddleware.from_crawler(crawler).process_response(request, response)
    assert isinstance(followed, Request) and url_key(followed.url) == url_key(target)   # what Scrapy fetches
    request, response = _redirect("/tin-tức/bài-1.html".encode())
    mw.process_response(request, response)
    assert request.meta.get("hdnd_alias_of") == url_key(target)


def test_known_redirect_middleware_needs_a_crawl_context() -> None:
    """Without the crawl's context (and its known set) the middleware does not start."""
    with pytest.raises(RuntimeError, match="no crawl context"):
        KnownRedirectMiddleware.from_crawler(bare_crawler())
