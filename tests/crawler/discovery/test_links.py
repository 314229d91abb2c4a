"""crawler/discovery/links.py: the links of a page, each with a guess of what it leads to.

``extract_links`` keeps same-site links only, cleaned and once each, in document order, turns
``__doPostBack`` pagers into POSTBACK links, and keeps the date printed beside an article link;
``link_kind`` reads the URL shapes of the site, of its CMS family (rules/cms.toml) and of unknown
products; ``news_bias`` steers priority towards HĐND news.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from lxml import html as lxml_html

from crawler.discovery.cms import family
from crawler.discovery.links import (
    ARTICLE,
    LISTING,
    OTHER,
    PAGINATION,
    POSTBACK,
    Link,
    SiteRules,
    date_beside,
    extract_links,
    link_kind,
    news_bias,
)

NO_SITE = SiteRules(hosts=frozenset())


def links_of(markup: str, page_url: str, hosts: set[str], fam: str | None = None,
             site: SiteRules | None = None) -> list[Link]:
    root = lxml_html.fromstring(markup)
    return list(extract_links(root, page_url, site or SiteRules(hosts=frozenset(hosts)), family(fam)))


def anchor_dates(markup: str) -> dict[str, str | None]:
    root = lxml_html.fromstring(markup)
    return {a.text_content().strip(): date_beside(a) for a in root.iter("a")}


# --- extract_links: which links, in which form -----------------------------------------------------

SP_PAGE = "https://hdnd.quangninh.gov.vn/portal/Pages/Tin-hoat-dong.aspx"
SP_LISTING = """<html><head><title>Tin hoạt động</title></head><body>
<div class="menu"><a href="/portal/Pages/TrangChu.aspx">Trang chủ</a>
<a href="https://hdnd.quangninh.gov.vn/portal/Pages/Tin-hoat-dong.aspx">Tin hoạt động</a></div>
<ul class="news-list">
<li><a href="/portal/Pages/2023-1-30/Ky-hop-thu-12-HDND-tinh-khoa-XIV-123.aspx">Kỳ họp thứ 12 HĐND tỉnh khóa XIV</a>
    <span class="date">(30/01/2023)</span></li>
<li><a href="/portal/Pages/2023-1-29/Giam-sat-chuyen-de-456.aspx">Giám sát chuyên đề</a>
    <span class="date">29/01/2023 16:34</span></li>
