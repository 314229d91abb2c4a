"""Second-stage ranking of the best candidates: word order and exact accents.

BM25 on folded words finds and orders candidates; this stage, run on a few hundred of them only,
lifts documents where the typed words stand together and in order (in the title most), and, when
the user typed diacritics, documents that carry exactly those diacritics ("hội" above "hỏi",
which folding makes equal). Word order comes from phrase queries restricted to the candidates
(ranking.py); exact accents from the stored text of the best few, as the index keeps only folded
words.
"""

from __future__ import annotations

import re
import unicodedata

from crawler.lang.textnorm import canonical_tones, fold, fold_ascii, has_marks
from indexer.query import ParsedQuery

# Word-order signals, summed. An exact phrase is also a match within three words, so "near_text"
# carries what a near match alone earns and "phrase_text" only what the exact phrase adds on top.
WEIGHTS = {"phrase_title": 0.8, "phrase_text": 0.25, "near_text": 0.25}
W_EXACT = 0.6
EXACT_WINDOW = 30      # best candidates whose stored text is read for exact accents
EXACT_SAMPLE = 2000    # characters of body read: the accents of a text are consistent across it
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_NOT_WORD = bytes(b if chr(b).isalnum() else 32 for b in range(256))

ExactSignal = list[tuple[re.Pattern[str], bytes]]   # (exact forms, folded word)


def _both_placements(word: str) -> str:
    """A regex for a lower-case accented word in either tone placement ("hoà" and "hòa")."""
    forms = {word, canonical_tones(word)}
    nfd = unicodedata.normalize("NFD", word)
    marks = [c for c in nfd if c in _TONES]
    if marks:  # new-style placement: tone on the last vowel of an oa/oe/uy ending
        base = "".join(c for c in nfd if c not in _TONES)
        if base.endswith(("oa", "oe", "uy")):
            forms.add(unicodedata.normalize("NFC", base + marks[0]))
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms)) + ")"


def exact_signal(parsed: ParsedQuery) -> ExactSignal:
    """Patterns for the words typed with diacritics; empty when the query has none."""
    return [(re.compile(r"\b" + _both_placements(w) + r"\b"), fold(w).encode("ascii", "ignore"))
            for w in parsed.exact_words if has_marks(w)]


def exact_ratio(signal: ExactSignal, title: str, text: str) -> float:
    """Share of the folded occurrences of the typed words that carry exactly the typed accents."""
    if not signal:
        return 0.0
    both = f"{title}\n{text[:EXACT_SAMPLE]}"
    words = fold_ascii(both).translate(_NOT_WORD).split()
    lowered = both.lower()
    ratios = []
    for exact, folded in signal:
        total = words.count(folded)
        if total:
            ratios.append(min(1.0, len(exact.findall(lowered)) / total))
    return sum(ratios) / len(ratios) if ratios else 0.0
