"""Words as both engines see them: NFC, one tone placement, split on anything not a letter or digit.

The embedded engine's analyzer (simple tokenizer + lowercase + ascii_fold) splits the same way, so
what the query side computes here lines up with the index's tokens. "146/NQ-HĐND" is three tokens,
searched as a phrase.
"""

from __future__ import annotations

import re

from crawler.lang.textnorm import canonical_tones, drop_invisible, fold, nfc

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """The form stored in the index and used for queries: NFC with one tone-mark placement and no
    invisible characters (a soft hyphen inside a word would split it into two tokens)."""
    return canonical_tones(drop_invisible(nfc(text)))


def exact_tokens(text: str) -> list[str]:
    """Lower-case tokens with their diacritics (tone placement canonicalised)."""
    return [t.lower() for t in _TOKEN_RE.findall(normalise(text))]


def fold_tokens(text: str) -> list[str]:
    """Tokens without diacritics: what matching compares."""
    return [fold(t) for t in _TOKEN_RE.findall(normalise(text))]
