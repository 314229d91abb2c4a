"""Exports: one column model (columns.py), one writer per format (writers.py), two row sources
(sources.py: a search result set, the whole archive). Used by the web page (/xuat) and by
``hdnd export``."""

from __future__ import annotations

from collections.abc import Iterator

from search_ui.exports.columns import ARCHIVE_FIELDS, Column, archive_columns, columns, neutralise
from search_ui.exports.sources import EXPORT_MAX_ROWS, PAGE_SIZE, TEXT_MODES, ExportJob, archive_rows
from search_ui.exports.writers import (
    FORMATS,
    MEDIA_TYPES,
    atomic_file,
    chunks,
    csv_chunks,
    jsonl_chunks,
    write_file,
    write_xlsx,
    xlsx_chunks,
)


def export_chunks(job: ExportJob, fmt: str) -> Iterator[bytes]:
    """The bytes of a search export in ``fmt`` (csv, xlsx or jsonl), produced as they are read."""
    return chunks(fmt, job.iter_rows(), columns(job.text), job.about)


__all__ = [
    "ARCHIVE_FIELDS", "EXPORT_MAX_ROWS", "FORMATS", "MEDIA_TYPES", "PAGE_SIZE", "TEXT_MODES", "Column", "ExportJob",
    "archive_columns", "archive_rows", "atomic_file", "chunks", "columns", "csv_chunks", "export_chunks",
    "jsonl_chunks", "neutralise", "write_file", "write_xlsx", "xlsx_chunks",
]
