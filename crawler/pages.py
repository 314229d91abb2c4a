"""Judge a fetched page: is it one article (archive it) or a page of links (follow them)?

A link's URL shape is only a guess; the page decides. An article has its family's body container
with real text, or article metadata, or a block of prose paragraphs; a listing is mostly links.
Pages that are both (articles with "Tin cùng chuyên mục") are archived and their links followed.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import html as lxml_html

from crawler.rules import Family

_MIN_BODY_CHARS = 150
_MIN_PROSE_CHARS = 500
_MIN_PARAGRAPH = 60
_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form"}


@dataclass(frozen=True)
class Verdict:
    """Whether a page is an article, and the evidence, kept for the log and for tests."""

    article: bool
    reason: str


def _has_article_meta(root: lxml_html.HtmlElement) -> bool:
    for meta in root.iter("meta"):
        prop = (meta.get("property") or meta.get("name") or "").lower()
        if prop == "og:type" and (meta.get("content") or "").lower() == "article":
            return True
        if prop in ("article:published_time", "datepublished"):
            return True
    return bool(root.xpath("//*[@itemprop='articleBody']"))


def body_text_length(root: lxml_html.HtmlElement, selectors: tuple[str, ...]) -> tuple[int, int]:
    """Characters in the first matching body container of the family, and how many containers
    of that selector hold real text: a blog index repeats ``.entry-content`` once per post."""
    for selector in selectors:
        try:
            found = root.cssselect(selector)
        except Exception:  # a selector lxml's cssselect cannot translate: treat as absent
            continue
        lengths = [len(" ".join((el.text_content() or "").split())) for el in found]
        lengths = [n for n in lengths if n]
        if lengths:
            return lengths[0], sum(1 for n in lengths if n >= _MIN_BODY_CHARS)
    return 0, 0


def prose_length(root: lxml_html.HtmlElement) -> int:
    """Characters in paragraphs of prose outside navigation: long, and not mostly link text."""
    total = 0
    for p in root.iter("p"):
        if any(a.tag in _SKIP_TAGS for a in p.iterancestors()):
            continue
        text = " ".join((p.text_content() or "").split())
        if len(text) < _MIN_PARAGRAPH:
            continue
        linked = sum(len(" ".join((a.text_content() or "").split())) for a in p.iter("a"))
        if linked < 0.3 * len(text):
            total += len(text)
    return total


def judge(
    root: lxml_html.HtmlElement, url_says_article: bool, fam: Family | None, is_start: bool, dated_links: int
) -> Verdict:
    """Decide from the parsed page.

    ``url_says_article`` is the link classifier's guess; ``dated_links`` counts links printed with
    a date, which listings have by the dozen and articles rarely more than a few.
    """
    if is_start:
        return Verdict(False, "start page")
    if fam is not None and fam.body:
        body, containers = body_text_length(root, fam.body)
        if body >= _MIN_BODY_CHARS and containers <= 1:
            return Verdict(True, f"{fam.name} body container ({body} chars)")
    meta = _has_article_meta(root)
    prose = prose_length(root)
    if meta and prose >= _MIN_BODY_CHARS:
        return Verdict(True, "article metadata")
    if url_says_article and prose >= _MIN_BODY_CHARS:
        return Verdict(True, f"article URL and {prose} chars of prose")
    if prose >= _MIN_PROSE_CHARS and dated_links < 3 and _heading_links(root) < 3 and prose >= _link_text(root):
        return Verdict(True, f"{prose} chars of prose")
    return Verdict(False, f"{prose} chars of prose")


def _heading_links(root: lxml_html.HtmlElement) -> int:
    """Headings that are links to other pages: one per item on a listing, rare on an article."""
    return sum(1 for h in root.iter("h2", "h3", "h4") if next(h.iter("a"), None) is not None)


def _link_text(root: lxml_html.HtmlElement) -> int:
    return sum(len(" ".join((a.text_content() or "").split())) for a in root.iter("a"))
