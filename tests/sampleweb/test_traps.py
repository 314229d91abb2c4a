"""The sample web's traps and bad pages: robots, 503 then 200, 404/500, redirects, slow and hanging
pages, 304s, view state and post-back, session ids, calendars, encodings, feeds, the request log."""

from __future__ import annotations

import html as htmllib
import re
import time
import unicodedata
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import pytest

from sampleweb import SampleWeb, load_corpus
from sampleweb.encodings import char_refs, to_cp1258
from tests.sampleweb_support import (
    HANG,
    SLOW,
    fetch,
    gold_with,
    held_candidate,
    links,
    nfc_norm,
    site,
    text_of,
    visible_text,
)

# --- traps and bad pages ------------------------------------------------------------------------

def test_robots_disallow_a_linked_path_and_only_wordpress_has_a_sitemap(web: SampleWeb) -> None:
    for s in web.sites:
        status, _, body = fetch(s.base_url + "/robots.txt")
        assert status == 200
        rules = [line.split(":", 1)[1].strip() for line in body.decode().splitlines() if line.startswith("Disallow:")]
        assert rules, s.id
        _, headers, home = fetch(s.base_url + "/", follow=True)
        paths = [urlsplit(u).path for u in links(text_of(home, headers), s.base_url + "/")
                 if u.startswith(s.base_url)]
        assert any(p.startswith(tuple(rules)) for p in paths), (s.id, rules)
        has_sitemap = "Sitemap:" in body.decode()
        assert has_sitemap == (s.cms == "wordpress"), s.id
        assert (fetch(s.base_url + "/sitemap.xml")[0] == 200) == (s.cms == "wordpress"), s.id


def test_transient_503_then_200(fresh: SampleWeb) -> None:
    page = gold_with(fresh, "transient_503")
    status, headers, _ = fetch(page.url)
    assert status == 503 and headers["Retry-After"]
    assert fetch(page.url)[0] == 200
    assert fetch(page.url)[0] == 200


def test_404_linked_from_a_listing_and_500_linked_from_the_menu(web: SampleWeb) -> None:
    bao = site(web, "bk-bao")
    listing = bao.abs(bao.listing_path(None))
    _, headers, body = fetch(listing)
    gold = web.gold()
    dead = [u for u in links(text_of(body, headers), listing) if "/index.php/" in u and re.search(r"/\d+-", u)
            and u not in gold]
    assert dead and fetch(dead[0])[0] == 404
    vn = site(web, "hd-binhgiang")
    _, headers, body = fetch(vn.base_url + "/")
    assert vn.base_url + "/hoi-dap" in links(text_of(body, headers), vn.base_url + "/")
    assert fetch(vn.base_url + "/hoi-dap")[0] == 500 and fetch(vn.base_url + "/hoi-dap")[0] == 500


def test_redirects(web: SampleWeb) -> None:
    for site_id, target in (("bk-hdnd", "/portal/Pages/default.aspx"), ("bn-vphdnd", "/web/guest/trang-chu")):
        status, headers, _ = fetch(site(web, site_id).base_url + "/")
        assert status == 302 and headers["Location"].endswith(target)
    wp = site(web, "bk-thanhpho")
    entry = wp.visible()[0]
    status, headers, _ = fetch(f"{wp.base_url}/?p={entry.num}")
    assert status == 301 and headers["Location"] == wp.abs(wp.article_path(entry))
    bao = site(web, "bk-bao")
    old = bao.abs(bao.article_aliases(bao.visible()[0])[1])
    status, headers, _ = fetch(old)
    assert status == 301 and headers["Location"] == bao.abs(bao.article_path(bao.visible()[0]))


def test_slow_article_and_hanging_page(web: SampleWeb) -> None:
    page = gold_with(web, "slow")
    start = time.monotonic()
    assert fetch(page.url)[0] == 200
    assert time.monotonic() - start >= SLOW * 0.9
    bao = site(web, "bk-bao")
    _, headers, home = fetch(bao.base_url + "/")
    hang = bao.base_url + "/index.php/thoi-tiet"
    assert hang in links(text_of(home, headers), bao.base_url + "/")
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        fetch(hang, timeout=HANG / 4)
    start = time.monotonic()
    assert fetch(hang)[0] == 200
    assert time.monotonic() - start >= HANG * 0.9


