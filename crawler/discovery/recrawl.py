"""Re-crawl policy: fetch only what may have changed.

A scheduled crawl over hundreds of slow sites cannot re-read every page every time. What the
archive remembers of the last visit (crawler/archive/visits.py) decides, for a site whose last
crawl ran to its end:
- articles already archived are never requested (the spider's known keys);
- listings are read from page 1 and paging stops once ``lookback`` pages in a row brought no new
  article (listings are newest first; the look-back absorbs sites that reorder);
- pages that led to no article last time (about, contact, galleries) are left alone for
  ``revisit_days``;
- everything re-read carries the validators the server gave (ETag / Last-Modified); a 304 is
  answered from the stored body, so the links on it are still followed.
A site whose last crawl was killed or cut by its budget is crawled in full.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from crawler.archive.visits import Visit

# kinds of pages that are re-read on every run: they are where new articles appear
ALWAYS_REREAD = frozenset({"start", "feed", "sitemap"})


@dataclass
class Recrawl:
    visits: dict[str, Visit]
    incremental_sites: set[str]
    revisit_days: float
    lookback: int
    failed: dict[str, str] = field(default_factory=dict)   # url → when the last run gave up on it

    def _recent(self, stamp: str) -> bool:
        try:
            last = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            return False
        return datetime.now(UTC) - last < timedelta(days=self.revisit_days)

    def skip_reason(self, site: str, url: str, url_key: str, kind: str) -> str | None:
        """Why a non-article page need not be fetched this time, or None.

        Pages that were not listings last time (about, contact, galleries, documents: visit kind
        "other") are revisited every ``revisit_days``; so are URLs the last run gave up on, and
        the usual sitemaps a site turned out not to have. Listings, start pages, feeds and sitemaps
        are re-read every run.
        """
        if site not in self.incremental_sites:
            return None
        if url in self.failed and self._recent(self.failed[url]):
            return "failed_recently"
        visit = self.visits.get(url_key)
        if visit is None:
            return None
        if kind in ALWAYS_REREAD:  # unless the site does not have it (a family's usual sitemap, say)
            return "missing_recently" if visit.status == 404 and self._recent(visit.fetched_at) else None
        if visit.kind != "other":
            return None
        return "recently_visited" if self._recent(visit.fetched_at) else None

    def conditional_headers(self, url_key: str) -> dict[str, str]:
        """If-None-Match / If-Modified-Since for a page whose body we kept, else nothing."""
        visit = self.visits.get(url_key)
        if visit is None or not visit.has_body:
            return {}
        headers = {}
        if visit.etag:
            headers["If-None-Match"] = visit.etag
        if visit.last_modified:
            headers["If-Modified-Since"] = visit.last_modified
        return headers

    def keep_paging(self, site: str, stale_before: int, new_articles: int) -> tuple[bool, int]:
        """Whether to follow a listing's next pages, and the count of pages in a row with nothing new."""
        stale = 0 if new_articles else stale_before + 1
        if site not in self.incremental_sites:
            return True, stale
        return stale <= self.lookback, stale
