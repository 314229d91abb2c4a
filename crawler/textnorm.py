"""Vietnamese text normalisation shared by the crawler, the indexer and the search page.

Everything we store is NFC. Matching ignores diacritics, case, Unicode form, Đ/đ/Ð and the
two tone-mark placements ("Ủy"/"Uỷ", "hòa"/"hoà"): ``fold`` gives the key for that.
``Đ`` has no Unicode decomposition, so stripping combining marks alone leaves it in place;
it is mapped explicitly, as is the look-alike eth ``Ð`` that turns up by mistake.
"""

from __future__ import annotations

import re
import unicodedata

_D_MAP = str.maketrans({"Đ": "D", "đ": "d", "Ð": "D", "ð": "d"})
_WS_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u200b-\u200f\u2028\u2029]")

# Tone marks (combining) and the vowels that can carry them. Used to pick one tone placement.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_TONE_RE = re.compile(f"[{_TONES}]")
# oa/oe/uy with no final consonant: the old style puts the tone on the first vowel (hòa, thủy),
# the new style on the second (hoà, thuỷ). We canonicalise to the old style, which government
# texts use most ("Ủy ban nhân dân").
_DIPHTHONG_RE = re.compile(
    r"(?<![^\W\d_])([^\W\d_]*?)(?:([oO])([" + _TONES + r"]?)([aAeE])|([uU])([" + _TONES + r"]?)([yY]))"
    r"([" + _TONES + r"]?)(?![^\W\d_])"
)


def nfc(text: str) -> str:
    """NFC-normalise; the one form we store, so equal text compares equal byte for byte."""
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> str:
    """NFC, no control or zero-width characters, runs of spaces collapsed, lines trimmed."""
    text = _CONTROL_RE.sub("", nfc(text).replace("\r\n", "\n").replace("\r", "\n"))
    lines = (_WS_RE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines).strip()


def _move_tone(match: re.Match[str]) -> str:
    head = match.group(1)
    if head.lower().endswith("q"):  # "quà", "quý": u is a glide, the tone stays where it is
        return match.group(0)
    first = match.group(2) or match.group(5)
    tone = match.group(3) or match.group(6) or match.group(8)
    second = match.group(4) or match.group(7)
    return f"{head}{first}{tone}{second}"


def canonical_tones(text: str) -> str:
    """Move tone marks of open oa/oe/uy syllables to one placement ("Uỷ" becomes "Ủy").

    Works on NFD internally, returns NFC. Syllables with a final consonant ("hoàng",
    "thuyết") have a single accepted placement and are left alone.
    """
    decomposed = unicodedata.normalize("NFD", text)
    return nfc(_DIPHTHONG_RE.sub(_move_tone, decomposed))


def strip_marks(text: str) -> str:
    """Remove every diacritic (tone and vowel marks) and map Đ/đ/Ð to D/d; case is kept."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_D_MAP)


def fold(text: str) -> str:
    """Matching key: no diacritics, lower case, single spaces. "Hội Đồng" and "hoi dong" fold equal."""
    return _WS_RE.sub(" ", strip_marks(text).lower()).strip()


def slug(text: str) -> str:
    """ASCII slug of folded text ("TP Hải Phòng" gives "tp-hai-phong"); for ids and filter values."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def has_marks(text: str) -> bool:
    """True when the text carries any Vietnamese diacritic (so the user typed accents)."""
    return strip_marks(text) != text


def tone_free(text: str) -> str:
    """Remove only the five tone marks, keeping vowel shapes (ô, ơ, ư, ă, â, ê) and Đ."""
    return nfc(_TONE_RE.sub("", unicodedata.normalize("NFD", text)))
