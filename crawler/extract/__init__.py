"""Article extraction: from a raw page to title, date, author, lead, text and captions.

Public entry point: ``extract``. The archive stores its result beside the raw page, and
``hdnd reextract`` runs it again over archived pages when it improves.
"""

from __future__ import annotations

import trafilatura

from crawler.extract.decode import decode_html
from crawler.extract.model import EXTRACTOR_VERSION, FAILED, OK, SUSPECT, Extracted
from crawler.textnorm import clean_text

__all__ = ["EXTRACTOR_VERSION", "Extracted", "extract"]


def extract(
    body: bytes | str,
    url: str,
    *,
    headers: dict[str, list[str]] | None = None,
    encoding: str | None = None,
    listing_date: str | None = None,
    cms: str | None = None,
) -> Extracted:
    """Extract the article of one page; never raises on bad markup (the result says what failed)."""
    html = decode_html(body, headers, encoding)
    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, favor_precision=True)
    if result is None:
        return Extracted(cms=cms, status=FAILED, problem="no article text found")
    data = result.as_dict()
    ex = Extracted(
        title=clean_text(data.get("title") or ""),
        published=data.get("date") or listing_date,
        published_source="metadata" if data.get("date") else ("listing" if listing_date else None),
        author=clean_text(data.get("author") or ""),
        text=clean_text(data.get("text") or ""),
        cms=cms,
    )
    if not ex.text:
        ex.status, ex.problem = FAILED, "no article text found"
    elif not ex.published:
        ex.status, ex.problem = SUSPECT, "no publication date"
    else:
        ex.status = OK
    return ex
