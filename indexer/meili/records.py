"""Documents as Meilisearch stores them, and search hits back as the interface's Hit.

A record carries, besides the article, the fields Meilisearch needs to filter, sort and count:
published_ts (seconds, for the date range and sorting), year and month (facets, timeline) in
Vietnam's calendar, and the folded place keys the place filter compares. Hits come back with
matches wrapped in the private-use markers of indexer.snippets, never as Meilisearch's HTML:
``_formatted`` does not escape the text, markers_to_html does.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from html import escape
from typing import Any

from crawler.lang import places
from indexer.meili.filters import VN_TZ
from indexer.model import Doc, Hit
from indexer.snippets import POST, PRE, markers_to_html

# Meilisearch document ids: letters, digits, hyphen, underscore, under 512 bytes.
_SAFE_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,511}")
_NO_MARKERS = str.maketrans("", "", PRE + POST)


def record_id(doc_id: str) -> str:
    """The id Meilisearch accepts for ``doc_id``: itself when already safe (archive ids are), else a
    hash, so one bad id cannot fail a whole batch. Deletes map ids the same way."""
    if _SAFE_ID_RE.fullmatch(doc_id):
        return doc_id
    return "h-" + hashlib.sha256(doc_id.encode("utf-8")).hexdigest()


def published_time(value: str | None) -> datetime | None:
    """The publication time in Vietnam time; a bare date or a time without offset is local time."""
    if not value or not value.strip():
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=VN_TZ)
    return when.astimezone(VN_TZ)


def _text(value: str | None) -> str:
    # the highlight markers must only ever be Meilisearch's
    return (value or "").translate(_NO_MARKERS)


def place_keys(province: str, province_current: str) -> tuple[str, str]:
    """Folded keys of the old and current province, canonical as crawler.lang.places names them, so they
    equal what indexer.params.province_filter asks for whatever spelling the site used."""
    old = places.lookup(province) if province else None
    current = places.lookup(province_current) if province_current else None
    if current is None and old is not None:
        current = places.lookup(old.current)
    old_key = places.key(old.name) if old else places.key(province or "")
    current_key = places.key(current.current) if current else places.key(province_current or "")
    return old_key, current_key


def to_record(doc: Doc) -> dict[str, Any]:
    province_key, current_key = place_keys(doc.province, doc.province_current)
    record: dict[str, Any] = {
        "id": record_id(doc.id),
        "doc_id": doc.id,
        "url": doc.url,
        "title": _text(doc.title),
        "lead": _text(doc.lead),
        "text": _text(doc.text),
        "captions": [_text(c) for c in doc.captions],
        "author": _text(doc.author),
        "author_unit": _text(doc.author_unit),
        "site": doc.site,
        "site_name": _text(doc.site_name),
        "province": doc.province,
        "province_current": doc.province_current,
        "province_key": province_key,
        "province_current_key": current_key,
        "level": doc.level,
        "published": doc.published,
        "fetched_at": doc.fetched_at,
        "duplicates": list(doc.duplicates),
        "duplicate_sites": list(doc.duplicate_sites),
    }
    when = published_time(doc.published)
    if when is not None:
        record["published_ts"] = int(when.timestamp())
        record["year"] = when.year
        record["month"] = f"{when.year:04d}-{when.month:02d}"
    return record


def size_bound(record: dict[str, Any]) -> int:
    """About the most the record can weigh as the client sends it: json.dumps escapes every non-ASCII
    character as \\uXXXX (six bytes; twelve for a rare emoji, which the batch limit's margin
    absorbs), and Vietnamese text is full of them."""
    chars = 0
    for value in record.values():
        if isinstance(value, str):
            chars += len(value) + 8
        elif isinstance(value, list):
            chars += sum(len(v) + 8 for v in value if isinstance(v, str))
    return 6 * chars + 64


def _marked(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def pick_snippet(formatted: dict[str, Any]) -> str:
    """The cropped field that shows a match (lead, then body, then captions), as safe HTML; the
    start of the body when nothing matched there (a title-only match, an empty query)."""
    candidates = [s for field in ("lead", "text", "captions") for s in _marked(formatted.get(field))]
    for text in candidates:
        if PRE in text:
            return markers_to_html(text)
    for text in _marked(formatted.get("text")) + _marked(formatted.get("lead")) + candidates:
        if text.strip():
            return markers_to_html(text)
    return ""


def to_hit(raw: dict[str, Any]) -> Hit:
    formatted = raw.get("_formatted") if isinstance(raw.get("_formatted"), dict) else {}
    title = str(raw.get("title") or "")
    marked_title = formatted.get("title")
    score = raw.get("_rankingScore")
    return Hit(
        id=str(raw.get("doc_id") or raw.get("id") or ""),
        url=str(raw.get("url") or ""),
        title=title,
        published=raw.get("published"),
        site=str(raw.get("site") or ""),
        site_name=str(raw.get("site_name") or ""),
        province=str(raw.get("province") or ""),
        province_current=str(raw.get("province_current") or ""),
        level=str(raw.get("level") or ""),
        author=str(raw.get("author") or ""),
        snippet=pick_snippet(formatted),
        duplicates=[str(u) for u in raw.get("duplicates") or []],
        title_html=markers_to_html(marked_title) if isinstance(marked_title, str) else escape(title, quote=False),
        score=float(score) if isinstance(score, int | float) else None,
    )
