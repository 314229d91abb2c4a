"""What a non-article page gave on its last fetch, and each site's outcome per run.

Re-crawls use the first to ask only for what changed (If-None-Match / If-Modified-Since, with the
stored body standing in for a 304) and to leave alone pages that never lead to articles; status
reports use the second.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Visit:
    url_key: str
    site: str
    url: str
    kind: str | None
    fetched_at: str
    status: int | None
    etag: str | None
    last_modified: str | None
    article_links: int
    has_body: bool
    verdict: str | None = None     # why the crawler judged the page not an article


def load_visits(conn: sqlite3.Connection, site_ids: Iterable[str]) -> dict[str, Visit]:
    ids = list(site_ids)
    if not ids:
        return {}
    rows = conn.execute(
        f"""SELECT url_key, site, url, kind, fetched_at, status, etag, last_modified, article_links,
                   body IS NOT NULL FROM visits WHERE site IN ({','.join('?' * len(ids))})""", ids)
    return {row[0]: Visit(*row[:9], has_body=bool(row[9])) for row in rows}


def cached_body(conn: sqlite3.Connection, url_key: str) -> tuple[bytes, str | None] | None:
    row = conn.execute("SELECT body, encoding FROM visits WHERE url_key = ?", (url_key,)).fetchone()
    if row is None or row[0] is None:
        return None
    return zlib.decompress(row[0]), row[1]


def record_visit(conn: sqlite3.Connection, visit: Visit, body: bytes | None, encoding: str | None) -> None:
    """Insert or replace; a 304 (body None and has_body) keeps the stored body, and is judged again."""
    conn.execute(
        """INSERT INTO visits(url_key, site, url, kind, fetched_at, status, etag, last_modified, article_links,
                              body, encoding, verdict)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(url_key) DO UPDATE SET site=excluded.site, url=excluded.url, kind=excluded.kind,
             fetched_at=excluded.fetched_at, status=excluded.status,
             etag=COALESCE(excluded.etag, visits.etag), last_modified=COALESCE(excluded.last_modified,
             visits.last_modified), article_links=excluded.article_links,
             body=CASE WHEN excluded.status = 304 THEN visits.body ELSE excluded.body END,
             encoding=COALESCE(excluded.encoding, visits.encoding), verdict=excluded.verdict""",
        (visit.url_key, visit.site, visit.url, visit.kind, visit.fetched_at, visit.status, visit.etag,
         visit.last_modified, visit.article_links, zlib.compress(body, 6) if body else None, encoding,
         visit.verdict),
    )


def last_complete(conn: sqlite3.Connection, site_ids: Iterable[str], before_run: int | None) -> set[str]:
    """Sites whose previous run (before ``before_run``, the current one) crawled them to the end:
    re-crawls of these may stop paging early; a site whose last crawl was killed or cut by the
    budget is crawled in full again."""
    ids = list(site_ids)
    if not ids:
        return set()
    limit = before_run if before_run is not None else 1 << 62
    rows = conn.execute(
        f"""SELECT r.site, r.complete FROM site_runs r
            JOIN (SELECT site, MAX(run_id) AS run_id FROM site_runs
                  WHERE site IN ({','.join('?' * len(ids))}) AND run_id < ? GROUP BY site) last
              ON last.site = r.site AND last.run_id = r.run_id""", [*ids, limit])
    return {site for site, complete in rows if complete}


def recent_failures(conn: sqlite3.Connection, site_ids: Iterable[str]) -> dict[str, str]:
    """URLs the latest run of each site gave up on (dead links, pages that always fail), with when."""
    ids = list(site_ids)
    if not ids:
        return {}
    rows = conn.execute(
        f"""SELECT e.url, MAX(e.at) FROM fetch_errors e
            JOIN (SELECT site, MAX(run_id) AS run_id FROM site_runs WHERE site IN ({','.join('?' * len(ids))})
                  AND finished_at IS NOT NULL GROUP BY site) last ON last.site = e.site AND last.run_id = e.run_id
            GROUP BY e.url""", ids)
    return dict(rows)
