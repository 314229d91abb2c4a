"""What real pages nobody here wrote do to an extractor, one page per trap: markup written by React,
Drupal, WordPress themes and unknown templates, Chinese and Japanese text, invisible characters. Each
test is a page that showed the fault, reduced to what shows it, and asserts what the reader gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extract import extract
from crawler.lang.textnorm import INVISIBLE, fold

P1 = ("Sáng 12/7, Kỳ họp thứ 20 HĐND tỉnh khóa XVII bế mạc sau ba ngày làm việc khẩn trương, nghiêm túc "
      "và trách nhiệm. Kỳ họp đã thông qua 25 nghị quyết quan trọng về kinh tế - xã hội.")
P2 = ("Các nghị quyết tập trung vào phát triển kinh tế - xã hội, đầu tư công trung hạn và các chính sách hỗ "
      "trợ người dân, doanh nghiệp trên địa bàn tỉnh trong thời gian tới.")
P3 = ("Phát biểu bế mạc, Chủ tịch HĐND tỉnh đề nghị UBND tỉnh khẩn trương triển khai các nghị quyết vừa "
      "được thông qua, bảo đảm đúng tiến độ và hiệu quả.")
TITLE = "Bế mạc Kỳ họp thứ 20 HĐND tỉnh khóa XVII"


def page(body: str, head: str = "", title: str = TITLE) -> bytes:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} - Cổng thông tin điện tử tỉnh"
            f"</title>{head}</head><body>{body}</body></html>").encode()


def paragraphs(ex: object) -> list[str]:
    return ex.text.split("\n\n") if ex.text else []  # type: ignore[attr-defined]


def test_comments_inside_a_paragraph_do_not_cut_it() -> None:
    """React writes <!-- --> between the text runs of one paragraph."""
    def cut(text: str) -> str:
        words = text.split(" ")
        return "<!-- -->".join(" ".join(words[i:i + 6]) + " " for i in range(0, len(words), 6)).rstrip()

    body = (f"<div id='root'><main><article><h1>{TITLE}</h1><div class='css-53u6y8'>"
            + "".join(f"<p class='css-at9mc1'>{cut(p)}</p>" for p in (P1, P2, P3)) + "</div></article></main></div>")
    ex = extract(page(body), "https://news.example.com/2024/07/12/be-mac-ky-hop")
    assert paragraphs(ex) == [P1, P2, P3]


@pytest.mark.parametrize("wrapper", [
    "field field--name-body field--type-text-with-summary field--label-hidden field--item",
    "field field-name-body field-type-text-with-summary field-label-hidden",
])
def test_drupal_body_with_summary_is_not_the_lead(wrapper: str) -> None:
    head = '<meta name="Generator" content="Drupal 8 (https://www.drupal.org)">'
    body = (f"<article class='node'><h1 class='page-title'>{TITLE}</h1><div class='node__content'>"
            f"<div class='{wrapper}'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></div></article>")
    ex = extract(page(body, head), "https://example.com/node/123")
    assert ex.cms == "drupal"
    assert ex.lead == ""
    assert paragraphs(ex) == [P1, P2, P3]


def test_a_long_lead_named_block_is_the_body_and_no_text_is_both_lead_and_body() -> None:
    """Sky News names its body container ``sdc-article-body--lead``."""
    body = (f"<h1>{TITLE}</h1><div class='sdc-article-body sdc-article-body--lead'>"
            + "".join(f"<p>{p}</p>" for p in (P1, P2, P3, P1.replace("12/7", "13/7"), P2.replace("tỉnh", "huyện")))
            + "</div>")
    ex = extract(page(body), "https://news.example.com/story/be-mac-ky-hop-123")
    assert ex.lead == ""
    assert paragraphs(ex)[:3] == [P1, P2, P3]


def test_a_short_summary_before_the_body_is_the_lead_once() -> None:
    lead = "Kỳ họp thứ 20 HĐND tỉnh khóa XVII đã hoàn thành toàn bộ nội dung, chương trình đề ra."
    body = (f"<h1>{TITLE}</h1><p class='article-summary'>{lead}</p>"
            f"<div class='article-text'><p>{lead}</p><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>")
    ex = extract(page(body), "https://news.example.com/be-mac-ky-hop-thu-20.html")
    assert ex.lead == lead
    assert paragraphs(ex) == [P1, P2, P3]
    assert fold(lead) not in fold(ex.text)


@pytest.mark.parametrize("char", list(INVISIBLE))
def test_invisible_characters_never_reach_the_text(char: str) -> None:
    soft = P1.replace("nghị quyết", f"nghị{char} quy{char}ết").replace("HĐND", f"HĐ{char}ND")
    body = f"<article><h1>Bế mạc Kỳ họp{char} thứ 20</h1><p>{soft}</p><p>{P2}</p><p>{P3}</p></article>"
    ex = extract(page(body), "https://news.example.com/be-mac-ky-hop-thu-20.html")
    for value in (ex.title, ex.lead, ex.text, *ex.captions):
        assert char not in value
    assert paragraphs(ex)[0] == P1
    assert ex.hdnd_score > 0


def test_invisible_characters_are_removed_from_queries_and_index_words() -> None:
    from indexer.query import clean_query
    from indexer.tokens import fold_tokens

    assert clean_query("nghị\u00ad quyết\u200b HĐ\ufeffND")[0] == "nghị quyết HĐND"
    assert fold_tokens("Hội\u2060 đồng nhân\u00ad dân") == ["hoi", "dong", "nhan", "dan"]


CHINESE = ["今天上午，市人民代表大会常务委员会召开第十二次会议，"
           "审议了关于城市基础设施建设的报告，与会代表进行了认真讨论。",
           "会议指出，要进一步加强监督工作，确保各项决议落到实处，"
           "切实维护人民群众的根本利益，推动经济社会高质量发展。",
           "会议还听取了关于预算执行情况的报告，并对下一阶段的重点工作作出了具体部署和安排。"]
JAPANESE = ["市議会は十二日、定例会の本会議を開き、新年度の予算案など十五議案を原案どおり可決した。",
            "議員からは、子育て支援の拡充や防災対策の強化を求める意見が相次いだ。市長は前向きに検討すると答えた。",
            "閉会後、議長は記者団に対し、市民の声を市政に反映させるため、委員会での審議を一層充実させたいと述べた。"]


@pytest.mark.parametrize("texts", [CHINESE, JAPANESE], ids=["chinese", "japanese"])
def test_chinese_and_japanese_prose_counts_as_prose(texts: list[str]) -> None:
    body = "<article><h1>市议会召开第十二次会议</h1>" + "".join(f"<p>{t}</p>" for t in texts) + "</article>"
    ex = extract(page(body, title="市议会召开第十二次会议"), "https://news.example.cn/2024/07/12/a.html")
    assert paragraphs(ex) == texts
    assert "little prose" not in (ex.problem or "")


def test_container_size_leaves_out_styles_and_scripts() -> None:
    """An ad block of CSS in a second ``entry-content`` outweighed the article by raw text size."""
    css = "<style>" + ".ad-slot{display:block;margin:0 auto;width:300px;height:250px}" * 60 + "</style>"
    body = (f"<div class='sidebar-ad'><div class='entry-content'>{css}<p>Quảng cáo đối tác</p>"
            "<script>var ads = ['x'];" + "window.ads.push({slot: 'top'});" * 40 + "</script>"
            f"<p>Liên hệ đặt quảng cáo trên cổng thông tin tỉnh: 0209 3870 123.</p></div></div>"
            f"<article><h1 class='entry-title'>{TITLE}</h1><div class='entry-content'>"
            f"<p>{P1}</p><p>{P2}</p><p>{P3}</p></div></article>")
    head = '<meta name="generator" content="WordPress 6.4">'
    ex = extract(page(body, head), "https://example.vn/2024/07/12/be-mac-ky-hop/")
    assert ex.cms == "wordpress"
    assert paragraphs(ex) == [P1, P2, P3]


def test_a_teaser_matching_the_first_selector_does_not_win_over_the_body() -> None:
    teaser = "<div class='entry-content'><p>Kỳ họp thứ 20 HĐND tỉnh bế mạc sau ba ngày làm việc.</p></div>"
    body = (f"<aside class='widget'><h3>Tin nổi bật</h3>{teaser}</aside>"
            f"<article><h1 class='entry-title'>{TITLE}</h1><div class='post-content'>"
            f"<p>{P1}</p><p>{P2}</p><p>{P3}</p></div></article>")
    head = '<meta name="generator" content="WordPress 6.4">'
    ex = extract(page(body, head), "https://example.vn/2024/07/12/be-mac-ky-hop/")
    assert paragraphs(ex) == [P1, P2, P3]


def test_a_family_rule_that_finds_much_less_than_the_generic_reading_is_not_trusted() -> None:
    """A theme that puts only the excerpt in ``entry-content`` and the article elsewhere."""
    extra = [P1.replace("12/7", f"{d}/7") for d in range(13, 17)]
    body = (f"<article><h1 class='entry-title'>{TITLE}</h1>"
            f"<div class='entry-content'><p>{P1[:120]}</p></div>"
            f"<div class='story-body'><p>{P1}</p><p>{P2}</p><p>{P3}</p>"
            + "".join(f"<p>{p}</p>" for p in extra) + "</div></article>")
    head = '<meta name="generator" content="WordPress 6.4">'
    ex = extract(page(body, head), "https://example.vn/2024/07/12/be-mac-ky-hop/")
    assert [P1, P2, P3, *extra] == [p for p in paragraphs(ex) if p != P1[:120].strip()]


def test_widgets_inside_a_family_container_stay_out() -> None:
    body = (f"<article><h1 class='entry-title'>{TITLE}</h1><div class='entry-content'>"
            f"<p>{P1}</p><div class='sharedaddy sd-sharing-enabled'><h3>Chia sẻ:</h3><a>Facebook</a></div>"
            f"<p>{P2}</p><div class='post-ratings'>Đánh giá: 4,5/5 (12 lượt)</div>"
            "<div class='newsletter-box'><p>Đăng ký nhận bản tin HĐND tỉnh mỗi tuần qua thư điện tử của bạn.</p>"
            "<form><input type='email'></form></div>"
            f"<p>{P3}</p>"
            "<div class='author-box'><p>Nguyễn Văn An là phóng viên Văn phòng Đoàn ĐBQH và HĐND tỉnh, phụ "
            "trách mảng kỳ họp và giám sát từ năm 2015.</p></div>"
            "<nav class='post-navigation'><a rel='prev'>Bài trước: Khai mạc kỳ họp</a>"
            "<a rel='next'>Bài sau: Tiếp xúc cử tri</a></nav>"
            "<div class='jp-relatedposts'><h3>Bài viết liên quan</h3><a>Khai mạc Kỳ họp thứ 20</a></div>"
            "<div class='advertisement'>Quảng cáo</div>"
            "</div></article>")
    head = '<meta name="generator" content="WordPress 6.4">'
    ex = extract(page(body, head), "https://example.vn/2024/07/12/be-mac-ky-hop/")
    assert paragraphs(ex) == [P1, P2, P3]


def test_headline_by_evidence_when_title_tag_holds_only_the_site_name() -> None:
    """A template nobody described: the headline in a title-named paragraph above the body, the
    print view's script repeating it, <title> naming the site and its province."""
    body = ("<div class='banner'><h1>Trang thông tin điện tử huyện Tiên Lãng</h1></div>"
            "<table><tr><td class='Time'>12/07/2024</td></tr>"
            f"<tr><td><p class='Title'>{TITLE} </p></td></tr>"
            f"<tr><td><div id='content'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></td></tr></table>"
            f"<script>function popup(){{ w.document.write('<h1>{TITLE}</h1>'); }}</script>")
    ex = extract(page(body, title="Trang Thông Tin Điện Tử huyện Tiên Lãng - TP. Hải Phòng"),
                 "https://tienlang.example.vn/be-mac-ky-hop/")
    assert ex.title == TITLE
    assert paragraphs(ex) == [P1, P2, P3]


