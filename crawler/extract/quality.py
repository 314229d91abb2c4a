"""Is the extraction believable? Every page keeps what was found; doubts are written down, not acted on.

"failed": nothing to keep at all (no text, or the extractor broke); such pages never reach the index.
"suspect": kept and searchable, listed for review with the reason: little prose (a short post, a
table as the article, a listing), no date, no title, a body shorter than its lead. Extraction never
throws text away: a two-paragraph council notice is worth more to a journalist than a clean gate,
and the crawler, not the extractor, decides what is an article page (crawler/judgment/judge.py).

Prose is measured in characters, not space-separated words, so Chinese and Japanese text counts;
a Chinese, Japanese or Korean character counts twice, as it is printed (and carries about as much
as two letters of an alphabet do).
"""

from __future__ import annotations

import re

from crawler.extract.model import FAILED, OK, SUSPECT, Extracted

# A paragraph of prose: enough letters, and a sentence end or the length only sentences reach.
_PROSE_CHARS = 40
_PROSE_LONG = 100
_SENTENCE_END = re.compile(r"[.!?…:;。！？]['\")»”」』）]*$")
# Less prose than this in the whole body, or prose a small part of a short text (a home page's few
# long headlines among its menus): probably not an article, so the page is kept as suspect.
MIN_PROSE = 200
MIN_PROSE_SHARE = 0.25
SURE_PROSE = 600
NOT_AN_ARTICLE = "little prose"
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def width(text: str) -> int:
    """Length with wide (CJK) characters counted twice."""
    return len(text) + len(_WIDE.findall(text)) if text and not text.isascii() else len(text)


def is_prose(paragraph: str) -> bool:
    """A sentence-like paragraph: not a menu line, a label or a row of a table."""
    size = width(paragraph)
    if size < _PROSE_CHARS or paragraph.count(" | ") >= 2:
        return False
    return bool(_SENTENCE_END.search(paragraph)) or size >= _PROSE_LONG


def prose_chars(paragraphs: list[str], lead: str = "") -> int:
    return sum(width(p) for p in paragraphs if is_prose(p)) + (width(lead) if is_prose(lead) else 0)


def assess(ex: Extracted, paragraphs: list[str]) -> Extracted:
    """Set ``status`` and ``problem`` (problems joined with "; ")."""
    if not paragraphs and not ex.lead:
        ex.status, ex.problem = FAILED, "no article text found"
        return ex
    problems = []
    prose = prose_chars(paragraphs, ex.lead)
    total = sum(width(p) for p in paragraphs) + width(ex.lead)
    if prose < MIN_PROSE or (prose < SURE_PROSE and prose < MIN_PROSE_SHARE * total):
        problems.append(f"{NOT_AN_ARTICLE}: {prose} of {total} characters are prose (a short post, "
                        f"a table, a listing?)")
    if not paragraphs:
        problems.append("no body, only a lead")
    elif ex.lead and len(ex.text) < len(ex.lead):
        problems.append("body shorter than the lead")
    if not ex.published:
        problems.append("no publication date")
    if not ex.title:
        problems.append("no title")
    ex.status = SUSPECT if problems else OK
    ex.problem = "; ".join(problems) or None
    return ex
