"""The archive pipeline on saved pages, without a crawl: extract_item, archive_item, site_outcomes,
and ArchivePipeline's run bookkeeping, writing into an archive in tmp_path."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from crawler.archive.store import Archive, RawPage
from crawler.crawl.items import AliasItem, FetchErrorItem, VisitItem
from crawler.crawl.pipelines.archive import ArchivePipeline, archive_item, extract_item, site_outcomes
from crawler.discovery.urls import url_key
from tests.crawler.crawl.unit_support import DummySpider, bare_crawler, crawler_with_context
from tests.paths import FIXTURES

GENERIC = FIXTURES / "generic"
VERDICT = "headline, date and 3 paragraphs, 640 chars"


def _gold(name: str) -> dict[str, Any]:
    return json.loads((GENERIC / f"{name}.json").read_text("utf-8"))


def _page(name: str, url: str | None = None, final_url: str | None = None, site: str = "alpha",
          **extra: Any) -> RawPage:
    """A fetched page as the spider yields it, from a saved page (its gold URL unless told otherwise)."""
    final = final_url or url or _gold(name)["url"]
    requested = url or final
    return RawPage(site=site, url=requested, url_key=url_key(requested), final_url=final, final_key=url_key(final),
                   status=200, headers={"Content-Type": ["text/html; charset=utf-8"]},
                   body=(GENERIC / f"{name}.html").read_bytes(), encoding="utf-8", fetched_at="2024-11-22T03:00:00Z",
                   verdict=VERDICT, **extra)


@contextmanager
def _db(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """The archive's database, read as any SQLite tool would, closed afterwards."""
    conn = sqlite3.connect(tmp_path / "archive.sqlite3")
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()


def _archive(tmp_path: Path) -> Archive:
    """The archive in tmp_path, with the test registry's sites recorded (pages belong to a site)."""
    _, ctx = crawler_with_context(tmp_path)
    archive = Archive.open(tmp_path)
    for site in ctx.sites.values():
        archive.upsert_site(site)
    return archive


def _hdnd_stats(stats: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in stats.items() if k.startswith("hdnd/")}


def test_extract_item_reads_the_saved_page_as_gold() -> None:
    """A RawPage of the saved HTML5 news page extracts to its gold fields, status ok."""
    gold = _gold("tintuc-article-html5")
    ex = extract_item(_page("tintuc-article-html5"))
    assert (ex.status, ex.problem) == ("ok", None)
    assert ex.title == gold["title"]
    assert ex.published == gold["published"]
    assert ex.author == gold["author"]
    assert ex.lead == gold["lead"]
    assert ex.text.split("\n\n") == gold["paragraphs"]
    assert ex.captions == gold["captions"]
    assert ex.hdnd is True


def test_extract_item_uses_the_final_url_and_the_listing_date() -> None:
    """The page's date only in its final URL (after a redirect from a shortlink) is found; an
    undated URL leaves it suspect unless the listing printed a date beside the link."""
    gold = _gold("br-paragraphs-url-date")
    redirected = extract_item(_page("br-paragraphs-url-date", url="http://alpha.example.vn/?p=77",
                                    final_url=gold["url"]))
    assert (redirected.published, redirected.published_source, redirected.status) == ("2023-06-29", "url", "ok")
    undated = "http://alpha.example.vn/tin-tuc/to-dai-bieu-tiep-xuc-cu-tri.html"
    assert extract_item(_page("br-paragraphs-url-date", url=undated)).status == "suspect"
    listed = extract_item(_page("br-paragraphs-url-date", url=undated, listing_date="2023-06-29"))
    assert (listed.published, listed.published_source, listed.status) == ("2023-06-29", "listing", "ok")


def test_new_page_is_stored_with_its_verdict_and_counted(tmp_path: Path) -> None:
    """A new article page is stored (raw bytes, verdict, extraction) and counted as new for its site."""
    stats = bare_crawler().stats
    archive = _archive(tmp_path)
    item = _page("tintuc-article-html5")
    assert archive_item(archive, item, extract_item(item), None, stats) is item
    archive.close()
    assert _hdnd_stats(stats.get_stats()) == {"hdnd/articles/new": 1, "hdnd/site/alpha/new": 1}
    with _db(tmp_path) as db:
        row = db.execute("""SELECT p.site, p.url, p.verdict, p.body_size, a.status, a.title, a.hdnd
                            FROM pages p JOIN articles a ON a.page_id = p.id""").fetchone()
    assert dict(row) == {"site": "alpha", "url": item.url, "verdict": VERDICT, "body_size": len(item.body),
                         "status": "ok", "title": _gold("tintuc-article-html5")["title"], "hdnd": 1}


