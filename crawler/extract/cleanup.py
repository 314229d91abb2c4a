"""Boilerplate: the widgets and phrases portals wrap around an article, told apart from the article.

Two levels, because each catches what the other cannot. Elements are dropped by class (share bars,
related lists, tool bars: boilerplate.toml ``[classes]``, plus the family's ``strip`` selectors)
before any text is read; paragraphs are dropped by their words ("Lượt xem: 1.234", "Tăng cỡ chữ
Giảm cỡ chữ") when the markup gave nothing away, which on these portals is often. Text rules only
ever remove short paragraphs that are chrome as a whole: a sentence that merely mentions "bản in"
stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from crawler.extract.blocks import CAPTION, IMAGE, TEXT, Block
from crawler.extract.credits import is_credit, source_of
from crawler.extract.tree import HtmlElement, ParsedPage, hidden, matches, select_any
from crawler.lang.dates import find_dates
from crawler.lang.textnorm import fold as folded
from crawler.rules import Family, boilerplate, families

# After a family token, this much more text is still the widget ("Viết bởi Super User").
_FAMILY_TAIL = 30
# No chrome paragraph is longer (the longest rule, the "Ghi rõ nguồn … khi phát hành lại" notice,
# stays under 200): longer paragraphs are article without being folded and searched.
MAX_CHROME = 300
# Tool bars printed as one line: "Bản in | Gửi bài viết | Về đầu trang".
_BAR = re.compile(r"\s[|•·/]\s|\s{3,}")
_TRIM = " :.…|-–>»"


@dataclass(frozen=True)
class Stripper:
    """Decides which elements are never article text on this page."""

    explicit: frozenset[HtmlElement]

    def __call__(self, el: HtmlElement) -> bool:
        if el in self.explicit:
            return True
        return bool(el.attrib) and (hidden(el) or matches(el, boilerplate().strip_classes))


def stripper(doc: ParsedPage, fam: Family | None) -> Stripper:
    """The page's stripper: the family's ``strip`` selectors resolved once (in one pass), the widget
    class patterns asked of the elements the body walk meets, which are few beside the page's."""
    if fam is None or not fam.strip:
        return Stripper(frozenset())
    return Stripper(frozenset(select_any(doc.root, fam.strip)))


def is_boilerplate(text: str, fam: Family | None = None) -> bool:
    """True when a whole paragraph is portal chrome rather than article. Remembered per text and
    family: the body's steps ask it of the same paragraphs several times."""
    if len(text) > MAX_CHROME:
        return False
    return _is_chrome(text, fam.name if fam is not None else None)


@lru_cache(maxsize=8192)
def _is_chrome(text: str, fam_name: str | None) -> bool:
    key = folded(text)
    if not key:
        return True
    bp = boilerplate()
    bare = key.rstrip(_TRIM)
    if bare in bp.exact:
        return True
    if len(key) <= bp.prefix_max_chars and key.startswith(bp.prefixes):
        return True
    if _patterns(bp.patterns).search(key):
        return True
    fam = families().get(fam_name) if fam_name else None
    if fam is not None:
        for tok in _family_tokens(fam.boilerplate):
            if bare == tok or (key.startswith(tok) and len(key) - len(tok) <= _FAMILY_TAIL):
                return True
    parts = [p for p in _BAR.split(text) if p.strip()]
    return len(parts) > 1 and all(_is_chrome(p, fam_name) for p in parts)


@cache
def _patterns(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """The whole-paragraph patterns as one expression: one search instead of one per pattern."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns) or "(?!)")


@cache
def _family_tokens(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in (folded(tok).rstrip(_TRIM) for tok in tokens) if t)


def clean_blocks(blocks: list[Block], fam: Family | None, title: str, lead: str) -> list[Block]:
    """Drop chrome paragraphs, photo credit lines, and a headline, sapo or date line repeated at the
    top of the body; keep captions; drop image markers once captions have used them. Source
    credits stay for ``credits.take_credits``, which keeps the source they name."""
    title_key, lead_key = folded(title), folded(lead)
    out: list[Block] = []
    for block in blocks:
        if block.kind == IMAGE:
            continue
        if block.kind == CAPTION:
            if block.text and not is_boilerplate(block.text, fam):
                out.append(block)
            continue
        if is_boilerplate(block.text, fam) or (is_credit(block.text) and not source_of(block.text)):
            continue
        at_top = not any(b.kind == TEXT for b in out)
        key = folded(block.text)
        if at_top and (key == title_key or (lead_key and key == lead_key) or date_line(block.text)):
            continue
        out.append(block)
    return out


def date_line(text: str) -> bool:
    """A line that is only a date and its label ("Thứ Tư 26/06/2024 16:34", "Cập nhật: 17/04/2023")."""
    if len(text) > 60:
        return False
    found = find_dates(text)
    if not found:
        return False
    rest = text[:found[0].start] + text[found[0].end:]
    return len(" ".join(rest.split())) <= 30
