"""The embedded engine: tantivy indexes under the data directory, no server.

Layout: ``<root>/CURRENT`` names the live generation directory ``<root>/g-<timestamp>/``, which
holds one tantivy index per shard (``s0/``, ``s1/``..., see shards.py; a generation written before
shards is one index and read as one shard). A rebuild writes a new generation and swaps CURRENT
atomically (write, fsync, rename), so searches never see a half-built index and a crash
mid-rebuild leaves the old one live. Readers in other processes (the search page) notice a new
generation or a new commit and reopen.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import tantivy

from indexer.embedded import querybuild, ranking
from indexer.embedded.fields import to_document
from indexer.embedded.schema import open_index
from indexer.embedded.shards import Cursors, MultiSearcher, shard_of
from indexer.highlight import matcher, snippet_html, title_html
from indexer.model import Doc, EngineError, Hit, SearchQuery, SearchResult, effective_sort
from indexer.query import parse_query

WRITER_HEAP = 256 * 1024 * 1024
WRITER_THREADS = 2
FACET_SIZES = {"province": 100, "province_current": 40, "level": 5, "site": 1000, "year": 100}
TOTAL = "_total"
# A rebuild of at least this many articles is split into shards (one per core, at most MAX_SHARDS).
# Fewer stay in one index: BM25 weighs words by their frequency within a shard, which differs
# from shard to shard in a small archive.
SHARD_MIN = 10_000
MAX_SHARDS = 4


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def default_shards() -> int:
    return max(1, min(MAX_SHARDS, os.cpu_count() or 1))


class EmbeddedEngine:
    name = "embedded"

    def __init__(self, root: Path, shards: int | None = None, shard_min: int = SHARD_MIN) -> None:
        self.root = Path(root)
        self.shards = shards or default_shards()
        self.shard_min = shard_min
        self._indexes: list[tantivy.Index] = []
        self._generation: str | None = None
        self._mtimes: list[float] = []
        self._dirs: list[Path] = []
        self._cursors = Cursors()

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

    def _new_generation(self, shards: int) -> tuple[Path, list[tantivy.Index]]:
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / f"g-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
        return path, [open_index(path / f"s{n}", create=True) for n in range(shards)]

    @staticmethod
    def _shard_dirs(generation: Path) -> list[Path]:
        dirs = [p for p in generation.iterdir() if p.is_dir() and re.fullmatch(r"s\d+", p.name)]
        return sorted(dirs, key=lambda p: int(p.name[1:])) or [generation]

    def _open(self, create: bool = False) -> list[tantivy.Index]:
        """The live generation's shard indexes (none when nothing was indexed), reloaded if changed."""
        name = self._current_name()
        if name is None:
            if not create:
                return []
            path, _ = self._new_generation(1)
            self._swap_to(path.name)
            name = path.name
        # the shard directories of a generation never change: listed once, when it is first opened
        dirs = self._dirs if self._indexes and name == self._generation else self._shard_dirs(self.root / name)
        mtimes = [_mtime(d / "meta.json") for d in dirs]
        if not self._indexes or name != self._generation:
            try:
                self._indexes = [open_index(d) for d in dirs]
            except ValueError as exc:
                raise EngineError(f"the search index at {self.root} cannot be opened ({exc}); "
                                  "rebuild it with `hdnd index --rebuild`") from None
            self._generation, self._mtimes, self._dirs = name, mtimes, dirs
            self._cursors = Cursors()   # open deep-page streams hold the old searchers
        elif mtimes != self._mtimes:
            for index in self._indexes:
                index.reload()
            self._mtimes = mtimes
            self._cursors = Cursors()
        return self._indexes

    def _searcher(self) -> tuple[tantivy.Schema, MultiSearcher] | tuple[None, None]:
        """The schema and a searcher over every shard, taken together: another thread may swap the
        generation (a rebuild) at any moment."""
        indexes = self._open()
        if not indexes:
            return None, None
        return indexes[0].schema, MultiSearcher([index.searcher() for index in indexes], self._cursors,
                                                state=(self._generation, tuple(self._mtimes)))

    @staticmethod
    def _write(indexes: list[tantivy.Index], docs: Iterable[Doc], delete_first: bool) -> int:
        """Add ``docs`` to the shard each belongs to, then commit every shard. A failure before the
        commits leaves every shard as it was; one between two shards' commits leaves some of an
        update in, which the next ``hdnd index`` sends again (the watermark was not saved)."""
        n = len(indexes)
        writers = [index.writer(max(WRITER_HEAP // n, 64 * 1024 * 1024), max(1, WRITER_THREADS // n))
                   for index in indexes]
        count = 0
        try:
            for doc in docs:
                writer = writers[shard_of(doc.id, n)]
                if delete_first:
                    writer.delete_documents_by_term("id", doc.id)
                writer.add_document(to_document(doc))
                count += 1
            for writer in writers:
                writer.commit()
            for writer in writers:
                writer.wait_merging_threads()
        except BaseException:
            for writer in writers:
                writer.rollback()
            raise
        for index in indexes:
            index.reload()
        return count

    # --- SearchEngine ---------------------------------------------------------------------------

    def upsert(self, docs: Iterable[Doc]) -> int:
        return self._write(self._open(create=True), docs, delete_first=True)

    def delete(self, ids: Iterable[str]) -> int:
        indexes = self._open()
        if not indexes:
            return 0
        writers = [index.writer(64 * 1024 * 1024, 1) for index in indexes]
        count = 0
        for doc_id in ids:
            writers[shard_of(doc_id, len(writers))].delete_documents_by_term("id", doc_id)
            count += 1
        for writer in writers:
            writer.commit()
            writer.wait_merging_threads()
        for index in indexes:
            index.reload()
        return count

    def rebuild(self, docs: Iterable[Doc]) -> int:
        """A new generation from ``docs``, sharded when there are at least ``shard_min`` of them
        (the first ``shard_min`` are held in memory to find out)."""
        stream: Iterator[Doc] = iter(docs)
        head = list(itertools.islice(stream, self.shard_min))
        shards = self.shards if len(head) >= self.shard_min else 1
        path, indexes = self._new_generation(shards)
        try:
            count = self._write(indexes, itertools.chain(head, stream), delete_first=False)
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)
            raise
        del indexes
        self._swap_to(path.name)
        self._indexes = []
        return count

    def count(self) -> int:
        _, searcher = self._searcher()
        return 0 if searcher is None else searcher.num_docs

    def shard_count(self) -> int:
        return len(self._open())

    def needs_rebuild(self) -> bool:
        """An index that grew past twice ``shard_min`` by updates, in one shard where this machine
        would use several: the next ``hdnd index`` splits it (once; a rebuild of 1,000,000 articles
        takes about three minutes)."""
        indexes = self._open()
        if self.shards == 1 or len(indexes) != 1:
            return False
        return sum(index.searcher().num_docs for index in indexes) >= 2 * self.shard_min

    def close(self) -> None:
        self._indexes = []

    def search(self, query: SearchQuery) -> SearchResult:
        parsed = parse_query(query.q)
        schema, searcher = self._searcher()
        if searcher is None:
            return SearchResult(0, [], {}, "Chỉ mục trống: chạy `hdnd index` trước.")
        built = querybuild.build(schema, searcher, parsed, query)
        if built.matches_nothing:
            return SearchResult(0, [], {}, parsed.message)
        sort = effective_sort(query.sort, parsed.empty)
        # the facets (and, for a phrase, the total) are counted beside the ranking, shard by shard:
        # tantivy releases the GIL
        spec: dict[str, Any] = {name: {"terms": {"field": name, "size": size}} for name, size in FACET_SIZES.items()}
        if built.loose is not None and sort == "relevance":
            spec[TOTAL] = {"value_count": {"field": "num"}}
        aggregated = searcher.aggregate_later(built.matching, spec) if query.facets else None
        if sort == "relevance":
            total_later: Callable[[], int] | None = None
            if built.loose is not None:
                if aggregated is not None:
                    merged = aggregated
                    total_later = lambda: int(merged()[TOTAL])  # noqa: E731
                elif query.offset < ranking.RERANK_WINDOW:  # counted beside the ranking
                    total_later = searcher.count_later(built.matching)
                else:  # a later page (an export): the count is usually known already (ranking.py)
                    total_later = lambda: searcher.count_later(built.matching)()  # noqa: E731
            total, page = ranking.ranked(searcher, built, parsed, query, total_later)
        else:
            order = tantivy.Order.Desc if sort == "newest" else tantivy.Order.Asc
            total, found = searcher.search(built.query, query.limit, count=True, offset=query.offset,
                                           order_by_field="published_ts", order=order, cursor=ranking.page_key(query))
            page = [(None, ranking.stored_fields(searcher, a)) for _, a in found]
        pattern = matcher(parsed, built.expanded)
        hits = [self._hit(doc, score, pattern, query.snippet_chars) for score, doc in page]
        facets: dict[str, dict[str, int]] = {}
        if aggregated is not None:
            raw = aggregated()
            facets = {name: {str(k): v for k, v in raw[name].items()} for name in FACET_SIZES}
        return SearchResult(total, hits, facets, parsed.message, sort)

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

    def timeline(self, query: SearchQuery) -> dict[str, int]:
        parsed = parse_query(query.q)
        schema, searcher = self._searcher()
        if searcher is None:
            return {}
        built = querybuild.build(schema, searcher, parsed, query)
        if built.matches_nothing:
            return {}
        raw = searcher.aggregate_later(built.matching, {"m": {"terms": {"field": "month", "size": 1000}}})()
        months = {f"{int(k) // 100:04d}-{int(k) % 100:02d}": n for k, n in raw["m"].items()}
        return dict(sorted(months.items()))
