"""What the spider hands to the pipelines besides article pages (which it yields as the archive's
own record, crawler.archive.store.RawPage): fetch failures, aliases and visits of other pages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FetchErrorItem:
    """A URL the crawler gave up on, and why ("http 404", "timeout", "dns", ...)."""

    site: str
    url: str
    reason: str
    status: int | None = None


@dataclass
class AliasItem:
    """Another URL of an archived page (a redirect, a canonical link), remembered for re-crawls."""

    site: str
    url_key: str
    page_key: str


@dataclass
class VisitItem:
    """A non-article page as it was this time: its validators, how many article links it had, its
    body when the server gave validators (so a later 304 can be answered from the archive), and
    why the crawler judged it not an article (None for feeds, sitemaps and missing optional files)."""

    site: str
    url: str
    url_key: str
    kind: str | None
    status: int
    etag: str | None
    last_modified: str | None
    article_links: int
    body: bytes | None
    encoding: str | None
    verdict: str | None = None
