"""The official client, wrapped so that every failure is a clear EngineError and every task is awaited.

Meilisearch does its writes asynchronously: a request only enqueues a task. The client's
wait_for_task gives up after 5 s by default, polls every 50 ms however long the task, and returns
failed tasks without raising; so here every task is polled (with the client's get_task) under a
timeout fit for the job (minutes for big batches), backing off, and its final status is checked:
a failed task raises with the server's own message. Requests themselves get an HTTP
timeout too (the client has none by default, so a hung server would hang us).
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import requests
from meilisearch import Client
from meilisearch.errors import (
    MeilisearchApiError,
    MeilisearchCommunicationError,
    MeilisearchError,
    MeilisearchTimeoutError,
)
from meilisearch.models.task import Task, TaskInfo

from indexer.model import EngineError

T = TypeVar("T")

AUTH_CODES = frozenset({"missing_authorization_header", "invalid_api_key", "missing_master_key"})
POLL_FIRST = 0.02   # seconds between task polls, growing to POLL_MAX
POLL_MAX = 1.0
HINT = ". Hint: It might not be working"   # what the client appends to some API errors


def _seconds(environ: Mapping[str, str], name: str, default: float) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise EngineError(f"{name} phải là số giây, nhận được {raw!r}") from None
    if not (math.isfinite(value) and value > 0):
        raise EngineError(f"{name} phải là số giây lớn hơn 0, nhận được {raw!r}")
    return value


@dataclass(frozen=True)
class Config:
    """Where the server is and how long to wait for it.

    http_timeout bounds one request; task_timeout bounds waiting for one task (an indexing batch
    or a settings change can re-index for minutes on a full archive).
    """

    url: str
    api_key: str | None = None
    http_timeout: float = 30.0
    task_timeout: float = 600.0
    batch_size: int = 1000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Config:
        """MEILI_URL, MEILI_MASTER_KEY or MEILI_API_KEY, and optionally MEILI_TIMEOUT,
        MEILI_TASK_TIMEOUT (seconds) and MEILI_BATCH_SIZE."""
        env = os.environ if environ is None else environ
        url = env.get("MEILI_URL", "").strip().rstrip("/")
        if not url:
            raise EngineError("MEILI_URL chưa được đặt: cho biết địa chỉ máy chủ Meilisearch, "
                              "ví dụ MEILI_URL=http://127.0.0.1:7700")
        if not url.startswith(("http://", "https://")):
            raise EngineError(f"MEILI_URL phải bắt đầu bằng http:// hoặc https://, nhận được {url!r}")
        key = (env.get("MEILI_MASTER_KEY") or env.get("MEILI_API_KEY") or "").strip() or None
        batch = env.get("MEILI_BATCH_SIZE", "").strip()
        if batch and not (batch.isdigit() and int(batch) > 0):
            raise EngineError(f"MEILI_BATCH_SIZE phải là số nguyên dương, nhận được {batch!r}")
        return cls(
            url=url,
            api_key=key,
            http_timeout=_seconds(env, "MEILI_TIMEOUT", cls.http_timeout),
            task_timeout=_seconds(env, "MEILI_TASK_TIMEOUT", cls.task_timeout),
            batch_size=int(batch) if batch else cls.batch_size,
        )


def _message(exc: MeilisearchApiError) -> str:
    return str(exc.message or "").split(HINT)[0].strip()


class Connection:
    """One server, through the official client; all calls go through ``call`` and ``wait``."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.client = Client(config.url, config.api_key, timeout=config.http_timeout,  # type: ignore[arg-type]
                             client_agents=("hdnd-archive",))

    # --- errors ---------------------------------------------------------------------------------

    def api_error(self, what: str, exc: MeilisearchApiError) -> EngineError:
        code = exc.code or ""
        message = _message(exc)
        if exc.status_code in (401, 403) or code in AUTH_CODES:
            return EngineError(
                f"Meilisearch tại {self.config.url} từ chối khóa API khi {what} "
                f"({code or exc.status_code}): {message} Đặt MEILI_MASTER_KEY hoặc MEILI_API_KEY đúng "
                "với máy chủ (khóa cần quyền ghi chỉ mục)."
            )
        if code == "index_not_found":
            return EngineError(f"Chỉ mục chưa có trên Meilisearch khi {what}: {message} Hãy lập chỉ mục trước.")
        return EngineError(f"Meilisearch từ chối yêu cầu khi {what}: {message}" + (f" [{code}]" if code else ""))

    def unreachable(self, what: str, exc: Exception) -> EngineError:
        detail = getattr(exc, "message", None) or str(exc)
        return EngineError(
            f"Không kết nối được Meilisearch tại {self.config.url} khi {what}: {detail.strip()[:300]}. "
            "Máy chủ đã chạy chưa? (docker compose up -d meilisearch; kiểm tra MEILI_URL)"
        )

    def too_slow(self, what: str) -> EngineError:
        return EngineError(
            f"Meilisearch tại {self.config.url} không trả lời trong {self.config.http_timeout:g} giây khi "
            f"{what}. Máy chủ quá tải hoặc treo; có thể tăng MEILI_TIMEOUT."
        )

    def translate(self, what: str, exc: Exception) -> EngineError | None:
        """The EngineError for a failure of the client or of the HTTP layer under it; None for
        anything else (a bug of ours, which should surface as itself)."""
        if isinstance(exc, MeilisearchApiError):
            return self.api_error(what, exc)
        if isinstance(exc, MeilisearchTimeoutError | requests.Timeout):
            return self.too_slow(what)
        if isinstance(exc, MeilisearchCommunicationError | requests.ConnectionError | requests.exceptions.InvalidURL):
            return self.unreachable(what, exc)
        if isinstance(exc, MeilisearchError | requests.RequestException | ValueError | TypeError | KeyError):
            # includes replies the client cannot parse (not Meilisearch on that port?)
            return EngineError(f"Meilisearch trả lời bất thường khi {what}: {str(exc)[:300]}")
        return None

    def call(self, what: str, fn: Callable[[], T]) -> T:
        """Run one client call; any failure becomes an EngineError saying what we were doing."""
        try:
            return fn()
        except Exception as exc:
            error = self.translate(what, exc)
            if error is None:
                raise
            raise error from exc

    def try_call(self, what: str, fn: Callable[[], T], missing: set[str]) -> T | None:
        """Like ``call``, but None when the server answers with one of the ``missing`` error codes."""
        try:
            return fn()
        except MeilisearchApiError as exc:
            if exc.code in missing:
                return None
            raise self.api_error(what, exc) from exc
        except Exception as exc:
            error = self.translate(what, exc)
            if error is None:
                raise
            raise error from exc

    # --- tasks ----------------------------------------------------------------------------------

    def wait(self, info: TaskInfo | int, what: str, ok_codes: frozenset[str] = frozenset()) -> Task | None:
        """Wait for a task to finish and check it succeeded; ``ok_codes`` are failures that are
        fine here (an index that already exists). Returns the task, or None for such a failure.

        Polls with the client's get_task, quickly at first (most tasks take milliseconds), then
        backing off to once a second (a big batch takes minutes).
        """
        uid = info.task_uid if isinstance(info, TaskInfo) else int(info)
        limit = self.config.task_timeout
        deadline = time.monotonic() + limit
        pause = POLL_FIRST
        while True:
            task = self.call(f"{what} (tác vụ {uid})", lambda: self.client.get_task(uid))
            if task.status not in ("enqueued", "processing"):
                break
            left = deadline - time.monotonic()
            if left <= 0:
                raise EngineError(
                    f"Meilisearch chưa xong tác vụ {uid} ({what}) sau {limit:g} giây. Tác vụ có thể vẫn đang "
                    f"chạy trên máy chủ: xem {self.config.url}/tasks/{uid}. Với dữ liệu lớn, tăng MEILI_TASK_TIMEOUT."
                )
            time.sleep(min(pause, left))
            pause = min(pause * 1.5, POLL_MAX)
        if task.status == "succeeded":
            return task
        error: dict[str, Any] = task.error or {}
        code = str(error.get("code") or "")
        if task.status == "failed" and code in ok_codes:
            return None
        state = {"failed": "thất bại", "canceled": "đã bị hủy"}.get(task.status, task.status)
        reason = error.get("message") or "máy chủ không nói lý do"
        raise EngineError(f"Tác vụ Meilisearch {uid} ({what}) {state}: {reason}" + (f" [{code}]" if code else ""))
