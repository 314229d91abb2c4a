"""What the crawler should bring back from each article page: the corpus fields, per site copy.

``notes`` says what is special about the page (encoding, normal form, slow, 503 first, view state,
malformed HTML, ...) so a failing test can say why; ``aliases`` are other URLs the site links to
that serve the same article (session ids, other list instances, short links): a crawler should
archive the article once, under the canonical ``url``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from sampleweb.corpus import Article


@dataclass(frozen=True)
class GoldPage:
    url: str
    article_id: str
    site: str
    title: str
    published: dt.datetime | dt.date
    author: str
    author_unit: str
    lead: str
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]
    hdnd: bool
    signoff: str = ""
    notes: Mapping[str, object] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """Lead and body as one string, paragraphs separated by blank lines."""
        return "\n\n".join(p for p in (self.lead, *self.paragraphs) if p)


def gold_page(url: str, site: str, article: Article, notes: Mapping[str, object] | None = None,
              aliases: tuple[str, ...] = ()) -> GoldPage:
    """``article`` must already be the site's version (``Article.for_site``)."""
    return GoldPage(
        url=url, article_id=article.id, site=site, title=article.title, published=article.published,
        author=article.author, author_unit=article.author_unit, lead=article.lead,
        paragraphs=article.paragraphs, captions=tuple(c.text for c in article.captions),
        hdnd=article.hdnd, signoff=article.signoff, notes=dict(notes or {}), aliases=aliases,
    )
