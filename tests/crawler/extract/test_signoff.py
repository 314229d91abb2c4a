"""crawler/extract/signoff.py: the author's sign-off leaves the body and becomes ``author``.

Every form printed on the sample portals and the seeds, plus the closing sentences that look a bit
like a sign-off and must stay in the text.
"""

from __future__ import annotations

import pytest

from crawler.extract.blocks import CAPTION, TEXT, Block
from crawler.extract.signoff import Signoff, is_name, is_unit, parse, take

SIGNOFFS = [
    ("Tác giả bài viết: Tuyết Nhung", False, "Tuyết Nhung", ""),
    ("Tin, ảnh: Thu Hương", False, "Thu Hương", ""),
    ("Tin và ảnh: Đức Thuận", False, "Đức Thuận", ""),
    ("Hà Trang- Văn phòng Huyện ủy Bình Giang", False, "Hà Trang", "Văn phòng Huyện ủy Bình Giang"),
    ("Trần Tương - Trung tâm TT và VH", False, "Trần Tương", "Trung tâm TT và VH"),
    ("Trần Tương\nTrung tâm TT và VH", False, "Trần Tương", "Trung tâm TT và VH"),
    ("Minh Đức (Văn phòng HĐND tỉnh)", False, "Minh Đức", "Văn phòng HĐND tỉnh"),
    ("Bế Thị Lan (Văn phòng Đoàn ĐBQH và HĐND tỉnh)", True, "Bế Thị Lan", "Văn phòng Đoàn ĐBQH và HĐND tỉnh"),
    ("Ngọc Lan - Quang Huy", True, "Ngọc Lan, Quang Huy", ""),
    ("Minh Hà - Đức Thắng", False, "Minh Hà, Đức Thắng", ""),
    ("Thu Hằng- Trạm Y tế xã", True, "Thu Hằng", "Trạm Y tế xã"),
    ("Phạm Thủy - Trung tâm Văn hóa, Thông tin và Thể thao huyện", True, "Phạm Thủy",
     "Trung tâm Văn hóa, Thông tin và Thể thao huyện"),
    ("Thu Cúc", False, "Thu Cúc", ""),
    ("Nông Thuỷ", True, "Nông Thuỷ", ""),
    ("Đoàn Thị Hương", True, "Đoàn Thị Hương", ""),   # "Đoàn" is a family name here, not a unit
    ("Thanh Tâm - Đoàn ĐBQH tỉnh", True, "Thanh Tâm", "Đoàn ĐBQH tỉnh"),
]


@pytest.mark.parametrize(("line", "formatted", "author", "unit"), SIGNOFFS)
def test_sign_off_forms(line: str, formatted: bool, author: str, unit: str) -> None:
    assert parse(line, formatted) == Signoff(author, unit)


NOT_SIGNOFFS = [
    "Kỳ họp bế mạc.",
    "Theo báo cáo của Thường trực HĐND tỉnh tại Hội nghị:",
    "Hội nghị thành công tốt đẹp",
    "Đồng chí Nguyễn Văn Đô phát biểu kết luận",
    "Ngày 17/4/2023",
    "Kết quả cụ thể như sau",
    "Văn phòng HĐND tỉnh",                     # a unit alone names no one
    "",
]


@pytest.mark.parametrize("line", NOT_SIGNOFFS)
def test_closing_sentences_are_not_sign_offs(line: str) -> None:
    assert parse(line, formatted=True) is None


def test_unformatted_name_with_a_non_unit_tail_is_kept_in_the_text() -> None:
    # Bold or right-aligned it would be a sign-off; plain, "Hà Nội - Hải Phòng" is not a person + unit.
    assert parse("Hà Nội - Hải Phòng nắng nóng", formatted=False) is None


def test_names_and_units() -> None:
    assert is_name("Hoàng Yến") and is_name("Bế Thị Lan") and not is_name("Văn phòng HĐND tỉnh")
    assert not is_name("UBND xã") and not is_name("Hội nghị giao ban")
    assert is_unit("Trung tâm TT và VH") and is_unit("UBND xã") and not is_unit("Quang Huy")


def _blocks(*texts: str, **fmt: object) -> list[Block]:
    return [Block(t, TEXT, group=i, **fmt) for i, t in enumerate(texts)]  # type: ignore[arg-type]


def test_take_removes_the_last_line_only() -> None:
    blocks = _blocks("Đoạn một của bài viết, dài đủ để là một đoạn văn.", "Hoàng Yến")
    rest, sign = take(blocks)
    assert sign == Signoff("Hoàng Yến", "")
    assert [b.text for b in rest] == ["Đoạn một của bài viết, dài đủ để là một đoạn văn."]


def test_take_joins_name_and_unit_on_two_lines() -> None:
    blocks = _blocks("Nội dung bài viết kết thúc tại đây./.", "Trần Tương", "Trung tâm TT và VH")
    rest, sign = take(blocks)
    assert sign == Signoff("Trần Tương", "Trung tâm TT và VH")
    assert [b.text for b in rest] == ["Nội dung bài viết kết thúc tại đây./."]


def test_take_skips_captions_after_the_sign_off() -> None:
    blocks = [*_blocks("Nội dung bài viết.", "Thu Cúc"), Block("Toàn cảnh hội nghị", CAPTION)]
    rest, sign = take(blocks)
    assert sign is not None and sign.author == "Thu Cúc"
    assert [b.kind for b in rest] == [TEXT, CAPTION]


def test_take_leaves_a_prose_ending_alone() -> None:
    blocks = _blocks("Nội dung.", "Hội nghị đã hoàn thành nội dung, chương trình đề ra.")
    rest, sign = take(blocks)
    assert sign is None and len(rest) == 2
