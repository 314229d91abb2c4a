"""The sapo (lead): the bold paragraph between the headline and the body.

Portals print it in a summary element (``.ArticleSummary``, ``.sapo``, ``.hometext``…) or as the
body's first paragraph set in bold. Summary elements also appear in every item of the "latest news"
lists around the article, so only one near the headline (or inside the body) counts.
"""

from __future__ import annotations

from crawler.extract.blocks import TEXT, Block
from crawler.extract.tree import Doc, HtmlElement, inside, matches, select, tag, text_of
from crawler.rules import Family, boilerplate
from crawler.textnorm import fold as folded

MIN_LEAD = 30
MAX_DISTANCE = 80          # elements between the headline and a summary element
MIN_BOLD_LEAD = 40


def _in_list(el: HtmlElement) -> bool:
    """Inside a related/latest-news list, a sidebar or the site chrome."""
    patterns = boilerplate().not_date_classes
    return any(matches(a, patterns) or tag(a) in ("nav", "aside") for a in el.iterancestors())


def find_lead(doc: Doc, fam: Family | None, title_el: HtmlElement | None,
              container: HtmlElement | None) -> tuple[str, HtmlElement | None]:
    """The lead text from a summary element, and that element; ("", None) when there is none.
    Family selectors first, then summary-named elements just after the headline or in the body."""
    cands: list[HtmlElement] = []
    if fam is not None and fam.lead:
        cands.extend(select(doc.root, fam.lead))
    lead_classes = boilerplate().lead_classes
    near = doc.window(title_el, 0, MAX_DISTANCE) if title_el is not None else doc.order
    cands.extend(el for el in near if matches(el, lead_classes))
    here = doc.index(title_el) if title_el is not None else None
    for el in cands:
        if _in_list(el) and not inside(el, container):
            continue
        text = text_of(el)
        if len(text) < MIN_LEAD:
            continue
        if here is not None and not inside(el, container) and not 0 < doc.index(el) - here <= MAX_DISTANCE:
            continue
        return text, el
    return "", None


def lead_from_blocks(blocks: list[Block], lead: str) -> tuple[list[Block], str]:
    """Reconcile the body with the lead: drop a body paragraph repeating the lead (some families print
    the sapo twice); without a summary element, take a wholly bold first paragraph as the lead."""
    first = next((i for i, b in enumerate(blocks) if b.kind == TEXT), None)
    if first is None:
        return blocks, lead
    if lead:
        key = folded(lead)
        if folded(blocks[first].text) == key:
            return blocks[:first] + blocks[first + 1:], lead
        return blocks, lead
    block = blocks[first]
    if block.bold and len(block.text) >= MIN_BOLD_LEAD and block.align != "right":
        same = [b for b in blocks if b.kind == TEXT and b.group == block.group]
        if len(same) == 1:
            return blocks[:first] + blocks[first + 1:], block.text
    return blocks, lead
