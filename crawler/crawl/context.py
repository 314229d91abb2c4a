"""What one crawl knows, handed to its components explicitly.

The spider reads the registry and the HDND_* settings once, when the crawl starts, into a
``CrawlContext``; the page budget, the trap filter, the known-redirect filter and the archive
pipeline ask for it by the crawler (``CrawlContext.of(crawler)``) in their ``from_crawler``. A
component that runs without it fails at once, saying so, rather than falling back to an empty
default the way ``getattr(spider, "page_limits", {})`` did (rename an attribute and the budget
would silently stop applying). The run id the archive pipeline opens is kept here too, not in
Scrapy's stats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings

from crawler.discovery.links import SiteRules
from crawler.registry import Site, load_registry, select_sites
from crawler.rules import Patterns

_CONTEXTS: WeakKeyDictionary[Crawler, CrawlContext] = WeakKeyDictionary()


def split_ids(value: str | list[str] | None) -> list[str]:
    """Site ids given as "a,b" (``-a site=``, ``-s HDND_SITE_IDS=``) or as a list."""
    if not value:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [v.strip() for v in value if v and v.strip()]


@dataclass
class CrawlContext:
    sites: dict[str, Site]                  # the registry's sites this crawl covers, by id
    rules: dict[str, SiteRules]             # how each site's links are told apart
    avoid: dict[str, Patterns]              # each site's avoid_patterns, compiled
    page_limits: dict[str, int]             # each site's own page budget, where it has one
    data_dir: str
    known: set[str] = field(default_factory=set)   # URL keys archived (or aliased) so far
    run_id: int | None = None               # the archive's run, once the pipeline opened it

    @classmethod
    def build(cls, settings: BaseSettings, sites_file: str | None = None, site_ids: str | None = None
              ) -> CrawlContext:
        """The context of a crawl with these settings (``sites_file`` and ``site_ids`` are the
        spider's ``-a`` arguments, which win over the settings); a bad registry stops here."""
        path = sites_file or settings.get("HDND_SITES_FILE") or None
        ids = split_ids(site_ids) or split_ids(settings.getlist("HDND_SITE_IDS"))
        sites = {s.id: s for s in select_sites(load_registry(path), ids, str(path or "registry"))}
        return cls(
            sites=sites,
            rules={s.id: SiteRules(s.allowed_hosts, _compiled(s.article_patterns), _compiled(s.listing_patterns))
                   for s in sites.values()},
            avoid={s.id: _compiled(s.avoid_patterns) for s in sites.values()},
            page_limits={s.id: s.max_pages for s in sites.values() if s.max_pages},
            data_dir=settings.get("HDND_DATA_DIR"),
        )

    def attach(self, crawler: Crawler) -> None:
        _CONTEXTS[crawler] = self

    @staticmethod
    def of(crawler: Crawler) -> CrawlContext:
        try:
            return _CONTEXTS[crawler]
        except KeyError:
            raise RuntimeError("this component belongs to the portal spider's crawl: no crawl context "
                               "(crawler.crawl.context) was set up for this crawler") from None


def _compiled(patterns: tuple[str, ...] | list[str]) -> Patterns:
    return tuple(re.compile(p, re.I) for p in patterns)
