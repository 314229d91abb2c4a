"""From the archive to search documents.

Only HĐND articles are searchable; a failed extraction has nothing to search; copies of an article
published elsewhere are not documents of their own but URLs listed on their original.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator

from crawler.archive.store import Archive
from crawler.lang.textnorm import drop_invisible
from indexer.model import Doc

_SELECT = """
SELECT a.doc_id, p.url, a.title, a.lead, a.text, a.captions, a.published, p.site, s.name, s.province,
       s.province_current, s.level, a.author, a.author_unit, p.fetched_at, a.abbreviations
FROM articles a JOIN pages p ON p.id = a.page_id JOIN sites s ON s.id = p.site
WHERE a.hdnd = 1 AND a.status != 'failed' AND a.duplicate_of IS NULL
"""

_COPIES = """
SELECT a.duplicate_of, p.url, s.name FROM articles a JOIN pages p ON p.id = a.page_id
JOIN sites s ON s.id = p.site
WHERE a.duplicate_of IS NOT NULL {extra} ORDER BY a.published, p.fetched_at
"""


def _copies(archive: Archive, originals: Iterable[str] | None = None) -> dict[str, list[tuple[str, str]]]:
    params: list[str] = []
    extra = ""
    if originals is not None:
        ids = list(originals)
        if not ids:
            return {}
        extra = f"AND a.duplicate_of IN ({','.join('?' * len(ids))})"
        params = ids
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for original, url, site_name in archive.conn.execute(_COPIES.format(extra=extra), params):
        found[original].append((url, site_name))
    return found


def _doc(row: tuple, copies: dict[str, list[tuple[str, str]]]) -> Doc:
    doc_id = row[0]
    dups = copies.get(doc_id, [])
    # Rows extracted before invisible characters were removed at extraction may still hold soft
    # hyphens or zero-width spaces, which would split words in the index: drop them here too.
    return Doc(
        id=doc_id, url=row[1], title=drop_invisible(row[2] or ""), lead=drop_invisible(row[3] or ""),
        text=drop_invisible(row[4] or ""), captions=[drop_invisible(c) for c in json.loads(row[5] or "[]")],
        published=row[6], site=row[7], site_name=row[8], province=row[9], province_current=row[10],
        level=row[11], author=row[12] or "", author_unit=row[13] or "", fetched_at=row[14] or "",
        duplicates=[u for u, _ in dups], duplicate_sites=[n for _, n in dups],
        abbreviations=json.loads(row[15]) if row[15] else None,
    )


def iter_docs(archive: Archive) -> Iterator[Doc]:
    """Every searchable document, streamed."""
    copies = _copies(archive)
    for row in archive.conn.execute(_SELECT):
        yield _doc(tuple(row), copies)


def changed_since(archive: Archive, watermark: str | None) -> tuple[list[Doc], list[str]]:
    """What to send after ``watermark`` (the greatest ``articles.changed_at`` the last run saw, so
    strictly newer rows are the changes): documents to upsert
    (changed articles, and originals whose list of copies changed) and ids to delete (articles
    that stopped being searchable: no longer HĐND, failed, or now a copy)."""
    rows = archive.conn.execute(
        """SELECT a.doc_id, a.hdnd, a.status, a.duplicate_of FROM articles a
           WHERE ? IS NULL OR a.changed_at > ?""",
        (watermark, watermark),
    ).fetchall()
    upsert_ids: set[str] = set()
    delete_ids: set[str] = set()
    for doc_id, hdnd, status, duplicate_of in rows:
        if duplicate_of:
            upsert_ids.add(duplicate_of)   # its original now lists one more (or one fewer) copy
            delete_ids.add(doc_id)
        elif hdnd and status != "failed":
            upsert_ids.add(doc_id)
        else:
            delete_ids.add(doc_id)
    docs: list[Doc] = []
    ids = sorted(upsert_ids)
    copies = _copies(archive, ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        sql = _SELECT + f" AND a.doc_id IN ({','.join('?' * len(chunk))})"
        found = {row[0]: row for row in archive.conn.execute(sql, chunk)}
        for doc_id in chunk:
            if doc_id in found:
                docs.append(_doc(tuple(found[doc_id]), copies))
            else:
                delete_ids.add(doc_id)   # an original that is itself not searchable
    return docs, sorted(delete_ids - {d.id for d in docs})


def latest_change(archive: Archive) -> str | None:
    row = archive.conn.execute("SELECT MAX(changed_at) FROM articles").fetchone()
    return row[0] if row else None
