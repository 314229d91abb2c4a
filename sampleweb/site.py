"""The part of a portal that does not depend on its CMS: which articles it shows, in what order,
under which numbers, and the article-level traps (503 once, slow, odd encodings).

A CMS family subclasses ``PortalSite`` and supplies URL shapes, page markup and routing. Keeping the
traps here means every family serves them the same way and ``gold()`` can describe them.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import threading
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from crawler.lang.textnorm import fold, slug, strip_marks
from sampleweb.body import BodyStyle, render_body
from sampleweb.common import esc, robots, static_response
from sampleweb.corpus import Article, articles_for
from sampleweb.encodings import char_refs, to_cp1258, to_nfd
from sampleweb.gold import GoldPage, gold_page
from sampleweb.sites import Category, SiteSpec, category_for
from sampleweb.wire import Request, Response, conditional, html


@dataclass(frozen=True)
class SiteOptions:
    today: dt.date
    slow_seconds: float = 1.5
    hang_seconds: float = 20.0
    hold_back: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Entry:
    """An article as one site files it: its number and slug in URLs, its category, its traps."""

    article: Article
    num: int
    slug: str
    category: Category
    traps: frozenset[str] = field(default_factory=frozenset)

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def published(self) -> dt.date:
        return self.article.published


def case_slug(text: str) -> str:
    """SharePoint-style slug that keeps capitals: "Cac-Ban-HDND-tinh"."""
    return re.sub(r"[^A-Za-z0-9]+", "-", strip_marks(text)).strip("-")


class PortalSite:
    cms: ClassVar[str | None] = ""   # the crawler's family name; None for a site of no known CMS
    server_name: ClassVar[str] = "Microsoft-IIS/8.5"
    id_range: ClassVar[tuple[int, int]] = (1000, 9999)
    article_traps: ClassVar[tuple[str, ...]] = ()   # per-article traps this family hosts
    page_notes: ClassVar[dict[str, object]] = {}    # notes true of every article page of the family
    conditional_get: ClassVar[bool] = False
    gzip_text: ClassVar[bool] = False               # compress text when the client accepts gzip
    body_style: ClassVar[BodyStyle] = BodyStyle()

    def __init__(self, spec: SiteSpec, articles: Sequence[Article], options: SiteOptions) -> None:
        self.spec = spec
        self.options = options
        self.base_url = ""
        mine = articles_for(spec.id, articles)
        self._entries = self._number(mine)
        self.by_id = {e.id: e for e in self._entries}
        self.by_num = {e.num: e for e in self._entries}
        self._held = {i for i in options.hold_back if i in self.by_id}
        self._fresh: list[str] = []
        self._lock = threading.Lock()
        self._version = 0
        self._cache: tuple[int, list[Entry]] = (-1, [])
        self._answered: set[str] = set()
        self._assign_traps()

    # --- identity -------------------------------------------------------------------------

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def province(self) -> str:
        return self.spec.province

    @property
    def level(self) -> str:
        return self.spec.level

    @property
    def today(self) -> dt.date:
        return self.options.today

    def abs(self, path: str) -> str:
        return self.base_url + path

    # --- articles -------------------------------------------------------------------------

    def make_slug(self, article: Article) -> str:
        return slug(article.title)

    def _number(self, articles: list[Article]) -> list[Entry]:
        low, high = self.id_range
        used: set[int] = set()
        slugs: set[str] = set()
        entries = []
        for art in sorted(articles, key=lambda a: a.id):
            num = low + zlib.crc32(f"{self.spec.id}/{art.id}".encode()) % (high - low)
            while num in used:
                num += 1
            used.add(num)
            base = self.make_slug(art) or "bai-viet"
            name, n = base, 2
            while name in slugs:
                name, n = f"{base}-{n}", n + 1
            slugs.add(name)
            entries.append(Entry(art, num, name, category_for(self.spec, art.title, art.lead)))
        return entries

    def _assign_traps(self) -> None:
        candidates = [e for e in sorted(self._entries, key=lambda e: zlib.crc32(e.id.encode()))
                      if e.id not in self._held]
        for trap, entry in zip(self.article_traps, candidates, strict=False):
            new = Entry(entry.article, entry.num, entry.slug, entry.category, frozenset({trap}))
            self.by_id[entry.id] = new
            self.by_num[entry.num] = new
        self._entries = [self.by_id[e.id] for e in self._entries]

    def every(self, k: int, r: int = 0) -> frozenset[str]:
        """Ids of every k-th article (by id): for URL variants that must exist whatever the corpus size."""
        return frozenset(e.id for i, e in enumerate(self._entries) if i % k == r)

    def visible(self) -> list[Entry]:
        """Published entries, newest first; articles released by ``publish`` go on top."""
        version, cached = self._cache
        if version == self._version:
            return cached
        with self._lock:
            fresh = [self.by_id[i] for i in reversed(self._fresh)]
            rest = [e for e in self._entries if e.id not in self._held and e.id not in self._fresh]
            rest.sort(key=lambda e: (e.article.published_at, e.num), reverse=True)
            result = fresh + rest
            self._cache = (self._version, result)
        return result

    def is_visible(self, entry: Entry) -> bool:
        return entry.id not in self._held

    def publish(self, article_id: str) -> bool:
        with self._lock:
            if article_id not in self._held:
                return False
            self._held.discard(article_id)
            self._fresh.append(article_id)
            self._version += 1
        return True

    def in_category(self, cat: Category | None) -> list[Entry]:
        items = self.visible()
        return items if cat is None else [e for e in items if e.category.key == cat.key]

    def category(self, slug_: str) -> Category | None:
        return next((c for c in self.spec.categories if c.slug.lower() == slug_.lower()), None)

    @property
    def per_page(self) -> int:
        return 10 if len(self.visible()) > 20 else 5

    def page_of(self, items: list[Entry], page: int, per_page: int | None = None) -> tuple[list[Entry], int]:
        size = per_page or self.per_page
        pages = max(1, -(-len(items) // size))
        return items[(page - 1) * size: page * size], pages

    def related(self, entry: Entry, n: int = 5) -> list[Entry]:
        same = [e for e in self.in_category(entry.category) if e.id != entry.id]
        items = self.visible()
        if entry in items:
            pos = items.index(entry)
            older = [e for e in same if items.index(e) > pos]
            same = older + [e for e in same if e not in older]
        return same[:n]

    def search(self, query: str) -> list[Entry]:
        words = fold(query).split()
        return [e for e in self.visible()
                if words and all(w in fold(e.title + " " + e.article.lead) for w in words)]

    def on_day(self, day: dt.date) -> list[Entry]:
        return [e for e in self.visible() if e.article.published_at.date() == day]

    # --- serving --------------------------------------------------------------------------

    def handle(self, req: Request) -> Response:
        if req.path == "/robots.txt":
            return self.robots()
        asset = static_response(req.path)
        if asset is not None:
            return asset
        resp = self.route(req)
        resp = self.finish(req, resp if resp is not None else self.not_found(req))
        if (self.conditional_get and req.method in ("GET", "HEAD") and resp.status == 200
                and resp.header("ETag") is None):
            # homepage, listings and feeds too: their version changes when an article is published
            newest = max((e.article.published_at for e in self.visible()), default=dt.datetime(2000, 1, 1))
            resp = conditional(req, resp, newest)
        return self.compress(req, resp) if self.gzip_text else resp

    def finish(self, req: Request, resp: Response) -> Response:
        """A family's last touch on a response before it is compressed (default: none)."""
        return resp

    def compress(self, req: Request, resp: Response) -> Response:
        """Gzip text the way Apache's mod_deflate and nginx do, when the client asks for it."""
        kind = resp.header("Content-Type") or ""
        if ("gzip" not in (req.header("accept-encoding") or "") or len(resp.body) < 1024
                or not kind.startswith(("text/", "application/rss", "application/xml"))):
            return resp
        resp.body = gzip.compress(resp.body, compresslevel=5, mtime=0)
        resp.headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        return resp

    def route(self, req: Request) -> Response | None:
        raise NotImplementedError

    def robots(self) -> Response:
        return robots(["/admin/"])

    def not_found(self, req: Request) -> Response:
        return html("<!DOCTYPE html><html><head><title>404 - Không tìm thấy trang</title></head><body>"
                    "<h1>404 - Không tìm thấy trang</h1><p>Trang bạn yêu cầu không tồn tại hoặc đã bị xóa."
                    "</p><p><a href=\"/\">Về trang chủ</a></p></body></html>", status=404)

    def server_error(self) -> Response:
        return html("<html><head><title>Runtime Error</title></head><body><h1>Server Error in '/' "
                    "Application.</h1><h2><i>Object reference not set to an instance of an object.</i>"
                    "</h2><b>Exception Details:</b> System.NullReferenceException</body></html>", status=500)

    def body_html(self, entry: Entry, image_src: Callable[[int], str]) -> str:
        return render_body(entry.article, self.body_style, image_src, malformed="malformed" in entry.traps)

    def render_article(self, entry: Entry, req: Request) -> str:
        raise NotImplementedError

    def article_path(self, entry: Entry) -> str:
        raise NotImplementedError

    def listing_path(self, cat: Category | None, page: int = 1) -> str:
        """The news list of ``cat`` (None: all news) at ``page``, as the site links it."""
        raise NotImplementedError

    def article_aliases(self, entry: Entry) -> tuple[str, ...]:
        """Other paths the site links to that show the same article."""
        return ()

    def article_response(self, req: Request, entry: Entry | None) -> Response | None:
        """Serve an article page with its traps; None (404) for unknown or held-back articles."""
        if entry is None or not self.is_visible(entry):
            return None
        if "transient_503" in entry.traps:
            with self._lock:
                first = entry.id not in self._answered
                self._answered.add(entry.id)
            if first:
                return html("<html><head><title>Service Unavailable</title></head><body><h2>Service "
                            "Unavailable</h2><hr><p>HTTP Error 503. The service is unavailable.</p>"
                            "</body></html>", status=503, headers=[("Retry-After", "1")])
        page = self.render_article(entry, req)
        resp = self.encode(page, entry)
        if "slow" in entry.traps:
            resp.delay = self.options.slow_seconds
        if self.conditional_get and req.method in ("GET", "HEAD"):
            resp = conditional(req, resp, entry.article.published_at)
        return resp

    def encode(self, page: str, entry: Entry) -> Response:
        if "cp1258" in entry.traps:
            page = page.replace("charset=utf-8", "charset=windows-1258")
            return html("", charset="windows-1258", body=to_cp1258(page))
        if "nfd" in entry.traps:
            return html(to_nfd(page))
        if "charrefs" in entry.traps:
            lines = page.split("\n")
            return html("\n".join(char_refs(line, hexadecimal=n % 2 == 1) for n, line in enumerate(lines)))
        return html(page)

    # --- gold -----------------------------------------------------------------------------

    _TRAP_NOTES: ClassVar[dict[str, dict[str, object]]] = {
        "cp1258": {"encoding": "cp1258"},
        "nfd": {"form": "NFD"},
        "charrefs": {"charrefs": True},
        "slow": {"slow": True},
        "transient_503": {"transient_503": True},
        "malformed": {"malformed": True},
    }

    def gold(self) -> dict[str, GoldPage]:
        if not self.base_url:
            raise RuntimeError("gold() needs the site's address: start the sample web first")
        out: dict[str, GoldPage] = {}
        for entry in self.visible():
            notes: dict[str, object] = {"cms": self.cms, "original": entry.article.original_site == self.id,
                                        **self.page_notes}
            for trap in sorted(entry.traps):
                notes.update(self._TRAP_NOTES.get(trap, {trap: True}))
            notes.update(self.entry_notes(entry))
            if self.conditional_get:
                notes["conditional"] = True
            url = self.abs(self.article_path(entry))
            aliases = tuple(self.abs(p) for p in self.article_aliases(entry))
            out[url] = gold_page(url, self.id, entry.article, notes, aliases)
        return out

    def entry_notes(self, entry: Entry) -> dict[str, object]:
        """Notes true of one article page of this site (its template, say), for gold()."""
        return {}

    # --- small shared renderers -----------------------------------------------------------

    def calendar_links(self, day: dt.date, href: Callable[[dt.date], str], fmt: Callable[[dt.date], str]) -> str:
        """Links to the previous and next day: a calendar that never ends."""
        parts = []
        for delta, label in ((-1, "« Ngày trước"), (1, "Ngày sau »")):
            try:
                other = day + dt.timedelta(days=delta)
            except OverflowError:
                continue
            parts.append(f'<a href="{esc(href(other))}" title="{esc(fmt(other))}">{label}</a>')
        return '<div class="calendar-nav">' + " | ".join(parts) + "</div>"
