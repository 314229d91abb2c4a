"""DotNetNuke (cb-hdnd), as on dbnd.phutho: ``/tabid/N/…`` URLs, ``dnn_ctr…`` ids, DesktopModules.

This old install is where the encodings go wrong: one article is served in windows-1258 (declared
in the header and in a meta tag), one as decomposed UTF-8 (NFD), one with every Vietnamese letter
as a character reference. It also has the "Lịch công tác" calendar whose ``?ngay=`` pages link to
the next and previous day without end.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

from sampleweb import pages
from sampleweb.body import BodyStyle
from sampleweb.common import (
    count,
    counter_html,
    dmy,
    esc,
    footer_html,
    hm,
    page_numbers,
    robots,
    share_bar,
    thousands,
    today_line,
    weblinks_html,
    weekday,
)
from sampleweb.site import Entry, PortalSite
from sampleweb.sites import Category
from sampleweb.wire import Request, Response, html

NEWS_TAB = 255
TABS = {37: "Giới thiệu", 38: "Văn bản", 39: "Thư viện ảnh", 40: "Liên hệ", 41: "Lịch công tác"}
_ARTICLE_RE = re.compile(r"^/tabid/255/post/(\d+)/([A-Za-z0-9-]+)\.aspx$", re.IGNORECASE)
_TAB_RE = re.compile(r"^/tabid/(\d+)/Default\.aspx$", re.IGNORECASE)


def dnn_date(when: dt.date) -> str:
    """``(03/10/2014, 08:15)`` or ``(03/10/2014)``."""
    return f"({dmy(when)}, {hm(when)})" if isinstance(when, dt.datetime) else f"({dmy(when)})"


class DotNetNukeSite(PortalSite):
    cms = "dotnetnuke"
    server_name = "Microsoft-IIS/7.5"
    id_range = (1000, 4999)
    article_traps = ("cp1258", "nfd", "charrefs")
    body_style = BodyStyle(lead_in_body=False, caption="table_em", signoff="right_strong", para="indent")

    # --- URLs -----------------------------------------------------------------------------

    def cat_tab(self, cat: Category | None) -> int:
        return NEWS_TAB if cat is None else NEWS_TAB + 1 + self.spec.categories.index(cat)

    def article_path(self, entry: Entry) -> str:
        return f"/tabid/{NEWS_TAB}/post/{entry.num}/{entry.slug}.aspx"

    def listing_path(self, cat: Category | None, page: int = 1) -> str:
        path = f"/tabid/{self.cat_tab(cat)}/Default.aspx"
        return path if page == 1 else f"{path}?page={page}"

    def calendar_path(self, day: dt.date) -> str:
        return f"/tabid/41/Default.aspx?ngay={day.isoformat()}"

    def image_path(self, entry: Entry, n: int) -> str:
        d = entry.article.published_at
        return f"/Portals/0/News/{d.year}/{d.month:02d}/{entry.num}_{n + 1}.jpg"

    # --- routing --------------------------------------------------------------------------

    def robots(self) -> Response:
        return robots(["/admin/", "/Login.aspx", "/Portals/_default/Logs/", "/Install/"])

    def route(self, req: Request) -> Response | None:
        path = req.path
        if path in ("/", "/Default.aspx", "/default.aspx"):
            return html(self.layout("Trang chủ", self.home_html()))
        if path.lower().startswith(("/login.aspx", "/admin")):
            return html(self.layout("Đăng nhập", pages.login_html()))
        m = _ARTICLE_RE.match(path)
        if m:
            entry = self.by_num.get(int(m.group(1)))
            if entry is None or entry.slug != m.group(2):
                return None
            return self.article_response(req, entry)
        m = _TAB_RE.match(path)
        if not m:
            return None
        tab = int(m.group(1))
        if tab in TABS:
            return html(self.layout(TABS[tab], self.tab_html(tab, req)))
        cats = {self.cat_tab(c): c for c in self.spec.categories}
        if tab != NEWS_TAB and tab not in cats:
            return None
        cat = cats.get(tab)
        page = _int(req.param("page"), 1)
        return html(self.layout(cat.name if cat else "Tin tức", self.listing_html(cat, page)))

    def tab_html(self, tab: int, req: Request) -> str:
        if tab == 37:
            return pages.about_html(self.spec)
        if tab == 38:
            return pages.documents_html("/Portals/0/VanBan/{file}")
        if tab == 39:
            return pages.gallery_html("/Portals/0/Album/{n}.jpg", dmy(self.today))
        if tab == 40:
            return pages.contact_html(self.spec)
        try:
            day = dt.date.fromisoformat(req.param("ngay") or "")
        except ValueError:
            day = self.today
        return self.schedule_html(day)

    def schedule_html(self, day: dt.date) -> str:
        """A week-day work schedule that exists for every date: the second calendar trap."""
        if day.weekday() >= 5:
            rows = "<tr><td colspan=\"3\">Nghỉ</td></tr>"
        else:
            rows = ("<tr><td>Sáng</td><td>08h00</td><td>Thường trực HĐND tỉnh làm việc tại trụ sở</td></tr>"
                    "<tr><td>Chiều</td><td>14h00</td><td>Họp Thường trực HĐND tỉnh</td></tr>")
        nav = self.calendar_links(day, self.calendar_path, dmy)
        return (f'<div id="dnn_ctr470_LichCongTac"><h1>Lịch công tác {esc(weekday(day))}, ngày {dmy(day)}</h1>'
                f'<table class="lichcongtac"><thead><tr><th>Buổi</th><th>Giờ</th><th>Nội dung</th></tr></thead>'
                f"<tbody>{rows}</tbody></table>{nav}</div>")

    # --- pages ----------------------------------------------------------------------------

    def layout(self, title: str, main: str) -> str:
        menu = [("Trang chủ", "/"), ("Giới thiệu", "/tabid/37/Default.aspx"), ("Tin tức", self.listing_path(None))]
        menu += [(c.name, self.listing_path(c)) for c in self.spec.categories]
        menu += [("Lịch công tác", self.calendar_path(self.today)), ("Văn bản", "/tabid/38/Default.aspx"),
                 ("Thư viện ảnh", "/tabid/39/Default.aspx"), ("Liên hệ", "/tabid/40/Default.aspx")]
        nav = "".join(f'<li class="dnnmega-item"><a href="{esc(h)}"><span>{esc(t)}</span></a></li>' for t, h in menu)
        latest = "".join(f'<li><a href="{esc(self.article_path(e))}">{esc(e.title)}</a></li>'
                         for e in self.visible()[:5])
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xml:lang="vi-VN" lang="vi-VN" xmlns="http://www.w3.org/1999/xhtml">
<head id="Head"><meta content="text/html; charset=utf-8" http-equiv="Content-Type" />
<meta name="REVISIT-AFTER" content="1 DAYS" /><meta name="RATING" content="GENERAL" />
<meta name="RESOURCE-TYPE" content="DOCUMENT" />
<meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke " />
<title>
\t{esc(title)} - {esc(self.name)}
</title>
<link href="/Portals/_default/default.css" type="text/css" rel="stylesheet" />
<link href="/DesktopModules/NewsArticles/module.css" type="text/css" rel="stylesheet" />
<link href="/Portals/_default/Skins/HDND/skin.css" type="text/css" rel="stylesheet" />
<script src="/Resources/Shared/scripts/jquery/jquery.min.js" type="text/javascript"></script>
</head>
<body id="Body">
<form method="post" action="/" id="Form" enctype="multipart/form-data">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRkJmRW3yIiP5WhSfkXqMrO4U4=" />
<div id="dnn_wrapper"><a name="top"></a>
<div id="dnn_header"><div class="logo"><a id="dnn_dnnLOGO_hypLogo" title="{esc(self.name)}" href="/">
<img id="dnn_dnnLOGO_imgLogo" src="/Portals/0/banner.jpg" alt="{esc(self.name)}" /></a></div>
<span id="dnn_dnnCURRENTDATE_lblDate" class="DateToday">{esc(today_line(self.today))}</span>
<a id="dnn_dnnLOGIN_loginLink" class="LoginLink" rel="nofollow" href="/Login.aspx?returnurl=%2f">Đăng nhập</a></div>
<div id="dnn_pnav"><ul class="dnnmega">{nav}</ul></div>
<div class="loading" id="dnn_loading">Loading...</div>
<div id="dnn_ContentPane" class="ContentPane">
{main}
</div>
<div id="dnn_RightPane" class="RightPane"><div class="DnnModule DnnModule-NewsArticles"><div class="c_head">
<h2 class="c_title"><span id="dnn_ctr460_dnnTITLE_titleLabel" class="Head">Tin mới</span></h2></div>
<div id="dnn_ctr460_ContentPane"><ul>{latest}</ul></div></div>
{weblinks_html()}{counter_html(self.id, self.today)}</div>
<div id="dnn_footer">{footer_html(self.spec, "Footer")}
<span id="dnn_dnnCOPYRIGHT_lblCopyright" class="Copyright">Copyright 2014 by {esc(self.spec.owner)}</span></div>
</div>
</form>
</body>
</html>"""

    def item_html(self, e: Entry, with_lead: bool = True) -> str:
        href = esc(self.article_path(e))
        lead = f'<div class="news-summary">{esc(e.article.lead)}</div>' if with_lead and e.article.lead else ""
        return (f'<div class="news-item"><a href="{href}">'
                f'<img src="{esc(self.image_path(e, 0))}" alt="" class="news-thumb" /></a>'
                f'<a class="news-title" href="{href}">{esc(e.title)}</a> '
                f'<span class="date">{dnn_date(e.published)}</span>{lead}</div>')

    def home_html(self) -> str:
        parts = ['<div class="DnnModule"><div id="dnn_ctr455_ContentPane">']
        parts += [self.item_html(e, i == 0) for i, e in enumerate(self.visible()[:6])]
        parts.append("</div></div>")
        for cat in self.spec.categories:
            items = self.in_category(cat)[:3]
            if items:
                parts.append(f'<div class="DnnModule"><h2 class="c_title">'
                             f'<a href="{esc(self.listing_path(cat))}">{esc(cat.name)}</a>'
                             f'</h2>{"".join(self.item_html(e, False) for e in items)}</div>')
        return "\n".join(parts)

    def listing_html(self, cat: Category | None, page: int) -> str:
        shown, pages_ = self.page_of(self.in_category(cat), page)
        body = "\n".join(self.item_html(e) for e in shown) or "<p>Không có tin bài.</p>"
        links = [f'<span class="current">{n}</span>' if n == page else
                 f'<a href="{esc(self.listing_path(cat, n))}">{n}</a>' for n in page_numbers(page, pages_)]
        if page < pages_:
            links.append(f'<a href="{esc(self.listing_path(cat, page + 1))}">Trang sau</a>')
        return (f'<div id="dnn_ctr455_ViewNews"><h1 class="c_title">{esc(cat.name if cat else "Tin tức")}</h1>{body}'
                f'<div class="PagingTable">Trang: {" ".join(links)}</div></div>')

    def render_article(self, entry: Entry, req: Request) -> str:
        a = entry.article
        url = self.abs(self.article_path(entry))
        body = self.body_html(entry, lambda n: self.image_path(entry, n))
        summary = (f'<div id="dnn_ctr455_ViewNews_pnlSummary" class="news-summary"><strong>{esc(a.lead)}</strong>'
                   "</div>" if a.lead else "")
        others = "".join(f'<li><a href="{esc(self.article_path(e))}">{esc(e.title)}</a> '
                         f'<span class="date">{dnn_date(e.published)}</span></li>'
                         for e in self.related(entry))
        main = f"""<div class="DnnModule DnnModule-NewsArticles DnnModule-455"><a name="455"></a>
<div id="dnn_ctr455_ContentPane"><div id="dnn_ctr455_ModuleContent" class="DNNModuleContent ModNewsArticlesC">
<div id="dnn_ctr455_ViewNews_pnlArticle" class="news-detail">
<h1 id="dnn_ctr455_ViewNews_lblTitle" class="news-title">{esc(a.title)}</h1>
<span id="dnn_ctr455_ViewNews_lblDate" class="date">{dnn_date(a.published)}</span>
<div class="tools"><span>Cỡ chữ: <a href="javascript:setFontSize(12);">A-</a>
<a href="javascript:setFontSize(16);">A+</a></span>
<a href="javascript:window.print();">Bản in</a>
<a href="mailto:?subject={quote(a.title)}&amp;body={quote(url)}">Gửi email</a>
<span class="views">Đã xem: {thousands(count(a.id))}</span></div>
{summary}
<div id="dnn_ctr455_ViewNews_pnlContent" class="news-content">
{body}
</div>
{share_bar(url, a.title)}
</div>
<div id="dnn_ctr455_ViewNews_pnlOther" class="news-other"><h3>Các tin khác</h3><ul>{others}</ul></div>
</div></div></div>"""
        return self.layout(a.title, main)


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value)) if value is not None else default
    except ValueError:
        return default
