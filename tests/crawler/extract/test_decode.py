"""Text is stored as NFC whatever the page's bytes: windows-1258 (base letters plus combining tones),
NFD UTF-8, numeric and named character references all give the UTF-8 NFC extraction, field by field."""

from __future__ import annotations

import html.entities
import unicodedata

import pytest

from crawler.extract import extract

TITLE = "Thường trực HĐND tỉnh làm việc với Ủy ban MTTQ Việt Nam tỉnh về công tác phối hợp"
LEAD = "Ngày 17/4/2023, Thường trực HĐND tỉnh đã làm việc với Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh."
PARAS = [
    "Tại buổi làm việc, hai bên đã đánh giá kết quả thực hiện quy chế phối hợp trong giám sát, tiếp xúc cử tri, "
    "tiếp công dân và giải quyết kiến nghị của cử tri; nhiều kiến nghị đã được giải quyết dứt điểm.",
    "Đồng chí Phó Chủ tịch HĐND tỉnh đề nghị tiếp tục đổi mới nội dung, hình thức tiếp xúc cử tri, "
    "chú trọng tiếp xúc theo chuyên đề, theo nhóm đối tượng; thuỷ lợi, hoà giải ở cơ sở là ưu tiên.",
]
CAPTION = "Quang cảnh buổi làm việc (Ảnh: Đức Thuận)"


def page_text(charset: str = "utf-8") -> str:
    body = "".join(f'<p style="text-align: justify;">{p}</p>' for p in PARAS)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{TITLE}</title></head><body><div class="news_column"><h1 class="title">{TITLE}</h1>
<span class="h-time">Thứ hai - 17/04/2023 16:20</span><div class="hometext">{LEAD}</div>
<div id="news-bodyhtml" class="bodytext">{body}
<figure class="image"><img src="a.jpg"><figcaption>{CAPTION}</figcaption></figure>
<p style="text-align: right;"><strong>Tuyết Nhung - Văn phòng HĐND tỉnh</strong></p></div></div>
<script>var nv_base_siteurl = "/";</script></body></html>"""


def to_cp1258(text: str) -> bytes:
    """As Windows writes code page 1258: precomposed where the code page has the letter, else the
    letter with its vowel shape plus a combining tone mark; numeric references for the rest."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        shapes = "".join(m for m in parts[1:] if m in "\u0302\u0306\u031b")
        tones = "".join(m for m in parts[1:] if m not in "\u0302\u0306\u031b")
        try:
            out += unicodedata.normalize("NFC", parts[0] + shapes).encode("cp1258") + tones.encode("cp1258")
        except UnicodeEncodeError:
            out += f"&#{ord(ch)};".encode("ascii")
    return bytes(out)


def char_refs(text: str, hexadecimal: bool) -> str:
    out = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch)
        elif ord(ch) < 256 and ord(ch) in html.entities.codepoint2name:
            out.append(f"&{html.entities.codepoint2name[ord(ch)]};")
        else:
            out.append(f"&#x{ord(ch):X};" if hexadecimal else f"&#{ord(ch)};")
    return "".join(out)


URL = "https://xa.example.gov.vn/vi/news/hoat-dong/thuong-truc-hdnd-lam-viec-3084.html"


@pytest.fixture(scope="module")
def reference() -> dict[str, object]:
    ex = extract(page_text().encode("utf-8"), URL)
    assert ex.cms == "nukeviet"
    assert ex.title == TITLE and ex.lead == LEAD and ex.text.split("\n\n") == PARAS
    assert ex.captions == [CAPTION] and (ex.author, ex.author_unit) == ("Tuyết Nhung", "Văn phòng HĐND tỉnh")
    return ex.as_dict()


VARIANTS = {
    "windows-1258 by header": lambda: (to_cp1258(page_text("windows-1258")),
                                       {"Content-Type": ["text/html; charset=windows-1258"]}),
    "windows-1258 by meta only": lambda: (to_cp1258(page_text("windows-1258")), None),
    "NFD UTF-8": lambda: (unicodedata.normalize("NFD", page_text()).encode("utf-8"), None),
    "decimal references": lambda: (char_refs(page_text(), hexadecimal=False).encode("ascii"), None),
    "hex references": lambda: (char_refs(page_text(), hexadecimal=True).encode("ascii"), None),
    "combining-mark references": lambda: (char_refs(unicodedata.normalize("NFD", page_text()), True).encode(), None),
    "str input": lambda: (page_text(), None),
    "UTF-8 BOM": lambda: (b"\xef\xbb\xbf" + page_text().encode("utf-8"), None),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variant_extracts_identically(variant: str, reference: dict[str, object]) -> None:
    body, headers = VARIANTS[variant]()
    got = extract(body, URL, headers=headers).as_dict()
    assert got == reference
    for key in ("title", "lead", "text", "author", "author_unit"):
        assert unicodedata.is_normalized("NFC", got[key])  # type: ignore[arg-type]


def test_cp1258_really_holds_combining_marks() -> None:
    raw = to_cp1258(page_text("windows-1258"))
    assert b"\xf2" in raw or b"\xec" in raw  # U+0323 / U+0301 as cp1258 bytes
    assert unicodedata.normalize("NFC", raw.decode("cp1258")) == page_text("windows-1258")


def test_encoding_argument_is_used_when_the_page_declares_none() -> None:
    text = page_text().replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />', "")
    ex = extract(to_cp1258(text), URL, encoding="windows-1258")
    assert ex.title == TITLE and ex.text.split("\n\n") == PARAS
