"""The body of a known family: container walk, sapo, captions in every editor's form, boilerplate.

Pages here are vnPortal-shaped (``div.ArticleContent``, ``.PostDate``) so the family path runs;
tests/crawler/extract/test_generic.py covers pages of no known family (the trafilatura path).
"""

from __future__ import annotations

import pytest

from crawler.extract import extract
from crawler.extract.blocks import split_lines
from crawler.extract.cleanup import is_boilerplate, is_credit

P1 = ("Sáng 22/4/2025, HĐND huyện Bình Giang tổ chức Kỳ họp thứ 26 (kỳ họp chuyên đề) để xem xét, cho ý kiến "
      "về Đề án sắp xếp đơn vị hành chính cấp xã trên địa bàn huyện năm 2025.")
P2 = ("Theo Đề án, huyện Bình Giang hiện có 16 đơn vị hành chính cấp xã, gồm 15 xã và 1 thị trấn; dự kiến sau "
      "sắp xếp huyện sẽ còn 5 đơn vị hành chính cấp xã mới.")
P3 = ("Với 100% đại biểu có mặt biểu quyết tán thành, HĐND huyện đã thông qua Nghị quyết về chủ trương sắp xếp "
      "đơn vị hành chính cấp xã trên địa bàn huyện Bình Giang năm 2025.")
LEAD = ("Kỳ họp chuyên đề của HĐND huyện Bình Giang đã thống nhất cao với chủ trương sắp xếp đơn vị hành chính "
        "cấp xã theo chỉ đạo của Trung ương và của tỉnh.")
CAP = "Quang cảnh kỳ họp thứ 26 HĐND huyện Bình Giang"
URL = "https://binhgiang.example.gov.vn/hoat-dong-hdnd/hdnd-huyen-binh-giang-tan-thanh-chu-truong-255373"


def page(content: str, summary: str = "", extra: str = "") -> bytes:
    return f"""<html><head><meta charset="utf-8"><title>HĐND huyện Bình Giang tán thành chủ trương</title></head>
<body><form id="aspnetForm"><input type="hidden" name="__VIEWSTATE" value="/wEPDwUKLTE1ODkyNzQ1NjEPZBYCZg9kFgI=" />
<div class="Header"><span class="Today">Thứ bảy, ngày 22/11/2026</span></div>
<div class="ArticleTool"><div class="TextSize">Xem với cỡ chữ <a>A</a> <a>A</a></div>
<a class="Print">In bài viết</a></div>
<div class="ArticleHeader"><h1>HĐND huyện Bình Giang tán thành chủ trương sắp xếp đơn vị hành chính cấp xã</h1></div>
<div class="PostDate">Thứ Tư 23/04/2025 11:00</div>{summary}
<div class="ArticleContent">{content}</div>{extra}
<div class="OtherNews"><h3>Các tin khác</h3><ul><li><a href="/a">Tin khác một</a> (20/04/2025)</li></ul></div>
<script>function __doPostBack(a,b){{}}</script></form></body></html>""".encode()


def paras(*texts: str) -> str:
    return "".join(f'<p style="text-align: justify;">{t}</p>' for t in texts)


def test_every_paragraph_in_order_and_nothing_else() -> None:
    ex = extract(page(paras(P1, P2, P3)), URL)
    assert ex.cms == "vnportal"
    assert ex.text.split("\n\n") == [P1, P2, P3]
    assert (ex.published, ex.published_source) == ("2025-04-23T11:00+07:00", "page")
    assert ex.status == "ok"


def test_bold_first_paragraph_is_the_lead_not_body() -> None:
    ex = extract(page(f"<p><strong>{LEAD}</strong></p>" + paras(P1, P2)), URL)
    assert ex.lead == LEAD
    assert ex.text.split("\n\n") == [P1, P2]


def test_summary_element_is_the_lead_and_its_repeat_in_the_body_is_dropped() -> None:
    ex = extract(page(paras(LEAD, P1, P2), summary=f'<div class="ArticleSummary">{LEAD}</div>'), URL)
    assert ex.lead == LEAD
    assert ex.text.split("\n\n") == [P1, P2]