</ul>
<a href="/portal/Pages/2023-1-30/Ky-hop-thu-12-HDND-tinh-khoa-XIV-123.aspx?utm_source=home#top">Xem tiếp</a>
<a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a>
<a href="https://quangninh.gov.vn/Pages/TrangChu.aspx">Cổng tỉnh</a>
<a href="mailto:hdnd@quangninh.gov.vn">Thư điện tử</a>
<a href="tel:02033835555">Điện thoại</a>
<a href="javascript:void(0)">In</a>
<a href="#noi-dung">Lên đầu</a>
<a href="">Trống</a>
<a href="ftp://hdnd.quangninh.gov.vn/tai-lieu/">FTP</a>
<a href="/portal/KenhTin/Hoat-dong-HDND.aspx">Hoạt động HĐND</a>
<a href="?page=2">Trang sau</a>
</body></html>"""


def test_extract_links_keeps_same_site_http_links_once_in_document_order() -> None:
    links = links_of(SP_LISTING, SP_PAGE, {"hdnd.quangninh.gov.vn"}, "sharepoint")
    assert [link.url for link in links] == [
        "https://hdnd.quangninh.gov.vn/portal/Pages/TrangChu.aspx",
        "https://hdnd.quangninh.gov.vn/portal/Pages/2023-1-30/Ky-hop-thu-12-HDND-tinh-khoa-XIV-123.aspx",
        "https://hdnd.quangninh.gov.vn/portal/Pages/2023-1-29/Giam-sat-chuyen-de-456.aspx",
        "https://hdnd.quangninh.gov.vn/portal/KenhTin/Hoat-dong-HDND.aspx",
        "https://hdnd.quangninh.gov.vn/portal/Pages/Tin-hoat-dong.aspx?page=2",
    ]


def test_extract_links_drops_the_page_itself_other_hosts_and_non_web_links() -> None:
    """No self-link, no other portal, no mailto/tel/javascript/fragment/empty/ftp link."""
    urls = {link.url for link in links_of(SP_LISTING, SP_PAGE, {"hdnd.quangninh.gov.vn"}, "sharepoint")}
    assert SP_PAGE not in urls
    assert not any("facebook" in u or u.startswith("https://quangninh.gov.vn") for u in urls)
    assert all(u.startswith("https://hdnd.quangninh.gov.vn/") for u in urls)


def test_extract_links_classifies_and_dates_a_sharepoint_listing() -> None:
    links = {link.url: link for link in links_of(SP_LISTING, SP_PAGE, {"hdnd.quangninh.gov.vn"}, "sharepoint")}
    first = links["https://hdnd.quangninh.gov.vn/portal/Pages/2023-1-30/Ky-hop-thu-12-HDND-tinh-khoa-XIV-123.aspx"]
    assert (first.kind, first.text, first.listing_date) == (ARTICLE, "Kỳ họp thứ 12 HĐND tỉnh khóa XIV", "2023-01-30")
    second = links["https://hdnd.quangninh.gov.vn/portal/Pages/2023-1-29/Giam-sat-chuyen-de-456.aspx"]
    assert (second.kind, second.listing_date) == (ARTICLE, "2023-01-29T16:34+07:00")
    assert links["https://hdnd.quangninh.gov.vn/portal/KenhTin/Hoat-dong-HDND.aspx"].kind == LISTING
    assert links["https://hdnd.quangninh.gov.vn/portal/Pages/Tin-hoat-dong.aspx?page=2"].kind == PAGINATION
    assert links["https://hdnd.quangninh.gov.vn/portal/Pages/TrangChu.aspx"].kind == OTHER


def test_only_article_links_carry_a_listing_date() -> None:
    markup = """<ul><li><a href="/portal/KenhTin/Hoat-dong.aspx">Hoạt động</a> 30/01/2023</li>
    <li><a href="/portal/Pages/2023-1-30/Ky-hop-123.aspx">Kỳ họp</a> 30/01/2023</li></ul>"""
    links = links_of(markup, SP_PAGE, {"hdnd.quangninh.gov.vn"}, "sharepoint")
    assert [(link.kind, link.listing_date) for link in links] == [(LISTING, None), (ARTICLE, "2023-01-30")]


def test_extract_links_dedupes_by_clean_url() -> None:
    """A tracking parameter, a fragment or a session id does not make a second link."""
    markup = """<p><a href="/vi/news/hoat-dong/ky-hop-thu-10-1234.html">Kỳ họp thứ 10</a>
    <a href="/vi/news/hoat-dong/ky-hop-thu-10-1234.html?utm_source=zalo#binh-luan">Xem tiếp</a>
    <a href="HTTPS://HDND.LAOCAI.GOV.VN/vi/news/hoat-dong/ky-hop-thu-10-1234.html">Ảnh</a></p>"""
    links = links_of(markup, "https://hdnd.laocai.gov.vn/", {"hdnd.laocai.gov.vn"}, "nukeviet")
    assert [(link.url, link.text) for link in links] == [
        ("https://hdnd.laocai.gov.vn/vi/news/hoat-dong/ky-hop-thu-10-1234.html", "Kỳ họp thứ 10")]


def test_extract_links_resolves_relative_links_against_base_href() -> None:
    markup = """<html><head><base href="https://hdnd.quangninh.gov.vn/portal/"></head><body>
    <a href="Pages/2023-1-30/Ky-hop-123.aspx">Kỳ họp</a>
    <a href="//hdnd.quangninh.gov.vn/portal/KenhTin/Hoat-dong.aspx">Hoạt động</a></body></html>"""
    links = links_of(markup, "https://hdnd.quangninh.gov.vn/portal/Pages/TrangChu.aspx",
                     {"hdnd.quangninh.gov.vn"}, "sharepoint")
    assert [link.url for link in links] == [
        "https://hdnd.quangninh.gov.vn/portal/Pages/2023-1-30/Ky-hop-123.aspx",
        "https://hdnd.quangninh.gov.vn/portal/KenhTin/Hoat-dong.aspx",
    ]


def test_extract_links_without_base_resolves_against_the_page() -> None:
    markup = '<a href="ky-hop-thu-10-1234.html">Kỳ họp</a>'
    links = links_of(markup, "https://hdnd.laocai.gov.vn/vi/news/hoat-dong/", {"hdnd.laocai.gov.vn"}, "nukeviet")
    assert links[0].url == "https://hdnd.laocai.gov.vn/vi/news/hoat-dong/ky-hop-thu-10-1234.html"


def test_extract_links_accepts_every_host_of_the_site_and_ports() -> None:
    markup = """<a href="https://www.hdnd.hanoi.gov.vn/tin-tuc">Tin tức</a>
    <a href="http://127.0.0.1:8081/tin-tuc">Tin local</a><a href="http://127.0.0.1:8082/tin-tuc">Khác</a>"""
    links = links_of(markup, "https://hdnd.hanoi.gov.vn/", {"hdnd.hanoi.gov.vn", "www.hdnd.hanoi.gov.vn",
                                                             "127.0.0.1:8081"})
    assert [link.url for link in links] == ["https://www.hdnd.hanoi.gov.vn/tin-tuc", "http://127.0.0.1:8081/tin-tuc"]


def test_extract_links_reads_area_elements_and_image_alt_text() -> None:
    markup = """<map><area href="/tin-tuc/ky-hop-thu-muoi-hai-hdnd-tinh-12345.html" title="Bản đồ kỳ họp"></map>
    <a href="/tin-tuc/giam-sat-chuyen-de-ve-dat-dai-2345.html"><img src="a.jpg" alt="Ảnh giám sát"></a>"""
    links = links_of(markup, "https://hdnd.hanoi.gov.vn/", {"hdnd.hanoi.gov.vn"})
    assert [(link.kind, link.text) for link in links] == [(ARTICLE, "Bản đồ kỳ họp"), (ARTICLE, "Ảnh giám sát")]


def test_extract_links_cleans_link_text() -> None:
    """Runs of spaces collapse, ends are trimmed and NFD text comes out NFC."""
    nfd = "Ky\u0300 ho\u0323p"  # "Kỳ họp" decomposed
    markup = f'<a href="/tin-tuc">  Tin \t  tức   {nfd} </a>'
    links = links_of(markup, "https://hdnd.hanoi.gov.vn/", {"hdnd.hanoi.gov.vn"})
    assert links[0].text == "Tin tức Kỳ họp"


# --- postback pagers --------------------------------------------------------------------------------

def test_postback_pager_links_become_postback_links_of_the_page() -> None:
    page = "http://hdnd.travinh.gov.vn/Portal/List.aspx?MenuID=12&utm_source=fb"
    markup = """<div class="pager">
    <a href="javascript:__doPostBack('ctl00$ContentPlaceHolder1$pager','Page$2')">2</a>
    <a href="javascript:__doPostBack(&#39;ctl00$ContentPlaceHolder1$pager&#39;,&#39;Page$3&#39;)">3</a>
    <a href="javascript:__doPostBack('ctl00$ContentPlaceHolder1$pager','Page$2')">Trang sau</a>
    <a href="javascript: __doPostBack( &quot;ctl00$lnkNext&quot; , &quot;&quot; )">»</a></div>"""
    links = links_of(markup, page, {"hdnd.travinh.gov.vn"}, "vnportal")
    clean_page = "http://hdnd.travinh.gov.vn/Portal/List.aspx?MenuID=12"
    assert [(link.url, link.kind, link.postback, link.text) for link in links] == [
        (clean_page, POSTBACK, ("ctl00$ContentPlaceHolder1$pager", "Page$2"), "2"),
        (clean_page, POSTBACK, ("ctl00$ContentPlaceHolder1$pager", "Page$3"), "3"),
        (clean_page, POSTBACK, ("ctl00$lnkNext", ""), "»"),
    ]


def test_other_javascript_links_are_not_postbacks() -> None:
    markup = """<a href="javascript:window.print()">In</a><a href="javascript:void(0)">Ẩn</a>
    <a href="JavaScript:openWin('/tin-tuc')">Mở</a>"""
    assert links_of(markup, "http://hdnd.travinh.gov.vn/", {"hdnd.travinh.gov.vn"}, "vnportal") == []


# --- link_kind: the family shapes of rules/cms.toml ---------------------------------------------------

@pytest.mark.parametrize("fam, url, kind", [
    ("sharepoint", "https://hdnd.quangninh.gov.vn/portal/Pages/2023-1-30/Ky-hop-thu-12-123.aspx", ARTICLE),
    ("sharepoint", "https://hdnd.quangninh.gov.vn/portal/Lists/TinTuc/View_Detail.aspx?ItemID=123", ARTICLE),
    ("sharepoint", "https://hdnd.quangninh.gov.vn/portal/Pages/Hoi-nghi-giao-ban-456.aspx", ARTICLE),
    ("sharepoint", "https://hdnd.quangninh.gov.vn/portal/KenhTin/Hoat-dong-HDND.aspx", LISTING),
    ("sharepoint", "https://hdnd.quangninh.gov.vn/portal/Lists/TinTuc/AllItems.aspx", LISTING),
    ("sharepoint", "https://hdnd.quangninh.gov.vn/portal/Pages/TrangChu.aspx", OTHER),
    ("liferay", "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc/-/asset_publisher/AbC123/content/ky-hop-thu-10",
     ARTICLE),
    ("liferay", "https://hdnd.binhdinh.gov.vn/vi/w/ky-hop-thu-10-hdnd-tinh", ARTICLE),
    ("liferay", "https://hdnd.binhdinh.gov.vn/-/ky-hop-thu-10-hdnd-tinh-123456", ARTICLE),
    ("liferay", "https://hdnd.binhdinh.gov.vn/web/guest/tin-hoat-dong", LISTING),
    ("vnportal", "http://hdnd.travinh.gov.vn/tin-tuc/ky-hop-thu-muoi-hai-hdnd-12345.aspx", ARTICLE),
    ("vnportal", "http://hdnd.travinh.gov.vn/Portal/Detail.aspx?Organization=HDND&MenuID=1&ContentID=456", ARTICLE),
    ("vnportal", "http://hdnd.travinh.gov.vn/NewsDetail.aspx?newsid=456", ARTICLE),
    ("vnportal", "http://hdnd.travinh.gov.vn/Portal/List.aspx?MenuID=3", LISTING),
    ("vnportal", "http://hdnd.travinh.gov.vn/Portal/Category.aspx?CatID=3", LISTING),
    ("dotnetnuke", "http://hdnd.camau.gov.vn/tabid/75/articleid/1234/Default.aspx", ARTICLE),
    ("dotnetnuke", "http://hdnd.camau.gov.vn/Chitiettin/tabid/80/newsid/123/Default.aspx", ARTICLE),
    ("dotnetnuke", "http://hdnd.camau.gov.vn/tabid/75/Default.aspx", LISTING),
    ("dotnetnuke", "http://hdnd.camau.gov.vn/tabid/75/cat/12/Default.aspx", LISTING),
    ("websphere", "https://hdnd.danang.gov.vn/wps/wcm/connect/hdnd/tin-tuc/ky-hop-thu-10.html", ARTICLE),
    ("websphere", "https://hdnd.danang.gov.vn/wps/portal/hdnd/tin-tuc", LISTING),
    ("webcenter", "https://hdnd.angiang.gov.vn/webcenter/portal/hdnd/pages_tin-tuc/chitiet?dDocName=HDND_123",
     ARTICLE),
    ("nukeviet", "https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/ky-hop-thu-10-1234.html", ARTICLE),
    ("nukeviet", "https://hdnd.laocai.gov.vn/index.php?language=vi&nv=news&op=hoat-dong/ky-hop-1234", ARTICLE),
    ("nukeviet", "https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/", LISTING),
    ("joomla", "http://hdnd.thanhhoa.gov.vn/index.php/tin-tuc/125-ky-hop-thu-muoi", ARTICLE),
    ("joomla", "http://hdnd.thanhhoa.gov.vn/index.php?option=com_content&view=article&id=125:ky-hop&catid=8",
     ARTICLE),
    ("joomla", "http://hdnd.thanhhoa.gov.vn/index.php/tin-tuc", LISTING),
    ("joomla", "http://hdnd.thanhhoa.gov.vn/index.php?option=com_content&view=category&id=8", LISTING),
    ("wordpress", "https://hdnd.hagiang.gov.vn/2024/06/26/ky-hop-thu-muoi/", ARTICLE),
    ("wordpress", "https://hdnd.hagiang.gov.vn/2024/06/ky-hop-thu-muoi/", ARTICLE),
    ("wordpress", "https://hdnd.hagiang.gov.vn/?p=123", ARTICLE),
    ("wordpress", "https://hdnd.hagiang.gov.vn/category/tin-hoat-dong/", LISTING),
    ("wordpress", "https://hdnd.hagiang.gov.vn/tag/ky-hop/", LISTING),
    ("drupal", "https://hdnd.bentre.gov.vn/node/123", ARTICLE),
    ("drupal", "https://hdnd.bentre.gov.vn/taxonomy/term/5", LISTING),
])
def test_link_kind_reads_each_family_url_shapes(fam: str, url: str, kind: str) -> None:
    home = urljoin(url, "/")
    assert link_kind(url, "Xem", home, NO_SITE, family(fam)) == kind


@pytest.mark.parametrize("fam, url", [
    ("wordpress", "https://hdnd.hagiang.gov.vn/2024/06/26/ky-hop-thu-muoi/"),
    ("drupal", "https://hdnd.bentre.gov.vn/node/123"),
    ("dotnetnuke", "http://hdnd.camau.gov.vn/tabid/75/articleid/1234/Default.aspx"),
])
def test_family_shapes_apply_only_with_the_family(fam: str, url: str) -> None:
    """These are articles only because their family says so: the generic shapes do not know them."""
    home = "https://x.gov.vn/"
    assert link_kind(url, "Xem", home, NO_SITE, family(fam)) == ARTICLE
    assert link_kind(url, "Xem", home, NO_SITE, None) == OTHER


# --- link_kind: generic shapes for unknown products ---------------------------------------------------

@pytest.mark.parametrize("url, kind", [
    ("https://hdnd.hanoi.gov.vn/tin-tuc/ky-hop-thu-muoi-hai-hdnd-tinh-12345.html", ARTICLE),
    ("https://hdnd.hanoi.gov.vn/ky-hop-thu-muoi-hai-hdnd-tp-n12345", ARTICLE),
    ("https://hdnd.hanoi.gov.vn/ky-hop-thu-muoi-hai-hdnd-tinh.html", ARTICLE),
    ("https://hdnd.hanoi.gov.vn/chi-tiet/123", ARTICLE),
    ("https://hdnd.hanoi.gov.vn/news.aspx?NewsID=12", ARTICLE),
    ("https://hdnd.hanoi.gov.vn/tin-tuc/hoat-dong/ky-hop-thu-muoi-hai", ARTICLE),
    ("https://hdnd.hanoi.gov.vn/tin-tuc", LISTING),
    ("https://hdnd.hanoi.gov.vn/tin-hoat-dong/", LISTING),
    ("https://hdnd.hanoi.gov.vn/su-kien", LISTING),
    ("https://hdnd.hanoi.gov.vn/chuyen-muc/giam-sat", LISTING),
    ("https://hdnd.hanoi.gov.vn/gioi-thieu", OTHER),
    ("https://hdnd.hanoi.gov.vn/so-do-to-chuc.html", OTHER),
])
def test_link_kind_generic_shapes(url: str, kind: str) -> None:
    assert link_kind(url, "Xem", "https://hdnd.hanoi.gov.vn/", NO_SITE, None) == kind


# --- link_kind: pagination -------------------------------------------------------------------------

def test_next_page_of_the_same_listing_is_pagination_whatever_its_text() -> None:
    page = "https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/"
    assert link_kind(page + "page-2/", "Xem thêm", page, NO_SITE, family("nukeviet")) == PAGINATION
    liferay = "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc?p_p_id=101_INSTANCE_AbC"
    assert link_kind(liferay + "&_101_INSTANCE_AbC_cur=3", "Xem thêm", liferay + "&_101_INSTANCE_AbC_cur=2",
                     NO_SITE, family("liferay")) == PAGINATION


@pytest.mark.parametrize("text", ["»", "›", ">>", "Sau", "Tiếp", "Trang sau", "Tiếp theo", "TIẾP THEO", "Next",
                                  "Cuối", "Trang cuối"])
def test_next_page_texts_make_pagination(text: str) -> None:
    """Link texts of urls.toml pagination_texts, compared without accents or case."""
    assert link_kind("https://hdnd.hanoi.gov.vn/gioi-thieu/abc", text, "https://hdnd.hanoi.gov.vn/", NO_SITE,
                     None) == PAGINATION


def test_a_page_number_link_elsewhere_is_pagination_only_when_its_text_is_the_number() -> None:
    home = "https://hdnd.hanoi.gov.vn/"
    assert link_kind("https://hdnd.hanoi.gov.vn/van-ban?page=3", "3", home, NO_SITE, None) == PAGINATION
    # a "Tin mới" box linking page 2 of a section is a listing to read, not the next page of this one
    assert link_kind("https://hdnd.hanoi.gov.vn/tin-tuc?page=2", "Tin mới", home, NO_SITE, None) == LISTING
    assert link_kind("https://hdnd.hanoi.gov.vn/van-ban?page=3", "Văn bản", home, NO_SITE, None) == LISTING


def test_a_number_text_without_a_page_number_is_not_pagination() -> None:
    assert link_kind("https://hdnd.hanoi.gov.vn/gioi-thieu", "2", "https://hdnd.hanoi.gov.vn/", NO_SITE,
                     None) == OTHER


# --- link_kind: the site's own patterns ---------------------------------------------------------------

def test_site_article_patterns_come_first() -> None:
    """Even a "next page" text does not override the site's own article shape."""
    site = SiteRules(hosts=frozenset(), article_patterns=(re.compile(r"/thong-bao/\d+$", re.I),))
    home = "https://hdnd.hanoi.gov.vn/"
    assert link_kind("https://hdnd.hanoi.gov.vn/thong-bao/12", "»", home, site, None) == ARTICLE
    assert link_kind("https://hdnd.hanoi.gov.vn/thong-bao/12", "Xem", home, NO_SITE, None) == OTHER


