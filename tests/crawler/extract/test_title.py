"""crawler/extract/title.py: the article's headline, not the site's name or the <title> suffix."""

from __future__ import annotations

import pytest

from crawler.extract import extract
from crawler.extract.title import strip_site

HEADLINE = "HĐND tỉnh thông qua 25 nghị quyết tại Kỳ họp thứ 20"
BODY = ("<div class='noi-dung'><p>Sáng 12/7, Kỳ họp thứ 20 HĐND tỉnh khóa XVII bế mạc sau ba ngày làm việc "
        "khẩn trương, nghiêm túc và trách nhiệm. Kỳ họp đã thông qua 25 nghị quyết quan trọng.</p>"
        "<p>Các nghị quyết tập trung vào phát triển kinh tế - xã hội, đầu tư công trung hạn và các chính "
        "sách hỗ trợ người dân, doanh nghiệp trên địa bàn tỉnh trong thời gian tới.</p></div>")


def page(head: str, body: str) -> bytes:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode()


@pytest.mark.parametrize(("title", "expected"), [
    (f"{HEADLINE} - Cổng thông tin điện tử tỉnh Cao Bằng", HEADLINE),
    (f"{HEADLINE} | Báo Bắc Kạn điện tử", HEADLINE),
    (f"Trang thông tin điện tử HĐND tỉnh :: {HEADLINE}", HEADLINE),
    # A headline with its own dashes and no site name stays whole.
    ("Kỳ họp thứ 10: Thông qua Nghị quyết phát triển kinh tế - xã hội - quốc phòng",
     "Kỳ họp thứ 10: Thông qua Nghị quyết phát triển kinh tế - xã hội - quốc phòng"),
])
def test_strip_site_name(title: str, expected: str) -> None:
    assert strip_site(title, set()) == expected


def test_site_name_in_h1_headline_in_h2() -> None:
    head = f"<title>{HEADLINE} - HĐND tỉnh Cao Bằng</title>"
    body = (f"<div class='header'><h1>Hội đồng nhân dân tỉnh Cao Bằng</h1></div>"
            f"<h2 class='tieu-de'>{HEADLINE}</h2>{BODY}")
    assert extract(page(head, body), "https://hdnd.example.vn/a-1.html").title == HEADLINE


def test_og_title_names_the_headline() -> None:
    head = f"<title>Chi tiết tin</title><meta property='og:title' content='{HEADLINE}'>"
    body = f"<h1>Cổng thông tin</h1><h3>{HEADLINE}</h3>{BODY}"
    assert extract(page(head, body), "https://hdnd.example.vn/a-1.html").title == HEADLINE


def test_title_without_any_heading_falls_back_to_the_cleaned_title_tag() -> None:
    head = f"<title>{HEADLINE} - Cổng thông tin điện tử tỉnh</title>"
    assert extract(page(head, BODY), "https://hdnd.example.vn/a-1.html").title == HEADLINE


def test_family_selector_wins() -> None:
    head = '<title>Tin tức</title><meta name="generator" content="Joomla! - Open Source Content Management">'
    body = (f"<div class='item-page'><div class='page-header'><h2 itemprop='headline'>{HEADLINE}</h2></div>"
            f"<div itemprop='articleBody'>{BODY}</div></div>")
    ex = extract(page(head, body), "https://bao.example.vn/index.php/chinh-tri/123-hdnd-tinh")
    assert ex.cms == "joomla" and ex.title == HEADLINE


def test_title_is_nfc_and_single_line() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", HEADLINE)
    ex = extract(page(f"<title>{nfd}</title>", f"<h1>\n  {nfd}\n</h1>{BODY}"), "https://x.vn/a")
    assert ex.title == HEADLINE
