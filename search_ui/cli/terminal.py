"""Search results as text for a terminal: what ``hdnd search`` prints without ``--json``."""

from __future__ import annotations

from indexer.model import SearchQuery, SearchResult
from search_ui.formatting import plain


def format_result(result: SearchResult, query: SearchQuery, color: bool = False) -> str:
    lines: list[str] = []
    if result.message:
        lines.append(f"! {result.message}")
    shown_to = query.offset + len(result.hits)
    if result.total == 0:
        lines.append("Không tìm thấy bài nào. Thử bớt từ khóa, bỏ bộ lọc, hoặc viết không dấu.")
        return "\n".join(lines)
    lines.append(f"{result.total} bài (đang xem {query.offset + 1}–{shown_to})")
    for n, hit in enumerate(result.hits, start=query.offset + 1):
        date = (hit.published or "không rõ ngày")[:16].replace("T", " ")
        place = hit.province if hit.province == hit.province_current else f"{hit.province} (nay {hit.province_current})"
        lines.append("")
        lines.append(f"{n}. {hit.title}")
        lines.append(f"   {date} · {hit.site_name} · {place}")
        lines.append(f"   {hit.url}")
        if hit.snippet:
            lines.append(f"   {plain(hit.snippet, color)}")
        if hit.duplicates:
            lines.append(f"   Cũng đăng tại: {', '.join(hit.duplicates)}")
    if shown_to < result.total:
        lines.append("")
        lines.append(f"Xem tiếp: --offset {shown_to}")
    return "\n".join(lines)
