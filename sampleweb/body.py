"""Article bodies in the markup editors really produce: the lead, paragraphs, captioned images, sign-off.

Each CMS family picks a ``BodyStyle``. The variants are the ones seen on Vietnamese portals (see the
docbao selectors): CKEditor's ``table.image``/``td.image_desc``, ``figure``/``figcaption``, a centred
``<em>`` paragraph under a centred image, WordPress's ``wp-caption``; the sign-off as a right-aligned
bold line. The extractor has to recover exactly the corpus fields from any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sampleweb.common import esc
from sampleweb.corpus import Article


@dataclass(frozen=True)
class BodyStyle:
    lead_in_body: bool = True          # False: the family shows the lead in its own summary element
    caption: str = "table"             # table | figure | center_em | wp_caption | table_em
    signoff: str = "right_strong"      # right_strong | right_b | plain_strong | none (the family prints it)
    para: str = "justify"              # justify | plain | span | indent


def paragraph(text: str, form: str) -> str:
    t = esc(text)
    if form == "plain":
        return f"<p>{t}</p>"
    if form == "span":
        return ('<p style="text-align: justify;"><span style="font-size:14px;">'
                f'<span style="font-family:Times New Roman,Times,serif;">{t}</span></span></p>')
    if form == "indent":
        return f'<p style="text-indent: 36pt; text-align: justify;">{t}</p>'
    return f'<p style="text-align: justify;">{t}</p>'


def image(src: str, caption: str, form: str, n: int) -> str:
    cap, src = esc(caption), esc(src)
    if form == "figure":
        return (f'<figure class="image"><img alt="{cap}" src="{src}" width="640" height="427" />'
                f"<figcaption>{cap}</figcaption></figure>")
    if form == "center_em":
        return (f'<p style="text-align: center;"><img alt="" src="{src}" style="width: 640px; height: 427px;" />'
                f'</p>\n<p style="text-align: center;"><em>{cap}</em></p>')
    if form == "wp_caption":
        return (f'<div id="attachment_{n}" style="width: 650px" class="wp-caption aligncenter">'
                f'<img aria-describedby="caption-attachment-{n}" class="size-large wp-image-{n}" src="{src}" '
                f'alt="" width="640" height="427" /><p id="caption-attachment-{n}" class="wp-caption-text">'
                f"{cap}</p></div>")
    if form == "table_em":
        return ('<table align="center" border="0" cellpadding="1" cellspacing="1" style="width: 500px;">'
                f'<tbody><tr><td><img alt="" src="{src}" style="width: 500px; height: 333px;" /></td></tr>'
                f'<tr><td><p style="text-align: center;"><em>{cap}</em></p></td></tr></tbody></table>')
    return ('<table class="image" align="center" style="width: 100%;"><tbody><tr><td>'
            f'<img alt="" src="{src}" style="width: 640px; height: 427px;" /></td></tr>'
            f'<tr><td class="image_desc">{cap}</td></tr></tbody></table>')


def signoff(text: str, form: str) -> str:
    lines = "<br />".join(esc(line) for line in text.split("\n"))
    if form == "right_b":
        return f'<p align="right"><b>{lines}</b></p>'
    if form == "plain_strong":
        return f"<p><strong>{lines}</strong></p>"
    return f'<p style="text-align: right;"><strong>{lines}</strong></p>'


def render_body(article: Article, style: BodyStyle, image_src: Callable[[int], str],
                malformed: bool = False) -> str:
    """The inside of the body container; ``malformed`` gives the broken-but-readable variant."""
    parts: list[str] = []
    if style.lead_in_body and article.lead:
        parts.append(f'<p style="text-align: justify;"><strong>{esc(article.lead)}</strong></p>')
    by_after: dict[int, list[int]] = {}
    for n, cap in enumerate(article.captions):
        by_after.setdefault(cap.after, []).append(n)
    for n in by_after.get(-1, []):
        parts.append(image(image_src(n), article.captions[n].text, style.caption, n + 1))
    for i, text in enumerate(article.paragraphs):
        if malformed:
            parts.append(_broken_paragraph(i, text))
        else:
            parts.append(paragraph(text, style.para))
        for n in by_after.get(i, []):
            parts.append(image(image_src(n), article.captions[n].text, style.caption, n + 1))
    if article.signoff and style.signoff != "none":
        parts.append(signoff(article.signoff, style.signoff))
    if malformed:
        parts.append("</span></div>")       # stray closers left behind by a hand-edited template
    return "\n".join(parts)


def _broken_paragraph(i: int, text: str) -> str:
    """Hand-edited HTML: unclosed paragraphs, a paragraph inside a span, an unclosed font tag."""
    t = esc(text)
    if i % 3 == 1:
        return f'<span style="font-size: 12pt;"><p style="text-align: justify;">{t}</p></span>'
    if i % 3 == 2:
        return f'<p><font face="Times New Roman">{t}'
    return f'<p style="text-align: justify;">{t}'
