"""A commune portal of no known CMS (hp-tienlang): a local vendor's own PHP, two templates.

News and sessions (``/tin-tuc/<slug>-<id>.html``) run on the vendor's newer template: HTML5
``<article>``, ``<time>``, ``<figure>``. The council's own section still runs on the old module:
nested tables, ``<font>`` and ``<b>``, the headline a bold line, articles at
``/index.php?mod=hdnd&view=detail&id=N`` (a URL shape no rule calls an article), a "Tin mới" column
of dated links that nothing marks as a side column. Every other article of each template ends with
"Bài viết liên quan", five dated links. The articles are short (one to three paragraphs): nothing
but their shape says they are articles, since no generator, body class or path names a product
(``crawler.discovery.cms.detect_family`` finds none), so the crawler judges every page on its content alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from sampleweb import pages
from sampleweb.body import BodyStyle, render_body
from sampleweb.common import (
    count,
    counter_html,
    dmy,
    dmy_hm,
    esc,
    footer_html,
    footer_lines,
    iso,
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

SIMPLE = {"gioi-thieu": "Giới thiệu", "lien-he": "Liên hệ", "van-ban": "Văn bản", "thu-vien-anh": "Thư viện ảnh"}
OLD_MODULE = "hdnd"          # the category served by the old table module
OLD_PER_PAGE = 3
HTML5, TABLE = "html5", "table"


class CustomSite(PortalSite):
    cms: ClassVar[str | None] = None      # no family the crawler knows
    server_name = "Apache/2.4.41 (Win64) PHP/7.3.12"

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Every other article of each template (by id) ends with a "Bài viết liên quan" block.
        self._with_related: set[str] = set()
        for template in (HTML5, TABLE):
            ids = sorted(e.id for e in self._entries if self.template(e) == template)
            self._with_related.update(ids[::2])

    # --- URLs -----------------------------------------------------------------------------

    def template(self, entry: Entry) -> str:
        return TABLE if entry.category.key == OLD_MODULE else HTML5

    def article_path(self, entry: Entry) -> str:
        if self.template(entry) == TABLE:
            return f"/index.php?mod=hdnd&view=detail&id={entry.num}"
        return f"/tin-tuc/{entry.slug}-{entry.num}.html"

    def article_aliases(self, entry: Entry) -> tuple[str, ...]:
        return (f"/in-bai.php?id={entry.num}",)

    def listing_path(self, cat: Category | None, page: int = 1) -> str:
        if cat is not None and cat.key == OLD_MODULE:
            return "/index.php?mod=hdnd" + (f"&page={page}" if page > 1 else "")
        path = f"/{cat.slug}/" if cat else "/tin-tuc/"
        return path if page == 1 else f"{path}?trang={page}"

    def image_path(self, entry: Entry, n: int) -> str:
        d = entry.article.published_at
        return f"/uploads/tin-tuc/{d.year}/{d.month:02d}/{entry.num}-{n + 1}.jpg"

    # --- routing --------------------------------------------------------------------------

    def robots(self) -> Response:
        return robots(["/quan-tri/", "/uploads/tam/"])

    def route(self, req: Request) -> Response | None:
        path = req.path
        if path == "/":
            return html(self.layout("Trang chủ", self.home_html()))
        if path == "/index.php" and req.param("mod") == OLD_MODULE:
            return self.old_module(req)
        if path.startswith("/quan-tri"):
            return html(self.layout("Đăng nhập", pages.login_html("Đăng nhập quản trị")))
        if path == "/in-bai.php":
            entry = self.by_num.get(_int(req.param("id"), -1))
            return html(self.print_html(entry)) if entry is not None and self.is_visible(entry) else None
        if path == "/tim-kiem.html":
            words = req.param("tu-khoa") or ""
            hits = "".join(self.teaser_html(e) for e in self.search(words))
            return html(self.layout("Tìm kiếm", f"<h1>Kết quả tìm kiếm: {esc(words)}</h1>{hits}"))
        slug = path.strip("/").removesuffix(".html")
        if path.endswith(".html") and slug in SIMPLE:
            return html(self.layout(SIMPLE[slug], self.simple_html(slug)))
        if path.startswith("/tin-tuc/") and path.endswith(".html"):
            entry = next((e for e in self.visible() if self.article_path(e) == path), None)
            return self.article_response(req, entry)
        return self.news_listing(req)

    def news_listing(self, req: Request) -> Response | None:
        slug = req.path.strip("/")
        cat = None if slug == "tin-tuc" else self.category(slug)
        if (cat is None and slug != "tin-tuc") or (cat is not None and cat.key == OLD_MODULE):
            return None
        page = _int(req.param("trang"), 1)
        if page > self.page_of(self.in_category(cat), page)[1]:
            return None
        return html(self.layout(cat.name if cat else "Tin tức", self.listing_html(cat, page)))

    def old_module(self, req: Request) -> Response | None:
        if req.param("view") == "detail":
            entry = self.by_num.get(_int(req.param("id"), -1))
            if entry is None or self.template(entry) != TABLE:
                return None
            return self.article_response(req, entry)
        cat = self.category("hoat-dong-hdnd")
        page = _int(req.param("page"), 1)
        if cat is None or page > self.page_of(self.in_category(cat), page, OLD_PER_PAGE)[1]:
            return None
        return html(self.old_layout(cat.name, self.old_listing_html(cat, page)))

    def simple_html(self, slug: str) -> str:
        if slug == "gioi-thieu":
            return pages.about_html(self.spec)
        if slug == "lien-he":
            return pages.contact_html(self.spec)
        if slug == "van-ban":
            return pages.documents_html("/uploads/van-ban/{file}")
        return pages.gallery_html("/uploads/album/anh-{n}.jpg", dmy(self.today))

    # --- the newer template ---------------------------------------------------------------

    def menu(self) -> list[tuple[str, str]]:
        return [("Trang chủ", "/"), ("Giới thiệu", "/gioi-thieu.html"), ("Tin tức", "/tin-tuc/"),
                *[(c.name, self.listing_path(c)) for c in self.spec.categories],
                ("Văn bản", "/van-ban.html"), ("Thư viện ảnh", "/thu-vien-anh.html"), ("Liên hệ", "/lien-he.html")]

    def layout(self, title: str, main: str, head: str = "") -> str:
        nav = "".join(f'<li><a href="{esc(h)}">{esc(t)}</a></li>' for t, h in self.menu())
        latest = "".join(f'<li><a href="{esc(self.article_path(e))}">{esc(e.title)}</a> '
                         f'<span class="ngay">({dmy(e.published)})</span></li>' for e in self.visible()[:5])
        return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} | {esc(self.name)}</title>
<link rel="stylesheet" href="/giaodien/css/style.css">
<script src="/giaodien/js/jquery.min.js"></script>
{head}</head>
<body>
<div class="thanh-tren"><span class="hom-nay">{esc(today_line(self.today))}</span>
<a href="/quan-tri/">Đăng nhập</a></div>
<header class="dau-trang"><a href="/"><img src="/giaodien/images/banner.jpg" alt="{esc(self.name)}"></a>
<p class="ten-cong">{esc(self.name)}</p></header>
<nav class="menu-chinh"><ul>{nav}</ul>
<a href="/tim-kiem.html?tu-khoa=">Tìm kiếm</a></nav>
<div class="khung-chinh">
<main class="noi-dung">
{main}
</main>
<aside class="cot-phai"><section class="hop"><h3>Tin mới</h3><ul>{latest}</ul></section>
<section class="hop"><form action="/tim-kiem.html" method="get"><input type="text" name="tu-khoa"
 placeholder="Tìm kiếm..."><button type="submit">Tìm</button></form></section>
{weblinks_html()}{counter_html(self.id, self.today)}</aside>
</div>
<footer class="chan-trang">{footer_html(self.spec, "thong-tin")}</footer>
</body>
</html>"""

    def teaser_html(self, e: Entry) -> str:
        href = esc(self.article_path(e))
        summary = e.article.lead or e.article.paragraphs[0]
        short = summary if len(summary) < 220 else summary[:220].rsplit(" ", 1)[0] + "…"
        return (f'<article class="tin"><a href="{href}"><img src="{esc(self.image_path(e, 0))}" alt=""></a>'
                f'<h3><a href="{href}">{esc(e.title)}</a></h3>'
                f'<p class="ngay"><time datetime="{iso(e.published)}">{dmy(e.published)}</time></p>'
                f"<p>{esc(short)}</p></article>")

    def home_html(self) -> str:
        news = "\n".join(self.teaser_html(e) for e in self.visible()[:4])
        council = self.category("hoat-dong-hdnd")
        box = "".join(f'<li><a href="{esc(self.article_path(e))}">{esc(e.title)}</a> ({dmy(e.published)})</li>'
                      for e in self.in_category(council)[:4])
        return (f'<section class="tin-noi-bat"><h2>Tin tức - Sự kiện</h2>{news}</section>'
                f'<section class="hop-hdnd"><h2><a href="{esc(self.listing_path(council))}">Hoạt động HĐND</a>'
                f"</h2><ul>{box}</ul></section>")

    def listing_html(self, cat: Category | None, page: int) -> str:
        shown, pages_ = self.page_of(self.in_category(cat), page)
        items = "\n".join(self.teaser_html(e) for e in shown) or "<p>Chưa có tin bài.</p>"
        nums = " ".join(f"<span>{n}</span>" if n == page else f'<a href="{esc(self.listing_path(cat, n))}">{n}</a>'
                        for n in page_numbers(page, pages_))
        nxt = f' <a href="{esc(self.listing_path(cat, page + 1))}">Trang sau</a>' if page < pages_ else ""
        return (f'<h1 class="tieu-de-muc">{esc(cat.name if cat else "Tin tức")}</h1>{items}'
                f'<div class="phan-trang">{nums}{nxt}</div>')

    def related_links(self, entry: Entry) -> list[Entry]:
        """Five other articles, the older ones first, as the vendor's module picks them."""
        items = [e for e in self.visible() if e.id != entry.id]
        older = [e for e in items if e.article.published_at <= entry.article.published_at]
        return (older + [e for e in items if e not in older])[:5]

    def render_article(self, entry: Entry, req: Request) -> str:
        if self.template(entry) == TABLE:
            return self.old_article(entry)
        a = entry.article
        url = self.abs(self.article_path(entry))
        body = self.body_html(entry, lambda n: self.image_path(entry, n))
        related = ""
        if entry.id in self._with_related:
            items = "".join(f'<li><a href="{esc(self.article_path(e))}">{esc(e.title)}</a> '
                            f'<span class="ngay">({dmy(e.published)})</span></li>' for e in self.related_links(entry))
            related = (f'<section class="hop-tin"><h3 class="tieu-de-hop">Bài viết liên quan</h3><ul>{items}</ul>'
                       "</section>")
        main = f"""<article class="bai-viet">
<header><p class="chuyen-muc"><a href="{esc(self.listing_path(entry.category))}">{esc(entry.category.name)}</a></p>
<h1>{esc(a.title)}</h1>
<p class="thong-tin"><time datetime="{iso(a.published)}">{weekday(a.published)}, {dmy_hm(a.published)}</time>
 | Lượt xem: {thousands(count(a.id))}</p></header>
<div class="noi-dung-bai">
{body}
</div>
<footer><a href="/in-bai.php?id={entry.num}" rel="nofollow">In bài viết</a>
{share_bar(url, a.title, "chia-se")}</footer>
</article>
{related}"""
        return self.layout(a.title, main)

    def body_html(self, entry: Entry, image_src: Callable[[int], str]) -> str:
        style = _OLD_BODY if self.template(entry) == TABLE else _NEW_BODY
        return render_body(entry.article, style, image_src)

    # --- the old table module ---------------------------------------------------------------

    def old_layout(self, title: str, content: str) -> str:
        menu = " | ".join(f'<a href="{esc(h)}"><font color="#FFFFFF">{esc(t)}</font></a>' for t, h in self.menu())
        latest = "".join(f'<tr><td><a href="{esc(self.article_path(e))}">{esc(e.title)}</a> '
                         f'<font size="1" color="#666666">({dmy(e.published)})</font></td></tr>'
                         for e in self.visible()[:5])
        footer = "<br>".join(esc(line) for line in footer_lines(self.spec))
        return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(self.name)} - {esc(title)}</title>
