"""``hdnd demo``: the whole product on the bundled sample sites, with no network and no server.

Serves the sample web (eight local portals: seven CMS families, one of none) on 127.0.0.1, crawls
it into a fresh data directory, indexes it with the embedded engine and opens the search page on
it, so a newcomer sees the whole product in one step. ``--no-serve`` stops after printing what was archived
(the tests use it).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from crawler.archive.db import data_dir

# A local crawl needs no politeness delay; short timeouts keep the sample web's deliberately hung
# page from holding the demo up.
DEMO_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "4",
    "DOWNLOAD_TIMEOUT": "3",
    "RETRY_TIMES": "1",
}


def fresh_data_dir(explicit: str | None) -> Path:
    """``--data`` if given (must be empty or absent), else a new temporary directory."""
    if explicit:
        path = data_dir(explicit)
        if path.exists() and any(path.iterdir()):
            raise SystemExit(f"hdnd demo: {path} is not empty; the demo crawls into a fresh directory")
        path.mkdir(parents=True, exist_ok=True)
        return path
    return Path(tempfile.mkdtemp(prefix="hdnd-demo-"))


def run_demo(args: argparse.Namespace) -> int:
    from crawler.jobs.crawl import build_settings, format_report, quiet_scrapy_logging, run_crawl
    from sampleweb import SampleWeb

    if not args.no_serve:
        from search_ui.web.server import check_port

        check_port("127.0.0.1", args.port)
    target = fresh_data_dir(args.data)
    web = SampleWeb(hang_seconds=6.0)
    web.start()
    try:
        registry = target / "sample-sites.toml"
        web.write_registry(registry)
        print("Các trang mẫu đang chạy:", file=sys.stderr)
        for site in web.sites:
            print(f"  {site.id:14} {site.base_url}  {site.name} ({site.cms or 'không thuộc CMS nào'})",
                  file=sys.stderr)
        print(f"Thu thập vào {target} …", file=sys.stderr)
        overrides = {**DEMO_SETTINGS, "LOG_LEVEL": quiet_scrapy_logging(args.verbose)}
        report = run_crawl(build_settings(target, str(registry), None, overrides, progress=2.0))
    finally:
        web.stop()
    print(format_report(report))
    total = index_demo(target)
    print(f"\nKho lưu trữ: {target / 'archive.sqlite3'}")
    print(f"Chỉ mục:     {total} bài HĐND tìm được (hdnd search --data {target} \"kỳ họp\")")
    print(f"Xuất thử:    hdnd export --data {target} --format csv --output tin-hdnd.csv")
    if args.no_serve:
        print(f"Trang web:   hdnd serve --data {target}", flush=True)
        return 0
    import signal

    from search_ui.web.server import serve

    # Scrapy left its shutdown handlers installed; Ctrl-C must now stop the web server cleanly
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    print(flush=True)
    serve(target, host="127.0.0.1", port=args.port, engine_kind="embedded")
    return 0


def index_demo(target: Path) -> int:
    """Index the fresh archive with the embedded engine (the demo needs no server)."""
    from crawler.archive.store import Archive
    from indexer.engines import DEFAULT_INDEX, open_engine
    from indexer.sync import state_path, sync_index

    archive = Archive.open(target)
    engine = open_engine("embedded", target)
    try:
        report = sync_index(archive, engine, state_path(target, engine.name, DEFAULT_INDEX), rebuild=True)
    finally:
        engine.close()
        archive.close()
    return report.total
