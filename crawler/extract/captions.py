"""Image captions: kept for the reader, kept out of the article text.

Editors on these portals caption images in a handful of ways (see the docbao selectors): CKEditor's
``table.image`` with ``td.image_desc``, a two-row table whose second row is an ``<em>``, ``figure``/
``figcaption``, WordPress's ``wp-caption-text``, or a centred ``<em>`` paragraph right under a centred
image. Markup-named captions are recognised by element; the "text under an image" forms by position,
once the body is a list of blocks.
"""

from __future__ import annotations

from crawler.extract.blocks import CAPTION, IMAGE, TEXT, Block
from crawler.extract.cleanup import is_credit
from crawler.extract.tree import HtmlElement, has_image, matches, select_any, tag, text_of
from crawler.rules import Family, boilerplate

# A table or figure holding an image is an image box only when its text is caption-sized; larger,
# it is a layout table wrapping the article itself.
MAX_BOX_TEXT = 400
MAX_CAPTION = 300


def named_captions(root: HtmlElement, fam: Family | None) -> frozenset[HtmlElement]:
    """Caption elements the family's selectors name on this page."""
    if fam is None or not fam.captions:
        return frozenset()
    return frozenset(select_any(root, fam.captions))


def is_caption_element(el: HtmlElement, named: frozenset[HtmlElement]) -> bool:
    return el in named or tag(el) == "figcaption" or matches(el, boilerplate().caption_classes)


def is_image_box(el: HtmlElement) -> bool:
    """A figure, or a small table around an image: its text is the caption, not the article."""
    t = tag(el)
    if t not in ("figure", "table") or not has_image(el):
        return False
    return t == "figure" or (len(el.text_content()) <= MAX_BOX_TEXT * 2 and len(text_of(el)) <= MAX_BOX_TEXT)


def box_captions(el: HtmlElement) -> list[str]:
    """Caption strings of an image box: the figcaption, or each text cell of the table. A credit
    alone in its own cell ("Ảnh: Minh Hà") is appended to the caption before it."""
    if tag(el) == "figure":
        caps = [text_of(fc) for fc in el.iter("figcaption")]
        if not any(caps):
            caps = [text_of(c) for c in el.iter() if c is not el and matches(c, boilerplate().caption_classes)]
        if not any(caps):
            rest = text_of(el)
            caps = [rest] if rest else []
        return [c for c in caps if c]
    out: list[str] = []
    for cell in el.iter("td", "th"):
        if any(c is not cell for c in cell.iter("td", "th")):  # nested table: its own cells count
            continue
        text = text_of(cell)
        if not text:
            continue
        if out and is_credit(text):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


def mark_positional(blocks: list[Block]) -> list[Block]:
    """Captions by position: italic or centred short text right under an image (and a credit line
    right under an image or a caption) becomes a caption; a credit line under a caption is merged.
    In a body set wholly in italics or centred, that formatting marks nothing and is not used."""
    text = [b for b in blocks if b.kind == TEXT]
    use_italic = sum(b.italic for b in text) <= len(text) / 2
    use_centre = sum(b.align == "center" for b in text) <= len(text) / 2
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if block.kind == TEXT and prev is not None and prev.kind in (IMAGE, CAPTION):
            if prev.kind == CAPTION and is_credit(block.text):
                prev.text = f"{prev.text} {block.text}"
                continue
            styled = (use_italic and block.italic) or (use_centre and block.align == "center")
            if prev.kind == IMAGE and len(block.text) <= MAX_CAPTION and (styled or is_credit(block.text)):
                block.kind = CAPTION
        out.append(block)
    return out


__all__ = ["CAPTION", "IMAGE", "TEXT", "box_captions", "is_caption_element", "is_image_box", "mark_positional",
           "named_captions"]
