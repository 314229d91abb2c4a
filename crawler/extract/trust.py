"""Whether a family's body container is the article on this page, or a rule misapplied.

Family rules are written for the family's usual templates; on a site that merely shares its markers
(every WordPress theme, a foreign site carrying ``entry-content`` or ``field--name-body``) the rule
can name a teaser, an excerpt or one block of a longer article. Asking trafilatura on every page
would double the cost of the portals the rules describe well, so it is asked only when the page
gives a reason to doubt: much more prose outside the container than inside it. Then the container
is kept only if trafilatura's reading does not find much more text.
"""

from __future__ import annotations

from crawler.extract.blocks import TEXT, Block
from crawler.extract.tree import HtmlElement, content_length, inside

_PARAGRAPH = 80            # a <p> this long outside the container is prose the rule left out
_MAX_LINKED = 0.3          # ... unless it is mostly link text (a teaser, a menu)
_DOUBT = 300               # prose outside that is worth a second opinion, at the least
TRUST_RATIO = 1.5          # trafilatura must find this many times the container's text to win
_CHROME = frozenset({"nav", "header", "footer", "aside", "form", "script", "style", "noscript"})


def prose_outside(root: HtmlElement, container: HtmlElement) -> int:
    """Characters of paragraph prose on the page outside ``container`` and outside page chrome."""
    total = 0
    for p in root.iter("p"):
        text = " ".join(p.text_content().split())
        if len(text) < _PARAGRAPH or inside(p, container):
            continue
        if any(a.tag in _CHROME for a in p.iterancestors()):
            continue
        linked = sum(len(" ".join(a.text_content().split())) for a in p.iter("a"))
        if linked < _MAX_LINKED * len(text):
            total += len(text)
    return total


def doubtful(root: HtmlElement, container: HtmlElement) -> bool:
    """More prose outside the container than in it: worth asking trafilatura."""
    return prose_outside(root, container) > max(_DOUBT, content_length(container))


def generic_wins(container: HtmlElement, generic: list[Block]) -> bool:
    """Trafilatura's reading holds much more text than the container: the rule missed the body."""
    found = sum(len(b.text) for b in generic if b.kind == TEXT)
    return found > TRUST_RATIO * content_length(container)
