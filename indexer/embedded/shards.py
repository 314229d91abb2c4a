"""Several tantivy indexes searched as one, each shard on its own thread.

Why shards: one search runs on one core in tantivy's Python binding, and a phrase of very common
words ("kỳ họp thứ") must check word positions in half the archive, for the count and the facets
as much as for the ranking. Split in two, the same work runs on two cores: at 1,000,000
articles on a 2-core machine, that query went from 187 ms to 110-140 ms (p50 over runs,
bench/search.py, with the phrase ranked on its words, ranking.py). A document lives in the shard its id hashes to, so an
update or a deletion goes to one shard.

Small indexes keep one shard (see engine.SHARD_MIN): BM25 weighs words by their frequency in each
shard, which is the same in every shard of a large archive but not of a few dozen articles.
"""

from __future__ import annotations

import collections
import hashlib
import heapq
import itertools
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from typing import Any

import tantivy


@cache
def _pool() -> ThreadPoolExecutor:
    """Threads for leaf tasks only (one shard's search or aggregation: a task never waits for
    another task), started by the first sharded search rather than by importing this module."""
    return ThreadPoolExecutor(max_workers=8, thread_name_prefix="hdnd-shard")

DEEP_PAGE = 1000   # past this many hits, shards are merged as streams (see MultiSearcher.search)
Address = tuple[int, tantivy.DocAddress]     # (shard, address in that shard)
Key = tuple[int, int, int]                    # (shard, segment, document): hashable


def doc_number(doc_id: str) -> int:
    """A 63-bit number for a document id: its shard, and the key of second-stage restrictions."""
    return int.from_bytes(hashlib.blake2b(doc_id.encode(), digest_size=8).digest(), "big") >> 1


def shard_of(doc_id: str, shards: int) -> int:
    return doc_number(doc_id) % shards


def key(address: Address) -> Key:
    return (address[0], address[1].segment_ord, address[1].doc)


class _Done:
    """A result computed already, read like a future's."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


@dataclass
class Cursor:
    total: int
    hits: Iterator[tuple[float, Address]]


class Cursors:
    """Deep-page streams left open between pages, the most recent few, each used by one reader at a
    time (taking one removes it). Keys carry the index generation, so a changed index starts over."""

    def __init__(self, size: int = 16) -> None:
        self._open: OrderedDict[tuple[Hashable, int], Cursor] = OrderedDict()
        self._windows: OrderedDict[Hashable, tuple[int, list[int]]] = OrderedDict()
        self._lock = threading.Lock()
        self.size = size

    def window(self, key: Hashable) -> tuple[int, list[int]] | None:
        """A phrase query's total and re-ranked window (document numbers), kept for its later pages."""
        with self._lock:
            return self._windows.get(key)

    def keep_window(self, key: Hashable, total: int, nums: list[int]) -> None:
        with self._lock:
            self._keep(self._windows, key, (total, nums))

    def take(self, key: Hashable, offset: int) -> Cursor | None:
        with self._lock:
            return self._open.pop((key, offset), None)

    def put(self, key: Hashable, offset: int, cursor: Cursor) -> None:
        with self._lock:
            self._keep(self._open, (key, offset), cursor)

    def _keep(self, kept: OrderedDict[Any, Any], key: Hashable, value: Any) -> None:
        kept[key] = value
        while len(kept) > self.size:
            kept.popitem(last=False)


