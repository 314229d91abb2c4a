"""VNPT vnPortal on ASP.NET WebForms (hd-binhgiang): heavy view state, post-back paging, cookieless sessions.

Every list and article page is one ``<form>`` carrying a ~1.2 MB ``__VIEWSTATE``. Category lists
page only through ``__doPostBack`` (a POST back to the same URL); the all-news list pages through
plain ``?page=N`` links, so a crawler that cannot post still reaches every article. Some links
carry an ASP.NET cookieless-session segment ``/(S(…))/``. ``/hoi-dap`` always fails with a 500.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from functools import cached_property
from typing import ClassVar

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
from sampleweb.corpus import Article
from sampleweb.site import Entry, PortalSite
from sampleweb.sites import Category
from sampleweb.viewstate import hidden_fields
from sampleweb.wire import Request, Response, html

MAIN = "tin-tuc"
PAGER = "ctl00$ContentPlaceHolder1$ctl00$pager"
SIMPLE = {"gioi-thieu": "Giới thiệu", "lien-he": "Liên hệ", "van-ban": "Văn bản", "thu-vien-anh": "Thư viện ảnh"}
_SESSION_RE = re.compile(r"^/\(S\([a-z0-5]{24}\)\)")
_ARTICLE_RE = re.compile(r"^/([a-z0-9-]+)/([a-z0-9-]+)-(\d+)(\.aspx)?$")


def post_date(when: dt.date) -> str:
    """``Thứ Tư 26/06/2024 16:34`` (the date alone when the time is unknown)."""
    text = f"{weekday(when)} {dmy(when)}"
    return text + (f" {hm(when)}" if isinstance(when, dt.datetime) else "")


def session_segment(key: str) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz012345"
    n = zlib.crc32(key.encode()) * 0x9E3779B97F4A7C15
    chars = []
    for _ in range(24):
        n, r = divmod(n, len(alphabet))
        chars.append(alphabet[r])
    return "/(S(" + "".join(chars) + "))"


class VnPortalSite(PortalSite):
    cms = "vnportal"
    server_name = "Microsoft-IIS/10.0"
    id_range = (100000, 999999)
    page_notes: ClassVar[dict[str, object]] = {"viewstate": True}
    body_style = BodyStyle(lead_in_body=False, caption="center_em", signoff="right_b", para="span")

    # --- URLs -----------------------------------------------------------------------------

    @cached_property
    def _aspx_ids(self) -> frozenset[str]:
        """Articles from the older release keep the ``.aspx`` extension in their URL."""
        return self.every(3, 0)

    def article_path(self, entry: Entry) -> str:
        ext = ".aspx" if entry.id in self._aspx_ids else ""
        return f"/{entry.category.slug}/{entry.slug}-{entry.num}{ext}"

    def article_aliases(self, entry: Entry) -> tuple[str, ...]:
        return (f"/Print.aspx?id={entry.num}",)

    def listing_path(self, cat: Category | None, page: int = 1) -> str:
        path = f"/{cat.slug if cat else MAIN}"
        return path if page == 1 else f"{path}?page={page}"

    def image_path(self, entry: Entry, n: int) -> str:
        d = entry.article.published_at
        return f"/Uploads/images/tin-tuc/{d.year}/{d.month:02d}/{entry.num}-{n + 1}.jpg"

    # --- routing --------------------------------------------------------------------------

    def robots(self) -> Response:
        return robots(["/admin/", "/noi-bo/", "/WebResource.axd", "/ScriptResource.axd"])

    def handle(self, req: Request) -> Response:
        """IIS strips the cookieless-session segment before the page runs."""
        m = _SESSION_RE.match(req.path)
        if m:
            req = Request(req.method, req.path[m.end():] or "/", req.query, req.headers, req.body)
        return super().handle(req)

    def route(self, req: Request) -> Response | None:
        path = req.path.rstrip("/") or "/"
        if path in ("/", "/Default.aspx", "/trang-chu"):
            return self.form_page("Trang chủ", self.home_html(), "home")
        if path == "/hoi-dap":
            return self.server_error()
        if path.startswith(("/noi-bo", "/admin")):
            return html(self.layout("Đăng nhập", pages.login_html(), "login", small=True))
        if path == "/Print.aspx":
            entry = self.by_num.get(_int(req.param("id"), -1))
            return html(self.print_html(entry)) if entry and self.is_visible(entry) else None
        if path == "/tim-kiem":
            k = req.param("keyword") or ""
            hits = "".join(self.item_html(e) for e in self.search(k)) if k else ""
            return self.form_page("Tìm kiếm", f"<h1>Kết quả tìm kiếm: {esc(k)}</h1>{hits or '<p>Không tìm thấy.</p>'}",
                                  "search")
        if path[1:] in SIMPLE:
            return html(self.layout(SIMPLE[path[1:]], self.simple_html(path[1:]), path, small=True))
        m = _ARTICLE_RE.match(path)
        if m:
            entry = self.by_num.get(int(m.group(3)))
            if entry is None or entry.category.slug != m.group(1):
                return None
            return self.article_response(req, entry)
        slug = path[1:]
        cat = None if slug == MAIN else self.category(slug)
        if cat is None and slug != MAIN:
            return None
        page = _int(req.param("page"), 1)
        if req.method == "POST":
            form = req.form()
            arg = form.get("__EVENTARGUMENT", "")
            if form.get("__EVENTTARGET") == PAGER and arg.startswith("Page$"):
                page = _int(arg[5:], 1)
        return self.form_page(cat.name if cat else "Tin tức", self.listing_html(cat, page), path)

    def simple_html(self, slug: str) -> str:
        if slug == "gioi-thieu":
            return pages.about_html(self.spec)
        if slug == "lien-he":
            return pages.contact_html(self.spec)
        if slug == "van-ban":
            return pages.documents_html("/Uploads/files/{file}") + \
                '<p><a href="/noi-bo/van-ban">Văn bản nội bộ (cần đăng nhập)</a></p>'
        return pages.gallery_html("/Uploads/images/album/{n}.jpg", dmy(self.today))

    # --- pages ----------------------------------------------------------------------------

    def form_page(self, title: str, main: str, key: str) -> Response:
        return html(self.layout(title, main, key))

    def layout(self, title: str, main: str, key: str, small: bool = False) -> str:
        menu = [("Trang chủ", "/"), ("Giới thiệu", "/gioi-thieu"), ("Tin tức", self.listing_path(None))]
        menu += [(c.name, self.listing_path(c)) for c in self.spec.categories]
        menu += [("Văn bản", "/van-ban"), ("Thư viện ảnh", "/thu-vien-anh"), ("Hỏi đáp", "/hoi-dap"),
                 ("Liên hệ", "/lien-he")]
        nav = "".join(f'<li><a href="{esc(h)}">{esc(t)}</a></li>' for t, h in menu)
        sess = session_segment(key)
        latest = "".join(f'<li><a href="{esc(sess + self.article_path(e))}">{esc(e.title)}</a> '
                         f'<span class="date">({dmy(e.published)})</span></li>' for e in self.visible()[:6])
        state = hidden_fields(key, 4000) if small else hidden_fields(key)
        return f"""<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="vi">
