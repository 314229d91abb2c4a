"""What extraction produces for one page; the archive stores it, the indexer reads it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

OK, SUSPECT, FAILED = "ok", "suspect", "failed"

# Bumped whenever extraction changes what it returns; `hdnd reextract` can then find stale rows.
EXTRACTOR_VERSION = "4"


@dataclass
class Extracted:
    """The article found in a page. ``status`` is ok, suspect (kept, listed for review) or failed."""

    title: str = ""
    published: str | None = None          # ISO 8601 date, or datetime with +07:00
    published_source: str | None = None   # page, metadata, url, listing
    author: str = ""
    author_unit: str = ""
    lead: str = ""
    text: str = ""
    captions: list[str] = field(default_factory=list)
    source: str = ""                      # the credited source of a republished article
    cms: str | None = None
    hdnd: bool = False
    hdnd_score: float = 0.0
    hdnd_reasons: list[str] = field(default_factory=list)
    fingerprint: str | None = None
    abbreviations: list[str] = field(default_factory=list)   # groups mentioned (crawler.lang.abbreviations)
    status: str = OK
    problem: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
