"""MeiliEngine: the SearchEngine interface on a Meilisearch server.

Writes are batched and pipelined: a few batches are enqueued before the oldest is awaited, so the
server can group them, and memory stays bounded whatever the archive's size. Every task is awaited
and checked (see connection.py). A rebuild fills a fresh index beside the live one and swaps the
two (/swap-indexes, atomic), so searches never see a half-built index; the old data is deleted
after. Rebuilds of one index must not run concurrently: a rebuild removes the temporary indexes a
crashed one left behind.
"""

from __future__ import annotations

import contextlib
import re
import uuid
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from meilisearch.models.task import TaskInfo

from indexer.meili.connection import Config, Connection
from indexer.meili.querytext import build_q, search_body, timeline_body
from indexer.meili.records import record_id, size_bound, to_hit, to_record
from indexer.meili.settings import MAX_TOTAL_HITS, index_settings, settings_diff
from indexer.model import FACETS, Doc, EngineError, SearchQuery, SearchResult, effective_sort
from indexer.query import parse_query

IN_FLIGHT = 4          # document batches enqueued ahead of the one being awaited
MAX_BATCH_BYTES = 20_000_000   # well under the server's default payload limit (100 MB)
DELETE_BATCH = 10_000
_INDEX_UID_RE = re.compile(r"[A-Za-z0-9_-]{1,200}")
_REBUILD_MARK = "__rebuild_"
NOT_FOUND = {"index_not_found"}


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class MeiliEngine:
    """Search and indexing through a Meilisearch server (see module docstring)."""

    name = "meilisearch"

    def __init__(self, index_name: str, config: Config) -> None:
        if not _INDEX_UID_RE.fullmatch(index_name):
            raise EngineError(f"Tên chỉ mục không hợp lệ cho Meilisearch: {index_name!r} (chỉ A-Z a-z 0-9 _ -)")
        self.index_name = index_name
        self.config = config
        self.conn = Connection(config)
        self._ready = False

    @classmethod
    def from_env(cls, index_name: str = "articles") -> MeiliEngine:
        """The engine for the server named by MEILI_URL, checked to be up and to accept our key."""
        engine = cls(index_name, Config.from_env())
        engine.check()
        return engine

    def check(self) -> None:
        """Fail now, clearly, if the server is down, slow, or refuses the key."""
        health = self.conn.call("kiểm tra máy chủ", self.conn.client.health)
        if not isinstance(health, dict) or health.get("status") != "available":
            raise EngineError(f"Meilisearch tại {self.config.url} chưa sẵn sàng: {health!r}")
        # /health needs no key; reading the index does (a missing index is fine here)
        self._index_info(self.index_name)

    # --- indexes and settings ---------------------------------------------------------------

    def _index_info(self, uid: str) -> dict[str, Any] | None:
        return self.conn.try_call(f"đọc chỉ mục {uid}", lambda: self.conn.client.get_raw_index(uid), NOT_FOUND)

    def _create_index(self, uid: str) -> None:
        info = self.conn.call(f"tạo chỉ mục {uid}", lambda: self.conn.client.create_index(uid, {"primaryKey": "id"}))
        self.conn.wait(info, f"tạo chỉ mục {uid}", ok_codes=frozenset({"index_already_exists"}))

    def _delete_index(self, uid: str) -> None:
        info = self.conn.call(f"xóa chỉ mục {uid}", lambda: self.conn.client.delete_index(uid))
        self.conn.wait(info, f"xóa chỉ mục {uid}", ok_codes=frozenset(NOT_FOUND))

    def apply_settings(self, uid: str | None = None) -> list[str]:
        """Bring the index's settings to ours, sending only what differs; the names sent."""
        uid = uid or self.index_name
        index = self.conn.client.index(uid)
        current = self.conn.call(f"đọc cấu hình chỉ mục {uid}", index.get_settings)
        changes = settings_diff(index_settings(), current)
        if changes:
            info = self.conn.call(f"cập nhật cấu hình chỉ mục {uid}", lambda: index.update_settings(changes))
            self.conn.wait(info, f"cập nhật cấu hình chỉ mục {uid} ({', '.join(sorted(changes))})")
        return sorted(changes)

    def _ensure_ready(self) -> None:
        if self._ready:
            return
        info = self._index_info(self.index_name)
        if info is None:
            self._create_index(self.index_name)
        elif info.get("primaryKey") is None:
            # an index made elsewhere, still empty: "id" and "doc_id" would both look like keys
            index = self.conn.client.index(self.index_name)
            task = self.conn.call("đặt khóa chính", lambda: index.update(primary_key="id"))
            self.conn.wait(task, f"đặt khóa chính cho {self.index_name}")
        elif info.get("primaryKey") != "id":
            raise EngineError(f"Chỉ mục {self.index_name} có khóa chính {info.get('primaryKey')!r}, cần 'id': "
                              "hãy lập lại chỉ mục (rebuild).")
        self.apply_settings(self.index_name)
        self._ready = True

    # --- writing ------------------------------------------------------------------------------

    def _batches(self, docs: Iterable[Doc]) -> Iterator[list[dict[str, Any]]]:
        """Records in batches of at most batch_size documents and MAX_BATCH_BYTES bytes."""
        batch: list[dict[str, Any]] = []
        size = 0
        for doc in docs:
            record = to_record(doc)
            weight = size_bound(record)
            if batch and (len(batch) >= self.config.batch_size or size + weight > MAX_BATCH_BYTES):
                yield batch
                batch, size = [], 0
            batch.append(record)
            size += weight
        if batch:
            yield batch

    def _add(self, uid: str, docs: Iterable[Doc]) -> int:
        index = self.conn.client.index(uid)
        pending: deque[TaskInfo] = deque()
        sent = 0
        what = f"thêm tài liệu vào {uid}"
        for records in self._batches(docs):
            pending.append(self.conn.call(what, lambda r=records: index.add_documents(r)))
            sent += len(records)
            if len(pending) >= IN_FLIGHT:
                self.conn.wait(pending.popleft(), what)
        while pending:
            self.conn.wait(pending.popleft(), what)
        return sent

    def upsert(self, docs: Iterable[Doc]) -> int:
        self._ensure_ready()
        return self._add(self.index_name, docs)

    def delete(self, ids: Iterable[str]) -> int:
        keys = list(dict.fromkeys(record_id(i) for i in ids))
        if not keys or self._index_info(self.index_name) is None:
            return 0
        index = self.conn.client.index(self.index_name)
        what = f"xóa tài liệu khỏi {self.index_name}"
        for chunk in _chunks(keys, DELETE_BATCH):
            with warnings.catch_warnings():
                # the client deprecates its ids argument, not the server route (delete-batch)
                warnings.simplefilter("ignore", DeprecationWarning)
                info = self.conn.call(what, lambda c=chunk: index.delete_documents(c))
            self.conn.wait(info, what)
        return len(keys)

    def _stale_rebuilds(self) -> list[str]:
        found = self.conn.call("liệt kê chỉ mục", lambda: self.conn.client.get_raw_indexes({"limit": 1000}))
        prefix = self.index_name + _REBUILD_MARK
        results = found.get("results", []) if isinstance(found, dict) else []
        return [r["uid"] for r in results if isinstance(r, dict) and str(r.get("uid", "")).startswith(prefix)]

    def rebuild(self, docs: Iterable[Doc]) -> int:
        for stale in self._stale_rebuilds():
            self._delete_index(stale)
        temp = f"{self.index_name}{_REBUILD_MARK}{uuid.uuid4().hex[:10]}"
        try:
            self._create_index(temp)
            self.apply_settings(temp)
            sent = self._add(temp, docs)
            if self._index_info(self.index_name) is None:
                self._create_index(self.index_name)   # swapping needs both indexes to exist
            swap = [{"indexes": [self.index_name, temp]}]
            info = self.conn.call("hoán đổi chỉ mục", lambda: self.conn.client.swap_indexes(swap))
            self.conn.wait(info, f"hoán đổi chỉ mục {self.index_name} và {temp}")
        except BaseException:
            # the original error matters more; a temp index left over is removed by the next rebuild
            with contextlib.suppress(EngineError):
                self._delete_index(temp)
            raise
        self._delete_index(temp)   # now holds the old documents
        self._ready = True
        return sent

    def drop(self) -> None:
        """Delete the whole index (used by tests to clean up)."""
        self._delete_index(self.index_name)
        self._ready = False

    # --- reading ------------------------------------------------------------------------------

    def _search(self, q: str, body: dict[str, Any]) -> dict[str, Any]:
        index = self.conn.client.index(self.index_name)
        result = self.conn.call(f"tìm trong {self.index_name}", lambda: index.search(q, body))
        if not isinstance(result, dict):
            raise EngineError(f"Meilisearch trả lời bất thường khi tìm: {str(result)[:200]}")
        return result

    def search(self, query: SearchQuery) -> SearchResult:
        meili_q = build_q(parse_query(query.q))
        body, skip, filter_message = search_body(query, meili_q)
        raw = self._search(meili_q.q, body)
        hits = [to_hit(h) for h in (raw.get("hits") or [])[skip:skip + query.limit] if isinstance(h, dict)]
        distribution = raw.get("facetDistribution") or {}
        total = int(raw.get("totalHits", raw.get("estimatedTotalHits")) or 0)
        messages = [m for m in (meili_q.message, filter_message) if m]
        if total >= MAX_TOTAL_HITS:
            total = max(total, sum((distribution.get("level") or {}).values()))
            messages.append(f"Có {total} kết quả; chỉ xem được {MAX_TOTAL_HITS} kết quả đầu. "
                            "Thu hẹp bằng bộ lọc (tỉnh, cấp, thời gian) để xem hết.")
        facets = {}
        if query.facets:
            facets = {name: {str(k): int(v) for k, v in (distribution.get(name) or {}).items()} for name in FACETS}
        return SearchResult(total=total, hits=hits, facets=facets, message=" ".join(messages) or None,
                            sort=effective_sort(query.sort, meili_q.empty))

    def count(self) -> int:
        index = self.conn.client.index(self.index_name)
        stats = self.conn.try_call("đếm tài liệu", index.get_stats, NOT_FOUND)
        return int(stats.number_of_documents) if stats is not None else 0

    def timeline(self, query: SearchQuery) -> dict[str, int]:
        meili_q = build_q(parse_query(query.q))
        body, _ = timeline_body(query)
        months = (self._search(meili_q.q, body).get("facetDistribution") or {}).get("month") or {}
        return {str(m): int(n) for m, n in sorted(months.items())}

    def needs_rebuild(self) -> bool:
        return False

    def close(self) -> None:
        """Nothing to release: the client opens a connection per request."""
        self._ready = False

