"""The search page over a real archive and embedded index (tests/webdata.py), through Starlette's
TestClient: every behaviour of the search page, its safety headers, and that no parameter, however
hostile, produces a server error."""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Iterator
from html import unescape

import pytest

pytest.importorskip("httpx")
with warnings.catch_warnings():   # Starlette 1.x prefers httpx2 for its TestClient; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from search_ui.web.app import create_app
from search_ui.web.security import PAGE_CSP
from tests.search_corpus import BY_ID, HOSTILE_QUERIES
from tests.webdata import COPY_URL, WebData, briefing_docs, build, formula_doc, page_html

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> WebData:
    return build(tmp_path_factory.mktemp("web"), [formula_doc(), *briefing_docs()])


@pytest.fixture(scope="module")
def client(data: WebData) -> Iterator[TestClient]:
    with TestClient(create_app(data.data_dir, "embedded")) as c:
        yield c


def dates(html: str) -> list[str]:
    return re.findall(r'<li class="hit">.*?<time datetime="([^"]*)"', html, re.S)


def total(html: str) -> int:
    m = re.search(r'id="tong-so">\s*<strong>([\d.]+)</strong>', html)
    return int(m.group(1).replace(".", "")) if m else 0


def hit_titles(html: str) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", t)) for t in re.findall(r'class="title">(.*?)</a>', html, re.S)]


# --- the page --------------------------------------------------------------------------------

