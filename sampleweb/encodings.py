"""The three ways Vietnamese text reaches a crawler besides clean NFC UTF-8.

windows-1258 is the awkward one: it has the vowel-shape letters (â ê ô ơ ư ă đ) and a few Latin-1
precomposed letters, but the five tones only as combining marks. Python's cp1258 codec refuses
"ộ" because it does not decompose; Windows does, so a real cp1258 page holds "ô" + U+0323. We
encode the same way, and anything the code page lacks becomes a numeric character reference, as a
browser or an old CMS would write it.
"""

from __future__ import annotations

import html.entities
import unicodedata

_SHAPES = {"\u0302", "\u0306", "\u031b"}   # circumflex, breve, horn: part of the letter in cp1258


def _cp1258_char(ch: str) -> bytes:
    try:
        return ch.encode("cp1258")
    except UnicodeEncodeError:
        pass
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0] + "".join(m for m in decomposed[1:] if m in _SHAPES)
    tones = "".join(m for m in decomposed[1:] if m not in _SHAPES)
    letter = unicodedata.normalize("NFC", base)
    try:
        return letter.encode("cp1258") + tones.encode("cp1258")
    except UnicodeEncodeError:
        return f"&#{ord(ch)};".encode("ascii")


def to_cp1258(text: str) -> bytes:
    """Encode NFC text as Windows would for code page 1258 (decoding + NFC gives it back)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out += ch.encode("ascii")
        else:
            out += _cp1258_char(ch)
    return bytes(out)


def to_nfd(text: str) -> str:
    """Decomposed text, as pasted from macOS or some word processors."""
    return unicodedata.normalize("NFD", text)


def char_refs(text: str, hexadecimal: bool = False) -> str:
    """Every non-ASCII letter as a reference, FCKeditor style.

    Latin-1 letters get their names (``&ocirc;``), the rest numbers (``&#7897;`` or ``&#x1EC7;``).
    Call it on HTML-escaped text: it leaves ``&`` and markup alone.
    """
    out = []
    for ch in text:
        code = ord(ch)
        if code < 128:
            out.append(ch)
        elif code < 256 and code in html.entities.codepoint2name:
            out.append(f"&{html.entities.codepoint2name[code]};")
        else:
            out.append(f"&#x{code:X};" if hexadecimal else f"&#{code};")
    return "".join(out)
