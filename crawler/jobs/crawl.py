"""Running a crawl from Python (the CLI, the demo, the scheduler) and summarising it per site.

Scrapy's ``CrawlerProcess`` runs the reactor once per process, so one call per process; the tests
and the scheduler run crawls in subprocesses.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.archive import queries
from crawler.archive.store import Archive
from crawler.crawl.context import CrawlContext
from crawler.crawl.spiders.portal import PortalSpider
from crawler.registry import load_registry, select_sites

MAX_LISTED = 30


@dataclass
class SiteRow:
    site: str
    name: str
    fetched: int = 0
    new: int = 0
    total: int = 0
    errors: int = 0
    extract_problems: int = 0
    not_articles: int = 0       # pages fetched and judged not an article (reasons in visits.verdict)


@dataclass
class CrawlReport:
    rows: list[SiteRow]
    finish_reason: str
    stats: dict[str, Any] = field(default_factory=dict)
    problems: list[tuple[str, str, str, str]] = field(default_factory=list)  # site, url, status, problem
    archive: str = ""           # the archive's path, for the pointer to what was not archived and why

    @property
    def totals(self) -> SiteRow:
        t = SiteRow("", "Tổng")
        for r in self.rows:
            t.fetched += r.fetched
            t.new += r.new
            t.total += r.total
            t.errors += r.errors
            t.extract_problems += r.extract_problems
            t.not_articles += r.not_articles
        return t


def build_settings(data_dir: str | Path | None, sites_file: str | None, site_ids: list[str] | None,
                   overrides: dict[str, str] | None = None, progress: float = 0.0) -> Settings:
    """Project settings, then the CLI's choices, then ``-s NAME=VALUE`` (which win, as in Scrapy)."""
    settings = Settings()
    settings.setmodule("crawler.crawl.settings", priority="project")
    if data_dir:
        settings.set("HDND_DATA_DIR", str(data_dir), priority="cmdline")
    if sites_file:
        settings.set("HDND_SITES_FILE", str(sites_file), priority="cmdline")
    if site_ids:
        settings.set("HDND_SITE_IDS", list(site_ids), priority="cmdline")
    settings.set("HDND_PROGRESS_INTERVAL", progress, priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(settings: Settings) -> CrawlReport:
    """Crawl the selected sites into the archive; blocks until the crawl ends."""
    sites_file = settings.get("HDND_SITES_FILE") or None
    ids = settings.getlist("HDND_SITE_IDS")
    sites = select_sites(load_registry(sites_file), ids, str(sites_file or "registry"))  # fail before starting
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(PortalSpider)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    run_id = CrawlContext.of(crawler).run_id
    archive = Archive.open(settings.get("HDND_DATA_DIR"))
    try:
        totals = archive.article_counts([s.id for s in sites])
        problems = archive.extraction_problems(run_id)
        runs = queries.site_runs(archive, run_id) if run_id is not None else {}
        path = str(archive.path)
    finally:
        archive.close()
    rows = []
    for s in sites:   # the run's figures as the archive recorded them (site_runs)
        run = runs.get(s.id)
        rows.append(SiteRow(site=s.id, name=s.name, total=totals.get(s.id, 0)) if run is None else SiteRow(
            site=s.id, name=s.name, fetched=run.fetched, new=run.new_articles, total=totals.get(s.id, 0),
            errors=run.errors, extract_problems=run.extract_problems, not_articles=run.not_articles))
    return CrawlReport(rows, str(stats.get("finish_reason", "unknown")), stats, problems, path)


def format_report(report: CrawlReport) -> str:
    """The per-site table ``hdnd crawl`` ends with."""
    header = ("Trang", "Đã tải", "Bài mới", "Tổng số bài", "Không phải bài", "Lỗi tải", "Trích xuất lỗi")
    body = [(r.site, r.fetched, r.new, r.total, r.not_articles, r.errors, r.extract_problems) for r in report.rows]
    t = report.totals
    body.append(("TỔNG", t.fetched, t.new, t.total, t.not_articles, t.errors, t.extract_problems))
    widths = [max(len(str(row[i])) for row in [header, *body]) for i in range(len(header))]
    lines = []
    for n, row in enumerate([header, *body]):
        cells = [str(c).ljust(widths[i]) if i == 0 else str(c).rjust(widths[i]) for i, c in enumerate(row)]
        lines.append("  ".join(cells))
        if n == 0 or n == len(body) - 1:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(f"Kết thúc: {report.finish_reason}")
    if t.not_articles:
        lines.append(f"{t.not_articles} trang đã tải không lưu vì không phải bài (trang chủ, danh sách tin, "
                     "trang khác). Lý do từng trang:")
        lines.append(f'  sqlite3 {report.archive or "DATA/archive.sqlite3"} '
                     f'"{queries.NOT_ARTICLES_SQL}"')
    if report.problems:
        lines.append("")
        lines.append(f"Trang trích xuất có vấn đề ({len(report.problems)}), giữ trong kho; `hdnd reextract` làm lại:")
        for site, url, status, problem in report.problems[:MAX_LISTED]:
            lines.append(f"  [{status}] {site} {url}: {problem}")
        if len(report.problems) > MAX_LISTED:
            lines.append(f"  … và {len(report.problems) - MAX_LISTED} trang nữa (xem cột extract_problem khi xuất)")
    return "\n".join(lines)


def quiet_scrapy_logging(verbosity: int) -> str:
    """LOG_LEVEL for a verbosity count: quiet by default, -v info, -vv debug."""
    level = {0: "WARNING", 1: "INFO"}.get(verbosity, "DEBUG")
    logging.getLogger("scrapy").setLevel(level)
    return level
