"""A crawl killed midway (SIGKILL) loses nothing it archived, and the rerun completes the archive
with nothing fetched or stored twice. Also: budgets, native ``scrapy crawl``, bad registries."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.discovery.urls import url_key
from tests.conftest import FAST_CRAWL, ROOT, run_hdnd

pytestmark = pytest.mark.slow


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_kill_midway_then_rerun_completes(sample_web, tmp_path: Path) -> None:
    registry = tmp_path / "sites.toml"
    sample_web.write_registry(registry)
    db = tmp_path / "archive.sqlite3"
    slow = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.15", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
            "-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=1"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "search_ui.cli", "crawl", "--sites", str(registry), "--data", str(tmp_path), *slow],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while _count(db) < 25 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the crawl ended before it could be killed; slow it down"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        before = {k for (k,) in conn.execute("SELECT url_key FROM pages")}
        assert conn.execute("SELECT COUNT(*) FROM runs WHERE finished_at IS NULL").fetchone()[0] == 1
    gold = sample_web.gold()
    assert 25 <= len(before) < len(gold)

    sample_web.clear_log()
    result = run_hdnd(["crawl", "--sites", str(registry), "--data", str(tmp_path), *FAST_CRAWL])
    assert result.returncode == 0, result.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        keys = [k for (k,) in conn.execute("SELECT url_key FROM pages")]
        finals = {k for (k,) in conn.execute("SELECT final_key FROM pages")}
    assert len(keys) == len(set(keys)) == len(gold), "archive incomplete or holding duplicates"
    stored = set(keys) | finals
    missing = [u for u, g in gold.items() if url_key(u) not in stored and not {url_key(a) for a in g.aliases} & stored]
    assert not missing
    refetched = [r.path for r in sample_web.request_log
                 if url_key(f"http://{r.headers.get('Host', '')}{r.path}") in before]
    assert not refetched, f"articles archived before the kill were fetched again: {refetched[:5]}"


def test_page_budget_per_site(sample_web, tmp_path: Path) -> None:
    registry = tmp_path / "sites.toml"
    sample_web.write_registry(registry)
    sample_web.clear_log()
    result = run_hdnd(["crawl", "--sites", str(registry), "--data", str(tmp_path), "--site", "bk-bao",
                       "-s", "HDND_MAX_PAGES_PER_SITE=6", *FAST_CRAWL])
    assert result.returncode == 0, result.stderr[-2000:]
    fetched = [r for r in sample_web.request_log if r.site == "bk-bao"]
    # robots.txt as fetched by Scrapy's own middleware is not a page of the budget
    pages = [r.path for r in fetched if r.path != "/robots.txt"]
    assert len(pages) <= 6, pages
    assert not [r for r in sample_web.request_log if r.site != "bk-bao"]


def test_native_scrapy_crawl_from_project_root(sample_web, tmp_path: Path) -> None:
    registry = tmp_path / "sites.toml"
    sample_web.write_registry(registry)
    scrapy_bin = Path(sys.executable).parent / "scrapy"
    cmd = [str(scrapy_bin)] if scrapy_bin.exists() else [sys.executable, "-m", "scrapy"]
    result = subprocess.run(
        [*cmd, "crawl", "portal", "-a", f"sites={registry}", "-a", "site=dn-xuandong",
         "-s", f"HDND_DATA_DIR={tmp_path}", *FAST_CRAWL, "-s", "LOG_LEVEL=WARNING"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    expected = [g for g in sample_web.gold().values() if g.site == "dn-xuandong"]
    assert _count(tmp_path / "archive.sqlite3") == len(expected)


@pytest.mark.parametrize(("body", "problem"), [
    ('[[site]]\nid = "a"\nname = "A"\nprovince = "Bắc Kạn"\nlevel = "province"\nstart_urls = ["http://x.vn/"]\n'
     'colour = "red"\n', "unknown key 'colour'"),
    ('[[site]]\nid = "a"\nname = "A"\nprovince = "Bắc Kạn"\nlevel = "county"\nstart_urls = ["http://x.vn/"]\n',
     "unknown level 'county'"),
    ('[[site]]\nid = "a"\nname = "A"\nprovince = "Bắc Kạn"\nlevel = "province"\nstart_urls = ["x.vn"]\n',
     "bad URL 'x.vn'"),
    ('[[site]]\nid = "a"\nname = "A"\nprovince = "Bắc Kạn"\nlevel = "province"\nstart_urls = ["http://x.vn/"]\n'
     '[[site]]\nid = "a"\nname = "B"\nprovince = "Bắc Kạn"\nlevel = "province"\nstart_urls = ["http://y.vn/"]\n',
     "duplicate id"),
])
def test_bad_registry_fails_before_crawling(tmp_path: Path, body: str, problem: str) -> None:
    registry = tmp_path / "bad.toml"
    registry.write_text(body, encoding="utf-8")
    result = run_hdnd(["crawl", "--sites", str(registry), "--data", str(tmp_path)])
    assert result.returncode == 1
    assert str(registry) in result.stderr and "'a'" in result.stderr and problem in result.stderr
    assert not (tmp_path / "archive.sqlite3").exists()


def test_help_and_usage_errors() -> None:
    assert run_hdnd(["--help"]).returncode == 0
    for command in ("crawl", "export", "extract", "reextract", "demo"):
        result = run_hdnd([command, "--help"])
        assert result.returncode == 0 and command in result.stdout
    assert run_hdnd(["crawl", "-s", "novalue"]).returncode == 2
    assert run_hdnd(["nonsense"]).returncode == 2


def test_urls_of_log_are_relative(sample_web) -> None:
    # the request log records paths, which the resume test above turns back into URLs
    sample_web.clear_log()
    import urllib.request

    urllib.request.urlopen(sample_web.sites[0].base_url + "/robots.txt").read()
    entry = sample_web.request_log[-1]
    assert entry.path == "/robots.txt" and urlsplit(sample_web.sites[0].base_url).netloc == entry.headers["Host"]


def test_pages_over_the_size_limit_are_given_up(sample_web, tmp_path: Path) -> None:
    registry = tmp_path / "sites.toml"
    sample_web.write_registry(registry)
    result = run_hdnd(["crawl", "--sites", str(registry), "--site", "hd-binhgiang", "--data", str(tmp_path),
                       *FAST_CRAWL, "-s", "DOWNLOAD_MAXSIZE=500000", "-s", "DOWNLOAD_WARNSIZE=0"])
    assert result.returncode == 0, result.stderr[-2000:]
    import sqlite3

    with sqlite3.connect(tmp_path / "archive.sqlite3") as db:
        reasons = [r for (r,) in db.execute("SELECT reason FROM fetch_errors")]
    assert "too large" in reasons   # the 1-2 MB view-state pages, above a 500 KB limit


def test_a_crawl_cut_short_is_recorded_as_such_and_not_complete(sample_web, tmp_path: Path) -> None:
    """Scrapy tells why a crawl ended only on ``spider_closed``: a run stopped early (here by
    CLOSESPIDER_PAGECOUNT, as by a shutdown) must not be recorded as finished, or the next run
    would trust it as a complete visit."""
    registry = tmp_path / "sites.toml"
    sample_web.write_registry(registry)
    result = run_hdnd(["crawl", "--sites", str(registry), "--data", str(tmp_path), "--site", "bk-bao",
                       "-s", "CLOSESPIDER_PAGECOUNT=5", *FAST_CRAWL])
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Kết thúc: closespider_pagecount" in result.stdout
    assert "requires a spider argument" not in result.stderr      # Scrapy 2.14+ conventions
    with sqlite3.connect(tmp_path / "archive.sqlite3") as conn:
        assert conn.execute("SELECT outcome FROM runs").fetchall() == [("closespider_pagecount",)]
        assert conn.execute("SELECT site, complete, outcome FROM site_runs").fetchall() == [
            ("bk-bao", 0, "closespider_pagecount")]
    finished = run_hdnd(["crawl", "--sites", str(registry), "--data", str(tmp_path), "--site", "bk-bao", *FAST_CRAWL])
    assert finished.returncode == 0, finished.stderr[-2000:]
    with sqlite3.connect(tmp_path / "archive.sqlite3") as conn:
        assert conn.execute("SELECT complete, outcome FROM site_runs ORDER BY run_id").fetchall() == [
            (0, "closespider_pagecount"), (1, "finished")]
