"""Real pages of a real district portal nobody here wrote (tests/fixtures/realpages/daksong/, the
Đắk Song portal's SharePoint 2010 / Lạc Việt BIO template, once common among district portals),
against the gold a person marked: headline (printed in ``<p class="Title">`` while ``<title>`` holds
only the site's name), date, author (a sign-off followed by a source credit), lead, and the body
from its first to its last paragraph with nothing else in it.

How the gold counts paragraphs (its own notes): page 1 prints the sapo twice, once in its summary
element and again as the body's first paragraph, and counts it once, as body paragraph 1; the
extractor keeps it once, as the lead, so the lead followed by the text is what the gold counts.
Page 3 has no summary element: its bold first paragraph acts as the lead, and the gold counts it
as body paragraph 1 too; its two crossheads and its info box are not counted as paragraphs but are
the article's text.
"""

from __future__ import annotations

import json

import pytest

from crawler.extract import Extracted, extract
from crawler.lang.textnorm import fold
from tests.paths import FIXTURES

DAKSONG = FIXTURES / "realpages" / "daksong"
GOLD = {page["file"]: page for page in json.loads((DAKSONG / "gold.json").read_text("utf-8"))}
ARTICLES = sorted(name for name, page in GOLD.items() if page["kind"] == "article")
# The info box of page 3 (a grey paragraph in a borderless table inside the body): article text the
# gold leaves out of its paragraph count.
INFO_BOX = {"03-daksong-ocop.html": ["Trong giai đoạn 2018-2020, Đắk Nông đăng ký 15 sản phẩm"]}


def run(name: str) -> Extracted:
    return extract((DAKSONG / name).read_bytes(), GOLD[name]["url"])


def body(ex: Extracted) -> list[str]:
    """The article as a reader reads it: the lead, then the paragraphs."""
    return ([ex.lead] if ex.lead else []) + (ex.text.split("\n\n") if ex.text else [])


def same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def test_the_gold_covers_three_articles_and_a_listing() -> None:
    assert len(ARTICLES) == 3 and [p["kind"] for p in GOLD.values()].count("listing") == 1


@pytest.mark.parametrize("name", ARTICLES)
def test_headline_date_and_author(name: str) -> None:
    ex, gold = run(name), GOLD[name]
    assert ex.title == gold["title"]
    assert (ex.published or "")[:10] == gold["published"]
    assert ex.author == gold["author"]
    assert ex.author_unit == ""  # "Theo …" after the sign-off is the source, not the author's office


@pytest.mark.parametrize("name", ARTICLES)
def test_headline_is_not_the_bodys_first_line(name: str) -> None:
    ex = run(name)
    assert not ex.text.startswith(ex.title)
    assert fold(ex.title) not in {fold(p) for p in body(ex)}


@pytest.mark.parametrize("name", ARTICLES)
def test_lead(name: str) -> None:
    ex, gold = run(name), GOLD[name]
    if gold["lead"]:
        assert same(ex.lead, gold["lead"])
    else:  # no summary element: a lead may only be the paragraph that acts as one, the first
        assert not ex.lead or same(ex.lead, gold["first_para"])


@pytest.mark.parametrize("name", ARTICLES)
def test_body_from_first_to_last_paragraph_and_nothing_else(name: str) -> None:
    ex, gold = run(name), GOLD[name]
    paragraphs = body(ex)
    assert same(paragraphs[0], gold["first_para"])
    assert same(paragraphs[-1], gold["last_para"])
    extras = [*gold.get("crossheads", []), *INFO_BOX.get(name, [])]
    ordinary = [p for p in paragraphs if not any(p.startswith(x) for x in extras)]
    assert len(ordinary) == gold["n_paras"]  # the lead, then the body: as the gold counts them
    assert len(paragraphs) - len(ordinary) == len(extras)


@pytest.mark.parametrize("name", ARTICLES)
def test_no_signoff_credit_caption_or_chrome_in_the_text(name: str) -> None:
    ex = run(name)
    text = fold(ex.text)
    for chrome in ("Bài, ảnh:", "Theo \"Báo", "http://", "Số lượt người xem", "Bản in", "TIN ĐÃ ĐƯA",
                   "Xem tiếp", "Trang Thông Tin Điện Tử huyện"):
        assert fold(chrome) not in text, chrome
    for caption in ex.captions:
        assert fold(caption) not in text


def test_source_credit_is_kept_apart() -> None:
    assert run("01-daksong-vuon-rau-thuy-canh.html").source == "Báo Đắk Nông điện tử"
    ex = run("03-daksong-ocop.html")  # republished with a bare link under the sign-off
    assert ex.source.startswith("http://www.baodaknong.org.vn/kinh-te/chuong-trinh-ocop")


def test_captions_of_the_image_tables() -> None:
    ex = run("03-daksong-ocop.html")
    assert len(ex.captions) == 3
    assert ex.captions[0].startswith("Ông Nguyễn Thế Hải, Phó Chủ tịch HĐQT HTX Hồ tiêu Thuận Phát")


@pytest.mark.parametrize("name", ARTICLES)
def test_status_ok(name: str) -> None:
    ex = run(name)
    assert (ex.status, ex.problem) == ("ok", None)
