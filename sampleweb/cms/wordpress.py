"""WordPress 6.4 (bk-thanhpho): pretty permalinks, a feed, a sitemap index, short links that redirect.

The only sample site with a sitemap (announced in robots.txt): an index pointing at a post sitemap
with ``lastmod``. Article pages answer conditional requests. ``/?p=N`` short links 301 to the
permalink. "Lịch công tác" is a path-style calendar (``/lich-cong-tac/2026/11/23/``) without end.
"""

from __future__ import annotations

import datetime as dt
import re

from sampleweb import pages
from sampleweb.body import BodyStyle
from sampleweb.common import counter_html, dmy, esc, footer_html, iso, robots, share_bar, today_line
from sampleweb.feeds import rss, sitemap_index, urlset
from sampleweb.site import Entry, PortalSite
from sampleweb.sites import Category
from sampleweb.wire import Request, Response, content, html, redirect

SIMPLE = {"gioi-thieu": "Giới thiệu", "lien-he": "Liên hệ", "van-ban": "Văn bản", "thu-vien-anh": "Thư viện ảnh"}
_ARTICLE_RE = re.compile(r"^/(\d{4})/(\d{2})/([a-z0-9-]+)/$")
_LIST_RE = re.compile(r"^(?:/category/([a-z0-9-]+))?/(?:page/(\d+)/)?$")
_CAL_RE = re.compile(r"^/lich-cong-tac/(?:(\d{4})/(\d{2})/(\d{2})/)?$")


