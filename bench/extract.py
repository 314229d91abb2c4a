"""Extraction speed: the full ``extract()`` (decoding, family detection, body, Vietnamese cleanup,
dates, sign-off, and the HĐND classifier and fingerprint when installed) against plain
``trafilatura.bare_extraction(html, with_metadata=True)`` on the same pages, in one run.

Pages: every gold article page of the sample web (seven CMS families, fetched once over 127.0.0.1)
and the real government pages in tests/fixtures/realpages/. Plain trafilatura gets the page already
decoded to text (its decoding is not timed; ours is), so the ratio is if anything unfavourable to us.
Each round times both over all pages; the best round of each is reported. Target: on these portal
pages the full extraction takes no more than 0.6 times plain trafilatura's time (the family rules
read a known container directly; pages of no known family pay for trafilatura's reading).
bench/extract_benchmark.py measures the generic path on real pages of other sites.

    python bench/extract.py [--rounds 5] [--cms-hint] [--no-sampleweb]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from crawler.discovery.cms import detect_family  # noqa: E402
from crawler.extract import extract  # noqa: E402
from crawler.extract.decode import decode_html  # noqa: E402
from sampleweb.client import fetch_page  # noqa: E402

REALPAGES = ROOT / "tests" / "fixtures" / "realpages"
TARGET = 0.6


@dataclass(frozen=True)
class Page:
    set: str
    url: str
    body: bytes
    headers: dict[str, list[str]]
    text: str               # decoded once, for plain trafilatura
    cms: str | None         # the crawler's detection, passed with --cms-hint as the pipeline does



def _page(kind: str, url: str, body: bytes, headers: dict[str, list[str]]) -> Page:
    text = decode_html(body, headers)
    return Page(kind, url, body, headers, text, detect_family(text, url))


def sample_pages() -> list[Page]:
    from sampleweb import SampleWeb

    web = SampleWeb(slow_seconds=0.0)
    web.start()
    try:
        return [_page("sample web", url, *fetch_page(url)) for url in sorted(web.gold())]
    finally:
        web.stop()


def real_pages() -> list[Page]:
    return [_page("realpages", f"https://example.gov.vn/{p.name}", p.read_bytes(), {})
            for p in sorted(REALPAGES.glob("*.html"))]


def _time(pages: list[Page], run: Callable[[Page], object]) -> float:
    start = time.perf_counter()
    for page in pages:
        run(page)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cms-hint", action="store_true",
                        help="pass the family detected beforehand, as the crawl pipeline does")
    parser.add_argument("--no-sampleweb", action="store_true", help="real pages only (no local server)")
    args = parser.parse_args()

    pages = ([] if args.no_sampleweb else sample_pages()) + real_pages()

    def ours(p: Page) -> object:
        return extract(p.body, p.url, headers=p.headers, cms=p.cms if args.cms_hint else None)

    def plain(p: Page) -> object:
        return trafilatura.bare_extraction(p.text, url=p.url, with_metadata=True)

    for page in pages[:3]:  # warm caches and imports outside the timing
        ours(page)
        plain(page)
    sets = sorted({p.set for p in pages})
    best: dict[tuple[str, str], float] = {}
    for _ in range(max(1, args.rounds)):
        for name in sets:
            subset = [p for p in pages if p.set == name]
            for label, fn in (("ours", ours), ("plain", plain)):
                elapsed = _time(subset, fn)
                best[(name, label)] = min(best.get((name, label), elapsed), elapsed)

    print(f"extraction speed, best of {args.rounds} rounds{' (cms hint)' if args.cms_hint else ''}")
    print(f"{'pages':<12} {'n':>4} {'MB':>6} {'extract() p/s':>14} {'trafilatura p/s':>16} {'time ratio':>11}")
    total_ours = total_plain = 0.0
    for name in [*sets, "all"]:
        subset = pages if name == "all" else [p for p in pages if p.set == name]
        t_ours = sum(best[(s, "ours")] for s in sets) if name == "all" else best[(name, "ours")]
        t_plain = sum(best[(s, "plain")] for s in sets) if name == "all" else best[(name, "plain")]
        if name == "all":
            total_ours, total_plain = t_ours, t_plain
        size = sum(len(p.body) for p in subset) / 1e6
        print(f"{name:<12} {len(subset):>4} {size:>6.1f} {len(subset) / t_ours:>14.1f} "
              f"{len(subset) / t_plain:>16.1f} {t_ours / t_plain:>10.2f}x")
    ratio = total_ours / total_plain
    print(f"full extraction / plain trafilatura time: {ratio:.2f}x (target <= {TARGET}x): "
          f"{'ok' if ratio <= TARGET else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
