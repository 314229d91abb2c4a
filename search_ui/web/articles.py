"""What the page and the exports read from the archive rather than the index.

The index holds what is searched; the archive holds the evidence: when a page was fetched, the
sha256 of the bytes, which copies point at which original, the raw page itself. Connections are
opened read-only per use: SQLite connections belong to the thread that opened them, Starlette runs
sync endpoints (and streamed bodies) on a pool of threads, and opening one is a fraction of a
millisecond.
"""

from __future__ import annotations

import codecs
import json
import re
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.archive.db import ArchiveError, archive_path
from crawler.archive.store import Archive

DOC_ID_RE = re.compile(r"[0-9a-f]{16}")

_ARTICLE_SQL = """
SELECT a.doc_id, a.title, a.published, a.published_source, a.author, a.author_unit, a.source, a.lead, a.text,
       a.captions, a.hdnd, a.status, a.problem, a.duplicate_of, p.url, p.final_url, p.fetched_at,
       p.sha256, p.body_size, p.site, s.name AS site_name, s.province, s.province_current, s.level
FROM articles a JOIN pages p ON p.id = a.page_id JOIN sites s ON s.id = p.site
"""


@dataclass
class Copy:
    """Another site's publication of the same article."""

    doc_id: str
    url: str
    site: str
    site_name: str
    published: str | None
    original: bool = False


@dataclass
class Article:
    doc_id: str
    title: str
    published: str | None
    published_source: str | None
    author: str
    author_unit: str
    lead: str
    text: str
    captions: list[str]
    hdnd: bool
    status: str
    problem: str | None
    duplicate_of: str | None
    url: str
    final_url: str
    fetched_at: str
    sha256: str
    body_size: int
    site: str
    site_name: str
    province: str
    province_current: str
    level: str
    copies: list[Copy] = field(default_factory=list)
    source: str = ""        # the source a republished article credits

    @property
    def full_text(self) -> str:
        return f"{self.lead}\n\n{self.text}".strip() if self.lead else self.text


def _article(row: Any) -> Article:
    d = dict(row)
    return Article(
        doc_id=d["doc_id"], title=d["title"] or "", published=d["published"], published_source=d["published_source"],
        author=d["author"] or "", author_unit=d["author_unit"] or "", lead=d["lead"] or "", text=d["text"] or "",
        captions=json.loads(d["captions"] or "[]"), hdnd=bool(d["hdnd"]), status=d["status"], problem=d["problem"],
        duplicate_of=d["duplicate_of"], url=d["url"], final_url=d["final_url"], fetched_at=d["fetched_at"],
        sha256=d["sha256"], body_size=int(d["body_size"] or 0), site=d["site"], site_name=d["site_name"],
        province=d["province"], province_current=d["province_current"], level=d["level"], source=d["source"] or "",
    )


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
            if archive is None:
                return None
            row = archive.conn.execute(_ARTICLE_SQL + " WHERE a.doc_id = ?", (doc_id,)).fetchone()
            if row is None:
                return None
            art = _article(row)
            original = art.duplicate_of or art.doc_id
            rows = archive.conn.execute(
                """SELECT a.doc_id, p.url, p.site, s.name, a.published, a.duplicate_of IS NULL
                   FROM articles a JOIN pages p ON p.id = a.page_id JOIN sites s ON s.id = p.site
                   WHERE (a.doc_id = ? OR a.duplicate_of = ?) AND a.doc_id != ?
                   ORDER BY a.published, p.fetched_at""",
                (original, original, art.doc_id),
            ).fetchall()
            art.copies = [Copy(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]
            return art

    def articles(self, doc_ids: Iterable[str]) -> tuple[dict[str, Article], dict[str, list[Article]]]:
        """Articles by id, and the copies of each (by original id), in one round trip per 500 ids."""
        ids = list(doc_ids)
        found: dict[str, Article] = {}
        copies: dict[str, list[Article]] = {}
        if not ids:
            return found, copies
        with self.open() as archive:
            if archive is None:
                return found, copies
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for row in archive.conn.execute(_ARTICLE_SQL + f" WHERE a.doc_id IN ({marks})", chunk):
                    art = _article(row)
                    found[art.doc_id] = art
                sql = _ARTICLE_SQL + f" WHERE a.duplicate_of IN ({marks}) ORDER BY a.published, p.fetched_at"
                for row in archive.conn.execute(sql, chunk):
                    art = _article(row)
                    copies.setdefault(art.duplicate_of or "", []).append(art)
        return found, copies

    def site_names(self, max_age: float = 60.0) -> dict[str, str]:
        """Site id → name, for the site filter; cached a minute (sites change only with crawls)."""
        now = time.monotonic()
        with self._lock:
            if now - self._site_names_at < max_age:
                return self._site_names
        names: dict[str, str] = {}
        with self.open() as archive:
            if archive is not None:
                names = {r[0]: r[1] for r in archive.conn.execute("SELECT id, name FROM sites ORDER BY name")}
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