<head id="ctl00_Head1"><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>
\t{esc(title)} - {esc(self.name)}
</title><link href="/App_Themes/Default/style.css" rel="stylesheet" type="text/css" /></head>
<body>
<form method="post" action="./{esc(key.rsplit('/', 1)[-1] if key.startswith('/') else '')}" id="aspnetForm">
{state}
<div class="wrapper"><a name="top"></a>
<div class="Header"><div class="Banner"><img src="/Uploads/images/banner.jpg" alt="{esc(self.name)}" /></div>
<div class="HeaderDate">{esc(today_line(self.today))}</div>
<div class="HeaderLinks"><a href="/noi-bo/dieu-hanh-tac-nghiep">Điều hành tác nghiệp</a> |
<a href="/noi-bo/thu-dien-tu">Thư điện tử công vụ</a></div>
<div class="HeaderSearch"><input name="ctl00$txtKeyword" type="text" id="ctl00_txtKeyword" />
<a href="/tim-kiem">Tìm kiếm</a></div></div>
<div class="MainMenu"><ul>{nav}</ul></div>
<div class="MainContent"><div class="ContentLeft">
{main}
</div>
<div class="ContentRight"><div class="BoxTinMoi"><div class="BoxTitle">Tin mới</div><ul>{latest}</ul></div>
{weblinks_html()}{counter_html(self.id, self.today)}</div></div>
{footer_html(self.spec, "Footer")}
</div>
</form>
</body>
</html>"""

    def item_html(self, e: Entry, with_lead: bool = True) -> str:
        href = esc(self.article_path(e))
        lead = f'<div class="ArticleSummary">{esc(e.article.lead)}</div>' if with_lead and e.article.lead else ""
        return (f'<div class="ArticleItem"><a href="{href}">'
                f'<img class="Thumb" src="{esc(self.image_path(e, 0))}" alt="" /></a>'
                f'<a class="ArticleTitle" href="{href}">{esc(e.title)}</a> <span class="PostDate">'
                f"({post_date(e.published)})</span>{lead}</div>")

    def home_html(self) -> str:
        parts = ['<div class="BoxTinNoiBat">'] + [self.item_html(e, i == 0) for i, e in enumerate(self.visible()[:6])]
        parts.append("</div>")
        for cat in self.spec.categories:
            items = self.in_category(cat)[:4]
            if items:
                parts.append(f'<div class="BoxCategory"><div class="BoxTitle"><a href="{esc(self.listing_path(cat))}">'
                             f'{esc(cat.name)}</a></div>{"".join(self.item_html(e, False) for e in items)}</div>')
        return "\n".join(parts)

    def listing_html(self, cat: Category | None, page: int) -> str:
        shown, pages_ = self.page_of(self.in_category(cat), page)
        body = "\n".join(self.item_html(e) for e in shown) or "<p>Chưa có tin bài.</p>"
        links = []
        for n in page_numbers(page, pages_):
            if n == page:
                links.append(f"<span>{n}</span>")
            elif cat is None:
                links.append(f'<a href="{esc(self.listing_path(None, n))}">{n}</a>')
            else:
                links.append(f"<a href=\"javascript:__doPostBack('{PAGER}','Page${n}')\">{n}</a>")
        if page < pages_:
            nxt = (f'<a href="{esc(self.listing_path(None, page + 1))}">Trang sau »</a>' if cat is None else
                   f"<a href=\"javascript:__doPostBack('{PAGER}','Page${page + 1}')\">Trang sau »</a>")
            links.append(nxt)
        return (f'<div class="CategoryTitle"><h1>{esc(cat.name if cat else "Tin tức")}</h1></div>{body}'
                f'<div class="Pager" id="ctl00_ContentPlaceHolder1_ctl00_pager">{" ".join(links)}</div>')

    def article_inner(self, entry: Entry) -> str:
        a: Article = entry.article
        body = self.body_html(entry, lambda n: self.image_path(entry, n))
        summary = f'<div class="ArticleSummary">{esc(a.lead)}</div>' if a.lead else ""
        return (f'<div class="ArticleHeader"><h1>{esc(a.title)}</h1></div>\n'
                f'<div class="PostDate">{post_date(a.published)}</div>\n{summary}\n'
                f'<div class="ArticleContent">\n{body}\n</div>')

    def render_article(self, entry: Entry, req: Request) -> str:
        a = entry.article
        url = self.abs(self.article_path(entry))
        sess = session_segment(self.article_path(entry))
        others = "".join(f'<li><a href="{esc(sess + self.article_path(e))}">{esc(e.title)}</a> '
                         f'<span class="PostDate">({dmy(e.published)})</span></li>' for e in self.related(entry))
        tools = (f'<div class="ArticleTool"><div class="TextSize">Xem với cỡ chữ <a '
                 f'href="javascript:ChangeFontSize(12)">A</a> '
                 f'<a href="javascript:ChangeFontSize(14)">A</a> <a href="javascript:ChangeFontSize(16)">A</a></div>'
                 f'<a href="/Print.aspx?id={entry.num}" target="_blank" class="Print">In bài viết</a> '
                 f'<a href="mailto:?subject={esc(a.title)}" class="Email">Gửi email</a> '
                 f'<span class="Views">Lượt xem: {thousands(count(a.id))}</span></div>')
        main = (f'<div class="Breadcrumb"><a href="/">Trang chủ</a> » <a '
                f'href="{esc(self.listing_path(entry.category))}">'
                f"{esc(entry.category.name)}</a></div>\n{tools}\n{self.article_inner(entry)}\n"
                f"{share_bar(url, a.title, 'ShareBar')}\n"
                f'<div class="OtherNews"><div class="BoxTitle">Tin cùng chuyên mục</div><ul>{others}</ul></div>')
        return self.layout(a.title, main, self.article_path(entry))

    def print_html(self, entry: Entry) -> str:
        return (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
                f"<title>{esc(entry.title)}</title></head><body onload=\"window.print()\">"
                f'<div class="PrintHeader">{esc(self.name)}</div>{self.article_inner(entry)}'
                f'<div class="PrintFooter">{esc(self.spec.domain)}</div></body></html>')


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value)) if value is not None else default
    except ValueError:
        return default
