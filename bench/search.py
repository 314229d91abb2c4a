"""Search engine figures on a generated Vietnamese corpus.

For each size: indexing throughput, index size on disk, peak memory, and p50/p95 latency of a fixed
query mix (common multi-word, rare word, phrase, prefix, filtered, sorted), each with facets and
snippets, top 20. Targets on the embedded engine: ≥ 5,000 articles/s indexing; p95 < 50 ms at
100,000 articles and < 150 ms at 1,000,000.

    python bench/search.py [--sizes 100000 1000000] [--engine embedded] [--repeat 30]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import generate_docs  # noqa: E402

from indexer.engines import open_engine  # noqa: E402
from indexer.model import Doc, SearchQuery  # noqa: E402

QUERIES: list[tuple[str, dict]] = [
    ("common multi-word", {"q": "hội đồng nhân dân tỉnh"}),
    ("common, no accents", {"q": "tiep xuc cu tri"}),
    ("rare word", {"q": "khuổi"}),
    ("phrase", {"q": '"kỳ họp thứ"'}),
    ("prefix", {"q": "giám s"}),
    ("abbreviation", {"q": "HĐND TP"}),
    ("filtered", {"q": "kỳ họp", "province": "Thái Nguyên", "level": "province"}),
    ("sorted newest", {"q": "giám sát", "sort": "newest"}),
    ("empty, newest", {"q": ""}),
]


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def corpus_file(size: int, seed: int = 7) -> Path:
    """The generated corpus as JSON Lines, cached under bench/out/ (generation is not indexing)."""
    path = ROOT / "bench" / "out" / f"corpus-{size}-{seed}.jsonl"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        with tmp.open("w", encoding="utf-8") as out:
            for doc in generate_docs(size, seed=seed):
                out.write(json.dumps(doc.as_dict(), ensure_ascii=False) + "\n")
        tmp.replace(path)
    return path


def read_docs(path: Path) -> Iterator[Doc]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield Doc(**json.loads(line))


def run(size: int, engine_kind: str, repeat: int, keep: Path | None) -> None:
    workdir = Path(tempfile.mkdtemp(prefix=f"hdnd-search-{size}-"))
    engine = open_engine(engine_kind, workdir, index_name=f"bench{size}")
    source = corpus_file(size)
    started = time.perf_counter()
    count = engine.rebuild(read_docs(source))
    build = time.perf_counter() - started
    print(f"\n== {size:,} articles, {engine.name} engine")
    print(f"indexing:   {count:,} docs in {build:.1f} s = {count / build:,.0f} docs/s (reading JSON included)")
    if engine.name == "embedded":
        print(f"index size: {dir_size(workdir / 'index') / 1e6:,.0f} MB in {engine.shard_count()} shard(s)")
    print(f"peak RSS so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    all_times: list[float] = []
    print(f"{'query':22} {'hits':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for label, params in QUERIES:
        query = SearchQuery(limit=20, facets=True, **params)
        engine.search(query)  # warm up
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            result = engine.search(query)
            times.append((time.perf_counter() - t) * 1000)
        all_times.extend(times)
        print(f"{label:22} {result.total:>8,} {statistics.median(times):>8.1f} {percentile(times, 95):>8.1f}")
    print(f"{'all queries':22} {'':>8} {statistics.median(all_times):>8.1f} {percentile(all_times, 95):>8.1f}")
    engine.close()
    if keep is None:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--engine", default="embedded", choices=("embedded", "meilisearch"))
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", type=Path, default=None, help="keep the index directories")
    args = parser.parse_args()
    for size in args.sizes:
        run(size, args.engine, args.repeat, args.keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