def test_a_source_credit_is_not_the_author() -> None:
    body = (f"<article><h1>{TITLE}</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p>"
            "<p style='text-align:right'><strong>Minh Đức</strong></p><p>Theo Báo Hải Phòng</p></article>")
    ex = extract(page(body), "https://news.example.vn/be-mac-ky-hop-thu-20.html")
    assert (ex.author, ex.author_unit, ex.source) == ("Minh Đức", "", "Báo Hải Phòng")
    assert paragraphs(ex) == [P1, P2, P3]


SHORT = ("Chiều 3/10, Thường trực HĐND xã Tiên Minh tổ chức tiếp công dân định kỳ tháng 10. Đồng chí Chủ tịch "
         "HĐND xã chủ trì buổi tiếp.", "Tại buổi tiếp, 3 lượt công dân đến phản ánh về đất đai và chính sách. "
         "Các ý kiến đã được giải đáp, hướng dẫn cụ thể.")


def test_a_short_post_keeps_its_text() -> None:
    title = "Thường trực HĐND xã tiếp công dân tháng 10"
    body = f"<div class='khung'><b>{title}</b><p>{SHORT[0]}</p><p>{SHORT[1]}</p></div>"
    ex = extract(page(body, title=title), "https://tienminh.example.vn/tin/123")
    assert paragraphs(ex) == list(SHORT)
    assert ex.status in ("ok", "suspect") and ex.hdnd


