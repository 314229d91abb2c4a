"""Crawling the sample web from its homepages alone: what was fetched (the server's own request log)
and what was archived (the SQLite archive)."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.archive.schema import MIGRATIONS
from crawler.discovery.urls import url_key
from tests.conftest import FAST_CRAWL, run_hdnd

pytestmark = pytest.mark.slow
CONTACT = "toa-soan@example.vn"   # set with -s, as a schedule file or an operator would


@dataclass
class Crawl:
    data: Path
    registry: Path
    stdout: str
    stderr: str
    returncode: int
    log: list  # the server's request log during the crawl

    def db(self) -> sqlite3.Connection:
        return sqlite3.connect(self.data / "archive.sqlite3")


@pytest.fixture(scope="module")
def crawl(sample_web, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    data = tmp_path_factory.mktemp("crawl")
    registry = data / "sites.toml"
    sample_web.write_registry(registry)
    sample_web.clear_log()
    result = run_hdnd(["crawl", "--sites", str(registry), "--data", str(data), *FAST_CRAWL,
                       "-s", f"HDND_CONTACT={CONTACT}"])
    return Crawl(data, registry, result.stdout, result.stderr, result.returncode, list(sample_web.request_log))


def gold_keys(sample_web) -> dict[str, str]:
    """URL key → gold URL, aliases (redirects, other paths of one article) included."""
    keys: dict[str, str] = {}
    for url, page in sample_web.gold().items():
        keys[url_key(url)] = url
        for alias in page.aliases:
            keys[url_key(alias)] = url
    return keys


def archived(crawl: Crawl) -> list[tuple[str, str, str]]:
    with crawl.db() as db:
        return db.execute("SELECT url_key, final_key, url FROM pages").fetchall()


def test_crawl_succeeds_and_prints_per_site_table(crawl: Crawl, sample_web) -> None:
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    header = crawl.stdout.splitlines()[0]
    for column in ("Trang", "Đã tải", "Bài mới", "Tổng số bài", "Lỗi tải"):
        assert column in header
    for site in sample_web.sites:
        assert any(line.startswith(site.id + " ") for line in crawl.stdout.splitlines())


def test_registry_gives_only_homepages(crawl: Crawl) -> None:
    text = crawl.registry.read_text("utf-8")
    assert "article_patterns" not in text and "listing_patterns" not in text and "feeds" not in text
    assert all(urlsplit(line.split('"')[1]).path == "/" for line in text.splitlines() if line.startswith("start_urls"))


def test_every_gold_article_archived_once_and_nothing_else(crawl: Crawl, sample_web) -> None:
    keys = gold_keys(sample_web)
    found: dict[str, int] = {}
    extra = []
    for key, final_key, url in archived(crawl):
        gold = keys.get(key) or keys.get(final_key)
        if gold is None:
            extra.append(url)
        else:
            found[gold] = found.get(gold, 0) + 1
    missing = sorted(set(sample_web.gold()) - set(found))
    assert not missing, f"not archived: {missing}"
    assert not extra, f"archived pages that are not articles: {extra}"
    assert all(n == 1 for n in found.values()), {g: n for g, n in found.items() if n > 1}


def test_robots_txt_obeyed(crawl: Crawl, sample_web) -> None:
    for site in sample_web.sites:
        robots = urllib.request.urlopen(site.base_url + "/robots.txt").read().decode()
        disallowed = [line.split(":", 1)[1].strip() for line in robots.splitlines()
                      if line.lower().startswith("disallow:") and line.split(":", 1)[1].strip()]
        assert disallowed, f"{site.id} robots.txt disallows nothing"
        home = urllib.request.urlopen(site.base_url + "/").read().decode("utf-8", "replace")
        assert any(f'href="{d}' in home or f"{site.base_url}{d}" in home for d in disallowed), \
            f"{site.id}: the homepage does not link to a disallowed path, so the test proves nothing"
        fetched = [r.path for r in crawl.log if r.site == site.id]
        assert not [p for p in fetched if any(p.startswith(d) for d in disallowed)]


def test_traps_not_followed(crawl: Crawl) -> None:
    paths = [r.path.lower() for r in crawl.log]
    for marker in ("date=", "ngay=", "print", "/seek/", "tim-kiem", "?s=", "&s=", "?q=", "mailto", "savefile",
                   "sharer", "orderbycol", "/lich-cong-tac/20"):
        hits = [p for p in paths if marker in p]
        assert not hits, f"trap {marker!r} was followed: {hits[:5]}"
    assert len(paths) < 400, "the crawl made far more requests than the sample web has pages"


def test_session_ids_never_fetched(crawl: Crawl) -> None:
    assert not [r.path for r in crawl.log if ";jsessionid" in r.path.lower() or "(s(" in r.path.lower()]


def test_each_url_fetched_once_except_retries(crawl: Crawl, sample_web) -> None:
    counts: dict[tuple[str, str, str], int] = {}
    for r in crawl.log:
        key = (r.site, r.method, r.path)
        counts[key] = counts.get(key, 0) + 1
    repeated = {k: n for k, n in counts.items() if n > 1 and k[2] != "/robots.txt" and n > 3}
    assert not repeated, repeated


def test_transient_503_is_retried_then_archived(crawl: Crawl, sample_web) -> None:
    url = next(u for u, g in sample_web.gold().items() if g.notes.get("transient_503"))
    path = urlsplit(url).path
    statuses = [r.status for r in crawl.log if r.path.startswith(path)]
    assert statuses[:2] == [503, 200]
    assert url_key(url) in {k for k, _, _ in archived(crawl)}


def test_dead_links_give_up_with_a_logged_reason(crawl: Crawl) -> None:
    with crawl.db() as db:
        reasons = {reason for (reason,) in db.execute("SELECT reason FROM fetch_errors")}
    assert {"http 404", "http 500", "timeout"} <= reasons
    assert "gave up on" in crawl.stderr


def test_slow_page_and_huge_view_state_archived(crawl: Crawl, sample_web) -> None:
    gold = sample_web.gold()
    slow = next(u for u, g in gold.items() if g.notes.get("slow"))
    assert url_key(slow) in {k for k, _, _ in archived(crawl)}
    with crawl.db() as db:
        sizes = [n for (n,) in db.execute("SELECT body_size FROM pages WHERE site = 'hd-binhgiang'")]
    assert max(sizes) > 1_000_000


def test_raw_bytes_kept_losslessly_with_metadata(crawl: Crawl) -> None:
    with crawl.db() as db:
        rows = db.execute(
            "SELECT url, final_url, site, fetched_at, status, headers, body, body_size, sha256 FROM pages"
        ).fetchall()
    assert rows
    for _url, final_url, site, fetched_at, status, headers, body, size, sha in rows:
        raw = zlib.decompress(body)
        assert len(raw) == size and hashlib.sha256(raw).hexdigest() == sha
        assert status == 200 and fetched_at.endswith("Z") and site and final_url
        assert any(name.lower() == "content-type" for name in json.loads(headers))
    # a page the server renders identically each time (it sends an ETag): what we stored is what it serves,
    # even though the crawler received it gzip-compressed
    url, raw_sha = next((r[0], r[8]) for r in rows if r[2] == "dn-xuandong")
    assert hashlib.sha256(urllib.request.urlopen(url).read()).hexdigest() == raw_sha


def test_other_encodings_archived_as_nfc(crawl: Crawl, sample_web) -> None:
    gold = sample_web.gold()
    odd = [u for u, g in gold.items() if g.notes.get("encoding") or g.notes.get("form") or g.notes.get("charrefs")]
    assert len(odd) >= 3
    with crawl.db() as db:
        for url in odd:
            row = db.execute(
                "SELECT a.text FROM articles a JOIN pages p ON p.id = a.page_id WHERE p.url_key = ?", (url_key(url),)
            ).fetchone()
            assert row is not None, url
            assert gold[url].paragraphs[0][:60] in row[0]


def test_identifies_itself_with_the_contact_it_was_started_with(crawl: Crawl) -> None:
    agents = {r.headers.get("User-Agent", "") for r in crawl.log}
    assert agents == {f"hdnd-archive/0.1 (Kho tin HDND news archive; +{CONTACT})"}


def test_uses_feeds_sitemaps_and_postback_pagination(crawl: Crawl) -> None:
    paths = {(r.site, r.method, r.path) for r in crawl.log}
    assert any(s == "dn-xuandong" and "/rss" in p for s, _, p in paths)
    assert any(s == "bk-thanhpho" and "sitemap" in p for s, _, p in paths)
    assert any(s == "hd-binhgiang" and m == "POST" for s, m, _ in paths)
    with crawl.db() as db:
        via = {v for (v,) in db.execute("SELECT DISTINCT discovered_via FROM pages")}
    assert {"rss", "sitemap"} & via


def test_archive_is_wal_and_versioned(crawl: Crawl) -> None:
    with crawl.db() as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        run = db.execute("SELECT outcome, finished_at FROM runs").fetchone()
    assert run[0] == "finished" and run[1]


def test_export_jsonl_and_csv(crawl: Crawl, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert run_hdnd(["export", "--format", "jsonl", "--data", str(crawl.data), "--output", str(out)]).returncode == 0
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(rows) == len(archived(crawl))
    required = {"id", "url", "site", "site_name", "province", "province_current", "level", "title", "published",
                "author", "lead", "text", "captions", "hdnd", "duplicate_of", "fetched_at", "sha256"}
    assert required <= set(rows[0])
    bk = next(r for r in rows if r["site"] == "bk-hdnd")
    assert bk["province"] == "Bắc Kạn" and bk["province_current"] == "Thái Nguyên"
    csv_out = tmp_path / "all.csv"
    assert run_hdnd(["export", "--format", "csv", "--data", str(crawl.data), "-o", str(csv_out)]).returncode == 0
    raw = csv_out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "Bắc Kạn".encode() in raw


def test_rerun_fetches_no_archived_article(crawl: Crawl, sample_web) -> None:
    before = len(archived(crawl))
    sample_web.clear_log()
    result = run_hdnd(["crawl", "--sites", str(crawl.registry), "--data", str(crawl.data), *FAST_CRAWL])
    assert result.returncode == 0, result.stderr[-2000:]
    bases = {s.id: s.base_url for s in sample_web.sites}
    articles = {url_key(u) for u in sample_web.gold()}   # paths and queries: /index.php?...&id=N is one
    refetched = [r.path for r in sample_web.request_log if url_key(bases[r.site] + r.path) in articles]
    assert not refetched
    assert len(archived(crawl)) == before


def test_copies_on_other_sites_point_to_the_earliest(crawl: Crawl, sample_web) -> None:
    keys = gold_keys(sample_web)
    with crawl.db() as db:
        rows = db.execute(
            "SELECT p.url_key, p.final_key, a.doc_id, a.duplicate_of FROM pages p JOIN articles a ON a.page_id = p.id"
        ).fetchall()
    gold = sample_web.gold()
    by_article: dict[str, list[tuple[bool, str, str | None]]] = {}
    for key, final_key, doc_id, duplicate_of in rows:
        page = gold[keys.get(key) or keys[final_key]]
        by_article.setdefault(page.article_id, []).append((bool(page.notes.get("original")), doc_id, duplicate_of))
    copied = {a: members for a, members in by_article.items() if len(members) > 1}
    assert len(copied) >= 8
    for article, members in copied.items():
        original = [doc for is_original, doc, _ in members if is_original]
        assert len(original) == 1, article
        for is_original, _doc, duplicate_of in members:
            assert duplicate_of == (None if is_original else original[0]), article
    singles = [m for members in by_article.values() if len(members) == 1 for m in members]
    assert all(duplicate_of is None for _, _, duplicate_of in singles)


def test_hdnd_label_matches_gold(crawl: Crawl, sample_web) -> None:
    keys = gold_keys(sample_web)
    gold = sample_web.gold()
    with crawl.db() as db:
        rows = db.execute("SELECT p.url_key, p.final_key, a.hdnd FROM pages p JOIN articles a ON a.page_id = p.id")
        wrong = [key for key, final_key, hdnd in rows if bool(hdnd) != gold[keys.get(key) or keys[final_key]].hdnd]
    assert not wrong


def test_progress_lines_while_it_runs(crawl: Crawl) -> None:
    lines = [line for line in crawl.stderr.splitlines() if "trang đã tải" in line]
    assert lines, "no progress line in a crawl of several seconds"
    assert all(line.startswith("[") and "bài mới" in line and "lỗi" in line for line in lines)


# --- nothing dropped silently: the verdict on every page that was not archived -------------------

def _visits(crawl: Crawl) -> list[tuple[str, str, str | None, int | None, str | None]]:
    with crawl.db() as db:
        return db.execute("SELECT site, url, kind, status, verdict FROM visits").fetchall()


def _is_listing_url(url: str) -> bool:
    return url.endswith(("/tin-tuc/", "?mod=hdnd")) or "trang=" in url or "&page=" in url


def test_every_page_not_archived_keeps_its_reason(crawl: Crawl, sample_web) -> None:
    rows = _visits(crawl)
    judged = [r for r in rows if r[2] not in ("feed", "sitemap", "robots")]
    assert judged and all(r[4] for r in judged), [r[:3] for r in judged if not r[4]]
    assert all(r[4] is None for r in rows if r[2] in ("feed", "sitemap", "robots"))   # no page to judge
    tienlang = {url: verdict for site, url, _, _, verdict in judged if site == "hp-tienlang"}
    assert tienlang[sample_web.site("hp-tienlang").base_url + "/"] == "start page"
    listings = {url: verdict for url, verdict in tienlang.items() if _is_listing_url(url)}
    assert len(listings) >= 4 and all(v.startswith("listing: ") for v in listings.values()), listings
    others = [v for url, v in tienlang.items() if url.endswith(("gioi-thieu.html", "lien-he.html", "van-ban.html"))]
    assert len(others) == 3 and not any(v.startswith("listing") for v in others), others


def test_every_archived_page_keeps_the_evidence_that_it_is_an_article(crawl: Crawl) -> None:
    with crawl.db() as db:
        rows = db.execute("SELECT p.site, p.url, p.verdict FROM pages p").fetchall()
    assert rows and all(verdict for _, _, verdict in rows), [r for r in rows if not r[2]][:5]
    tienlang = [verdict for site, _, verdict in rows if site == "hp-tienlang"]
    assert tienlang and all(v.startswith(("headline, date and", "<article>", "listed in")) for v in tienlang), tienlang
    assert any(v.startswith("sharepoint body container") for site, _, v in rows if site == "bk-hdnd")


def test_crawl_report_counts_pages_not_archived_per_site(crawl: Crawl, sample_web) -> None:
    lines = crawl.stdout.splitlines()
    column = re.split(r"\s{2,}", lines[0].strip()).index("Không phải bài")
    shown = {line.split()[0]: int(line.split()[column]) for line in lines
             if line.split() and line.split()[0] in {s.id for s in sample_web.sites}}
    with crawl.db() as db:
        stored = dict(db.execute("SELECT site, not_articles FROM site_runs WHERE run_id = 1"))
        stats = json.loads(db.execute("SELECT stats FROM runs WHERE id = 1").fetchone()[0])
    visits: dict[str, int] = {}
    for site, _, _, _, verdict in _visits(crawl):
        visits[site] = visits.get(site, 0) + bool(verdict)
    for site in sample_web.sites:
        assert shown[site.id] == stored[site.id] == stats[f"hdnd/site/{site.id}/not_article"], site.id
        # one visit row per URL; a post-back listing is fetched several times under one URL
        assert shown[site.id] >= visits[site.id] > 0, site.id
    assert shown["hp-tienlang"] == visits["hp-tienlang"]
    assert stats["hdnd/judged/not_article"] == sum(shown.values())
    for basis in ("start_page", "listing", "no_evidence"):
        assert stats[f"hdnd/judged/not_article/{basis}"] > 0, basis
    assert stats["hdnd/judged/article/family_body"] > 0
    assert stats.get("hdnd/judged/article/dated_story", 0) + stats.get("hdnd/judged/article/article_element", 0) >= 8


def test_the_spider_and_hdnd_extract_judge_alike(crawl: Crawl, sample_web) -> None:
    """Every page of the portal of no known CMS, judged again from its bytes as ``hdnd extract --url``
    judges a saved page: the same verdict the crawl stored, archived articles included."""
    from crawler.judgment.verdicts import verdict_for_saved_page

    site = sample_web.site("hp-tienlang")
    stored = {url: verdict for s, url, _, _, verdict in _visits(crawl) if s == "hp-tienlang"}
    with crawl.db() as db:
        archived_urls = [u for (u,) in db.execute("SELECT final_url FROM pages WHERE site = 'hp-tienlang'")]
    assert len(archived_urls) == len(site.gold()) and len(stored) >= 10
    for url in [*stored, *archived_urls]:
        body = urllib.request.urlopen(url).read()
        verdict = verdict_for_saved_page(body, url)
        if url in stored:
            assert (verdict.article, verdict.reason) == (False, stored[url]), url
        else:
            assert verdict.article, (url, verdict)
