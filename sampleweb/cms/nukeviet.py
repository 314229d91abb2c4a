"""NukeViet 4.5 (dn-xuandong), the CMS of the Đồng Nai provincial and commune portals.

``/vi/news/<category>/<slug>-<id>.html`` articles, ``/page-N/`` paging, RSS feeds at
``/vi/news/rss/`` (declared in every page head), search at ``/vi/seek/``, print and save-file views.
Article pages send ETag and Last-Modified and answer 304 to a matching conditional request.
The author line sits outside the body container, as NukeViet prints it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from sampleweb import pages
from sampleweb.body import BodyStyle
from sampleweb.common import (
    count,
    counter_html,
    dmy,
    dmy_hm,
    esc,
    footer_html,
    page_numbers,
    robots,
    share_bar,
    thousands,
    today_line,
    weblinks_html,
    weekday,
)
from sampleweb.feeds import rss
from sampleweb.site import Entry, PortalSite
from sampleweb.sites import Category
from sampleweb.wire import Request, Response, html, redirect

SIMPLE = {"/vi/about/gioi-thieu.html": "Giới thiệu", "/vi/contact/": "Liên hệ",
          "/vi/page/van-ban.html": "Văn bản", "/vi/photos/": "Thư viện ảnh"}
_ARTICLE_RE = re.compile(r"^/vi/news/([a-z0-9-]+)/([a-z0-9-]+)-(\d+)\.html$")
_VIEW_RE = re.compile(r"^/vi/news/(print|savefile)/([a-z0-9-]+)-(\d+)\.html$")
_LIST_RE = re.compile(r"^/vi/news/(?:(?!page-\d)([a-z0-9-]+)/)?(?:page-(\d+)/)?$")
KEYWORDS = ("HĐND", "kỳ họp", "cử tri", "giám sát", "nông thôn mới")


class NukeVietSite(PortalSite):
    cms = "nukeviet"
    server_name = "nginx"
    gzip_text = True
    id_range = (100, 9999)
    conditional_get = True
    body_style = BodyStyle(lead_in_body=False, caption="figure", signoff="none", para="justify")

    # --- URLs -----------------------------------------------------------------------------

    def article_path(self, entry: Entry) -> str:
        return f"/vi/news/{entry.category.slug}/{entry.slug}-{entry.num}.html"

    def article_aliases(self, entry: Entry) -> tuple[str, ...]:
        return (f"/vi/news/print/{entry.slug}-{entry.num}.html",)

    def listing_path(self, cat: Category | None, page: int = 1) -> str:
        path = f"/vi/news/{cat.slug}/" if cat else "/vi/news/"
        return path if page == 1 else f"{path}page-{page}/"

    def image_path(self, entry: Entry, n: int) -> str:
        d = entry.article.published_at
        return f"/uploads/news/{d.year}_{d.month:02d}/{entry.num}-{n + 1}.jpg"

    # --- routing --------------------------------------------------------------------------

    def robots(self) -> Response:
        return robots(["/admin/", "/assets/js/", "/data/", "/includes/", "/install/", "/modules/",
                       "/vendor/", "/vi/users/"])

    def route(self, req: Request) -> Response | None:
        path = req.path
        if path in ("/", "/index.php"):
            return html(self.layout("Trang chủ", self.home_html()))
        if path in ("/vi", "/vi/"):
            return redirect("/", 301)
        if path.startswith("/vi/users/") or path.startswith("/admin"):
            return html(self.layout("Đăng nhập", pages.login_html()))
        if path in SIMPLE:
            return html(self.layout(SIMPLE[path], self.simple_html(path)))
        if path.startswith("/vi/seek"):
            q = req.param("q") or ""
            hits = "".join(self.item_html(e) for e in self.search(q)) if q else ""
            return html(self.layout("Tìm kiếm", f"<h1>Kết quả tìm kiếm với từ khóa: {esc(q)}</h1>"
                                    f"{hits or '<p>Không tìm thấy kết quả nào.</p>'}"))
        if path.startswith("/vi/news/rss"):
            return self.feed(path)
        m = _VIEW_RE.match(path)
        if m:
            entry = self.by_num.get(int(m.group(3)))
            if entry is None or not self.is_visible(entry) or entry.slug != m.group(2):
                return None
            if m.group(1) == "print":
                return html(self.print_html(entry))
            return html(self.print_html(entry), headers=[
                ("Content-Disposition", f'attachment; filename="{entry.slug}.html"')])
        m = _ARTICLE_RE.match(path)
        if m:
            entry = self.by_num.get(int(m.group(3)))
            if entry is None or entry.category.slug != m.group(1) or entry.slug != m.group(2):
                return None
            return self.article_response(req, entry)
        m = _LIST_RE.match(path)
        if m:
            cat = self.category(m.group(1)) if m.group(1) else None
            if m.group(1) and cat is None:
                return None
            page = int(m.group(2) or 1)
            return html(self.layout(cat.name if cat else "Tin tức", self.listing_html(cat, page), cat))
        return None

    def feed(self, path: str) -> Response | None:
        parts = [p for p in path.split("/") if p]
        cat = self.category(parts[3]) if len(parts) > 3 else None
        if len(parts) > 3 and cat is None:
            return None
        items = [(e.title, self.abs(self.article_path(e)), e.published, e.article.lead or e.article.paragraphs[0])
                 for e in self.in_category(cat)[:20]]
        return rss(f"{cat.name if cat else 'Tin tức'} - {self.name}", self.abs(self.listing_path(cat)),
                   self.name, items, "NukeViet v4.5", self.abs(path), self.today)

    def simple_html(self, path: str) -> str:
        if path == "/vi/about/gioi-thieu.html":
            return pages.about_html(self.spec)
        if path == "/vi/contact/":
            return pages.contact_html(self.spec)
        if path == "/vi/page/van-ban.html":
            return pages.documents_html("/uploads/laws/{file}")
        return pages.gallery_html("/uploads/photos/album/{n}.jpg", dmy(self.today))

    # --- pages ----------------------------------------------------------------------------

    def layout(self, title: str, main: str, cat: Category | None = None, head: str = "") -> str:
        menu = [("Trang chủ", "/"), ("Giới thiệu", "/vi/about/gioi-thieu.html"), ("Tin tức", "/vi/news/")]
        menu += [(c.name, self.listing_path(c)) for c in self.spec.categories]
        menu += [("Văn bản", "/vi/page/van-ban.html"), ("Thư viện ảnh", "/vi/photos/"), ("Liên hệ", "/vi/contact/")]
        nav = "".join(f'<li><a href="{esc(h)}" title="{esc(t)}">{esc(t)}</a></li>' for t, h in menu)
        feeds = '<link rel="alternate" href="/vi/news/rss/" title="Tin tức" type="application/rss+xml" />'
        if cat:
            feeds += (f'\n<link rel="alternate" href="/vi/news/rss/{cat.slug}/" title="Tin tức - {esc(cat.name)}" '
                      'type="application/rss+xml" />')
        latest = "".join(f'<li><a href="{esc(self.article_path(e))}" title="{esc(e.title)}">{esc(e.title)}</a></li>'
                         for e in self.visible()[:5])
        return f"""<!DOCTYPE html>
