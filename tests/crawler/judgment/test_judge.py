"""Page judgment (crawler/judgment/judge.py) on templates of no known CMS: short articles are articles, on
evidence the operator can read; listings stay listings; home pages stay non-articles.

Pages are built here the way vendors' hand-made portals print them: HTML5 ``<article>`` or old
nested tables, with and without a "Bài viết liên quan" block of five dated links, none of them
carrying a CMS fingerprint (``detect_family`` is None on each). Each test judges a page exactly as
the spider does (crawler/judgment/verdicts.py) and asserts the verdict and its evidence.
"""

from __future__ import annotations

import json

import pytest
from scrapy.http import HtmlResponse

from crawler.discovery.cms import detect_family
from crawler.discovery.links import ARTICLE, SiteRules, extract_links
from crawler.judgment.judge import PageVerdict
from crawler.judgment.verdicts import verdict_for, verdict_for_saved_page
from tests.paths import FIXTURES

HOST = "https://tienlang.haiphong.gov.vn"
REAL = FIXTURES / "realpages"
DAKSONG = REAL / "daksong"
GENERIC = FIXTURES / "generic"

P1 = ("Sáng 25/9/2025, HĐND xã Tiên Lãng tổ chức kỳ họp chuyên đề để xem xét, quyết định một số nội dung "
      "thuộc thẩm quyền. Kỳ họp đã thông qua nghị quyết về kế hoạch đầu tư công năm 2026 với 14 dự án, tổng "
      "mức vốn dự kiến hơn 86 tỷ đồng, tập trung cho giao thông nông thôn và trường học.")
P2 = ("Thảo luận tại kỳ họp, nhiều đại biểu đề nghị UBND xã rà soát kỹ nguồn thu từ đấu giá quyền sử dụng "
      "đất để bảo đảm cân đối vốn, ưu tiên hoàn thành dứt điểm các công trình chuyển tiếp, không để phát "
      "sinh nợ đọng xây dựng cơ bản. Các nghị quyết được biểu quyết tán thành với tỷ lệ 100%.")
MORE = "Cử tri bày tỏ phấn khởi trước kết quả đạt được sau sắp xếp."
TITLES = [
    "Thường trực HĐND xã giám sát việc chi trả chế độ cho người có công",
    "Ban Pháp chế HĐND xã khảo sát công tác hòa giải ở cơ sở",
    "Đại biểu HĐND thành phố tiếp xúc cử tri xã Tiên Lãng",
    "Thường trực HĐND xã tiếp công dân định kỳ tháng 10",
    "HĐND xã tổ chức Kỳ họp thứ nhất, kiện toàn các chức danh",
    "Chất vấn tại Kỳ họp thứ tư HĐND xã Tiên Lãng",
    "Xã ra quân làm thủy lợi nội đồng vụ Đông Xuân",
]
TODAY = "Thứ Bảy, ngày 22/11/2026"
MENU = "".join(f'<li><a href="/{s}/">{t}</a></li>' for s, t in (
    ("gioi-thieu", "Giới thiệu"), ("tin-tuc", "Tin tức"), ("hoat-dong-hdnd", "Hoạt động HĐND"), ("lien-he", "Liên hệ")))
FOOTER = ("<p>Cơ quan chủ quản: Ủy ban nhân dân xã Tiên Lãng</p><p>Giấy phép số 27/GP-SVHTTDL ngày 18/9/2025</p>"
          "<p>Chịu trách nhiệm chính: Chủ tịch UBND xã</p>")


def dated_links(n: int = 5, offset: int = 0, sep: str = "li") -> str:
    items = []
    for i in range(n):
        title = TITLES[(i + offset) % len(TITLES)]
        link = (f'<a href="/tin-tuc/bai-{100 + i + offset}.html">{title}</a> '
                f'<span class="ngay">({10 + i:02d}/11/2025)</span>')
        items.append(f"<li>{link}</li>" if sep == "li" else f"{link}<br>")
    return "".join(items)


