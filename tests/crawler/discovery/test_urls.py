"""crawler/discovery/urls.py: one page, one URL to fetch and one key to compare, however it was linked.

``clean_url`` drops what does not name the page (fragments, session ids, trackers, view switches,
"page 1"), keeping parameter order; ``url_key`` makes equal what names the same page; ``page_number``
and ``without_page`` tell a listing's pages apart from the listing itself.
"""

from __future__ import annotations

import pytest

from crawler.discovery.urls import clean_url, page_number, path_and_query, resolve, url_key, without_page

SP_ARTICLE = "https://hdnd.quangninh.gov.vn/portal/Pages/2023-1-30/Ky-hop-thu-12-HDND-tinh-khoa-XIV-123.aspx"


# --- clean_url ------------------------------------------------------------------------------------

def test_clean_url_lowercases_scheme_and_host_but_not_path() -> None:
    """Host names are case-insensitive, SharePoint paths are not touched."""
    assert clean_url("HTTPS://HDND.QuangNinh.Gov.VN/portal/Pages/TrangChu.aspx") == (
        "https://hdnd.quangninh.gov.vn/portal/Pages/TrangChu.aspx")


def test_clean_url_drops_fragment() -> None:
    assert clean_url(SP_ARTICLE + "#binh-luan") == SP_ARTICLE


@pytest.mark.parametrize("url, expected", [
    ("http://hdnd.hanoi.gov.vn:80/tin-tuc", "http://hdnd.hanoi.gov.vn/tin-tuc"),
    ("https://hdnd.hanoi.gov.vn:443/tin-tuc", "https://hdnd.hanoi.gov.vn/tin-tuc"),
    ("https://hdnd.hanoi.gov.vn:8443/tin-tuc", "https://hdnd.hanoi.gov.vn:8443/tin-tuc"),
    ("http://hdnd.hanoi.gov.vn:443/tin-tuc", "http://hdnd.hanoi.gov.vn:443/tin-tuc"),
])
def test_clean_url_drops_only_the_default_port(url: str, expected: str) -> None:
    """:80 on http and :443 on https say nothing; any other port is part of the address."""
    assert clean_url(url) == expected


def test_clean_url_gives_a_bare_host_a_root_path() -> None:
    assert clean_url("http://hdnd.daknong.gov.vn") == "http://hdnd.daknong.gov.vn/"


@pytest.mark.parametrize("url, expected", [
    ("https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc;jsessionid=9F1C2A7B3D4E5F60718293A4B5C6D7E8?p_p_id=101",
     "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc?p_p_id=101"),
    ("https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc;JSESSIONID=abc123.node1",
     "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc"),
    ("http://hdnd.travinh.gov.vn/tin-tuc.php;phpsessid=5c2e1f/chi-tiet",
     "http://hdnd.travinh.gov.vn/tin-tuc.php/chi-tiet"),
    ("http://hdnd.travinh.gov.vn/(S(x3vnu2451wqkgm55p4bjxp45))/Portal/Default.aspx?MenuID=3",
     "http://hdnd.travinh.gov.vn/Portal/Default.aspx?MenuID=3"),
    ("http://hdnd.travinh.gov.vn/(A(ZzQ1bXlhbm9ueW1vdXNpZA)S(x3vnu2451wqkgm55p4bjxp45))/Default.aspx",
     "http://hdnd.travinh.gov.vn/Default.aspx"),
])
def test_clean_url_removes_session_ids_from_the_path(url: str, expected: str) -> None:
    """Java ;jsessionid=, PHP ;phpsessid= and the ASP.NET cookieless /(S(...))/ segment."""
    assert clean_url(url) == expected


def test_cookieless_segment_alone_leaves_the_root() -> None:
    assert clean_url("http://hdnd.travinh.gov.vn/(S(x3vnu2451wqkgm55p4bjxp45))") == "http://hdnd.travinh.gov.vn/"


