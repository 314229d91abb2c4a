"""From the archive to search documents.

Only HĐND articles are searchable; a failed extraction has nothing to search; copies of an article
published elsewhere are not documents of their own but URLs listed on their original. The archive
is read through crawler/archive/queries.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from crawler.archive import queries
from crawler.archive.queries import ArticleRecord, CopyLink
from crawler.archive.store import Archive
from crawler.lang.textnorm import drop_invisible
from indexer.model import Doc


def _doc(record: ArticleRecord, copies: list[CopyLink]) -> Doc:
    # Rows extracted before invisible characters were removed at extraction may still hold soft
    # hyphens or zero-width spaces, which would split words in the index: drop them here too.
    return Doc(
        id=record.doc_id, url=record.url, title=drop_invisible(record.title), lead=drop_invisible(record.lead),
        text=drop_invisible(record.text), captions=[drop_invisible(c) for c in record.captions],
        published=record.published, site=record.site, site_name=record.site_name, province=record.province,
        province_current=record.province_current, level=record.level, author=record.author,
        author_unit=record.author_unit, fetched_at=record.fetched_at or "",
        duplicates=[c.url for c in copies], duplicate_sites=[c.site_name for c in copies],
        abbreviations=record.abbreviations,
    )


def iter_docs(archive: Archive) -> Iterator[Doc]:
    """Every searchable document, streamed."""
    copies = queries.copy_links(archive)
    for record in queries.searchable(archive):
        yield _doc(record, copies.get(record.doc_id, []))


def changed_since(archive: Archive, watermark: str | None) -> tuple[list[Doc], list[str]]:
    """What to send after ``watermark`` (the greatest ``articles.changed_at`` the last run saw, so
    strictly newer rows are the changes): documents to upsert
    (changed articles, and originals whose list of copies changed) and ids to delete (articles
    that stopped being searchable: no longer HĐND, failed, or now a copy)."""
    upsert_ids: set[str] = set()
    delete_ids: set[str] = set()
    for change in queries.changes_since(archive, watermark):
        if change.duplicate_of:
            upsert_ids.add(change.duplicate_of)   # its original now lists one more (or one fewer) copy
            delete_ids.add(change.doc_id)
        elif change.hdnd and change.status != "failed":
            upsert_ids.add(change.doc_id)
        else:
            delete_ids.add(change.doc_id)
    ids = sorted(upsert_ids)
    copies = queries.copy_links(archive, ids)
    found = {r.doc_id: r for r in queries.searchable(archive, ids)}
    docs = [_doc(found[i], copies.get(i, [])) for i in ids if i in found]
    delete_ids.update(i for i in ids if i not in found)   # an original that is itself not searchable
    return docs, sorted(delete_ids - {d.id for d in docs})


def latest_change(archive: Archive) -> str | None:
    return queries.latest_change(archive)
