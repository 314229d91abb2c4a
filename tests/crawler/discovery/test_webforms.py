"""crawler/discovery/webforms.py: following an ASP.NET ``__doPostBack`` pager is a POST of the page's form.

The request must carry every hidden and text field of the form that holds ``__VIEWSTATE``, with
``__EVENTTARGET``/``__EVENTARGUMENT`` set to the pager's, to the form's action resolved and cleaned;
a page without such a form gives None.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import scrapy
from scrapy.http import HtmlResponse

from crawler.discovery.webforms import postback_request

PAGE_URL = "http://hdnd.travinh.gov.vn/Portal/List.aspx?MenuID=12"
VIEWSTATE = "/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIDD2QWAgIBD2QWAgIBDxYCHgtfIUl0ZW1Db3VudAIKZGQ=" * 50

VNPORTAL_LISTING = f"""<!DOCTYPE html><html><head><title>Hoạt động HĐND</title></head><body>
<form name="aspnetForm" method="post" action="./List.aspx?MenuID=12&amp;utm_source=zalo" id="aspnetForm">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{VIEWSTATE}" />
</div>
<div class="aspNetHidden">
<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="CA0B0334" />
<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEdAANx1Q==" />
</div>
<div class="search"><input type="text" name="ctl00$Header$txtKeyword" value="Nhập từ khóa" />
<input type="search" name="ctl00$Header$q" />
<input name="ctl00$Header$untyped" value="mặc định" />
<input type="submit" name="ctl00$Header$btnSearch" value="Tìm kiếm" />
<input type="image" name="ctl00$Header$imgSearch" src="/images/search.png" />
<input type="checkbox" name="ctl00$Header$chkAll" value="on" checked="checked" />
<input type="radio" name="ctl00$Header$rdo" value="1" checked="checked" />
<input type="password" name="ctl00$Login$txtPass" value="matkhau" />
<input type="hidden" value="no name" />
<select name="ctl00$Header$ddlYear"><option value="2024" selected="selected">2024</option></select></div>
<ul class="news"><li><a href="/tin-tuc/ky-hop-thu-muoi-hai-hdnd-12345.aspx">Kỳ họp thứ 12</a></li></ul>
<div class="pager">
<a href="javascript:__doPostBack('ctl00$ContentPlaceHolder1$ListNews$pager','Page$2')">2</a>
</div>
</form></body></html>"""


def listing(body: str = VNPORTAL_LISTING, url: str = PAGE_URL) -> HtmlResponse:
    return HtmlResponse(url, body=body.encode("utf-8"), encoding="utf-8")


def form_fields(request: scrapy.Request) -> dict[str, list[str]]:
    return parse_qs(request.body.decode("ascii"), keep_blank_values=True)


def test_postback_is_a_form_encoded_post() -> None:
    request = postback_request(listing(), "ctl00$ContentPlaceHolder1$ListNews$pager", "Page$2")
    assert isinstance(request, scrapy.FormRequest)
    assert request.method == "POST"
    assert request.headers.get("Content-Type") == b"application/x-www-form-urlencoded"


def test_postback_sets_event_target_and_argument() -> None:
    """The pager's target and argument replace the empty values the page carries."""
    request = postback_request(listing(), "ctl00$ContentPlaceHolder1$ListNews$pager", "Page$2")
    assert request is not None
    fields = form_fields(request)
    assert fields["__EVENTTARGET"] == ["ctl00$ContentPlaceHolder1$ListNews$pager"]
    assert fields["__EVENTARGUMENT"] == ["Page$2"]


def test_postback_carries_the_hidden_fields_whole() -> None:
    request = postback_request(listing(), "ctl00$ContentPlaceHolder1$ListNews$pager", "Page$2")
    assert request is not None
    fields = form_fields(request)
    assert fields["__VIEWSTATE"] == [VIEWSTATE]
    assert fields["__VIEWSTATEGENERATOR"] == ["CA0B0334"]
    assert fields["__EVENTVALIDATION"] == ["/wEdAANx1Q=="]


def test_postback_carries_text_fields_and_nothing_a_click_on_a_link_would_not() -> None:
    """Text, search and untyped inputs go with their values (UTF-8); buttons, checkboxes, radios,
    passwords, selects and nameless inputs do not."""
    request = postback_request(listing(), "ctl00$ContentPlaceHolder1$ListNews$pager", "Page$2")
    assert request is not None
    fields = form_fields(request)
    assert set(fields) == {
        "__EVENTTARGET", "__EVENTARGUMENT", "__VIEWSTATE", "__VIEWSTATEGENERATOR", "__EVENTVALIDATION",
        "ctl00$Header$txtKeyword", "ctl00$Header$q", "ctl00$Header$untyped",
    }
    assert fields["ctl00$Header$txtKeyword"] == ["Nhập từ khóa"]
    assert fields["ctl00$Header$q"] == [""]
    assert fields["ctl00$Header$untyped"] == ["mặc định"]


def test_postback_goes_to_the_form_action_resolved_and_cleaned() -> None:
    request = postback_request(listing(), "ctl00$ContentPlaceHolder1$ListNews$pager", "Page$2")
    assert request is not None
    assert request.url == "http://hdnd.travinh.gov.vn/Portal/List.aspx?MenuID=12"


def test_postback_without_action_posts_to_the_page_itself() -> None:
    body = ('<html><body><form method="post" id="form1"><input type="hidden" name="__VIEWSTATE" value="abc" />'
            "</form></body></html>")
    request = postback_request(listing(body, "http://hdnd.camau.gov.vn/tabid/75/Default.aspx?page=1#top"),
                               "dnn$ctr450$News$pager", "3")
    assert request is not None
    assert request.url == "http://hdnd.camau.gov.vn/tabid/75/Default.aspx"
    assert form_fields(request) == {"__VIEWSTATE": ["abc"], "__EVENTTARGET": ["dnn$ctr450$News$pager"],
                                    "__EVENTARGUMENT": ["3"]}


def test_postback_uses_the_form_that_holds_the_view_state() -> None:
    """A separate search form before the WebForms form is not the one posted."""
    body = """<html><body>
    <form id="search" action="/TimKiem.aspx" method="get"><input type="text" name="q" value="hdnd" /></form>
    <form id="aspnetForm" action="/Portal/List.aspx?MenuID=7" method="post">
      <input type="hidden" name="__VIEWSTATE" value="vs" /></form></body></html>"""
    request = postback_request(listing(body), "ctl00$pager", "Page$4")
    assert request is not None
    assert request.url == "http://hdnd.travinh.gov.vn/Portal/List.aspx?MenuID=7"
    assert "q" not in form_fields(request)


def test_postback_passes_request_options_through() -> None:
    """Callback, priority and meta given by the spider reach the request."""
    def callback(response: object) -> None:
        return None

    request = postback_request(listing(), "ctl00$pager", "Page$2", callback=callback, priority=7,
                               meta={"site": "travinh", "kind": "postback", "postback_depth": 1})
    assert request is not None
    assert request.callback is callback
    assert request.priority == 7
    assert request.meta["site"] == "travinh" and request.meta["postback_depth"] == 1


def test_page_without_a_webforms_form_gives_none() -> None:
    assert postback_request(listing("<html><body><p>Không có biểu mẫu</p></body></html>"), "ctl00$pager", "2") is None
    plain_form = '<html><body><form action="/x"><input type="hidden" name="token" value="1" /></form></body></html>'
    assert postback_request(listing(plain_form), "ctl00$pager", "Page$2") is None
