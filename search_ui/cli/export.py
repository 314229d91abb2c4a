"""``hdnd export``: the whole archive (the archive export's contract, unchanged) or a search result set.

Without a query or a search filter it dumps every archived article with the archive export's
fields (search_ui/exports/columns.py), as before; with a QUERY or any of --province, --level,
--since or --until it exports what the search page would export (HĐND articles, the page's
columns, at most EXPORT_MAX_ROWS articles). Files are written to FILE.part and renamed when
complete, so a killed export never leaves a half file under the real name.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import Any

from crawler.archive.db import data_dir

SEARCH_OPTIONS = ("query", "province", "level", "since", "until")


def is_search_export(args: argparse.Namespace) -> bool:
    return any(getattr(args, name, None) for name in SEARCH_OPTIONS)


def _to_stdout(data: Iterator[bytes]) -> None:
    out = sys.stdout.buffer
    for chunk in data:
        out.write(chunk)
    out.flush()


def export_archive(args: argparse.Namespace) -> int:
    from crawler.archive.store import Archive
    from search_ui.exports import archive_columns, archive_rows, chunks, write_file

    archive = Archive.open(data_dir(args.data), readonly=True)
    count = 0

    def counted() -> Iterator[dict[str, Any]]:
        nonlocal count
        for row in archive_rows(archive, hdnd_only=args.hdnd_only, site=args.site):
            count += 1
            yield row

    try:
        if args.output:
            write_file(args.format, counted(), archive_columns(), args.output)
        else:
            _to_stdout(chunks(args.format, counted(), archive_columns()))
    finally:
        archive.close()
    print(f"Đã xuất {count} bài.", file=sys.stderr)
    return 0


def export_search(args: argparse.Namespace) -> int:
    from indexer.engines import open_engine
    from indexer.params import build_query
    from search_ui.exports import EXPORT_MAX_ROWS, ExportJob, columns, export_chunks, write_file
    from search_ui.web.articles import ArchiveReader

    directory = data_dir(args.data)
    query = build_query({
        "q": args.query or "", "province": args.province, "level": args.level, "site": args.site,
        "since": args.since, "until": args.until, "sort": args.sort,
    })
    engine = open_engine(args.engine, directory)
    job = ExportJob(engine, query, ArchiveReader(directory), text=args.text)
    try:
        if args.output:
            write_file(args.format, job.iter_rows(), columns(job.text), args.output, job.about)
        else:
            _to_stdout(export_chunks(job, args.format))
    finally:
        engine.close()
    for note in job.notes:
        print(note, file=sys.stderr)
    print(f"Đã xuất {job.articles} bài ({job.rows} dòng, kể cả bản đăng lại trên trang khác) "
          f"trong {job.total} bài tìm thấy.", file=sys.stderr)
    if job.truncated:
        print(f"Chỉ xuất {EXPORT_MAX_ROWS} bài đầu: thu hẹp bằng bộ lọc, hoặc bỏ từ khóa và bộ lọc để xuất cả kho.",
              file=sys.stderr)
    return 0
