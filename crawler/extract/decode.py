"""Bytes to text: the page's declared or sniffed encoding, then NFC.

windows-1258 decodes to base letters plus combining tone marks, and some portals serve NFD UTF-8:
normalising here means everything downstream sees one form.
"""

from __future__ import annotations

import re

from w3lib.encoding import html_body_declared_encoding, html_to_unicode

from crawler.lang.textnorm import nfc


def content_type(headers: dict[str, list[str]] | None) -> str | None:
    """The Content-Type header value, whatever the case of its name."""
    for name, values in (headers or {}).items():
        if name.lower() == "content-type" and values:
            return values[0] if isinstance(values, list) else str(values)
    return None


def decode_html(body: bytes | str, headers: dict[str, list[str]] | None = None, encoding: str | None = None) -> str:
    """Decode a raw page as a browser would (BOM, HTTP header, meta tag, then sniffing); NFC."""
    if isinstance(body, str):
        return nfc(body)
    ctype = content_type(headers)
    if encoding and not ctype and not html_body_declared_encoding(body):
        ctype = f"text/html; charset={encoding}"
    _, text = html_to_unicode(ctype, body)
    return nfc(text)


_BULK_VALUE = re.compile(r"""(<input\b[^>]*?\bvalue=)(?:"[^"]{1024,}"|'[^']{1024,}')""", re.I)


def drop_view_state(html: str) -> str:
    """The page without the values of ASP.NET's hidden state inputs (``__VIEWSTATE`` can be most of
    a 1-2 MB page): base64 noise that every later step would otherwise scan, parse and copy."""
    if "__VIEWSTATE" not in html and "__EVENTVALIDATION" not in html:
        return html
    return _BULK_VALUE.sub(r'\1""', html)
