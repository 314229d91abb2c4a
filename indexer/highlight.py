"""Which words of a stored (original, accented) text a query matched, as character spans.

Used by the embedded engine for snippets and titles: the text is tokenised the way the index
tokenises it, each token folded and compared with the query's terms (and the words a prefix
expanded to), so highlighting agrees with matching whatever the accents, case or Unicode form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crawler.textnorm import fold
from indexer.query import ParsedQuery
from indexer.snippets import spans_to_html, window

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)


def query_terms(parsed: ParsedQuery) -> tuple[set[str], list[tuple[str, ...]], set[str]]:
    """Single terms, multi-token alternatives (phrases) and prefixes of a parsed query."""
    singles: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    prefixes: set[str] = set()
    for clause in parsed.clauses:
        for alt in clause.alternatives:
            if len(alt) == 1:
                (prefixes if clause.prefix else singles).add(alt[0])
            else:
                phrases.append(alt)
    return singles, phrases, prefixes


def match_spans(text: str, parsed: ParsedQuery, expanded: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Spans of ``text`` matching the query: whole words, phrases in sequence, prefixes."""
    singles, phrases, prefixes = query_terms(parsed)
    singles |= set(expanded)
    tokens = [(m.start(), m.end(), fold(m.group())) for m in _TOKEN_RE.finditer(text)]
    spans: list[tuple[int, int]] = []
    folded = [t[2] for t in tokens]
    for i, (start, end, word) in enumerate(tokens):
        if word in singles or any(word.startswith(p) for p in prefixes):
            spans.append((start, end))
            continue
        for phrase in phrases:
            n = len(phrase)
            if tuple(folded[i : i + n]) == phrase:
                spans.append((start, tokens[i + n - 1][1]))
                break
    return spans


def snippet_html(text: str, parsed: ParsedQuery, expanded: Iterable[str], max_chars: int) -> str:
    """The best window of ``text`` with matches marked, escaped; the text's start if nothing matched."""
    spans = match_spans(text, parsed, expanded) if not parsed.empty else []
    part, shifted = window(text, spans, max_chars)
    return spans_to_html(part, shifted)


def title_html(title: str, parsed: ParsedQuery, expanded: Iterable[str]) -> str:
    spans = match_spans(title, parsed, expanded) if not parsed.empty else []
    return spans_to_html(title, spans)
