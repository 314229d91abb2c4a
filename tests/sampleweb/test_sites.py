"""The sample web behaves as specified: every site answers, every trap and bad page is where it should be,
and gold() describes exactly what the pages contain. urllib against 127.0.0.1 only."""

from __future__ import annotations

import gzip
import html as htmllib
import re
import time
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.registry import parse_registry
from crawler.rules import cms_families
from sampleweb import CorpusError, SampleWeb, SyntheticSite, load_corpus
from sampleweb.corpus import load_file
from sampleweb.site import PortalSite
from sampleweb.sites import SITE_IDS
from tests.sampleweb_support import (
    TODAY,
    fetch,
    links,
    nfc_norm,
    site,
    text_of,
    visible_text,
)

# --- the basics ---------------------------------------------------------------------------------

def test_every_homepage_answers(web: SampleWeb) -> None:
    assert [s.id for s in web.sites] == list(SITE_IDS)
    for s in web.sites:
        status, headers, body = fetch(s.base_url + "/", follow=True)
        assert status == 200, s.id
        assert s.name in text_of(body, headers), s.id
        assert s.province and s.level
        # each site is one family the crawler knows, but for the vendor-made one that is none
        assert s.cms in cms_families() if s.spec.cms != "custom" else s.cms is None, s.id


def test_registry_has_homepages_only_and_parses(web: SampleWeb, tmp_path: Path) -> None:
    sites = parse_registry(web.registry_toml(), "sampleweb")
    assert [x.id for x in sites] == list(SITE_IDS)
    for parsed, s in zip(sites, web.sites, strict=True):
        assert parsed.start_urls == (s.base_url + "/",)
        assert parsed.name == s.name and parsed.province == s.province and parsed.level == s.level
        assert not (parsed.article_patterns or parsed.listing_patterns or parsed.feeds or parsed.sitemaps)
    path = web.write_registry(tmp_path / "sites.toml")
    assert parse_registry(path.read_text("utf-8"), str(path))


def test_gold_covers_every_article_on_every_site_that_publishes_it(web: SampleWeb) -> None:
    gold = web.gold()
    seen = {(p.article_id, p.site): p for p in gold.values()}
    assert len(seen) == len(gold)
    for art in load_corpus():
        for site_id in art.sites:
            page = seen.pop((art.id, site_id))
            mine = art.for_site(site_id)
            assert (page.title, page.published, page.hdnd) == (mine.title, mine.published, art.hdnd)
            assert page.url.startswith(site(web, site_id).base_url + "/")
    assert not seen


def test_gold_pages_carry_their_text(web: SampleWeb) -> None:
    for url, page in web.gold().items():
        status, headers, body = fetch(url)
        if status == 503:
            status, headers, body = fetch(url)
        assert status == 200, url
        text = visible_text(text_of(body, headers))
        for field in (page.title, page.lead, *page.paragraphs, *page.captions, page.signoff):
            assert nfc_norm(field) in text, (url, field[:60])


def test_every_site_has_two_listing_pages_newest_first_with_dates(web: SampleWeb) -> None:
    for s in web.sites:
        pages = s.page_of(s.visible(), 1)[1]
        assert pages >= 2, s.id
        status, headers, body = fetch(s.abs(s.listing_path(None, 2)))
        assert status == 200, s.id
        page2 = text_of(body, headers)
        second = s.page_of(s.visible(), 2)[0]
        assert s.article_path(second[0]) in htmllib.unescape(page2), s.id
        dates = [e.article.published_at for e in s.visible()]
        assert dates == sorted(dates, reverse=True), s.id
        assert re.search(r"\d{2}/\d{2}/\d{4}", page2), s.id


def test_non_article_pages_exist_and_link_a_pdf(web: SampleWeb) -> None:
    for s in web.sites:
        _, headers, body = fetch(s.base_url + "/", follow=True)
        home = text_of(body, headers)
        for word in ("Giới thiệu", "Liên hệ", "Văn bản", "Thư viện ảnh"):
            assert word in home, (s.id, word)
        docs = next(u for u in links(home, s.base_url + "/") if "van-ban" in u.lower() or "tabid/38" in u)
        _, h2, b2 = fetch(docs, follow=True)
        pdf = next(u for u in links(text_of(b2, h2), docs) if u.endswith(".pdf"))
        status, h3, b3 = fetch(pdf)
        assert status == 200 and h3["Content-Type"] == "application/pdf" and b3.startswith(b"%PDF"), s.id


def test_boilerplate_and_share_links(web: SampleWeb) -> None:
    text = ""
    for s in web.sites:
        url = next(iter(s.gold()))
        status, headers, body = fetch(url)
        if status == 503:
            status, headers, body = fetch(url)
        page = htmllib.unescape(text_of(body, headers))
        assert "facebook.com/sharer" in page and "zalo.me" in page and "mailto:" in page, s.id
        assert "Giấy phép số" in page and "Chịu trách nhiệm chính" in page and "Ghi rõ nguồn" in page, s.id
        assert today_marker() in page, s.id
        text += page + visible_text(page)
    for phrase in ("PublishingPortal - Block_BanTin_Toolbar", "Tăng cỡ chữ Giảm cỡ chữ", "Các tin đã đưa ngày",
                   "Truy cập nội dung luôn", "Xem với cỡ chữ", "In bài viết", "Gửi email", "Lượt xem",
                   "CÁC BÀI VIẾT KHÁC", "Tin cùng chuyên mục", "Các tin khác", "Về đầu trang", "Loading...",
                   'content="NukeViet v4.5"', 'content="WordPress 6.4"', "DesktopModules/", 'itemprop="articleBody"'):
        assert phrase in text, phrase


