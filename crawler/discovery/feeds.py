"""RSS 2.0, Atom and sitemaps: article URLs with dates, straight from the site.

Few government sites have them (NukeViet does, WordPress does), but where they exist they are the
cheapest and most reliable way to every article, and their dates are the site's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from lxml import etree
from lxml import html as lxml_html
from scrapy.utils.gz import gunzip

from crawler.discovery.urls import resolve
from crawler.lang.dates import VN_TZ, first_date
from crawler.lang.textnorm import clean_text

_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
_MAX_FEED_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Entry:
    url: str
    title: str = ""
    date: str | None = None  # ISO 8601


@dataclass
class Parsed:
    kind: str  # rss, atom, sitemap
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _iso(value: str | None) -> str | None:
    """Feed and sitemap dates (RFC 822, W3C/ISO 8601) as ISO 8601 in Vietnamese time."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        if parsed.tzinfo is None:
            # "-0000" is UTC from a system that does not say its own zone (RFC 5322 3.3); the email
            # parser returns it naive like a date with no zone at all, which portals write in local time
            parsed = parsed.replace(tzinfo=UTC if value.endswith("-0000") else VN_TZ)
        return parsed.astimezone(VN_TZ).isoformat(timespec="minutes")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        found = first_date(value)
        return found.iso() if found else None
    if parsed.tzinfo is None:
        return parsed.date().isoformat() if len(value) <= 10 else parsed.replace(tzinfo=VN_TZ).isoformat(
            timespec="minutes")
    return parsed.astimezone(VN_TZ).isoformat(timespec="minutes")


def _child_text(el: etree._Element, *names: str) -> str:
    for child in el:
        if _local(child.tag) in names and (child.text or "").strip():
            return child.text.strip()
    return ""


def parse_feed_or_sitemap(body: bytes, base_url: str) -> Parsed | None:
    """Read an RSS/Atom feed, a sitemap or a sitemap index; None when it is none of them."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body, max_size=_MAX_FEED_BYTES)
        except Exception:  # corrupt gzip: nothing to read
            return None
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body.strip(), parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    kind = _local(root.tag)
    if kind in ("urlset", "sitemapindex"):
        parsed = Parsed("sitemap")
        for el in root:
            loc = _child_text(el, "loc")
            if not loc:
                continue
            url = resolve(base_url, loc)
            if url is None:
                continue
            if _local(el.tag) == "sitemap":
                parsed.sitemaps.append(url)
            else:
                parsed.entries.append(Entry(url, "", _iso(_child_text(el, "lastmod"))))
        return parsed
    if kind in ("rss", "rdf"):
        parsed = Parsed("rss")
        for item in root.iter():
            if _local(item.tag) != "item":
                continue
            link = resolve(base_url, _child_text(item, "link") or _child_text(item, "guid"))
            if link:
                date = _iso(_child_text(item, "pubdate") or _child_text(item, "date"))
                parsed.entries.append(Entry(link, clean_text(_child_text(item, "title")), date))
        return parsed
    if kind == "feed":
        parsed = Parsed("atom")
        for item in root:
            if _local(item.tag) != "entry":
                continue
            href = None
            for child in item:
                if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
                    href = resolve(base_url, child.get("href", ""))
                    break
            if href:
                # WordPress writes <updated> before <published>: the edit date must not pass for the publication date
                date = _iso(_child_text(item, "published") or _child_text(item, "updated"))
                parsed.entries.append(Entry(href, clean_text(_child_text(item, "title")), date))
        return parsed
    return None


def feed_links_in_page(root: lxml_html.HtmlElement, page_url: str) -> list[str]:
    """Feeds a page declares with ``<link rel="alternate" type="application/rss+xml">``."""
    found: list[str] = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and (link.get("type") or "").lower() in _FEED_TYPES and link.get("href"):
            url = resolve(page_url, link.get("href"))
            if url is not None and url not in found:
                found.append(url)
    return found