<link rel="stylesheet" type="text/css" href="/cu/css/trang.css">
</head>
<body bgcolor="#FFFFFF" topmargin="0" leftmargin="0">
<table width="990" align="center" cellpadding="0" cellspacing="0" border="0">
<tr><td colspan="2"><img src="/cu/images/banner.jpg" width="990" height="120" alt=""></td></tr>
<tr><td colspan="2" bgcolor="#0B5394" height="28"><font color="#FFFFFF" size="2">{esc(today_line(self.today))}</font>
&nbsp; {menu} | <a href="/quan-tri/"><font color="#FFFFFF">Đăng nhập</font></a></td></tr>
<tr>
<td width="210" valign="top" bgcolor="#F2F6FB">
<table width="100%" cellpadding="4" cellspacing="0">
<tr><td bgcolor="#D9E4F2"><b>TIN MỚI</b></td></tr>
{latest}
<tr><td><a href="/tim-kiem.html?tu-khoa=">Tìm kiếm</a></td></tr>
</table>
</td>
<td width="780" valign="top">
{content}
</td>
</tr>
<tr><td colspan="2" align="center" bgcolor="#EEEEEE"><font size="1">{footer}</font><br>
<a href="#">Về đầu trang</a></td></tr>
</table>
</body>
</html>"""

    def old_listing_html(self, cat: Category, page: int) -> str:
        shown, pages_ = self.page_of(self.in_category(cat), page, OLD_PER_PAGE)
        rows = "".join(
            f'<tr><td valign="top"><a href="{esc(self.article_path(e))}"><b>{esc(e.title)}</b></a> '
            f'<font size="1" color="#666666">({dmy(e.published)})</font><br>'
            f'<font size="2">{esc(e.article.lead or e.article.paragraphs[0][:200].rsplit(" ", 1)[0] + "…")}</font>'
            f"</td></tr>" for e in shown)
        nums = " ".join(f"<b>{n}</b>" if n == page else f'<a href="{esc(self.listing_path(cat, n))}">{n}</a>'
                        for n in range(1, pages_ + 1))
        nxt = f' <a href="{esc(self.listing_path(cat, page + 1))}">Sau</a>' if page < pages_ else ""
        return (f'<table width="100%" cellpadding="6"><tr><td><font size="4" color="#990000"><b>'
                f"{esc(cat.name.upper())}</b></font></td></tr>{rows}"
                f'<tr><td align="center">Trang: {nums}{nxt}</td></tr></table>')

    def old_article(self, entry: Entry) -> str:
        a = entry.article
        url = self.abs(self.article_path(entry))
        body = self.body_html(entry, lambda n: self.image_path(entry, n))
        related = ""
        if entry.id in self._with_related:
            links = "".join(f'<a href="{esc(self.article_path(e))}">{esc(e.title)}</a> '
                            f'<font size="1">({dmy(e.published)})</font><br>' for e in self.related_links(entry))
            related = f"<tr><td><b>Bài viết liên quan:</b><br>{links}</td></tr>"
        content = f"""<table width="100%" cellpadding="6" cellspacing="0">
