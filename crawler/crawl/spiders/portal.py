"""The one generic spider: from each registry site's homepage to every article it publishes.

No per-site code. From any page it follows same-site links, guessing from URL shapes (per CMS
family, site hints, generic slug-and-id shapes) whether each leads to an article, a listing or the
next page of one, and judges each fetched page again on its content. Sitemaps from robots.txt and
RSS/Atom feeds declared by the pages add article URLs directly. Bounds: hops away from the start
(pagination does not count), listing depth, the trap rules, the query-variant cap and the page
budget (the last two in middlewares). Articles already in the archive are never fetched again.

``scrapy crawl portal -a sites=FILE [-a site=ID[,ID]]`` works from the project root.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.archive.store import Archive, RawPage, now_iso
from crawler.crawl.context import CrawlContext
from crawler.crawl.failures import failure_reason
from crawler.crawl.items import AliasItem, FetchErrorItem, VisitItem
from crawler.crawl.spiders.incremental import RecrawlMixin
from crawler.discovery.cms import detect_family, family
from crawler.discovery.feeds import feed_links_in_page, parse_feed_or_sitemap
from crawler.discovery.links import (
    ARTICLE,
    LISTING,
    PAGINATION,
    POSTBACK,
    Link,
    extract_links,
    link_kind,
    news_bias,
)
from crawler.discovery.recrawl import Recrawl
from crawler.discovery.urls import clean_url, page_number, resolve, url_key
from crawler.discovery.webforms import postback_request
from crawler.judgment.judge import PageVerdict
from crawler.judgment.verdicts import verdict_for

logger = logging.getLogger(__name__)

_PRIORITY = {ARTICLE: 30, PAGINATION: 20, POSTBACK: 20, LISTING: 10}


class PortalSpider(RecrawlMixin, scrapy.Spider):
    name = "portal"

    def __init__(self, sites: str | None = None, site: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sites_arg = sites
        self._site_arg = site

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> PortalSpider:
        spider: PortalSpider = super().from_crawler(crawler, *args, **kwargs)
        spider.configure(crawler)
        crawler.signals.connect(spider.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(spider.closed_archive, signal=signals.spider_closed)
        return spider

    def configure(self, crawler: Crawler) -> None:
        """Read the registry and the HDND_* settings once, into the crawl's context (which the
        budget, trap and redirect filters and the archive pipeline share); a bad registry stops here."""
        settings = crawler.settings
        self.ctx = CrawlContext.build(settings, self._sites_arg, self._site_arg)
        self.ctx.attach(crawler)
        self.sites, self.rules, self.known = self.ctx.sites, self.ctx.rules, self.ctx.known
        self.max_hops = settings.getint("HDND_MAX_HOPS")
        self.max_listing_pages = settings.getint("HDND_MAX_LISTING_PAGES")
        self.site_family: dict[str, str] = {s.id: s.cms for s in self.sites.values() if s.cms}
        self.revisit_days = settings.getfloat("HDND_REVISIT_DAYS")
        self.lookback = settings.getint("HDND_LISTING_LOOKBACK")
        self.postbacks_seen: set[tuple[str, str, str]] = set()
        self.sitemaps_tried: set[str] = set()
        self.recrawl = Recrawl({}, set(), self.revisit_days, self.lookback)
        self.start_links: dict[str, set[str]] = {}
        self.archive: Archive | None = None

    # --- start ----------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        # kept open for the crawl: known URLs and last visits are read once, stored bodies on 304s
        self.archive = Archive.open(self.ctx.data_dir)
        self.known.update(self.archive.known_keys(self.sites))
        archive = self.archive
        self.recrawl = Recrawl(archive.visits(self.sites), archive.last_complete(self.sites, self.ctx.run_id),
                               self.revisit_days, self.lookback, archive.recent_failures(self.sites))
        for site in self.sites.values():
            for url in site.start_urls:
                yield self._request(clean_url(url), site.id, "start", 0, priority=40)
            for url in site.feeds:
                yield self._request(url, site.id, "feed", 0, callback=self.parse_feed, priority=35)
            for url in site.sitemaps:
                yield self._request(url, site.id, "sitemap", 0, callback=self.parse_feed, priority=35)

    def _request(self, url: str, site: str, kind: str, hops: int, callback: Any = None, priority: int = 0,
                 **meta: Any) -> scrapy.Request:
        headers: dict[str, str] = {}
        if kind != ARTICLE:
            headers = self.recrawl.conditional_headers(url_key(url))
            if headers:
                meta["handle_httpstatus_list"] = [304]
        return scrapy.Request(
            url,
            callback=callback or self.parse_page,
            errback=self.on_error,
            priority=priority,
            headers=headers or None,
            meta={"site": site, "kind": kind, "hops": hops, "download_slot": site, **meta},
        )

    def robots_parsed(self, robotparser: Any, request: scrapy.Request) -> None:
        """Sitemaps named in robots.txt, read from the copy Scrapy's RobotsTxtMiddleware fetched."""
        site = request.meta.get("site")
        parser = getattr(robotparser, "rp", None)
        if site not in self.sites or parser is None:
            return
        for url in getattr(parser, "sitemaps", []) or []:
            url = resolve(request.url, url)
            if url is not None and url not in self.sitemaps_tried and urlsplit(url).netloc in self.rules[site].hosts:
                self.sitemaps_tried.add(url)
                assert self.crawler.engine is not None
                self.crawler.engine.crawl(self._request(url, site, "sitemap", 0, callback=self.parse_feed, priority=35))

    def closed_archive(self, spider: scrapy.Spider) -> None:
        if self.archive is not None:
            self.archive.close()
            self.archive = None

    def parse_feed(self, response: Response) -> Iterator[Any]:
        """RSS, Atom, sitemap or sitemap index: article URLs with their dates."""
        original = response
        if response.status == 304:
            response = self._unchanged(response)
            if response is None:
                return
        site_id = response.meta["site"]
        rules = self.rules[site_id]
        parsed = parse_feed_or_sitemap(response.body, response.url)
        if parsed is None:
            self.crawler.stats.inc_value("hdnd/feed/unreadable")
            return
        self.crawler.stats.inc_value(f"hdnd/feed/{parsed.kind}")
        for url in parsed.sitemaps:
            if url not in self.sitemaps_tried and urlsplit(url).netloc in rules.hosts:
                self.sitemaps_tried.add(url)
                yield self._request(url, site_id, "sitemap", 0, callback=self.parse_feed, priority=35)
        for entry in parsed.entries:
            url = clean_url(entry.url)
            if urlsplit(url).netloc not in rules.hosts:
                continue
            # feeds list articles; sitemaps list every page (about, contact...), so their entries are
            # classified like links (and judged again on their content once fetched)
            kind = ARTICLE if parsed.kind != "sitemap" else link_kind(
                url, entry.title, url, rules, family(self.site_family.get(site_id)))
            link = Link(url, kind, entry.title, entry.date if kind == ARTICLE else None)
            yield from self._follow(link, response, via=parsed.kind, hops=1)
        yield self._visit_item(response, original, len(parsed.entries))

    def parse_page(self, response: Response) -> Iterator[Any]:
        original = response
        if response.status == 304:
            response = self._unchanged(response)
            if response is None:
                return
        meta = response.meta
        site_id: str = meta["site"]
        stats = self.crawler.stats
        stats.inc_value(f"hdnd/site/{site_id}/pages")
        if isinstance(response, XmlResponse) or (
            isinstance(response, TextResponse) and response.text.lstrip()[:200].lower().startswith(("<?xml", "<rss"))
            and not isinstance(response, HtmlResponse)
        ):
            yield from self.parse_feed(response)
            return
        if not isinstance(response, HtmlResponse):
            stats.inc_value("hdnd/skipped/not_html")
            return
        root = response.selector.root
        if root is None or not hasattr(root, "iter"):
            stats.inc_value("hdnd/skipped/unparseable")
            return
        text = response.text
        fam_name = self.sites[site_id].cms or detect_family(text, response.url) or self.site_family.get(site_id)
        if fam_name and site_id not in self.site_family:
            self.site_family[site_id] = fam_name
            yield from self._family_defaults(site_id, fam_name, response.url)
        fam = family(fam_name)
        links = list(extract_links(root, response.url, self.rules[site_id], fam))
        verdict = verdict_for(root, links, fam, meta.get("kind"), meta.get("via"))
        self._count_verdict(response, verdict)
        if verdict.article:
            yield from self._page_items(response, fam_name, verdict.reason)
        else:
            yield self._visit_item(response, original, self._own_articles(response, links),
                                   listing=self._is_listing(response, links), verdict=verdict.reason)
        links = self._listing_rule(response, links)
        for feed in feed_links_in_page(root, response.url):
            if urlsplit(feed).netloc in self.rules[site_id].hosts:
                yield self._request(feed, site_id, "feed", 0, callback=self.parse_feed, priority=35)
        for link in links:
            yield from self._follow(link, response)

    def _count_verdict(self, response: Response, verdict: PageVerdict) -> None:
        """Stats per verdict and basis, and per site the pages not archived as articles (their
        reasons go to the archive's visits table with the visit)."""
        stats = self.crawler.stats
        outcome = "article" if verdict.article else "not_article"
        stats.inc_value(f"hdnd/judged/{outcome}")
        stats.inc_value(f"hdnd/judged/{outcome}/{verdict.basis or 'other'}")
        if not verdict.article:
            stats.inc_value(f"hdnd/site/{response.meta['site']}/not_article")
            logger.debug("not an article: %s (%s)", response.url, verdict.reason)

    def _family_defaults(self, site_id: str, fam_name: str, page_url: str) -> Iterator[scrapy.Request]:
        """Feeds and sitemaps a family usually has (NukeViet's /vi/news/rss/, WordPress's sitemap)."""
        fam = family(fam_name)
        if fam is None:
            return
        for path in fam.feeds:
            yield self._request(urljoin(page_url, path), site_id, "feed", 0, callback=self.parse_feed, priority=35)
        for path in fam.sitemaps:
            url = urljoin(page_url, path)
            if url not in self.sitemaps_tried:
                self.sitemaps_tried.add(url)
                yield self._request(url, site_id, "sitemap", 0, callback=self.parse_feed, priority=35)

    def _page_items(self, response: Response, fam_name: str | None, reason: str) -> Iterator[Any]:
        """The article page as an item, or, when it is already archived under another URL (a
        redirect, a canonical link), an alias so the next run skips this URL too."""
        meta = response.meta
        site_id = meta["site"]
        requested = clean_url(meta.get("redirect_urls", [response.url])[0])
        key, final_key = url_key(requested), url_key(response.url)
        if final_key in self.known and key != final_key:
            self.crawler.stats.inc_value("hdnd/skipped/archived")
            self.known.add(key)
            yield AliasItem(site_id, key, final_key)
            return
        canonical = self._canonical_key(response)
        if canonical and canonical in self.known and canonical not in (key, final_key):
            self.crawler.stats.inc_value("hdnd/skipped/same_canonical")
            self.known.update((key, final_key))
            yield AliasItem(site_id, key, canonical)
            if final_key != key:
                yield AliasItem(site_id, final_key, canonical)
            return
        self.known.update(k for k in (key, final_key, canonical) if k)
        headers = {
            k.decode("latin-1"): [v.decode("latin-1") for v in vs] for k, vs in response.headers.items()
        }
        yield RawPage(
            site=site_id, url=requested, url_key=key, final_url=response.url, final_key=final_key,
            status=response.status, headers=headers, body=response.body,
            encoding=getattr(response, "encoding", None), fetched_at=now_iso(), cms=fam_name,
            discovered_via=meta.get("via") or meta.get("kind"), listing_url=meta.get("listing_url"),
            listing_date=meta.get("listing_date"), verdict=reason,
        )

    def _canonical_key(self, response: Response) -> str | None:
        """Key of the page's own ``<link rel="canonical">``, when it points into the same site."""
        href = response.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href").get()
        if not href:
            return None
        url = resolve(response.url, href)
        if url is None or urlsplit(url).netloc not in self.rules[response.meta["site"]].hosts:
            return None
        return url_key(url)

    def _follow(self, link: Link, response: Response, via: str | None = None, hops: int | None = None
                ) -> Iterator[scrapy.Request]:
        meta = response.meta
        site_id = meta["site"]
        stats = self.crawler.stats
        if link.kind == POSTBACK:
            yield from self._postback(link, response)
            return
        key = url_key(link.url)
        if key in self.known:
            stats.inc_value("hdnd/skipped/archived")
            return
        current = meta.get("hops", 0)
        next_hops = hops if hops is not None else (current if link.kind == PAGINATION else current + 1)
        if next_hops > self.max_hops:
            stats.inc_value("hdnd/dropped/too_deep")
            return
        if link.kind == PAGINATION and (page_number(link.url) or 0) > self.max_listing_pages:
            stats.inc_value("hdnd/dropped/listing_depth")
            return
        if link.kind != ARTICLE:
            skip = self.recrawl.skip_reason(site_id, link.url, key, link.kind)
            if skip:
                stats.inc_value(f"hdnd/recrawl/{skip}")
                return
        priority = _PRIORITY.get(link.kind, 0) + 5 * news_bias(link.url, link.text) - next_hops
        extra: dict[str, Any] = {"via": via or ("listing" if link.kind == ARTICLE else "link")}
        if link.kind == ARTICLE:
            extra.update(listing_url=response.url, listing_date=link.listing_date)
        elif link.kind == PAGINATION:
            extra["stale"] = meta.get("stale_out", 0)
        yield self._request(link.url, site_id, link.kind, next_hops, priority=priority, **extra)

    def _postback(self, link: Link, response: Response) -> Iterator[scrapy.Request]:
        """ASP.NET WebForms pagers: post the form back with the pager as event target."""
        assert link.postback is not None
        target, argument = link.postback
        seen_key = (url_key(response.url), target, argument)
        depth = response.meta.get("postback_depth", 0) + 1
        if seen_key in self.postbacks_seen or depth > self.max_listing_pages:
            return
        self.postbacks_seen.add(seen_key)
        request = postback_request(
            response, target, argument, callback=self.parse_page, errback=self.on_error,
            priority=_PRIORITY[POSTBACK],
            meta={**{k: response.meta[k] for k in ("site", "hops") if k in response.meta},
                  "kind": POSTBACK, "download_slot": response.meta["site"], "postback_depth": depth,
                  "stale": response.meta.get("stale_out", 0)},
        )
        if request is not None:
            yield request

    # --- errors ---------------------------------------------------------------------------------

    def on_error(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        site_id = request.meta.get("site", "")
        alias_of = request.meta.get("hdnd_alias_of")
        if alias_of:  # a redirect to an archived page, stopped by KnownRedirectMiddleware
            self.known.add(url_key(request.url))
            yield AliasItem(site_id, url_key(request.url), alias_of)
            return
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            return  # robots.txt or the budget said no: counted by those components, not an error
        reason, status = failure_reason(failure)
        kind = request.meta.get("kind")
        if kind in ("robots", "sitemap", "feed") and status == 404:
            # optional resources that most sites lack: not an error, but remembered
            yield VisitItem(site_id, request.url, url_key(request.url), kind, 404, None, None, 0, None, None)
            return
        stats = self.crawler.stats
        stats.inc_value(f"hdnd/errors/{reason}")
        stats.inc_value(f"hdnd/site/{site_id}/errors")
        logger.warning("gave up on %s: %s", request.url, reason)
        yield FetchErrorItem(site=site_id, url=request.url, reason=reason, status=status)
