"""The export formats, one writer each, for any rows and columns: CSV, JSON Lines, XLSX.

Rows are written as they come, so memory stays flat whatever the size: CSV and JSON Lines are
produced as bytes chunk by chunk (an HTTP response streams them, a file receives them), XLSX goes
through xlsxwriter's constant_memory mode into a file. A file is written under ``NAME.part`` and
renamed when complete (``atomic_file``), so a killed export never leaves a half file under the
real name. XLSX cells are written with write_string, never parsed as formulas.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from search_ui.exports.columns import Column, cell, shown
from search_ui.formatting import LEVEL_WORDS, sheet_datetime

FORMATS = ("csv", "xlsx", "jsonl")
XLSX_CELL_MAX = 32_767          # Excel's limit on characters in one cell
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
Rows = Iterator[dict[str, Any]]
About = Callable[[], list[tuple[str, str]]]


def csv_chunks(rows: Rows, cols: Sequence[Column], batch: int = 200) -> Iterator[bytes]:
    """UTF-8 CSV with a BOM (Excel then keeps the diacritics), CRLF line ends, cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow([c.header for c in cols])
    pending = 0
    for row in rows:
        writer.writerow([shown(c, row.get(c.key)) for c in cols])
        pending += 1
        if pending >= batch:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue().encode("utf-8")


def jsonl_chunks(rows: Rows, cols: Sequence[Column], batch: int = 200) -> Iterator[bytes]:
    """One JSON object per line, keys in column order, values as stored (ISO dates)."""
    lines: list[str] = []
    for row in rows:
        lines.append(json.dumps({c.key: row.get(c.key) for c in cols}, ensure_ascii=False))
        if len(lines) >= batch:
            yield ("\n".join(lines) + "\n").encode("utf-8")
            lines = []
    if lines:
        yield ("\n".join(lines) + "\n").encode("utf-8")


def write_xlsx(rows: Rows, cols: Sequence[Column], path: str | os.PathLike[str], about: About | None = None) -> int:
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
                text = cell(value)
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
                info.write_string(n, 1, cell(value))
    finally:
        workbook.close()
    return count


def xlsx_chunks(rows: Rows, cols: Sequence[Column], about: About | None = None,
                chunk: int = 64 * 1024) -> Iterator[bytes]:
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


def chunks(fmt: str, rows: Rows, cols: Sequence[Column], about: About | None = None) -> Iterator[bytes]:
    """The bytes of ``rows`` in ``fmt`` (csv, xlsx or jsonl), produced as they are read."""
    if fmt == "csv":
        return csv_chunks(rows, cols)
    if fmt == "jsonl":
        return jsonl_chunks(rows, cols)
    if fmt == "xlsx":
        return xlsx_chunks(rows, cols, about)
    raise ValueError(f"unknown export format {fmt!r}")


@contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A path to write ``path``'s content to: ``path.part``, renamed to ``path`` when the block
    ends normally, removed when it fails."""
    final = Path(path)
    tmp = final.with_name(final.name + ".part")
    try:
        yield tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(final)


def write_file(fmt: str, rows: Rows, cols: Sequence[Column], path: str | os.PathLike[str],
               about: About | None = None) -> None:
    """An export written to ``path`` atomically, in any format."""
    with atomic_file(path) as tmp:
        if fmt == "xlsx":
            write_xlsx(rows, cols, tmp, about)
            return
        with tmp.open("wb") as out:
            for data in chunks(fmt, rows, cols, about):
                out.write(data)
