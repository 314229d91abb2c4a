"""The same article on several sites: near-duplicate signatures, their comparison, the original.

Provinces, districts and newspapers republish each other's articles verbatim, under another
template, a retouched title and a date a day or two later. Each copy is kept with its URL; all but
the earliest are marked ``duplicate_of``. Copies are recognised by their text alone, so the
signature must ignore what republishing changes (Unicode form, case, accents written either way,
line breaks, an added credit line or dateline, a few words) and must still tell apart the many
articles that share a topic and a template (the same council's sessions year after year).

Design: MinHash with one-permutation hashing over shingles of four folded words.
- ``fingerprint`` hashes every 4-word shingle once with CRC-32 (C speed; nothing adversarial here),
  splits the hashes by their top 6 bits into 64 buckets and keeps each bucket's minimum, of which
  the low 16 bits are stored (b-bit MinHash): 64 x 4 hex digits. Empty buckets of a short text
  borrow from the next full one (rotation densification), so they still compare.
- The share of equal buckets estimates the Jaccard similarity of the two shingle sets. Republished
  copies score 0.8 to 1; different articles on one topic score under 0.15 (see
  tests/crawler/classify/test_fingerprint.py).
  ``is_copy`` says yes from ``COPY_THRESHOLD`` = 0.6 (38 of 64 buckets).
- Lookup without a scan: the 64 buckets form 16 bands of 4; ``band_keys`` (text) or ``band_ints``
  (SQLite INTEGER) give one key per band. Two texts with Jaccard similarity J share at least one
  band with probability 1 - (1 - J^4)^16: 0.89 at J = 0.6, 0.99 at 0.7, 0.9998 at 0.8, 0.03 at
  J = 0.2. A band key holds 64 (or 58) bits of minima, so unrelated articles practically never
  share one. Indexed equality queries on the band keys give the candidates; ``is_copy`` confirms.
"""

from __future__ import annotations

import bisect
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TypeVar

from crawler.lang.textnorm import fold_ascii

__all__ = [
    "BANDS",
    "COPY_THRESHOLD",
    "Copy",
    "band_ints",
    "band_keys",
    "choose_original",
    "fingerprint",
    "is_copy",
    "similar",
    "similarity",
]

SHINGLE = 4  # words per shingle: long enough that a shared template phrase is rare, short enough
# that one changed word spoils only four shingles
BUCKETS = 64
BANDS = 16  # of BUCKETS // BANDS = 4 buckets each
COPY_THRESHOLD = 0.6
MIN_WORDS = 8  # below this a text (a caption, "Loading...") has no meaningful signature (>= SHINGLE)
_HEX = 4  # hex digits per bucket (16 bits)
_VALUE_BITS = 32 - 6  # CRC-32: top 6 bits pick the bucket, the other 26 order it
T = TypeVar("T")
_LOCAL = timezone(timedelta(hours=7))  # Asia/Ho_Chi_Minh, for dates printed without an offset

# Separators outside ASCII: dropping non-ASCII characters would delete them and glue the words
# around them together. NFKD already turns no-break and other Unicode spaces into plain spaces.
_WORDS_ONLY = bytes((b if chr(b).isalnum() else 32) for b in range(256))


def _words(text: str) -> list[bytes]:
    return fold_ascii(text).translate(_WORDS_ONLY).split()


def _shingle_hashes(words: list[bytes]) -> list[int]:
    """CRC-32 of every run of SHINGLE words (map and zip keep the loop in C)."""
    shingles = zip(*(words[i:] for i in range(SHINGLE)), strict=False)
    return list(map(zlib.crc32, map(b" ".join, shingles)))


def fingerprint(text: str) -> str:
    """Near-duplicate signature of an article's text: 256 hex digits, or "" for a near-empty text.

    Pass the lead and the body, never the title: republishers change titles, not texts.
    """
    words = _words(text)
    if len(words) < MIN_WORDS:
        return ""
    hashes = sorted(_shingle_hashes(words))  # by bucket (top bits), then by value
    minima: list[int | None] = []
    for bucket in range(BUCKETS):
        i = bisect.bisect_left(hashes, bucket << _VALUE_BITS)
        full = i < len(hashes) and hashes[i] >> _VALUE_BITS == bucket
        minima.append(hashes[i] if full else None)
    return "".join(f"{value:04x}" for value in _densify(minima))


def _densify(minima: list[int | None]) -> list[int]:
    """Fill each empty bucket from the next full one, shifted by the distance (same rule for all)."""
    out = []
    for bucket, value in enumerate(minima):
        distance = 0
        while value is None:
            distance += 1
            value = minima[(bucket + distance) % BUCKETS]
        out.append((value + distance * 0x9E37) & 0xFFFF)
    return out


def similarity(fp_a: str, fp_b: str) -> float:
    """Estimated Jaccard similarity of two texts' shingle sets (0 when either has no signature)."""
    if not fp_a or len(fp_a) != len(fp_b):
        return 0.0
    same = sum(1 for i in range(0, len(fp_a), _HEX) if fp_a[i : i + _HEX] == fp_b[i : i + _HEX])
    return same / (len(fp_a) // _HEX)


def is_copy(fp_a: str, fp_b: str) -> bool:
    """Are two signatures those of one article (a republished copy)? See COPY_THRESHOLD."""
    return similarity(fp_a, fp_b) >= COPY_THRESHOLD


def similar(a: str, b: str) -> bool:
    """Are two texts copies of one article?"""
    return is_copy(fingerprint(a), fingerprint(b))


def band_keys(fp: str) -> list[str]:
    """One key per band ("07" + 16 hex digits); a copy shares at least one with its original.

    Stored in an indexed table, they turn the search for copies into equality lookups.
    """
    if not fp:
        return []
    width = len(fp) // BANDS
    return [f"{band:02d}{fp[band * width : (band + 1) * width]}" for band in range(BANDS)]


def band_ints(fp: str) -> list[int]:
    """The band keys as SQLite INTEGERs: band number in the top bits, then 58 bits of its minima.

    Half the size of ``band_keys`` in an index (about 270 MB instead of 430 MB at a million
    articles), and the 6 bits given up still leave a chance of 2^-58 for a false match.
    """
    return [(int(key[:2]) << 58) | (int(key[2:], 16) >> 6) for key in band_keys(fp)]


@dataclass(frozen=True)
class Copy:
    """One copy of an article: where it is, when it says it was published, when we fetched it."""

    url: str
    published: str | None = None  # ISO 8601 date or datetime; without an offset it is local time
    fetched_at: str | None = None  # ISO 8601, UTC when no offset is given


def _instant(value: str | None, default_tz: timezone) -> datetime:
    """A comparable instant; a bare date is its midnight; missing or unreadable sorts last."""
    if not value:
        return datetime.max.replace(tzinfo=UTC)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value[:10]), datetime.min.time())
        except ValueError:
            return datetime.max.replace(tzinfo=UTC)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=default_tz)


def _field(copy: object, name: str) -> str | None:
    return copy.get(name) if isinstance(copy, Mapping) else getattr(copy, name, None)


def choose_original(copies: Iterable[T]) -> T:
    """The copy every other one is a ``duplicate_of``: earliest published, then fetched, then URL.

    Accepts ``Copy`` objects, or any objects or mappings with ``url``, ``published`` and
    ``fetched_at``. A date without a time counts as its midnight (local time).
    """

    def key(copy: T) -> tuple[datetime, datetime, str]:
        return (
            _instant(_field(copy, "published"), _LOCAL),
            _instant(_field(copy, "fetched_at"), UTC),
            _field(copy, "url") or "",
        )

    return min(copies, key=key)
