"""Requests and responses as plain values, so the sites are testable without sockets.

A site is a function from ``Request`` to ``Response``; the server (server.py) only moves bytes.
``Response.delay`` lets a site be slow or hang without knowing about threads.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape as html_escape
from urllib.parse import parse_qs

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Request:
    method: str
    path: str                 # the path as sent, without the query
    query: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)   # keys in lower case
    body: bytes = b""

    def param(self, name: str, default: str | None = None) -> str | None:
        values = parse_qs(self.query, keep_blank_values=True).get(name)
        return values[0] if values else default

    def form(self) -> dict[str, str]:
        """The url-encoded body of a POST (what a WebForms post-back sends)."""
        parsed = parse_qs(self.body.decode("latin-1"), keep_blank_values=True)
        return {k: v[0] for k, v in parsed.items()}

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def cookie(self, name: str) -> str | None:
        raw = self.header("cookie") or ""
        for part in raw.split(";"):
            key, _, value = part.strip().partition("=")
            if key == name:
                return value
        return None

    @property
    def target(self) -> str:
        return self.path + ("?" + self.query if self.query else "")


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    delay: float = 0.0        # seconds the server waits before answering

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


def html(text: str, status: int = 200, headers: Iterable[tuple[str, str]] = (),
         charset: str = "utf-8", body: bytes | None = None) -> Response:
    data = body if body is not None else text.encode(charset)
    return Response(status, data, [("Content-Type", f"text/html; charset={charset}"), *headers])


def content(data: bytes | str, content_type: str, status: int = 200,
            headers: Iterable[tuple[str, str]] = ()) -> Response:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return Response(status, data, [("Content-Type", content_type), *headers])


def redirect(location: str, status: int = 301) -> Response:
    body = ('<html><head><title>Object moved</title></head><body><h2>Object moved to '
            f'<a href="{html_escape(location)}">here</a>.</h2></body></html>')
    return Response(status, body.encode(), [("Location", location), ("Content-Type", HTML)])


def http_date(when: dt.datetime) -> str:
    """RFC 7231 date of a naive Vietnam local time (UTC+7)."""
    aware = when.replace(tzinfo=dt.timezone(dt.timedelta(hours=7)))
    return email.utils.format_datetime(aware.astimezone(dt.UTC), usegmt=True)


def conditional(req: Request, resp: Response, modified: dt.datetime) -> Response:
    """Add ETag and Last-Modified, and answer 304 when the client already has this version.

    As real servers do, If-None-Match wins over If-Modified-Since when both are sent.
    """
    etag = '"' + hashlib.md5(resp.body).hexdigest()[:16] + '"'
    last = http_date(modified)
    resp.headers += [("ETag", etag), ("Last-Modified", last)]
    inm = req.header("if-none-match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        fresh = etag in tags or "*" in tags
    else:
        ims = req.header("if-modified-since")
        fresh = False
        if ims:
            try:
                since = email.utils.parsedate_to_datetime(ims)
                fresh = since >= email.utils.parsedate_to_datetime(last)
            except (TypeError, ValueError):
                fresh = False
    if fresh:
        keep = [(k, v) for k, v in resp.headers if k.lower() in ("etag", "last-modified", "cache-control")]
        return Response(304, b"", keep, resp.delay)
    return resp