def test_site_listing_patterns_win_over_family_article_shapes_but_not_over_pagination() -> None:
    site = SiteRules(hosts=frozenset(), listing_patterns=(re.compile(r"/vi/news/[^/]+/tong-hop-\d+\.html$", re.I),))
    url = "https://hdnd.laocai.gov.vn/vi/news/hoat-dong/tong-hop-2024.html"
    home = "https://hdnd.laocai.gov.vn/"
    assert link_kind(url, "Tổng hợp", home, NO_SITE, family("nukeviet")) == ARTICLE
    assert link_kind(url, "Tổng hợp", home, site, family("nukeviet")) == LISTING
    assert link_kind(url, "Trang sau", home, site, family("nukeviet")) == PAGINATION


# --- date_beside --------------------------------------------------------------------------------------

@pytest.mark.parametrize("markup, date", [
    ('<ul><li><a href="/a">Kỳ họp</a> <span>(26/06/2024)</span></li></ul>', "2024-06-26"),
    ('<ul><li><a href="/a">Kỳ họp</a> <span>26/06/2024 16:34</span></li></ul>', "2024-06-26T16:34+07:00"),
    ('<ul><li><h3><a href="/a">Kỳ họp</a></h3><p>Thứ Tư, 26/06/2024</p></li></ul>', "2024-06-26"),
    ('<div class="item"><h3><a href="/a">Kỳ họp</a></h3><p class="date">Ngày 02 tháng 10 năm 2014</p></div>',
     "2014-10-02"),
    ('<table><tr><td><a href="/a">Kỳ họp</a></td><td>25/06/2024</td></tr></table>', "2024-06-25"),
    ('<article><a href="/a">Kỳ họp</a><time datetime="2024-06-26T16:34:00+07:00">Hôm qua</time></article>',
     "2024-06-26T16:34+07:00"),
    ('<div><a href="/a">Kỳ họp</a><time>26/06/2024</time></div>', "2024-06-26"),
])
def test_date_beside_reads_the_date_of_the_item(markup: str, date: str) -> None:
    assert anchor_dates(markup) == {"Kỳ họp": date}


