"""Search page and JSON API figures: requests per second and p50/p95 latency.

Builds (once, cached under bench/out/) an embedded index of generated Vietnamese articles, serves
it with ``hdnd serve`` in a subprocess on 127.0.0.1, and sends a fixed query mix (common words,
accents off, rare word, phrase, prefix, filtered, sorted, browse, a deep page) to the search page
and to /api/search from a few concurrent keep-alive clients. Target: p95 under 100 ms for the page
on the embedded engine at 100,000 articles. Figures are printed, not asserted.

    python bench/serve.py [--docs 100000] [--requests 400] [--workers 4] [--rebuild]
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from indexer.model import Doc  # noqa: E402

QUERIES: list[tuple[str, dict[str, str]]] = [
    ("common words", {"q": "hội đồng nhân dân tỉnh"}),
    ("no accents", {"q": "tiep xuc cu tri"}),
    ("rare word", {"q": "khuổi"}),
    ("phrase", {"q": '"kỳ họp thứ"'}),
    ("prefix", {"q": "giám s"}),
    ("filtered", {"q": "kỳ họp", "province": "Thái Nguyên", "level": "province", "since": "2020"}),
    ("sorted newest", {"q": "giám sát", "sort": "newest"}),
    ("browse all", {}),
    ("deep page", {"q": "đại biểu", "page": "40"}),
]
ENDPOINTS = ("/", "/api/search")


def corpus_docs(size: int, seed: int) -> Iterator[Doc]:
    """The generated corpus, cached as JSON Lines (the same file bench/search.py caches)."""
    path = OUT / f"corpus-{size}-{seed}.jsonl"
    if not path.exists():
        from corpus import generate_docs

        OUT.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        with tmp.open("w", encoding="utf-8") as out:
            for doc in generate_docs(size, seed=seed):
                out.write(json.dumps(doc.as_dict(), ensure_ascii=False) + "\n")
        tmp.replace(path)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield Doc(**json.loads(line))


def index_dir(size: int, seed: int, rebuild: bool) -> Path:
    """A data directory holding an embedded index of ``size`` articles (no archive: the page then
    shows what the index holds, and article pages are not part of the figures)."""
    from indexer.engines import open_engine
    from indexer.params import build_query

    data = OUT / f"serve-{size}-{seed}"
    engine = open_engine("embedded", data)
    try:
        if not rebuild and engine.count() == size:
            engine.search(build_query({"q": "hội đồng"}))   # an index of an older schema fails here
            return data
    except Exception as exc:
        print(f"cached index unusable ({exc}); rebuilding", file=sys.stderr)
    finally:
        engine.close()
    shutil.rmtree(data, ignore_errors=True)
    engine = open_engine("embedded", data)
    started = time.perf_counter()
    count = engine.rebuild(corpus_docs(size, seed))
    engine.close()
    print(f"indexed {count} articles in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return data


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(data: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "search_ui.cli", "serve", "--data", str(data), "--port", str(port),
                             "--engine", "embedded"], cwd=ROOT, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/api/search?limit=1")
            if conn.getresponse().status == 200:
                conn.close()
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the server did not start")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def hammer(port: int, endpoint: str, total: int, workers: int) -> tuple[float, list[tuple[str, float]]]:
    """``total`` requests cycling through QUERIES from ``workers`` keep-alive clients; wall time and
    (query name, seconds) per request."""
    paths = [(name, endpoint + ("?" + urlencode(params) if params else "")) for name, params in QUERIES]
    timings: list[tuple[str, float]] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[tuple[str, float]] = []
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            name, path = paths[n % len(paths)]
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            if response.status != 200:
                raise SystemExit(f"{path}: HTTP {response.status}")
            mine.append((name, elapsed))
        conn.close()
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started, timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--requests", type=int, default=450, help="requests per endpoint")
    parser.add_argument("--workers", type=int, default=4, help="concurrent clients")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached index")
    args = parser.parse_args()

    data = index_dir(args.docs, args.seed, args.rebuild)
    port = free_port()
    server = start_server(data, port)
    try:
        for endpoint in ENDPOINTS:                      # warm up: every query once per endpoint
            hammer(port, endpoint, len(QUERIES), 1)
        print(f"\n{args.docs:,} articles, embedded engine, {args.workers} clients, 2-core machine\n")
        print(f"{'endpoint':<12} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}")
        per_query: dict[str, dict[str, list[float]]] = {}
        for endpoint in ENDPOINTS:
            wall, timings = hammer(port, endpoint, args.requests, args.workers)
            ms = [t * 1000 for _, t in timings]
            print(f"{endpoint:<12} {len(ms):>8} {len(ms) / wall:>7.1f} {statistics.median(ms):>7.1f} "
                  f"{percentile(ms, 95):>7.1f} {percentile(ms, 99):>7.1f} {max(ms):>7.1f}")
            for name, t in timings:
                per_query.setdefault(name, {}).setdefault(endpoint, []).append(t * 1000)
        print(f"\n{'query (p50/p95 ms)':<20} " + " ".join(f"{e:>16}" for e in ENDPOINTS))
        for name, _ in QUERIES:
            cells = [f"{statistics.median(v):>7.1f}/{percentile(v, 95):<7.1f}" for v in
                     (per_query[name][e] for e in ENDPOINTS)]
            print(f"{name:<20} " + " ".join(f"{c:>16}" for c in cells))
        # one request alone, for latency without queueing behind the other clients
        solo = [t * 1000 for _, t in hammer(port, "/", len(QUERIES) * 10, 1)[1]]
        print(f"\nsearch page, one client: p50 {statistics.median(solo):.1f} ms, p95 {percentile(solo, 95):.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