CAPTION_FORMS = {
    "ckeditor table": ('<table class="image"><tr><td><img src="a.jpg"></td></tr>'
                       f'<tr><td class="image_desc">{CAP}</td></tr></table>'),
    "two-row table with em": ('<table align="center"><tbody><tr><td><img src="a.jpg"></td></tr>'
                              f'<tr><td><p style="text-align:center"><em>{CAP}</em></p></td></tr></tbody></table>'),
    "figure": f'<figure class="image"><img src="a.jpg" alt="{CAP}"><figcaption>{CAP}</figcaption></figure>',
    "centred em under centred image": ('<p style="text-align: center;"><img src="a.jpg"></p>'
                                       f'<p style="text-align: center;"><em>{CAP}</em></p>'),
    "wordpress": f'<div class="wp-caption aligncenter"><img src="a.jpg"><p class="wp-caption-text">{CAP}</p></div>',
    "image and caption in one paragraph": f'<p style="text-align:center"><img src="a.jpg"><br><em>{CAP}</em></p>',
}


@pytest.mark.parametrize("form", sorted(CAPTION_FORMS))
def test_captions_leave_the_text(form: str) -> None:
    ex = extract(page(paras(P1) + CAPTION_FORMS[form] + paras(P2)), URL)
    assert ex.captions == [CAP]
    assert ex.text.split("\n\n") == [P1, P2]


def test_caption_with_credit_keeps_the_credit_inside() -> None:
    box = (f'<table class="image"><tr><td><img src="a.jpg"></td></tr><tr><td class="image_desc">{CAP}</td></tr>'
           '<tr><td>Ảnh: Minh Hà</td></tr></table>')
    ex = extract(page(paras(P1) + box + paras(P2)), URL)
    assert ex.captions == [f"{CAP} Ảnh: Minh Hà"]


def test_italic_paragraph_without_an_image_stays_text() -> None:
    note = "Đây là một đoạn trích dẫn in nghiêng nằm giữa bài viết, không phải chú thích ảnh."
    ex = extract(page(paras(P1) + f"<p><em>{note}</em></p>" + paras(P2)), URL)
    assert ex.captions == [] and ex.text.split("\n\n") == [P1, note, P2]


@pytest.mark.parametrize(("signoff", "author", "unit"), [
    ('<p style="text-align: right;"><strong>Hà Trang- Văn phòng Huyện ủy Bình Giang</strong></p>',
     "Hà Trang", "Văn phòng Huyện ủy Bình Giang"),
    ('<p align="right"><b>Trần Tương<br />Trung tâm TT và VH</b></p>', "Trần Tương", "Trung tâm TT và VH"),
    ("<p><strong>Tác giả bài viết: Tuyết Nhung</strong></p>", "Tuyết Nhung", ""),
    ("<p>Tin, ảnh: Thu Hương</p>", "Thu Hương", ""),
    ("<p>Thu Cúc</p>", "Thu Cúc", ""),
    ("<p>Trần Tương</p><p>Trung tâm TT và VH</p><p>Loading...</p>", "Trần Tương", "Trung tâm TT và VH"),
])
def test_sign_off_moves_to_author(signoff: str, author: str, unit: str) -> None:
    ex = extract(page(paras(P1, P2) + signoff), URL)
    assert (ex.author, ex.author_unit) == (author, unit)
    assert ex.text.split("\n\n") == [P1, P2]


def test_widgets_inside_the_container_are_dropped() -> None:
    junk = ('<div class="share-bar"><a>Chia sẻ Facebook</a> <a>Gửi email</a></div>'
            "<p>Lượt xem: 1.234</p><p>Tăng cỡ chữ Giảm cỡ chữ</p><p>CÁC BÀI VIẾT KHÁC:</p>"
            '<div style="display:none">Ẩn</div><script>var x = "Đã xem";</script>'
            "<p>PublishingPortal - Block_BanTin_ViewData</p>")
    ex = extract(page(paras(P1) + junk + paras(P2)), URL)
    assert ex.text.split("\n\n") == [P1, P2]


def test_malformed_markup_keeps_every_paragraph() -> None:
    broken = (f'<p style="text-align: justify;">{P1}'
              f'<span style="font-size: 12pt;"><p style="text-align: justify;">{P2}</p></span>'
              f'<p><font face="Times New Roman">{P3}'
              "</span></div>")
    ex = extract(page(broken), URL)
    assert ex.text.split("\n\n") == [P1, P2, P3]


def test_soft_line_breaks_join_hard_ones_split() -> None:
    assert split_lines("Ban Pháp chế HĐND tỉnh khảo sát về tình hình quản lý,\nsử dụng số lượng người làm việc") == [
        "Ban Pháp chế HĐND tỉnh khảo sát về tình hình quản lý, sử dụng số lượng người làm việc"]
    assert split_lines("Kỳ họp đã kết thúc.\nPhiên chất vấn diễn ra sôi nổi.") == [
        "Kỳ họp đã kết thúc.", "Phiên chất vấn diễn ra sôi nổi."]


