"""crawler/discovery/traps.py: the URLs a crawler must never follow, each with its reason.

Calendars and date pickers link to the next day forever, every article has print, share and e-mail
views, search pages and logins lead nowhere, files are not pages; a site's own avoid patterns come
first. Articles and listings must pass untouched.
"""

from __future__ import annotations

import re

import pytest

from crawler.discovery.traps import trap_reason

HOST = "https://hdnd.hanoi.gov.vn"


@pytest.mark.parametrize("path", [
    "/Pages/TinTuc.aspx?ngay=22/11/2024",
    "/tin-tuc?date=2024-11-22",
    "/tin-tuc?d=20241122",
    "/tin-tuc?from=22-11-2024%2008%3A00",
    "/tin-tuc?x=22.11.2024",
    "/tin-tuc?tungay=01/11/2024&denngay=30/11/2024",
    "/tin-tuc?nam=2024",
    "/tin-tuc?Thang=11",
    "/lich-cong-tac/tuan-47-2024",
    "/lich-lam-viec/2024/11",
    "/events/2024-11-22",
    "/2024/06/26/",
    "/2024/06/",
    "/2024",
])
def test_calendars_and_date_pickers(path: str) -> None:
    """A date in any query value (22/11/2024, 2024-11-22, 20241122, with a time), a calendar
    parameter with a value, a schedule path with a year, a bare date archive."""
    assert trap_reason(HOST + path) == "calendar"


def test_calendar_parameter_without_value_is_not_a_calendar() -> None:
    assert trap_reason(HOST + "/tin-tuc?nam=") is None


@pytest.mark.parametrize("path", [
    "/print/12345",
    "/tin-tuc/print.aspx?id=3",
    "/Portal/PrintItem.aspx?ContentID=45",
    "/tin-tuc/ky-hop-thu-10.html?print=1",
    "/Pages/chi-tiet.aspx?ItemID=5&view=print",
    "/index.php?option=com_content&view=article&id=3&tmpl=component&print=1",
    "/vi/news/print/hoat-dong/ky-hop-thu-10-1234.html",
    "/tin-tuc/in-bai/123",
    "/ban-in/123",
])
def test_print_views(path: str) -> None:
    assert trap_reason(HOST + path) == "print"


@pytest.mark.parametrize("url", [
    "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fhdnd.hanoi.gov.vn%2Fa",
    HOST + "/vi/news/sendmail/hoat-dong/ky-hop-thu-10-1234.html",
    HOST + "/index.php?option=com_mailto&tmpl=component&link=abc",
    HOST + "/component/mailto/?link=abc",
    HOST + "/tin-tuc/gui-email/123",
    HOST + "/share?url=abc",
])
def test_share_and_email_views(url: str) -> None:
    assert trap_reason(url) == "share"


@pytest.mark.parametrize("path", [
    "/tim-kiem?tukhoa=ky+hop",
    "/timkiem.aspx",
    "/search/node/hdnd",
    "/?s=ky+hop",
    "/vi/seek/?q=giam+sat",
    "/ket-qua-tim-kiem",
    "/Pages/TinTuc.aspx?keyword=hdnd",
])
def test_search_pages(path: str) -> None:
    assert trap_reason(HOST + path) == "search"


@pytest.mark.parametrize("path", [
    "/c/portal/login?p_l_id=10180",
    "/c/portal/logout",
    "/wp-login.php",
    "/wp-admin/post.php?post=1",
    "/dang-nhap",
    "/admin",
    "/admin/news",
])
def test_logins(path: str) -> None:
    assert trap_reason(HOST + path) == "login"


@pytest.mark.parametrize("path", [
    "/uploads/2024/06/nghi-quyet-12-nq-hdnd.pdf",
    "/uploads/2024/06/nghi-quyet-12-nq-hdnd.PDF",
    "/Lists/VanBan/Attachments/5/QD-12.docx",
    "/images/tin-tuc/ky-hop-10.jpg",
    "/video/ky-hop.mp4",
    "/download.aspx?file=bao-cao-giam-sat.xlsx",
    "/files/tai-lieu-ky-hop.zip",
])
def test_files(path: str) -> None:
    assert trap_reason(HOST + path) == "file"


@pytest.mark.parametrize("path", [
    "/uploads/2024/06/nghi-quyet-12-nq-hdnd.pdf?ver=2",
    "/Lists/VanBan/Attachments/5/QD-12.docx?web=1",
    "/images/tin-tuc/ky-hop-10.jpg?width=300",
])
def test_files_with_a_query_string(path: str) -> None:
    """A cache-busting or viewer parameter does not turn a PDF into a page."""
    assert trap_reason(HOST + path) == "file"


