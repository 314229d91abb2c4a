"""Judge a fetched page: is it one article (archive it) or a page of links (follow them)?

A link's URL shape is only a guess; the page decides, on evidence, whatever the article's length:
the feed or sitemap that listed it as an entry, its family's body container, what it declares
(``og:type=article``, a schema.org ``NewsArticle``), an ``<article>`` with a headline and a date, or a
headline followed by dated prose (a commune's two-paragraph notice is still news). A listing is
many items in the page's own content (headline links, dated links, teasers, a pager); the
related-news block under an article ("Bài viết liên quan", "Tin cùng chuyên mục") is not its
content and does not make it one. Every verdict carries its evidence: the spider keeps the reason
of each page it did not archive, so nothing is dropped without a trace.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import html as lxml_html

from crawler.judgment.declared import declared_article
from crawler.judgment.layout import PARA, Token, read_tokens
from crawler.judgment.regions import link_chars
from crawler.judgment.shape import LONG_STORY_CHARS, Story, find_stories, listing_signals, single_article_element
from crawler.rules import Family

_MIN_BODY_CHARS = 150
# A dated story this long is an article; less is a caption, a placeholder, a properties table's note
# (the extractor, too, calls under 200 characters of prose "little").
_MIN_STORY_CHARS = 200
_MIN_PROSE_CHARS = 500

# Bases of a verdict: short stable names, for stats keys (hdnd/judged/<article|not_article>/<basis>).
START_PAGE, LISTING, NO_EVIDENCE, JUDGMENT_ERROR = "start_page", "listing", "no_evidence", "error"
FAMILY_BODY, LISTED, DECLARED, ARTICLE_ELEMENT = "family_body", "listed", "declared", "article_element"
DATED_STORY, LONG_STORY, ARTICLE_URL, PROSE = "dated_story", "long_story", "article_url", "prose"


@dataclass(frozen=True)
class PageVerdict:
    """Whether a page is an article, the evidence (for operators: logs, the visits table, ``hdnd
    extract``), and its basis (a stable name for stats)."""

    article: bool
    reason: str
    basis: str = ""


@dataclass(frozen=True)
class _Page:
    tokens: list[Token]
    stories: list[Story]
    story: Story | None     # the page's own: the dated one, else the longest
    prose: int              # characters of prose in the page's own content
    paragraphs: int


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


def _family_body(root: lxml_html.HtmlElement, fam: Family | None) -> str | None:
    if fam is None or not fam.body:
        return None
    body, containers = body_text_length(root, fam.body)
    if body >= _MIN_BODY_CHARS and containers <= 1:
        return f"{fam.name} body container ({body} chars)"
    return None


def _read(root: lxml_html.HtmlElement) -> _Page:
    tokens = read_tokens(root)
    paras = [t.chars for t in tokens if t.kind == PARA]
    stories = find_stories(tokens)
    story = max(stories, key=lambda s: (s.dated, s.chars), default=None)
    return _Page(tokens, stories, story, sum(paras), len(paras))


def _story_evidence(story: Story | None) -> tuple[str, str] | None:
    if story is None:
        return None
    told = f"{story.paragraphs} paragraph{'s' if story.paragraphs > 1 else ''}, {story.chars} chars"
    if story.dated and story.chars >= _MIN_STORY_CHARS:
        return DATED_STORY, f"headline, date and {told}"
    if story.chars >= LONG_STORY_CHARS:
        return LONG_STORY, f"headline and {told}"
    return None


def _evidence(root: lxml_html.HtmlElement, page: _Page, url_says_article: bool, listed_in: str | None,
              dated_links: int) -> list[tuple[str, str]]:
    """Every sign that the page is one article, strongest first, as (basis, reason); the page's
    length alone counts only when nothing else does."""
    found: list[tuple[str, str]] = []
    if page.paragraphs:
        if listed_in:
            found.append((LISTED, f"listed in {listed_in}"))
        found.extend((DECLARED, d) for d in declared_article(root))
        if single_article_element(page.tokens):
            found.append((ARTICLE_ELEMENT, "<article> with headline and date"))
    story = _story_evidence(page.story)
    if story:
        found.append(story)
    if url_says_article and page.prose >= _MIN_BODY_CHARS:
        found.append((ARTICLE_URL, f"article URL and {page.prose} chars of prose"))
    if not found and page.prose >= _MIN_PROSE_CHARS and dated_links < 3 and page.prose >= _link_text(root):
        found.append((PROSE, f"{page.prose} chars of prose"))
    return found


def _link_text(root: lxml_html.HtmlElement) -> int:
    body = root.find(".//body")
    return link_chars(body if body is not None else root)


def _missing(root: lxml_html.HtmlElement, page: _Page, listed_in: str | None) -> str:
    """Why nothing counted: what an operator reads to decide whether an article was lost."""
    story = page.story
    if story is not None and story.dated:
        found = f"headline, date and {story.chars} chars of prose, too short"
    elif story is not None:
        found = f"headline and {story.chars} chars of prose, no date"
    elif page.prose:
        found = f"{page.prose} chars of prose, no headline above it"
    else:
        found = "no prose"
    claims = ([f"listed in {listed_in}"] if listed_in else []) + declared_article(root)
    return f"{found} (despite {', '.join(claims)})" if claims and not page.paragraphs else found


def judge(
    root: lxml_html.HtmlElement, url_says_article: bool, fam: Family | None, is_start: bool, dated_links: int,
    listed_in: str | None = None,
) -> PageVerdict:
    """Decide from the parsed page.

    ``url_says_article`` is the link classifier's guess; ``dated_links`` counts the page's links
    printed with a date (related blocks included), which keeps unstructured prose pages with many
    of them out; ``listed_in`` names the feed or sitemap kind that listed the page as an article.
    """
    if is_start:
        return PageVerdict(False, "start page", START_PAGE)
    body = _family_body(root, fam)
    if body:
        return PageVerdict(True, body, FAMILY_BODY)
    page = _read(root)
    evidence = _evidence(root, page, url_says_article, listed_in, dated_links)
    story = page.story
    real = story is not None and (story.dated or story.chars >= LONG_STORY_CHARS
                                  or any(basis in (LISTED, DECLARED) for basis, _ in evidence))
    signals = listing_signals(page.tokens, page.stories, story, real)
    if signals:
        strong = [reason for basis, reason in evidence if basis not in (ARTICLE_URL, PROSE)]
        despite = f" (despite {strong[0]})" if strong else ""
        return PageVerdict(False, "listing: " + ", ".join(signals) + despite, LISTING)
    if evidence:
        return PageVerdict(True, "; ".join(reason for _, reason in evidence), evidence[0][0])
    return PageVerdict(False, _missing(root, page, listed_in), NO_EVIDENCE)
