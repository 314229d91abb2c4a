"""Joomla 3 (bk-bao, the provincial newspaper): ``/index.php/<category>/<id>-<slug>``, ``?start=N``.

The bad pages of the sample web gather here: a list entry pointing at a removed article (404), a
weather page that hangs, one article of hand-broken HTML, "most read" links in the old non-SEF form
that 301 to the SEF URL, and print and e-mail views of every article.
"""

from __future__ import annotations

import hashlib
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
    iso,
    page_numbers,
    robots,
    share_bar,
    thousands,
    today_line,
    weekday,
)
from sampleweb.site import Entry, PortalSite
from sampleweb.sites import Category
from sampleweb.wire import Request, Response, html, redirect

MAIN = "tin-moi"
SIMPLE = {"gioi-thieu": "Giới thiệu", "lien-he": "Liên hệ", "van-ban": "Văn bản", "thu-vien-anh": "Thư viện ảnh"}
DEAD = "/index.php/chinh-tri/9999-hdnd-tinh-lay-phieu-tin-nhiem-bai-da-go"    # removed, still listed
DEAD_TITLE = "HĐND tỉnh lấy phiếu tín nhiệm đối với người giữ chức vụ do HĐND bầu"
_ARTICLE_RE = re.compile(r"^/index\.php/([a-z0-9-]+)/(\d+)-([a-z0-9-]+)$")
_LIST_RE = re.compile(r"^/index\.php/([a-z0-9-]+)$")