def html5_page(main: str, head: str = "", title: str = "Trang") -> str:
    """The vendor's newer template: header, menu, main, a "Tin mới" side column, footer."""
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>{head}</head>
<body><div class="thanh-tren"><span class="hom-nay">{TODAY}</span></div>
<header><p class="ten-cong">Cổng thông tin điện tử xã Tiên Lãng</p></header><nav><ul>{MENU}</ul></nav>
<main>{main}</main>
<aside><h3>Tin mới</h3><ul>{dated_links(5, 2)}</ul></aside><footer>{FOOTER}</footer></body></html>"""


def html5_article(paragraphs: list[str], related: str = "", head: str = "", date: bool = True) -> str:
    when = '<p class="thong-tin"><time datetime="2025-09-26T10:15:00+07:00">Thứ Sáu, 26/09/2025 10:15</time></p>'
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return html5_page(f"""<article class="bai-viet"><header><h1>Kỳ họp chuyên đề HĐND xã Tiên Lãng thông qua
kế hoạch đầu tư công năm 2026</h1>{when if date else ""}</header><div class="noi-dung-bai">{body}
<p style="text-align: right;"><strong>Hoàng Yến</strong></p></div>
<footer><a href="https://www.facebook.com/sharer/sharer.php?u=x">Chia sẻ Facebook</a></footer></article>{related}""",
                      head)


def related_box(label: str = "Bài viết liên quan") -> str:
    return f'<section class="hop"><h3>{label}</h3><ul>{dated_links()}</ul></section>'


def table_page(content: str) -> str:
    """The old module: tables, fonts, a left column of dated links that nothing marks as a side column."""
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Cổng thông tin điện tử xã Tiên Lãng</title></head><body bgcolor="#FFFFFF">
<table width="990" align="center"><tr><td colspan="2"><img src="/cu/banner.jpg" alt=""></td></tr>
<tr><td colspan="2"><font size="2">{TODAY}</font> <a href="/">Trang chủ</a> | <a href="/lien-he/">Liên hệ</a></td></tr>
<tr><td width="210" valign="top"><table><tr><td><b>TIN MỚI</b></td></tr>
{"".join(f"<tr><td>{link}</td></tr>" for link in dated_links(5, 1, sep="br").split("<br>") if link)}</table></td>
<td width="780" valign="top">{content}</td></tr>
<tr><td colspan="2" align="center"><font size="1">{FOOTER}</font></td></tr></table></body></html>"""


def table_article(paragraphs: list[str], related: bool) -> str:
    body = "".join(f'<p style="text-align: justify;">{p}</p>' for p in paragraphs)
    box = f"<tr><td><b>Bài viết liên quan:</b><br>{dated_links(sep='br')}</td></tr>" if related else ""
    return table_page(f"""<table width="100%" cellpadding="6">
<tr><td><font size="1"><a href="/">Trang chủ</a> &raquo;
<a href="/index.php?mod=hdnd">Hoạt động HĐND</a></font></td></tr>
<tr><td><font size="4" color="#990000"><b>Thường trực HĐND xã Tiên Lãng giám sát việc chi trả chế độ cho người
có công</b></font><br><font size="1" color="#666666">Ngày đăng: 20/08/2025 14:30</font></td></tr>
<tr><td>{body}<p align="right"><b>Thanh Hương</b></p></td></tr>
<tr><td><a href="/in-bai.php?id=9159">In bài viết</a></td></tr>{box}</table>""")


def judged(page: str, path: str = "/index.php?mod=hdnd&view=detail&id=9159", kind: str | None = None,
           via: str | None = None) -> PageVerdict:
    """The spider's verdict on ``page`` fetched from ``path`` (its kind guessed from the URL, unless
    given as the way the spider reached it)."""
    url = HOST + path
    body = page.encode("utf-8")
    if kind is None and via is None:
        return verdict_for_saved_page(body, url)
    response = HtmlResponse(url, body=body, encoding="utf-8")
    root = response.selector.root
    links = list(extract_links(root, url, SiteRules(frozenset({"tienlang.haiphong.gov.vn"})), None))
    return verdict_for(root, links, None, kind, via)


def test_templates_carry_no_cms_marker() -> None:
    for page in (html5_article([P1, P2], related_box()), table_article([P1, P2], True), listing_html5()):
        assert detect_family(page, HOST + "/tin-tuc/bai.html") is None


# --- short articles on generic templates ---------------------------------------------------------

@pytest.mark.parametrize("related", [False, True], ids=["alone", "with-related-block"])
@pytest.mark.parametrize("paragraphs", [[P1], [P1, P2], [P1, P2, P1]], ids=["1-para", "2-paras", "3-paras"])
def test_short_html5_article_is_an_article(paragraphs: list[str], related: bool) -> None:
    verdict = judged(html5_article(paragraphs, related_box() if related else ""), "/?p=5990")
    assert verdict.article, verdict.reason
    assert "<article> with headline and date" in verdict.reason
    assert f"headline, date and {len(paragraphs)} paragraph" in verdict.reason


