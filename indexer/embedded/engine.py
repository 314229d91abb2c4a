"""The embedded engine: a tantivy index under the data directory, no server.

Layout: ``<root>/CURRENT`` names the live generation directory ``<root>/g-<timestamp>/``. A rebuild
writes a new generation and swaps CURRENT atomically (write, fsync, rename), so searches never see
a half-built index and a crash mid-rebuild leaves the old one live. Readers in other processes (the
search page) notice a new generation or a new commit and reopen.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import tantivy

from crawler import places
from indexer.embedded import querybuild
from indexer.embedded.schema import open_index
from indexer.highlight import matcher, snippet_html, title_html
from indexer.model import Doc, EngineError, Hit, SearchQuery, SearchResult
from indexer.query import parse_query
from indexer.tokens import normalise

WRITER_HEAP = 256 * 1024 * 1024
FACET_SIZES = {"province": 100, "province_current": 40, "level": 5, "site": 1000, "year": 100}


def published_ts(published: str | None) -> int | None:
    """Epoch seconds of an ISO date or datetime; a bare date is local (UTC+7) midnight."""
    if not published:
        return None
    try:
        value = datetime.fromisoformat(published)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=querybuild.UTC)
        return int(value.timestamp()) - 7 * 3600
    return int(value.timestamp())


def to_document(doc: Doc) -> tantivy.Document:
    captions = "\n".join(doc.captions)
    fields: dict[str, Any] = {
        "id": doc.id, "title": doc.title, "lead": doc.lead, "body": doc.text, "captions": captions,
        "title_exact": normalise(doc.title), "body_exact": normalise(f"{doc.lead}\n{doc.text}\n{captions}"),
        "url": doc.url, "published": doc.published or "", "site_name": doc.site_name, "author": doc.author,
        "author_unit": doc.author_unit, "fetched_at": doc.fetched_at,
        "duplicates": json.dumps(doc.duplicates, ensure_ascii=False),
        "duplicate_sites": json.dumps(doc.duplicate_sites, ensure_ascii=False),
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


def _first(d: dict[str, list[Any]], name: str, default: Any = "") -> Any:
    values = d.get(name) or []
    return values[0] if values else default


class EmbeddedEngine:
    name = "embedded"

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._index: tantivy.Index | None = None
        self._generation: str | None = None
        self._meta_mtime: float = 0.0

    # --- generations ----------------------------------------------------------------------------

    def _current_name(self) -> str | None:
        try:
            return (self.root / "CURRENT").read_text("utf-8").strip() or None
        except FileNotFoundError:
            return None

    def _swap_to(self, name: str) -> None:
        tmp = self.root / "CURRENT.tmp"
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(name)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.root / "CURRENT")
        for old in self.root.glob("g-*"):
            if old.name != name and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)

    def _new_generation(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        name = f"g-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
        return self.root / name

    def _open(self, create: bool = False) -> tantivy.Index | None:
        name = self._current_name()
        if name is None:
            if not create:
                return None
            path = self._new_generation()
            open_index(path, create=True)
            self._swap_to(path.name)
            name = path.name
        meta = self.root / name / "meta.json"
        mtime = meta.stat().st_mtime if meta.exists() else 0.0
        if self._index is None or name != self._generation:
            try:
                self._index = open_index(self.root / name)
            except ValueError as exc:
                raise EngineError(f"the search index at {self.root} cannot be opened ({exc}); "
                                  "rebuild it with `hdnd index --rebuild`") from None
            self._generation, self._meta_mtime = name, mtime
        elif mtime != self._meta_mtime:
            self._index.reload()
            self._meta_mtime = mtime
        return self._index

    def _write(self, index: tantivy.Index, docs: Iterable[Doc], delete_first: bool) -> int:
        writer = index.writer(WRITER_HEAP, 2)
        count = 0
        try:
            for doc in docs:
                if delete_first:
                    writer.delete_documents_by_term("id", doc.id)
                writer.add_document(to_document(doc))
                count += 1
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        index.reload()
        return count

    # --- SearchEngine ---------------------------------------------------------------------------

    def upsert(self, docs: Iterable[Doc]) -> int:
        index = self._open(create=True)
        assert index is not None
        return self._write(index, docs, delete_first=True)

    def delete(self, ids: Iterable[str]) -> int:
        index = self._open()
        if index is None:
            return 0
        writer = index.writer(WRITER_HEAP, 1)
        count = 0
        for doc_id in ids:
            writer.delete_documents_by_term("id", doc_id)
            count += 1
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        return count

    def rebuild(self, docs: Iterable[Doc]) -> int:
        path = self._new_generation()
        index = open_index(path, create=True)
        try:
            count = self._write(index, docs, delete_first=False)
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)
            raise
        del index
        self._swap_to(path.name)
        self._index = None
        return count

    def count(self) -> int:
        index = self._open()
        return 0 if index is None else index.searcher().num_docs

    def close(self) -> None:
        self._index = None

    def search(self, query: SearchQuery) -> SearchResult:
        parsed = parse_query(query.q)
        index = self._open()
        if index is None:
            return SearchResult(0, [], {}, "Chỉ mục trống: chạy `hdnd index` trước.")
        searcher = index.searcher()
        built = querybuild.build(index.schema, searcher, parsed, query)
        if built.matches_nothing:
            return SearchResult(0, [], {}, parsed.message)
        sort = "newest" if parsed.empty and query.sort == "relevance" else query.sort
        if sort == "relevance":
            result = searcher.search(built.query, query.limit, count=True, offset=query.offset)
        else:
            order = tantivy.Order.Desc if sort == "newest" else tantivy.Order.Asc
            result = searcher.search(built.query, query.limit, count=True, offset=query.offset,
                                     order_by_field="published_ts", order=order)
        pattern = matcher(parsed, built.expanded)
        hits = [self._hit(searcher.doc(addr).to_dict(), key, pattern, query.snippet_chars, sort == "relevance")
                for key, addr in result.hits]
        facets = self._facets(searcher, built.query) if query.facets else {}
        return SearchResult(result.count or 0, hits, facets, parsed.message)

    def _hit(self, d: dict[str, list[Any]], key: Any, pattern: re.Pattern[str] | None, chars: int,
             scored: bool) -> Hit:
        title, lead, body = _first(d, "title"), _first(d, "lead"), _first(d, "body")
        source = f"{lead}\n{body}" if lead else body
        return Hit(
            id=_first(d, "id"), url=_first(d, "url"), title=title, published=_first(d, "published") or None,
            site=_first(d, "site"), site_name=_first(d, "site_name"), province=_first(d, "province"),
            province_current=_first(d, "province_current"), level=_first(d, "level"), author=_first(d, "author"),
            snippet=snippet_html(source, pattern, chars),
            duplicates=json.loads(_first(d, "duplicates", "[]")), title_html=title_html(title, pattern),
            score=float(key) if scored else None,
        )

    def _facets(self, searcher: tantivy.Searcher, query: tantivy.Query) -> dict[str, dict[str, int]]:
        spec = {name: {"terms": {"field": name, "size": size}} for name, size in FACET_SIZES.items()}
        raw = searcher.aggregate(query, spec)
        return {name: {str(b["key"]): int(b["doc_count"]) for b in raw.get(name, {}).get("buckets", [])}
                for name in FACET_SIZES}

    def timeline(self, query: SearchQuery) -> dict[str, int]:
        parsed = parse_query(query.q)
        index = self._open()
        if index is None:
            return {}
        searcher = index.searcher()
        built = querybuild.build(index.schema, searcher, parsed, query)
        if built.matches_nothing:
            return {}
        raw = searcher.aggregate(built.query, {"m": {"terms": {"field": "month", "size": 1000}}})
        months = {f"{int(b['key']) // 100:04d}-{int(b['key']) % 100:02d}": int(b["doc_count"])
                  for b in raw.get("m", {}).get("buckets", [])}
        return dict(sorted(months.items()))
