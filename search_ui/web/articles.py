"""What the page and the exports read from the archive rather than the index.

The index holds what is searched; the archive holds the evidence: when a page was fetched, the
sha256 of the bytes, which copies point at which original, the raw page itself. Connections are
opened read-only per use: SQLite connections belong to the thread that opened them, Starlette runs
sync endpoints (and streamed bodies) on a pool of threads, and opening one is a fraction of a
millisecond.
"""

from __future__ import annotations

import codecs
import re
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from crawler.archive import queries
from crawler.archive.db import ArchiveError, archive_path
from crawler.archive.queries import ArticleRecord
from crawler.archive.store import Archive

DOC_ID_RE = re.compile(r"[0-9a-f]{16}")

# The archive's article, as the page and the exports show it (crawler/archive/queries.py reads it).
Article = ArticleRecord


class ArchiveReader:
    """Read-only access to ``DATA/archive.sqlite3``; every method copes with a missing archive
    (an index built elsewhere, the benchmark) by returning nothing."""

    def __init__(self, data_dir: str | Path) -> None:
        self.data_dir = Path(data_dir)
        self._site_names: dict[str, str] = {}
        self._site_names_at = 0.0
        self._lock = threading.Lock()

    @property
    def exists(self) -> bool:
        return archive_path(self.data_dir).exists()

    @contextmanager
    def open(self) -> Iterator[Archive | None]:
        if not self.exists:
            yield None
            return
        try:
            archive = Archive.open(self.data_dir, readonly=True)
        except ArchiveError:
            yield None
            return
        try:
            yield archive
        finally:
            archive.close()

    def article(self, doc_id: str) -> Article | None:
        """An article with the other sites' copies of it (or, for a copy, its original and siblings)."""
        if not DOC_ID_RE.fullmatch(doc_id):
            return None
        with self.open() as archive:
            return queries.article(archive, doc_id) if archive is not None else None

    def articles(self, doc_ids: Iterable[str]) -> tuple[dict[str, Article], dict[str, list[Article]]]:
        """Articles by id, and the copies of each (by original id), in one round trip per 500 ids."""
        ids = list(doc_ids)
        if not ids:
            return {}, {}
        with self.open() as archive:
            if archive is None:
                return {}, {}
            return queries.articles(archive, ids), queries.copies_of(archive, ids)

    def site_names(self, max_age: float = 60.0) -> dict[str, str]:
        """Site id → name, for the site filter; cached a minute (sites change only with crawls)."""
        now = time.monotonic()
        with self._lock:
            if now - self._site_names_at < max_age:
                return self._site_names
        names: dict[str, str] = {}
        with self.open() as archive:
            if archive is not None:
                names = queries.site_names(archive)
        with self._lock:
            self._site_names, self._site_names_at = names, now
        return names

    def raw_page(self, doc_id: str) -> tuple[bytes, str] | None:
        """The page as fetched and the charset a browser should read it with."""
        if not DOC_ID_RE.fullmatch(doc_id):
            return None
        with self.open() as archive:
            if archive is None:
                return None
            found = archive.raw_body(doc_id)
        if found is None:
            return None
        body, headers, encoding = found
        return body, browser_charset(encoding, headers)


_HEADER_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
_WHATWG = {"utf_8": "utf-8", "latin_1": "windows-1252", "iso8859_1": "windows-1252", "ascii": "windows-1252",
           "utf_16": "utf-16le", "utf_16_le": "utf-16le", "utf_16_be": "utf-16be", "tis_620": "windows-874"}


def browser_charset(encoding: str | None, headers: dict[str, list[str]]) -> str:
    """A WHATWG label for the encoding the crawler decoded the page with (Python codec names such
    as cp1258 differ from the labels browsers know), else the original Content-Type's, else UTF-8."""
    candidates = [encoding]
    for name, values in headers.items():
        if name.lower() == "content-type":
            for value in values:
                m = _HEADER_CHARSET_RE.search(value)
                if m:
                    candidates.append(m.group(1))
    for candidate in candidates:
        if not candidate:
            continue
        try:
            name = codecs.lookup(candidate).name.replace("-", "_")
        except LookupError:
            continue
        if name in _WHATWG:
            return _WHATWG[name]
        if name.startswith("cp125"):
            return "windows-" + name[2:]
        if name.startswith("iso8859_"):
            return "iso-8859-" + name.split("_", 1)[1]
        return name.replace("_", "-")
    return "utf-8"