@pytest.mark.parametrize("related", [False, True], ids=["alone", "with-related-block"])
@pytest.mark.parametrize("paragraphs", [[P1], [P1, P2]], ids=["1-para", "2-paras"])
def test_short_table_layout_article_is_an_article(paragraphs: list[str], related: bool) -> None:
    """The bold line is the headline, "Ngày đăng" its date; the left column's five dated links and
    the five of "Bài viết liên quan" do not make it a listing."""
    verdict = judged(table_article(paragraphs, related))
    assert verdict.article, verdict.reason
    assert verdict.reason.startswith(f"headline, date and {len(paragraphs)} paragraph"), verdict.reason


def test_the_lost_articles_of_a_wordpress_like_portal_are_articles() -> None:
    """WordPress-like markup without WordPress markers, two paragraphs of about 350 characters and
    five dated related links: what the crawler used to fetch with status 200 and never archive."""
    related = "".join(f'<li><a href="/2025/11/bai-{i}/">{TITLES[i]}</a> <span>({10 + i}/11/2025)</span></li>'
                      for i in range(5))
    page = html5_page(f"""<div class="post"><h1 class="entry-title">Đại biểu HĐND thành phố tiếp xúc cử tri xã Tiên
Lãng</h1><div class="entry-meta"><span class="posted-on">Đăng ngày 26/11/2025</span></div>
<div class="entry-content"><p>{P1} {MORE}</p><p>{P2} {MORE}</p></div>
<div class="bai-lien-quan"><h4>Bài viết liên quan</h4><ul>{related}</ul></div></div>""")
    assert 330 <= len(f"{P1} {MORE}") <= 380 and 330 <= len(f"{P2} {MORE}") <= 380
    verdict = judged(page, "/2025/11/dai-bieu-tiep-xuc-cu-tri/")
    assert verdict.article and verdict.reason.startswith("headline, date and 2 paragraphs"), verdict.reason


@pytest.mark.parametrize("label", ["Tin cùng chuyên mục", "Tin khác", "Các tin khác", "TIN ĐÃ ĐƯA", "Những tin cũ hơn"])
def test_related_block_labels(label: str) -> None:
    """The block under an article is set aside by its label, whatever container holds it."""
    box = f'<div class="box"><div class="box-head"><strong>{label}:</strong></div><ul>{dated_links()}</ul></div>'
    verdict = judged(html5_article([P1], box), "/?p=12")
    assert verdict.article, verdict.reason


def test_headline_and_prose_without_date_short_is_not_an_article() -> None:
    """An about page: a headline and two short paragraphs, no date (the header's today does not count)."""
    page = html5_page("<h1>Giới thiệu</h1><p>Xã Tiên Lãng được thành lập từ ngày 01/7/2025 trên cơ sở sắp xếp thị "
                      "trấn Tiên Lãng và các xã lân cận.</p><p>Ủy ban nhân dân xã Tiên Lãng chịu trách nhiệm quản lý "
                      "nội dung cổng thông tin.</p>")
    verdict = judged(page, "/gioi-thieu/")
    assert not verdict.article and verdict.basis == "no_evidence"
    assert "no date" in verdict.reason


def test_start_page_stays_a_non_article() -> None:
    verdict = judged(html5_article([P1, P2]), "/")
    assert verdict == PageVerdict(False, "start page", "start_page")


# --- declared and listed articles ------------------------------------------------------------------

def test_page_listed_in_a_feed_or_sitemap_is_an_article_on_that_evidence() -> None:
    """No date near the headline and 300 characters: on content alone not an article; listed as an
    entry by the site's feed or sitemap, it is one, and the reason says so."""
    page = html5_article([P1], date=False)
    alone = judged(page, kind="other")
    assert not alone.article and "no date" in alone.reason
    for via in ("rss", "atom", "sitemap"):
        listed = judged(page, kind=ARTICLE, via=via)
        assert listed.article and listed.reason.startswith(f"listed in {via}") and listed.basis == "listed"
    # a sitemap entry the URL classifier did not take for an article says nothing more than a link
    assert not judged(page, kind="other", via="sitemap").article


def test_open_graph_article() -> None:
    verdict = judged(html5_article([P1], date=False, head='<meta property="og:type" content="article">'), "/?p=1")
    assert verdict.article and verdict.reason.startswith("og:type=article")


