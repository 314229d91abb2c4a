"""What every portal has regardless of its CMS: dates in Vietnamese, share bars, footers, assets.

Each family wraps these in its own markup; keeping the words here means the boilerplate the
extractor must learn to drop is the same on every site, as it is in the wild.
"""

from __future__ import annotations

import datetime as dt
import html
import zlib
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote

from sampleweb.sites import SiteSpec
from sampleweb.wire import Response, content

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
VN_TZ = dt.timezone(dt.timedelta(hours=7))


def esc(text: object) -> str:
    """Escape text for HTML content and attribute values, as every CMS template does."""
    return html.escape(str(text), quote=True)


def weekday(day: dt.date, lower: bool = False) -> str:
    """"Thứ Tư" (PostDate style) or "Thứ tư" (page-header style)."""
    name = WEEKDAYS[day.weekday()]
    return name[0] + name[1:].lower() if lower else name


def dmy(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def hm(when: dt.datetime) -> str:
    return f"{when.hour:02d}:{when.minute:02d}"


def dmy_hm(when: dt.date) -> str:
    """"26/06/2024 16:34", or the date alone when only a date is known."""
    return dmy(when) + (" " + hm(when) if isinstance(when, dt.datetime) else "")


def iso(when: dt.date) -> str:
    """W3C date-time with the Vietnam offset ("2024-06-26T16:34:00+07:00"); date alone stays a date."""
    if isinstance(when, dt.datetime):
        return when.replace(tzinfo=VN_TZ).isoformat()
    return when.isoformat()


def rfc822(when: dt.date) -> str:
    """RSS pubDate: "Wed, 26 Jun 2024 16:34:00 +0700"."""
    moment = when if isinstance(when, dt.datetime) else dt.datetime(when.year, when.month, when.day)
    return moment.replace(tzinfo=VN_TZ).strftime("%a, %d %b %Y %H:%M:%S %z")


def today_line(today: dt.date) -> str:
    """The page-header date that is not a publication date: "Thứ sáu, ngày 22/11/2024"."""
    return f"{weekday(today, lower=True)}, ngày {dmy(today)}"


def count(key: str, low: int = 120, high: int = 9800) -> int:
    """A stable pseudo-random counter ("Lượt xem: 1234") derived from a key."""
    return low + zlib.crc32(key.encode()) % (high - low)


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def share_links(url: str, title: str) -> list[tuple[str, str, str]]:
    """(class, label, href) of the off-site share targets every portal shows under an article."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        ("facebook", "Chia sẻ Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("zalo", "Chia sẻ Zalo", f"https://sp.zalo.me/share_inline?d={u}&layout=1&color=blue"),
        ("twitter", "Twitter", f"https://twitter.com/intent/tweet?url={u}&text={t}"),
        ("email", "Gửi email", f"mailto:?subject={t}&body={u}"),
    ]


def share_bar(url: str, title: str, css: str = "share-bar") -> str:
    links = "".join(f'<a class="share-{c}" href="{esc(h)}" target="_blank" rel="nofollow" title="{esc(label)}">'
                    f'{esc(label)}</a> ' for c, label, h in share_links(url, title))
    return f'<div class="{css}">{links}</div>'


def footer_lines(spec: SiteSpec) -> list[str]:
    return [
        f"Cơ quan chủ quản: {spec.owner}",
        spec.licence,
        f"Chịu trách nhiệm chính: {spec.editor}",
        f"Địa chỉ: {spec.address}",
        f"Điện thoại: {spec.phone} - Email: banbientap@{spec.domain}",
        f"Ghi rõ nguồn \"{spec.name}\" hoặc \"{spec.domain}\" khi phát hành lại thông tin từ website này.",
    ]


def footer_html(spec: SiteSpec, css: str = "footer") -> str:
    lines = "".join(f"<p>{esc(line)}</p>" for line in footer_lines(spec))
    return f'<div class="{css}">{lines}<p><a href="#top" class="back-to-top">Về đầu trang</a></p></div>'


WEBLINKS = (
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn"),
    ("Quốc hội Việt Nam", "https://quochoi.vn"),
    ("Báo Đại biểu Nhân dân", "https://daibieunhandan.vn"),
    ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "https://vbpl.vn"),
)


def weblinks_html() -> str:
    """The "Liên kết website" drop-down: off-site links a crawler must not follow."""
    opts = "".join(f'<option value="{esc(u)}">{esc(n)}</option>' for n, u in WEBLINKS)
    return ('<div class="weblinks"><h3>Liên kết website</h3><select onchange="window.open(this.value)">'
            f'<option value="">-- Chọn liên kết --</option>{opts}</select></div>')


def counter_html(site_id: str, today: dt.date) -> str:
    total = 1_000_000 + count(site_id + "total", 0, 900_000) + (today.toordinal() % 1000) * 37
    return (f'<div class="counter"><p>Đang truy cập: {count(site_id + "online", 8, 90)}</p>'
            f'<p>Tổng lượt truy cập: {thousands(total)}</p></div>')


def robots(disallow: Iterable[str], sitemap: str | None = None, allow: Iterable[str] = ()) -> Response:
    lines = ["User-agent: *", *(f"Disallow: {p}" for p in disallow), *(f"Allow: {p}" for p in allow)]
    if sitemap:
        lines += ["", f"Sitemap: {sitemap}"]
    return content("\n".join(lines) + "\n", "text/plain; charset=utf-8")


def page_numbers(page: int, pages: int, window: int = 2) -> list[int]:
    """The page links a pager shows around the current page: 1 … 4 5 [6] 7 8 … 20."""
    keep = {1, pages, *range(max(1, page - window), min(pages, page + window) + 1)}
    return sorted(keep)


# --- tiny real files for the asset URLs pages reference -------------------------------------

_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010101000100010000ffdb0043000302020202020302020203030303040604040404040806"
    "06050609080a0a090809090a0c0f0c0a0b0e0b09090d110d0e0f101011100a0c12131210130f101010ffdb0043010303"
    "0304030408040408100b090b101010101010101010101010101010101010101010101010101010101010101010101010"
    "1010101010101010101010101010ffc00011080010001003012200021101031101ffc400160001010100000000000000"
    "000000000000070405ffc4002410000104010402020300000000000000000102030406050708121311220014093132ff"
    "c4001501010100000000000000000000000000000006ffc4002311000102050305000000000000000000000102110304"
    "05062100123115166181e1ffda000c03010002110311003f0014a6d26a1b73c1e61312d4951cf31163e42565beba5aec"
    "694540b1e520b254a51fd2cab8faf220ab963d976c9335e69b77d7e66da71781a5571c7f1cea71e24b39d7e32253f21a"
    "69ded4714a38b482e84b892a71691ecd2d213bf1efb91a74aceea15a758ed548ac655b858b81857b21299867a96b94b9"
    "49654fb9c88529114b812af07ad9f23c807e55be0df662a140cce8e69a3d5cb743b3d77a6558b1d9512188bf64b8d3f1"
    "c3680429c0d0febb3c02e03c5407b4bdd97b54e627fb6edf9460148262138db8529828370589727960e432896fc3828e"
    "a7528cea208dbe78191f07ad7fffd9"
)
_GIF = bytes.fromhex("47494638396101000100800000ffffff00000021f90401000000002c00000000010001000002024401003b")


@lru_cache(maxsize=1)
def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (len(data).to_bytes(4, "big") + kind + data
                + zlib.crc32(kind + data).to_bytes(4, "big"))
    ihdr = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) \
        + chunk(b"IEND", b"")


def pdf_bytes(title: str) -> bytes:
    """A small valid one-page PDF (ASCII text only, as scanned-and-OCRed resolutions often are)."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 60 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


_CSS = "body{font-family:Arial,Helvetica,sans-serif;font-size:14px}.clear{clear:both}\n"
_JS = "/* portal script */\nfunction ChangeFontSize(n){document.body.style.fontSize=n+'px';}\n"


def static_response(path: str) -> Response | None:
    """Serve the asset kinds pages link to (images, styles, scripts, PDFs) by extension."""
    lower = path.lower()
    cache = [("Cache-Control", "public, max-age=86400")]
    if lower.endswith((".jpg", ".jpeg")):
        return content(_JPEG, "image/jpeg", headers=cache)
    if lower.endswith(".png"):
        return content(_png(), "image/png", headers=cache)
    if lower.endswith((".gif", ".ico")):
        return content(_GIF, "image/gif" if lower.endswith(".gif") else "image/x-icon", headers=cache)
    if lower.endswith(".css"):
        return content(_CSS, "text/css", headers=cache)
    if lower.endswith(".js"):
        return content(_JS, "application/javascript", headers=cache)
    if lower.endswith(".pdf"):
        name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("-", " ").upper()
        return content(pdf_bytes(name), "application/pdf",
                       headers=[("Content-Disposition", f'inline; filename="{path.rsplit("/", 1)[-1]}"')])
    return None
