"""An archived article as a tantivy document of the embedded schema (indexer/embedded/schema.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import tantivy

from crawler.lang import abbreviations as synonyms
from crawler.lang import places
from indexer.embedded import blob
from indexer.embedded.shards import doc_number
from indexer.model import Doc


def published_ts(published: str | None) -> int | None:
    """Epoch seconds of an ISO date or datetime; a bare date is local (UTC+7) midnight."""
    if not published:
        return None
    try:
        value = datetime.fromisoformat(published)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
        return int(value.timestamp()) - 7 * 3600
    return int(value.timestamp())


def to_document(doc: Doc) -> tantivy.Document:
    captions = "\n".join(doc.captions)
    body = f"{doc.lead}\n{doc.text}\n{captions}"
    groups = doc.abbreviations if doc.abbreviations is not None else synonyms.detect(f"{doc.title}\n{body}")
    fields: dict[str, Any] = {
        "id": doc.id, "all": f"{doc.title}\n{body}", "title": doc.title, "num": doc_number(doc.id),
        "syn": " ".join(groups), "title_syn": " ".join(synonyms.detect(doc.title)),
        "doc": blob.pack(doc),
        "province": doc.province, "province_current": doc.province_current, "level": doc.level,
        "site": doc.site, "province_key": places.key(doc.province),
        "province_current_key": places.key(doc.province_current),
    }
    ts = published_ts(doc.published)
    if ts is not None:
        fields["published_ts"] = ts
        day = (doc.published or "")[:10]
        fields["year"] = int(day[:4])
        fields["month"] = int(day[:4]) * 100 + int(day[5:7])
    return tantivy.Document(**fields)
