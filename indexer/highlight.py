"""Which words of a stored (original, accented) text a query matched, as character spans.

Used by the embedded engine for snippets and titles. One regular expression per query finds the
words, the phrases in sequence and the words a prefix expanded to, directly in the original text:
each folded letter becomes the class of its accented forms ("hoi" is h[oòóỏõọôồốổỗộơờớởỡợ][iìíỉĩị]),
case-insensitive. Highlighting agrees with matching whatever the accents or case (stored text is
NFC), and no folded copy of each text has to be made.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexer.query import ParsedQuery
from indexer.snippets import spans_to_html, window

_SEP = r"[^\w]+"
_LETTERS = {"a": "aàáảãạăằắẳẵặâầấẩẫậ", "d": "dđð", "e": "eèéẻẽẹêềếểễệ", "i": "iìíỉĩị",
            "o": "oòóỏõọôồốổỗộơờớởỡợ", "u": "uùúủũụưừứửữự", "y": "yỳýỷỹỵ"}


_SUPER, _SUB = "⁰¹²³⁴⁵⁶⁷⁸⁹", "₀₁₂₃₄₅₆₇₈₉"
# digits too: the index folds "m²" to "m2", so either query must mark either form
_LETTERS.update({str(d): f"{d}{_SUPER[d]}{_SUB[d]}" for d in range(10)})
_PLAIN_DIGITS = str.maketrans(_SUPER + _SUB, "0123456789" * 2)


def _accented(word: str) -> str:
    """A folded word as a pattern matching it with any accents."""
    return "".join(f"[{_LETTERS[c]}]" if c in _LETTERS else re.escape(c) for c in word.translate(_PLAIN_DIGITS))


def matcher(parsed: ParsedQuery, expanded: Iterable[str] = ()) -> re.Pattern[str] | None:
    """One pattern for every term, phrase and prefix of the query (None for an empty query)."""
    singles: set[str] = set(expanded)
    phrases: list[str] = []
    prefixes: set[str] = set()
    for clause in parsed.clauses:
        for alt in clause.alternatives:
            if len(alt) > 1:
                phrases.append(_SEP.join(_accented(t) for t in alt))
            elif clause.prefix:
                prefixes.add(alt[0])
            else:
                singles.add(alt[0])
    parts = phrases + [_accented(s) for s in sorted(singles, key=len, reverse=True)]
    parts += [_accented(p) + r"\w*" for p in sorted(prefixes, key=len, reverse=True)]
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def match_spans(text: str, pattern: re.Pattern[str] | None) -> list[tuple[int, int]]:
    if pattern is None or not text:
        return []
    return [m.span() for m in pattern.finditer(text)]


def snippet_html(text: str, pattern: re.Pattern[str] | None, max_chars: int) -> str:
    """The best window of ``text`` with matches marked, escaped; the text's start if nothing matched."""
    spans = match_spans(text, pattern)
    part, shifted = window(text, spans, max_chars)
    return spans_to_html(part, shifted)


def title_html(title: str, pattern: re.Pattern[str] | None) -> str:
    return spans_to_html(title, match_spans(title, pattern))
