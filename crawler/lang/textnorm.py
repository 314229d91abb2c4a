"""Vietnamese text normalisation shared by the crawler, the indexer and the search page.

Everything we store is NFC. Matching ignores diacritics, case, Unicode form, Đ/đ/Ð and the
two tone-mark placements ("Ủy"/"Uỷ", "hòa"/"hoà"): ``fold`` gives the key for that.
``Đ`` has no Unicode decomposition, so stripping combining marks alone leaves it in place;
it is mapped explicitly, as is the look-alike eth ``Ð`` that turns up by mistake.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_D_MAP = str.maketrans({"Đ": "D", "đ": "d", "Ð": "D", "ð": "d"})
_WS_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Characters that print nothing but split a word for every program that compares text: the soft
# hyphen (U+00AD, editors paste it from Word), zero-width space, joiners and marks, word joiner and
# the invisible operators, BOM (U+FEFF), Mongolian vowel separator. "Hội\u00add\u00adồng" must quote,
# search and match as "Hội đồng", so they are removed everywhere text is normalised (stored text,
# queries and the index alike), never turned into spaces.
INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
_INVISIBLE_MAP = dict.fromkeys(map(ord, INVISIBLE))
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")

# Tone marks (combining), and the two placements of a tone on open oa/oe/uy syllables: the old
# style puts it on the first vowel (hòa, thủy), the new style on the second (hoà, thuỷ). We keep
# the old style, which government texts use most ("Ủy ban nhân dân"). Built as a table of NFC
# letter pairs so the rewrite is one regex pass over NFC text, with no decomposition.
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _pair_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            for f, sec in ((first, second), (first.upper(), second.upper()), (first.upper(), second)):
                new = f + unicodedata.normalize("NFC", sec + tone)
                old = unicodedata.normalize("NFC", f + tone) + sec
                table[new] = old
    return table


_NEW_STYLE = _pair_table()
# a pair closing a word (open syllable), not after q ("quà", "quý" keep their tone where it is);
# matched as a character class, then looked up, which is much faster than an alternation
_NEW_STYLE_RE = re.compile(
    "(?<![qQ])([oOuU][" + "".join(sorted({k[1] for k in _NEW_STYLE})) + "])(?![^\\W\\d_])"
)


def nfc(text: str) -> str:
    """NFC-normalise; the one form we store, so equal text compares equal byte for byte."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def drop_invisible(text: str) -> str:
    """The text without the characters of ``INVISIBLE`` (soft hyphens, zero-width spaces, BOMs).
    A regular expression, not ``str.translate``: it scans in C and copies nothing when, as in most
    text, there is nothing to remove."""
    return _INVISIBLE_RE.sub("", text)


def clean_text(text: str) -> str:
    """NFC, no control or invisible characters, runs of spaces collapsed, lines trimmed."""
    text = _CONTROL_RE.sub("", drop_invisible(nfc(text)).replace("\r\n", "\n").replace("\r", "\n"))
    lines = (_WS_RE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines).strip()


def canonical_tones(text: str) -> str:
    """Move tone marks of open oa/oe/uy syllables to one placement ("Uỷ" becomes "Ủy").

    Syllables with a final consonant ("hoàng", "thuyết") have a single accepted placement and are
    left alone. Returns NFC.
    """
    return _NEW_STYLE_RE.sub(lambda m: _NEW_STYLE.get(m.group(1), m.group(1)), nfc(text))


def strip_marks(text: str) -> str:
    """Remove every diacritic (tone and vowel marks) and map Đ/đ/Ð to D/d; case is kept.

    One ``str.translate`` with a table of Latin, Greek and Cyrillic letters to their base letter
    (combining marks dropped, so NFC and NFD alike), not a decomposition filtered character by
    character: dates are read this way on every text run a page judgment or an extraction meets."""
    if text.isascii():
        return text
    return text.translate(_STRIP_TABLE)


def _base_letters() -> Iterator[tuple[int, str]]:
    """(code point, its letter without marks) for every Latin, Greek and Cyrillic letter with marks;
    combining marks themselves map to ""."""
    for code in range(0x00C0, 0x2000):
        ch = chr(code)
        if unicodedata.combining(ch):
            yield code, ""
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if base != ch:
            yield code, base


_STRIP_TABLE = {**dict(_base_letters()), **_D_MAP}
# folding keeps only what has an ASCII base, lower-cased, and drops invisible characters too
_FOLD_TABLE = {**{code: base.lower() for code, base in _base_letters() if base.isascii()},
               **{ord(ch): "d" for ch in "ĐđÐð"}, **_INVISIBLE_MAP}



def fold(text: str) -> str:
    """Matching key: no diacritics, lower case, single spaces. "Hội Đồng" and "hoi dong" fold equal.

    One ``str.translate`` (accented letter to base letter, combining marks dropped, so NFC and NFD
    alike) instead of decomposing and filtering character by character: extraction and search fold
    every paragraph, and the per-character loop was their largest cost.
    """
    return " ".join(text.translate(_FOLD_TABLE).lower().split())


def slug(text: str) -> str:
    """ASCII slug of folded text ("TP Hải Phòng" gives "tp-hai-phong"); for ids and filter values."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def has_marks(text: str) -> bool:
    """True when the text carries any Vietnamese diacritic (so the user typed accents)."""
    return strip_marks(text) != text


_ASCII_SEPARATORS = "–—“”‘’…•·"
_ASCII_LOWER = bytes((b + 32 if 65 <= b <= 90 else b if b >= 32 or b == 10 else 32) for b in range(256))


def fold_ascii(text: str) -> bytes:
    """The matching key of ``textnorm.fold`` as ASCII bytes, computed in C calls only.

    No marks, lower case, đ/Đ/Ð made d, NFC or NFD alike, "Uỷ" like "Ủy"; ASCII punctuation and line
    breaks are kept, other characters are dropped (the usual separators becoming spaces first).
    ``fold`` walks the text character by character in Python, which costs a long article half a
    millisecond; the classifier and the fingerprint run on every crawled page.
    """
    text = drop_invisible(text)
    for ch in _ASCII_SEPARATORS:
        text = text.replace(ch, " ")
    text = text.replace("đ", "d").replace("Đ", "D").replace("Ð", "D").replace("ð", "d")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").translate(_ASCII_LOWER)
