"""The non-article pages every portal has: about, contact, documents (with a PDF), photo gallery.

They carry Vietnamese text, dates and names too, which is the point: a crawler that archives
everything with enough words, or an extractor that treats any page as news, is caught here.
"""

from __future__ import annotations

from sampleweb.common import esc
from sampleweb.sites import SiteSpec

DOCUMENTS = (
    ("146/NQ-HĐND", "15/12/2022", "Nghị quyết về nhiệm vụ phát triển kinh tế - xã hội năm 2023",
     "nghi-quyet-146-nq-hdnd.pdf"),
    ("08/2020/NQ-HĐND", "10/7/2020", "Nghị quyết quy định chính sách hỗ trợ phát triển sản xuất",
     "nghi-quyet-08-2020-nq-hdnd.pdf"),
    ("53/QCPH-HĐND-UBND-UBMTTQ", "29/7/2021", "Quy chế phối hợp công tác giữa Thường trực HĐND, "
     "UBND và Ban Thường trực Ủy ban MTTQ Việt Nam", "quy-che-phoi-hop-53.pdf"),
)

ALBUMS = (
    "Quang cảnh kỳ họp",
    "Đại biểu thảo luận tại tổ",
    "Đoàn giám sát làm việc tại cơ sở",
    "Tiếp xúc cử tri sau kỳ họp",
    "Trao quyết định cho đại biểu",
    "Hội nghị giao ban quý",
)


def about_html(spec: SiteSpec) -> str:
    paras = "".join(f"<p>{esc(p)}</p>" for p in spec.about)
    return (f'<div class="about"><h1>Giới thiệu</h1>{paras}'
            f"<p>{esc(spec.owner)} chịu trách nhiệm quản lý nội dung cổng thông tin.</p></div>")


def contact_html(spec: SiteSpec) -> str:
    return (
        '<div class="contact"><h1>Liên hệ</h1>'
        f"<p><strong>{esc(spec.owner)}</strong></p>"
        f"<p>Địa chỉ: {esc(spec.address)}</p><p>Điện thoại: {esc(spec.phone)}</p>"
        f'<p>Email: <a href="mailto:banbientap@{esc(spec.domain)}">banbientap@{esc(spec.domain)}</a></p>'
        '<form method="post" action="#"><p><label>Họ và tên <input type="text" name="name" /></label></p>'
        '<p><label>Nội dung <textarea name="message"></textarea></label></p>'
        '<p><input type="submit" value="Gửi ý kiến" /></p></form></div>'
    )


def documents_html(pdf_href: str) -> str:
    """``pdf_href`` is a format string with ``{file}``, e.g. ``/uploads/van-ban/{file}``."""
    rows = "".join(
        f"<tr><td>{i}</td><td>{esc(num)}</td><td>{esc(date)}</td><td>{esc(title)}</td>"
        f'<td><a href="{esc(pdf_href.format(file=file))}" target="_blank">Tải về</a></td></tr>'
        for i, (num, date, title, file) in enumerate(DOCUMENTS, 1)
    )
    return ('<div class="documents"><h1>Văn bản</h1><table class="table-documents"><thead><tr><th>STT</th>'
            "<th>Số ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th><th>Tệp đính kèm</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>")


def gallery_html(img_href: str, today_str: str) -> str:
    """``img_href`` is a format string with ``{n}``."""
    items = "".join(
        f'<li><a href="{esc(img_href.format(n=n))}"><img src="{esc(img_href.format(n=n))}" alt="{esc(t)}" />'
        f"</a><p>{esc(t)}</p></li>" for n, t in enumerate(ALBUMS, 1)
    )
    return (f'<div class="gallery"><h1>Thư viện ảnh</h1><p class="updated">Cập nhật: {esc(today_str)}</p>'
            f'<ul class="album">{items}</ul></div>')


def no_news_html(day_label: str) -> str:
    return f'<p class="no-news">Không có tin nào được đưa trong ngày {esc(day_label)}.</p>'


def login_html(title: str = "Đăng nhập") -> str:
    return (f'<div class="login"><h1>{esc(title)}</h1><form method="post" action="#">'
            '<p><label>Tên đăng nhập <input type="text" name="username" /></label></p>'
            '<p><label>Mật khẩu <input type="password" name="password" /></label></p>'
            '<p><input type="submit" value="Đăng nhập" /></p></form></div>')