def test_date_beside_gives_each_item_its_own_date() -> None:
    markup = """<div class="list"><div class="item"><a href="/a">A</a><span>26/06/2024</span></div>
    <div class="item"><a href="/b">B</a><span>25/06/2024</span></div></div>"""
    assert anchor_dates(markup) == {"A": "2024-06-26", "B": "2024-06-25"}


def test_date_beside_gives_up_at_a_container_holding_several_dates() -> None:
    """A flat list of links and dates in one cell: whose date is whose cannot be told."""
    markup = '<table><tr><td><a href="/a">A</a> (26/06/2024)<br><a href="/b">B</a> (25/06/2024)</td></tr></table>'
    assert anchor_dates(markup) == {"A": None, "B": None}


def test_date_beside_gives_up_at_the_list_before_reaching_a_date_further_out() -> None:
    """The box's own update time, outside the list, is not the date of an undated item in it."""
    markup = """<div class="box"><span class="updated"><time datetime="2024-07-01">01/07/2024</time></span>
    <div class="list"><div class="hot"><a href="/a">Tin nổi bật</a></div>
    <p><a href="/b">B</a> 25/06/2024</p><p><a href="/c">C</a> 24/06/2024</p></div></div>"""
    assert anchor_dates(markup) == {"Tin nổi bật": None, "B": "2024-06-25", "C": "2024-06-24"}


