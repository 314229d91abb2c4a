"""Marking copies: the same article on several sites, recognised by content.

Provinces, districts and newspapers republish one text under other titles and dates. Each
article's fingerprint (crawler/classify/fingerprint.py) is stored with its MinHash band keys; a new or changed
article looks up candidates sharing a band (an indexed equality query, fast at a million articles),
confirms them by similarity, and the whole group is re-decided: the earliest copy is the original,
every other one gets ``duplicate_of`` = its doc id. The original can change when an earlier copy is
crawled later, so the group is recomputed rather than appended to.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from crawler.classify.fingerprint import band_ints, choose_original, is_copy

_MEMBER = """SELECT a.page_id, a.doc_id, a.fingerprint, a.published, a.duplicate_of, p.fetched_at, p.url
             FROM articles a JOIN pages p ON p.id = a.page_id"""


def _rows(c: sqlite3.Connection, where: str, params: Iterable[object]) -> list[sqlite3.Row]:
    return c.execute(f"{_MEMBER} WHERE {where}", list(params)).fetchall()


def assign(c: sqlite3.Connection, page_id: int, fingerprint: str | None, stamp: str) -> None:
    """Store ``page_id``'s bands and settle ``duplicate_of`` for its group (inside the caller's
    transaction); rows whose ``duplicate_of`` changes get ``changed_at`` = ``stamp``."""
    c.execute("DELETE FROM article_bands WHERE page_id = ?", (page_id,))
    bands = band_ints(fingerprint) if fingerprint else []
    c.executemany("INSERT OR IGNORE INTO article_bands(band, page_id) VALUES (?, ?)",
                  [(b, page_id) for b in bands])
    me = _rows(c, "a.page_id = ?", (page_id,))
    if not me:
        return
    group = {page_id: me[0]}
    if bands:
        marks = ",".join("?" * len(bands))
        for row in _rows(c, f"a.page_id IN (SELECT DISTINCT page_id FROM article_bands WHERE band IN ({marks})) "
                            "AND a.page_id <> ?", [*bands, page_id]):
            if row["fingerprint"] and is_copy(fingerprint or "", row["fingerprint"]):
                group[row["page_id"]] = row
    # members already grouped with a copy stay in its group (transitively, one level suffices
    # because every group points at a single original)
    doc_ids = {row["doc_id"] for row in group.values()} | {
        row["duplicate_of"] for row in group.values() if row["duplicate_of"]}
    marks = ",".join("?" * len(doc_ids))
    for row in _rows(c, f"a.doc_id IN ({marks}) OR a.duplicate_of IN ({marks})", [*doc_ids, *doc_ids]):
        group.setdefault(row["page_id"], row)
    if me[0]["duplicate_of"] and len(group) == 1:  # no longer a copy of anything
        _set(c, page_id, None, stamp)
        return
    if len(group) == 1:
        return
    original = choose_original([dict(row) for row in group.values()])
    for member in group.values():
        target = None if member["doc_id"] == original["doc_id"] else original["doc_id"]
        if member["duplicate_of"] != target:
            _set(c, member["page_id"], target, stamp)


def _set(c: sqlite3.Connection, page_id: int, original: str | None, stamp: str) -> None:
    c.execute("UPDATE articles SET duplicate_of = ?, changed_at = ? WHERE page_id = ?", (original, stamp, page_id))