def test_short_parenthesised_path_segment_is_not_a_session() -> None:
    """Only ids of 16 characters or more are sessions; a slug in brackets stays."""
    url = "http://hdnd.travinh.gov.vn/tin-tuc/(S(ky-hop))/a.aspx"
    assert clean_url(url) == url


@pytest.mark.parametrize("segment", [
    "(X(1)S(x3vnu2451wqkgm55p4bjxp45))",
    "(S(x3vnu2451wqkgm55p4bjxp45)X(1))",
    "(A(Xk2-b3K_zQEkAAAAODk1Yjc4)S(x3vnu2451wqkgm55p4bjxp45)F(1))",
])
def test_cookieless_segment_with_short_markers_is_removed(segment: str) -> None:
    """ASP.NET AutoDetect writes /(X(1)S(id))/, beside an anonymous id A(...) or a forms flag F(1):
    the session id makes it a session segment whatever stands beside it."""
    url = f"http://hdnd.travinh.gov.vn/{segment}/Portal/Default.aspx?MenuID=3"
    assert clean_url(url) == "http://hdnd.travinh.gov.vn/Portal/Default.aspx?MenuID=3"


def test_short_markers_alone_are_not_a_session() -> None:
    url = "http://hdnd.travinh.gov.vn/(X(1)F(1))/Portal/Default.aspx"
    assert clean_url(url) == url


@pytest.mark.parametrize("noise", [
    "utm_source=facebook", "utm_medium=social", "UTM_Campaign=kyhop", "utm%5Fsource=zalo", "fbclid=IwAR0abc",
    "gclid=Cj0KCQ", "zarsrc=30", "_ga=2.1234", "sid=abc", "PHPSESSID=abc", "ASPSESSIONIDQATSDRCS=KJHDKJ",
    "sort=desc", "orderby=date", "viewmode=list", "fontsize=14", "returnurl=%2Ftin-tuc", "ref=home",
    "_=1718000000000", "r=0.123", "nocache=1", "p_p_state=maximized", "p_p_mode=view", "p_p_lifecycle=0",
    "p_p_col_id=column-1", "p_auth=Xy12", "tmpl=component",
    "_101_INSTANCE_AbC_redirect=%2Fweb%2Fguest", "_101_INSTANCE_AbC_delta=20", "_101_INSTANCE_AbC_orderByCol=title",
    "_101_INSTANCE_AbC_backURL=%2F",
])
def test_clean_url_drops_tracking_view_and_session_parameters(noise: str) -> None:
    """Every kind of noise parameter of rules/urls.toml (exact, prefix, suffix, any case, encoded)."""
    assert clean_url(f"https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc?p_p_id=101&{noise}&id=7") == (
        "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc?p_p_id=101&id=7")


def test_clean_url_keeps_parameter_order_and_meaningful_parameters() -> None:
    """ASP.NET products care about order: what is kept is kept where it was."""
    url = "http://hdnd.travinh.gov.vn/Portal/Detail.aspx?Organization=HDND&MenuID=12&ContentID=4567"
    assert clean_url(url) == url
    assert clean_url("http://hdnd.travinh.gov.vn/a.aspx?z=1&utm_source=x&a=2") == (
        "http://hdnd.travinh.gov.vn/a.aspx?z=1&a=2")


def test_clean_url_keeps_parameters_that_only_look_like_noise() -> None:
    """A name is noise only as a whole (or by its wildcard): ``ids``, ``sorting`` and ``reference`` stay."""
    url = "http://hdnd.travinh.gov.vn/a.aspx?ids=3&sorting=1&reference=5&p_p_id=56"
    assert clean_url(url) == url


def test_clean_url_drops_parameters_left_empty_by_noise_removal() -> None:
    assert clean_url("http://hdnd.hanoi.gov.vn/tin-tuc?utm_source=fb&fbclid=x") == "http://hdnd.hanoi.gov.vn/tin-tuc"
    assert clean_url("http://hdnd.hanoi.gov.vn/tin-tuc?&&id=3&") == "http://hdnd.hanoi.gov.vn/tin-tuc?id=3"


