"""``hdnd status``: which sites still yield news, from the runs the archive recorded.

Government sites move, die or change their CMS without notice; an operator running crawls for years
needs to see which sites stopped producing articles. Per site: the last crawl that ran to its end,
the last new article, and flags when the last N runs produced nothing new ("silent") or reached
nothing but errors ("failing": the site moved or died).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from crawler.archive import queries
from crawler.archive.store import Archive

SILENT, FAILING, NEVER = "silent", "failing", "never crawled"
FLAG_TEXT = {
    SILENT: "không có bài mới trong {n} lần chạy gần nhất",
    FAILING: "chỉ có lỗi trong {n} lần chạy gần nhất (trang đổi địa chỉ, ngừng hoạt động hoặc đổi CMS?)",
    NEVER: "chưa được thu thập",
}


@dataclass
class SiteStatus:
    site: str
    name: str
    runs: int
    last_complete: str | None
    last_new_article: str | None
    articles: int
    recent: list[dict[str, Any]] = field(default_factory=list)   # newest first: fetched, new, errors, not_articles
    flags: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def site_statuses(archive: Archive, last_runs: int = 3) -> list[SiteStatus]:
    """Every site the archive knows, with its flags judged on its last ``last_runs`` finished runs."""
    out: list[SiteStatus] = []
    for history in queries.site_histories(archive):
        runs = history.runs
        last_complete = next((r.finished_at for r in runs if r.complete), None)
        recent = [{"run": r.run_id, "finished_at": r.finished_at, "fetched": r.fetched, "new": r.new_articles,
                   "errors": r.errors, "not_articles": r.not_articles} for r in runs[:last_runs]]
        status = SiteStatus(history.site, history.name, len(runs), last_complete, history.last_fetched,
                            history.pages, recent)
        status.flags = flags_for(recent, last_runs)
        out.append(status)
    return out


def flags_for(recent: list[dict[str, Any]], last_runs: int) -> list[str]:
    """Flags for a site from its most recent runs (newest first)."""
    if not recent:
        return [NEVER]
    if len(recent) < last_runs:
        return []
    flags = []
    if all(r["fetched"] == 0 or r["errors"] >= r["fetched"] for r in recent):
        flags.append(FAILING)
    if all(r["new"] == 0 for r in recent):
        flags.append(SILENT)
    return flags


def format_statuses(statuses: list[SiteStatus], last_runs: int) -> str:
    header = ("Trang", "Số lần chạy", "Lần chạy trọn gần nhất", "Bài mới gần nhất", "Số bài",
              "Không phải bài (lần gần nhất)", "Cảnh báo")
    rows = [(s.site, str(s.runs), _short(s.last_complete), _short(s.last_new_article), str(s.articles),
             str(s.recent[0]["not_articles"]) if s.recent else "—",
             "; ".join(FLAG_TEXT[f].format(n=last_runs) for f in s.flags) or "ổn")
            for s in statuses]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for row in [header, *rows]:
        lines.append("  ".join(c.ljust(widths[i]) for i, c in enumerate(row[:-1])) + "  " + row[-1])
    flagged = sum(1 for s in statuses if s.flags)
    lines.append(f"\n{len(statuses)} trang, {flagged} trang cần xem lại.")
    return "\n".join(lines)


def _short(stamp: str | None) -> str:
    return stamp[:16].replace("T", " ") if stamp else "—"
