"""Choosing and opening a search engine.

Meilisearch when asked for (``--engine meilisearch``) or when ``MEILI_URL`` is set; otherwise the
embedded engine under the data directory, which needs no server.
"""

from __future__ import annotations

import os
from pathlib import Path

from indexer.model import EngineError, SearchEngine

KINDS = ("embedded", "meilisearch")
DEFAULT_INDEX = "articles"


def engine_kind(explicit: str | None = None) -> str:
    if explicit:
        if explicit not in KINDS:
            raise EngineError(f"unknown engine {explicit!r} (embedded or meilisearch)")
        return explicit
    return "meilisearch" if os.environ.get("MEILI_URL") else "embedded"


def open_engine(kind: str | None, data_dir: str | Path, index_name: str = DEFAULT_INDEX) -> SearchEngine:
    """The engine of ``kind`` (see ``engine_kind``) for the archive in ``data_dir``."""
    kind = engine_kind(kind)
    if kind == "embedded":
        from indexer.embedded.engine import EmbeddedEngine

        return EmbeddedEngine(Path(data_dir) / "index" / index_name)
    from indexer.meili.engine import MeiliEngine

    return MeiliEngine.from_env(index_name)
