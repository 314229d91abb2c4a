"""Exporting the archive: every article, streamed, as JSON Lines or CSV that Excel opens correctly.

Rows are read with one cursor and written one at a time, so memory stays flat however large the
archive. Scraped text is untrusted: CSV cells that a spreadsheet would run as a formula are
neutralised (``neutralise``) and the file starts with a UTF-8 BOM so Excel keeps the diacritics.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from crawler.archive.store import Archive

# The export's columns, in order; the issue names the first ones as a contract.
FIELDS: tuple[str, ...] = (
    "id", "url", "site", "site_name", "province", "province_current", "level", "title", "published",
    "published_source", "author", "author_unit", "lead", "text", "captions", "hdnd", "hdnd_score",
    "duplicate_of", "fetched_at", "sha256", "final_url", "cms", "extract_status", "extract_problem", "source",
)

_QUERY = """
SELECT a.doc_id AS id, p.url, p.site, s.name AS site_name, s.province, s.province_current, s.level,
       a.title, a.published, a.published_source, a.author, a.author_unit, a.lead, a.text, a.captions,
       a.hdnd, a.hdnd_score, a.duplicate_of, p.fetched_at, p.sha256, p.final_url, a.cms,
       a.status AS extract_status, a.problem AS extract_problem, a.source
FROM articles a JOIN pages p ON p.id = a.page_id JOIN sites s ON s.id = p.site
{where}
ORDER BY COALESCE(a.published, p.fetched_at) DESC, a.doc_id
"""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: str) -> str:
    """Make a cell inert in Excel/LibreOffice: a leading quote before =, +, -, @, tab or CR.

    OWASP's advice for CSV injection; the apostrophe is what spreadsheets themselves use to mark
    "this is text", and it does not show in the cell.
    """
    if value and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def iter_articles(archive: Archive, hdnd_only: bool = False, site: str | None = None) -> Iterator[dict[str, Any]]:
    """Archived articles as export rows, newest first."""
    clauses, params = [], []
    if hdnd_only:
        clauses.append("a.hdnd = 1")
    if site:
        clauses.append("p.site = ?")
        params.append(site)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    cursor = archive.conn.execute(_QUERY.format(where=where), params)
    names = [d[0] for d in cursor.description]
    for row in cursor:
        record = dict(zip(names, row, strict=True))
        record["captions"] = json.loads(record["captions"] or "[]")
        record["hdnd"] = bool(record["hdnd"])
        yield record


def write_jsonl(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps({k: row.get(k) for k in FIELDS}, ensure_ascii=False) + "\n")
        count += 1
    return count


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = " | ".join(str(v) for v in value)
    return neutralise(str(value))


def write_csv(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    """CSV with a UTF-8 BOM (Excel then reads UTF-8), CRLF line ends, every cell neutralised."""
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    count = 0
    for row in rows:
        writer.writerow([csv_cell(row.get(k)) for k in FIELDS])
        count += 1
    return count
