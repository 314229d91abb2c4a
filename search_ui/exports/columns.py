"""What an export holds: its columns, and how a scraped value becomes a safe cell.

Two exports share one column model: a search result set (the page's columns, Vietnamese headers,
levels in words, dates as dates) and the whole archive (every field of the archive under its own
name, values as stored). Scraped text is untrusted: a cell a spreadsheet would run as a formula is
neutralised, whatever the format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from search_ui.formatting import LEVEL_WORDS, sheet_text


@dataclass(frozen=True)
class Column:
    key: str          # JSON Lines key
    header: str       # CSV/XLSX header
    kind: str = "text"   # text, level (shown in Vietnamese), datetime (as published), instant (UTC)
    width: int = 18


def columns(text: str = "snippet") -> list[Column]:
    """A search export's columns in order; the text column is the snippet or the full text."""
    body = Column("snippet", "Trích đoạn", width=60) if text == "snippet" else Column("text", "Toàn văn", width=80)
    return [
        Column("title", "Tiêu đề", width=50), Column("published", "Ngày đăng", "datetime", 17),
        Column("site", "Mã trang", width=16), Column("site_name", "Tên trang", width=32),
        Column("province", "Tỉnh (theo trang)", width=16), Column("province_current", "Tỉnh hiện nay", width=16),
        Column("level", "Cấp", "level", 8), Column("author", "Tác giả", width=20), Column("url", "URL", width=40),
        Column("fetched_at", "Thời điểm thu thập", "instant", 19), body,
        Column("duplicate_of", "Là bản sao của", width=40), Column("citation", "Trích dẫn", width=60),
        Column("id", "Mã bài", width=17), Column("source", "Nguồn tin", width=32),
    ]


# The whole-archive export's fields, in order: a contract scripts rely on (new fields go last).
ARCHIVE_FIELDS: tuple[str, ...] = (
    "id", "url", "site", "site_name", "province", "province_current", "level", "title", "published",
    "published_source", "author", "author_unit", "lead", "text", "captions", "hdnd", "hdnd_score",
    "duplicate_of", "fetched_at", "sha256", "final_url", "cms", "extract_status", "extract_problem", "source",
)


def archive_columns() -> list[Column]:
    """The whole-archive export's fields as columns: headers are the field names, values raw."""
    return [Column(name, name) for name in ARCHIVE_FIELDS]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: str) -> str:
    """Make a cell inert in Excel/LibreOffice: a leading quote before =, +, -, @, tab or CR.

    OWASP's advice for CSV injection; the apostrophe is what spreadsheets themselves use to mark
    "this is text", and it does not show in the cell.
    """
    if value and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def cell(value: Any) -> str:
    """Any value as the text of a cell: lists joined, booleans spelled, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = " | ".join(str(v) for v in value)
    return neutralise(str(value))


def shown(column: Column, value: Any) -> str:
    """A value as a CSV cell shows it: dates in Vietnam time, levels in words."""
    if column.kind in ("datetime", "instant") and isinstance(value, str):
        value = sheet_text(value, with_seconds=column.kind == "instant")
    elif column.kind == "level" and isinstance(value, str):
        value = LEVEL_WORDS.get(value, value)
    return cell(value)