@pytest.mark.parametrize("block", [
    '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Kỳ họp"}',
    '{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, {"@type": ["ReportageNewsArticle"]},]}',
    '<!-- {"@type": "BlogPosting", "headline": "Kỳ họp",\n "datePublished": "2025-09-26"} -->',
    '{"@type": "NewsArticle", "headline": "broken JSON, unquoted: x}',
], ids=["plain", "graph-trailing-comma", "commented", "broken"])
def test_schema_org_article_in_json_ld(block: str) -> None:
    head = f'<script type="application/ld+json">{block}</script>'
    verdict = judged(html5_article([P1], date=False, head=head), "/?p=1")
    assert verdict.article and verdict.basis == "declared", verdict.reason
    assert "(JSON-LD)" in verdict.reason and "schema.org" in verdict.reason


def test_schema_org_article_in_microdata() -> None:
    page = html5_article([P1], date=False).replace('<article class="bai-viet">',
                                                  '<article class="bai-viet" itemscope itemtype="https://schema.org/NewsArticle">')
    verdict = judged(page, "/?p=1")
    assert verdict.article and "schema.org NewsArticle (microdata)" in verdict.reason


def test_json_ld_of_a_listing_declares_nothing() -> None:
    """One NewsArticle per teaser says nothing about the page itself."""
    items = ", ".join(f'{{"@type": "NewsArticle", "headline": "t{i}"}}' for i in range(3))
    head = f'<script type="application/ld+json">[{items}]</script>'
    verdict = judged(html5_article([P1], date=False, head=head), "/?p=1")
    assert not verdict.article and "JSON-LD" not in verdict.reason


# --- listings ------------------------------------------------------------------------------------

def listing_html5(items: int = 5, pager: bool = True, head: str = "") -> str:
    teasers = "".join(
        f'<article class="tin"><h3><a href="/tin-tuc/bai-{i}.html">{TITLES[i % len(TITLES)]}</a></h3>'
        f'<p class="ngay"><time datetime="2025-11-{10 + i}">{10 + i}/11/2025</time></p><p>{P1[:180]}…</p></article>'
        for i in range(items))
    nav = '<div class="phan-trang"><span>1</span> <a href="?trang=2">2</a> <a href="?trang=2">Trang sau</a></div>'
    return html5_page(f'<h1 class="tieu-de-muc">Tin tức</h1>{teasers}{nav if pager else ""}', head)


def test_listing_of_teasers_with_a_pager_stays_a_listing() -> None:
    verdict = judged(listing_html5(), "/tin-tuc/")
    assert not verdict.article and verdict.basis == "listing"
    assert verdict.reason.startswith("listing: 5 headline links, 5 dated links, 5 teasers, a pager"), verdict.reason


def test_last_page_of_a_listing_with_one_item_and_a_pager() -> None:
    verdict = judged(listing_html5(items=1), "/tin-tuc/?trang=3")
    assert not verdict.article and verdict.reason.startswith("listing: a pager and 1 item link"), verdict.reason


def test_listing_whose_items_each_have_a_date() -> None:
    """Plain links with the date beside each, spread over the main column, in an old table layout."""
    rows = "".join(f'<tr><td><a href="/index.php?mod=hdnd&view=detail&id={i}">{TITLES[i]}</a> '
                   f'<font size="1">({10 + i:02d}/10/2025)</font></td></tr>' for i in range(6))
    page = table_page(f'<table><tr><td><font size="4"><b>HOẠT ĐỘNG HĐND</b></font></td></tr>{rows}'
                      '<tr><td>Trang: <b>1</b> <a href="/index.php?mod=hdnd&page=2">2</a></td></tr></table>')
    verdict = judged(page, "/index.php?mod=hdnd")
    assert not verdict.article and verdict.basis == "listing"
    assert "dated links" in verdict.reason and "a pager" in verdict.reason


def test_listing_that_calls_itself_an_article_stays_a_listing() -> None:
    """Templates that print og:type=article on every page: the page's shape wins, and says why."""
    verdict = judged(listing_html5(head='<meta property="og:type" content="article">'), "/tin-tuc/")
    assert not verdict.article and verdict.reason.endswith("(despite og:type=article)"), verdict.reason


def test_pager_inside_a_nav_element_counts() -> None:
    page = listing_html5(items=2, pager=False).replace(
        "</main>", '<nav class="navigation pagination"><a class="page-numbers" href="/page/2/">2</a></nav></main>')
    verdict = judged(page, "/tin-tuc/")
    assert not verdict.article and "a pager" in verdict.reason


