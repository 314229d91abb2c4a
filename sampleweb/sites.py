"""The eight sample portals: who they are, what they say about themselves, how they file news.

Identity (id, name, province, level, CMS family) is fixed by the corpus README, because the corpus
files name these ids. The rest is the furniture every Vietnamese portal has: the governing office,
the licence line, the editor in charge, the address; the crawler must learn to ignore all of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.lang.textnorm import fold


@dataclass(frozen=True)
class Category:
    """A news category: ``key`` is family-independent, ``slug`` is how this site spells it in URLs."""

    key: str
    name: str
    slug: str


@dataclass(frozen=True)
class SiteSpec:
    id: str
    name: str
    province: str
    level: str
    cms: str                # the module in sampleweb/cms/ ("custom": no CMS the crawler knows)
    domain: str             # the real-world host the site pretends to be (footer, e-mail)
    owner: str              # "Cơ quan chủ quản"
    editor: str             # "Chịu trách nhiệm chính"
    licence: str            # "Giấy phép số …"
    address: str
    phone: str
    categories: tuple[Category, ...]
    about: tuple[str, ...]


# Category keys, in the order an article is tested against them (first match wins).
_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kyhop", ("ky hop", "chat van")),
    ("giamsat", ("giam sat", "khao sat")),
    ("cutri", ("cu tri", "tiep cong dan", "bau cu")),
    ("hdnd", ("hdnd", "hoi dong nhan dan", "nghi quyet")),
)


def category_for(spec: SiteSpec, title: str, lead: str) -> Category:
    """File an article the way an editor would, from its title (and lead), never from the gold label."""
    own = {c.key: c for c in spec.categories}
    title_key = fold(title)
    both = title_key + " " + fold(lead)
    for text in (title_key, both):
        for key, words in _KEYWORDS:
            if any(w in text for w in words):
                # a site without its own "kỳ họp" section files sessions under its HĐND section
                for candidate in (key, "hdnd"):
                    if candidate in own:
                        return own[candidate]
    return own.get("tintuc", spec.categories[-1])


def _cats(*items: tuple[str, str, str]) -> tuple[Category, ...]:
    return tuple(Category(*i) for i in items)


SITES: tuple[SiteSpec, ...] = (
    SiteSpec(
        id="bk-hdnd", name="Hội đồng nhân dân tỉnh Bắc Kạn", province="Bắc Kạn", level="province",
        cms="sharepoint", domain="hdnd.backan.gov.vn",
        owner="Văn phòng Đoàn ĐBQH và HĐND tỉnh Bắc Kạn",
        editor="Chánh Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        licence="Giấy phép số 08/GP-TTĐT ngày 12/3/2019 của Sở Thông tin và Truyền thông tỉnh Bắc Kạn",
        address="Tổ 1, phường Đức Xuân, thành phố Bắc Kạn, tỉnh Bắc Kạn", phone="0209.3870.561",
        categories=_cats(("kyhop", "Kỳ họp HĐND", "Ky-hop-HDND"),
                         ("giamsat", "Hoạt động giám sát", "Hoat-dong-giam-sat"),
                         ("hdnd", "Hoạt động của HĐND", "Hoat-dong-HDND"),
                         ("tintuc", "Tin tức - Sự kiện", "Tin-tuc-Su-kien")),
        about=("Hội đồng nhân dân tỉnh Bắc Kạn là cơ quan quyền lực nhà nước ở địa phương, đại diện cho "
               "ý chí, nguyện vọng và quyền làm chủ của Nhân dân, do Nhân dân địa phương bầu ra.",
               "HĐND tỉnh khóa X, nhiệm kỳ 2021 - 2026 có 50 đại biểu; Thường trực HĐND tỉnh gồm Chủ tịch, "
               "các Phó Chủ tịch và các Ủy viên là Trưởng các Ban của HĐND tỉnh."),
    ),
    SiteSpec(
        id="bn-vphdnd", name="Văn phòng Đoàn ĐBQH và HĐND tỉnh Bắc Ninh", province="Bắc Ninh",
        level="province", cms="liferay", domain="vphdnd.bacninh.gov.vn",
        owner="Văn phòng Đoàn ĐBQH và HĐND tỉnh Bắc Ninh", editor="Chánh Văn phòng",
        licence="Giấy phép số 21/GP-STTTT ngày 05/6/2020 của Sở Thông tin và Truyền thông tỉnh Bắc Ninh",
        address="Số 11 đường Phù Đổng Thiên Vương, phường Suối Hoa, thành phố Bắc Ninh",
        phone="0222.3822.406",
        categories=_cats(("kyhop", "Kỳ họp", "ky-hop"),
                         ("cutri", "Tiếp xúc cử tri", "tiep-xuc-cu-tri"),
                         ("hdnd", "Hoạt động HĐND tỉnh", "hoat-dong-hdnd"),
                         ("tintuc", "Tin tổng hợp", "tin-tong-hop")),
        about=("Văn phòng Đoàn ĐBQH và HĐND tỉnh Bắc Ninh là cơ quan tham mưu, giúp việc, phục vụ hoạt "
               "động của Đoàn đại biểu Quốc hội, HĐND tỉnh, Thường trực HĐND và các Ban của HĐND tỉnh.",),
    ),
    SiteSpec(
        id="hd-binhgiang", name="Cổng thông tin điện tử huyện Bình Giang", province="Hải Dương",
        level="district", cms="vnportal", domain="binhgiang.haiduong.gov.vn",
        owner="Ủy ban nhân dân huyện Bình Giang", editor="Chánh Văn phòng HĐND và UBND huyện",
        licence="Giấy phép số 45/GP-TTĐT ngày 18/7/2017 của Sở Thông tin và Truyền thông tỉnh Hải Dương",
        address="Thị trấn Kẻ Sặt, huyện Bình Giang, tỉnh Hải Dương", phone="0220.3776.339",
        categories=_cats(("hdnd", "Hoạt động HĐND", "hoat-dong-hdnd"),
                         ("tintuc", "Tin tức - Sự kiện", "tin-tuc-su-kien")),
        about=("Huyện Bình Giang nằm ở phía Tây Nam tỉnh Hải Dương, gồm 16 xã, thị trấn, diện tích tự "
               "nhiên 104,7 km2.",),
    ),
    SiteSpec(
        id="dn-xuandong", name="Cổng thông tin điện tử xã Xuân Đông", province="Đồng Nai",
        level="commune", cms="nukeviet", domain="xuandong.dongnai.gov.vn",
        owner="Ủy ban nhân dân xã Xuân Đông", editor="Chủ tịch UBND xã Xuân Đông",
        licence="Giấy phép số 112/GP-STTTT ngày 20/8/2025 của Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Nai",
        address="Ấp Việt Kiều, xã Xuân Đông, tỉnh Đồng Nai", phone="0251.3740.115",
        categories=_cats(("hdnd", "Hoạt động HĐND xã", "hoat-dong-hdnd-xa"),
                         ("tintuc", "Tin tức - Sự kiện", "tin-tuc-su-kien")),
        about=("Xã Xuân Đông được thành lập từ ngày 01/7/2025 trên cơ sở sắp xếp các xã Xuân Đông, "
               "Xuân Tâm và Xuân Hưng cũ.",),
    ),
    SiteSpec(
        id="cb-hdnd", name="Hội đồng nhân dân tỉnh Cao Bằng", province="Cao Bằng", level="province",
        cms="dotnetnuke", domain="hdnd.caobang.gov.vn",
        owner="Văn phòng Đoàn ĐBQH và HĐND tỉnh Cao Bằng", editor="Chánh Văn phòng",
        licence="Giấy phép số 02/GP-STTTT ngày 10/01/2013 của Sở Thông tin và Truyền thông tỉnh Cao Bằng",
        address="Số 011 đường Hoàng Đình Giong, thành phố Cao Bằng", phone="0206.3852.243",
        categories=_cats(("kyhop", "Kỳ họp", "ky-hop"),
                         ("hdnd", "Hoạt động HĐND", "hoat-dong-hdnd"),
                         ("tintuc", "Tin tổng hợp", "tin-tong-hop")),
        about=("Hội đồng nhân dân tỉnh Cao Bằng khóa XVII, nhiệm kỳ 2021 - 2026 gồm 53 đại biểu.",),
    ),
    SiteSpec(
        id="bk-thanhpho", name="Cổng thông tin điện tử thành phố Bắc Kạn", province="Bắc Kạn",
        level="district", cms="wordpress", domain="backancity.gov.vn",
        owner="Ủy ban nhân dân thành phố Bắc Kạn", editor="Chánh Văn phòng HĐND và UBND thành phố",
        licence="Giấy phép số 15/GP-TTĐT ngày 30/5/2016 của Sở Thông tin và Truyền thông tỉnh Bắc Kạn",
        address="Số 2, đường Trường Chinh, phường Đức Xuân, thành phố Bắc Kạn", phone="0209.3870.290",
        categories=_cats(("hdnd", "Hoạt động HĐND", "hoat-dong-hdnd"),
                         ("tintuc", "Tin tức - Sự kiện", "tin-tuc-su-kien")),
        about=("Thành phố Bắc Kạn là trung tâm chính trị, kinh tế, văn hóa của tỉnh Bắc Kạn, gồm 6 "
               "phường và 2 xã.",),
    ),
    SiteSpec(
        id="bk-bao", name="Báo Bắc Kạn điện tử", province="Bắc Kạn", level="province", cms="joomla",
        domain="baobackan.org.vn", owner="Tỉnh ủy Bắc Kạn", editor="Tổng Biên tập",
        licence="Giấy phép số 86/GP-BTTTT ngày 02/3/2021 của Bộ Thông tin và Truyền thông",
        address="Tổ 10, phường Nguyễn Thị Minh Khai, thành phố Bắc Kạn", phone="0209.3870.165",
        categories=_cats(("hdnd", "Chính trị", "chinh-tri"),
                         ("tintuc", "Kinh tế - Xã hội", "kinh-te-xa-hoi")),
        about=("Báo Bắc Kạn là cơ quan ngôn luận của Đảng bộ, chính quyền và Nhân dân các dân tộc tỉnh "
               "Bắc Kạn.",),
    ),
    SiteSpec(
        id="hp-tienlang", name="Cổng thông tin điện tử xã Tiên Lãng", province="Hải Phòng", level="commune",
        cms="custom", domain="tienlang.haiphong.gov.vn", owner="Ủy ban nhân dân xã Tiên Lãng",
        editor="Chủ tịch UBND xã Tiên Lãng",
        licence="Giấy phép số 27/GP-SVHTTDL ngày 18/9/2025 của Sở Văn hóa, Thể thao và Du lịch thành phố Hải Phòng",
        address="Trụ sở HĐND - UBND xã Tiên Lãng, thành phố Hải Phòng", phone="0225.3883.216",
        categories=_cats(("kyhop", "Kỳ họp HĐND", "ky-hop-hdnd"),
                         ("hdnd", "Hoạt động HĐND", "hoat-dong-hdnd"),
                         ("tintuc", "Tin tức - Sự kiện", "tin-tuc-su-kien")),
        about=("Xã Tiên Lãng được thành lập từ ngày 01/7/2025 trên cơ sở sắp xếp thị trấn Tiên Lãng và các xã "
               "lân cận của huyện Tiên Lãng cũ, trực thuộc thành phố Hải Phòng.",),
    ),
)

SITE_IDS: tuple[str, ...] = tuple(s.id for s in SITES)
SPECS: dict[str, SiteSpec] = {s.id: s for s in SITES}
