"""Extension: a progress line on stderr every few seconds while a crawl runs.

Scrapy's LogStats says pages per minute in the log; an operator watching ``hdnd crawl`` wants to see
at a glance what was fetched, archived and lost so far. Enabled by ``HDND_PROGRESS_INTERVAL`` > 0
(``hdnd crawl`` sets it; plain ``scrapy crawl`` keeps Scrapy's own logging).
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector
from twisted.internet import task


def progress_line(stats: StatsCollector, elapsed: float, queued: int | None) -> str:
    """One line: elapsed time, pages fetched, new articles, errors, queue length."""
    minutes, seconds = divmod(int(elapsed), 60)
    pages = stats.get_value("response_received_count", 0)
    new = stats.get_value("hdnd/articles/new", 0)
    errors = sum(v for k, v in stats.get_stats().items() if k.startswith("hdnd/errors/"))
    line = f"[{minutes:d}:{seconds:02d}] trang đã tải {pages}, bài mới {new}, lỗi {errors}"
    if queued is not None:
        line += f", còn chờ {queued}"
    return line


class Progress:
    def __init__(self, crawler: Crawler, interval: float, stream: TextIO = sys.stderr) -> None:
        self.crawler = crawler
        self.interval = interval
        self.stream = stream
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        interval = crawler.settings.getfloat("HDND_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        ext = cls(crawler, interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.report)
        self.loop.start(self.interval, now=False)

    def report(self) -> None:
        engine = self.crawler.engine
        queued = None
        if engine is not None and getattr(engine, "slot", None) is not None:
            try:
                queued = len(engine.slot.scheduler)
            except (TypeError, AttributeError):
                queued = None
        assert self.crawler.stats is not None
        print(progress_line(self.crawler.stats, time.monotonic() - self.started, queued), file=self.stream,
              flush=True)

    def spider_closed(self, spider: Spider) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