def test_already_archived_page_is_not_stored_again(tmp_path: Path) -> None:
    """The same page again, or reached by another URL that ends at the archived one, is counted as
    already archived: no new row, no new per-site count."""
    stats = bare_crawler().stats
    archive = _archive(tmp_path)
    item = _page("tintuc-article-html5")
    archive_item(archive, item, extract_item(item), None, stats)
    archive_item(archive, item, extract_item(item), None, stats)
    via_shortlink = _page("tintuc-article-html5", url="https://hdnd.langson.example.vn/?p=1234",
                          final_url=item.url)
    archive_item(archive, via_shortlink, extract_item(via_shortlink), None, stats)
    archive.close()
    assert _hdnd_stats(stats.get_stats()) == {"hdnd/articles/new": 1, "hdnd/site/alpha/new": 1,
                                              "hdnd/articles/already_archived": 2}
    with _db(tmp_path) as db:
        assert db.execute("SELECT COUNT(*) FROM pages").fetchone()[0] == 1


def test_suspect_and_failed_pages_are_kept_and_counted_per_site(tmp_path: Path) -> None:
    """A page extracted as suspect or failed is archived all the same, with its problem, and counted
    under hdnd/extract/<status> and hdnd/site/<id>/<status>."""
    stats = bare_crawler().stats
    archive = _archive(tmp_path)
    suspect = _page("br-paragraphs-url-date", url="http://alpha.example.vn/tin-tuc/tiep-xuc-cu-tri.html")
    empty = RawPage(site="beta", url="http://www.beta.example.vn/tin/trong.html",
                    url_key=url_key("http://www.beta.example.vn/tin/trong.html"),
                    final_url="http://www.beta.example.vn/tin/trong.html",
                    final_key=url_key("http://www.beta.example.vn/tin/trong.html"), status=200, headers={},
                    body=b"<html><body></body></html>", encoding="utf-8", verdict="listed in rss")
    for item in (suspect, empty):
        archive_item(archive, item, extract_item(item), None, stats)
    archive.close()
    assert _hdnd_stats(stats.get_stats()) == {
        "hdnd/articles/new": 2, "hdnd/site/alpha/new": 1, "hdnd/site/beta/new": 1,
        "hdnd/extract/suspect": 1, "hdnd/site/alpha/suspect": 1,
        "hdnd/extract/failed": 1, "hdnd/site/beta/failed": 1,
    }
    with _db(tmp_path) as db:
        rows = [tuple(r) for r in db.execute("""SELECT p.site, a.status, a.problem, p.verdict FROM pages p
                                                JOIN articles a ON a.page_id = p.id ORDER BY p.id""")]
    assert rows == [("alpha", "suspect", "no publication date", VERDICT),
                    ("beta", "failed", "no article text found", "listed in rss")]


def test_site_outcomes_figures_per_site() -> None:
    """Per site: fetched, new, errors, extraction problems (suspect + failed) and pages not articles,
    read from that site's stats only; a site with no stats has zeros."""
    stats = bare_crawler().stats
    values = {"fetched": 12, "new": 5, "errors": 2, "suspect": 1, "failed": 2, "not_article": 4}
    for name, value in values.items():
        stats.set_value(f"hdnd/site/alpha/{name}", value)
    stats.set_value("hdnd/site/beta/fetched", 3)
    stats.set_value("hdnd/articles/new", 99)
    rows = site_outcomes(stats, ["alpha", "beta", "delta"], "finished")
    assert rows == [
        {"site": "alpha", "fetched": 12, "new": 5, "errors": 2, "extract_problems": 3, "not_articles": 4,
         "complete": True},
        {"site": "beta", "fetched": 3, "new": 0, "errors": 0, "extract_problems": 0, "not_articles": 0,
         "complete": True},
        {"site": "delta", "fetched": 0, "new": 0, "errors": 0, "extract_problems": 0, "not_articles": 0,
         "complete": True},
    ]


def test_site_outcomes_complete_only_when_finished_within_budget() -> None:
    """A site is complete when the crawl finished and its budget was not exhausted; any other end
    of the crawl (shutdown, closespider) leaves every site incomplete."""
    stats = bare_crawler().stats
    stats.set_value("hdnd/site/alpha/over_budget", 1)
    stats.set_value("hdnd/site/beta/errors", 7)      # errors do not make a crawl incomplete
    finished = {r["site"]: r["complete"] for r in site_outcomes(stats, ["alpha", "beta"], "finished")}
    assert finished == {"alpha": False, "beta": True}
    for reason in ("shutdown", "closespider_timeout", "cancelled"):
        assert not any(r["complete"] for r in site_outcomes(stats, ["alpha", "beta"], reason))


