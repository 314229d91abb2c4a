"""Scheduled re-crawls fetch only what may have changed: no archived article again, listings
read until nothing is new, conditional requests, newly published articles found."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.discovery.urls import url_key
from sampleweb import SampleWeb
from sampleweb.sites import SITE_IDS
from tests.conftest import FAST_CRAWL, run_hdnd

pytestmark = pytest.mark.slow

HELD_BACK = "dn-ket-qua-bau-cu-2026"   # a NukeViet article, newest of its site


@pytest.fixture(scope="module")
def web() -> Iterator[SampleWeb]:
    web = SampleWeb(slow_seconds=1.0, hang_seconds=5.0, hold_back=(HELD_BACK,))
    web.start()
    try:
        yield web
    finally:
        web.stop()


@pytest.fixture(scope="module")
def first(web: SampleWeb, tmp_path_factory: pytest.TempPathFactory) -> dict:
    data = tmp_path_factory.mktemp("recrawl")
    registry = data / "sites.toml"
    web.write_registry(registry)
    web.clear_log()
    started = time.monotonic()
    result = run_hdnd(["crawl", "--sites", str(registry), "--data", str(data), *FAST_CRAWL])
    assert result.returncode == 0, result.stderr[-2000:]
    return {"data": data, "registry": registry, "requests": list(web.request_log),
            "seconds": time.monotonic() - started}


def crawl_again(web: SampleWeb, first: dict) -> tuple[list, float, str]:
    web.clear_log()
    started = time.monotonic()
    result = run_hdnd(["crawl", "--sites", str(first["registry"]), "--data", str(first["data"]), *FAST_CRAWL])
    assert result.returncode == 0, result.stderr[-2000:]
    return list(web.request_log), time.monotonic() - started, result.stdout


def test_recrawl_of_unchanged_sites_is_small(web: SampleWeb, first: dict) -> None:
    again, seconds, _ = crawl_again(web, first)
    n1, n2 = len(first["requests"]), len(again)
    print(f"\nfirst crawl: {n1} requests in {first['seconds']:.1f} s; re-crawl: {n2} requests in {seconds:.1f} s "
          f"({n2 / n1:.0%})")
    assert n2 <= 0.2 * n1
    bases = {s.id: s.base_url for s in web.sites}
    articles = {url_key(u) for u in web.gold()}   # paths and queries: /index.php?...&id=N is one
    assert not [r.path for r in again if url_key(bases[r.site] + r.path) in articles]


def test_conditional_requests_get_304(web: SampleWeb, first: dict) -> None:
    again, _, _ = crawl_again(web, first)
    conditional = [r for r in again if "If-None-Match" in r.headers or "If-Modified-Since" in r.headers]
    assert conditional and all(r.status == 304 for r in conditional if r.site in ("dn-xuandong", "bk-thanhpho"))


def test_newly_published_article_appears_after_the_next_run(web: SampleWeb, first: dict) -> None:
    assert web.publish(HELD_BACK)
    new_url = next(u for u, g in web.gold().items() if g.article_id == HELD_BACK)
    again, _, stdout = crawl_again(web, first)
    with sqlite3.connect(Path(first["data"]) / "archive.sqlite3") as db:
        keys = {k for (k,) in db.execute("SELECT url_key FROM pages")}
    assert url_key(new_url) in keys
    row = next(line for line in stdout.splitlines() if line.startswith("dn-xuandong "))
    assert row.split()[2] == "1", row   # one new article on that site
    assert len(again) <= 0.25 * len(first["requests"])


def test_each_run_recorded_per_site(first: dict) -> None:
    with sqlite3.connect(Path(first["data"]) / "archive.sqlite3") as db:
        rows = db.execute("SELECT site, complete, fetched, outcome FROM site_runs WHERE run_id = 1").fetchall()
    assert len(rows) == len(SITE_IDS) and all(complete == 1 and fetched > 0 and outcome == "finished"
                                  for _, complete, fetched, outcome in rows)
