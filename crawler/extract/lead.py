"""The sapo (lead): the short paragraph between the headline and the body.

Portals print it in a summary element (``.ArticleSummary``, ``.sapo``, ``.hometext``…) or as the
body's first paragraph set in bold. Summary elements also appear in every item of the "latest news"
lists around the article, so only one near the headline (or inside the body) counts. Class names
alone mislead: Drupal calls its whole body ``field--type-text-with-summary`` and Sky its body
``article-body--lead``. So a lead must also look like one: short, standing before the body (or at
its very top), never holding the body itself; and no text may end up both in the lead and in the
body (``reconcile``).
"""

from __future__ import annotations

from crawler.extract.blocks import TEXT, Block
from crawler.extract.tree import SKIP_TAGS, HtmlElement, ParsedPage, inside, matches, select_any, tag, text_of
from crawler.lang.textnorm import fold as folded
from crawler.rules import Family, boilerplate

MIN_LEAD = 30
MAX_LEAD = 800             # longer "summaries" are bodies (or whole teasers lists)
MAX_DISTANCE = 80          # elements between the headline and a summary element
MIN_BOLD_LEAD = 40
_MAX_BEFORE = 200          # text before a lead inside the body: a date line, tools, not a paragraph
_MIN_SHARED = 40           # a body paragraph this long found inside the lead: the lead holds the body


def _in_list(el: HtmlElement, doc: ParsedPage) -> bool:
    """Inside a related/latest-news list, a sidebar or the site chrome."""
    chrome = boilerplate().not_date_classes
    return any(matches(a, chrome) or tag(a) in ("nav", "aside") for a in el.iterancestors())


def _placed_like_a_lead(doc: ParsedPage, el: HtmlElement, title_el: HtmlElement | None,
                        region: HtmlElement | None) -> bool:
    """After the headline (when known), and before the body: outside it and ahead of it, or at the
    top inside it. Never an element that holds the body."""
    if region is not None:
        if inside(region, el):
            return False
        if inside(el, region):
            return _at_top(el, region, title_el)
        if doc.index(el) > doc.index(region):
            return False
    if title_el is None or (region is not None and inside(el, region)):
        return True
    return 0 < doc.index(el) - doc.index(title_el) <= MAX_DISTANCE


def _at_top(el: HtmlElement, region: HtmlElement, title_el: HtmlElement | None) -> bool:
    """Only chrome-sized text (the headline, a date, a tool bar) comes before ``el`` in the region."""
    before = 0
    for node in region.iter():
        if node is el:
            return True
        if not isinstance(node.tag, str) or tag(node) in SKIP_TAGS or inside(node, title_el):
            continue
        if not inside(el, node):  # a node holding el has its text before el, its tail after
            before += len((node.text or "").strip()) + len((node.tail or "").strip())
        else:
            before += len((node.text or "").strip())
        if before > _MAX_BEFORE:
            return False
    return True


def find_lead(doc: ParsedPage, fam: Family | None, title_el: HtmlElement | None,
              region: HtmlElement | None) -> tuple[str, HtmlElement | None]:
    """The lead text from a summary element, and that element; ("", None) when there is none.
    Family selectors first, then summary-named elements just after the headline or in the body."""
    cands: list[HtmlElement] = []
    if fam is not None and fam.lead:
        cands.extend(select_any(doc.root, fam.lead))
    cands.extend(doc.near_matching(title_el, 0, MAX_DISTANCE, boilerplate().lead_classes))
    for el in cands:
        if _in_list(el, doc) and not inside(el, region):
            continue
        text = text_of(el)
        if not MIN_LEAD <= len(text) <= MAX_LEAD:
            continue
        if _placed_like_a_lead(doc, el, title_el, region):
            return text, el
    return "", None


def lead_from_blocks(blocks: list[Block], lead: str) -> tuple[list[Block], str]:
    """Without a summary element, take a wholly bold first paragraph as the lead."""
    first = next((i for i, b in enumerate(blocks) if b.kind == TEXT), None)
    if first is None or lead:
        return blocks, lead
    block = blocks[first]
    if block.bold and MIN_BOLD_LEAD <= len(block.text) <= MAX_LEAD and block.align != "right":
        same = [b for b in blocks if b.kind == TEXT and b.group == block.group]
        rest = sum(len(b.text) for b in blocks if b.kind == TEXT) - len(block.text)
        if len(same) == 1 and rest > len(block.text):
            return blocks[:first] + blocks[first + 1:], block.text
    return blocks, lead


def reconcile(blocks: list[Block], lead: str) -> tuple[list[Block], str]:
    """No text both in the lead and in the body: a body paragraph repeating the lead goes (some
    families print the sapo twice), a paragraph that starts with the lead keeps only the rest, and
    a "lead" that holds whole body paragraphs was the body itself, so it is dropped."""
    if not lead:
        return blocks, lead
    key = folded(lead)
    out: list[Block] = []
    for block in blocks:
        if block.kind != TEXT:
            out.append(block)
            continue
        text = folded(block.text)
        if text == key:
            continue
        if len(text) >= _MIN_SHARED and text in key:
            return blocks, ""
        if block.text.startswith(lead) and len(block.text) > len(lead):
            block.text = block.text[len(lead):].lstrip(" .:-–") or block.text
        out.append(block)
    return out, lead
