"""Snippets and titles as safe HTML: the original accented text, escaped, matched words in <mark>.

Engines report what matched as character spans of the original text (tantivy) or wrap matches in
private-use marker characters (Meilisearch); both end here, where escaping happens first and the
<mark> tags are added after, so scraped text can never inject markup.
"""

from __future__ import annotations

from html import escape

# Private-use characters that never occur in scraped text (cleaned on the way in), used as
# highlight delimiters by engines that insert markers into the text.
PRE, POST = "\ue000", "\ue001"


def spans_to_html(text: str, spans: list[tuple[int, int]]) -> str:
    """Escape ``text`` and wrap each (start, end) span in <mark>; adjacent spans merge."""
    out: list[str] = []
    pos = 0
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1 and not text[merged[-1][1]:start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    for start, end in merged:
        if start < pos:
            continue
        out.append(escape(text[pos:start], quote=False))
        out.append(f"<mark>{escape(text[start:end], quote=False)}</mark>")
        pos = end
    out.append(escape(text[pos:], quote=False))
    return "".join(out)


def markers_to_html(marked: str) -> str:
    """Text with PRE/POST markers around matches → escaped HTML with <mark>."""
    spans: list[tuple[int, int]] = []
    plain: list[str] = []
    start = None
    length = 0
    for ch in marked:
        if ch == PRE:
            start = length
        elif ch == POST:
            if start is not None:
                spans.append((start, length))
            start = None
        else:
            plain.append(ch)
            length += 1
    return spans_to_html("".join(plain), spans)


def window(text: str, spans: list[tuple[int, int]], max_chars: int) -> tuple[str, list[tuple[int, int]]]:
    """The part of ``text`` (at most ``max_chars``, cut at spaces) with the most matches, spans shifted.

    Ellipses mark the cuts.
    """
    if len(text) <= max_chars:
        return text, spans
    # the window start (a little before some match) that covers the most matches: two pointers
    # over the matches sorted by start, linear in their number
    ordered = sorted(spans)
    best_start, best_count = 0, -1
    right = 0
    for left, (start, _) in enumerate(ordered or [(0, 0)]):
        begin = max(0, start - max_chars // 4)
        right = max(right, left)
        while right < len(ordered) and ordered[right][1] <= begin + max_chars:
            right += 1
        if right - left > best_count:
            best_start, best_count = begin, right - left
    begin = best_start
    if begin > 0:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < begin + 20 else begin
    end = min(len(text), begin + max_chars)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin + max_chars // 2 else end
    prefix = "… " if begin > 0 else ""
    suffix = " …" if end < len(text) else ""
    shifted = [(s - begin + len(prefix), e - begin + len(prefix)) for s, e in spans if s >= begin and e <= end]
    return prefix + text[begin:end] + suffix, shifted
