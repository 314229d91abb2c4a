"""crawler/discovery/cms.py: which CMS family a page comes from, from its markup and its URL.

Markup fingerprints (rules/cms.toml ``html``, plain substrings of the first 64 KB, any case) weigh
twice as much as URL shapes; at least one fingerprint's worth of evidence is needed, else None.
"""

from __future__ import annotations

import pytest

from crawler.discovery.cms import detect_family, family
from crawler.rules import Family, families

SHAREPOINT = """<!DOCTYPE html><html dir="ltr" lang="vi-VN"><head>
<meta name="GENERATOR" content="Microsoft SharePoint" />
<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/corev15.css?rev=x" />
<script type="text/javascript">var _spPageContextInfo = {webServerRelativeUrl: "/portal"};</script>
<script src="/WebResource.axd?d=abc&amp;t=123"></script>
</head><body><form method="post" action="./Ky-hop-thu-12-123.aspx" id="aspnetForm">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUBMA9kFgJmD2QWAgIBD2QWBAIBD2QWAg==" />
<a href="javascript:__doPostBack('ctl00$m$g_1$lnkPrint','')">In</a>
<div class="ms-rtestate-field"><p>Sáng 30/1, HĐND tỉnh Quảng Ninh khai mạc kỳ họp thứ 12.</p></div>
</form></body></html>"""

LIFERAY = """<!DOCTYPE html><html class="ltr" dir="ltr" lang="vi-VN"><head><title>Tin tức - HĐND tỉnh Bình Định</title>
<script src="/html/js/liferay/aui_deprecated.js" type="text/javascript"></script>
<script type="text/javascript">Liferay.Portlet.ready(function(portletId, node) {});</script>
</head><body><div id="p_p_id_101_INSTANCE_AbC123_" class="portlet-boundary portlet-boundary_101_">
<div class="journal-content-article"><p>Kỳ họp thứ 10</p></div></div></body></html>"""

VNPORTAL = """<html><head><title>Cổng thông tin điện tử HĐND tỉnh Trà Vinh</title>
<script src="/WebResource.axd?d=pynGkmcFUV13He1Qd6_TZA&amp;t=6370" type="text/javascript"></script></head>
<body><form method="post" action="./Detail.aspx?ContentID=4567" id="form1">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKLTk1NjQ2MjE3OA==" />
<div class="ArticleContent"><p>Chiều 12/7, Thường trực HĐND tỉnh giám sát...</p></div>
<a href="javascript:__doPostBack('ctl00$pager','Page$2')">2</a></form></body></html>"""

DOTNETNUKE = """<!DOCTYPE html><html lang="vi-VN"><head>
<!--*********************************************-->
<!-- DNN Platform - http://www.dnnsoftware.com   -->
<!--*********************************************-->
<meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke " />
<link href="/DesktopModules/NewsArticles/module.css?cdv=54" type="text/css" rel="stylesheet"/>
<script src="/js/dnn.js?cdv=54" type="text/javascript"></script></head>
<body><form method="post" action="/tabid/75/Default.aspx" id="Form">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="abc" />
<div id="dnn_ctr450_ContentPane"></div><input name="__dnnVariable" type="hidden" value="{}" />
<a href="javascript:__doPostBack('dnn$ctr450$pager','2')">2</a></form></body></html>"""

WEBSPHERE = """<html><head><base href="https://hdnd.danang.gov.vn/wps/portal/hdnd/!ut/p/z1/04_Sj9CPykssy0xPLMnMz0vMAfI/"/>
<script type="text/javascript">ibm.portal.navigation.init();</script></head>
<body><a href="/wps/wcm/connect/hdnd/tin-tuc/ky-hop.html">Kỳ họp</a></body></html>"""

WEBCENTER = """<html><head><script src="/webcenter/portal/resources/x.js"></script>
<script>var x = oracle.adf.view.js.Page;</script></head><body></body></html>"""

