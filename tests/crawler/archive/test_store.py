"""The archive on its own: migrations, pages stored whole, re-extraction, problems listed, copies."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from crawler.archive.schema import MIGRATIONS
from crawler.archive.store import Archive, RawPage
from crawler.archive.visits import Visit
from crawler.discovery.urls import url_key
from crawler.extract.model import Extracted
from crawler.jobs.crawl import CrawlReport, SiteRow, format_report
from crawler.registry import Site

SITE = Site(id="s1", name="Trang thử", province="Bắc Kạn", province_current="Thái Nguyên", level="province",
            start_urls=("http://127.0.0.1:1/",))


def page(n: int, body: bytes = b"<html>x</html>") -> RawPage:
    url = f"http://127.0.0.1:1/tin/bai-{n}.html"
    return RawPage(site="s1", url=url, url_key=url_key(url), final_url=url, final_key=url_key(url), status=200,
                   headers={"Content-Type": ["text/html; charset=utf-8"]}, body=body, encoding="utf-8")


def test_fresh_archive_is_migrated_and_wal(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path)
    archive.close()
    with sqlite3.connect(tmp_path / "archive.sqlite3") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_page_stored_once_and_problems_listed(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path)
    archive.upsert_site(SITE)
    run = archive.start_run(["s1"])
    failed = Extracted(status="failed", problem="no article text found")
    suspect = Extracted(title="T", text="văn bản", status="suspect", problem="no publication date")
    assert archive.store_page(page(1), failed, run)[1] is True
    assert archive.store_page(page(1), failed, run)[1] is False
    archive.store_page(page(2), suspect, run)
    archive.store_page(page(3), Extracted(title="T", text="x", published="2024-01-01"), run)
    problems = archive.extraction_problems(run)
    archive.close()
    assert [(p[1].rsplit("/", 1)[1], p[2]) for p in problems] == [("bai-1.html", "failed"), ("bai-2.html", "suspect")]
    report = CrawlReport([SiteRow("s1", "Trang thử", 3, 3, 3, 0, 2)], "finished", {}, problems)
    text = format_report(report)
    assert "bai-1.html: no article text found" in text and "bai-2.html: no publication date" in text


def test_reextraction_replaces_and_records_change(tmp_path: Path) -> None:
    from crawler.jobs.reextract import reextract_archive

    html = ("<html><head><title>Kỳ họp thứ 10 HĐND tỉnh</title></head><body><h1>Kỳ họp thứ 10 HĐND tỉnh</h1>"
            "<p>Ngày 12/7/2024</p>" + "<p>" + "Hội đồng nhân dân tỉnh khai mạc kỳ họp thứ 10 để xem xét các báo cáo. "
            * 6 + "</p></body></html>").encode()
    archive = Archive.open(tmp_path)
    archive.upsert_site(SITE)
    archive.store_page(page(1, html), Extracted(status="failed", problem="old extractor"))
    archive.close()
    counts = reextract_archive(tmp_path)
    assert counts["pages"] == 1 and counts["changed"] == 1
    with sqlite3.connect(tmp_path / "archive.sqlite3") as db:
        title, status = db.execute("SELECT title, status FROM articles").fetchone()
    assert "Kỳ họp thứ 10" in title and status == "ok"


def test_report_counts_pages_judged_not_articles(tmp_path: Path) -> None:
    rows = [SiteRow("s1", "Trang thử", fetched=12, new=3, total=3, not_articles=9),
            SiteRow("s2", "Trang khác", fetched=4, not_articles=4)]
    text = format_report(CrawlReport(rows, "finished", {}, [], str(tmp_path / "archive.sqlite3")))
    lines = text.splitlines()
    column = re.split(r"\s{2,}", lines[0].strip()).index("Không phải bài")
    assert [line.split()[column] for line in lines if line.startswith(("s1 ", "s2 ", "TỔNG "))] == ["9", "4", "13"]
    assert "13 trang đã tải không lưu vì không phải bài" in text
    assert f'sqlite3 {tmp_path / "archive.sqlite3"} "SELECT site, url, verdict FROM visits' in text
    quiet = format_report(CrawlReport([SiteRow("s1", "Trang thử", fetched=2, new=2, total=2)], "finished"))
    assert "không phải bài (" not in quiet and "SELECT" not in quiet


def test_visit_verdicts_stored_and_an_older_archive_migrated(tmp_path: Path) -> None:
    """An archive of schema 5 (no verdicts) opens as the current one: old visits keep a NULL verdict,
    old site runs count no page not archived; new visits carry their verdict, also after a 304."""
    path = tmp_path / "archive.sqlite3"
    with sqlite3.connect(path) as db:
        for script in MIGRATIONS[:5]:
            db.executescript(script)
        db.execute("PRAGMA user_version = 5")
        db.execute("INSERT INTO visits(url_key, site, url, kind, fetched_at, status) VALUES ('k0', 's1', 'u0', "
                   "'listing', '2025-01-01T00:00:00Z', 200)")
        db.execute("INSERT INTO site_runs(run_id, site, started_at) VALUES (1, 's1', '2025-01-01T00:00:00Z')")
    archive = Archive.open(tmp_path)
    archive.record_visit(Visit("k1", "s1", "u1", "other", "2025-02-01T00:00:00Z", 200, '"e1"', None, 0, True,
                               "headline and 120 chars of prose, no date"), b"<html>1</html>", "utf-8")
    archive.record_visit(Visit("k1", "s1", "u1", "other", "2025-03-01T00:00:00Z", 304, None, None, 0, True,
                               "listing: 4 dated links"), None, None)
    archive.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        verdicts = dict(db.execute("SELECT url_key, verdict FROM visits"))
        body, etag = db.execute("SELECT body, etag FROM visits WHERE url_key = 'k1'").fetchone()
        assert db.execute("SELECT not_articles FROM site_runs").fetchone()[0] == 0
    assert verdicts == {"k0": None, "k1": "listing: 4 dated links"}
    assert body is not None and etag == '"e1"'   # the stored body and validator survive the 304


def test_page_archived_under_an_older_key_is_rekeyed_not_stored_twice(tmp_path: Path) -> None:
    """When the URL rules improve (a CMS's canonical form corrected), the next fetch of an archived
    URL computes another key: the page is found by its URL, takes the new key and keeps its document id."""
    from dataclasses import replace

    archive = Archive.open(tmp_path)
    archive.upsert_site(SITE)
    stale = replace(page(1), url_key="http://127.0.0.1:1/~content/id", final_key="http://127.0.0.1:1/~content/id")
    page_id, new = archive.store_page(stale, Extracted(title="T", text="văn bản", published="2024-01-01"))
    assert new
    doc_id = archive.conn.execute("SELECT doc_id FROM articles WHERE page_id = ?", (page_id,)).fetchone()[0]

    again, new = archive.store_page(page(1), Extracted(title="T", text="văn bản", published="2024-01-01"))
    assert (again, new) == (page_id, False)
    assert url_key(page(1).url) in archive.known_keys()
    rows = tuple(archive.conn.execute("SELECT COUNT(*), MIN(url_key) FROM pages").fetchone())
    assert rows == (1, url_key(page(1).url))
    assert archive.conn.execute("SELECT doc_id FROM articles WHERE page_id = ?", (page_id,)).fetchone()[0] == doc_id
    archive.close()