<html lang="vi" xmlns="http://www.w3.org/1999/xhtml" prefix="og: http://ogp.me/ns#">
<head>
<title>{esc(title)} - {esc(self.name)}</title>
<meta name="description" content="{esc(self.name)}" />
<meta name="author" content="{esc(self.name)}" />
<meta name="copyright" content="{esc(self.name)} [banbientap@{esc(self.spec.domain)}]" />
<meta name="generator" content="NukeViet v4.5" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
{head}{feeds}
<link rel="StyleSheet" href="/themes/default/css/font-awesome.min.css" />
<link rel="StyleSheet" href="/themes/egov/css/style.css" />
<script src="/assets/js/jquery/jquery.min.js"></script>
</head>
<body>
<noscript><div class="alert alert-danger">Trình duyệt của bạn đã tắt chức năng hỗ trợ JavaScript.<br />
Website chỉ làm việc khi bạn bật nó trở lại.</div></noscript>
<div class="body-bg"><div class="wraper"><a name="top"></a>
<header><div class="container"><div id="header" class="row"><div class="logo col-xs-24">
<a title="{esc(self.name)}" href="/"><img src="/uploads/logo.png" alt="{esc(self.name)}" /></a>
<span class="site_name">{esc(self.name)}</span></div>
<div class="current-time">{esc(today_line(self.today))}</div>
<div class="personalArea"><a href="/vi/users/login/">Đăng nhập</a></div></div></div></header>
<nav class="second-nav" id="menusite"><div class="container"><ul class="nav navbar-nav">{nav}</ul>
<form action="/vi/seek/" method="get" class="headerSearch">
<input type="text" name="q" maxlength="60" placeholder="Tìm kiếm..." /><button type="submit">Tìm</button></form></div>
</nav>
<section><div class="container" id="body"><div class="row"><div class="col-md-16">
{main}
</div><div class="col-md-8"><div class="panel panel-primary"><div class="panel-heading">Tin mới</div>
<div class="panel-body"><ul>{latest}</ul></div></div>
{weblinks_html()}{counter_html(self.id, self.today)}</div></div></div></section>
<footer id="footer"><div class="container">{footer_html(self.spec, "copyright")}</div></footer>
</div></div>
<div id="timeoutsess" class="chromeframe">Bạn đã không sử dụng Site,
<a onclick="timeoutsesscancel();" href="#">Bấm vào đây để duy trì trạng thái đăng nhập</a>. Thời gian chờ:
<span id="secField"> 60 </span> giây</div>
</body>
</html>"""

    def item_html(self, e: Entry, with_lead: bool = True) -> str:
        href = esc(self.article_path(e))
        lead = f"<p>{esc(e.article.lead)}</p>" if with_lead and e.article.lead else ""
        return f"""<div class="news_column panel panel-default"><div class="panel-body">