def today_marker() -> str:
    return f"ngày {TODAY:%d/%m/%Y}"


_SKIP = ("date=", "ngay=", "/lich-cong-tac/", "orderByCol", "tmpl=component", "/Print.aspx", "/print/",
         "/savefile/", "/vi/seek", "?s=", "searchword", "tim-kiem", "TimKiem", "/feed", "/rss", "thoi-tiet",
         "/component/")
_ASSET = (".jpg", ".png", ".gif", ".ico", ".css", ".js", ".pdf", ".xml")


def canonical(url: str) -> str:
    url = re.sub(r";jsessionid=[^/?#]*", "", url.split("#")[0])
    return re.sub(r"/\(S\([a-z0-5]{24}\)\)", "", url)


def bfs(s: PortalSite, limit: int = 400) -> set[str]:
    """A naive polite crawl from the homepage: same origin, robots.txt obeyed, obvious traps skipped."""
    robots_txt = fetch(s.base_url + "/robots.txt")[2].decode()
    banned = tuple(line.split(":", 1)[1].strip() for line in robots_txt.splitlines() if line.startswith("Disallow:"))
    queue, seen = [s.base_url + "/"], set()
    while queue and len(seen) < limit:
        url = canonical(queue.pop(0))
        if url in seen:
            continue
        seen.add(url)
        status, headers, body = fetch(url, follow=True)
        if status == 503:
            status, headers, body = fetch(url, follow=True)
        if status != 200 or "html" not in headers.get("Content-Type", ""):
            continue
        for link in links(text_of(body, headers), url):
            path = urlsplit(link).path
            if (link.startswith(s.base_url + "/") and not path.startswith(banned) and not path.endswith(_ASSET)
                    and not any(t in link for t in _SKIP)):
                queue.append(link)
    return seen


def test_every_gold_page_is_reachable_from_the_homepage(web: SampleWeb) -> None:
    gold = web.gold()
    for s in web.sites:
        fetched = bfs(s)
        assert len(fetched) < 400, s.id
        for url, page in gold.items():
            if page.site == s.id:
                assert url in fetched or any(canonical(a) in fetched for a in page.aliases), url


def test_text_is_gzipped_on_request_and_wordpress_links_are_absolute(web: SampleWeb) -> None:
    wp = site(web, "bk-thanhpho")
    url, page = next(iter(wp.gold().items()))
    status, headers, body = fetch(url, headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    text = gzip.decompress(body).decode()
    assert page.title in htmllib.unescape(text) and f'href="{wp.base_url}/' in text
    assert "Content-Encoding" not in fetch(url)[1]


# --- corpus loading ------------------------------------------------------------------------------

def test_corpus_errors_name_the_file(tmp_path: Path) -> None:
    good = sorted(Path(load_corpus()[0].source).parent.glob("*.toml"))[0].read_text("utf-8")
    cases = {
        "unknown-site": good.replace('sites = ["', 'sites = ["no-such-site", "'),
        "nfd-title": re.sub(r'(?m)^title = "(.*)"$', lambda m: 'title = "' + unicodedata.normalize("NFD", m[1]) + '"',
                            good, count=1),
        "bad-date": re.sub(r'(?m)^published = ".*"$', 'published = "22/11/2024"', good, count=1),
    }
    for name, text in cases.items():
        stem = re.search(r'(?m)^id = "(.*)"$', text)[1]  # type: ignore[index]
        path = tmp_path / name / f"{stem}.toml"
        path.parent.mkdir()
        path.write_text(text, "utf-8")
        with pytest.raises(CorpusError, match=re.escape(str(path))):
            load_file(path)
    assert load_file(Path(load_corpus()[0].source))


# --- the synthetic site --------------------------------------------------------------------------

def test_synthetic_site_is_big_and_fast() -> None:
    with SyntheticSite(n_articles=200, seed=3) as syn:
        assert parse_registry(syn.registry_toml(), "synthetic")[0].start_urls == (syn.base_url + "/",)
        urls = syn.article_urls()
        assert len(urls) == 200 and len(set(urls)) == 200
        status, headers, body = fetch(syn.base_url + "/tin-tuc?page=2")
        assert status == 200 and text_of(body, headers).count('class="ArticleTitle"') == 20
        start = time.monotonic()
        sizes = [len(fetch(u)[2]) for u in urls[:60]]
        assert time.monotonic() - start < 3
        assert min(sizes) > 3000
        gold = syn.gold()
        assert {p.hdnd for p in gold.values()} == {True, False}
        page = gold[urls[0]]
        assert all(nfc_norm(p) in visible_text(fetch(urls[0])[2].decode()) for p in page.paragraphs)
    again = SyntheticSite(n_articles=200, seed=3)
    assert again._article(7) == syn._article(7)
