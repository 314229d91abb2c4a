"""Relevance order on the embedded engine: candidates first, then what BM25 cannot see.

Stage one finds the best RERANK_WINDOW candidates by BM25 on folded words. A query with a quoted
phrase (or a document number, or a multi-word abbreviation form) finds them on its words alone
and keeps those that hold the phrase: checking the phrase's word positions over every match is
the slowest thing the engine does (half the archive for "kỳ họp thứ"), and the count and facets
running beside the ranking already do it once. Stage two re-scores the candidates on word order
(phrase queries restricted to them) and the best EXACT_WINDOW on exact accents (stored text).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from indexer.embedded import blob, querybuild
from indexer.embedded.rerank import EXACT_WINDOW, W_EXACT, exact_ratio, exact_signal
from indexer.embedded.shards import Address, Key, MultiSearcher, key
from indexer.model import SearchQuery
from indexer.query import ParsedQuery

RERANK_WINDOW = 200       # candidates re-scored on word order, whatever the page
LOOSE_POOL = 2000         # best matches of a phrase's words searched for the phrase itself
VERIFY_CHUNK = 250

Page = list[tuple[float | None, dict[str, Any]]]


def page_key(query: SearchQuery) -> SearchQuery:
    """What identifies a result list whatever the page: the query without its page and display."""
    return replace(query, offset=0, limit=0, facets=False, snippet_chars=0)


def stored_fields(searcher: MultiSearcher, address: Address) -> dict[str, Any]:
    values = searcher.doc(address).to_dict()
    out = blob.unpack(bytes((values.get("doc") or [b""])[0]))
    out["id"] = (values.get("id") or [""])[0]
    return out


def _nums(searcher: MultiSearcher, hits: list[tuple[float, Address]]) -> list[int]:
    """The document numbers of ``hits``, which second-stage queries restrict to."""
    return searcher.fast_field_values("num", [a for _, a in hits])


def _holding(searcher: MultiSearcher, built: querybuild.Built, hits: list[tuple[float, Address]],
             window: int) -> list[tuple[float, Address]]:
    """The first ``window`` of ``hits`` that match the query exactly, checked a chunk at a time
    (a union of 2,000 term queries costs 25 times what ten of 200 do)."""
    kept: list[tuple[float, Address]] = []
    for start in range(0, len(hits), VERIFY_CHUNK):
        chunk = hits[start:start + VERIFY_CHUNK]
        only = querybuild.candidates(built.schema, _nums(searcher, chunk))
        _, strict = searcher.search(querybuild.restricted(only, built.matching), len(chunk), count=False)
        holding = {key(a) for _, a in strict}
        kept.extend(hit for hit in chunk if key(hit[1]) in holding)
        if len(kept) >= window:
            break
    return kept[:window]


def _candidates(searcher: MultiSearcher, built: querybuild.Built, window: int,
                total_later: Callable[[], int] | None) -> tuple[Callable[[], int], list[tuple[float, Address]]]:
    """Stage one: the best ``window`` matches, and the total (read last: it may still be counting)."""
    if built.loose is not None and total_later is not None:
        pool = 2 * window   # most phrases of common words hold in half the matches of their words
        while True:
            _, loose = searcher.search(built.loose, pool, count=False)
            kept = _holding(searcher, built, loose, window)
            if len(kept) >= window or len(loose) < pool:  # enough, or every match was looked at
                return total_later, kept
            if pool >= LOOSE_POOL:
                break
            # once more, as deep as the share found so far says is enough, with a margin
            pool = min(LOOSE_POOL, math.ceil(pool * window / max(len(kept), 1) * 1.3))
    total, hits = searcher.search(built.query, window, count=True)
    return lambda: total, hits


def _reranked(searcher: MultiSearcher, built: querybuild.Built, parsed: ParsedQuery,
              hits: list[tuple[float, Address]], start: int, stop: int) -> Page:
    """Positions ``start`` to ``stop`` of the window ``hits`` once re-scored (stage two).

    The window and the exact-accent share of it are fixed, whatever page is asked, so that pages
    read one after another (the search page, an export) neither repeat nor skip an article."""
    top = max(score for score, _ in hits) or 1.0
    keys = [key(a) for _, a in hits]
    scores = {k: score / top for k, (score, _) in zip(keys, hits, strict=True)}
    addresses = dict(zip(keys, (a for _, a in hits), strict=True))
    if built.order_signals:
        only = querybuild.candidates(built.schema, _nums(searcher, hits))
        for weight, signal in built.order_signals:
            _, found = searcher.search(querybuild.restricted(only, signal), len(hits), count=False)
            for _, a in found:
                if key(a) in scores:  # a 63-bit number shared with another document is no candidate
                    scores[key(a)] += weight
    ordered = sorted(keys, key=lambda k: -scores[k])
    loaded: dict[Key, dict[str, Any]] = {}
    signal = exact_signal(parsed)
    if signal:
        best = ordered[:EXACT_WINDOW]
        for k in best:
            doc = loaded[k] = stored_fields(searcher, addresses[k])
            text = "\n".join(filter(None, (doc.get("lead", ""), doc.get("body", ""), *doc.get("captions", []))))
            scores[k] += W_EXACT * exact_ratio(signal, doc.get("title", ""), text)
        ordered = sorted(best, key=lambda k: -scores[k]) + ordered[len(best):]
    return [(scores[k], loaded[k] if k in loaded else stored_fields(searcher, addresses[k]))
            for k in ordered[start:stop]]


def ranked(searcher: MultiSearcher, built: querybuild.Built, parsed: ParsedQuery, query: SearchQuery,
           total_later: Callable[[], int] | None = None) -> tuple[int, Page]:
    """The page of ``query`` in relevance order, and the total.

    The first RERANK_WINDOW positions are the window re-scored; after them come the other matches
    in first-stage order. ``total_later`` gives the number of matches when something else counts
    them already (the facets); a phrase query then ranks on its words and needs no count of its own.
    """
    end, window = query.offset + query.limit, RERANK_WINDOW
    page: Page = []
    total: Callable[[], int] | None = None
    hits: list[tuple[float, Address]] | None = None
    loose = built.loose is not None and total_later is not None
    remembered = (searcher.state, page_key(query), window)
    if query.offset < window:
        total, hits = _candidates(searcher, built, window, total_later)
        if hits:
            page = _reranked(searcher, built, parsed, hits, query.offset, min(end, window))
        if loose and len(hits) >= window:  # the query's later pages continue from this window
            searcher.cursors.keep_window(remembered, total(), _nums(searcher, hits))
        if end <= window or len(hits) < window:
            return total(), page
    start = max(query.offset, window)
    if loose:
        # the window came from the phrase's words: the rest is every other match, in phrase order.
        # The window and the total are kept for the query's later pages (an export reads hundreds)
        known = searcher.cursors.window(remembered)
        if known is None:
            if hits is None:
                total, hits = _candidates(searcher, built, window, total_later)
            assert total is not None
            known = (total(), _nums(searcher, hits))
            searcher.cursors.keep_window(remembered, *known)
        count, nums = known
        rest = querybuild.excluding(built.query, querybuild.candidates(built.schema, nums))
        _, deep = searcher.search(rest, end - start, count=False, offset=start - window,
                                  cursor=(page_key(query), window))
    else:
        count, deep = searcher.search(built.query, end - start, count=total is None, offset=start,
                                      cursor=page_key(query))
        count = total() if total is not None else count
    page += [(score, stored_fields(searcher, a)) for score, a in deep]
    return count, page
