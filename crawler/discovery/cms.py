"""Recognise a page's CMS family from its markup and URL, using rules/cms.toml.

A province can run several products, so detection is per page, and the spider remembers the last
answer per site as a default for pages that carry no fingerprint.
"""

from __future__ import annotations

from crawler.discovery.urls import path_and_query
from crawler.rules import Family, families

_HEAD_BYTES = 65536


def detect_family(html: str, url: str = "") -> str | None:
    """The best-matching family name, or None when nothing distinctive is found.

    Markup fingerprints weigh twice as much as URL shapes: many products put ``.aspx`` in URLs,
    only SharePoint writes ``ms-rtestate-field``. Fingerprints are plain substrings: this runs on
    every fetched page, and 40 regex scans of 64 KB cost milliseconds where substring tests cost
    a fraction of one.
    """
    head = html[:_HEAD_BYTES].lower()
    target = path_and_query(url) if url else ""
    best: tuple[int, str] | None = None
    for fam in families().values():
        score = 2 * sum(1 for needle in fam.html if needle in head)
        if target:
            score += sum(1 for p in fam.url if p.search(target))
        if score >= 2 and (best is None or score > best[0]):
            best = (score, fam.name)
    return best[1] if best else None


def family(name: str | None) -> Family | None:
    """The family's rules, or None for unknown or absent names."""
    return families().get(name) if name else None