@pytest.mark.parametrize("path", [
    "/tin-tuc/ky-hop-thu-10.html?ref=home",
    "/Portal/Default.jsp?id=12",
    "/tin-tuc/ban-tin-pdf-va-anh",
    "/Pages/tin.aspx?ItemID=12&source=/js",
])
def test_pages_that_only_mention_a_file_type_are_not_files(path: str) -> None:
    assert trap_reason(HOST + path) is None


@pytest.mark.parametrize("path, reason", [
    ("/gop-y", "feedback"),
    ("/tin-tuc/ky-hop-thu-10?replytocom=12", "feedback"),
    ("/binh-luan/123", "feedback"),
    ("/feed/rss2/", "feed_like"),
    ("/2024/06/26/ky-hop-thu-muoi/embed/", "feed_like"),
    ("/wp-json/wp/v2/posts", "feed_like"),
    ("/xmlrpc.php", "feed_like"),
])
def test_feedback_forms_and_feed_like_endpoints(path: str, reason: str) -> None:
    assert trap_reason(HOST + path) == reason


@pytest.mark.parametrize("url", [
    "https://hdnd.quangninh.gov.vn/portal/Pages/2023-1-30/Ky-hop-thu-12-HDND-tinh-123.aspx",
    "https://hdnd.quangninh.gov.vn/portal/KenhTin/Tin-hoat-dong.aspx",
    "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc/-/asset_publisher/AbC123/content/ky-hop-thu-10",
    "https://hdnd.binhdinh.gov.vn/web/guest/tin-tuc?p_p_id=101_INSTANCE_AbC&_101_INSTANCE_AbC_cur=2",
    "https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/ky-hop-thu-10-hdnd-tinh-1234.html",
    "https://hdnd.laocai.gov.vn/vi/news/hoat-dong-hdnd/page-2/",
    "https://hdnd.laocai.gov.vn/vi/news/rss/",
    "http://hdnd.thanhhoa.gov.vn/index.php/tin-tuc/125-ky-hop-thu-muoi",
    "http://hdnd.thanhhoa.gov.vn/index.php?option=com_content&view=article&id=125&catid=8",
    "https://hdnd.hagiang.gov.vn/2024/06/26/ky-hop-thu-muoi-hdnd-tinh/",
    "https://hdnd.hagiang.gov.vn/category/tin-hoat-dong/page/2/",
    "https://hdnd.hagiang.gov.vn/feed/",
    "http://hdnd.travinh.gov.vn/Portal/Detail.aspx?Organization=HDND&MenuID=12&ContentID=4567",
    "https://hdnd.hanoi.gov.vn/tin-tuc/ky-hop-thu-19-hdnd-thanh-pho-khoa-xvi-2024.html",
    "https://hdnd.hanoi.gov.vn/blueprint-phat-trien-thu-do",
    "https://hdnd.hanoi.gov.vn/research/hoat-dong-giam-sat",
    "https://hdnd.hanoi.gov.vn/administration-reform",
    "https://hdnd.hanoi.gov.vn/tin-tuc?id=1234",
])
def test_articles_listings_and_feeds_pass(url: str) -> None:
    """No trap in the URLs the crawler exists for, including words that merely contain a trap's name."""
    assert trap_reason(url) is None


def test_site_avoid_patterns_give_reason_avoid() -> None:
    avoid = [re.compile(r"/thu-vien-anh/", re.I), re.compile(r"MenuID=99", re.I)]
    assert trap_reason(HOST + "/thu-vien-anh/ky-hop-10", avoid) == "avoid"
    assert trap_reason(HOST + "/Portal/List.aspx?menuid=99", avoid) == "avoid"
    assert trap_reason(HOST + "/tin-tuc/ky-hop-10", avoid) is None


def test_site_avoid_patterns_win_over_shared_rules() -> None:
    """A print URL the site also avoids is counted as the site's own rule."""
    assert trap_reason(HOST + "/print/123", [re.compile("/print/")]) == "avoid"
    assert trap_reason(HOST + "/print/123") == "print"


def test_avoid_patterns_see_path_and_query_not_host() -> None:
    """Site patterns are matched against the path plus query, as the registry documents."""
    avoid = [re.compile(r"^/tin-anh")]
    assert trap_reason(HOST + "/tin-anh/a", avoid) == "avoid"
    assert trap_reason("https://tin-anh.hanoi.gov.vn/tin-tuc", [re.compile(r"tin-anh")]) is None


def test_first_matching_reason_in_rule_order() -> None:
    """A print view of a search page reports the first rule of urls.toml that matches (print)."""
    assert trap_reason(HOST + "/tim-kiem/print.aspx?tukhoa=ky+hop") == "print"


def test_accepts_a_generator_of_avoid_patterns() -> None:
    patterns = (re.compile(p) for p in ["/xyz/", "/thu-vien-anh/"])
    assert trap_reason(HOST + "/thu-vien-anh/1", patterns) == "avoid"
