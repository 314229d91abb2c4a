"""How dates, places, levels and citations read to a Vietnamese journalist, in one place.

The page, the exports and the article view must say the same thing the same way: a date written
day first, a place that names both the province the site belonged to and today's province after
the 2025 merger, and a citation line that can be pasted into a story as it is.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")

LEVEL_NAMES = {"province": "Cấp tỉnh", "district": "Cấp huyện", "commune": "Cấp xã"}
LEVEL_WORDS = {"province": "tỉnh", "district": "huyện", "commune": "xã"}

# Where a publication date came from (articles.published_source), so a reader can judge it.
DATE_SOURCES = {
    "page": "ghi trên trang bài viết",
    "metadata": "trong siêu dữ liệu (meta) của trang",
    "url": "suy ra từ địa chỉ URL",
    "listing": "ghi bên cạnh liên kết ở trang danh sách tin",
    "feed": "trong nguồn tin RSS/Atom",
    "sitemap": "trong sơ đồ trang (sitemap)",
}


def parse_when(value: str | None) -> datetime | date | None:
    """An ISO date or datetime as stored in the archive; None for anything else."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def vn_date(value: str | None) -> str:
    """26/06/2024, or 26/06/2024 16:34 when the time is known; the publisher's own clock is kept."""
    when = parse_when(value)
    if when is None:
        return ""
    if isinstance(when, datetime):
        if when.hour == 0 and when.minute == 0 and when.second == 0:
            return when.strftime("%d/%m/%Y")
        return when.strftime("%d/%m/%Y %H:%M")
    return when.strftime("%d/%m/%Y")


def vn_day(value: str | None) -> str:
    """Only the day, 26/06/2024 (for citations)."""
    when = parse_when(value)
    if when is None:
        return ""
    if isinstance(when, datetime) and when.tzinfo is not None:
        when = when.astimezone(VN_TZ)
    return when.strftime("%d/%m/%Y")


def vn_time(value: str | None) -> str:
    """A UTC instant (fetch time) in Vietnam time: 12/01/2025 10:04:05 (UTC+7)."""
    when = parse_when(value)
    if not isinstance(when, datetime):
        return value or ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M:%S") + " (UTC+7)"


def sheet_datetime(value: str | None) -> datetime | None:
    """A naive datetime for a spreadsheet cell: local time as published, fetch times in UTC+7."""
    when = parse_when(value)
    if when is None:
        return None
    if isinstance(when, datetime):
        if when.tzinfo is not None and when.utcoffset() == timedelta(0):
            when = when.astimezone(VN_TZ)
        return when.replace(tzinfo=None)
    return datetime(when.year, when.month, when.day)


def sheet_text(value: str | None, with_seconds: bool = False) -> str:
    """2024-06-26 16:34 (or 2024-06-26): the form every spreadsheet locale reads as a date."""
    when = sheet_datetime(value)
    if when is None:
        return value or ""
    if with_seconds:
        return when.strftime("%Y-%m-%d %H:%M:%S")
    if len((value or "").strip()) == 10 or (when.hour, when.minute, when.second) == (0, 0, 0):
        return when.strftime("%Y-%m-%d")
    return when.strftime("%Y-%m-%d %H:%M")


def place(province: str, current: str) -> str:
    """'Bắc Kạn (nay Thái Nguyên)' when the site's province merged into another, else the name."""
    if not province:
        return current or ""
    if current and current != province:
        return f"{province} (nay {current})"
    return province


def level_name(level: str) -> str:
    return LEVEL_NAMES.get(level, level or "")


def citation(title: str, site_name: str, published: str | None, url: str, accessed: str | None) -> str:
    """“Title”, Site, 26/06/2024, URL (truy cập 12/01/2025): ready to paste under a quote."""
    parts = [f"“{title.strip() or 'Không có tiêu đề'}”"]
    if site_name:
        parts.append(site_name)
    day = vn_day(published)
    parts.append(f"ngày {day}" if day else "không rõ ngày đăng")
    parts.append(url)
    line = ", ".join(parts)
    seen = vn_day(accessed)
    return f"{line} (truy cập ngày {seen})." if seen else f"{line}."


_MARK_RE = re.compile(r"</?mark>")


def plain(snippet_html: str, color: bool = False) -> str:
    """Snippet HTML to text: marks become bold on a terminal and vanish elsewhere (exports)."""
    if color:
        text = snippet_html.replace("<mark>", "\x1b[1m").replace("</mark>", "\x1b[0m")
    else:
        text = _MARK_RE.sub("", snippet_html)
    return html.unescape(text)
