"""The project's own Scrapy settings (prefixed HDND_), each defined once with its default and help.

``crawler/crawl/settings.py`` loads the defaults; the CLI's ``-s NAME=VALUE`` and ``scrapy crawl -s``
override them; components read them once, in ``from_crawler``. The README's settings table is
checked against this list by a test.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from crawler.archive.db import data_dir


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("HDND_DATA_DIR", str(data_dir()),
            "Data directory holding archive.sqlite3 and the search index; `--data DIR` sets it."),
    Setting("HDND_SITES_FILE", "", "Registry file to crawl; empty means the bundled crawler/registry/sites.toml."),
    Setting("HDND_SITE_IDS", [], "Crawl only these site ids (comma-separated on the command line)."),
    Setting("HDND_MAX_PAGES_PER_SITE", 3000,
            "Page budget: requests per site and run (a site's `max_pages` overrides it)."),
    Setting("HDND_MAX_HOPS", 4, "Links followed away from a start page; following pagination does not count."),
    Setting("HDND_MAX_LISTING_PAGES", 300,
            "Deepest page of one listing that is followed (an item offset, ?start=40, counts in pages of 20)."),
    Setting("HDND_MAX_QUERY_VARIANTS", 40,
            "Distinct query strings per path (article and pagination links excepted) before the path is a trap."),
    Setting("HDND_LISTING_LOOKBACK", 0,
            "On re-crawls, listing pages read past the first that brings no new article (for sites that reorder)."),
    Setting("HDND_REVISIT_DAYS", 7.0,
            "On re-crawls, days before a page that led to no article last time is fetched again."),
    Setting("HDND_CONTACT", os.environ.get("HDND_CONTACT") or "https://github.com/hdnd-archive/hdnd-archive",
            "Contact (URL or e-mail) written in the User-Agent, so webmasters can reach the operator."),
    Setting("HDND_PROGRESS_INTERVAL", 0.0, "Seconds between progress lines on stderr; 0 turns them off."),
    Setting("HDND_EXTRACT_WORKERS", 0,
            "Processes that extract articles beside the crawl; 0 extracts in the crawling process."),
)

DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS}