class MultiSearcher:
    """The searchers of every shard, with the few operations the engine uses, merged."""

    def __init__(self, searchers: Sequence[tantivy.Searcher], cursors: Cursors | None = None,
                 state: Hashable = None) -> None:
        self.searchers = list(searchers)
        self.cursors = cursors or Cursors()
        self.state = state   # the index's generation and commits: a cursor is valid for these only

    def _each(self, task: Callable[[tantivy.Searcher], Any]) -> list[Future[Any] | _Done]:
        if len(self.searchers) == 1:  # no thread hop for a single shard
            return [_Done(task(self.searchers[0]))]
        return [_pool().submit(task, s) for s in self.searchers]

    @property
    def num_docs(self) -> int:
        return sum(s.num_docs for s in self.searchers)

    def search(self, query: tantivy.Query, limit: int, count: bool = True, offset: int = 0,
               order_by_field: str | None = None, order: tantivy.Order = tantivy.Order.Desc,
               cursor: Hashable | None = None) -> tuple[int, list[tuple[float, Address]]]:
        """The best ``limit`` hits after ``offset`` over all shards, and the total when ``count``.

        Scores (BM25, or the field's value when ordered by a field) are comparable across shards.
        Deep pages merge the shards' hits as streams read a chunk at a time, so a page costs memory
        for a chunk per shard, not for ``offset`` hits. With a ``cursor`` key (the query's identity),
        the stream is kept after the page, and the next page of the same query continues it: an
        export reading 50,000 rows page by page runs each shard's search 50 times, not 1,250."""
        ordering = {} if order_by_field is None else {"order_by_field": order_by_field, "order": order}
        if limit <= 0:  # tantivy panics on a limit of 0
            return (self.count_later(query)() if count else 0), []
        if len(self.searchers) > 1 and offset + limit > DEEP_PAGE:
            if cursor is not None:
                cursor = (self.state, cursor)
            kept = self.cursors.take(cursor, offset) if cursor is not None else None
            if kept is None:
                total = self.count_later(query)() if count else 0
                merged = self._merge([self._stream(n, s, query, ordering) for n, s in enumerate(self.searchers)],
                                     ordering)
                kept = Cursor(total, merged)
                collections.deque(itertools.islice(merged, offset), maxlen=0)   # skip to the page
            page = list(itertools.islice(kept.hits, limit))
            if cursor is not None and len(page) == limit:
                self.cursors.put(cursor, offset + limit, kept)
            return kept.total, page
        results = [f.result() for f in self._each(
            lambda s: s.search(query, offset + limit, count=count, **ordering))]
        merged = self._merge([[(score, (n, a)) for score, a in r.hits] for n, r in enumerate(results)], ordering)
        return sum(r.count or 0 for r in results) if count else 0, list(merged)[offset:offset + limit]

    @staticmethod
    def _merge(streams: Sequence[Iterable[tuple[float, Address]]], ordering: dict[str, Any]
               ) -> Iterator[tuple[float, Address]]:
        """Hits of every shard in one order. A document without the sort field (an undated
        article) has no value: each shard puts it last, whichever the direction, and so does this."""
        if ordering.get("order") == tantivy.Order.Asc:
            return heapq.merge(*streams, key=lambda hit: (hit[0] is None, hit[0] or 0))
        return heapq.merge(*streams, key=lambda hit: (hit[0] is not None, hit[0] or 0), reverse=True)

    @staticmethod
    def _stream(shard: int, searcher: tantivy.Searcher, query: tantivy.Query, ordering: dict[str, Any]
                ) -> Iterator[tuple[float, Address]]:
        offset = 0
        while True:
            hits = searcher.search(query, DEEP_PAGE, count=False, offset=offset, **ordering).hits
            yield from ((score, (shard, a)) for score, a in hits)
            if len(hits) < DEEP_PAGE:
                return
            offset += DEEP_PAGE

    def aggregate_later(self, query: tantivy.Query, spec: dict[str, Any]) -> Callable[[], dict[str, Any]]:
        """Start ``terms`` and ``value_count`` aggregations on every shard; the returned function
        waits and merges them (bucket counts and values summed)."""
        futures = self._each(lambda s: s.aggregate(query, spec))

        def merged() -> dict[str, Any]:
            raws = [f.result() for f in futures]
            out: dict[str, Any] = {}
            for name, body in spec.items():
                if "terms" in body:
                    counts: Counter[Any] = Counter()
                    for raw in raws:
                        for bucket in raw.get(name, {}).get("buckets", []):
                            counts[bucket["key"]] += int(bucket["doc_count"])
                    out[name] = dict(counts)
                else:
                    out[name] = sum(float(raw.get(name, {}).get("value") or 0) for raw in raws)
            return out
        return merged

    def count_later(self, query: tantivy.Query) -> Callable[[], int]:
        futures = self._each(lambda s: s.search(query, 1, count=True).count or 0)
        return lambda: sum(f.result() for f in futures)

    def fast_field_values(self, field: str, addresses: Sequence[Address]) -> list[int]:
        """Values of an integer fast field, in the order of ``addresses``."""
        by_shard: dict[int, list[int]] = {}
        for i, (shard, _) in enumerate(addresses):
            by_shard.setdefault(shard, []).append(i)
        values: list[int] = [0] * len(addresses)
        for shard, positions in by_shard.items():
            found = self.searchers[shard].fast_field_values(field, [addresses[i][1] for i in positions])
            for i, value in zip(positions, found, strict=True):
                values[i] = value
        return values

    def doc(self, address: Address) -> tantivy.Document:
        return self.searchers[address[0]].doc(address[1])

    def terms_with_prefix(self, field: str, prefix: str, limit: int) -> list[tuple[str, int]]:
        """The most frequent terms starting with ``prefix`` over all shards."""
        freq: Counter[str] = Counter()
        for s in self.searchers:
            for term, count in s.terms_with_prefix(field, prefix, limit=limit):
                freq[term] += count
        return freq.most_common(limit)
