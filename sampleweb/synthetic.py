"""One big generated portal for crawl benchmarks: thousands of articles, rendered on demand, fast.

The eight sample sites prove correctness on a few dozen hand-written articles; this one proves
throughput. Articles are a pure function of (seed, number), so nothing is stored and every run
sees the same site; pages are cached once rendered, and nothing sleeps, so the server can answer
hundreds of requests per second and the crawler is what gets measured.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
from functools import lru_cache

from crawler.lang.textnorm import slug
from sampleweb.body import BodyStyle, render_body
from sampleweb.common import dmy, dmy_hm, esc, footer_html, iso, robots, static_response, today_line
from sampleweb.corpus import Article, Caption, load_corpus
from sampleweb.gold import GoldPage, gold_page
from sampleweb.server import LoggedRequest, RequestLog, SiteServer
from sampleweb.sites import Category, SiteSpec
from sampleweb.textgen import FALLBACK, MarkovText, corpus_texts
from sampleweb.web import registry_text
from sampleweb.wire import Request, Response, html

PER_PAGE = 20
CATEGORIES = (Category("hdnd", "Hoạt động HĐND", "hoat-dong-hdnd"),
              Category("kinhte", "Kinh tế", "kinh-te"),
              Category("vanhoa", "Văn hóa - Xã hội", "van-hoa-xa-hoi"),
              Category("tintuc", "Tin tức - Sự kiện", "tin-tuc-su-kien"))
UNITS = ("huyện Thanh Miện", "xã Đoàn Tùng", "xã Hồng Quang", "thị trấn Thanh Miện", "xã Ngũ Hùng", "xã Lam Sơn",
         "xã Tứ Cường", "xã Thanh Tùng", "xã Cao Thắng", "xã Ngô Quyền")
TOPICS = ("việc thực hiện chương trình xây dựng nông thôn mới", "công tác quản lý, sử dụng đất đai",
          "tiến độ giải ngân vốn đầu tư công", "công tác cải cách hành chính", "việc thu, chi ngân sách xã",
          "chính sách hỗ trợ người có công", "công tác bảo vệ môi trường", "việc thực hiện chính sách bảo hiểm y tế")
HDND_TITLES = ("HĐND {unit} tổ chức kỳ họp thứ {n}, khóa {k}", "Thường trực HĐND {unit} giám sát {topic}",
               "Đại biểu HĐND {unit} tiếp xúc cử tri trước kỳ họp thứ {n}", "Ban Kinh tế - Xã hội HĐND huyện khảo "
                                                                            "sát {topic}",
               "HĐND {unit} thông qua {n} nghị quyết tại kỳ họp chuyên đề", "Thường trực HĐND {unit} tiếp công dân "
                                                                            "định kỳ tháng {m}",
               "Chất vấn về {topic} tại kỳ họp HĐND {unit}")
OTHER_TITLES = ("{unit} ra quân tổng vệ sinh môi trường", "Khai mạc hội thi văn nghệ quần chúng {unit} năm {y}",
                "{unit} triển khai {topic}", "Hội nghị tổng kết công tác phòng, chống thiên tai {unit} năm {y}",
                "Tập huấn chuyển đổi số cho cán bộ {unit}", "{unit} đón nhận bằng công nhận đạt chuẩn nông thôn mới",
                "Giải bóng đá thanh niên {unit} năm {y}")
AUTHORS = ("Minh Hà", "Thu Trang", "Văn Toàn", "Hồng Nhung", "Quang Huy", "Lan Anh")
ROMAN = ("XVIII", "XIX", "XX", "XXI")


class SyntheticSite:
    """A generated vnPortal-like (or WordPress-like) district portal of ``n_articles`` articles."""

    def __init__(self, n_articles: int = 2000, seed: int = 1, host: str = "127.0.0.1", port: int = 0,
                 style: str = "vnportal", today: dt.date | None = None, text: MarkovText | None = None) -> None:
        if style not in ("vnportal", "wordpress"):
            raise ValueError(f"style must be 'vnportal' or 'wordpress', got {style!r}")
        self.n_articles, self.seed, self.host, self.port, self.style = n_articles, seed, host, port, style
        self.id, self.cms = f"synthetic-{seed}", style
        self.name, self.province, self.level = "Cổng thông tin điện tử huyện Thanh Miện", "Hải Dương", "district"
        self.today = today or dt.date(2025, 6, 30)
        self.spec = SiteSpec(self.id, self.name, self.province, self.level, style, "thanhmien.haiduong.gov.vn",
                             "Ủy ban nhân dân huyện Thanh Miện", "Chánh Văn phòng HĐND và UBND huyện",
                             "Giấy phép số 31/GP-TTĐT ngày 02/8/2018 của Sở Thông tin và Truyền thông tỉnh Hải Dương",
                             "Thị trấn Thanh Miện, huyện Thanh Miện, tỉnh Hải Dương", "0220.3736.256",
                             CATEGORIES, ())
        self._text = text or _default_text()
        self._log = RequestLog()
        self._server: SiteServer | None = None
        self._article = lru_cache(maxsize=n_articles + 1)(self._make_article)
        self._page = lru_cache(maxsize=1024)(self._render)
        self._by_cat = self._categories()

    # --- life cycle -------------------------------------------------------------------------

    def start(self) -> SyntheticSite:
        if self._server is None:
            self._server = SiteServer(self.id, self.handle, self.host, self.port, self._log, threading.Event(),
                                      "Microsoft-IIS/10.0")
            self._server.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> SyntheticSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("start() the synthetic site first")
        return self._server.base_url

    @property
    def request_log(self) -> list[LoggedRequest]:
        return self._log.snapshot()

    def clear_log(self) -> None:
        self._log.clear()

    def registry_toml(self) -> str:
        return registry_text([(self.id, self.name, self.province, self.level, self.base_url + "/")])

    def article_urls(self) -> list[str]:
        return [self.base_url + self.article_path(i) for i in range(1, self.n_articles + 1)]

    def gold(self) -> dict[str, GoldPage]:
        out = {}
        for i in range(1, self.n_articles + 1):
            url = self.base_url + self.article_path(i)
            out[url] = gold_page(url, self.id, self._article(i), {"cms": self.style, "synthetic": True})
        return out

    # --- the articles ---------------------------------------------------------------------

    def _rng(self, i: int) -> random.Random:
        return random.Random(f"{self.seed}:{i}")

    def _categories(self) -> dict[str, list[int]]:
        by_cat: dict[str, list[int]] = {c.key: [] for c in CATEGORIES}
        for i in range(1, self.n_articles + 1):
            by_cat[self.category(i).key].append(i)
        return by_cat

    def category(self, i: int) -> Category:
        rng = self._rng(i)
        if rng.random() < 0.45:
            return CATEGORIES[0]
        return CATEGORIES[1 + rng.randrange(3)]

    def published(self, i: int) -> dt.datetime:
        """Article 1 is the newest; about one article every nine hours before it."""
        start = dt.datetime.combine(self.today, dt.time(8, 0)) - dt.timedelta(days=1)
        return start - dt.timedelta(minutes=540 * (i - 1) + (i * 37) % 300)

    def _make_article(self, i: int) -> Article:
        rng = self._rng(i)
        cat = self.category(i)
        hdnd = cat.key == "hdnd"
        fields = {"unit": rng.choice(UNITS), "topic": rng.choice(TOPICS), "n": rng.randint(2, 24),
                  "k": rng.choice(ROMAN), "m": rng.randint(1, 12), "y": self.published(i).year}
        title = rng.choice(HDND_TITLES if hdnd else OTHER_TITLES).format(**fields)
        title = title[0].upper() + title[1:]
        target, size, body = rng.randint(3000, 8000), 0, []     # body bytes, as on real portals
        while size < target:
            body.append(self._text.paragraph(rng))
            size += len(body[-1].encode())
        paras = tuple(body)
        lead = f"{title}. {self._text.sentence(rng)}"
        caps = tuple(Caption(rng.randrange(len(paras)), self._text.sentence(rng, 6, 12).rstrip("."))
                     for _ in range(rng.randint(0, 2)))
        caps = tuple(sorted(caps, key=lambda c: c.after))
        author = rng.choice(AUTHORS)
        return Article(id=f"{self.id}-{i}", hdnd=hdnd, label_note="synthetic", title=title,
                       published=self.published(i), lead=lead, paragraphs=paras, captions=caps, author=author,
                       author_unit="", signoff=author, sites=(self.id,))

    def slug_of(self, i: int) -> str:
        return slug(self._article(i).title)[:80].rstrip("-")

    def article_path(self, i: int) -> str:
        if self.style == "wordpress":
            d = self.published(i)
            return f"/{d.year}/{d.month:02d}/{self.slug_of(i)}-{10000 + i}/"
        return f"/{self.category(i).slug}/{self.slug_of(i)}-{10000 + i}"

    def listing_path(self, cat: Category | None, page: int) -> str:
        if self.style == "wordpress":
            base = f"/category/{cat.slug}/" if cat else "/"
            return base if page == 1 else f"{base}page/{page}/"
        base = f"/{cat.slug}" if cat else "/tin-tuc"
        return base if page == 1 else f"{base}?page={page}"

    # --- serving ----------------------------------------------------------------------------

    def handle(self, req: Request) -> Response:
        if req.path == "/robots.txt":
            return robots(["/admin/"])
        asset = static_response(req.path)
        if asset is not None:
            return asset
        page = self._page(req.path, req.query)
        return html(page) if page is not None else html("<h1>404 - Không tìm thấy trang</h1>", status=404)

    def _render(self, path: str, query: str) -> str | None:
        num = self._article_num(path)
        if num is not None:
            return self._article_page(num)
        page = 1
        if self.style == "wordpress" and "/page/" in path:
            path, _, rest = path.partition("page/")
            page = int(rest.strip("/")) if rest.strip("/").isdigit() else 0
        elif query.startswith("page="):
            page = int(query[5:]) if query[5:].isdigit() else 0
        key = path.strip("/").removeprefix("category/")
        if key == "" and self.style == "vnportal":
            return self._layout("Trang chủ", self._list_html(None, 1, home=True))
        cat = next((c for c in CATEGORIES if c.slug == key), None)
        if cat is None and key not in ("tin-tuc", ""):
            return None
        items = self._by_cat[cat.key] if cat else range(1, self.n_articles + 1)
        if page < 1 or (page - 1) * PER_PAGE >= max(1, len(items)):
            return None
        return self._layout(cat.name if cat else "Tin tức", self._list_html(cat, page))

    def _article_num(self, path: str) -> int | None:
        tail = path.rstrip("/").rsplit("-", 1)[-1]
        if not tail.isdigit():
            return None
        i = int(tail) - 10000
        return i if 1 <= i <= self.n_articles and self.article_path(i) == path else None

    def _list_html(self, cat: Category | None, page: int, home: bool = False) -> str:
        items = self._by_cat[cat.key] if cat else list(range(1, self.n_articles + 1))
        shown = items[(page - 1) * PER_PAGE: page * PER_PAGE]
        pages = max(1, -(-len(items) // PER_PAGE))
        rows = "".join(
            f'<div class="ArticleItem"><a class="ArticleTitle" '
            f'href="{esc(self.article_path(i))}">{esc(self._article(i).title)}</a>'
            f' <span class="PostDate">({dmy(self.published(i))})</span></div>' for i in shown)
        if home:
            rows += "".join(f'<p><a href="{esc(self.listing_path(c, 1))}">{esc(c.name)}</a></p>' for c in CATEGORIES)
            rows += f'<p><a href="{esc(self.listing_path(None, 1))}">Xem tất cả tin tức</a></p>'
            return rows
        nums = [n for n in (1, page - 2, page - 1, page + 1, page + 2, pages) if 1 <= n <= pages and n != page]
        pager = " ".join(f'<a href="{esc(self.listing_path(cat, n))}">{n}</a>' for n in sorted(set(nums)))
        nxt = f' <a href="{esc(self.listing_path(cat, page + 1))}">Trang sau »</a>' if page < pages else ""
        return f'<h1>{esc(cat.name if cat else "Tin tức")}</h1>{rows}<div class="Pager">{pager}{nxt}</div>'

    def _article_page(self, i: int) -> str:
        a = self._article(i)
        body = render_body(a, BodyStyle(lead_in_body=False, caption="center_em", signoff="right_strong"),
                           lambda n: f"/Uploads/images/{i}-{n + 1}.jpg")
        nearby = [j for j in (i - 2, i - 1, i + 1, i + 2, i + 3) if 1 <= j <= self.n_articles]
        others = "".join(f'<li><a href="{esc(self.article_path(j))}">{esc(self._article(j).title)}</a></li>'
                         for j in nearby)
        main = (f'<div class="ArticleHeader"><h1>{esc(a.title)}</h1></div><div class="PostDate">{dmy_hm(a.published)}'
                f'</div>'
                f'<meta itemprop="datePublished" content="{iso(a.published)}" />'
                f'<div class="ArticleSummary">{esc(a.lead)}</div><div class="ArticleContent">{body}</div>'
                f'<div class="OtherNews"><div class="BoxTitle">Tin cùng chuyên mục</div><ul>{others}</ul></div>')
        return self._layout(a.title, main)

    def _layout(self, title: str, main: str) -> str:
        menu = "".join(f'<li><a href="{esc(self.listing_path(c, 1))}">{esc(c.name)}</a></li>' for c in CATEGORIES)
        return (f'<!DOCTYPE html><html lang="vi"><head><meta http-equiv="Content-Type" content="text/html; '
                f'charset=utf-8" />'
                f"<title>{esc(title)} - {esc(self.name)}</title></head><body><div class=\"Header\">"
                f'<a href="/">{esc(self.name)}</a><div class="HeaderDate">{esc(today_line(self.today))}</div></div>'
                f'<div class="MainMenu"><ul><li><a href="/">Trang chủ</a></li>{menu}</ul></div>'
                f'<div class="MainContent">{main}</div>{footer_html(self.spec, "Footer")}</body></html>')


@lru_cache(maxsize=1)
def _default_text() -> MarkovText:
    try:
        texts = corpus_texts(load_corpus())
    except Exception:  # a half-written corpus file must not stop a benchmark
        texts = []
    return MarkovText(texts or [FALLBACK])
