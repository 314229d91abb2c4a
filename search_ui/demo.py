"""``hdnd demo``: the whole product on the bundled sample sites, with no network and no server.

Serves the sample web (seven local portals of seven CMS families) on 127.0.0.1, crawls it into a
fresh data directory and shows what was archived.
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
    from crawler.crawl_run import build_settings, format_report, quiet_scrapy_logging, run_crawl
    from crawler.sampleweb import SampleWeb

    target = fresh_data_dir(args.data)
    web = SampleWeb(hang_seconds=6.0)
    web.start()
    try:
        registry = target / "sample-sites.toml"
        web.write_registry(registry)
        print("Các trang mẫu đang chạy:", file=sys.stderr)
        for site in web.sites:
            print(f"  {site.id:14} {site.base_url}  {site.name} ({site.cms})", file=sys.stderr)
        print(f"Thu thập vào {target} …", file=sys.stderr)
        overrides = {**DEMO_SETTINGS, "LOG_LEVEL": quiet_scrapy_logging(args.verbose)}
        report = run_crawl(build_settings(target, str(registry), None, overrides, progress=2.0))
    finally:
        web.stop()
    print(format_report(report))
    print(f"\nKho lưu trữ: {target / 'archive.sqlite3'}")
    print(f"Xuất thử:    hdnd export --data {target} --format csv --output tin-hdnd.csv")
    return 0
