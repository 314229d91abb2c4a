"""The embedded engine: a tantivy index under the data directory, no server.

Layout: ``<root>/CURRENT`` names the live generation directory ``<root>/g-<timestamp>/``. A rebuild
writes a new generation and swaps CURRENT atomically (write, fsync, rename), so searches never see
a half-built index and a crash mid-rebuild leaves the old one live. Readers in other processes (the
search page) notice a new generation or a new commit and reopen.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tantivy

from crawler import abbreviations as synonyms
from crawler import places
from indexer.embedded import blob, querybuild
from indexer.embedded.rerank import EXACT_WINDOW, W_EXACT, exact_ratio, exact_signal
from indexer.embedded.schema import open_index
from indexer.highlight import matcher, snippet_html, title_html
from indexer.model import Doc, EngineError, Hit, SearchQuery, SearchResult
from indexer.query import parse_query

WRITER_HEAP = 256 * 1024 * 1024
RERANK_WINDOW = 200       # candidates re-scored on word order
MAX_RERANK_WINDOW = 500
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="hdnd-facets")
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
        value = value.replace(tzinfo=UTC)
        return int(value.timestamp()) - 7 * 3600
    return int(value.timestamp())


def doc_number(doc_id: str) -> int:
    """A 63-bit number for a document id, the key of the second-stage restriction."""
    return int.from_bytes(hashlib.blake2b(doc_id.encode(), digest_size=8).digest(), "big") >> 1


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


def stored_fields(searcher: tantivy.Searcher, address: tantivy.DocAddress) -> dict[str, Any]:
    values = searcher.doc(address).to_dict()
    out = blob.unpack(bytes((values.get("doc") or [b""])[0]))
    out["id"] = (values.get("id") or [""])[0]
    return out


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
        facets_future = None
        if query.facets:  # runs beside the search: tantivy releases the GIL
            facets_future = _POOL.submit(self._facets, searcher, built.matching)
        if sort == "relevance":
            total, page = self._ranked(index.schema, searcher, built, parsed, query)
        else:
            order = tantivy.Order.Desc if sort == "newest" else tantivy.Order.Asc
            result = searcher.search(built.query, query.limit, count=True, offset=query.offset,
                                     order_by_field="published_ts", order=order)
            total = result.count or 0
            page = [(None, stored_fields(searcher, addr)) for _, addr in result.hits]
        pattern = matcher(parsed, built.expanded)
        hits = [self._hit(doc, score, pattern, query.snippet_chars) for score, doc in page]
        facets = facets_future.result() if facets_future is not None else {}
        return SearchResult(total, hits, facets, parsed.message)

    def _ranked(self, schema: tantivy.Schema, searcher: tantivy.Searcher, built: querybuild.Built, parsed: Any,
                query: SearchQuery) -> tuple[int, list[tuple[float | None, dict[str, Any]]]]:
        """BM25 on folded words, then the best RERANK_WINDOW re-scored on word order (phrase queries
        restricted to them) and, for the best EXACT_WINDOW, on exact accents (stored text)."""
        end = query.offset + query.limit
        window = min(max(RERANK_WINDOW, end), MAX_RERANK_WINDOW)
        if end > window:  # deep pages: first-stage order only
            result = searcher.search(built.query, query.limit, count=True, offset=query.offset)
            return result.count or 0, [(score, stored_fields(searcher, addr)) for score, addr in result.hits]
        result = searcher.search(built.query, window, count=True)
        if not result.hits:
            return result.count or 0, []
        top = max(score for score, _ in result.hits) or 1.0
        keys = [(a.segment_ord, a.doc) for _, a in result.hits]
        scores = {k: score / top for k, (score, _) in zip(keys, result.hits, strict=True)}
        addresses = dict(zip(keys, (a for _, a in result.hits), strict=True))
        if built.order_signals:
            only = querybuild.candidates(schema, searcher.fast_field_values("num", [a for _, a in result.hits]))
            for weight, signal in built.order_signals:
                for _, addr in searcher.search(querybuild.restricted(only, signal), window, count=False).hits:
                    key = (addr.segment_ord, addr.doc)
                    if key in scores:  # a 63-bit number shared with another document is no candidate
                        scores[key] += weight
        ordered = sorted(keys, key=lambda k: -scores[k])
        loaded: dict[tuple[int, int], dict[str, Any]] = {}
        signal = exact_signal(parsed)
        if signal:
            best = ordered[:max(EXACT_WINDOW, end)]
            for key in best:
                doc = loaded[key] = stored_fields(searcher, addresses[key])
                text = "\n".join(filter(None, (doc.get("lead", ""), doc.get("body", ""), *doc.get("captions", []))))
                scores[key] += W_EXACT * exact_ratio(signal, doc.get("title", ""), text)
            ordered = sorted(best, key=lambda k: -scores[k]) + ordered[len(best):]
        page = ordered[query.offset:end]
        return result.count or 0, [
            (scores[k], loaded[k] if k in loaded else stored_fields(searcher, addresses[k])) for k in page
        ]

    def _hit(self, d: dict[str, Any], score: float | None, pattern: re.Pattern[str] | None, chars: int) -> Hit:
        title, lead, body = d.get("title", ""), d.get("lead", ""), d.get("body", "")
        source = f"{lead}\n{body}" if lead else body
        return Hit(
            id=d["id"], url=d.get("url", ""), title=title, published=d.get("published") or None,
            site=d.get("site", ""), site_name=d.get("site_name", ""), province=d.get("province", ""),
            province_current=d.get("province_current", ""), level=d.get("level", ""), author=d.get("author", ""),
            snippet=snippet_html(source, pattern, chars), duplicates=list(d.get("duplicates") or []),
            title_html=title_html(title, pattern), score=score,
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
        raw = searcher.aggregate(built.matching, {"m": {"terms": {"field": "month", "size": 1000}}})
        months = {f"{int(b['key']) // 100:04d}-{int(b['key']) % 100:02d}": int(b["doc_count"])
                  for b in raw.get("m", {}).get("buckets", [])}
        return dict(sorted(months.items()))
