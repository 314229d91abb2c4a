"""Exporting a search result set: every matching article (up to the cap), not just the page shown.

The engine is paged 100 hits at a time in the order the user sorted; each page's full rows (fetch
time, copies on other sites, full text) come from the archive by id. Rows are written as they come,
so memory stays flat whatever the size: CSV and JSON Lines are streamed as bytes, XLSX goes through
xlsxwriter's constant_memory mode into a temporary file that is then streamed. Used by the web
page (/xuat) and by ``hdnd export QUERY``.

Scraped text is untrusted: CSV and XLSX cells that a spreadsheet would run as a formula are
neutralised (crawler.jobs.archive_export.neutralise), and XLSX cells are written with write_string, never parsed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from crawler.jobs.archive_export import csv_cell
from indexer.model import SORT_LABELS, Hit, SearchEngine, SearchQuery
from search_ui.cli.terminal import plain
from search_ui.formatting import LEVEL_WORDS, citation, sheet_datetime, sheet_text
from search_ui.web.articles import ArchiveReader, Article

# The largest search export. Meilisearch cannot page past pagination.maxTotalHits, which is meant to
# be set to the same number so both engines export the same; a spreadsheet of more rows is no use
# to a newsroom; the whole archive is what `hdnd export` without a query is for.
EXPORT_MAX_ROWS = 50_000
PAGE_SIZE = 100
FORMATS = ("csv", "xlsx", "jsonl")
TEXT_MODES = ("snippet", "full")
XLSX_CELL_MAX = 32_767          # Excel's limit on characters in one cell
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Column:
    key: str          # JSON Lines key
    header: str       # CSV/XLSX header
    kind: str = "text"   # text, level (shown in Vietnamese), datetime (as published), instant (UTC)
    width: int = 18


def columns(text: str = "snippet") -> list[Column]:
    """The export's columns in order; the text column is the snippet or the full text."""
    body = Column("snippet", "Trích đoạn", width=60) if text == "snippet" else Column("text", "Toàn văn", width=80)
    return [
        Column("title", "Tiêu đề", width=50), Column("published", "Ngày đăng", "datetime", 17),
        Column("site", "Mã trang", width=16), Column("site_name", "Tên trang", width=32),
        Column("province", "Tỉnh (theo trang)", width=16), Column("province_current", "Tỉnh hiện nay", width=16),
        Column("level", "Cấp", "level", 8), Column("author", "Tác giả", width=20), Column("url", "URL", width=40),
        Column("fetched_at", "Thời điểm thu thập", "instant", 19), body,
        Column("duplicate_of", "Là bản sao của", width=40), Column("citation", "Trích dẫn", width=60),
        Column("id", "Mã bài", width=17), Column("source", "Nguồn tin", width=32),
    ]


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


# --- writers ------------------------------------------------------------------------------------

def _csv_value(column: Column, value: Any) -> str:
    if column.kind in ("datetime", "instant") and isinstance(value, str):
        value = sheet_text(value, with_seconds=column.kind == "instant")
    elif column.kind == "level" and isinstance(value, str):
        value = LEVEL_WORDS.get(value, value)
    return csv_cell(value)


def csv_chunks(rows: Iterator[dict[str, Any]], cols: Sequence[Column], batch: int = 200) -> Iterator[bytes]:
    """UTF-8 CSV with a BOM (Excel then keeps the diacritics), CRLF line ends, cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow([c.header for c in cols])
    pending = 0
    for row in rows:
        writer.writerow([_csv_value(c, row.get(c.key)) for c in cols])
        pending += 1
        if pending >= batch:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue().encode("utf-8")


def jsonl_chunks(rows: Iterator[dict[str, Any]], cols: Sequence[Column], batch: int = 200) -> Iterator[bytes]:
    """One JSON object per line, keys in column order, values as stored (ISO dates)."""
    lines: list[str] = []
    for row in rows:
        lines.append(json.dumps({c.key: row.get(c.key) for c in cols}, ensure_ascii=False))
        if len(lines) >= batch:
            yield ("\n".join(lines) + "\n").encode("utf-8")
            lines = []
    if lines:
        yield ("\n".join(lines) + "\n").encode("utf-8")


def write_xlsx(rows: Iterator[dict[str, Any]], cols: Sequence[Column], path: str | os.PathLike[str],
               about: Callable[[], list[tuple[str, str]]] | None = None) -> int:
    """An XLSX workbook written row by row (constant memory); returns the number of data rows.

    ``about`` is called after the rows, so it can report what was exported."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {
        "constant_memory": True, "tmpdir": tempfile.gettempdir(), "strings_to_numbers": False,
        "strings_to_formulas": False, "strings_to_urls": False,
    })
    try:
        bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
        when = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
        sheet = workbook.add_worksheet("Kết quả")
        for n, col in enumerate(cols):
            sheet.set_column(n, n, col.width)
            sheet.write_string(0, n, col.header, bold)
        sheet.freeze_panes(1, 0)
        count = 0
        for count, row in enumerate(rows, start=1):
            for n, col in enumerate(cols):
                value = row.get(col.key)
                if col.kind in ("datetime", "instant") and isinstance(value, str) and sheet_datetime(value):
                    sheet.write_datetime(count, n, sheet_datetime(value), when)
                    continue
                if col.kind == "level" and isinstance(value, str):
                    value = LEVEL_WORDS.get(value, value)
                text = csv_cell(value)
                if len(text) > XLSX_CELL_MAX:
                    text = text[: XLSX_CELL_MAX - 1] + "…"
                if text:
                    sheet.write_string(count, n, text)
        sheet.autofilter(0, 0, max(count, 1), len(cols) - 1)
        if about is not None:
            info = workbook.add_worksheet("Thông tin")
            info.set_column(0, 0, 26)
            info.set_column(1, 1, 80)
            for n, (label, value) in enumerate(about()):
                info.write_string(n, 0, label, bold)
                info.write_string(n, 1, csv_cell(value))
    finally:
        workbook.close()
    return count


def xlsx_chunks(rows: Iterator[dict[str, Any]], cols: Sequence[Column],
                about: Callable[[], list[tuple[str, str]]] | None = None, chunk: int = 64 * 1024) -> Iterator[bytes]:
    """The workbook built into a temporary file, then read back in chunks (an XLSX is a zip whose
    directory comes last, so it cannot be streamed while rows are still arriving)."""
    fd, path = tempfile.mkstemp(prefix="hdnd-export-", suffix=".xlsx")
    os.close(fd)
    try:
        write_xlsx(rows, cols, path, about)
        with open(path, "rb") as fh:
            while data := fh.read(chunk):
                yield data
    finally:
        os.unlink(path)


def export_chunks(job: ExportJob, fmt: str) -> Iterator[bytes]:
    """The bytes of ``job`` in ``fmt`` (csv, xlsx or jsonl), produced as they are read."""
    cols = columns(job.text)
    rows = job.iter_rows()
    if fmt == "csv":
        return csv_chunks(rows, cols)
    if fmt == "jsonl":
        return jsonl_chunks(rows, cols)
    if fmt == "xlsx":
        return xlsx_chunks(rows, cols, job.about)
    raise ValueError(f"unknown export format {fmt!r}")


def archive_columns(fields: Sequence[str]) -> list[Column]:
    """Issue 2's whole-archive export fields as columns (English headers, kept as they were)."""
    return [Column(name, name) for name in fields]
