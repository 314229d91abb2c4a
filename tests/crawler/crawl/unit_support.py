"""What the fast unit tests of crawler/crawl/ share: a small registry and a Crawler with a context.

No crawl runs: ``scrapy.utils.test.get_crawler`` gives a configured Crawler (settings, stats) whose
engine never starts, and the context the portal spider would build is attached to it by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from crawler.crawl.context import CrawlContext

# alpha: its own avoid pattern and page budget; beta: another host; gamma: disabled; delta: a small budget.
REGISTRY = """
[[site]]
id = "alpha"
name = "Cổng thông tin điện tử tỉnh Alpha"
province = "Bắc Kạn"
level = "province"
start_urls = ["http://alpha.example.vn/"]
article_patterns = ["/tin-tuc/[a-z0-9-]+-\\\\d+\\\\.html$"]
avoid_patterns = ["/van-ban/"]
max_pages = 3

[[site]]
id = "beta"
name = "Cổng thông tin điện tử huyện Beta"
province = "Lạng Sơn"
level = "district"
start_urls = ["http://www.beta.example.vn/"]
hosts = ["tin.beta.example.vn"]

[[site]]
id = "gamma"
name = "Trang thông tin xã Gamma"
province = "Cao Bằng"
level = "commune"
start_urls = ["http://gamma.example.vn/"]
enabled = false

[[site]]
id = "delta"
name = "Cổng thông tin điện tử huyện Delta"
province = "Hà Giang"
level = "district"
start_urls = ["http://delta.example.vn/"]
max_pages = 1
"""


class DummySpider(Spider):
    name = "dummy"


def write_registry(directory: Path, text: str = REGISTRY, name: str = "sites.toml") -> Path:
    path = directory / name
    path.write_text(text, "utf-8")
    return path


def crawler_with_context(tmp_path: Path, settings: dict[str, Any] | None = None,
                         site_ids: str | None = None) -> tuple[Crawler, CrawlContext]:
    """A crawler (never started) with the context of a crawl of the test registry attached."""
    crawler = get_crawler(DummySpider, {"HDND_DATA_DIR": str(tmp_path), **(settings or {})})
    ctx = CrawlContext.build(crawler.settings, str(write_registry(tmp_path)), site_ids)
    ctx.attach(crawler)
    return crawler, ctx


def bare_crawler(settings: dict[str, Any] | None = None) -> Crawler:
    """A crawler with settings and stats but no crawl context."""
    return get_crawler(DummySpider, settings or {})
