"""Liferay 6.2 (bn-vphdnd): asset publisher portlets, query-string paging, session ids in URLs.

Three URL traps live here, all real Liferay behaviour: each asset publisher instance gives an
article its own URL (plus a ``redirect=`` back to the list); Tomcat appends ``;jsessionid=`` to
links when the client sends no cookie; and the sort links carry a counter (``r=N+1``) so every
sorted page links to a new variant of itself, without end.
"""

from __future__ import annotations

import hashlib
import re
import threading
import zlib
from collections.abc import Sequence
from urllib.parse import quote, urlencode

from sampleweb import pages
from sampleweb.body import BodyStyle
from sampleweb.common import (
    count,
    counter_html,
    dmy,
    dmy_hm,
    esc,
    footer_html,
    robots,
    share_bar,
    thousands,
    today_line,
    weblinks_html,
)
from sampleweb.corpus import Article
from sampleweb.site import Entry, PortalSite, SiteOptions
from sampleweb.sites import Category, SiteSpec
from sampleweb.wire import Request, Response, html, redirect

HOME = "/web/guest/trang-chu"
MAIN = "tin-tuc"
SIMPLE = {"gioi-thieu": "Giới thiệu", "lien-he": "Liên hệ", "van-ban": "Văn bản", "thu-vien-anh": "Thư viện ảnh"}
_ARTICLE_RE = re.compile(r"^(?:/web/guest/[^/]+)?/-/asset_publisher/[A-Za-z0-9]+/content/([^/]+)$")
_W_RE = re.compile(r"^/vi/w/([^/]+)$")
_JSESSION_RE = re.compile(r";jsessionid=[^/?#]*", re.IGNORECASE)
_T = "&amp;minifierType=js&amp;b=6205&amp;t=1589274561000"
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def instance_id(key: str) -> str:
    """A portlet instance id like ``Xk3sLm9aBcDe``, stable for a listing."""
    n = zlib.crc32(key.encode()) * 2654435761
    out = []
    for _ in range(12):
        n, r = divmod(n, len(_ALPHABET))
        out.append(_ALPHABET[r])
    return "".join(out)


