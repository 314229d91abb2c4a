"""Crawl throughput: a generated local site of N articles, throttling off.

Prints pages per second (from the server's own request log, first to last request) and the crawl
process's peak resident memory. Target: at least 50 pages/s on 2 cores, under 300 MB.

    python bench/crawl.py [--articles 2000] [--workers 0]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sampleweb.synthetic import SyntheticSite  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=0, help="HDND_EXTRACT_WORKERS")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight to the site")
    args = parser.parse_args()

    site = SyntheticSite(n_articles=args.articles, seed=1)
    site.start()
    try:
        with tempfile.TemporaryDirectory(prefix="hdnd-bench-") as tmp:
            registry = Path(tmp) / "sites.toml"
            registry.write_text(site.registry_toml(), encoding="utf-8")
            cmd = [
                sys.executable, "-m", "search_ui.cli", "crawl", "--sites", str(registry), "--data", tmp,
                "--no-progress",
                "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
                "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={args.concurrency}",
                "-s", f"CONCURRENT_REQUESTS={args.concurrency}",
                "-s", f"HDND_MAX_PAGES_PER_SITE={args.articles * 3}",
                "-s", f"HDND_MAX_LISTING_PAGES={args.articles}",
                "-s", f"HDND_EXTRACT_WORKERS={args.workers}",
            ]
            started = time.monotonic()
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
            wall = time.monotonic() - started
            if proc.returncode != 0:
                print(proc.stdout, proc.stderr, sep="\n")
                return 1
            peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    finally:
        site.stop()
    log = [r for r in site.request_log if r.status < 400]
    span = max(r.time for r in log) - min(r.time for r in log) if len(log) > 1 else 0.0
    print(proc.stdout.strip().splitlines()[-3])
    print(f"articles on the site: {args.articles}")
    print(f"pages fetched:        {len(log)}")
    print(f"crawl span:           {span:.1f} s (process wall time {wall:.1f} s, with start-up)")
    print(f"pages per second:     {len(log) / span:.1f}" if span else "pages per second: n/a")
    print(f"peak memory (RSS):    {peak_kb / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
