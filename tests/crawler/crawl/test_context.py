"""CrawlContext: what one crawl knows, built from the settings and the registry once, and handed to
the components by their crawler (no crawl runs here)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from crawler.crawl.context import CrawlContext, split_ids
from crawler.crawl.spiders.portal import PortalSpider
from crawler.registry import RegistryError
from tests.crawler.crawl.unit_support import REGISTRY, bare_crawler, write_registry


def _settings(**values: object) -> Settings:
    settings = Settings()
    for name, value in values.items():
        settings.set(name, value, priority="cmdline")
    return settings


def test_split_ids_accepts_comma_strings_and_lists() -> None:
    """Site ids as ``-a site=a,b`` or a settings list; blanks and spaces are dropped."""
    assert split_ids(" alpha, beta ,,") == ["alpha", "beta"]
    assert split_ids(["alpha", " ", "beta "]) == ["alpha", "beta"]
    assert split_ids(None) == []
    assert split_ids("") == []


def test_all_enabled_sites_without_ids(tmp_path: Path) -> None:
    """No site ids: every enabled site of the registry, in registry order; a disabled one is left out."""
    ctx = CrawlContext.build(_settings(HDND_DATA_DIR=str(tmp_path)), str(write_registry(tmp_path)))
    assert list(ctx.sites) == ["alpha", "beta", "delta"]
    assert ctx.data_dir == str(tmp_path)
    assert ctx.known == set()
    assert ctx.run_id is None


def test_sites_file_argument_wins_over_the_setting(tmp_path: Path) -> None:
    """``-a sites=FILE`` is read even when HDND_SITES_FILE names another (here missing) file."""
    settings = _settings(HDND_SITES_FILE=str(tmp_path / "missing.toml"))
    ctx = CrawlContext.build(settings, str(write_registry(tmp_path)))
    assert set(ctx.sites) == {"alpha", "beta", "delta"}


def test_sites_file_setting_is_used_without_the_argument(tmp_path: Path) -> None:
    """HDND_SITES_FILE names the registry when the spider got no ``-a sites``."""
    one_site = REGISTRY.split("[[site]]")[2]   # beta only
    path = write_registry(tmp_path, "[[site]]" + one_site, name="beta.toml")
    ctx = CrawlContext.build(_settings(HDND_SITES_FILE=str(path)))
    assert list(ctx.sites) == ["beta"]


def test_site_ids_argument_selects_in_the_order_given(tmp_path: Path) -> None:
    """``-a site=delta,beta`` crawls exactly those sites; a disabled site named explicitly is crawled."""
    path = str(write_registry(tmp_path))
    ctx = CrawlContext.build(_settings(), path, "delta, beta")
    assert list(ctx.sites) == ["delta", "beta"]
    assert list(CrawlContext.build(_settings(), path, "gamma").sites) == ["gamma"]


@pytest.mark.parametrize("value", ["beta,delta", ["beta", "delta"]])
def test_hdnd_site_ids_setting_selects(tmp_path: Path, value: str | list[str]) -> None:
    """HDND_SITE_IDS, as ``-s HDND_SITE_IDS=a,b`` or as the list ``hdnd crawl --site`` sets, selects sites."""
    ctx = CrawlContext.build(_settings(HDND_SITE_IDS=value), str(write_registry(tmp_path)))
    assert list(ctx.sites) == ["beta", "delta"]


def test_site_ids_argument_wins_over_the_setting(tmp_path: Path) -> None:
    """``-a site=`` overrides HDND_SITE_IDS."""
    ctx = CrawlContext.build(_settings(HDND_SITE_IDS="beta"), str(write_registry(tmp_path)), "alpha")
    assert list(ctx.sites) == ["alpha"]


def test_unknown_site_id_is_an_error_naming_it(tmp_path: Path) -> None:
    """A site id the registry lacks fails the build, naming the id and the file."""
    path = write_registry(tmp_path)
    with pytest.raises(RegistryError, match=r"no site with id 'nowhere'") as err:
        CrawlContext.build(_settings(), str(path), "alpha,nowhere")
    assert str(path) in str(err.value)


def test_avoid_patterns_are_compiled_per_site(tmp_path: Path) -> None:
    """Each site's avoid_patterns come compiled, under its id; sites without any get an empty tuple."""
    ctx = CrawlContext.build(_settings(), str(write_registry(tmp_path)))
    assert set(ctx.avoid) == {"alpha", "beta", "delta"}
    (pattern,) = ctx.avoid["alpha"]
    assert isinstance(pattern, re.Pattern)
    assert pattern.search("/van-ban/quyet-dinh-12.html")
    assert not pattern.search("/tin-tuc/ky-hop-12.html")
    assert ctx.avoid["beta"] == () and ctx.avoid["delta"] == ()


