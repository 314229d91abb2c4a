"""Which parts of a page are its own content: not the menus and side columns, not related news.

An article on a portal is surrounded by links: menus, "Tin mới" boxes, and under the text a
"Bài viết liên quan" or "Tin cùng chuyên mục" list of five dated links. Judged on the whole page,
such an article looks like a listing. Judgment (crawler/judgment/layout.py) reads only what is left
once chrome (rules/pages.toml ``[chrome]``) and related-news blocks (``[related]``: a container
named so, or the block a label such as "Tin khác" heads) are set aside. Pagers are kept wherever
they are: a ``<nav class="pagination">`` is chrome by its tag and still says "listing".
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from crawler.lang.textnorm import fold
from crawler.rules import page_rules, url_rules

Element = lxml_html.HtmlElement

# Elements that may carry a related-block label as their own text.
_LABEL_MAX_CHARS = 60
_LABEL_PUNCTUATION = re.compile(r"[\s:.…»›>|\-–—•*]+")
# Blocks that are mostly link text: a list of related links (titles and the dates beside them).
_LINK_SHARE = 0.5
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NEVER_CHROME = frozenset({"html", "body", "main", "article"})
_SILENT = frozenset({"script", "style", "noscript", "template"})
_HOLDS_SILENT = etree.XPath("boolean(descendant::script | descendant::style | descendant::noscript"
                            " | descendant::template)")
# Elements that end a line of text: a paragraph is the text between them.
BLOCKS = frozenset({
    "p", "div", "td", "th", "tr", "table", "tbody", "thead", "tfoot", "li", "ul", "ol", "dl", "dt", "dd",
    "section", "article", "main", "header", "footer", "nav", "aside", "blockquote", "h1", "h2", "h3", "h4",
    "h5", "h6", "form", "fieldset", "center", "figure", "figcaption", "pre", "address", "hr",
})


def names(el: Element) -> str:
    """An element's class and id, the words templates use to say what a block is."""
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def visible_text(el: Element) -> str:
    """The text a reader sees in an element, spaces squashed: scripts and styles are not text.

    Most elements hold no script: lxml's ``text_content`` reads those in C, at the cost of the
    space a ``<br>`` or a cell boundary stands for, which lengths and labels do not need."""
    if el.tag in _SILENT:
        return ""
    if not _HOLDS_SILENT(el):
        return " ".join((el.text_content() or "").split())
    parts: list[str] = []
    stack: list[tuple[Element, bool]] = [(el, False)]
    while stack:
        node, tail = stack.pop()
        if tail:
            parts.append((" " if node.tag in BLOCKS or node.tag == "br" else "") + (node.tail or ""))
            continue
        if node is not el:
            stack.append((node, True))
        if isinstance(node.tag, str) and node.tag not in _SILENT:
            parts.append(node.text or "")
            stack.extend((child, False) for child in reversed(node))
    return " ".join("".join(parts).split())


def text_len(el: Element) -> int:
    return len(visible_text(el))


def link_chars(el: Element) -> int:
    return sum(len(visible_text(a)) for a in el.iter("a"))


def _holds_page(el: Element) -> bool:
    """A wrapper that holds the page's headline or article: class names like "has-sidebar" on
    such a wrapper describe the layout, not a side column."""
    return el.tag in _NEVER_CHROME or el.find(".//h1") is not None or el.find(".//article") is not None


def is_chrome(el: Element) -> bool:
    """Menus, side columns, footers; a ``<header>`` only outside the article or main element."""
    rules = page_rules()
    tag = el.tag
    if tag in rules.chrome_tags:
        return True
    if tag == "header":
        return not any(a.tag in ("article", "main") for a in el.iterancestors())
    label = names(el)
    return bool(label.strip()) and bool(rules.chrome_classes.search(label)) and not _holds_page(el)


def is_page_link_text(text: str) -> bool:
    """ "2", "Sau", "Trang sau", "»": the text of a link to another page of the same list."""
    folded = fold(text).strip(" |[]()")
    return folded.isdigit() or folded in url_rules().pagination_texts or folded in page_rules().pager_texts


def is_pager(el: Element) -> bool:
    """A container of page links, named so ("pagination", "phan-trang"), holding one."""
    label = names(el)
    if not label.strip() or not page_rules().pager_classes.search(label) or _holds_page(el):
        return False
    return any(is_page_link_text(a.text_content() or "") for a in el.iter("a"))


def _related_by_name(el: Element) -> bool:
    label = names(el)
    return bool(label.strip()) and bool(page_rules().related_classes.search(label)) and not _holds_page(el)


def _label_text(el: Element) -> str | None:
    """The folded text of an element short enough to be a block's label, else None."""
    own = (el.text or "").strip()
    if not own or len(own) > _LABEL_MAX_CHARS:
        return None
    text = el.text_content() or ""
    if len(text) > 2 * _LABEL_MAX_CHARS:
        return None
    return _LABEL_PUNCTUATION.sub(" ", fold(text)).strip()


def _label_wrapper(el: Element, label: str) -> Element:
    """The outermost ancestor whose whole text is the label (``<td><p><b>Tin khác</b></p></td>``)."""
    node = el
    parent = node.getparent()
    while parent is not None and parent.tag not in _NEVER_CHROME:
        text = parent.text_content() or ""
        if len(text) > 2 * _LABEL_MAX_CHARS or _LABEL_PUNCTUATION.sub(" ", fold(text)).strip() != label:
            break
        node, parent = parent, parent.getparent()
    return node


def _mostly_links(el: Element, minus: int = 0) -> bool:
    total = text_len(el) - minus
    return total <= 0 or link_chars(el) >= _LINK_SHARE * total


def _block_under_label(wrapper: Element, label_chars: int) -> list[Element]:
    """The label's container when it is a box of links; else the label and the link lists after it."""
    parent = wrapper.getparent()
    if (parent is not None and parent.tag not in _NEVER_CHROME and parent.find(".//a") is not None
            and _mostly_links(parent, label_chars)):
        return [parent]
    block = [wrapper]
    for sibling in wrapper.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag in _HEADINGS or not _mostly_links(sibling):
            break
        block.append(sibling)
    return block


def related_blocks(root: Element) -> set[Element]:
    """Roots of the related-news blocks of a page, by container name or by label."""
    labels = page_rules().related_labels
    found: set[Element] = set()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if _related_by_name(el):
            found.add(el)
            continue
        if el.tag in ("a", "h1", "script", "style", "option"):
            continue
        label = _label_text(el)
        if label not in labels or any(a.tag in ("a", "h1") for a in el.iterancestors()):
            continue
        found.update(_block_under_label(_label_wrapper(el, label), len(label)))
    return found
