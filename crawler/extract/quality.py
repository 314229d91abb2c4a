"""Is the extraction believable? Pages that fail or look wrong stay in the archive with a reason.

"failed": nothing that reads like an article (empty, or a listing, a form, a properties table: lines
of links and labels, no sentences); the text is cleared so such pages never reach the index.
"suspect": an article with something missing or odd (no date, no title, a body shorter than its lead).
"""

from __future__ import annotations

import re

from crawler.extract.model import FAILED, OK, SUSPECT, Extracted

# A paragraph of prose: enough words, and a sentence end or the length only sentences reach.
_PROSE_WORDS = 8
_PROSE_LONG = 100
_SENTENCE_END = re.compile(r"[.!?…:;]['\")»”]*$")
# Less prose than this in the whole body, or prose a small part of a short text (a home page's few
# long headlines among its menus): not an article.
MIN_PROSE = 200
MIN_PROSE_SHARE = 0.25
SURE_PROSE = 600


def is_prose(paragraph: str) -> bool:
    words = paragraph.split()
    if len(words) < _PROSE_WORDS or paragraph.count(" | ") >= 2:
        return False
    return bool(_SENTENCE_END.search(paragraph)) or len(paragraph) >= _PROSE_LONG


def judge(ex: Extracted, paragraphs: list[str]) -> Extracted:
    """Set ``status`` and ``problem`` (problems joined with "; ")."""
    if not paragraphs and not ex.lead:
        return _fail(ex, "no article text found")
    prose = sum(len(p) for p in paragraphs if is_prose(p)) + (len(ex.lead) if is_prose(ex.lead) else 0)
    total = sum(len(p) for p in paragraphs) + len(ex.lead)
    if prose < MIN_PROSE or (prose < SURE_PROSE and prose < MIN_PROSE_SHARE * total):
        return _fail(ex, f"not an article: {prose} characters of prose (a listing, form or table page?)")
    problems = []
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


def _fail(ex: Extracted, problem: str) -> Extracted:
    ex.status, ex.problem = FAILED, problem
    ex.text, ex.lead, ex.captions, ex.author, ex.author_unit = "", "", [], "", ""
    return ex