def test_page_limits_only_for_sites_that_set_max_pages(tmp_path: Path) -> None:
    """Only sites with ``max_pages`` have a limit of their own; the others use the default budget."""
    ctx = CrawlContext.build(_settings(), str(write_registry(tmp_path)))
    assert ctx.page_limits == {"alpha": 3, "delta": 1}


def test_link_rules_carry_hosts_and_compiled_patterns(tmp_path: Path) -> None:
    """A site's link rules know its hosts (start URL hosts, their www twins, ``hosts``) and its article patterns."""
    ctx = CrawlContext.build(_settings(), str(write_registry(tmp_path)))
    beta = ctx.rules["beta"]
    assert {"www.beta.example.vn", "beta.example.vn", "tin.beta.example.vn"} <= beta.hosts
    assert "alpha.example.vn" not in beta.hosts
    (article,) = ctx.rules["alpha"].article_patterns
    assert article.search("/tin-tuc/ky-hop-thu-10-123.html")
    assert ctx.rules["beta"].article_patterns == ()


@pytest.mark.parametrize(("text", "message"), [
    (REGISTRY.replace('avoid_patterns = ["/van-ban/"]', 'avoid_patterns = ["(unclosed"]'),
     r"site 'alpha': bad regular expression in 'avoid_patterns'"),
    (REGISTRY.replace('level = "district"', 'level = "village"', 1), r"site 'beta': unknown level 'village'"),
    (REGISTRY.replace("max_pages = 1", "max_pages = 0"), r"site 'delta': 'max_pages' must be a positive integer"),
    ("[[site]\nid = ", "not valid TOML"),
])
def test_bad_registry_fails_the_build(tmp_path: Path, text: str, message: str) -> None:
    """A bad registry raises RegistryError from the build, naming the file, the site and the problem."""
    path = write_registry(tmp_path, text)
    with pytest.raises(RegistryError, match=message) as err:
        CrawlContext.build(_settings(), str(path))
    assert str(path) in str(err.value)


def test_missing_registry_file_fails_the_build(tmp_path: Path) -> None:
    """A registry file that does not exist is named in the error."""
    with pytest.raises(RegistryError, match="no such registry file"):
        CrawlContext.build(_settings(), str(tmp_path / "absent.toml"))


def test_portal_spider_with_a_bad_registry_stops_before_any_request(tmp_path: Path) -> None:
    """The spider builds its context in ``from_crawler``: a bad registry raises there, before the
    crawl could ask the spider for a first request, and no context is left attached."""
    path = write_registry(tmp_path, REGISTRY.replace('start_urls = ["http://gamma.example.vn/"]',
                                                     'start_urls = ["ftp://gamma.example.vn/"]'))
    crawler = get_crawler(PortalSpider, {"HDND_DATA_DIR": str(tmp_path)})
    with pytest.raises(RegistryError, match=r"site 'gamma': bad URL 'ftp://gamma.example.vn/'"):
        PortalSpider.from_crawler(crawler, sites=str(path))
    with pytest.raises(RuntimeError):
        CrawlContext.of(crawler)
    assert not (tmp_path / "archive.sqlite3").exists()


def test_portal_spider_attaches_the_context_it_builds(tmp_path: Path) -> None:
    """The portal spider's ``-a`` arguments shape the context it attaches to its crawler, which the
    components find by the crawler; the spider shares its known-URL set with it."""
    crawler = get_crawler(PortalSpider, {"HDND_DATA_DIR": str(tmp_path), "HDND_SITE_IDS": "beta"})
    spider = PortalSpider.from_crawler(crawler, sites=str(write_registry(tmp_path)), site="alpha")
    ctx = CrawlContext.of(crawler)
    assert ctx is spider.ctx
    assert list(ctx.sites) == ["alpha"]
    assert spider.known is ctx.known


def test_attach_and_of_keep_one_context_per_crawler(tmp_path: Path) -> None:
    """``of`` gives back the very context attached to that crawler, and another crawler's is its own."""
    path = str(write_registry(tmp_path))
    first, second = bare_crawler(), bare_crawler()
    ctx1 = CrawlContext.build(first.settings, path, "alpha")
    ctx2 = CrawlContext.build(second.settings, path, "beta")
    ctx1.attach(first)
    ctx2.attach(second)
    assert CrawlContext.of(first) is ctx1
    assert CrawlContext.of(second) is ctx2
    ctx3 = CrawlContext.build(first.settings, path, "delta")
    ctx3.attach(first)
    assert CrawlContext.of(first) is ctx3


def test_of_without_a_context_raises_a_clear_error() -> None:
    """A component run in a crawl the portal spider did not set up fails at once, saying why."""
    with pytest.raises(RuntimeError, match=r"no crawl context .*was set up for this crawler"):
        CrawlContext.of(bare_crawler())