def test_date_beside_does_not_borrow_a_neighbours_date() -> None:
    markup = """<div class="news"><div class="item hot"><a href="/a">Tin nổi bật</a></div>
    <div class="item"><a href="/b">B</a><span>25/06/2024</span></div>
    <div class="item"><a href="/c">C</a><span>24/06/2024</span></div></div>"""
    assert anchor_dates(markup)["Tin nổi bật"] is None


def test_date_beside_gives_up_at_much_text() -> None:
    markup = '<div><a href="/a">A</a><span>' + "Nội dung dài. " * 60 + " 25/06/2024</span></div>"
    assert anchor_dates(markup) == {"A": None}


def test_date_beside_stops_at_non_container_elements() -> None:
    """The walk goes through item containers only: a ``<ul>`` or ``<section>`` ends it."""
    assert anchor_dates('<section><a href="/a">A</a> 25/06/2024</section>') == {"A": None}
    assert anchor_dates('<ul><li><a href="/a">A</a></li><li><a href="/b">B</a> 25/06/2024</li></ul>') == {
        "A": None, "B": "2024-06-25"}


def test_date_beside_without_a_date_is_none() -> None:
    assert anchor_dates('<ul><li><a href="/a">Kỳ họp thứ mười</a> <span>Xem tiếp</span></li></ul>') == {
        "Kỳ họp thứ mười": None}


