"""A tiny stand-in for a Meilisearch server on 127.0.0.1, for tests that must run without one.

It speaks just enough of the HTTP API (indexes, settings, documents, tasks, swap, stats, search)
for the official client to run the engine's real calls against it, keeps what it is sent, and can
be told to misbehave: refuse the key, fail or stall tasks, answer slowly.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

DEFAULT_SETTINGS: dict[str, Any] = {
    "displayedAttributes": ["*"], "searchableAttributes": ["*"], "filterableAttributes": [],
    "sortableAttributes": [], "rankingRules": ["words", "typo", "proximity", "attributeRank", "sort",
                                              "wordPosition", "exactness"],
    "stopWords": [], "synonyms": {}, "distinctAttribute": None, "proximityPrecision": "byWord",
    "typoTolerance": {"enabled": True, "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9},
                      "disableOnWords": [], "disableOnAttributes": [], "disableOnNumbers": False},
    "faceting": {"maxValuesPerFacet": 100, "sortFacetValuesBy": {"*": "alpha"}},
    "pagination": {"maxTotalHits": 1000}, "localizedAttributes": None, "searchCutoffMs": None,
}


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def api_error(status: int, code: str, message: str) -> tuple[int, dict[str, Any]]:
    return status, {"message": message, "code": code, "type": "invalid_request",
                    "link": f"https://docs.meilisearch.com/errors#{code}"}


class FakeMeili:
    """Start with ``start()``; ``url`` is its address. Knobs: ``key`` (required bearer token),
    ``refuse`` (an error for every call but /health), ``fail_tasks`` (task type -> (code, message)),
    ``stall_tasks``, ``delay`` (seconds per request), ``search_reply`` (the body of search answers)."""

    def __init__(self, key: str | None = None) -> None:
        self.key = key
        self.fail_tasks: dict[str, tuple[str, str]] = {}
        self.stall_tasks = False
        self.delay = 0.0
        self.refuse: tuple[int, str, str] | None = None   # (status, code, message) for every call
        self.search_reply: dict[str, Any] = {"hits": [], "totalHits": 0, "facetDistribution": {}}
        self.indexes: dict[str, dict[str, Any]] = {}
        self.tasks: dict[int, dict[str, Any]] = {}
        self.requests: list[tuple[str, str, Any]] = []
        self.lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # --- lifecycle -----------------------------------------------------------------------------

    def start(self) -> FakeMeili:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw.strip() else None
                status, reply = fake.handle(self.command, self.path, body, self.headers.get("Authorization"))
                data = json.dumps(reply).encode() if reply is not None else b""
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass   # the client gave up (timeout tests)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def sent(self, method: str, path_start: str) -> list[Any]:
        """Bodies of the requests received for ``method`` on paths starting with ``path_start``."""
        return [body for m, p, body in self.requests if m == method and p.startswith(path_start)]

    # --- the API -------------------------------------------------------------------------------

    def _task(self, kind: str, index: str | None, effect: Any = None) -> tuple[int, dict[str, Any]]:
        uid = len(self.tasks)
        failure = self.fail_tasks.get(kind)
        task: dict[str, Any] = {"uid": uid, "indexUid": index, "type": kind, "status": "succeeded",
                                "enqueuedAt": _now(), "startedAt": _now(), "finishedAt": _now(),
                                "error": None, "details": {}, "duration": "PT0.001S", "canceledBy": None}
        if self.stall_tasks:
            task.update(status="processing", finishedAt=None)
        elif failure:
            code, message = failure
            task.update(status="failed", error={"message": message, "code": code, "type": "invalid_request",
                                                "link": f"https://docs.meilisearch.com/errors#{code}"})
        elif effect is not None:
            error = effect()
            if error:
                task.update(status="failed", error={"message": error[1], "code": error[0], "type": "invalid_request",
                                                    "link": ""})
        self.tasks[uid] = task
        return 202, {"taskUid": uid, "indexUid": index, "status": "enqueued", "type": kind, "enqueuedAt": _now()}

    def _index(self, uid: str, primary_key: str | None) -> dict[str, Any]:
        return {"uid": uid, "primaryKey": primary_key, "createdAt": _now(), "updatedAt": _now(),
                "settings": json.loads(json.dumps(DEFAULT_SETTINGS)), "documents": {}}

    def handle(self, method: str, raw_path: str, body: Any, auth: str | None) -> tuple[int, Any]:
        if self.delay:
            time.sleep(self.delay)
        path = urlsplit(raw_path).path.strip("/")
        with self.lock:
            self.requests.append((method, path, body))
            if path == "health":
                return 200, {"status": "available"}
            if self.refuse:
                return api_error(*self.refuse)
            if self.key is not None and auth != f"Bearer {self.key}":
                if not auth:
                    return api_error(401, "missing_authorization_header", "The Authorization header is missing. "
                                     "It must use the bearer authorization method.")
                return api_error(403, "invalid_api_key", "The provided API key is invalid.")
            return self._route(method, path.split("/"), body)

    def _route(self, method: str, parts: list[str], body: Any) -> tuple[int, Any]:
        if parts[0] == "tasks" and len(parts) == 2 and method == "GET":
            task = self.tasks.get(int(parts[1]))
            return (200, task) if task else api_error(404, "task_not_found", "Task not found.")
        if parts == ["swap-indexes"] and method == "POST":
            def swap() -> tuple[str, str] | None:
                for pair in body:
                    a, b = pair["indexes"]
                    if a not in self.indexes or b not in self.indexes:
                        return ("index_not_found", f"Indexes `{a}`, `{b}` not found.")
                    self.indexes[a], self.indexes[b] = self.indexes[b], self.indexes[a]
                    self.indexes[a]["uid"], self.indexes[b]["uid"] = a, b
                return None
            return self._task("indexSwap", None, swap)
        if parts == ["indexes"]:
            if method == "GET":
                results = [{k: v for k, v in ix.items() if k not in ("settings", "documents")}
                           for ix in self.indexes.values()]
                return 200, {"results": results, "offset": 0, "limit": 1000, "total": len(results)}
            uid = body["uid"]

            def create() -> tuple[str, str] | None:
                if uid in self.indexes:
                    return ("index_already_exists", f"Index `{uid}` already exists.")
                self.indexes[uid] = self._index(uid, body.get("primaryKey"))
                return None
            return self._task("indexCreation", uid, create)
        uid = parts[1]
        index = self.indexes.get(uid)
        rest = parts[2:]
        if not rest:
            if method == "DELETE":
                return self._task("indexDeletion", uid, lambda: self.indexes.pop(uid, None) and None)
            if index is None:
                return api_error(404, "index_not_found", f"Index `{uid}` not found.")
            return 200, {k: v for k, v in index.items() if k not in ("settings", "documents")}
        if index is None:
            return api_error(404, "index_not_found", f"Index `{uid}` not found.")
        if rest == ["settings"]:
            if method == "GET":
                return 200, index["settings"]
            return self._task("settingsUpdate", uid, lambda: index["settings"].update(body) and None)
        if rest == ["documents"] and method == "POST":
            def add() -> None:
                for doc in body:
                    index["documents"][doc["id"]] = doc
            return self._task("documentAdditionOrUpdate", uid, add)
        if rest == ["documents", "delete-batch"]:
            def remove() -> None:
                for doc_id in body:
                    index["documents"].pop(doc_id, None)
            return self._task("documentDeletion", uid, remove)
        if rest == ["stats"]:
            return 200, {"numberOfDocuments": len(index["documents"]), "isIndexing": False,
                         "fieldDistribution": {}}
        if rest == ["search"]:
            return 200, {"query": body.get("q", ""), "processingTimeMs": 1, **self.search_reply}
        return api_error(404, "not_found", f"no route {method} {'/'.join(parts)}")
