"""The archive's read side: every question the project asks of the archive, answered here.

The indexer (what is searchable, what changed), the search page and its exports (an article and
its copies, site names), the archive export, ``hdnd status`` and the scheduler all read through
these functions, so the schema is known in one folder and a change to it touches one package.
Articles come back as ``ArticleRecord``: the extraction, where it was fetched, and the site.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from crawler.archive.store import Archive

_COLUMNS = """a.doc_id, a.title, a.published, a.published_source, a.author, a.author_unit, a.source, a.lead,
       a.text, a.captions, a.hdnd, a.hdnd_score, a.status, a.problem, a.duplicate_of, a.cms, a.abbreviations,
       p.url, p.final_url, p.fetched_at, p.sha256, p.body_size, p.site, s.name AS site_name, s.province,
       s.province_current, s.level"""
_FROM = "FROM articles a JOIN pages p ON p.id = a.page_id JOIN sites s ON s.id = p.site"
_SEARCHABLE = "a.hdnd = 1 AND a.status != 'failed' AND a.duplicate_of IS NULL"
_BY_AGE = "ORDER BY a.published, p.fetched_at"
_NEWEST = "ORDER BY COALESCE(a.published, p.fetched_at) DESC, a.doc_id"
# What an operator runs to see why each fetched page was not archived (the crawl report prints it).
NOT_ARTICLES_SQL = "SELECT site, url, verdict FROM visits WHERE verdict IS NOT NULL"
_CHUNK = 500               # ids per IN (...) list: well under SQLite's limit of bound parameters


@dataclass
class ArticleRecord:
    """One archived article as every reader sees it."""

    doc_id: str
    title: str
    published: str | None
    published_source: str | None
    author: str
    author_unit: str
    source: str
    lead: str
    text: str
    captions: list[str]
    hdnd: bool
    hdnd_score: float | None
    status: str
    problem: str | None
    duplicate_of: str | None
    cms: str | None
    abbreviations: list[str] | None     # None: extracted before abbreviations were kept
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
    copies: list[ArticleRecord] = field(default_factory=list)

    @property
    def full_text(self) -> str:
        return f"{self.lead}\n\n{self.text}".strip() if self.lead else self.text

    @property
    def original(self) -> bool:
        """The earliest publication of its text (the others are its copies)."""
        return self.duplicate_of is None


def _record(row: sqlite3.Row) -> ArticleRecord:
    d = dict(row)
    return ArticleRecord(
        doc_id=d["doc_id"], title=d["title"] or "", published=d["published"], published_source=d["published_source"],
        author=d["author"] or "", author_unit=d["author_unit"] or "", source=d["source"] or "", lead=d["lead"] or "",
        text=d["text"] or "", captions=json.loads(d["captions"] or "[]"), hdnd=bool(d["hdnd"]),
        hdnd_score=d["hdnd_score"], status=d["status"], problem=d["problem"], duplicate_of=d["duplicate_of"],
        cms=d["cms"], abbreviations=json.loads(d["abbreviations"]) if d["abbreviations"] else None, url=d["url"],
        final_url=d["final_url"], fetched_at=d["fetched_at"], sha256=d["sha256"], body_size=int(d["body_size"] or 0),
        site=d["site"], site_name=d["site_name"], province=d["province"], province_current=d["province_current"],
        level=d["level"],
    )


def _select(archive: Archive, where: str = "", params: Iterable[Any] = (), order: str = "") -> Iterator[ArticleRecord]:
    sql = f"SELECT {_COLUMNS} {_FROM}" + (f" WHERE {where}" if where else "") + (f" {order}" if order else "")
    cursor = archive.conn.execute(sql, list(params))
    cursor.row_factory = sqlite3.Row
    for row in cursor:
        yield _record(row)


def _chunks(ids: list[str]) -> Iterator[tuple[list[str], str]]:
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        yield chunk, ",".join("?" * len(chunk))


# --- articles ---------------------------------------------------------------------------------

def article(archive: Archive, doc_id: str) -> ArticleRecord | None:
    """One article, with its other publications in ``copies`` (for a copy: its original and the
    other copies), oldest first."""
    found = next(_select(archive, "a.doc_id = ?", (doc_id,)), None)
    if found is None:
        return None
    original = found.duplicate_of or found.doc_id
    found.copies = list(_select(archive, "(a.doc_id = ? OR a.duplicate_of = ?) AND a.doc_id != ?",
                                (original, original, doc_id), _BY_AGE))
    return found


def articles(archive: Archive, doc_ids: Iterable[str]) -> dict[str, ArticleRecord]:
    """Articles by id (ids the archive does not hold are left out)."""
    out: dict[str, ArticleRecord] = {}
    for chunk, marks in _chunks(list(doc_ids)):
        out.update((r.doc_id, r) for r in _select(archive, f"a.doc_id IN ({marks})", chunk))
    return out


def copies_of(archive: Archive, originals: Iterable[str] | None = None) -> dict[str, list[ArticleRecord]]:
    """The copies of each original (by the original's id), oldest first; of every original when
    ``originals`` is None."""
    out: dict[str, list[ArticleRecord]] = {}
    if originals is None:
        found: Iterable[ArticleRecord] = _select(archive, "a.duplicate_of IS NOT NULL", (), _BY_AGE)
    else:
        found = (r for chunk, marks in _chunks(list(originals))
                 for r in _select(archive, f"a.duplicate_of IN ({marks})", chunk, _BY_AGE))
    for record in found:
        out.setdefault(record.duplicate_of or "", []).append(record)
    return out


@dataclass(frozen=True)
class CopyLink:
    """Where a copy of an article was published: what a search hit lists of its copies."""

    url: str
    site_name: str


def copy_links(archive: Archive, originals: Iterable[str] | None = None) -> dict[str, list[CopyLink]]:
    """The copies of each original as links only (no texts: the whole archive's fit in memory),
    oldest first; of every original when ``originals`` is None."""
    sql = f"SELECT a.duplicate_of, p.url, s.name {_FROM} WHERE a.duplicate_of "
    out: dict[str, list[CopyLink]] = {}
    if originals is None:
        rows: Iterable[tuple[str, str, str]] = archive.conn.execute(sql + f"IS NOT NULL {_BY_AGE}")
    else:
        rows = (r for chunk, marks in _chunks(list(originals))
                for r in archive.conn.execute(sql + f"IN ({marks}) {_BY_AGE}", chunk))
    for original, url, name in rows:
        out.setdefault(original, []).append(CopyLink(url, name))
    return out


def searchable(archive: Archive, doc_ids: Iterable[str] | None = None) -> Iterator[ArticleRecord]:
    """The articles search serves: HĐND news, extracted, not a copy of another; all of them, or
    those of ``doc_ids``."""
    if doc_ids is None:
        yield from _select(archive, _SEARCHABLE)
        return
    for chunk, marks in _chunks(list(doc_ids)):
        yield from _select(archive, f"{_SEARCHABLE} AND a.doc_id IN ({marks})", chunk)


def every_article(archive: Archive, hdnd_only: bool = False, site: str | None = None) -> Iterator[ArticleRecord]:
    """Every archived article (copies and non-HĐND news too), newest first: the archive export."""
    clauses, params = [], []
    if hdnd_only:
        clauses.append("a.hdnd = 1")
    if site:
        clauses.append("p.site = ?")
        params.append(site)
    yield from _select(archive, " AND ".join(clauses), params, _NEWEST)


@dataclass(frozen=True)
class Change:
    """An article changed since the index last looked: what the indexer needs to decide its fate."""

    doc_id: str
    hdnd: bool
    status: str
    duplicate_of: str | None


def changes_since(archive: Archive, watermark: str | None) -> list[Change]:
    """Articles whose ``changed_at`` is after ``watermark`` (every article when it is None)."""
    rows = archive.conn.execute(
        "SELECT doc_id, hdnd, status, duplicate_of FROM articles WHERE ? IS NULL OR changed_at > ?",
        (watermark, watermark))
    return [Change(r[0], bool(r[1]), r[2], r[3]) for r in rows]


def latest_change(archive: Archive) -> str | None:
    """The greatest ``articles.changed_at``: the index's watermark after a run."""
    row = archive.conn.execute("SELECT MAX(changed_at) FROM articles").fetchone()
    return row[0] if row else None


# --- sites and runs ---------------------------------------------------------------------------

def site_names(archive: Archive) -> dict[str, str]:
    """Site id → name, by name."""
    return {r[0]: r[1] for r in archive.conn.execute("SELECT id, name FROM sites ORDER BY name")}


@dataclass(frozen=True)
class SiteRun:
    run_id: int
    finished_at: str | None
    fetched: int
    new_articles: int
    errors: int
    complete: bool
    not_articles: int
    extract_problems: int


@dataclass(frozen=True)
class SiteHistory:
    """What ``hdnd status`` reports of one site: its finished runs (newest first) and its pages."""

    site: str
    name: str
    runs: list[SiteRun]
    last_fetched: str | None
    pages: int


_RUN_COLUMNS = "run_id, finished_at, fetched, new_articles, errors, complete, not_articles, extract_problems"


def site_histories(archive: Archive) -> list[SiteHistory]:
    """Every site the archive knows, by id, with its finished runs."""
    out = []
    for site, name in archive.conn.execute("SELECT id, name FROM sites ORDER BY id").fetchall():
        runs = [SiteRun(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7]) for r in archive.conn.execute(
            f"SELECT {_RUN_COLUMNS} FROM site_runs WHERE site = ? AND finished_at IS NOT NULL ORDER BY run_id DESC",
            (site,))]
        last, count = archive.conn.execute("SELECT MAX(fetched_at), COUNT(*) FROM pages WHERE site = ?",
                                           (site,)).fetchone()
        out.append(SiteHistory(site, name, runs, last, count))
    return out


def site_runs(archive: Archive, run_id: int) -> dict[str, SiteRun]:
    """What one run did per site, by site id."""
    rows = archive.conn.execute(f"SELECT site, {_RUN_COLUMNS} FROM site_runs WHERE run_id = ?", (run_id,))
    return {r[0]: SiteRun(r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], r[8]) for r in rows}


def last_run(archive: Archive) -> tuple[int, dict[str, SiteRun]] | None:
    """The latest run recorded and what it did per site, or None before the first crawl."""
    row = archive.conn.execute("SELECT MAX(run_id) FROM site_runs").fetchone()
    if not row or row[0] is None:
        return None
    return row[0], site_runs(archive, row[0])