def test_date_beside_does_not_borrow_a_neighbours_time_element() -> None:
    markup = """<div class="news"><div class="item hot"><a href="/a">Tin nổi bật</a></div>
    <div class="item"><a href="/b">B</a><time datetime="2024-06-25">25/06/2024</time></div>
    <div class="item"><a href="/c">C</a><time datetime="2024-06-24">24/06/2024</time></div></div>"""
    assert anchor_dates(markup)["Tin nổi bật"] is None


def test_date_beside_sees_through_inline_wrappers_around_the_link() -> None:
    markup = '<ul><li><strong><a href="/a">Kỳ họp thứ 10</a></strong> (26/06/2024)</li></ul>'
    assert anchor_dates(markup) == {"Kỳ họp thứ 10": "2024-06-26"}


# --- news_bias ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("url, text, bias", [
    ("https://hdnd.hanoi.gov.vn/tin-tuc/hoat-dong-hdnd", "Hoạt động HĐND", 1),
    ("https://hdnd.hanoi.gov.vn/chuyen-muc/12", "Kỳ họp thứ 19", 1),
    ("https://hdnd.hanoi.gov.vn/chuyen-muc/13", "Tiếp xúc cử tri", 1),
    ("https://hdnd.hanoi.gov.vn/giam-sat/", "Xem", 1),
    ("https://hdnd.hanoi.gov.vn/gioi-thieu", "Giới thiệu", -1),
    ("https://hdnd.hanoi.gov.vn/lien-he", "Liên hệ", -1),
    ("https://hdnd.hanoi.gov.vn/van-ban", "Văn bản", -1),
    ("https://hdnd.hanoi.gov.vn/thu-vien-anh", "Thư viện ảnh", -1),
    ("https://hdnd.hanoi.gov.vn/chuyen-muc/14", "Xem", 0),
])
def test_news_bias(url: str, text: str, bias: int) -> None:
    """From the link text or the URL words; news wins when both kinds of word appear."""
    assert news_bias(url, text) == bias