@pytest.mark.parametrize("url, expected", [
    ("http://hdnd.hanoi.gov.vn/tin-tuc?page=1", "http://hdnd.hanoi.gov.vn/tin-tuc"),
    ("http://hdnd.hanoi.gov.vn/tin-tuc?cat=5&trang=1", "http://hdnd.hanoi.gov.vn/tin-tuc?cat=5"),
    ("http://hdnd.hanoi.gov.vn/index.php/tin-tuc?start=0", "http://hdnd.hanoi.gov.vn/index.php/tin-tuc"),
    ("http://hdnd.hanoi.gov.vn/tin-tuc?offset=0", "http://hdnd.hanoi.gov.vn/tin-tuc"),
    ("https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc?p_p_id=101_INSTANCE_AbC&_101_INSTANCE_AbC_cur=1",
     "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc?p_p_id=101_INSTANCE_AbC"),
])
def test_clean_url_drops_first_page_parameters(url: str, expected: str) -> None:
    """``page=1`` (``start=0`` for offsets) is the listing itself: one URL for one page."""
    assert clean_url(url) == expected


@pytest.mark.parametrize("url", [
    "http://hdnd.hanoi.gov.vn/tin-tuc?page=2",
    "http://hdnd.hanoi.gov.vn/index.php/tin-tuc?start=10",
    "http://hdnd.hanoi.gov.vn/index.php/tin-tuc?start=1",
    "http://hdnd.hanoi.gov.vn/tin-tuc?offset=1",
])
def test_clean_url_keeps_later_pages(url: str) -> None:
    """Page 2, and offsets that are not 0 (``start=1`` is the second item, not the first page), stay."""
    assert clean_url(url) == url


def test_clean_url_percent_encodes_vietnamese_paths_and_spaces() -> None:
    """What is fetched is a valid URL, whatever the page wrote in its href."""
    assert clean_url("http://hdnd.hanoi.gov.vn/tin tức/kỳ-họp?x=Hà Nội") == (
        "http://hdnd.hanoi.gov.vn/tin%20t%E1%BB%A9c/k%E1%BB%B3-h%E1%BB%8Dp?x=H%C3%A0%20N%E1%BB%99i")


def test_clean_url_strips_surrounding_whitespace() -> None:
    assert clean_url("  \thttp://hdnd.hanoi.gov.vn/tin-tuc\n") == "http://hdnd.hanoi.gov.vn/tin-tuc"


def test_clean_url_is_idempotent() -> None:
    url = ("HTTP://Hdnd.TraVinh.gov.vn:80/(S(x3vnu2451wqkgm55p4bjxp45))/Portal/Detail.aspx;jsessionid=AB12"
           "?utm_source=fb&MenuID=12&page=1&ContentID=45#top")
    once = clean_url(url)
    assert once == "http://hdnd.travinh.gov.vn/Portal/Detail.aspx?MenuID=12&ContentID=45"
    assert clean_url(once) == once


# --- url_key --------------------------------------------------------------------------------------

def test_url_key_equates_the_module_docstring_example() -> None:
    """``…/a.aspx;jsessionid=X?utm_source=fb&id=3`` and ``…/a.aspx?id=3`` are one page."""
    assert url_key("http://hdnd.travinh.gov.vn/a.aspx;jsessionid=X?utm_source=fb&id=3") == url_key(
        "http://hdnd.travinh.gov.vn/a.aspx?id=3")


def test_url_key_ignores_parameter_order_where_clean_url_keeps_it() -> None:
    a = "http://hdnd.travinh.gov.vn/Portal/Detail.aspx?MenuID=12&ContentID=45"
    b = "http://hdnd.travinh.gov.vn/Portal/Detail.aspx?ContentID=45&MenuID=12"
    assert clean_url(a) != clean_url(b)
    assert url_key(a) == url_key(b)


