"""Where export rows come from: a search result set, or the whole archive.

A result set is every matching article (up to the cap), not just the page shown: the engine is
paged 100 hits at a time in the order the user sorted, and each page's full rows (fetch time,
copies on other sites, full text) come from the archive by id. The whole archive is every
archived article, newest first, under the archive export's field names. Both are iterators, read
as the writers consume them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from crawler.archive import queries
from crawler.archive.queries import ArticleRecord
from crawler.archive.store import Archive
from indexer.model import SORT_LABELS, Hit, SearchEngine, SearchQuery
from search_ui.formatting import LEVEL_WORDS, citation, plain
from search_ui.web.articles import ArchiveReader, Article

# The largest search export. Meilisearch cannot page past pagination.maxTotalHits, which is meant to
# be set to the same number so both engines export the same; a spreadsheet of more rows is no use
# to a newsroom; the whole archive is what `hdnd export` without a query is for.
EXPORT_MAX_ROWS = 50_000
PAGE_SIZE = 100
TEXT_MODES = ("snippet", "full")


@dataclass
class ExportJob:
    """One export: the query, and what happened while streaming it (for messages and the XLSX
    'Thông tin' sheet)."""

    engine: SearchEngine
    query: SearchQuery
    reader: ArchiveReader
    text: str = "snippet"
    cap: int = EXPORT_MAX_ROWS
    total: int = 0          # matching articles, as the engine counted them
    articles: int = 0       # articles exported (copies not counted)
    rows: int = 0           # rows written (articles and their copies)
    sort: str = ""          # the order the engine served (an empty query lists newest first)
    notes: list[str] = field(default_factory=list)

    @property
    def truncated(self) -> bool:
        return self.total > self.articles

    def hit_pages(self) -> Iterator[list[Hit]]:
        """The result set, a page of hits at a time, from offset 0, without facets."""
        offset = 0
        while offset < self.cap:
            size = min(PAGE_SIZE, self.cap - offset)
            result = self.engine.search(replace(self.query, limit=size, offset=offset, facets=False))
            if offset == 0:
                self.total, self.sort = result.total, result.sort
                if result.message:
                    self.notes.append(result.message)
            if not result.hits:
                return
            yield result.hits
            offset += len(result.hits)
            if offset >= result.total:
                return

    def iter_rows(self) -> Iterator[dict[str, Any]]:
        """Export rows: each article, then its copies on other sites (``duplicate_of`` set)."""
        for hits in self.hit_pages():
            found, copies = self.reader.articles(h.id for h in hits)
            for hit in hits:
                self.articles += 1
                original = found.get(hit.id)
                row = self._row(hit, original, None)
                yield row
                self.rows += 1
                for copy in copies.get(hit.id, []):
                    yield self._row(hit, copy, row["url"])
                    self.rows += 1

    def _row(self, hit: Hit, art: Article | None, original_url: str | None) -> dict[str, Any]:
        if art is not None:
            values = {
                "title": art.title, "published": art.published, "site": art.site, "site_name": art.site_name,
                "province": art.province, "province_current": art.province_current, "level": art.level,
                "author": art.author, "url": art.url, "fetched_at": art.fetched_at, "id": art.doc_id,
                "source": art.source,
            }
            full = art.full_text
        else:   # an index without its archive (built elsewhere): what the engine knows
            values = {
                "title": hit.title, "published": hit.published, "site": hit.site, "site_name": hit.site_name,
                "province": hit.province, "province_current": hit.province_current, "level": hit.level,
                "author": hit.author, "url": hit.url, "fetched_at": "", "id": hit.id, "source": "",
            }
            full = ""
        if self.text == "snippet":
            values["snippet"] = plain(hit.snippet, color=False)
        else:
            values["text"] = full
        values["duplicate_of"] = original_url or ""
        values["citation"] = citation(values["title"], values["site_name"], values["published"], values["url"],
                                      values["fetched_at"] or None)
        return values

    def about(self) -> list[tuple[str, str]]:
        """What was exported and how: the XLSX 'Thông tin' sheet."""
        q = self.query
        lines = [("Kho tin HĐND", "kết quả tìm kiếm xuất ra"),
                 ("Thời điểm xuất", datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %z")),
                 ("Từ khóa", q.q or "(mọi bài)"), ("Tỉnh/thành", q.province or ""),
                 ("Cấp", LEVEL_WORDS.get(q.level or "", "")), ("Mã trang", q.site or ""),
                 ("Từ ngày", q.since.isoformat() if q.since else ""),
                 ("Đến ngày", q.until.isoformat() if q.until else ""),
                 ("Sắp xếp", SORT_LABELS[self.sort or q.sort]),
                 ("Số bài tìm thấy", str(self.total)), ("Số bài đã xuất", str(self.articles)),
                 ("Số dòng (kể cả bản sao)", str(self.rows))]
        if self.truncated:
            lines.append(("Giới hạn", f"Chỉ xuất {self.cap:,} bài đầu tiên; thu hẹp bằng bộ lọc để xuất phần còn lại."
                          .replace(",", ".")))
        lines.extend(("Ghi chú", note) for note in self.notes)
        return lines


def archive_rows(archive: Archive, hdnd_only: bool = False, site: str | None = None) -> Iterator[dict[str, Any]]:
    """Every archived article (copies and non-HĐND news too, or only HĐND news, or one site's),
    newest first, as rows of the archive export's fields."""
    for record in queries.every_article(archive, hdnd_only=hdnd_only, site=site):
        yield _archive_row(record)


def _archive_row(r: ArticleRecord) -> dict[str, Any]:
    return {
        "id": r.doc_id, "url": r.url, "site": r.site, "site_name": r.site_name, "province": r.province,
        "province_current": r.province_current, "level": r.level, "title": r.title, "published": r.published,
        "published_source": r.published_source, "author": r.author, "author_unit": r.author_unit, "lead": r.lead,
        "text": r.text, "captions": r.captions, "hdnd": r.hdnd, "hdnd_score": r.hdnd_score,
        "duplicate_of": r.duplicate_of, "fetched_at": r.fetched_at, "sha256": r.sha256, "final_url": r.final_url,
        "cms": r.cms, "extract_status": r.status, "extract_problem": r.problem, "source": r.source,
    }
