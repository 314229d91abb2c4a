"""Downloader middleware: the User-Agent names the contact the crawl was started with.

Government webmasters reach an archive's operator through the User-Agent, so the contact must be
the one this crawl runs with: ``-s HDND_CONTACT=…``, a schedule file's ``HDND_CONTACT``, or the
environment variable. Scrapy's own UserAgentMiddleware sends ``USER_AGENT`` as the settings
module computed it when it was imported, with the default contact. This one builds it from the
crawl's settings, read once in ``from_crawler``; a ``USER_AGENT`` the user set is sent as it is.
"""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

PRODUCT = "hdnd-archive/0.1"


def user_agent(contact: str) -> str:
    """What every request of the archive says about itself."""
    return f"{PRODUCT} (Kho tin HDND news archive; +{contact})"


def crawl_user_agent(settings: BaseSettings) -> str:
    """The User-Agent of a crawl: the user's ``USER_AGENT`` if they set one, else one that names
    ``HDND_CONTACT`` as the crawl's settings give it."""
    set_by_user = (settings.getpriority("USER_AGENT") or 0) > SETTINGS_PRIORITIES["project"]
    return settings.get("USER_AGENT") if set_by_user else user_agent(settings.get("HDND_CONTACT"))


class ContactUserAgentMiddleware:
    def __init__(self, agent: str) -> None:
        self.agent = agent.encode("utf-8")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContactUserAgentMiddleware:
        return cls(crawl_user_agent(crawler.settings))

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        request.headers.setdefault(b"User-Agent", self.agent)