# --- real pages ----------------------------------------------------------------------------------

def test_real_district_portal_articles_and_listing() -> None:
    """Đắk Song's SharePoint-era portal, rebuilt as static pages: no body container the family rules
    know, a "TIN ĐÃ ĐƯA" list of ten dated links under every page. The three articles (one of two
    paragraphs) are articles by headline, date and prose; the section page is a listing."""
    gold = {g["file"]: g for g in json.loads((DAKSONG / "gold.json").read_text("utf-8"))}
    for name, page in sorted(gold.items()):
        verdict = verdict_for_saved_page((DAKSONG / name).read_bytes(), page["url"])
        if page["kind"] == "article":
            assert verdict.article and verdict.reason.startswith("headline, date and"), (name, verdict)
        else:
            assert not verdict.article and verdict.reason.startswith("listing:"), (name, verdict)
    assert {g["kind"] for g in gold.values()} == {"article", "listing"}


@pytest.mark.parametrize(("name", "article", "basis"), [
    ("vpcp-chinhphu-home.html", False, "listing"),
    ("vbpl-search-listing.html", False, "listing"),
    ("vbpl-thuoctinh-itemid96172.html", False, "no_evidence"),
    ("anle-toaan-63-2023-AL.html", False, "no_evidence"),
])
def test_real_state_pages_that_are_not_articles(name: str, article: bool, basis: str) -> None:
    verdict = verdict_for_saved_page((REAL / name).read_bytes(), f"https://example.gov.vn/{name}")
    assert (verdict.article, verdict.basis) == (article, basis), verdict.reason


@pytest.mark.parametrize(("name", "evidence"), [
    ("old-table-layout.html", "headline, date and 4 paragraphs"),
    ("tintuc-article-html5.html", "<article> with headline and date"),
    ("bao-article-jsonld.html", "schema.org NewsArticle (JSON-LD)"),
])
def test_generic_fixture_articles(name: str, evidence: str) -> None:
    """The extractor's generic fixtures, none of a known family: "Các tin khác" under the table
    layout, a "Hôm nay" date in its header, JSON-LD on the newspaper page."""
    verdict = verdict_for_saved_page((GENERIC / name).read_bytes(), f"https://example.gov.vn/tin-tuc/{name}")
    assert verdict.article and verdict.reason.startswith(evidence), verdict.reason


def test_teasers_whose_titles_are_no_links_stay_a_listing() -> None:
    """Older listings print each title as a plain heading, then a date or not, a summary and a
    "Xem tiếp" link: many stories, or many read-more links, make a listing."""
    def items(dated: bool) -> str:
        return "".join(f'<div class="muc"><h3>{TITLES[i]}</h3>' + (f"<p>Ngày {10 + i}/11/2025</p>" if dated else "")
                       + f'<p>{P1}</p><a href="/tin-tuc/bai-{i}.html">Xem tiếp »</a></div>' for i in range(4))
    dated = judged(html5_page(f"<h1>Tin tức</h1>{items(True)}"), "/tin-tuc/")
    assert not dated.article and "4 dated headlines" in dated.reason, dated.reason
    undated = judged(html5_page(f"<h1>Tin tức</h1>{items(False)}"), "/tin-tuc/")
    assert not undated.article and "4 read-more links" in undated.reason, undated.reason


def test_an_old_layouts_side_column_paragraph_is_not_the_story() -> None:
    """A bold "Giới thiệu" line and its paragraph in the left column come first in the page; the
    article is the dated story in the content column."""
    page = table_article([P1, P2], related=True).replace(
        "<tr><td><b>TIN MỚI</b></td></tr>",
        f"<tr><td><b>Giới thiệu chung</b><br>{P2}</td></tr><tr><td><b>TIN MỚI</b></td></tr>")
    verdict = judged(page)
    assert verdict.article and verdict.reason.startswith("headline, date and 2 paragraphs"), verdict.reason


def test_a_page_that_breaks_judgment_keeps_a_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    import crawler.judgment.verdicts

    def broken(*args: object, **kwargs: object) -> PageVerdict:
        raise ValueError("odd page")

    monkeypatch.setattr(crawler.judgment.verdicts, "judge", broken)
    verdict = judged(html5_article([P1]), "/?p=1")
    assert verdict == PageVerdict(False, "judgment error: ValueError: odd page", "error")
