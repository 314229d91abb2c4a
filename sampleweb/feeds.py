"""RSS 2.0 feeds and XML sitemaps, the discovery shortcuts a few portal families offer.

Real feeds carry only the newest items and describe them with the lead, so a crawler still has to
fetch each article; sitemaps list every post with its ``lastmod``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from xml.sax.saxutils import escape

from sampleweb.common import iso, rfc822
from sampleweb.wire import Response, content


def rss(title: str, link: str, description: str, items: Iterable[tuple[str, str, dt.date, str]],
        generator: str, self_url: str, built: dt.date) -> Response:
    """``items``: (title, absolute URL, published, description)."""
    rows = []
    for item_title, url, published, desc in items:
        rows.append(
            "<item>"
            f"<title>{escape(item_title)}</title><link>{escape(url)}</link>"
            f'<guid isPermaLink="true">{escape(url)}</guid>'
            f"<description>{escape(desc)}</description>"
            f"<pubDate>{rfc822(published)}</pubDate>"
            "</item>"
        )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
        f"<title>{escape(title)}</title><link>{escape(link)}</link>"
        f"<description>{escape(description)}</description><language>vi</language>"
        f'<atom:link href="{escape(self_url)}" rel="self" type="application/rss+xml" />'
        f"<generator>{escape(generator)}</generator><lastBuildDate>{rfc822(built)}</lastBuildDate>\n"
        + "\n".join(rows) + "\n</channel>\n</rss>\n"
    )
    return content(xml, "application/rss+xml; charset=utf-8")


def sitemap_index(urls: Iterable[tuple[str, dt.date | None]]) -> Response:
    body = "".join(f"<sitemap><loc>{escape(u)}</loc>" + (f"<lastmod>{iso(m)}</lastmod>" if m else "") + "</sitemap>"
                   for u, m in urls)
    return content('<?xml version="1.0" encoding="UTF-8"?>\n'
                   '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   f"{body}</sitemapindex>\n", "application/xml; charset=utf-8")


def urlset(urls: Iterable[tuple[str, dt.date | None]]) -> Response:
    body = "".join(f"<url><loc>{escape(u)}</loc>" + (f"<lastmod>{iso(m)}</lastmod>" if m else "") + "</url>"
                   for u, m in urls)
    return content('<?xml version="1.0" encoding="UTF-8"?>\n'
                   '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   f"{body}</urlset>\n", "application/xml; charset=utf-8")
