"""The extractor on what the web really serves: real government pages (tests/fixtures/realpages/,
byte-exact public copies, see SOURCES.md there) and broken input. It never raises, always returns
NFC, marks pages that are not articles (keeping the little it found, so nothing is lost silently),
and loses none of the prose plain trafilatura finds on article-like pages."""

from __future__ import annotations

import unicodedata

import pytest
import trafilatura

from crawler.extract import extract
from crawler.extract.decode import decode_html
from crawler.extract.quality import is_prose
from crawler.lang.textnorm import fold
from tests.paths import FIXTURES

REAL = FIXTURES / "realpages"
PAGES = sorted(p.name for p in REAL.glob("*.html"))
NOT_ARTICLES = ["vbpl-search-listing.html", "vbpl-thuoctinh-itemid96172.html", "vpcp-chinhphu-home.html",
                "vbpl-vbhn-itemid147301.html", "anle-toaan-63-2023-AL.html"]
ARTICLE_LIKE = ["vbpl-toanvan-itemid32801.html"]


def test_fixtures_are_all_here() -> None:
    assert len(PAGES) == 6 and set(NOT_ARTICLES + ARTICLE_LIKE) == set(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_real_page_never_raises_and_is_nfc(name: str) -> None:
    ex = extract((REAL / name).read_bytes(), f"https://example.gov.vn/{name}")
    assert ex.status in ("ok", "suspect", "failed")
    for value in (ex.title, ex.lead, ex.text, ex.author, ex.author_unit, *ex.captions):
        assert unicodedata.is_normalized("NFC", value)
    assert "\r" not in ex.text and "\x00" not in ex.text


@pytest.mark.parametrize("name", NOT_ARTICLES)
def test_non_articles_are_marked_with_the_reason(name: str) -> None:
    ex = extract((REAL / name).read_bytes(), f"https://example.gov.vn/{name}")
    assert ex.status == "suspect" and ex.problem and ex.problem.startswith("little prose")


def _plain_prose(raw: bytes) -> list[str]:
    doc = trafilatura.bare_extraction(decode_html(raw), with_metadata=True)
    lines = (doc.as_dict()["text"] or "").split("\n") if doc else []
    return [" ".join(line.split()) for line in lines if is_prose(line) and not line.lstrip().startswith("|")]


@pytest.mark.parametrize("name", ARTICLE_LIKE)
def test_article_like_pages_keep_all_of_trafilaturas_prose(name: str) -> None:
    raw = (REAL / name).read_bytes()
    ex = extract(raw, f"https://example.gov.vn/{name}")
    assert ex.status != "failed"
    ours = " ".join(fold(" ".join(x.split())) for x in (ex.title, ex.lead, ex.text, *ex.captions, ex.author))
    prose = _plain_prose(raw)
    assert len(prose) > 100
    missing = [line for line in prose if fold(line) not in ours]
    assert len(missing) <= 0.01 * len(prose), missing[:5]
    assert "Trải qua mấy nghìn năm lịch sử, Nhân dân Việt Nam" in ex.text


def test_mixed_nfc_nfd_page_comes_out_nfc() -> None:
    raw = (REAL / "vbpl-toanvan-itemid32801.html").read_bytes()
    assert sum(unicodedata.combining(c) > 0 for c in raw.decode("utf-8")) > 100  # the fixture is mixed
    ex = extract(raw, "https://vbpl.vn/x")
    assert not any(unicodedata.combining(c) for c in ex.text)


GARBAGE = {
    "empty": b"",
    "whitespace": b"   \n\t ",
    "binary": bytes(range(256)) * 20,
    "pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
    "json": b'{"d": "<p>not a page</p>"}',
    "just text": "Hội đồng nhân dân tỉnh. ".encode() * 50,
    "unclosed": b"<html><body><div><p>Chao " * 500,
    "deep nesting": b"<div>" * 5000 + "Nội dung rất sâu của bài viết lồng nhiều lớp.".encode() + b"</div>" * 5000,
    "xml declaration": '<?xml version="1.0" encoding="utf-8"?><html><body><p>Xin chào</p></body></html>'.encode(),
    "wrong charset": b'<meta charset="klingon"><p>\xe1\xbb\x87</p>',
    "comment only": b"<!-- <p>Hidden</p> -->",
    "frameset": b"<html><frameset><frame src='a.html'></frameset></html>",
}


@pytest.mark.parametrize("name", sorted(GARBAGE))
def test_bad_input_never_raises(name: str) -> None:
    ex = extract(GARBAGE[name], "https://example.gov.vn/x")
    assert ex.status in ("failed", "suspect", "ok")
    assert unicodedata.is_normalized("NFC", ex.text)


def test_bad_arguments_never_raise() -> None:
    for ex in (extract(b"<p>x</p>", ""),
               extract(b"<p>x</p>", "not a url", headers={"Content-Type": []}, encoding="nope"),
               extract(b"<p>x</p>", "https://x.vn", cms="no-such-family", listing_date="hôm qua")):
        assert ex.status == "suspect" and ex.problem and "little prose" in ex.problem
    ex = extract(None, "https://x.vn")  # type: ignore[arg-type]
    assert ex.status == "failed" and ex.problem == "empty page"


def test_huge_view_state_is_dropped_before_reading() -> None:
    """1.2 MB of base64 state never reaches the text (its cost is bench/extract.py's to measure)."""
    from crawler.extract.decode import drop_view_state

    state = "/wEP" + "QUJD" * 300_000
    html = ("<html><body><form><input type='hidden' name='__VIEWSTATE' value='" + state + "' />"
            "<div class='ArticleContent'>" + "<p>Đoạn văn bản của bài viết về kỳ họp HĐND tỉnh khóa XVII.</p>" * 20
            + "</div></form></body></html>")
    assert len(drop_view_state(html)) < 2_000
    ex = extract(html.encode(), "https://x.example.gov.vn/tin-tuc/ky-hop-hdnd-tinh-khoa-xvii-12345")
    assert "/wEP" not in ex.text and "QUJD" not in ex.text
    assert ex.text.count("\n\n") == 19
