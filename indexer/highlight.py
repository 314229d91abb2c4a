"""Which words of a stored (original, accented) text a query matched, as character spans.

Used by the embedded engine for snippets and titles. The text is folded once with a
same-length fold (positions stay valid) and one regular expression per query finds the words, the
phrases in sequence and the words a prefix expanded to, so highlighting agrees with matching
whatever the accents, case or Unicode form, at the cost of one C-level scan per text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crawler.textnorm import fold_same_length
from indexer.query import ParsedQuery
from indexer.snippets import spans_to_html, window

_SEP = r"[^\w]+"


def matcher(parsed: ParsedQuery, expanded: Iterable[str] = ()) -> re.Pattern[str] | None:
    """One pattern for every term, phrase and prefix of the query (None for an empty query)."""
    singles: set[str] = set(expanded)
    phrases: list[str] = []
    prefixes: set[str] = set()
    for clause in parsed.clauses:
        for alt in clause.alternatives:
            if len(alt) > 1:
                phrases.append(_SEP.join(re.escape(t) for t in alt))
            elif clause.prefix:
                prefixes.add(alt[0])
            else:
                singles.add(alt[0])
    parts = phrases + [re.escape(s) for s in sorted(singles, key=len, reverse=True)]
    parts += [re.escape(p) + r"\w*" for p in sorted(prefixes, key=len, reverse=True)]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def match_spans(text: str, pattern: re.Pattern[str] | None) -> list[tuple[int, int]]:
    if pattern is None or not text:
        return []
    return [m.span() for m in pattern.finditer(fold_same_length(text))]


def snippet_html(text: str, pattern: re.Pattern[str] | None, max_chars: int) -> str:
    """The best window of ``text`` with matches marked, escaped; the text's start if nothing matched."""
    spans = match_spans(text, pattern)
    part, shifted = window(text, spans, max_chars)
    return spans_to_html(part, shifted)


def title_html(title: str, pattern: re.Pattern[str] | None) -> str:
    return spans_to_html(title, match_spans(title, pattern))