def test_a_table_as_the_article_is_kept_as_suspect_with_the_reason() -> None:
    rows = "".join(f"<tr><td>{i}</td><td>Nghị quyết số {i}/NQ-HĐND</td><td>12/7/2024</td></tr>" for i in range(1, 12))
    body = (f"<h1>Danh mục nghị quyết Kỳ họp thứ 20</h1><table><tr><th>STT</th><th>Số, ký hiệu</th>"
            f"<th>Ngày ban hành</th></tr>{rows}</table>")
    ex = extract(page(body, title="Danh mục nghị quyết Kỳ họp thứ 20"), "https://hdnd.example.vn/nghi-quyet")
    assert ex.status == "suspect" and ex.problem and ex.problem.startswith("little prose")
    assert "5/NQ-HĐND" in ex.text  # nothing thrown away


def test_an_article_archived_with_invisible_characters_is_found_by_its_words(tmp_path: Path) -> None:
    """Articles extracted before invisible characters were removed still hold them in the archive:
    what is indexed is read without them, so "đ\u00adồng" is found as "đồng"."""
    from dataclasses import replace

    from crawler.archive.store import Archive
    from indexer.engines import DEFAULT_INDEX, open_engine
    from indexer.model import SearchQuery
    from indexer.sync import state_path, sync_index
    from tests.search_corpus import DOCS
    from tests.webdata import _store

    doc = replace(DOCS[0], id="soft", url="https://hdnd.example.gov.vn/tin/soft.html",
                  title="Kỳ họp thứ 9 H\u00adĐ\u200bND xã Tiên\u2060 Minh",
                  text="Hội đ\u00adồng nhân\ufeff dân xã Tiên Minh khóa XXI họp phiên bế mạc.")
    archive = Archive.open(tmp_path)
    try:
        _store(archive, doc)
        engine = open_engine("embedded", tmp_path)
        try:
            sync_index(archive, engine, state_path(tmp_path, engine.name, DEFAULT_INDEX), rebuild=True)
            # words that held an invisible character: "đ\u00adồng", "nhân\ufeff", "Tiên\u2060"
            for q in ("đồng nhân dân", "tiên minh khóa XXI", "Tiên Minh"):
                hits = engine.search(SearchQuery(q=q)).hits
                assert [h.title for h in hits] == ["Kỳ họp thứ 9 HĐND xã Tiên Minh"], q
        finally:
            engine.close()
    finally:
        archive.close()