def test_the_api_reports_the_order_it_served(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": "!!! ?"}).json()["sort"] == "newest"
    assert client.get("/api/search", params={"q": "kỳ họp"}).json()["sort"] == "relevance"
    assert client.get("/api/search", params={"q": "kỳ họp", "sort": "oldest"}).json()["sort"] == "oldest"


def test_empty_query_browses_everything_newest_first(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert '<html lang="vi">' in r.text
    assert re.search(r'<input type="search" name="q" id="q"', r.text)
    assert total(r.text) == 19 + 25          # gold corpus + formula + briefings; copies and non-HĐND not counted
    shown = dates(r.text)
    assert len(shown) == 20 and shown == sorted(shown, reverse=True)
    assert "mới nhất trước" in r.text


def test_query_highlights_the_original_accented_words(client: TestClient) -> None:
    r = client.get("/", params={"q": "ky hop thu 10"})
    assert r.status_code == 200
    assert "<mark>kỳ họp thứ 10</mark>" in r.text or "<mark>kỳ họp</mark>" in r.text
    assert hit_titles(r.text)[0] == BY_ID["bg-ky-hop"].title
    assert 'value="ky hop thu 10"' in r.text                      # the box keeps what was typed


def test_result_shows_date_site_both_provinces_source_and_copies(client: TestClient, data: WebData) -> None:
    r = client.get("/", params={"q": "Bình Giang kỳ họp thứ 10"})
    assert "26/06/2024 16:34" in r.text and "Cổng thông tin điện tử huyện Bình Giang" in r.text
    assert "Hải Dương (nay Hải Phòng)" in r.text
    assert f'href="/bai/{data.id("bg-ky-hop")}"' in r.text
    assert '<a href="https://example.gov.vn/tin/bg-ky-hop.html" rel="noopener noreferrer nofollow">' in r.text
    r = client.get("/", params={"q": "bảo hiểm y tế"})
    assert "Cũng đăng trên 1 trang khác" in r.text and COPY_URL in r.text


def test_province_filter_old_and_current_names_any_spelling(client: TestClient) -> None:
    current = client.get("/", params={"province": "Thái Nguyên"})
    assert total(current.text) == 3                               # Thái Nguyên + the old Bắc Kạn's two
    assert "Bắc Kạn (cũ)" in current.text
    old = client.get("/", params={"province": "bac kan"})
    assert total(old.text) == 2
    assert "tỉnh cũ, nay thuộc Thái Nguyên" in old.text
    assert 'value="bac kan"' in old.text


def test_level_site_and_date_filters(client: TestClient) -> None:
    assert total(client.get("/", params={"level": "commune"}).text) == 2
    assert total(client.get("/", params={"level": "xã"}).text) == 2
    assert total(client.get("/", params={"site": "ls-hdnd"}).text) == 25
    r = client.get("/", params={"site": "ls-hdnd", "since": "2021", "until": "2021-06"})
    assert total(r.text) == 6
    assert all("2021-01" <= d[:7] <= "2021-06" for d in dates(r.text))


def test_facet_counts_beside_each_filter(client: TestClient) -> None:
    r = client.get("/", params={"q": "kỳ họp"})
    for facet in ("facet-province", "facet-level", "facet-site", "facet-year"):
        assert f'id="{facet}"' in r.text
    assert re.search(r'>Cấp tỉnh</a>\s*<span class="count">\d+</span>', r.text)
    assert re.search(r'>Cao Bằng</a>\s*<span class="count">\d+</span>', r.text)


def test_state_lives_in_the_url_and_pagination(client: TestClient) -> None:
    r = client.get("/", params={"q": "giao ban", "level": "province"})
    assert total(r.text) == 25 and "đang xem 1–20" in r.text
    nxt = re.search(r'<a href="([^"]+)" rel="next">', r.text)
    assert nxt is not None
    url = unescape(nxt.group(1))
    assert "q=giao+ban" in url and "level=province" in url and "page=2" in url
    page2 = client.get(url)
    assert "đang xem 21–25" in page2.text and '<ol class="hits" start="21">' in page2.text
    assert not set(hit_titles(page2.text)) & set(hit_titles(r.text))
    # facet links keep the query and drop the page
    link = re.search(r'href="([^"]*site=ls-hdnd[^"]*)"', page2.text)
    assert link and "q=giao+ban" in unescape(link.group(1)) and "page=" not in link.group(1)


def test_sorts(client: TestClient) -> None:
    newest = dates(client.get("/", params={"q": "giao ban", "sort": "newest"}).text)
    oldest = dates(client.get("/", params={"q": "giao ban", "sort": "oldest"}).text)
    assert newest == sorted(newest, reverse=True) and oldest == sorted(oldest)
    assert newest[0] > oldest[0]


def test_no_hits_says_so_and_suggests(client: TestClient) -> None:
    r = client.get("/", params={"q": "xyzzy quasar"})
    assert r.status_code == 200
    assert "Không tìm thấy bài nào cho «xyzzy quasar»" in r.text
    assert "Bớt một từ" in r.text
    r = client.get("/", params={"q": "giao ban", "province": "Cao Bằng"})
    assert "Không tìm thấy bài nào" in r.text
    assert "Bỏ bộ lọc «Tỉnh: Cao Bằng»" in r.text and "Bỏ bộ lọc thì có" in r.text
    r = client.get("/", params={"q": "kỳ họp xyzzy"})
    assert "Tìm không dấu" in r.text


def test_timeline_is_an_inline_svg_linking_to_months(client: TestClient) -> None:
    r = client.get("/", params={"q": "giao ban", "site": "ls-hdnd"})
    svg = re.search(r"<svg.*?</svg>", r.text, re.S)
    assert svg is not None
    bars = re.findall(r'<a href="([^"]+)"><rect ', svg.group(0))
    assert len(bars) == 25
    assert bars[0] == "/?q=giao+ban&amp;site=ls-hdnd&amp;since=2020-01&amp;until=2020-01"
    assert "<title>Tháng 1/2020: 1 bài</title>" in svg.group(0)


def test_results_fragment_for_search_as_you_type(client: TestClient) -> None:
    r = client.get("/ket-qua", params={"q": "chất vấn"})
    assert r.status_code == 200 and "<html" not in r.text and "<mark>" in r.text
    assert r.headers["content-security-policy"] == PAGE_CSP


# --- parameters from someone we do not trust --------------------------------------------------

@pytest.mark.parametrize("params", [
    {"since": "hôm qua"}, {"until": "2024-13-45"}, {"since": "2024", "until": "2020"}, {"province": "Atlantis"},
    {"level": "galaxy"}, {"sort": "random"}, {"page": "0"}, {"page": "abc"}, {"page": "99999999999999999999"},
    {"site": "a b\"c"}, {"province": "x" * 300},
])
def test_bad_parameters_get_the_normal_page_with_a_message(client: TestClient, params: dict[str, str]) -> None:
    r = client.get("/", params=params)
    assert r.status_code == 400
    assert 'class="notice error"' in r.text and '<form class="search"' in r.text
    api = client.get("/api/search", params=params)
    assert api.status_code == 400 and "error" in api.json()


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_hostile_queries_never_fail(client: TestClient, q: str) -> None:
    for path in ("/", "/ket-qua", "/api/search"):
        r = client.get(path, params={"q": q, "province": q[:50]})
        assert r.status_code in (200, 400), (path, r.status_code)
        r = client.get(path, params={"q": q})
        assert r.status_code == 200, (path, r.status_code)
    assert "<script>alert(1)</script>" not in client.get("/", params={"q": q}).text


def test_long_query_is_shortened_with_a_message(client: TestClient) -> None:
    r = client.get("/", params={"q": "hội " * 1500})
    assert r.status_code == 200 and "Câu tìm kiếm quá dài" in r.text


# --- safety ------------------------------------------------------------------------------------

def pages(data: WebData) -> list[str]:
    return ["/", "/?q=k%E1%BB%B3+h%E1%BB%8Dp", "/?q=xyzzy", "/?since=bad", f"/bai/{data.id('html-text')}",
            f"/bai/{data.id('syndicated')}", "/bai/0000000000000000", "/khong-co", "/ket-qua?q=hdnd"]


def test_csp_on_every_page_and_no_inline_script_or_style(client: TestClient, data: WebData) -> None:
    for path in pages(data):
        r = client.get(path)
        assert r.headers["content-security-policy"] == PAGE_CSP, path
        assert "'unsafe-inline'" not in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
        for tag in re.findall(r"<script\b[^>]*>(.*?)</script>", r.text, re.S | re.I):
            assert tag.strip() == "", f"inline script on {path}"
        assert re.findall(r"<script\b(?![^>]*\bsrc=)[^>]*>", r.text, re.I) == []
        assert not re.search(r"\sstyle\s*=", r.text, re.I), path
        assert not re.search(r"\son[a-z]+\s*=", r.text, re.I), path
        assert "javascript:" not in r.text.lower()


def test_scraped_html_stays_text(client: TestClient, data: WebData) -> None:
    r = client.get("/", params={"q": "mã độc"})
    assert "Cảnh báo <mark>mã độc</mark> trong văn bản &lt;script&gt;" in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    article = client.get(f"/bai/{data.id('html-text')}")
    assert "<h1>Cảnh báo mã độc trong văn bản &lt;script&gt;</h1>" in article.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; và ký tự &amp; cùng &#34;ngoặc kép&#34;" in article.text
    assert "<script>alert" not in article.text


def test_article_page(client: TestClient, data: WebData) -> None:
    doc = BY_ID["bg-ky-hop"]
    r = client.get(f"/bai/{data.id('bg-ky-hop')}")
    assert r.status_code == 200
    text = r.text
    assert f"<h1>{doc.title}</h1>" in text
    assert "26/06/2024 16:34" in text and "ngày ghi trên trang bài viết" in text
    assert "Khai mạc" in text or "khai mạc kỳ họp thứ 10" in text
    assert f'<a href="{doc.url}" rel="noopener noreferrer nofollow" class="source-link">' in text
    assert "12/01/2025 10:04:05 (UTC+7)" in text
    assert hashlib.sha256(page_html(doc)).hexdigest() in text
    assert f'<iframe sandbox src="/bai/{data.id("bg-ky-hop")}/ban-luu"' in text
    cite = re.search(r'<textarea id="trich-dan" readonly rows="3">(.*?)</textarea>', text, re.S)
    assert cite is not None
    assert unescape(cite.group(1)) == (f"“{doc.title}”, Cổng thông tin điện tử huyện Bình Giang, ngày 26/06/2024, "
                                       f"{doc.url} (truy cập ngày 12/01/2025).")


def test_article_page_names_the_credited_source(client: TestClient, data: WebData) -> None:
    text = client.get(f"/bai/{data.id('bg-ky-hop')}").text
    assert "<dt>Nguồn tin</dt>" in text and "Báo &lt;b&gt;Bắc Giang&lt;/b&gt; điện tử" in text
    linked = client.get(f"/bai/{data.id('syndicated')}").text
    assert '<a href="https://baobacninh.example.vn/goc.html" rel="noopener noreferrer nofollow">' in linked
    assert "<dt>Nguồn tin</dt>" not in client.get(f"/bai/{data.id('syndicated-copy')}").text


def test_article_lists_the_other_sites(client: TestClient, data: WebData) -> None:
    original = client.get(f"/bai/{data.id('syndicated')}").text
    assert "Cùng bài này trên 1 trang khác" in original and "Báo Bắc Ninh" in original
    assert f'href="/bai/{data.id("syndicated-copy")}"' in original
    copy = client.get(f"/bai/{data.id('syndicated-copy')}").text
    assert "(bản đăng sớm nhất)" in copy and f'href="/bai/{data.id("syndicated")}"' in copy


def test_article_not_found_and_not_hdnd(client: TestClient, data: WebData) -> None:
    assert client.get("/bai/xyz").status_code == 404
    assert client.get("/bai/0123456789abcdef").status_code == 404
    assert client.get("/bai/0123456789abcdef/ban-luu").status_code == 404
    assert client.get("/bai/..%2F..%2Fetc%2Fpasswd").status_code == 404
    r = client.get(f"/bai/{data.id('weather')}")
    assert r.status_code == 200 and "không được xếp là tin HĐND" in r.text


def test_archived_copy_is_the_raw_page_sandboxed(client: TestClient, data: WebData) -> None:
    r = client.get(f"/bai/{data.id('html-text')}/ban-luu")
    assert r.status_code == 200
    assert r.content == page_html(BY_ID["html-text"])
    csp = r.headers["content-security-policy"]
    assert csp.startswith("sandbox;") and "allow-scripts" not in csp and "allow-same-origin" not in csp
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "SAMEORIGIN"


def test_unsafe_urls_are_never_links() -> None:
    from search_ui.web.app import safe_href

    assert safe_href("javascript:alert(1)") == "#"
    assert safe_href(" JavaScript:alert(1)") == "#"
    assert safe_href("data:text/html,x") == "#"
    assert safe_href("https://a.gov.vn/x") == "https://a.gov.vn/x"


# --- JSON API and exports from the page --------------------------------------------------------

def test_json_api(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "giao ban", "limit": "5", "offset": "20", "timeline": "1"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert client.get("/api/search", params={"limit": "1000"}).status_code == 400
    assert body["total"] == 26 and len(body["hits"]) == 5 and body["offset"] == 20
    assert set(body["hits"][0]) == {"id", "url", "title", "published", "site", "site_name", "province",
                                    "province_current", "level", "author", "snippet", "duplicates"}
    assert set(body["facets"]) == {"province", "province_current", "level", "site", "year"}
    assert sum(body["timeline"].values()) == 26
    same = client.get("/api/search", params={"q": "giao ban", "page": "2"}).json()
    assert len(same["hits"]) == 6 and same["offset"] == 20


def test_export_links_carry_the_filters(client: TestClient) -> None:
    r = client.get("/", params={"q": "giao ban", "province": "Lạng Sơn", "page": "2"})
    form = re.search(r'<form class="export" action="/xuat" method="get">(.*?)</form>', r.text, re.S)
    assert form is not None
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form.group(1)))
    assert hidden == {"q": "giao ban", "province": "Lạng Sơn"}
    assert "Tối đa 50.000 bài mỗi lần xuất" in form.group(1)
    csv = client.get("/xuat", params={**hidden, "format": "csv"})
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbf")
    assert csv.headers["content-disposition"].startswith('attachment; filename="tin-hdnd-')
    assert len(csv.content.decode("utf-8-sig").strip().split("\r\n")) == 26
    assert client.get("/xuat", params={"format": "pdf"}).status_code == 400
    assert client.get("/xuat", params={"format": "csv", "text": "all"}).status_code == 400
    assert client.get("/xuat", params={"format": "csv", "since": "nope"}).status_code == 400