NUKEVIET = """<!DOCTYPE html><html lang="vi"><head><meta name="generator" content="NukeViet v4.5" />
<script type="text/javascript">var nv_base_siteurl="/",nv_lang_data="vi";</script></head>
<body><div id="news-bodyhtml" class="bodytext"><p>Kỳ họp thứ 10</p></div></body></html>"""

JOOMLA = """<!DOCTYPE html><html lang="vi-vn"><head>
<meta name="generator" content="Joomla! - Open Source Content Management" />
<script src="/media/jui/js/jquery.min.js?3a4b"></script></head>
<body><div class="item-page"><div itemprop="articleBody"><p>Kỳ họp thứ mười</p></div></div></body></html>"""

WORDPRESS = """<!DOCTYPE html><html lang="vi"><head><meta name="generator" content="WordPress 6.5.4" />
<link rel="https://api.w.org/" href="https://hdnd.hagiang.gov.vn/wp-json/" />
<link rel="stylesheet" href="https://hdnd.hagiang.gov.vn/wp-content/themes/hdnd/style.css" />
<script src="https://hdnd.hagiang.gov.vn/wp-includes/js/jquery/jquery.min.js"></script></head>
<body><div class="entry-content"><p>Kỳ họp thứ mười</p></div></body></html>"""

DRUPAL = """<!DOCTYPE html><html lang="vi"><head><meta name="Generator" content="Drupal 7 (http://drupal.org)" />
<script>jQuery.extend(Drupal.settings, {"basePath":"\\/"});</script></head>
<body><img src="/sites/default/files/ky-hop.jpg"/></body></html>"""