def test_url_key_equates_case_of_host_default_port_fragment_and_first_page() -> None:
    variants = [
        "https://hdnd.hanoi.gov.vn/tin-tuc/hoat-dong?cat=5",
        "HTTPS://HDND.HANOI.GOV.VN:443/tin-tuc/hoat-dong?cat=5#main",
        "https://hdnd.hanoi.gov.vn/tin-tuc/hoat-dong?page=1&cat=5&utm_source=zalo",
    ]
    assert len({url_key(v) for v in variants}) == 1


@pytest.mark.parametrize("a, b", [
    ("http://hdnd.hanoi.gov.vn/tin-tuc?page=2", "http://hdnd.hanoi.gov.vn/tin-tuc?page=3"),
    ("http://hdnd.hanoi.gov.vn/tin-tuc?id=3", "http://hdnd.hanoi.gov.vn/tin-tuc?id=4"),
    ("http://hdnd.hanoi.gov.vn/Tin-Tuc", "http://hdnd.hanoi.gov.vn/tin-tuc"),
    ("http://hdnd.hanoi.gov.vn/tin-tuc", "https://hdnd.hanoi.gov.vn/tin-tuc"),
    ("http://hdnd.hanoi.gov.vn/tin-tuc", "http://www.hdnd.hanoi.gov.vn/tin-tuc"),
    ("https://hdnd.hanoi.gov.vn/tin-tuc", "https://hdnd.hanoi.gov.vn:8443/tin-tuc"),
])
def test_url_key_keeps_what_names_a_different_page(a: str, b: str) -> None:
    """Other pages of a listing, other ids, other path case, scheme, host or port: not merged."""
    assert url_key(a) != url_key(b)


def test_url_key_merges_liferay_asset_publisher_copies_of_one_article() -> None:
    """One article shown by every page that embeds an asset publisher is one page."""
    copies = [
        "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc/-/asset_publisher/AbC123xYz/content/ky-hop-thu-10-hdnd-tinh",
        "https://hdnd.binhdinh.gov.vn/trang-chu/-/asset_publisher/Qw9Er7Ty/content/ky-hop-thu-10-hdnd-tinh"
        "?inheritRedirect=true&redirect=%2Ftrang-chu",
        "https://hdnd.binhdinh.gov.vn/web/guest/hoat-dong/-/asset_publisher/Zz1/content/ky-hop-thu-10-hdnd-tinh"
        ";jsessionid=ABCDEF#top",
    ]
    keys = {url_key(u) for u in copies}
    assert len(keys) == 1
    other = "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc/-/asset_publisher/AbC123xYz/content/giam-sat-chuyen-de"
    assert url_key(other) not in keys


def test_url_key_keeps_the_host_of_merged_copies() -> None:
    """The same slug on two portals is two articles."""
    path = "/web/guest/tin-tuc/-/asset_publisher/AbC/content/ky-hop-thu-10"
    assert url_key("https://hdnd.binhdinh.gov.vn" + path) != url_key("https://hdnd.phuyen.gov.vn" + path)


def test_url_key_merges_joomla_sef_and_non_sef_forms_of_one_article() -> None:
    sef = "http://hdnd.thanhhoa.gov.vn/index.php/tin-tuc/hoat-dong-hdnd/125-ky-hop-thu-muoi"
    non_sef = "http://hdnd.thanhhoa.gov.vn/index.php?option=com_content&view=article&id=125:ky-hop-thu-muoi&catid=8"
    assert url_key(sef) == url_key(non_sef)
    assert url_key(non_sef.replace("125:", "125%3A")) == url_key(sef)
    other = "http://hdnd.thanhhoa.gov.vn/index.php?option=com_content&view=article&catid=125&id=126:ky-hop-thu-muoi"
    assert url_key(other) != url_key(sef), "catid=125 must not be read as the article's id"