class JoomlaSite(PortalSite):
    cms = "joomla"
    server_name = "Apache"
    gzip_text = True
    id_range = (10000, 59999)
    article_traps = ("malformed",)
    body_style = BodyStyle(lead_in_body=True, caption="center_em", signoff="right_strong", para="justify")

    # --- URLs -----------------------------------------------------------------------------

    def item_id(self, cat: Category | None) -> int:
        return 101 if cat is None else 102 + self.spec.categories.index(cat)

    def article_path(self, entry: Entry) -> str:
        return f"/index.php/{entry.category.slug}/{entry.num}-{entry.slug}"

    def article_aliases(self, entry: Entry) -> tuple[str, ...]:
        path = self.article_path(entry)
        return (f"{path}?tmpl=component&print=1&layout=default", self.old_path(entry))

    def old_path(self, entry: Entry) -> str:
        return (f"/index.php?option=com_content&view=article&id={entry.num}&catid={self.item_id(entry.category) - 90}"
                f"&Itemid={self.item_id(entry.category)}")

    def listing_path(self, cat: Category | None, page: int = 1) -> str:
        path = f"/index.php/{cat.slug if cat else MAIN}"
        return path if page == 1 else f"{path}?start={(page - 1) * self.per_page}"

    def image_path(self, entry: Entry, n: int) -> str:
        d = entry.article.published_at
        return f"/images/{d.year}/{d.month:02d}/{d.day:02d}/{entry.num}-{n + 1}.jpg"

    # --- routing --------------------------------------------------------------------------

    def robots(self) -> Response:
        return robots(["/administrator/", "/bin/", "/cache/", "/cli/", "/components/", "/includes/",
                       "/installation/", "/language/", "/layouts/", "/libraries/", "/logs/", "/modules/",
                       "/plugins/", "/tmp/"])

    def route(self, req: Request) -> Response | None:
        path = req.path.rstrip("/") or "/"
        if path in ("/", "/index.php") and req.param("option") is None:
            return html(self.layout("Trang chủ", self.home_html()))
        if path == "/index.php" and req.param("option") == "com_content":
            entry = self.by_num.get(_int(req.param("id"), -1))
            return redirect(self.abs(self.article_path(entry)), 301) if entry and self.is_visible(entry) else None
        if path.startswith("/administrator"):
            return html(self.layout("Quản trị", pages.login_html("Đăng nhập quản trị")))
        if path == "/index.php/thoi-tiet":
            resp = html(self.layout("Thời tiết", "<h1>Thời tiết Bắc Kạn</h1><p>Dữ liệu đang được cập nhật.</p>"))
            resp.delay = self.options.hang_seconds
            return resp
        if path == "/index.php/component/search":
            q = req.param("searchword") or ""
            hits = "".join(self.item_html(e) for e in self.search(q)) if q else ""
            return html(self.layout("Tìm kiếm", f"<h1>Tìm kiếm</h1><p>Kết quả cho: {esc(q)}</p>{hits}"))
        if path == "/index.php/component/mailto":
            return html(self.layout("Gửi email", '<div id="mailto-window"><h2>Gửi email cho bạn bè</h2>'
                                    '<form><input type="text" name="mailto" /><button>Gửi</button></form></div>'))
        m = _ARTICLE_RE.match(path)
        if m:
            entry = self.by_num.get(int(m.group(2)))
            if entry is None or entry.category.slug != m.group(1) or entry.slug != m.group(3):
                return None
            if req.param("tmpl") == "component":
                return html(self.print_html(entry)) if self.is_visible(entry) else None
            return self.article_response(req, entry)
        m = _LIST_RE.match(path)
        if not m:
            return None
        slug = m.group(1)
        if slug in SIMPLE:
            return html(self.layout(SIMPLE[slug], self.simple_html(slug)))
        cat = None if slug == MAIN else self.category(slug)
        if cat is None and slug != MAIN:
            return None
        page = _int(req.param("start"), 0) // self.per_page + 1
        return html(self.layout(cat.name if cat else "Tin mới", self.listing_html(cat, page)))

    def simple_html(self, slug: str) -> str:
        if slug == "gioi-thieu":
            return pages.about_html(self.spec)
        if slug == "lien-he":
            return pages.contact_html(self.spec)
        if slug == "van-ban":
            return pages.documents_html("/images/van-ban/{file}")
        return pages.gallery_html("/images/album/{n}.jpg", dmy(self.today))

    # --- pages ----------------------------------------------------------------------------

    def layout(self, title: str, main: str, head: str = "") -> str:
        menu = [("Trang chủ", "/"), ("Tin mới", self.listing_path(None))]
        menu += [(c.name, self.listing_path(c)) for c in self.spec.categories]
        menu += [("Văn bản", "/index.php/van-ban"), ("Thư viện ảnh", "/index.php/thu-vien-anh"),
                 ("Giới thiệu", "/index.php/gioi-thieu"), ("Liên hệ", "/index.php/lien-he")]
        nav = "".join(f'<li class="item-{100 + i}"><a href="{esc(h)}">{esc(t)}</a></li>'
                      for i, (t, h) in enumerate(menu))
        most = sorted(self.visible(), key=lambda e: -count(e.id))[:5]
        popular = "".join(f'<li><a href="{esc(self.old_path(e))}">{esc(e.title)}</a></li>' for e in most)
        return f"""<!DOCTYPE html>
<html lang="vi-vn" dir="ltr">
<head>
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<meta http-equiv="content-type" content="text/html; charset=utf-8" />
<meta name="generator" content="Joomla! - Open Source Content Management" />
<title>{esc(title)} - {esc(self.name)}</title>
<link href="/templates/bkbao/favicon.ico" rel="shortcut icon" type="image/vnd.microsoft.icon" />
<link href="/index.php/component/search/?Itemid=101&amp;format=opensearch" rel="search"
 title="Tìm kiếm {esc(self.name)}" type="application/opensearchdescription+xml" />
<link href="/templates/bkbao/css/template.css" rel="stylesheet" />
<script src="/media/jui/js/jquery.min.js"></script>
{head}</head>
<body class="site com_content view-article">
<div class="body" id="top"><div class="container">
<header class="header" role="banner"><div class="header-inner clearfix"><a class="brand pull-left" href="/">
<img src="/images/logo-bao-bac-kan.png" alt="{esc(self.name)}" /></a>
<div class="header-date">{esc(today_line(self.today))}</div>
<div class="header-weather"><a href="/index.php/thoi-tiet">Thời tiết</a></div>
<div class="header-search pull-right"><form action="/index.php/component/search/" method="get" class="form-inline">
<input name="searchword" id="mod-search-searchword" maxlength="200" class="inputbox search-query" type="search"
 placeholder="Tìm kiếm..." /><input type="hidden" name="searchphrase" value="all" />
<input type="hidden" name="Itemid" value="101" /></form></div>
</div></header>
<nav class="navigation" role="navigation"><ul class="nav menu nav-pills mod-list">{nav}</ul></nav>
<div class="row-fluid"><main id="content" role="main" class="span9">
{main}
</main>
<div id="aside" class="span3"><div class="moduletable"><h3>Tin đọc nhiều</h3>
<ul class="mostread mod-list">{popular}</ul></div>
{counter_html(self.id, self.today)}</div></div>
</div></div>
<footer class="footer" role="contentinfo"><div class="container">{footer_html(self.spec, "footer-info")}
<p><a href="/administrator/">Quản trị</a></p><p class="pull-right"><a href="#top" id="back-top">Về đầu trang</a></p>
</div></footer>
</body>
</html>"""

    def item_html(self, e: Entry, with_lead: bool = True) -> str:
        href = esc(self.article_path(e))
        intro = f"<p>{esc(e.article.lead)}</p>" if with_lead and e.article.lead else ""
        return f"""<div class="items-row"><div class="item" itemprop="blogPost" itemscope
 itemtype="https://schema.org/BlogPosting">
<div class="pull-left item-image"><a href="{href}"><img src="{esc(self.image_path(e, 0))}" alt=""
 itemprop="thumbnailUrl" /></a></div>
<div class="page-header"><h2 itemprop="name"><a href="{href}" itemprop="url">{esc(e.title)}</a></h2></div>
<dl class="article-info muted"><dd class="published"><time datetime="{iso(e.published)}"
 itemprop="datePublished">{dmy_hm(e.published)}</time></dd></dl>{intro}</div></div>"""

    def home_html(self) -> str:
        parts = ['<div class="blog-featured" itemscope itemtype="https://schema.org/Blog">']
        parts += [self.item_html(e, i < 4) for i, e in enumerate(self.visible()[:8])]
        parts.append(f'<p class="more"><a href="{esc(self.listing_path(None))}">Xem thêm tin mới</a></p></div>')
        return "\n".join(parts)

    def listing_html(self, cat: Category | None, page: int) -> str:
        shown, pages_ = self.page_of(self.in_category(cat), page)
        rows = [self.item_html(e) for e in shown]
        if cat is None and page == 1 and rows:
            rows.insert(min(3, len(rows)), (
                '<div class="items-row"><div class="item"><div class="page-header"><h2 itemprop="name">'
                f'<a href="{DEAD}" itemprop="url">{esc(DEAD_TITLE)}</a></h2></div></div></div>'))
        links = []
        for label, target in (("Bắt đầu", 1), ("Trước", page - 1)):
            if 1 <= target < page:
                links.append(f'<li><a title="{label}" href="{esc(self.listing_path(cat, target))}" '
                             f'class="pagenav">{label}</a></li>')
        for n in page_numbers(page, pages_):
            links.append(f'<li class="active"><a>{n}</a></li>' if n == page else
                         f'<li><a href="{esc(self.listing_path(cat, n))}" class="pagenav">{n}</a></li>')
        for label, target in (("Tiếp", page + 1), ("Cuối", pages_)):
            if page < target <= pages_:
                links.append(f'<li><a title="{label}" href="{esc(self.listing_path(cat, target))}" '
                             f'class="pagenav">{label}</a></li>')
        return (f'<div class="blog" itemscope itemtype="https://schema.org/Blog"><div class="page-header"><h1>'
                f'{esc(cat.name if cat else "Tin mới")}</h1></div>{"".join(rows) or "<p>Không có bài viết.</p>"}'
                f'<div class="pagination"><p class="counter pull-right">Trang {page} / {pages_}</p>'
                f'<ul class="pagination-list">{"".join(links)}</ul></div></div>')

    def article_block(self, entry: Entry, tools: str = "") -> str:
        a = entry.article
        body = self.body_html(entry, lambda n: self.image_path(entry, n))
        when = f"{weekday(a.published)}, {dmy_hm(a.published)}"
        return f"""<div class="item-page" itemscope itemtype="https://schema.org/Article">
<meta itemprop="inLanguage" content="vi-VN" />
<div class="page-header"><h2 itemprop="headline">{esc(a.title)}</h2></div>
{tools}
<dl class="article-info muted"><dt class="article-info-term">Chi tiết</dt>
<dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">Viết bởi
<span itemprop="name">Ban Biên tập</span></dd>
<dd class="category-name">Danh mục:
<a href="{esc(self.listing_path(entry.category))}" itemprop="genre">{esc(entry.category.name)}</a></dd>
<dd class="published"><span class="icon-calendar" aria-hidden="true"></span>
<time datetime="{iso(a.published)}" itemprop="datePublished">Ngày đăng: {esc(when)}</time></dd>
<dd class="hits"><span class="icon-eye-open" aria-hidden="true"></span>
<meta itemprop="interactionCount" content="UserPageVisits:{count(a.id)}" />Lượt xem: {thousands(count(a.id))}</dd>
</dl>
<div itemprop="articleBody">
{body}
</div>"""

    def render_article(self, entry: Entry, req: Request) -> str:
        a = entry.article
        path = self.article_path(entry)
        url = self.abs(path)
        link = hashlib.sha1(url.encode()).hexdigest()
        mailto = f"/index.php/component/mailto/?tmpl=component&amp;template=bkbao&amp;link={link}"
        tools = f"""<div class="icons"><div class="btn-group pull-right"><ul class="dropdown-menu">
<li class="print-icon"><a href="{esc(path)}?tmpl=component&amp;print=1&amp;layout=default" title="In bài viết"
 rel="nofollow">In</a></li>
<li class="email-icon"><a href="{mailto}" title="Gửi email" rel="nofollow">Email</a></li></ul></div></div>"""
        items = self.visible()
        pos = items.index(entry) if entry in items else 0
        prev_ = items[pos - 1] if pos > 0 else None
        next_ = items[pos + 1] if pos + 1 < len(items) else None
        pager = '<ul class="pager pagenav">'
        if prev_:
            pager += f'<li class="previous"><a href="{esc(self.article_path(prev_))}" rel="prev">&lt; Trước</a></li>'
        if next_:
            pager += f'<li class="next"><a href="{esc(self.article_path(next_))}" rel="next">Tiếp theo &gt;</a></li>'
        pager += "</ul>"
        others = "".join(f'<li><a href="{esc(self.article_path(e))}">{esc(e.title)}</a> '
                         f"<span>({dmy(e.published)})</span></li>" for e in self.related(entry))
        main = (f"{self.article_block(entry, tools)}\n{share_bar(url, a.title)}\n{pager}</div>\n"
                f'<div class="moduletable tin-cung-chuyen-muc"><h3>Tin cùng chuyên mục</h3><ul>{others}</ul></div>')
        head = f'<link href="{esc(url)}" rel="canonical" />\n<meta property="og:title" content="{esc(a.title)}" />\n'
        return self.layout(a.title, main, head)

    def print_html(self, entry: Entry) -> str:
        return f"""<!DOCTYPE html><html lang="vi-vn"><head>
<meta http-equiv="content-type" content="text/html; charset=utf-8" />
<meta name="robots" content="noindex, nofollow" /><title>{esc(entry.title)}</title></head>
<body class="contentpane modal">{self.article_block(entry)}</div>
<script>window.print();</script><p>{esc(self.name)} - {quote(self.spec.domain)}</p></body></html>"""


def _int(value: str | None, default: int) -> int:
    try:
        return max(0, int(value)) if value is not None else default
    except ValueError:
        return default
