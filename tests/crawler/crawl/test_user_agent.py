"""The User-Agent of a crawl names the crawl's contact (user_agent, crawl_user_agent,
ContactUserAgentMiddleware), with settings at the priorities ``hdnd crawl -s`` and ``scrapy crawl -s`` use."""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.settings import Settings

from crawler.crawl import settings as project_settings
from crawler.crawl.config import DEFAULTS
from crawler.crawl.middlewares.user_agent import PRODUCT, ContactUserAgentMiddleware, crawl_user_agent, user_agent
from tests.crawler.crawl.unit_support import DummySpider

CONTACT = "mailto:bientap@toasoan.example.vn"


def _project(**cmdline: str) -> Settings:
    """The project's settings (as ``hdnd crawl`` loads them), with ``-s NAME=VALUE`` overrides."""
    settings = Settings()
    settings.setmodule("crawler.crawl.settings", priority="project")
    for name, value in cmdline.items():
        settings.set(name, value, priority="cmdline")
    return settings


def test_user_agent_names_the_product_and_the_contact() -> None:
    """The string says who crawls and how to reach them."""
    agent = user_agent(CONTACT)
    assert agent.startswith(f"{PRODUCT} (")
    assert f"+{CONTACT})" in agent
    assert agent == f"hdnd-archive/0.1 (Kho tin HDND news archive; +{CONTACT})"


def test_contact_given_on_the_command_line_appears() -> None:
    """``-s HDND_CONTACT=…`` ends up in the User-Agent, not the contact the settings module was imported with."""
    agent = crawl_user_agent(_project(HDND_CONTACT=CONTACT))
    assert CONTACT in agent
    assert agent == user_agent(CONTACT)
    assert agent != project_settings.USER_AGENT


def test_user_agent_set_by_the_user_wins() -> None:
    """A USER_AGENT the user set at cmdline priority is sent as it is, even with a contact given."""
    agent = crawl_user_agent(_project(USER_AGENT="MyNewsroomBot/2.0", HDND_CONTACT=CONTACT))
    assert agent == "MyNewsroomBot/2.0"


def test_project_default_without_overrides() -> None:
    """With nothing set by the user, the agent is the project's: the default contact in the product string."""
    agent = crawl_user_agent(_project())
    assert agent == user_agent(DEFAULTS["HDND_CONTACT"]) == project_settings.USER_AGENT


def test_scrapys_own_default_agent_is_not_sent() -> None:
    """Outside the project settings, Scrapy's default USER_AGENT (default priority) does not count as
    the user's: the agent is still built from HDND_CONTACT."""
    settings = Settings()
    settings.set("HDND_CONTACT", CONTACT, priority="cmdline")
    assert settings.get("USER_AGENT").startswith("Scrapy/")
    assert crawl_user_agent(settings) == user_agent(CONTACT)


def test_middleware_sets_the_header_only_when_absent() -> None:
    """Requests get the crawl's agent; a request that carries its own User-Agent keeps it."""
    crawler = Crawler(DummySpider, _project(HDND_CONTACT=CONTACT))
    mw = ContactUserAgentMiddleware.from_crawler(crawler)
    plain = Request("http://alpha.example.vn/")
    assert mw.process_request(plain) is None
    assert plain.headers[b"User-Agent"] == user_agent(CONTACT).encode("utf-8")
    own = Request("http://alpha.example.vn/", headers={"User-Agent": "Special/1.0"})
    mw.process_request(own)
    assert own.headers.getlist(b"User-Agent") == [b"Special/1.0"]


def test_middleware_replaces_scrapys_user_agent_middleware() -> None:
    """The project disables Scrapy's UserAgentMiddleware and puts this one in its place."""
    middlewares = project_settings.DOWNLOADER_MIDDLEWARES
    assert middlewares["scrapy.downloadermiddlewares.useragent.UserAgentMiddleware"] is None
    assert "crawler.crawl.middlewares.user_agent.ContactUserAgentMiddleware" in middlewares