def test_url_key_keeps_liferay_articles_addressed_by_id_apart() -> None:
    """Liferay's asset publisher also addresses entries as ``.../content/id/<entryId>``."""
    a = "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc/-/asset_publisher/AbC123/content/id/4937219"
    b = "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc/-/asset_publisher/AbC123/content/id/4937220"
    assert url_key(a) != url_key(b)


def test_url_key_keeps_a_joomla_category_apart_from_the_article_with_its_number() -> None:
    """Joomla 3 writes subcategories as ``/index.php/<menu>/<catid>-<alias>``: category 8 is not article 8."""
    category = "http://hdnd.thanhhoa.gov.vn/index.php/tin-tuc/8-hoat-dong-hdnd"
    article = "http://hdnd.thanhhoa.gov.vn/index.php/tin-tuc/hoat-dong-hdnd/8-ky-hop-thu-nhat-khoa-xviii"
    assert url_key(category) != url_key(article)


# --- path_and_query -------------------------------------------------------------------------------

def test_path_and_query_is_what_site_patterns_see() -> None:
    assert path_and_query("https://hdnd.hanoi.gov.vn/tin-tuc/a.aspx?id=3#x") == "/tin-tuc/a.aspx?id=3"
    assert path_and_query("https://hdnd.hanoi.gov.vn/tin-tuc/") == "/tin-tuc/"


# --- page_number and without_page -----------------------------------------------------------------

@pytest.mark.parametrize("url, number", [
    ("http://hdnd.hanoi.gov.vn/tin-tuc?page=3", 3),
    ("http://hdnd.hanoi.gov.vn/tin-tuc?cat=5&Trang=4", 4),
    ("http://hdnd.hanoi.gov.vn/Pages/TinTuc.aspx?PageIndex=7", 7),
    ("http://hdnd.hanoi.gov.vn/tin-tuc?pg=2", 2),
    ("http://hdnd.hanoi.gov.vn/tin-tuc?currentpage=12", 12),
    ("https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc?p_p_id=101_INSTANCE_AbC&_101_INSTANCE_AbC_cur=5", 5),
    ("https://hdnd.hagiang.gov.vn/category/tin-hoat-dong/page/6/", 6),
    ("https://hdnd.hagiang.gov.vn/page/2", 2),
    ("https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/page-9/", 9),
    ("https://hdnd.laocai.gov.vn/tin-tuc/trang-3.html", 3),
    ("https://hdnd.laocai.gov.vn/tin-tuc/trang/8", 8),
    ("https://hdnd.laocai.gov.vn/tin-tuc/p11", 11),
])
def test_page_number_reads_query_and_path_pagination(url: str, number: int) -> None:
    assert page_number(url) == number


@pytest.mark.parametrize("url, number", [
    ("http://hdnd.thanhhoa.gov.vn/index.php/tin-tuc?start=1", 2),
    ("http://hdnd.thanhhoa.gov.vn/index.php/tin-tuc?start=10", 2),
    ("http://hdnd.thanhhoa.gov.vn/index.php/tin-tuc?start=20", 2),
    ("http://hdnd.thanhhoa.gov.vn/index.php/tin-tuc?start=40", 3),
    ("http://hdnd.thanhhoa.gov.vn/tin-tuc?offset=6000", 301),
])
def test_item_offsets_count_as_pages_of_twenty(url: str, number: int) -> None:
    """Any offset is past the first page, and a Joomla listing of 10 items per page is followed to
    offset 6,000 (600 pages), not stopped at offset 300 by a cap meant for page numbers."""
    assert page_number(url) == number


