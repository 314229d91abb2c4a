"""Page judgment over the whole sample web, page by page as the spider meets them (no crawl: the
pages are fetched here and judged with crawler/judgment/verdicts.py): every article page is an article,
every other page is not, with its reason, on the eight sites; and the same holds when the crawler
knows no CMS family at all, which is how it meets a portal nobody catalogued."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from scrapy.http import HtmlResponse

from crawler.discovery.cms import detect_family, family
from crawler.discovery.links import POSTBACK, SiteRules, extract_links
from crawler.discovery.traps import trap_reason
from crawler.discovery.urls import url_key
from crawler.judgment.judge import PageVerdict
from crawler.judgment.verdicts import verdict_for
from sampleweb import SampleWeb
from sampleweb.site import PortalSite
from tests.sampleweb_support import fetch


@dataclass(frozen=True)
class Judged:
    site: str
    url: str
    kind: str
    family: str | None
    verdict: PageVerdict


def walk(site: PortalSite, know_families: bool, limit: int = 250) -> Iterator[Judged]:
    """Breadth first from the homepage over same-site links, traps skipped, each page judged."""
    rules = SiteRules(frozenset({urlsplit(site.base_url).netloc}))
    queue, seen = [(site.base_url + "/", "start")], set()
    while queue and len(seen) < limit:
        url, kind = queue.pop(0)
        if url_key(url) in seen or trap_reason(url):
            continue
        seen.add(url_key(url))
        status, headers, body = fetch(url, follow=True)
        if status == 503:
            status, headers, body = fetch(url, follow=True)
        if status != 200 or not headers.get("Content-Type", "").startswith("text/html"):
            continue
        response = HtmlResponse(url, body=body, headers={"Content-Type": headers["Content-Type"]})
        name = detect_family(response.text, url)
        fam = family(name) if know_families else None
        links = list(extract_links(response.selector.root, url, rules, fam))
        yield Judged(site.id, url, kind, name, verdict_for(response.selector.root, links, fam, kind))
        queue.extend((link.url, link.kind) for link in links if link.kind != POSTBACK)


@pytest.fixture(scope="module")
def judged(web: SampleWeb) -> dict[bool, list[Judged]]:
    return {know: [j for s in web.sites for j in walk(s, know)] for know in (True, False)}


def _gold_keys(web: SampleWeb) -> dict[str, str]:
    keys = {}
    for url, page in web.gold().items():
        keys[url_key(url)] = url
        keys.update((url_key(alias), url) for alias in page.aliases)
    return keys


@pytest.mark.parametrize("know_families", [True, False], ids=["families-known", "no-family-known"])
def test_articles_and_only_articles(web: SampleWeb, judged: dict[bool, list[Judged]], know_families: bool) -> None:
    keys = _gold_keys(web)
    pages = judged[know_families]
    lost = [(j.url, j.verdict.reason) for j in pages if url_key(j.url) in keys and not j.verdict.article]
    extra = [(j.url, j.verdict.reason) for j in pages if url_key(j.url) not in keys and j.verdict.article]
    assert not lost, f"article pages judged not articles: {lost}"
    assert not extra, f"other pages judged articles: {extra}"
    reached = {keys[url_key(j.url)] for j in pages if url_key(j.url) in keys}
    assert reached == set(web.gold()), sorted(set(web.gold()) - reached)
    assert all(j.verdict.reason and j.verdict.basis for j in pages)


def test_the_portal_of_no_known_cms(web: SampleWeb, judged: dict[bool, list[Judged]]) -> None:
    """hp-tienlang: no family detected on any page; its short articles are articles by headline,
    date and prose, its listings are listings, its homepage the start page."""
    pages = [j for j in judged[True] if j.site == "hp-tienlang"]
    assert pages and all(j.family is None for j in pages)
    gold = {url_key(u): g for u, g in web.site("hp-tienlang").gold().items()}
    for j in pages:
        page = gold.get(url_key(j.url))
        if page is not None:
            assert j.verdict.basis in ("article_element", "dated_story"), (j.url, j.verdict)
            assert f"{len(page.paragraphs) + bool(page.lead)} paragraph" in j.verdict.reason, (j.url, j.verdict)
        elif j.kind == "start":
            assert j.verdict.reason == "start page"
    listings = [j for j in pages if urlsplit(j.url).path == "/tin-tuc/" or j.url.endswith("?mod=hdnd")
                or "trang=" in j.url or "&page=" in j.url]
    assert len(listings) >= 4
    assert all(j.verdict.reason.startswith("listing:") for j in listings), [(j.url, j.verdict) for j in listings]
    # both templates serve articles with and without a "Bài viết liên quan" block of five dated links
    with_related = [g for g in gold.values() if g.notes["related"]]
    assert {g.notes["template"] for g in with_related} == {"html5", "table"}
    assert {g.notes["template"] for g in gold.values() if not g.notes["related"]} == {"html5", "table"}
