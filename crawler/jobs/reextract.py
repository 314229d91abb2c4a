"""Re-run extraction over archived raw pages, with no network: an improved extractor improves
the whole archive, and pages a crash left without an extraction get one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from crawler.archive.store import Archive
from crawler.extract import extract


def reextract_archive(data: str | Path | None, site: str | None = None, only_missing: bool = False,
                      progress: TextIO | None = None) -> dict[str, int]:
    """Extract every archived page again; returns counts of pages, changed rows and problems."""
    archive = Archive.open(data)
    counts = {"pages": 0, "changed": 0, "problems": 0}
    try:
        for page in archive.iter_pages(site=site, only_missing=only_missing):
            result = extract(page.body, page.final_url, headers=page.headers, encoding=page.encoding,
                             listing_date=page.listing_date, cms=page.cms)
            counts["pages"] += 1
            counts["changed"] += int(archive.save_extraction(page.id, result))
            counts["problems"] += int(result.status != "ok")
            if progress is not None and counts["pages"] % 500 == 0:
                print(f"  … {counts['pages']} trang", file=progress or sys.stderr, flush=True)
    finally:
        archive.close()
    return counts
