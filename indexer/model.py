"""The search interface both engines implement: documents in, queries in, results out.

Kept free of engine details so the CLI, the web page and the shared behaviour tests speak to the
embedded engine (tantivy) and to Meilisearch the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Protocol

SORTS = ("relevance", "newest", "oldest")
SORT_LABELS = {"relevance": "liên quan nhất", "newest": "mới nhất", "oldest": "cũ nhất"}


def effective_sort(sort: str, empty_query: bool) -> str:
    """The order a search is served in: a query with no words to rank by (empty, or only
    punctuation) lists everything, newest first. Both engines decide it here, and the results say
    what they decided (``SearchResult.sort``), so pages and exports never guess."""
    return "newest" if empty_query and sort == "relevance" else sort
LEVELS = ("province", "district", "commune")
FACETS = ("province", "province_current", "level", "site", "year")
MAX_LIMIT = 100


@dataclass
class Doc:
    """One searchable article: an HĐND article that is not a copy, with its copies' URLs."""

    id: str
    url: str
    title: str
    lead: str
    text: str
    captions: list[str]
    published: str | None          # ISO 8601 date or datetime
    site: str
    site_name: str
    province: str
    province_current: str
    level: str
    author: str = ""
    author_unit: str = ""
    fetched_at: str = ""
    duplicates: list[str] = field(default_factory=list)   # URLs of the other copies
    duplicate_sites: list[str] = field(default_factory=list)
    abbreviations: list[str] | None = None   # groups mentioned, from extraction; None: work it out

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SearchQuery:
    """What a user asked: free text plus filters, sort and page. Validated by ``indexer.params``."""

    q: str = ""
    province: str | None = None    # any spelling, old or current name
    level: str | None = None
    site: str | None = None
    since: date | None = None
    until: date | None = None
    sort: str = "relevance"
    limit: int = 20
    offset: int = 0
    facets: bool = True
    snippet_chars: int = 240


@dataclass
class Hit:
    id: str
    url: str
    title: str
    published: str | None
    site: str
    site_name: str
    province: str
    province_current: str
    level: str
    author: str
    snippet: str                   # HTML: escaped text, matched words in <mark>
    duplicates: list[str] = field(default_factory=list)
    title_html: str = ""           # escaped title with <mark>, for the page
    score: float | None = None

    def as_json(self) -> dict[str, Any]:
        """The contract of ``hdnd search --json`` and /api/search."""
        return {
            "id": self.id, "url": self.url, "title": self.title, "published": self.published,
            "site": self.site, "site_name": self.site_name, "province": self.province,
            "province_current": self.province_current, "level": self.level, "author": self.author,
            "snippet": self.snippet, "duplicates": list(self.duplicates),
        }


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    message: str | None = None     # said to the user: query shortened, unknown province, ...
    sort: str = ""                 # the order served (effective_sort), "" when nothing was searched

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"total": self.total, "hits": [h.as_json() for h in self.hits], "facets": self.facets}
        if self.message:
            out["message"] = self.message
        return out


class SearchEngine(Protocol):
    """What an engine does. Documents are replaced whole by id."""

    name: str

    def upsert(self, docs: Iterable[Doc]) -> int:
        """Add or replace documents; returns how many were sent."""

    def delete(self, ids: Iterable[str]) -> int:
        """Remove documents by id; unknown ids are ignored."""

    def rebuild(self, docs: Iterable[Doc]) -> int:
        """Build a fresh index from ``docs`` and swap it in atomically; searches never see it half-built."""

    def search(self, query: SearchQuery) -> SearchResult: ...

    def count(self) -> int: ...

    def needs_rebuild(self) -> bool:
        """True when the index should be rebuilt rather than updated (``hdnd index`` then rebuilds)."""

    def timeline(self, query: SearchQuery) -> dict[str, int]:
        """Matching articles per month ("YYYY-MM"), for the page's attention graph."""

    def close(self) -> None: ...


class EngineError(RuntimeError):
    """The engine cannot serve: missing server, bad settings, corrupt index. Message for the user."""


class IndexDamaged(EngineError):
    """The index on disk is damaged (truncated or overwritten files, a CURRENT naming a missing
    generation): searching it could crash the process, so it is refused until rebuilt. The message
    is for the reader; ``detail`` (paths, the engine's own words) is for the log only."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("chỉ mục hỏng: chạy `hdnd index --rebuild`")
        self.detail = detail
