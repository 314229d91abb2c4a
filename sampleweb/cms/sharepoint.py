"""SharePoint "PublishingPortal" (bk-hdnd): the web-part chrome whose titles leak into text.

URL shapes of hdnd.namdinh / dbndthanhhoa: ``/portal/Pages/2023-1-30/<Slug>-<id>.aspx`` articles,
``/portal/KenhTin/<Slug>.aspx?Page=N`` listings. The "Các tin đã đưa ngày" date picker links to
``?date=dd/mm/yyyy`` pages that link to the day before and after, forever.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from sampleweb import pages
from sampleweb.body import BodyStyle
from sampleweb.common import (
    counter_html,
    dmy,
    dmy_hm,
    esc,
    footer_html,
    page_numbers,
    robots,
    share_bar,
    today_line,
    weblinks_html,
)
from sampleweb.corpus import Article
from sampleweb.site import Entry, PortalSite, case_slug
from sampleweb.sites import Category
from sampleweb.wire import Request, Response, html, redirect

MAIN = "Tin-tuc"
HOME = "/portal/Pages/default.aspx"
PAGES = {"about": "/portal/Pages/Gioi-thieu.aspx", "contact": "/portal/Pages/Lien-he.aspx",
         "documents": "/portal/Pages/Van-ban.aspx", "gallery": "/portal/Pages/Thu-vien-anh.aspx",
         "search": "/portal/Pages/TimKiem.aspx"}
LOGIN = "/_layouts/Authenticate.aspx"


class SharePointSite(PortalSite):
    cms = "sharepoint"
    server_name = "Microsoft-IIS/8.5"
    id_range = (1000, 9999)
    article_traps = ("transient_503",)
    body_style = BodyStyle(lead_in_body=False, caption="table", signoff="right_strong", para="justify")

    def make_slug(self, article: Article) -> str:
        return case_slug(article.title)

    # --- URLs -----------------------------------------------------------------------------

    def article_path(self, entry: Entry) -> str:
        d = entry.article.published_at
        return f"/portal/Pages/{d.year}-{d.month}-{d.day}/{entry.slug}-{entry.num}.aspx"

    def listing_path(self, cat: Category | None, page: int = 1) -> str:
        path = f"/portal/KenhTin/{cat.slug if cat else MAIN}.aspx"
        return path if page == 1 else f"{path}?Page={page}"

    def date_path(self, day: dt.date) -> str:
        return f"/portal/KenhTin/{MAIN}.aspx?date={dmy(day)}"

    def image_path(self, entry: Entry, n: int) -> str:
        d = entry.article.published_at
        return f"/portal/PublishingImages/{d.year}/{d.month:02d}/{entry.num}-{n + 1}.jpg"

    # --- routing --------------------------------------------------------------------------

    def robots(self) -> Response:
        return robots(["/_layouts/", "/_vti_bin/", "/portal/Lists/"])

    def route(self, req: Request) -> Response | None:
        path = req.path
        if path in ("/", "/portal", "/portal/"):
            return redirect(HOME, 302)
        if path.lower() == HOME.lower():
            return html(self.layout("Trang chủ", self.home_html()))
        if path.lower().startswith("/_layouts/"):
            return html(self.layout("Đăng nhập", pages.login_html()))
        if path.startswith("/portal/Pages/"):
            return self.route_pages(req)
        if path.startswith("/portal/KenhTin/") and path.endswith(".aspx"):
            name = path.rsplit("/", 1)[1][:-5]
            cat = None if name == MAIN else self.category(name)
            if cat is None and name != MAIN:
                return None
            day = req.param("date")
            if day is not None:
                return self.day_page(day)
            page = _int(req.param("Page"), 1)
            return html(self.layout(cat.name if cat else "Tin tức", self.listing_html(cat, page)))
        return None

    def route_pages(self, req: Request) -> Response | None:
        path = req.path
        simple = {
            PAGES["about"]: ("Giới thiệu", lambda: pages.about_html(self.spec)),
            PAGES["contact"]: ("Liên hệ", lambda: pages.contact_html(self.spec)),
            PAGES["documents"]: ("Văn bản", lambda: pages.documents_html("/portal/Documents/{file}")),
            PAGES["gallery"]: ("Thư viện ảnh",
                               lambda: pages.gallery_html("/portal/PublishingImages/album/{n}.jpg",
                                                          dmy(self.today))),
        }
        if path in simple:
            title, make = simple[path]
            return html(self.layout(title, make()))
        if path == PAGES["search"]:
            return html(self.layout("Tìm kiếm", self.search_html(req.param("k") or "")))
        parts = path.split("/")
        if len(parts) == 5 and parts[4].endswith(".aspx"):
            num = _int(parts[4][:-5].rsplit("-", 1)[-1], -1)
            entry = self.by_num.get(num)
            if entry is not None and self.article_path(entry) != path:
                return None
            return self.article_response(req, entry)
        return None

    # --- pages ----------------------------------------------------------------------------

    def layout(self, title: str, main: str) -> str:
        menu = [("Trang chủ", HOME), ("Giới thiệu", PAGES["about"]), ("Tin tức", self.listing_path(None))]
        menu += [(c.name, self.listing_path(c)) for c in self.spec.categories[:3]]
        menu += [("Văn bản", PAGES["documents"]), ("Thư viện ảnh", PAGES["gallery"]),
                 ("Liên hệ", PAGES["contact"])]
        nav = "".join(f'<li><a href="{esc(h)}">{esc(t)}</a></li>' for t, h in menu)
        latest = "".join(f'<li><a href="{esc(self.article_path(e))}">{esc(e.title)}</a></li>'
                         for e in self.visible()[:5])
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html dir="ltr" lang="vi-VN" xmlns="http://www.w3.org/1999/xhtml">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=10" />
<meta name="GENERATOR" content="Microsoft SharePoint" />
<title>
\t{esc(title)}
</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/corev15.css" />
<link rel="stylesheet" type="text/css" href="/portal/Style%20Library/HDND/css/style.css" />
<script type="text/javascript" src="/_layouts/15/init.js"></script>
</head>
<body>
<form method="post" action="" id="aspnetForm">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEWAgKc7rqoBgK+9qzGDA==" />
<div id="s4-workspace"><div id="s4-bodyContainer">
<div class="header"><a name="top"></a><div class="banner"><a href="{HOME}">
<img src="/portal/Style%20Library/HDND/images/banner.jpg" alt="{esc(self.name)}" /></a>
<span class="site-name">{esc(self.name)}</span></div>
<div class="top-links">
<span class="today">{esc(today_line(self.today))}</span> | <a href="{HOME}">Trang chủ</a> |
<a href="{LOGIN}?Source={quote(HOME, safe='')}">Đăng nhập</a></div>
<div class="search"><input type="text" name="k" id="txtSearch" />
<a href="{PAGES['search']}"
 onclick="location.href='{PAGES['search']}?k='+encodeURIComponent(txtSearch.value);return false;">Tìm kiếm</a></div>
</div>
<ul class="menu-top">{nav}</ul>
<div id="loading" style="display:none">Loading...</div>
<div id="MSO_ContentTable" class="main">
{main}
</div>
<div class="sidebar">
{self.datepicker_html()}
<div class="ms-webpart-chrome"><h2 class="ms-webpart-titleText"><span>PublishingPortal - Block_TinMoi</span></h2>
<h3>Tin mới cập nhật</h3><ul>{latest}</ul></div>
{weblinks_html()}
{counter_html(self.id, self.today)}
</div>
{footer_html(self.spec)}
</div></div>
</form>
</body>
</html>
<!--u: {self._us_stamp()}-->"""

    def _us_stamp(self) -> str:
        """The server's US-ordered render stamp, month first: a date trap for naive parsers."""
        d = self.today - dt.timedelta(days=3)
        return f"{d.month}/{d.day}/{d.year} 8:09:13 AM"

    def datepicker_html(self, day: dt.date | None = None) -> str:
        day = day or self.today
        return ('<div class="ms-webpart-chrome datepicker"><h2 class="ms-webpart-titleText"><span>'
                'PublishingPortal - Block_TinTheoNgay</span></h2>'
                f'<span>Các tin đã đưa ngày:</span> <input type="text" class="ms-input" name="date" '
                f'value="{dmy(day)}" /> <a class="btn-xem" href="{esc(self.date_path(day))}">Xem</a></div>')

    def item_html(self, e: Entry, with_lead: bool = True) -> str:
        lead = f'<p class="sapo">{esc(e.article.lead)}</p>' if with_lead and e.article.lead else ""
        return (f'<div class="news-item"><a href="{esc(self.article_path(e))}"><img src="{esc(self.image_path(e, 0))}" '
                f'alt="" class="thumb" /></a><h3><a href="{esc(self.article_path(e))}">{esc(e.title)}</a></h3>'
                f'<span class="date">({dmy(e.published)})</span>{lead}</div>')

    def home_html(self) -> str:
        items = self.visible()
        parts = ['<div class="ms-webpart-chrome"><h2 class="ms-webpart-titleText"><span>PublishingPortal - '
                 'Block_TinNoiBat</span></h2>']
        parts += [self.item_html(e, with_lead=i == 0) for i, e in enumerate(items[:6])]
        parts.append(f'<a class="more" href="{esc(self.listing_path(None))}">Xem tiếp</a></div>')
        for cat in self.spec.categories:
            its = self.in_category(cat)[:3]
            if its:
                parts.append(f'<div class="block-cat"><h2><a href="{esc(self.listing_path(cat))}">'
                             f'{esc(cat.name)}</a></h2>{"".join(self.item_html(e, False) for e in its)}</div>')
        return "\n".join(parts)

    def listing_html(self, cat: Category | None, page: int) -> str:
        items, pages_ = self.page_of(self.in_category(cat), page)
        body = "\n".join(self.item_html(e) for e in items) or "<p>Chưa có tin bài.</p>"
        nums = " ".join(f"<span class=\"current\">{n}</span>" if n == page else
                        f'<a href="{esc(self.listing_path(cat, n))}">{n}</a>' for n in page_numbers(page, pages_))
        nxt = f' <a href="{esc(self.listing_path(cat, page + 1))}">Trang sau</a>' if page < pages_ else ""
        return ('<div class="ms-webpart-chrome"><h2 class="ms-webpart-titleText"><span>PublishingPortal - '
                f'Block_DanhSachTin</span></h2><h1 class="cat-title">{esc(cat.name if cat else "Tin tức")}</h1>'
                f'{body}<div class="pager">{nums}{nxt}</div></div>')

    def day_page(self, raw: str) -> Response:
        try:
            day = dt.datetime.strptime(raw, "%d/%m/%Y").date()
        except ValueError:
            day = self.today
        items = self.on_day(day)
        inner = "\n".join(self.item_html(e) for e in items) or pages.no_news_html(dmy(day))
        nav = self.calendar_links(day, self.date_path, dmy)
        return html(self.layout(f"Các tin đã đưa ngày {dmy(day)}",
                                f'<h1>Các tin đã đưa ngày {dmy(day)}</h1>{inner}{nav}{self.datepicker_html(day)}'))

    def search_html(self, k: str) -> str:
        hits = self.search(k) if k else []
        inner = "\n".join(self.item_html(e) for e in hits) or "<p>Không tìm thấy kết quả nào.</p>"
        return f'<h1>Kết quả tìm kiếm: {esc(k)}</h1>{inner}'

    def render_article(self, entry: Entry, req: Request) -> str:
        a = entry.article
        url = self.abs(self.article_path(entry))
        body = self.body_html(entry, lambda n: self.image_path(entry, n))
        lead = f'<div class="sapo"><strong>{esc(a.lead)}</strong></div>' if a.lead else ""
        others = "".join(f'<li><a href="{esc(self.article_path(e))}">{esc(e.title)}</a> '
                         f'<span class="date">({dmy(e.published)})</span></li>' for e in self.related(entry))
        main = f"""<div class="breadcrumb"><a href="{HOME}">Trang chủ</a> &gt;
<a href="{esc(self.listing_path(entry.category))}">{esc(entry.category.name)}</a></div>
<div class="ms-webpart-zone">
<div class="ms-webpart-chrome"><div class="ms-webpart-chrome-title"><h2 class="ms-webpart-titleText">
<span>PublishingPortal - Block_BanTin_Toolbar</span></h2></div>
<div class="toolbar"><span class="date">{esc(dmy_hm(a.published))}</span>
<div class="fontsize"><a href="javascript:ZoomIn();">Tăng cỡ chữ</a> <a href="javascript:ZoomOut();">Giảm cỡ chữ</a>
</div>
<a href="javascript:window.print();" class="print">In bài viết</a>
<a href="mailto:?subject={quote(a.title)}&amp;body={quote(url)}" class="email">Gửi email</a></div>
<h1 class="title">{esc(a.title)}</h1>
{lead}
</div>
<div class="ms-webpart-chrome"><div class="ms-webpart-chrome-title"><h2 class="ms-webpart-titleText">
<span>PublishingPortal - Block_BanTin_ViewData</span></h2></div>
<div class="article-content ms-rtestate-field">
{body}
</div>
{share_bar(url, a.title)}
</div>
</div>
<div class="other-news"><h3>CÁC BÀI VIẾT KHÁC</h3><ul>{others}</ul></div>"""
        return self.layout(a.title, main)


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value)) if value is not None else default
    except ValueError:
        return default
