"""``hdnd index``: keep a search engine in step with the archive.

Incremental by default: what changed in the archive since the last run (``articles.changed_at``
strictly after the saved watermark, stamped to the microsecond) is sent, copies and non-HĐND
articles removed. ``rebuild`` builds a fresh index from the whole archive and swaps it in
atomically. The watermark is saved only after
the engine confirmed the change, so a crash mid-index leaves the previous state valid and the
next run sends the same changes again (upserts are idempotent). The archive has one writer at a
time (the crawl, or a re-extraction), which stamps its changes in commit order.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.archive.store import Archive, now_iso
from indexer.documents import changed_since, iter_docs, latest_change
from indexer.model import SearchEngine


@dataclass
class IndexReport:
    engine: str
    mode: str            # "rebuild" or "incremental"
    sent: int
    deleted: int
    total: int
    watermark: str | None
    reason: str = ""     # why a rebuild ran: "asked", "first", "emptied", "split"


def state_path(data_dir: str | Path, engine: str, index_name: str) -> Path:
    return Path(data_dir) / "index" / f"{engine}-{index_name}.state.json"


def load_state(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text("utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def save_state(path: Path, state: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, ensure_ascii=False, indent=2), "utf-8")
    os.replace(tmp, path)


def sync_index(archive: Archive, engine: SearchEngine, state_file: Path, rebuild: bool = False) -> IndexReport:
    """Bring ``engine`` up to date with ``archive``; a full rebuild when asked, never indexed, or
    when the engine wants one (an embedded index grown large enough to be split in shards)."""
    state = load_state(state_file)
    watermark = latest_change(archive)
    reason = ("asked" if rebuild else "first" if not state.get("watermark")
              else "emptied" if engine.count() == 0 and state.get("documents")
              else "split" if engine.needs_rebuild() else "")
    if reason:
        sent = engine.rebuild(iter_docs(archive))
        mode, deleted = "rebuild", 0
    else:
        docs, removed = changed_since(archive, state["watermark"])
        sent = engine.upsert(docs) if docs else 0
        deleted = engine.delete(removed) if removed else 0
        mode = "incremental"
    total = engine.count()
    save_state(state_file, {"watermark": watermark, "documents": total, "mode": mode, "at": now_iso(),
                            "engine": engine.name})
    return IndexReport(engine.name, mode, sent, deleted, total, watermark, reason)
