"""``hdnd export``: the whole archive (the archive export's contract, unchanged) or a search result set.

Without a query or a search filter it dumps every archived article with crawler.jobs.archive_export's fields,
as before; with a QUERY or any of --province/--level/--since/--until it exports what the search
page would export (HĐND articles, the page's columns, at most EXPORT_MAX_ROWS articles). Files are
written to FILE.part and renamed when complete, so a killed export never leaves a half file under
the real name.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from crawler.archive.db import data_dir

SEARCH_OPTIONS = ("query", "province", "level", "since", "until")


def is_search_export(args: argparse.Namespace) -> bool:
    return any(getattr(args, name, None) for name in SEARCH_OPTIONS)


@contextmanager
def _output(path: str | None) -> Iterator[BinaryIO]:
    if not path:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    tmp = Path(path + ".part")
    with tmp.open("wb") as out:
        yield out
    tmp.replace(path)


def export_archive(args: argparse.Namespace) -> int:
    from crawler.archive.store import Archive
    from crawler.jobs.archive_export import FIELDS, iter_articles, write_csv, write_jsonl
    from search_ui.exports import archive_columns, write_xlsx

    archive = Archive.open(data_dir(args.data), readonly=True)
    try:
        rows = iter_articles(archive, hdnd_only=args.hdnd_only, site=args.site)
        if args.format == "xlsx":
            tmp = Path(args.output + ".part")
            count = write_xlsx(rows, archive_columns(FIELDS), tmp)
            tmp.replace(args.output)
        elif args.output:
            writer = write_csv if args.format == "csv" else write_jsonl
            tmp = Path(args.output + ".part")
            with tmp.open("w", encoding="utf-8", newline="") as out:
                count = writer(rows, out)
            tmp.replace(args.output)
        else:
            writer = write_csv if args.format == "csv" else write_jsonl
            count = writer(rows, sys.stdout)
    finally:
        archive.close()
    print(f"Đã xuất {count} bài.", file=sys.stderr)
    return 0


def export_search(args: argparse.Namespace) -> int:
    from indexer.engines import open_engine
    from indexer.params import build_query
    from search_ui.exports import EXPORT_MAX_ROWS, ExportJob, columns, export_chunks, write_xlsx
    from search_ui.web.articles import ArchiveReader

    directory = data_dir(args.data)
    query = build_query({
        "q": args.query or "", "province": args.province, "level": args.level, "site": args.site,
        "since": args.since, "until": args.until, "sort": args.sort,
    })
    engine = open_engine(args.engine, directory)
    job = ExportJob(engine, query, ArchiveReader(directory), text=args.text)
    try:
        if args.format == "xlsx":
            tmp = Path(args.output + ".part")
            write_xlsx(job.iter_rows(), columns(job.text), tmp, job.about)
            tmp.replace(args.output)
        else:
            with _output(args.output) as out:
                for chunk in export_chunks(job, args.format):
                    out.write(chunk)
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