<tr><td><font size="1"><a href="/">Trang chủ</a> &raquo; <a href="{esc(self.listing_path(entry.category))}">
{esc(entry.category.name)}</a></font></td></tr>
<tr><td><font size="4" color="#990000"><b>{esc(a.title)}</b></font><br>
<font size="1" color="#666666">Ngày đăng: {dmy_hm(a.published)}</font></td></tr>
<tr><td>
{body}
</td></tr>
<tr><td><a href="/in-bai.php?id={entry.num}">In bài viết</a> {share_bar(url, a.title)}</td></tr>
{related}
</table>"""
        return self.old_layout(a.title, content)

    def print_html(self, entry: Entry) -> str:
        a = entry.article
        return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
                f'<meta name="robots" content="noindex"><title>{esc(a.title)}</title></head>'
                f'<body onload="window.print()"><h2>{esc(a.title)}</h2><p>Ngày đăng: {dmy_hm(a.published)}</p>'
                f"{self.body_html(entry, lambda n: self.image_path(entry, n))}<p>{esc(self.name)}</p></body></html>")

    # --- gold -----------------------------------------------------------------------------

    def entry_notes(self, entry: Entry) -> dict[str, object]:
        return {"template": self.template(entry), "related": entry.id in self._with_related}


_NEW_BODY = BodyStyle(lead_in_body=True, caption="figure", signoff="right_strong", para="plain")
_OLD_BODY = BodyStyle(lead_in_body=True, caption="table_em", signoff="right_b", para="justify")


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value)) if value is not None else default
    except ValueError:
        return default