@pytest.mark.parametrize("site_id", ["dn-xuandong", "bk-thanhpho"])
def test_conditional_requests_get_304(web: SampleWeb, site_id: str) -> None:
    url = next(iter(site(web, site_id).gold()))
    status, headers, body = fetch(url)
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    assert fetch(url, headers={"If-None-Match": headers["ETag"]})[0] == 304
    assert fetch(url, headers={"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert fetch(url, headers={"If-None-Match": '"other"'})[0] == 200
    assert fetch(url, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})[2] == body


def test_vnportal_viewstate_postback_print_and_cookieless_session(web: SampleWeb) -> None:
    vn = site(web, "hd-binhgiang")
    page = next(iter(vn.gold().values()))
    assert page.notes["viewstate"] is True
    status, headers, body = fetch(page.url)
    assert status == 200 and len(body) > 1_000_000 and b'name="__VIEWSTATE"' in body
    article = text_of(body, headers)
    assert "/Print.aspx?id=" in article and "Thứ " in article
    session = next(u for u in links(article, page.url) if "/(S(" in u)
    assert fetch(session)[0] == 200
    assert fetch(vn.base_url + re.search(r'href="(/Print\.aspx\?id=\d+)"', article)[1])[0] == 200  # type: ignore[index]
    cats = [c for c in vn.spec.categories if len(vn.in_category(c)) > vn.per_page] or [None]
    listing = vn.abs(vn.listing_path(cats[0]))
    _, headers, body = fetch(listing)
    first = text_of(body, headers)
    target = re.search(r"__doPostBack\('([^']+)','Page\$2'\)", first)
    if cats[0] is not None:
        assert target, "category pager posts back"
        form = {"__EVENTTARGET": target[1], "__EVENTARGUMENT": "Page$2",
                "__VIEWSTATE": re.search(r'id="__VIEWSTATE" value="([^"]+)"', first)[1]}  # type: ignore[index]
        data = urllib.parse.urlencode(form).encode()
        status, headers, body = fetch(listing, data=data)
        second = text_of(body, headers)
        expect = vn.page_of(vn.in_category(cats[0]), 2)[0][0]
        assert status == 200 and vn.article_path(expect) in second and vn.article_path(expect) not in first
    main = vn.abs(vn.listing_path(None, 2))
    assert "?page=2" in main and fetch(main)[0] == 200


def test_liferay_session_ids_and_endless_sort_variants(web: SampleWeb) -> None:
    lr = site(web, "bn-vphdnd")
    status, headers, body = fetch(lr.base_url + "/web/guest/trang-chu")
    home = text_of(body, headers)
    assert "JSESSIONID=" in headers.get("Set-Cookie", "")
    with_session = [u for u in links(home, lr.base_url) if ";jsessionid=" in u]
    assert with_session and fetch(with_session[0])[0] == 200
    cookie = {"Cookie": headers["Set-Cookie"].split(";")[0]}
    assert ";jsessionid=" not in text_of(*reversed(fetch(lr.base_url + "/web/guest/trang-chu", headers=cookie)[1:]))
    url = lr.abs(lr.listing_path(None))
    seen = set()
    for _ in range(4):
        status, headers, body = fetch(url, headers=cookie)
        assert status == 200
        url = next(u for u in links(text_of(body, headers), url) if "orderByCol=title" in u)
        assert url not in seen and "_cur=" in url and "_delta=" in url
        seen.add(url)
    assert re.search(r"[?&]r=4\b", url)


def test_calendar_traps_never_end(web: SampleWeb) -> None:
    cases = [("bk-hdnd", "/portal/KenhTin/Tin-tuc.aspx?date=22/11/2026", "Ngày sau"),
             ("cb-hdnd", "/tabid/41/Default.aspx?ngay=2026-11-22", "Ngày sau"),
             ("bk-thanhpho", "/lich-cong-tac/2026/11/22/", "Ngày sau")]
    for site_id, start, label in cases:
        s = site(web, site_id)
        url, seen = s.base_url + start, set()
        for _ in range(5):
            status, headers, body = fetch(url)
            assert status == 200, url
            seen.add(url)
            page = text_of(body, headers)
            nxt = re.search(r'<a href="([^"]+)"[^>]*>' + label, page)
            assert nxt, (site_id, url)
            url = urljoin(url, htmllib.unescape(nxt[1]))
        assert len(seen) == 5
    _, headers, body = fetch(site(web, "bk-hdnd").abs("/portal/Pages/default.aspx"))
    assert "?date=22/11/2026" in text_of(body, headers)


def test_dotnetnuke_encodings_decode_to_gold(web: SampleWeb) -> None:
    cp = gold_with(web, "encoding", "cp1258")
    _, headers, body = fetch(cp.url)
    assert "windows-1258" in headers["Content-Type"]
    raw = body.decode("cp1258")
    assert 'charset=windows-1258' in raw
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert unicodedata.normalize("NFC", raw) != raw
    text = visible_text(raw)
    assert all(nfc_norm(p) in text for p in (cp.title, *cp.paragraphs))
    nfd = gold_with(web, "form", "NFD")
    raw = fetch(nfd.url)[2].decode("utf-8")
    assert unicodedata.is_normalized("NFD", raw) and unicodedata.normalize("NFC", raw) != raw
    assert all(nfc_norm(p) in visible_text(raw) for p in nfd.paragraphs)
    refs = gold_with(web, "charrefs")
    body = fetch(refs.url)[2]
    assert body.isascii() and re.search(rb"&#\d{4};", body) and re.search(rb"&#x[0-9A-F]{4};", body)
    assert all(nfc_norm(p) in visible_text(body.decode()) for p in refs.paragraphs)


def test_cp1258_encoder_round_trips_the_corpus() -> None:
    for art in load_corpus()[:20]:
        for text in (art.title, art.lead, *art.paragraphs):
            assert unicodedata.normalize("NFC", to_cp1258(text).decode("cp1258")) == text
    assert to_cp1258("ộ") == "ô".encode("cp1258") + "\u0323".encode("cp1258")
    assert htmllib.unescape(char_refs("Hội đồng", hexadecimal=True)) == "Hội đồng"


def test_malformed_article_is_broken_but_readable(web: SampleWeb) -> None:
    page = gold_with(web, "malformed")
    body = fetch(page.url)[2].decode()
    assert "</span></div>" in body and '<span style="font-size: 12pt;"><p' in body
    assert all(nfc_norm(p) in visible_text(body) for p in page.paragraphs)


def test_feeds_and_sitemap_lead_to_gold_pages(web: SampleWeb) -> None:
    gold = web.gold()
    nv = site(web, "dn-xuandong")
    _, headers, body = fetch(nv.base_url + "/")
    assert 'type="application/rss+xml"' in text_of(body, headers) and "/vi/news/rss/" in text_of(body, headers)
    for s, path in ((nv, "/vi/news/rss/"), (site(web, "bk-thanhpho"), "/feed/")):
        status, headers, body = fetch(s.base_url + path)
        items = ET.fromstring(body).findall("./channel/item")
        assert status == 200 and items
        for item in items:
            assert item.findtext("link") in gold and item.findtext("pubDate")
    wp = site(web, "bk-thanhpho")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.fromstring(fetch(wp.base_url + "/sitemap.xml")[2])
    posts = next(loc.text for loc in index.findall("s:sitemap/s:loc", ns) if "post-sitemap" in (loc.text or ""))
    urls = ET.fromstring(fetch(posts)[2]).findall("s:url", ns)
    assert {u.findtext("s:loc", namespaces=ns) for u in urls} == set(wp.gold())
    assert all(u.findtext("s:lastmod", namespaces=ns) for u in urls)


def test_request_log_records_requests(web: SampleWeb) -> None:
    web.clear_log()
    s = site(web, "cb-hdnd")
    fetch(s.base_url + "/tabid/255/Default.aspx?page=2", headers={"X-Probe": "sampleweb"})
    fetch(s.base_url + "/khong-co-trang-nay")
    log = web.request_log
    assert [(r.site, r.method, r.path, r.status) for r in log] == [
        ("cb-hdnd", "GET", "/tabid/255/Default.aspx?page=2", 200), ("cb-hdnd", "GET", "/khong-co-trang-nay", 404)]
    assert log[0].headers.get("X-Probe") == "sampleweb" and log[0].time <= log[1].time


def test_publish_puts_a_held_back_article_on_top(fresh: SampleWeb) -> None:
    held = held_candidate()
    wp = site(fresh, "bk-thanhpho")
    entry = wp.by_id[held]
    url = wp.abs(wp.article_path(entry))
    assert url not in fresh.gold() and fetch(url)[0] == 404
    assert wp.article_path(entry) not in fetch(wp.base_url + "/")[2].decode()
    assert "bk-thanhpho" in fresh.publish(held)
    assert url in fresh.gold() and fetch(url)[0] == 200
    home = fetch(wp.base_url + "/")[2].decode()
    first = re.search(r'<h2 class="entry-title"><a href="([^"]+)"', home)
    assert first and first[1] == url
    assert url.encode() in fetch(wp.base_url + "/feed/")[2]
    assert url.encode() in fetch(wp.base_url + "/post-sitemap.xml")[2]