class WordPressSite(PortalSite):
    cms = "wordpress"
    server_name = "Apache/2.4.58 (Ubuntu)"
    gzip_text = True
    id_range = (100, 9999)
    conditional_get = True
    body_style = BodyStyle(lead_in_body=True, caption="wp_caption", signoff="right_strong", para="plain")

    # --- URLs -----------------------------------------------------------------------------

    def article_path(self, entry: Entry) -> str:
        d = entry.article.published_at
        return f"/{d.year}/{d.month:02d}/{entry.slug}/"

    def article_aliases(self, entry: Entry) -> tuple[str, ...]:
        return (f"/?p={entry.num}",)

    def listing_path(self, cat: Category | None, page: int = 1) -> str:
        path = f"/category/{cat.slug}/" if cat else "/"
        return path if page == 1 else f"{path}page/{page}/"

    def calendar_path(self, day: dt.date) -> str:
        return f"/lich-cong-tac/{day.year}/{day.month:02d}/{day.day:02d}/"

    def image_path(self, entry: Entry, n: int) -> str:
        d = entry.article.published_at
        return f"/wp-content/uploads/{d.year}/{d.month:02d}/anh-{entry.num}-{n + 1}-1024x683.jpg"

    # --- routing --------------------------------------------------------------------------

    def finish(self, req: Request, resp: Response) -> Response:
        """WordPress writes absolute URLs (``home_url``) into every link and image, not root paths."""
        if (resp.header("Content-Type") or "").startswith("text/html"):
            base = self.base_url.encode()
            for attr in (b'href="', b'src="'):
                resp.body = resp.body.replace(attr + b"/", attr + base + b"/")
        return resp

    def robots(self) -> Response:
        return robots(["/wp-admin/"], sitemap=self.abs("/sitemap.xml"), allow=["/wp-admin/admin-ajax.php"])

    def route(self, req: Request) -> Response | None:
        path = req.path
        if path == "/":
            if req.param("p"):
                entry = self.by_num.get(_int(req.param("p"), -1))
                return redirect(self.abs(self.article_path(entry)), 301) if entry and self.is_visible(entry) else None
            if req.param("s") is not None:
                return html(self.layout("Tìm kiếm", self.search_html(req.param("s") or "")))
        if path.startswith(("/wp-admin", "/wp-login.php")):
            return html(self.layout("Đăng nhập", pages.login_html()))
        if path in ("/feed/", "/feed"):
            items = [(e.title, self.abs(self.article_path(e)), e.published, e.article.lead or e.article.paragraphs[0])
                     for e in self.visible()[:10]]
            return rss(self.name, self.abs("/"), "Trang thông tin của thành phố", items,
                       "https://wordpress.org/?v=6.4", self.abs("/feed/"), self.today)
        if path == "/sitemap.xml":
            newest = self.visible()[0].published if self.visible() else None
            return sitemap_index([(self.abs("/post-sitemap.xml"), newest), (self.abs("/page-sitemap.xml"), None),
                                  (self.abs("/category-sitemap.xml"), None)])
        if path == "/post-sitemap.xml":
            return urlset((self.abs(self.article_path(e)), e.published) for e in self.visible())
        if path == "/page-sitemap.xml":
            return urlset([(self.abs("/"), None)] + [(self.abs(f"/{s}/"), None) for s in SIMPLE])
        if path == "/category-sitemap.xml":
            return urlset((self.abs(self.listing_path(c)), None) for c in self.spec.categories)
        if path.startswith("/wp-json"):
            return content('{"name":"' + self.spec.domain + '","namespaces":["wp/v2"]}', "application/json")
        if path.strip("/") in SIMPLE:
            return html(self.layout(SIMPLE[path.strip("/")], self.simple_html(path.strip("/"))))
        m = _CAL_RE.match(path)
        if m:
            day = self.today if not m.group(1) else _date(*m.groups())
            return html(self.layout("Lịch công tác", self.calendar_html(day))) if day else None
        m = _ARTICLE_RE.match(path)
        if m:
            entry = next((e for e in self.visible() if e.slug == m.group(3)), None)
            if entry is None or self.article_path(entry) != path:
                return None
            return self.article_response(req, entry)
        m = _LIST_RE.match(path)
        if m:
            cat = self.category(m.group(1)) if m.group(1) else None
            if m.group(1) and cat is None:
                return None
            page = int(m.group(2) or 1)
            if page > self.page_of(self.in_category(cat), page)[1]:
                return None
            return html(self.layout(cat.name if cat else "Trang chủ", self.listing_html(cat, page)))
        return None

    def simple_html(self, slug: str) -> str:
        if slug == "gioi-thieu":
            return pages.about_html(self.spec)
        if slug == "lien-he":
            return pages.contact_html(self.spec)
        if slug == "van-ban":
            return pages.documents_html("/wp-content/uploads/2023/05/{file}")
        return pages.gallery_html("/wp-content/uploads/album/anh-{n}.jpg", dmy(self.today))

    def calendar_html(self, day: dt.date) -> str:
        nav = self.calendar_links(day, self.calendar_path, dmy)
        return (f'<article class="page"><header class="entry-header"><h1 class="entry-title">Lịch công tác '
                f'ngày {dmy(day)}</h1>'
                f'</header><div class="entry-content"><p>Lãnh đạo HĐND - UBND thành phố làm việc tại cơ quan.'
                f'</p>{nav}</div></article>')

    def search_html(self, s: str) -> str:
        hits = self.search(s) if s else []
        body = "".join(self.excerpt_html(e) for e in hits) or "<p>Không tìm thấy nội dung phù hợp.</p>"
        return f'<header class="page-header"><h1 class="page-title">Kết quả tìm kiếm cho: {esc(s)}</h1></header>{body}'

    # --- pages ----------------------------------------------------------------------------

    def layout(self, title: str, main: str, head: str = "") -> str:
        menu = [("Trang chủ", "/"), ("Giới thiệu", "/gioi-thieu/")]
        menu += [(c.name, self.listing_path(c)) for c in self.spec.categories]
        menu += [("Lịch công tác", "/lich-cong-tac/"), ("Văn bản", "/van-ban/"), ("Thư viện ảnh", "/thu-vien-anh/"),
                 ("Liên hệ", "/lien-he/")]
        nav = "".join(f'<li class="menu-item"><a href="{esc(h)}">{esc(t)}</a></li>' for t, h in menu)
        recent = "".join(f'<li><a href="{esc(self.article_path(e))}">{esc(e.title)}</a></li>'
                         for e in self.visible()[:5])
        cats = "".join(f'<li class="cat-item"><a href="{esc(self.listing_path(c))}">{esc(c.name)}</a> '
                       f"({len(self.in_category(c))})</li>" for c in self.spec.categories)
        return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8" />
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{esc(title)} &#8211; {esc(self.name)}</title>
<meta name='robots' content='max-image-preview:large' />
<link rel="alternate" type="application/rss+xml" title="{esc(self.name)} &raquo; Dòng thông tin" href="/feed/" />
<link rel='stylesheet' id='twenty-twenty-one-style-css' href='/wp-content/themes/twentytwentyone/style.css?ver=2.0'
 media='all' />
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<link rel="https://api.w.org/" href="/wp-json/" />
<meta name="generator" content="WordPress 6.4" />
{head}</head>
<body class="wp-embed-responsive">
<div id="page" class="site"><a class="skip-link screen-reader-text" href="#content">Chuyển đến nội dung</a>
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title">
<a href="/" rel="home">{esc(self.name)}</a></p>
<p class="site-description">{esc(today_line(self.today))}</p></div>
<nav id="site-navigation" class="primary-navigation" aria-label="Menu chính">
<ul id="primary-menu-list" class="menu-wrapper">{nav}</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
{main}
</main></div>
<aside class="widget-area"><section class="widget widget_search">
<form role="search" method="get" class="search-form" action="/">
<label>Tìm kiếm:<input type="search" class="search-field" value="" name="s" /></label>
<input type="submit" class="search-submit" value="Tìm kiếm" /></form></section>
<section class="widget widget_recent_entries"><h2 class="widget-title">Bài viết mới</h2><ul>{recent}</ul></section>
<section class="widget widget_categories"><h2 class="widget-title">Chuyên mục</h2><ul>{cats}</ul></section>
<section class="widget widget_meta"><h2 class="widget-title">Meta</h2><ul><li><a href="/wp-login.php">Đăng nhập</a>
</li><li><a href="/wp-admin/">Quản trị</a></li><li><a href="/feed/">RSS bài viết</a></li><li>
<a href="https://vi.wordpress.org/">WordPress.org</a></li></ul></section>
{counter_html(self.id, self.today)}</aside></div>
<footer id="colophon" class="site-footer">{footer_html(self.spec, "site-info")}<p class="powered-by">Vận hành bởi
<a href="https://vi.wordpress.org/">WordPress</a></p></footer>
</div>
<script src="/wp-content/themes/twentytwentyone/assets/js/primary-navigation.js?ver=2.0"
 id="twenty-twenty-one-primary-navigation-script-js"></script>