@pytest.mark.parametrize("line", [
    "Xem với cỡ chữ A A A", "Tăng cỡ chữ Giảm cỡ chữ", "In bài viết", "Bản in | Gửi bài viết | Về đầu trang",
    "Lượt xem: 1.234", "Đã xem: 7.872", "CÁC BÀI VIẾT KHÁC:", "Các tin khác", "Tin cùng chuyên mục",
    "Các tin đã đưa ngày: 22/11/2024 Xem", "Về đầu trang", "Loading...", "PublishingPortal - Block_BanTin_Toolbar",
    'Ghi rõ nguồn "Cổng TTĐT huyện" hoặc "binhgiang.gov.vn" khi phát hành lại thông tin từ website này.',
    "Giấy phép số 07/GP-TTĐT ngày 12/05/2015", "Chịu trách nhiệm chính: Chánh Văn phòng", "Tương phản",
])
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    P1, "Theo báo cáo của Thường trực HĐND tỉnh tại Hội nghị:", "Kỳ họp đã in bài phát biểu của đại biểu.",
    "Lượt xem các văn bản của cử tri tăng mạnh trong quý I, theo thống kê của Văn phòng HĐND tỉnh.",
])
def test_article_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_credits() -> None:
    assert is_credit("Ảnh: Minh Hà") and is_credit("Nguồn: Báo Bắc Kạn")
    assert is_credit("Theo Báo Bắc Kạn", trailing=True) and not is_credit("Theo Báo Bắc Kạn")
    assert not is_credit("Theo báo cáo của Thường trực HĐND tỉnh tại Hội nghị:", trailing=True)


def test_liferay_footer_web_content_is_not_the_body() -> None:
    """Liferay prints every web content (the footer's address too) in a journal-content-article: the
    article is the one with the most text, wherever it stands."""
    footer = ('<div class="journal-content-article"><p>Văn phòng Đoàn ĐBQH và HĐND tỉnh Bắc Ninh. Địa chỉ: số 10 '
              "đường Phù Đổng Thiên Vương, phường Suối Hoa, thành phố Bắc Ninh, tỉnh Bắc Ninh.</p></div>")
    article = f'<div class="journal-content-article">{paras(P1, P2, P3)}</div>'
    html = (f'<html><head><meta charset="utf-8"><title>HĐND tỉnh</title><script src="/html/js/liferay/a.js"></script>'
            f'</head><body><div class="portlet-boundary_56_">{footer}</div><h1 class="header-title">Kỳ họp chuyên đề'
            f' HĐND huyện</h1><span class="metadata-publish-date">23/04/2025 11:00</span>'
            f'<div class="portlet-boundary_56_">{article}</div></body></html>')
    ex = extract(html.encode(), "https://bn.example.gov.vn/web/guest/tin-tuc/-/asset_publisher/abc/content/ky-hop")
    assert ex.cms == "liferay"
    assert ex.text.split("\n\n") == [P1, P2, P3]


def test_editor_classes_that_look_like_widgets_keep_their_text() -> None:
    body = (f'<p class="hidden-xs">{P1}</p><p><span class="font-size-14">{P2}</span></p>'
            f'<div class="visible-lg text-justify">{P3}</div><div class="hidden">Ẩn đi</div>')
    ex = extract(page(body), URL)
    assert ex.text.split("\n\n") == [P1, P2, P3]


def test_centred_body_does_not_turn_paragraphs_into_captions() -> None:
    def centred(text: str) -> str:
        return f'<p style="text-align: center;">{text}</p>'

    img = '<p style="text-align: center;"><img src="a.jpg"></p>'
    ex = extract(page(centred(P1) + img + centred(P2) + centred(P3)), URL)
    assert ex.captions == [] and ex.text.split("\n\n") == [P1, P2, P3]


@pytest.mark.parametrize("text", [P1, LEAD, CAP, "Ủy ban Ðà Nẵng  ĐBQH\u00a0thuỷ hoà", "“Kinh tế – xã hội”", "Ǆ ß Æ œ"])
def test_fast_fold_matches_its_definition(text: str) -> None:
    """textnorm.fold is a translate table; it must equal "strip every mark, lower-case, one space"."""
    import unicodedata

    from crawler.lang.textnorm import fold, strip_marks

    assert fold(text) == " ".join(strip_marks(text).lower().split())
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)
