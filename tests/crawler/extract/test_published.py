"""crawler/extract/published.py: the article's own date, never the header's "today", a related
article's date, an event in the text or a server stamp; and the source that gave it."""

from __future__ import annotations

import pytest

from crawler.extract import extract
from crawler.extract.published import from_url

BODY = (
    "<p>Ngày 17/4/2023, HĐND thành phố đã tổ chức hội nghị giao ban hoạt động quý I/2023 giữa Thường trực "
    "HĐND thành phố với thường trực HĐND các xã, phường trên địa bàn.</p>"
    "<p>Hội nghị đã đánh giá kết quả hoạt động quý I và thống nhất nhiệm vụ trọng tâm quý II năm 2023, "
    "trong đó có công tác chuẩn bị kỳ họp thường lệ giữa năm của HĐND các cấp.</p>"
    "<p>Dịp này, các đại biểu cũng trao đổi kinh nghiệm tổ chức tiếp xúc cử tri và giám sát chuyên đề, "
    "nhất là ở cấp xã, phường, nơi lực lượng cán bộ còn mỏng.</p>"
)
TITLE = "Hội nghị giao ban hoạt động của Thường trực HĐND thành phố quý I/2023"


def page(meta: str = "", before: str = "", after_title: str = "", after: str = "", tail: str = "") -> bytes:
    """An article of no known family: header, title, a meta line, body, related list, footer."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE}</title>{meta}</head>
<body><div class="site-top"><span>Thứ sáu, ngày 22/11/2024</span> {before}</div>
<div class="main"><div class="detail"><h1>{TITLE}</h1>{after_title}
<div class="detail-body">{BODY}</div></div>{after}</div>
<div class="site-footer"><p>Giấy phép số 07/GP-TTĐT ngày 12/05/2015</p></div></body></html>
<!--u: 12/6/2024 8:09:13 AM-->{tail}""".encode()


URL = "https://hdnd.example.gov.vn/tin-tuc/hoi-nghi-giao-ban-quy-i-2023-5153.html"


def test_date_line_under_the_title_wins_over_header_today_and_footer() -> None:
    ex = extract(page(after_title='<div class="meta">17/04/2023 23:48</div>'), URL)
    assert (ex.published, ex.published_source) == ("2023-04-17T23:48+07:00", "page")


@pytest.mark.parametrize(("line", "iso"), [
    ("Thứ Tư 26/06/2024 16:34", "2024-06-26T16:34+07:00"),
    ("(29/06/2026, 14:49)", "2026-06-29T14:49+07:00"),
    ("14:49 29/06/2026", "2026-06-29T14:49+07:00"),
    ("Cập nhật lúc 15:20, Thứ Năm, 14/03/2024", "2024-03-14T15:20+07:00"),
    ("Ngày đăng: 17/11/2022", "2022-11-17"),
    ("Ngày 02 tháng 10 năm 2014", "2014-10-02"),
    ("Thứ tư - 02/07/2025 18:30", "2025-07-02T18:30+07:00"),
])
def test_printed_formats(line: str, iso: str) -> None:
    ex = extract(page(after_title=f"<span>{line}</span>"), URL)
    assert (ex.published, ex.published_source) == (iso, "page")


def test_header_today_alone_is_not_a_publication_date() -> None:
    ex = extract(page(), URL)  # only the header's today, the footer licence and the US server stamp
    assert ex.published is None
    assert ex.status == "suspect" and "no publication date" in (ex.problem or "")


def test_today_labelled_and_classed_are_ignored_even_near_the_title() -> None:
    ex = extract(page(after_title='<span class="current-date">Thứ sáu, 22/11/2024</span>'
                                  '<span>Hôm nay: 22/11/2024</span>'), URL)
    assert ex.published is None


def test_event_date_in_the_text_is_not_taken() -> None:
    """The body opens "Ngày 17/4/2023, ..." and a short body line holds a date: neither is the date."""
    ex = extract(page(), URL, listing_date="18/04/2023")
    assert (ex.published, ex.published_source) == ("2023-04-18", "listing")


def test_related_list_dates_are_not_taken() -> None:
    related = ('<div class="other-news"><h3>Các tin khác</h3><ul>'
               '<li><a href="/a">Kỳ họp thứ 9</a> (19/04/2023)</li><li><a href="/b">Giám sát</a> (11/04/2023)</li>'
               "</ul></div><ul><li><a href='/c'>Tiếp xúc cử tri</a> <span>(10/04/2023)</span></li></ul>")
    ex = extract(page(after=related), URL)
    assert ex.published is None


def test_metadata_when_the_page_prints_none() -> None:
    meta = '<meta property="article:published_time" content="2023-04-17T16:48:00Z">'
    ex = extract(page(meta=meta), URL)
    assert (ex.published, ex.published_source) == ("2023-04-17T23:48+07:00", "metadata")


def test_modified_time_is_not_the_publication_date() -> None:
    meta = '<meta property="article:modified_time" content="2024-01-05T10:00:00+07:00">'
    ex = extract(page(meta=meta), "https://x.example.gov.vn/portal/Pages/2023-4-17/Hoi-nghi-5153.aspx")
    assert (ex.published, ex.published_source) == ("2023-04-17", "url")


def test_page_beats_metadata_beats_url_beats_listing() -> None:
    url = "https://x.example.gov.vn/2023/04/16/hoi-nghi/"
    meta = '<meta itemprop="datePublished" content="2023-04-17">'
    both = page(meta=meta, after_title="<span>18/04/2023</span>")
    assert extract(both, url, listing_date="19/04/2023").published_source == "page"
    assert extract(page(meta=meta), url, listing_date="19/04/2023").published_source == "metadata"
    assert extract(page(), url, listing_date="19/04/2023").published == "2023-04-16"
    assert extract(page(), URL, listing_date="2023-04-19").published == "2023-04-19"


@pytest.mark.parametrize(("url", "iso"), [
    ("https://a.gov.vn/portal/Pages/2023-1-30/Slug-123.aspx", "2023-01-30"),
    ("https://a.gov.vn/2024/06/26/ky-hop/", "2024-06-26"),
    ("https://a.gov.vn/tin/20240626/ky-hop.html", "2024-06-26"),
    ("https://a.gov.vn/tin/202306/ky-hop.html", None),            # a month is not a date
    ("https://a.gov.vn/tin/ky-hop-115241201164520419.htm", None),  # an id is not a date
    ("https://a.gov.vn/2099/01/01/future/", None),                 # not plausible
])
def test_dates_in_urls(url: str, iso: str | None) -> None:
    assert from_url(url) == iso


def test_json_ld_date() -> None:
    ld = ('<script type="application/ld+json">'
          '{"@type":"NewsArticle","datePublished":"2022-11-17T08:00:00+07:00"}</script>')
    ex = extract(page(meta=ld), URL)
    assert (ex.published, ex.published_source) == ("2022-11-17T08:00+07:00", "metadata")
