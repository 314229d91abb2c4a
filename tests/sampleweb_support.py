"""What the sample-web tests share: a web on fixed settings, fetching without redirects, gold lookups."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
import unicodedata
import urllib.error
import urllib.request
from urllib.parse import urljoin

import lxml.html

from sampleweb import SampleWeb, load_corpus
from sampleweb.gold import GoldPage
from sampleweb.site import PortalSite

TODAY = dt.date(2026, 11, 22)
SLOW, HANG = 0.3, 0.6


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


_PLAIN = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
          timeout: float = 10, follow: bool = False) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    opener = urllib.request.build_opener() if follow else _PLAIN
    try:
        with opener.open(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers.items()), err.read()


def text_of(body: bytes, headers: dict[str, str]) -> str:
    charset = headers.get("Content-Type", "").partition("charset=")[2] or "utf-8"
    return body.decode(charset)


def visible_text(page: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", lxml.html.fromstring(page).text_content()))


def nfc_norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def links(page: str, base: str) -> list[str]:
    return [urljoin(base, htmllib.unescape(h)) for h in re.findall(r'href="([^"#][^"]*)"', page)]


def held_candidate() -> str:
    """An article shown on one site only, with a feed and a sitemap: the WordPress site's newest."""
    on_wp = [a for a in load_corpus() if "bk-thanhpho" in a.sites]
    return max(on_wp, key=lambda a: (-len(a.sites), a.published_at, a.id)).id


def site(web: SampleWeb, site_id: str) -> PortalSite:
    return web.site(site_id)


def gold_with(web: SampleWeb, note: str, value: object = True) -> GoldPage:
    pages = [p for p in web.gold().values() if p.notes.get(note) == value]
    assert pages, f"no gold page with {note}={value!r}"
    return pages[0]


