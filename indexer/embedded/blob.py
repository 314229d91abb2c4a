"""What a hit shows, stored once per document as one compact blob.

Fields joined by the ASCII unit separator, list items by the record separator: an order of
magnitude cheaper than JSON on every indexed article (JSON escapes each character of a 3 KB text),
and scraped text never holds these control characters (crawler.lang.textnorm.clean_text drops them;
``pack`` drops them too for text from elsewhere).
"""

from __future__ import annotations

from typing import Any

from indexer.model import Doc

FIELD, ITEM = "\x1f", "\x1e"
TEXT_FIELDS = ("title", "lead", "body", "url", "published", "site", "site_name", "province", "province_current",
               "level", "author", "author_unit", "fetched_at")
LIST_FIELDS = ("captions", "duplicates", "duplicate_sites")
_STRIP = str.maketrans("", "", FIELD + ITEM)


def _clean(value: str | None) -> str:
    value = value or ""
    return value.translate(_STRIP) if (FIELD in value or ITEM in value) else value


def pack(doc: Doc) -> bytes:
    texts = [doc.title, doc.lead, doc.text, doc.url, doc.published, doc.site, doc.site_name, doc.province,
             doc.province_current, doc.level, doc.author, doc.author_unit, doc.fetched_at]
    lists = [doc.captions, doc.duplicates, doc.duplicate_sites]
    parts = [_clean(t) for t in texts] + [ITEM.join(_clean(v) for v in values) for values in lists]
    return FIELD.join(parts).encode("utf-8")


def unpack(blob: bytes) -> dict[str, Any]:
    parts = blob.decode("utf-8").split(FIELD)
    out: dict[str, Any] = dict(zip(TEXT_FIELDS, parts, strict=False))
    for name, value in zip(LIST_FIELDS, parts[len(TEXT_FIELDS):], strict=False):
        out[name] = value.split(ITEM) if value else []
    out["published"] = out.get("published") or None
    return out