def test_pipeline_records_the_run_and_every_item(tmp_path: Path) -> None:
    """Opened on a crawl's context, the pipeline records the run and its sites, archives pages,
    errors, aliases and visits, and on spider_closed writes each site's outcome."""
    crawler, ctx = crawler_with_context(tmp_path, {"HDND_EXTRACT_WORKERS": 0}, site_ids="alpha,beta")
    pipeline = ArchivePipeline.from_crawler(crawler)
    pipeline.open_spider()
    assert ctx.run_id is not None and ctx.run_id == pipeline.run_id
    page = _page("tintuc-article-html5")
    error = FetchErrorItem("beta", "http://www.beta.example.vn/mat.html", "http 404", 404)
    alias = AliasItem("alpha", url_key("https://hdnd.langson.example.vn/?p=1234"), page.url_key)
    visit = VisitItem("alpha", "http://alpha.example.vn/", url_key("http://alpha.example.vn/"), "start", 200,
                      '"v1"', None, 7, b"<html>trang chu</html>", "utf-8", verdict="start page")
    other = {"not": "an archive item"}

    async def feed() -> list[Any]:
        return [await pipeline.process_item(i) for i in (page, error, alias, visit, other)]

    assert asyncio.run(feed()) == [page, error, alias, visit, other]
    crawler.stats.set_value("hdnd/site/alpha/fetched", 2)
    pipeline.close_spider()
    pipeline.spider_closed(DummySpider(), "finished")
    assert pipeline.archive is None
    with _db(tmp_path) as db:
        run = db.execute("SELECT id, sites, outcome, stats FROM runs").fetchone()
        sites = {r[0] for r in db.execute("SELECT id FROM sites")}
        site_runs = {r["site"]: (r["fetched"], r["new_articles"], r["complete"], r["outcome"])
                     for r in db.execute("SELECT * FROM site_runs")}
        errors = [tuple(r) for r in db.execute("SELECT site, url, reason, status, run_id FROM fetch_errors")]
        aliases = [tuple(r) for r in db.execute("SELECT url_key, page_key, site FROM aliases")]
        visits = [tuple(r) for r in db.execute("SELECT url, kind, etag, article_links, verdict FROM visits")]
        pages = [tuple(r) for r in db.execute("SELECT url, run_id FROM pages")]
    assert (run["id"], json.loads(run["sites"]), run["outcome"]) == (ctx.run_id, ["alpha", "beta"], "finished")
    assert json.loads(run["stats"])["hdnd/articles/new"] == 1
    assert sites == {"alpha", "beta"}
    assert site_runs == {"alpha": (2, 1, 1, "finished"), "beta": (0, 0, 1, "finished")}
    assert errors == [("beta", "http://www.beta.example.vn/mat.html", "http 404", 404, ctx.run_id)]
    assert aliases == [(alias.url_key, page.url_key, "alpha")]
    assert visits == [("http://alpha.example.vn/", "start", '"v1"', 7, "start page")]
    assert pages == [(page.url, ctx.run_id)]


def test_pipeline_records_an_interrupted_run_as_incomplete(tmp_path: Path) -> None:
    """A crawl that ended for another reason than finishing leaves its sites incomplete, so the next
    run crawls them in full."""
    crawler, _ = crawler_with_context(tmp_path, {"HDND_EXTRACT_WORKERS": 0}, site_ids="beta")
    pipeline = ArchivePipeline.from_crawler(crawler)
    pipeline.open_spider()
    pipeline.close_spider()
    pipeline.spider_closed(DummySpider(), "shutdown")
    with _db(tmp_path) as db:
        assert db.execute("SELECT outcome FROM runs").fetchone()[0] == "shutdown"
        assert [tuple(r) for r in db.execute("SELECT site, complete, outcome FROM site_runs")] == [
            ("beta", 0, "shutdown")]


def test_pipeline_needs_a_crawl_context(tmp_path: Path) -> None:
    """Opened in a crawl without the portal spider's context, the pipeline fails instead of
    recording a run of no sites."""
    crawler = bare_crawler({"HDND_DATA_DIR": str(tmp_path), "HDND_EXTRACT_WORKERS": 0})
    pipeline = ArchivePipeline.from_crawler(crawler)
    with pytest.raises(RuntimeError, match="no crawl context"):
        pipeline.open_spider()
    assert pipeline.archive is None, "the archive was left open"
    assert pipeline.run_id is None
    assert not list(tmp_path.iterdir()), "an archive was created for a crawl that never started"