class LiferaySite(PortalSite):
    cms = "liferay"
    server_name = "Apache-Coyote/1.1"
    id_range = (20000, 99999)
    article_traps = ("slow",)
    body_style = BodyStyle(lead_in_body=True, caption="figure", signoff="right_strong", para="plain")

    def __init__(self, spec: SiteSpec, articles: Sequence[Article], options: SiteOptions) -> None:
        super().__init__(spec, articles, options)
        self._w_ids = self.every(3, 1)
        self._sessions = 0
        self._session_lock = threading.Lock()

    # --- URLs -----------------------------------------------------------------------------

    def uses_w(self, entry: Entry) -> bool:
        """Newer articles were published through the Liferay 7 web-content page: ``/vi/w/<slug>``."""
        return entry.id in self._w_ids

    def article_path(self, entry: Entry) -> str:
        if self.uses_w(entry):
            return f"/vi/w/{entry.slug}"
        return f"/web/guest/{MAIN}/-/asset_publisher/{instance_id(MAIN)}/content/{entry.slug}"

    def link_from(self, entry: Entry, cat: Category | None) -> str:
        """The URL a list shows: a category list's own portlet instance, with its redirect."""
        if cat is None or self.uses_w(entry):
            return self.article_path(entry)
        back = self.abs(self.listing_path(cat))
        return (f"/web/guest/{cat.slug}/-/asset_publisher/{instance_id(cat.slug)}/content/{entry.slug}"
                f"?inheritRedirect=false&redirect={quote(back, safe='')}")

    def article_aliases(self, entry: Entry) -> tuple[str, ...]:
        return (self.link_from(entry, entry.category),) if not self.uses_w(entry) else ()

    def listing_path(self, cat: Category | None, page: int = 1, order: str = "", r: int = 0) -> str:
        slug = cat.slug if cat else MAIN
        path = f"/web/guest/{slug}"
        if page == 1 and not order:
            return path
        ns = f"_101_INSTANCE_{instance_id(slug)}_"
        params = {"p_p_id": f"101_INSTANCE_{instance_id(slug)}", "p_p_lifecycle": "0", "p_p_state": "normal",
                  "p_p_mode": "view", "p_p_col_id": "column-2", "p_p_col_count": "1",
                  f"{ns}cur": str(page), f"{ns}delta": str(self.per_page)}
        if order:
            params[f"{ns}orderByCol"] = order
            params[f"{ns}orderByType"] = "asc" if order == "title" else "desc"
            params["r"] = str(r)
        return f"{path}?{urlencode(params)}"

    def image_path(self, entry: Entry, n: int) -> str:
        return f"/documents/10180/{entry.num}/anh-{n + 1}.jpg"

    # --- routing --------------------------------------------------------------------------

    def robots(self) -> Response:
        return robots(["/c/", "/group/", "/api/"])

    def handle(self, req: Request) -> Response:
        """Tomcat drops the ``;jsessionid=`` path parameter before the portal sees the URL."""
        if ";" in req.path:
            req = Request(req.method, _JSESSION_RE.sub("", req.path), req.query, req.headers, req.body)
        resp = super().handle(req)
        if resp.status == 200 and "html" in (resp.header("Content-Type") or "") and req.cookie("JSESSIONID") is None:
            session = self._new_session()
            resp.headers.append(("Set-Cookie", f"JSESSIONID={session}; Path=/; HttpOnly"))
            resp.body = re.sub(rb'(href="[^"?#]*/-/asset_publisher/[^"?#]*)', rb"\1;jsessionid=" + session.encode(),
                               resp.body)
        return resp

    def _new_session(self) -> str:
        with self._session_lock:
            self._sessions += 1
            n = self._sessions
        return hashlib.md5(f"{self.id}:{n}".encode()).hexdigest().upper()

    def route(self, req: Request) -> Response | None:
        path = req.path.rstrip("/") or "/"
        if path in ("/", "/web/guest"):
            return redirect(HOME, 302)
        if path == HOME:
            return html(self.layout("Trang chủ", self.home_html()))
        if path.startswith("/c/"):
            return html(self.layout("Đăng nhập", pages.login_html()))
        m = _ARTICLE_RE.match(path) or _W_RE.match(path)
        if m:
            entry = next((e for e in self.visible() if e.slug == m.group(1)), None)
            return self.article_response(req, entry)
        if not path.startswith("/web/guest/"):
            return None
        slug = path.split("/")[3]
        if slug in SIMPLE:
            return html(self.layout(SIMPLE[slug], self.simple_html(slug)))
        if slug == "tim-kiem":
            k = req.param("_3_keywords") or ""
            hits = "".join(self.item_html(e, None) for e in self.search(k)) if k else ""
            return html(self.layout("Tìm kiếm", f"<h1>Tìm kiếm: {esc(k)}</h1>{hits or '<p>Không có kết quả.</p>'}"))
        cat = None if slug == MAIN else self.category(slug)
        if cat is None and slug != MAIN:
            return None
        ns = f"_101_INSTANCE_{instance_id(slug)}_"
        page = max(1, _int(req.param(ns + "cur"), 1))
        order = req.param(ns + "orderByCol") or ""
        r = _int(req.param("r"), 0)
        return html(self.layout(cat.name if cat else "Tin tức", self.listing_html(cat, page, order, r)))

    def simple_html(self, slug: str) -> str:
        if slug == "gioi-thieu":
            return pages.about_html(self.spec)
        if slug == "lien-he":
            return pages.contact_html(self.spec)
        if slug == "van-ban":
            return pages.documents_html("/documents/10180/0/{file}")
        return pages.gallery_html("/documents/10180/album/{n}.jpg", dmy(self.today))

    # --- pages ----------------------------------------------------------------------------

    def layout(self, title: str, main: str) -> str:
        menu = [("Trang chủ", HOME), ("Giới thiệu", "/web/guest/gioi-thieu"), ("Tin tức", self.listing_path(None))]
        menu += [(c.name, self.listing_path(c)) for c in self.spec.categories]
        menu += [("Văn bản", "/web/guest/van-ban"), ("Thư viện ảnh", "/web/guest/thu-vien-anh"),
                 ("Liên hệ", "/web/guest/lien-he")]
        nav = "".join(f'<li><a href="{esc(h)}"><span>{esc(t)}</span></a></li>' for t, h in menu)
        latest = "".join(f'<li><a href="{esc(self.article_path(e))}">{esc(e.title)}</a></li>'
                         for e in self.visible()[:5])
        return f"""<!DOCTYPE html>
<html class="aui ltr" dir="ltr" lang="vi-VN">
<head>
<title>{esc(title)} - {esc(self.name)}</title>
<meta content="initial-scale=1.0, width=device-width" name="viewport" />
<meta content="text/html; charset=utf-8" http-equiv="content-type" />
<link href="/html/themes/hdnd-theme/images/favicon.ico" rel="Shortcut Icon" />
<link href="/html/css/main.css?browserId=other&amp;themeId=hdndtheme_WAR_hdndtheme&amp;languageId=vi_VN{_T}"
 rel="stylesheet" type="text/css" />
<script src="/html/js/barebone.jsp?browserId=other&amp;themeId=hdndtheme_WAR_hdndtheme&amp;colorSchemeId=01{_T}"
 type="text/javascript"></script>
</head>
<body class="yui3-skin-sam controls-visible guest-site signed-out public-page site">
<a href="#main-content" id="skip-to-content">Truy cập nội dung luôn</a>
<div class="container-fluid" id="wrapper">
<header id="banner" role="banner"><div id="heading"><h1 class="site-title">
<a class="logo custom-logo" href="{HOME}" title="Đi đến {esc(self.name)}">
<img alt="{esc(self.name)}" height="90" src="/image/company_logo?img_id=10197&amp;t=1589274561" width="980" /></a>
<span class="site-name" title="Đi đến {esc(self.name)}">{esc(self.name)}</span></h1></div>
<div class="today">{esc(today_line(self.today))}</div>
<div class="user-links"><a href="/c/portal/login?p_l_id=10180" rel="nofollow">Đăng nhập</a></div>
<form action="/web/guest/tim-kiem" method="get" class="search-form"><input type="hidden" name="p_p_id" value="3" />
<input name="_3_keywords" type="text" placeholder="Tìm kiếm..." /><input type="submit" value="Tìm" /></form>
<nav class="sort-pages modify-pages" id="navigation" role="navigation"><h1><span>Điều hướng</span></h1>
<ul aria-label="Trang Web" role="menubar">{nav}</ul></nav>
</header>
<div id="content">
<div class="portlet-layout row-fluid"><div class="portlet-column span8" id="column-2">
<div class="portlet-boundary portlet-boundary_101_ portlet-static portlet-asset-publisher" id="main-content">
<section class="portlet"><div class="portlet-content"><div class="portlet-body">
{main}
</div></div></section></div></div>
<div class="portlet-column span4" id="column-3">
<div class="portlet-boundary"><section class="portlet"><header class="portlet-topper"><h1 class="portlet-title">
<span class="portlet-title-text">Tin mới</span></h1></header>
<div class="portlet-body"><ul class="tin-moi">{latest}</ul></div></section></div>
{weblinks_html()}
{counter_html(self.id, self.today)}
</div></div>
</div>
<footer id="footer" role="contentinfo">{footer_html(self.spec, "footer-content")}
<p class="powered-by">Được phát triển trên nền tảng
<a href="http://www.liferay.com" rel="external">Liferay</a></p></footer>
</div>
</body>
</html>"""

    def item_html(self, e: Entry, cat: Category | None, with_lead: bool = True) -> str:
        href = esc(self.link_from(e, cat))
        lead = f'<div class="asset-summary">{esc(e.article.lead)}</div>' if with_lead and e.article.lead else ""
        return f"""<div class="asset-abstract"><div class="asset-small-image"><a href="{href}">
<img alt="" class="asset-small-image" src="{esc(self.image_path(e, 0))}" width="150" /></a></div>
<h3 class="asset-title"><a href="{href}">{esc(e.title)}</a></h3>
<span class="metadata-entry metadata-publish-date">{dmy(e.published)}</span>{lead}</div>"""

    def home_html(self) -> str:
        parts = ['<div class="asset-publisher"><h2 class="title-block">Tin nổi bật</h2>']
        parts += [self.item_html(e, None, i < 2) for i, e in enumerate(self.visible()[:6])]
        parts.append(f'<a class="xem-them" href="{esc(self.listing_path(None))}">Xem thêm »</a></div>')
        for cat in self.spec.categories:
            items = self.in_category(cat)[:3]
            if items:
                parts.append(f'<div class="asset-publisher"><h2 class="title-block">'
                             f'<a href="{esc(self.listing_path(cat))}">'
                             f'{esc(cat.name)}</a></h2>{"".join(self.item_html(e, cat, False) for e in items)}</div>')
        return "\n".join(parts)

    def listing_html(self, cat: Category | None, page: int, order: str, r: int) -> str:
        items = self.in_category(cat)
        if order == "title":
            items = sorted(items, key=lambda e: e.title)
        shown, pages_ = self.page_of(items, page)
        body = "\n".join(self.item_html(e, cat) for e in shown) or "<p>Không có nội dung.</p>"
        sort = (f'<div class="sort-bar">Sắp xếp theo: <a href="{esc(self.listing_path(cat, 1, "displayDate", r + 1))}">'
                f'Ngày đăng</a> | <a href="{esc(self.listing_path(cat, 1, "title", r + 1))}">Tiêu đề</a></div>')
        buttons = []
        for label, target, css in (("&larr; Đầu tiên", 1, "first"), ("Trước", page - 1, "prev"),
                                   ("Tiếp theo", page + 1, "next"), ("Cuối cùng &rarr;", pages_, "last")):
            if 1 <= target <= pages_ and target != page:
                buttons.append(f'<li class="{css}"><a href="{esc(self.listing_path(cat, target, order, r))}">{label}'
                               f'</a></li>')
            else:
                buttons.append(f'<li class="disabled {css}"><a href="javascript:;">{label}</a></li>')
        first = (page - 1) * self.per_page + 1
        pager = (f'<div class="taglib-page-iterator"><div class="lfr-pagination"><div class="lfr-pagination-config">'
                 f'<div class="lfr-pagination-page-selector">Trang {page} của {pages_}</div>'
                 f'<div class="lfr-pagination-delta-selector">{self.per_page} Số mục mỗi trang</div></div>'
                 f'<small class="search-results">Hiển thị {first} - {min(first + self.per_page - 1, len(items))} '
                 f'của {len(items)} kết quả.</small><ul class="lfr-pagination-buttons pager">{"".join(buttons)}</ul>'
                 "</div></div>")
        return (f'<h1 class="portlet-title-text">{esc(cat.name if cat else "Tin tức")}</h1>{sort}'
                f'<div class="asset-publisher">{body}</div>{pager}')

    def render_article(self, entry: Entry, req: Request) -> str:
        a = entry.article
        url = self.abs(self.article_path(entry))
        body = self.body_html(entry, lambda n: self.image_path(entry, n))
        others = "".join(f'<li><a href="{esc(self.link_from(e, entry.category))}">{esc(e.title)}</a> '
                         f'<span class="date">({dmy(e.published)})</span></li>' for e in self.related(entry))
        main = f"""<div class="asset-full-content default-asset-publisher show-asset-title">
<h3 class="header-title"><span>{esc(a.title)}</span></h3>
<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">{esc(dmy_hm(a.published))}</span>
<span class="metadata-entry metadata-view-count">Lượt xem: {thousands(count(a.id))}</span>
<span class="font-size">Cỡ chữ: <a href="javascript:;" class="font-inc">A+</a>
<a href="javascript:;" class="font-dec">A-</a></span>
<a href="javascript:window.print();" class="print">In bài viết</a></div>
<div class="asset-content"><div class="journal-content-article">
{body}
</div></div>
{share_bar(url, a.title, "taglib-social-bookmarks")}
</div>
<div class="asset-links"><h3 class="asset-links-header">Các tin khác</h3>
<ul class="asset-links-list">{others}</ul></div>"""
        return self.layout(a.title, main).replace("</head>", f'<link href="{esc(url)}" rel="canonical" />\n</head>', 1)


def _int(value: str | None, default: int) -> int:
    try:
        return max(0, int(value)) if value is not None else default
    except ValueError:
        return default
