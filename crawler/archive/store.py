"""Reading and writing the archive: raw pages as evidence, extraction results beside them.

A page and its extraction are written in one transaction, committed at once: a crawl killed at any
moment leaves every archived page whole, and the next run skips them by URL.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawler.archive import copies, visits
from crawler.archive.db import archive_path, connect
from crawler.extract.model import EXTRACTOR_VERSION, Extracted
from crawler.registry import Site


def now_iso() -> str:
    """UTC now, to the second, ISO 8601 with Z."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def change_stamp() -> str:
    """UTC now to the microsecond: ``articles.changed_at``, the indexer's watermark, must order
    changes made within one second (it sends what is strictly newer than the last run)."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def doc_id_for(url_key: str) -> str:
    """Public article id: 16 hex digits of the URL key's hash (Meilisearch accepts [A-Za-z0-9_-])."""
    return hashlib.sha256(url_key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class RawPage:
    """A fetched article page, raw bytes included, as the spider yields it (a Scrapy item) and the
    archive keeps it as evidence, with the evidence that it is an article (``verdict``)."""

    site: str
    url: str
    url_key: str
    final_url: str
    final_key: str
    status: int
    headers: dict[str, list[str]]
    body: bytes
    encoding: str | None
    cms: str | None = None
    discovered_via: str | None = None
    listing_url: str | None = None
    listing_date: str | None = None
    fetched_at: str = ""
    verdict: str | None = None


@dataclass(frozen=True)
class StoredPage:
    """An archived page read back for re-extraction."""

    id: int
    site: str
    url: str
    final_url: str
    headers: dict[str, list[str]]
    body: bytes
    encoding: str | None
    cms: str | None
    listing_date: str | None
    doc_id: str


_ARTICLE_FIELDS = (
    "title", "published", "published_source", "author", "author_unit", "lead", "text", "captions", "source",
    "cms", "hdnd", "hdnd_score", "hdnd_reasons", "fingerprint", "status", "problem", "abbreviations",
)


def _article_values(ex: Extracted) -> dict[str, Any]:
    values = {name: getattr(ex, name) for name in _ARTICLE_FIELDS}
    values["captions"] = json.dumps(ex.captions, ensure_ascii=False)
    values["hdnd_reasons"] = json.dumps(ex.hdnd_reasons, ensure_ascii=False)
    values["abbreviations"] = json.dumps(ex.abbreviations)
    values["hdnd"] = int(bool(ex.hdnd))
    return values


class Archive:
    """The SQLite archive under a data directory."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, data: str | Path | None = None, readonly: bool = False) -> Archive:
        path = archive_path(data)
        return cls(connect(path, readonly=readonly), path)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on error: one writer at a time, whole or nothing."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # --- sites and runs -------------------------------------------------------------------------

    def upsert_site(self, site: Site, cms: str | None = None) -> None:
        registry = json.dumps(
            {k: v for k, v in site.__dict__.items() if v not in (None, (), "")}, ensure_ascii=False, default=list
        )
        with self.transaction() as c:
            c.execute(
                """INSERT INTO sites(id, name, province, province_current, level, cms, registry, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET name=excluded.name, province=excluded.province,
                     province_current=excluded.province_current, level=excluded.level,
                     cms=COALESCE(excluded.cms, sites.cms), registry=excluded.registry,
                     updated_at=excluded.updated_at""",
                (site.id, site.name, site.province, site.province_current, site.level, cms or site.cms,
                 registry, now_iso()),
            )

    def start_run(self, site_ids: Iterable[str]) -> int:
        with self.transaction() as c:
            cur = c.execute(
                "INSERT INTO runs(started_at, sites) VALUES (?, ?)", (now_iso(), json.dumps(list(site_ids)))
            )
            return int(cur.lastrowid or 0)

    def start_site_runs(self, run_id: int, site_ids: Iterable[str]) -> None:
        """One row per site, not complete until ``finish_site_runs`` says so: a killed run stays
        incomplete, and the next run of those sites crawls them in full."""
        stamp = now_iso()
        with self.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO site_runs(run_id, site, started_at) VALUES (?, ?, ?)",
                          [(run_id, site, stamp) for site in site_ids])

    def finish_site_runs(self, run_id: int, rows: Iterable[dict[str, Any]], outcome: str) -> None:
        stamp = now_iso()
        with self.transaction() as c:
            c.executemany(
                """UPDATE site_runs SET finished_at = ?, fetched = ?, new_articles = ?, errors = ?,
                       extract_problems = ?, not_articles = ?, complete = ?, outcome = ?
                   WHERE run_id = ? AND site = ?""",
                [(stamp, r["fetched"], r["new"], r["errors"], r["extract_problems"], r.get("not_articles", 0),
                  int(r["complete"]), outcome, run_id, r["site"]) for r in rows],
            )

    def visits(self, site_ids: Iterable[str]) -> dict[str, visits.Visit]:
        """What each non-article page of these sites gave on its last fetch, by URL key."""
        return visits.load_visits(self.conn, site_ids)

    def cached_body(self, url_key: str) -> tuple[bytes, str | None] | None:
        """The body a visit kept (to answer a 304 from), with its encoding."""
        return visits.cached_body(self.conn, url_key)

    def last_complete(self, site_ids: Iterable[str], before_run: int | None) -> set[str]:
        """Sites whose last run before ``before_run`` crawled them to the end."""
        return visits.last_complete(self.conn, site_ids, before_run)

    def recent_failures(self, site_ids: Iterable[str]) -> dict[str, str]:
        """URLs the latest run of each site gave up on, with when."""
        return visits.recent_failures(self.conn, site_ids)

    def record_visit(self, visit: visits.Visit, body: bytes | None, encoding: str | None) -> None:
        with self.transaction() as c:
            visits.record_visit(c, visit, body, encoding)

    def finish_run(self, run_id: int, stats: dict[str, Any], outcome: str) -> None:
        with self.transaction() as c:
            c.execute(
                "UPDATE runs SET finished_at = ?, stats = ?, outcome = ? WHERE id = ?",
                (now_iso(), json.dumps(stats, ensure_ascii=False, default=str), outcome, run_id),
            )

    # --- pages ----------------------------------------------------------------------------------

    def known_keys(self, site_ids: Iterable[str] | None = None) -> set[str]:
        """URL keys (requested and final) of every archived page of these sites."""
        sql = "SELECT url_key, final_key FROM pages"
        params: list[str] = []
        ids = list(site_ids or [])
        if ids:
            sql += f" WHERE site IN ({','.join('?' * len(ids))})"
            params = ids
        keys: set[str] = set()
        for url_key, final_key in self.conn.execute(sql, params):
            keys.add(url_key)
            keys.add(final_key)
        alias_sql = "SELECT url_key FROM aliases" + (f" WHERE site IN ({','.join('?' * len(ids))})" if ids else "")
        keys.update(key for (key,) in self.conn.execute(alias_sql, params))
        return keys

    def store_alias(self, site: str, url_key: str, page_key: str) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT OR IGNORE INTO aliases(url_key, page_key, site, at) VALUES (?, ?, ?, ?)",
                (url_key, page_key, site, now_iso()),
            )

    def store_page(self, page: RawPage, extracted: Extracted | None, run_id: int | None = None) -> tuple[int, bool]:
        """Archive a fetched page (and its extraction). Returns (page id, whether it was new).

        A page already archived under the same requested or final URL is not stored twice. One
        archived under the same URL but another key (keys follow the URL rules, which improve) takes
        the new keys; its document id, the public name of the article, stays.
        """
        with self.transaction() as c:
            row = c.execute(
                "SELECT id FROM pages WHERE url_key = ? OR final_key = ? OR url_key = ? LIMIT 1",
                (page.url_key, page.url_key, page.final_key),
            ).fetchone()
            if row is not None:
                return int(row[0]), False
            row = c.execute("SELECT id FROM pages WHERE url = ? OR final_url = ? LIMIT 1",
                            (page.url, page.final_url)).fetchone()
            if row is not None:
                c.execute("UPDATE pages SET url_key = ?, final_key = ? WHERE id = ?",
                          (page.url_key, page.final_key, row[0]))
                return int(row[0]), False
            cur = c.execute(
                """INSERT INTO pages(url, url_key, final_url, final_key, site, fetched_at, status, headers, body,
                     body_size, sha256, encoding, cms, discovered_via, listing_url, listing_date, run_id, verdict)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (page.url, page.url_key, page.final_url, page.final_key, page.site, page.fetched_at or now_iso(),
                 page.status, json.dumps(page.headers, ensure_ascii=False), zlib.compress(page.body, 6),
                 len(page.body), hashlib.sha256(page.body).hexdigest(), page.encoding, page.cms,
                 page.discovered_via, page.listing_url, page.listing_date, run_id, page.verdict),
            )
            page_id = int(cur.lastrowid or 0)
            if extracted is not None:
                self._write_article(c, page_id, doc_id_for(page.url_key), extracted)
            return page_id, True

    def save_extraction(self, page_id: int, extracted: Extracted) -> bool:
        """Replace a page's extraction; True when any stored field changed."""
        with self.transaction() as c:
            row = c.execute("SELECT url_key FROM pages WHERE id = ?", (page_id,)).fetchone()
            if row is None:
                raise KeyError(page_id)
            return self._write_article(c, page_id, doc_id_for(row[0]), extracted)

    def _write_article(self, c: sqlite3.Connection, page_id: int, doc_id: str, ex: Extracted) -> bool:
        values = _article_values(ex)
        old = c.execute(f"SELECT {', '.join(_ARTICLE_FIELDS)} FROM articles WHERE page_id = ?", (page_id,)).fetchone()
        changed = old is None or any(old[name] != values[name] for name in _ARTICLE_FIELDS)
        stamp = change_stamp()
        if old is None:
            cols = ", ".join(_ARTICLE_FIELDS)
            marks = ", ".join("?" * len(_ARTICLE_FIELDS))
            c.execute(
                f"""INSERT INTO articles(page_id, doc_id, {cols}, extractor, extracted_at, changed_at)
                    VALUES (?, ?, {marks}, ?, ?, ?)""",
                (page_id, doc_id, *values.values(), EXTRACTOR_VERSION, stamp, stamp),
            )
        else:
            sets = ", ".join(f"{name} = ?" for name in _ARTICLE_FIELDS)
            c.execute(
                f"""UPDATE articles SET {sets}, extractor = ?, extracted_at = ?,
                      changed_at = CASE WHEN ? THEN ? ELSE changed_at END WHERE page_id = ?""",
                (*values.values(), EXTRACTOR_VERSION, stamp, int(changed), stamp, page_id),
            )
        if old is None or old["fingerprint"] != values["fingerprint"]:
            copies.assign(c, page_id, ex.fingerprint, stamp)
        return changed

    def store_error(self, site: str, url: str, reason: str, status: int | None, run_id: int | None) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO fetch_errors(site, url, reason, status, at, run_id) VALUES (?, ?, ?, ?, ?, ?)",
                (site, url, reason, status, now_iso(), run_id),
            )

    def iter_pages(self, site: str | None = None, only_missing: bool = False) -> Iterator[StoredPage]:
        """Archived raw pages, oldest first, for re-extraction; ``only_missing``: those never extracted.

        Ids are read first and pages one at a time, so callers may write extractions while iterating.
        """
        sql = "SELECT p.id FROM pages p LEFT JOIN articles a ON a.page_id = p.id WHERE 1=1"
        params: list[Any] = []
        if site:
            sql += " AND p.site = ?"
            params.append(site)
        if only_missing:
            sql += " AND a.page_id IS NULL"
        ids = [row[0] for row in self.conn.execute(sql + " ORDER BY p.id", params)]
        for page_id in ids:
            row = self.conn.execute(
                """SELECT id, site, url, final_url, headers, body, encoding, cms, listing_date, url_key
                   FROM pages WHERE id = ?""",
                (page_id,),
            ).fetchone()
            if row is None:
                continue
            yield StoredPage(
                id=row[0], site=row[1], url=row[2], final_url=row[3], headers=json.loads(row[4]),
                body=zlib.decompress(row[5]), encoding=row[6], cms=row[7], listing_date=row[8],
                doc_id=doc_id_for(row[9]),
            )

    def raw_body(self, doc_id: str) -> tuple[bytes, dict[str, list[str]], str | None] | None:
        """The raw page behind an article, as fetched: body, headers, encoding."""
        row = self.conn.execute(
            "SELECT p.body, p.headers, p.encoding FROM pages p JOIN articles a ON a.page_id = p.id WHERE a.doc_id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            return None
        return zlib.decompress(row[0]), json.loads(row[1]), row[2]

    def extraction_problems(self, run_id: int | None) -> list[tuple[str, str, str, str]]:
        """Pages of a run whose extraction failed or looks wrong: (site, url, status, problem)."""
        if run_id is None:
            return []
        return [tuple(row) for row in self.conn.execute(
            """SELECT p.site, p.url, a.status, COALESCE(a.problem, '') FROM articles a JOIN pages p ON p.id = a.page_id
               WHERE p.run_id = ? AND a.status != 'ok' ORDER BY p.site, p.id""", (run_id,))]

    # --- counts ---------------------------------------------------------------------------------

    def article_counts(self, site_ids: Iterable[str] | None = None, run_id: int | None = None) -> dict[str, int]:
        """Archived pages per site (all of them, or those of one run)."""
        sql = "SELECT site, COUNT(*) FROM pages WHERE 1=1"
        params: list[Any] = []
        ids = list(site_ids or [])
        if ids:
            sql += f" AND site IN ({','.join('?' * len(ids))})"
            params.extend(ids)
        if run_id is not None:
            sql += " AND run_id = ?"
            params.append(run_id)
        sql += " GROUP BY site"
        return {site: n for site, n in self.conn.execute(sql, params)}