def test_news_bias_news_wins_over_other_words() -> None:
    assert news_bias("https://hdnd.hanoi.gov.vn/lien-he", "Tin tức") == 1


def test_a_malformed_href_costs_that_link_only() -> None:
    """One broken href (an unclosed IPv6 bracket, a port out of range) in a listing must not lose the
    links after it."""
    markup = """<ul><li><a href="http://[hdnd.hanoi.gov.vn/tin-1">Hỏng</a></li>
    <li><a href="http://hdnd.hanoi.gov.vn:99999/tin-2">Cổng sai</a></li>
    <li><a href="/tin-tuc/ky-hop-thu-10.html">Kỳ họp thứ 10</a></li></ul>"""
    links = links_of(markup, "https://hdnd.hanoi.gov.vn/tin-tuc", {"hdnd.hanoi.gov.vn"})
    assert [link.url for link in links] == ["https://hdnd.hanoi.gov.vn/tin-tuc/ky-hop-thu-10.html"]


def test_a_link_of_whitespace_is_named_by_its_title() -> None:
    markup = '<ul><li><a href="/tin-tuc/ky-hop-thu-10.html" title="Kỳ họp thứ 10">\n   </a></li></ul>'
    links = links_of(markup, "https://hdnd.hanoi.gov.vn/tin-tuc", {"hdnd.hanoi.gov.vn"})
    assert [link.text for link in links] == ["Kỳ họp thứ 10"]