@pytest.mark.parametrize("url", [
    "http://hdnd.hanoi.gov.vn/tin-tuc",
    "http://hdnd.hanoi.gov.vn/tin-tuc?page=abc",
    "http://hdnd.hanoi.gov.vn/tin-tuc?page=",
    "http://hdnd.hanoi.gov.vn/tin-tuc?homepage=3",
    "http://hdnd.hanoi.gov.vn/tin-tuc/ky-hop-thu-3-123.html",
    "https://hdnd.hagiang.gov.vn/2024/06/26/ky-hop-thu-muoi/",
    "https://hdnd.hagiang.gov.vn/page/2/ky-hop",
])
def test_page_number_is_none_without_pagination(url: str) -> None:
    """No page parameter, a non-numeric one, a name that only ends like one, a number elsewhere."""
    assert page_number(url) is None


@pytest.mark.parametrize("url, listing", [
    ("http://hdnd.hanoi.gov.vn/tin-tuc?page=3", "http://hdnd.hanoi.gov.vn/tin-tuc"),
    ("http://hdnd.hanoi.gov.vn/tin-tuc?cat=5&page=3&type=2", "http://hdnd.hanoi.gov.vn/tin-tuc?cat=5&type=2"),
    ("https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc?p_p_id=101_INSTANCE_AbC&_101_INSTANCE_AbC_cur=5",
     "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc?p_p_id=101_INSTANCE_AbC"),
    ("https://hdnd.hagiang.gov.vn/category/tin-hoat-dong/page/6/", "https://hdnd.hagiang.gov.vn/category/tin-hoat-dong/"),
    ("https://hdnd.hagiang.gov.vn/page/2/", "https://hdnd.hagiang.gov.vn/"),
    ("https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/page-9/", "https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/"),
    ("https://hdnd.laocai.gov.vn/tin-tuc/trang-3.html", "https://hdnd.laocai.gov.vn/tin-tuc/"),
    ("http://hdnd.hanoi.gov.vn/tin-tuc?cat=5", "http://hdnd.hanoi.gov.vn/tin-tuc?cat=5"),
])
def test_without_page_names_the_listing(url: str, listing: str) -> None:
    assert without_page(url) == listing


def test_pages_of_one_listing_share_without_page_and_differ_by_page_number() -> None:
    pages = [f"https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/page-{n}/" for n in (2, 3, 10)]
    assert {without_page(p) for p in pages} == {without_page("https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/")}
    assert [page_number(p) for p in pages] == [2, 3, 10]


# --- resolve ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("href, url", [
    ("/tin-tuc/ky-hop-10.html?utm_source=zalo#top", "https://hdnd.hanoi.gov.vn/tin-tuc/ky-hop-10.html"),
    ("  ky-hop-11.html ", "https://hdnd.hanoi.gov.vn/tin-tuc/ky-hop-11.html"),
    ("HTTPS://HDND.HANOI.GOV.VN/a", "https://hdnd.hanoi.gov.vn/a"),
    ("http://[::1]:8080/a", "http://[::1]:8080/a"),
])
def test_resolve_gives_the_clean_absolute_url(href: str, url: str) -> None:
    assert resolve("https://hdnd.hanoi.gov.vn/tin-tuc/", href) == url


@pytest.mark.parametrize("href", [
    "", "   ", "javascript:void(0)", "mailto:hdnd@hanoi.gov.vn", "tel:0243", "zalo:123", "ftp://a.gov.vn/x",
    "http://[::1", "http://hdnd.hanoi.gov.vn:99999/a", "http://hdnd.hanoi.gov.vn:abc/a",
])
def test_resolve_refuses_what_names_no_web_page(href: str) -> None:
    """Other schemes and malformed URLs (which make urljoin and the URL parsers raise) give None."""
    assert resolve("https://hdnd.hanoi.gov.vn/tin-tuc/", href) is None


def test_ipv6_host_keeps_its_brackets() -> None:
    assert clean_url("http://[::1]:8080/a?utm_source=x") == "http://[::1]:8080/a"
    assert url_key("http://[::1]:8080/a") == "http://[::1]:8080/a"