PLAIN = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Trang thông tin điện tử xã Quảng An</title>
</head><body><h1>Kỳ họp thứ 8 HĐND xã</h1><p>Sáng 12/7, HĐND xã tổ chức kỳ họp thường lệ giữa năm.</p></body></html>"""


@pytest.mark.parametrize("markup, url, name", [
    (SHAREPOINT, "https://hdnd.quangninh.gov.vn/portal/Pages/2023-1-30/Ky-hop-thu-12-123.aspx", "sharepoint"),
    (LIFERAY, "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc", "liferay"),
    (VNPORTAL, "http://hdnd.travinh.gov.vn/Portal/Detail.aspx?ContentID=4567", "vnportal"),
    (DOTNETNUKE, "http://hdnd.camau.gov.vn/tabid/75/Default.aspx", "dotnetnuke"),
    (WEBSPHERE, "https://hdnd.danang.gov.vn/wps/portal/hdnd", "websphere"),
    (WEBCENTER, "https://hdnd.angiang.gov.vn/webcenter/portal/hdnd", "webcenter"),
    (NUKEVIET, "https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/ky-hop-thu-10-1234.html", "nukeviet"),
    (JOOMLA, "http://hdnd.thanhhoa.gov.vn/index.php/tin-tuc/125-ky-hop-thu-muoi", "joomla"),
    (WORDPRESS, "https://hdnd.hagiang.gov.vn/2024/06/26/ky-hop-thu-muoi/", "wordpress"),
    (DRUPAL, "https://hdnd.bentre.gov.vn/node/123", "drupal"),
])
def test_each_family_is_recognised_by_its_fingerprints(markup: str, url: str, name: str) -> None:
    """With its URL and without: the markup alone is enough."""
    assert detect_family(markup, url) == name
    assert detect_family(markup) == name


def test_sharepoint_wins_over_the_webforms_machinery_it_shares() -> None:
    """SharePoint pages also carry __VIEWSTATE, __doPostBack and WebResource.axd (vnPortal's marks)
    and .aspx URLs; its own fingerprints decide."""
    assert detect_family(SHAREPOINT, "https://hdnd.quangninh.gov.vn/portal/Pages/Default.aspx") == "sharepoint"


def test_dotnetnuke_wins_over_the_webforms_machinery_it_shares() -> None:
    assert detect_family(DOTNETNUKE, "http://hdnd.camau.gov.vn/Default.aspx?tabid=75") == "dotnetnuke"


@pytest.mark.parametrize("url", [
    "",
    "https://xaquangan.gov.vn/tin-tuc/ky-hop-thu-8.html",
    "https://xaquangan.gov.vn/tin-tuc.aspx",
    "https://xaquangan.gov.vn/Default.aspx",
    "https://xaquangan.gov.vn/Pages/Default.aspx?ItemID=3",
    "https://xaquangan.gov.vn/node/12",
    "https://xaquangan.gov.vn/vi/news/thoi-su/",
])
def test_plain_page_has_no_family(url: str) -> None:
    """No fingerprint, and one URL shape alone is not enough."""
    assert detect_family(PLAIN, url) is None


def test_empty_page_has_no_family() -> None:
    assert detect_family("", "") is None


def test_one_fingerprint_is_enough() -> None:
    page = '<html><head><link rel="stylesheet" href="/wp-content/themes/x/style.css"></head><body></body></html>'
    assert detect_family(page) == "wordpress"


def test_two_url_shapes_of_one_family_are_enough() -> None:
    """The Liferay '/web/guest/' path with a 'p_p_id=' portlet parameter, on a page with no marks."""
    assert detect_family(PLAIN, "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc?p_p_id=101_INSTANCE_AbC") == "liferay"


def test_markup_outweighs_url_shapes() -> None:
    """Two WordPress fingerprints (4) beat three Liferay URL shapes (3)."""
    page = """<html><head><meta name="generator" content="WordPress 6.5" />
    <link rel="stylesheet" href="/wp-content/themes/x/style.css"></head><body></body></html>"""
    url = "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc/-/asset_publisher/AbC/content/ky-hop?p_p_id=101"
    assert detect_family(PLAIN, url) == "liferay"
    assert detect_family(page, url) == "wordpress"


def test_url_shapes_break_a_markup_tie() -> None:
    """A page with one Joomla and one WordPress mark belongs to the family its URL looks like."""
    page = """<html><head><meta name="generator" content="Joomla! 3" /></head>
    <body><img src="/wp-content/uploads/a.jpg"></body></html>"""
    assert detect_family(page, "https://a.gov.vn/index.php/tin-tuc/12-ky-hop") == "joomla"
    assert detect_family(page, "https://a.gov.vn/?p=123") == "wordpress"


def test_fingerprints_ignore_case() -> None:
    page = '<HTML><HEAD><META NAME="generator" CONTENT="NUKEVIET V4"></HEAD></HTML>'
    assert detect_family(page) == "nukeviet"


def test_fingerprints_are_looked_for_in_the_first_64_kb_only() -> None:
    late = "<html><body>" + "<p>Nội dung</p>" * 5000 + '<div class="ms-rtestate-field"></div>' + "</body></html>"
    assert late.index("ms-rtestate-field") > 65536
    assert detect_family(late) is None
    early = '<html><body><div class="ms-rtestate-field"></div>' + "<p>Nội dung</p>" * 5000 + "</body></html>"
    assert detect_family(early) == "sharepoint"


# --- family -------------------------------------------------------------------------------------

def test_family_returns_the_rules_of_a_known_name() -> None:
    rules = family("nukeviet")
    assert isinstance(rules, Family)
    assert rules.name == "nukeviet"
    assert rules.label == "NukeViet (VINADES)"
    assert "/vi/news/rss/" in rules.feeds
    assert rules is families()["nukeviet"]


@pytest.mark.parametrize("name", [None, "", "typo3", "NukeViet"])
def test_family_of_unknown_or_absent_names_is_none(name: str | None) -> None:
    """Names are the registry's lower-case keys; anything else has no rules."""
    assert family(name) is None


def test_every_detected_name_has_rules() -> None:
    """What detect_family answers can always be looked up."""
    pages = [SHAREPOINT, LIFERAY, VNPORTAL, DOTNETNUKE, WEBSPHERE, WEBCENTER, NUKEVIET, JOOMLA, WORDPRESS, DRUPAL]
    names = {detect_family(p) for p in pages}
    assert names == set(families())
    assert all(family(n) is not None for n in names)