</body>
</html>"""

    def excerpt_html(self, e: Entry) -> str:
        href = esc(self.article_path(e))
        lead = e.article.lead or e.article.paragraphs[0]
        short = esc(lead) if len(lead) < 240 else esc(lead[:240].rsplit(" ", 1)[0]) + " [&hellip;]"
        return (f'<article id="post-{e.num}" class="post-{e.num} post type-post status-publish format-standard hentry '
                f'category-{e.category.slug}"><header class="entry-header"><h2 class="entry-title"><a href="{href}" '
                f'rel="bookmark">'
                f'{esc(e.title)}</a></h2></header><div class="entry-meta"><span class="posted-on"><time '
                f'class="entry-date published" '
                f'datetime="{iso(e.published)}">{dmy(e.published)}</time></span></div>'
                f'<div class="entry-summary"><p>{short}</p></div></article>')

    def listing_html(self, cat: Category | None, page: int) -> str:
        shown, pages_ = self.page_of(self.in_category(cat), page)
        body = "\n".join(self.excerpt_html(e) for e in shown) or "<p>Chưa có bài viết.</p>"
        title = (f'<header class="page-header"><h1 class="page-title">Chuyên mục: <span>{esc(cat.name)}</span></h1>'
                 "</header>" if cat else "")
        nav = []
        if page > 1:
            nav.append(f'<div class="nav-previous"><a href="{esc(self.listing_path(cat, page - 1))}">Bài mới hơn</a>'
                       f'</div>')
        if page < pages_:
            nav.append(f'<div class="nav-next"><a href="{esc(self.listing_path(cat, page + 1))}">Bài cũ hơn</a></div>')
        nums = " ".join(f'<span aria-current="page" class="page-numbers current">{n}</span>' if n == page else
                        f'<a class="page-numbers" href="{esc(self.listing_path(cat, n))}">{n}</a>'
                        for n in range(1, pages_ + 1))
        return (f'{title}{body}<nav class="navigation pagination" aria-label="Bài viết"><div class="nav-links">{nums}'
                f'</div>'
                f'{"".join(nav)}</nav>')

    def render_article(self, entry: Entry, req: Request) -> str:
        a = entry.article
        url = self.abs(self.article_path(entry))
        body = self.body_html(entry, lambda n: self.image_path(entry, n))
        related = "".join(f'<li><a href="/?p={e.num}">{esc(e.title)}</a></li>' for e in self.related(entry, 4))
        main = f"""<article id="post-{entry.num}"
 class="post-{entry.num} post type-post status-publish format-standard hentry category-{entry.category.slug}">
<header class="entry-header alignwide"><h1 class="entry-title">{esc(a.title)}</h1>
<div class="entry-meta">
<span class="posted-on">Đăng ngày
<time class="entry-date published" datetime="{iso(a.published)}">{dmy(a.published)}</time></span>
<span class="byline"> bởi <span class="author vcard"><a class="url fn n" href="/author/admin/">admin</a></span></span>
</div></header>
<div class="entry-content">
{body}
</div>
<footer class="entry-footer default-max-width">
<span class="cat-links">Chuyên mục:
<a href="{esc(self.listing_path(entry.category))}" rel="category tag">{esc(entry.category.name)}</a></span>
{share_bar(url, a.title, "sharedaddy sd-sharing-enabled")}</footer>
</article>
<div class="related-posts"><h3>Bài viết liên quan</h3><ul>{related}</ul></div>"""
        head = (f'<link rel="canonical" href="{esc(url)}" />\n<link rel=\'shortlink\' '
                f'href=\'{esc(self.abs(f"/?p={entry.num}"))}\' />\n'
                f'<meta property="article:published_time" content="{iso(a.published)}" />\n')
        return self.layout(a.title, main, head)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None