<a href="{href}" title="{esc(e.title)}"><img alt="{esc(e.title)}" src="{esc(self.image_path(e, 0))}" width="183"
 class="img-thumbnail pull-left imghome" /></a>
<h3><a href="{href}" title="{esc(e.title)}">{esc(e.title)}</a></h3>
<div class="text-muted"><ul class="list-unstyled list-inline">
<li><em class="fa fa-clock-o">&nbsp;</em> {dmy_hm(e.published)}</li>
<li><em class="fa fa-eye">&nbsp;</em> Đã xem: {thousands(count(e.id))}</li></ul></div>{lead}</div></div>"""

    def home_html(self) -> str:
        parts = [self.item_html(e, i < 3) for i, e in enumerate(self.visible()[:5])]
        for cat in self.spec.categories:
            items = self.in_category(cat)[:3]
            if items:
                links = "".join(f'<li><a href="{esc(self.article_path(e))}">{esc(e.title)}</a></li>' for e in items)
                parts.append(f'<div class="panel panel-default"><div class="panel-heading">'
                             f'<a href="{esc(self.listing_path(cat))}">'
                             f"{esc(cat.name)}</a></div><ul>{links}</ul></div>")
        return "\n".join(parts)

    def listing_html(self, cat: Category | None, page: int) -> str:
        shown, pages_ = self.page_of(self.in_category(cat), page)
        body = "\n".join(self.item_html(e) for e in shown) or '<p class="text-center">Chưa có bài viết.</p>'
        links = [f'<li class="active"><a href="#">{n}</a></li>' if n == page else
                 f'<li><a href="{esc(self.listing_path(cat, n))}">{n}</a></li>' for n in page_numbers(page, pages_)]
        if page < pages_:
            links.append(f'<li><a href="{esc(self.listing_path(cat, page + 1))}">&raquo;</a></li>')
        return (f'<div class="page-header"><h1>{esc(cat.name if cat else "Tin tức")}</h1></div>{body}'
                f'<div class="text-center"><ul class="pagination">{"".join(links)}</ul></div>')

    def article_main(self, entry: Entry) -> str:
        a = entry.article
        body = self.body_html(entry, lambda n: self.image_path(entry, n))
        hometext = f'<div class="hometext m-bottom">{esc(a.lead)}</div>' if a.lead else ""
        author = (f'<div class="margin-bottom-lg"><p class="h5 text-right"><strong>{esc(a.signoff)}</strong></p></div>'
                  if a.signoff else "")
        when = f"{weekday(a.published, lower=True)} - {dmy_hm(a.published)}"
        return (f'<h1 class="title margin-bottom-lg">{esc(a.title)}</h1>\n'
                f'<div class="row margin-bottom-lg"><div class="col-md-12"><span class="h5">{esc(when)}</span>'
                f'</div></div>\n<div class="clearfix">{hometext}</div>\n'
                f'<div id="news-bodyhtml" class="bodytext margin-bottom-lg">\n{body}\n</div>\n{author}')

    def related_block(self, title: str, entries: list[Entry]) -> str:
        """NukeViet's "Những tin mới hơn" / "Những tin cũ hơn" boxes under an article."""
        if not entries:
            return ""
        items = "".join(f'<li><a href="{esc(self.article_path(e))}">{esc(e.title)}</a> '
                        f"<em>({dmy(e.published)})</em></li>" for e in entries)
        return (f'<div class="news_column panel panel-default"><div class="panel-body"><p class="h3">'
                f'<strong>{title}</strong></p><ul class="related">{items}</ul></div></div>')

    def render_article(self, entry: Entry, req: Request) -> str:
        a = entry.article
        url = self.abs(self.article_path(entry))
        items = self.visible()
        pos = items.index(entry) if entry in items else 0
        newer = [e for e in items[max(0, pos - 3):pos] if e.category == entry.category]
        keywords = ", ".join(f'<a href="/vi/seek/?q={quote(k)}">{esc(k)}</a>' for k in KEYWORDS[:3])
        views = f"/vi/news/{{}}/{entry.slug}-{entry.num}.html"
        tools = (f'<ul class="list-inline"><li><a href="{views.format("print")}" rel="nofollow">'
                 '<em class="fa fa-print"></em> In bài viết</a></li>'
                 f'<li><a href="{views.format("savefile")}" rel="nofollow"><em class="fa fa-save"></em> '
                 'Lưu bài viết này</a></li><li><em class="fa fa-eye"></em> Đã xem: '
                 f"{thousands(count(a.id))}</li></ul>")
        main = (f'<div class="news_column panel panel-default" itemtype="http://schema.org/NewsArticle" itemscope>'
                f'<div class="panel-body">{self.article_main(entry)}{tools}{share_bar(url, a.title)}'
                f'<div class="keywords">Từ khóa: {keywords}</div></div></div>'
                f'{self.related_block("Những tin mới hơn", newer)}'
                f'{self.related_block("Những tin cũ hơn", self.related(entry, 5))}')
        head = (f'<meta property="og:title" content="{esc(a.title)}" />\n'
                f'<meta property="og:url" content="{esc(url)}" />\n<link rel="canonical" href="{esc(url)}" />\n')
        return self.layout(a.title, main, entry.category, head)

    def print_html(self, entry: Entry) -> str:
        return f"""<!DOCTYPE html><html lang="vi"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="generator" content="NukeViet v4.5" /><meta name="robots" content="noindex" />
<title>{esc(entry.title)}</title></head><body><div id="print">
{self.article_main(entry)}<div class="footer">{esc(self.spec.domain)}</div></div></body></html>"""
