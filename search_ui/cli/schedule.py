"""``hdnd schedule``: crawl then index on a cron schedule, for years, one cycle at a time.

APScheduler runs the cycle (``max_instances=1``, missed runs coalesced); each cycle holds the data
directory's lock (crawler/jobs/lock.py), so a cycle never overlaps another cycle or a manual crawl,
and a crashed cycle leaves no lock behind. Crawl and index run as child processes: Scrapy's
reactor runs once per process, and a child that dies takes nothing of the scheduler with it.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from crawler.archive import queries
from crawler.archive.db import data_dir
from crawler.archive.store import Archive
from crawler.jobs.lock import EXIT_BUSY, HELD_ENV, LockBusy, RunLock

log = logging.getLogger("hdnd.schedule")
TIMEZONE = "Asia/Ho_Chi_Minh"
_KEYS = {"cron", "timezone", "data", "sites", "site", "engine", "settings", "timeout_hours"}


class ScheduleError(ValueError):
    """A schedule that cannot run: bad cron expression, unknown key, unreadable file."""


@dataclass
class ScheduleConfig:
    cron: str | None
    data: Path
    timezone: str = TIMEZONE
    sites: str | None = None
    site: list[str] = field(default_factory=list)
    engine: str | None = None
    settings: dict[str, str] = field(default_factory=dict)
    timeout_hours: float = 12.0

    def trigger(self) -> Any:
        """APScheduler's CronTrigger for ``cron`` in ``timezone`` (imported here: only ``hdnd
        schedule`` needs APScheduler, every other command starts without it)."""
        from apscheduler.triggers.cron import CronTrigger

        if not self.cron:
            raise ScheduleError("cần lịch chạy: --cron \"0 */6 * * *\" hoặc khóa cron trong tệp --config")
        try:
            return CronTrigger.from_crontab(self.cron, timezone=self.timezone)
        except (ValueError, KeyError) as exc:
            raise ScheduleError(f"lịch cron không hợp lệ {self.cron!r}: {exc}") from None


def load_config(path: str | Path | None, overrides: dict[str, Any], need_cron: bool = True) -> ScheduleConfig:
    """A TOML file of the keys in ``_KEYS`` (a ``[schedule]`` table or top level), then the CLI's."""
    values: dict[str, Any] = {}
    if path:
        try:
            raw = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ScheduleError(f"{path}: không đọc được tệp lịch: {exc}") from None
        values = raw.get("schedule", raw)
        unknown = sorted(set(values) - _KEYS)
        if unknown:
            raise ScheduleError(f"{path}: khóa không biết {', '.join(unknown)} (dùng: {', '.join(sorted(_KEYS))})")
    values.update({k: v for k, v in overrides.items() if v not in (None, [], "")})
    values.setdefault("cron", None)
    values["data"] = data_dir(values.get("data"))
    values["settings"] = {str(k): str(v) for k, v in dict(values.get("settings") or {}).items()}
    config = ScheduleConfig(**values)
    if need_cron or config.cron:
        config.trigger()  # validate now, not at the first tick
    return config


def _child(args: list[str], config: ScheduleConfig) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, HELD_ENV: "1"}
    return subprocess.run([sys.executable, "-m", "search_ui.cli", *args], capture_output=True, text=True,
                          env=env, timeout=config.timeout_hours * 3600, check=False)


def crawl_args(config: ScheduleConfig) -> list[str]:
    args = ["crawl", "--data", str(config.data), "--no-progress"]
    if config.sites:
        args += ["--sites", config.sites]
    for site in config.site:
        args += ["--site", site]
    for name, value in config.settings.items():
        args += ["-s", f"{name}={value}"]
    return args


def _last_run_summary(data: Path) -> dict[str, Any]:
    archive = Archive.open(data, readonly=True)
    try:
        found = queries.last_run(archive)
    finally:
        archive.close()
    run, sites = found if found is not None else (None, {})
    runs = list(sites.values())
    return {"run": run, "sites": len(runs), "fetched": sum(r.fetched for r in runs),
            "new_articles": sum(r.new_articles for r in runs), "errors": sum(r.errors for r in runs),
            "extract_problems": sum(r.extract_problems for r in runs),
            "sites_with_errors": [site for site, r in sites.items() if r.errors]}


def run_cycle(config: ScheduleConfig) -> int:
    """One crawl then one index under the lock; returns 0, 1 (a step failed) or 75 (busy)."""
    started = time.monotonic()
    try:
        lock = RunLock(config.data, "schedule").acquire()
    except LockBusy as exc:
        log.warning("cycle skipped", extra={"event": "cycle_skipped", "reason": str(exc)})
        return EXIT_BUSY
    try:
        log.info("cycle started", extra={"event": "cycle_started", "data": str(config.data)})
        crawl = _child(crawl_args(config), config)
        if crawl.returncode != 0:
            log.error("crawl failed", extra={"event": "crawl_failed", "code": crawl.returncode,
                                             "stderr": crawl.stderr[-2000:]})
            return 1
        log.info("crawl finished", extra={"event": "crawl_finished", **_last_run_summary(config.data)})
        index_args = ["index", "--data", str(config.data)] + (["--engine", config.engine] if config.engine else [])
        index = _child(index_args, config)
        if index.returncode != 0:
            log.error("index failed", extra={"event": "index_failed", "code": index.returncode,
                                             "stderr": index.stderr[-2000:]})
            return 1
        log.info("cycle finished", extra={"event": "cycle_finished", "index": index.stdout.strip(),
                                          "seconds": round(time.monotonic() - started, 1)})
        return 0
    finally:
        lock.release()


def run_forever(config: ScheduleConfig) -> None:
    """Until interrupted; missed ticks (machine asleep, a long cycle) run once, not once per tick."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    scheduler = BlockingScheduler(timezone=config.timezone)
    scheduler.add_job(run_cycle, config.trigger(), args=[config], id="cycle", max_instances=1, coalesce=True,
                      misfire_grace_time=3600)
    upcoming = config.trigger().get_next_fire_time(None, datetime.now(ZoneInfo(config.timezone)))
    log.info("schedule started", extra={"event": "schedule_started", "cron": config.cron,
                                        "timezone": config.timezone, "next": str(upcoming)})
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        scheduler.shutdown(wait=False)
