"""A small hand-made corpus whose right answers are known: the gold of the search behaviour suite.

Written before the engines. Each document exists to prove one statement of the search behaviour; its id says
which.
"""

from __future__ import annotations

from indexer.model import Doc


def _doc(doc_id: str, title: str, text: str, *, published: str, province: str = "Hải Dương",
         current: str = "Hải Phòng", level: str = "district", site: str = "hd-binhgiang",
         site_name: str = "Cổng thông tin điện tử huyện Bình Giang", lead: str = "",
         captions: list[str] | None = None, duplicates: list[str] | None = None, author: str = "") -> Doc:
    return Doc(
        id=doc_id, url=f"https://example.gov.vn/tin/{doc_id}.html", title=title, lead=lead, text=text,
        captions=captions or [], published=published, site=site, site_name=site_name, province=province,
        province_current=current, level=level, author=author, duplicates=duplicates or [],
    )


FILLER = ("Các đại biểu đã thảo luận sôi nổi, đóng góp nhiều ý kiến tâm huyết vào các báo cáo, "
          "tờ trình và dự thảo nghị quyết trình tại hội nghị. ")

DOCS: list[Doc] = [
    _doc("bg-ky-hop", "HĐND huyện Bình Giang tổ chức kỳ họp thứ 10",
         "Ngày 24/6, Hội đồng nhân dân huyện Bình Giang khai mạc kỳ họp thứ 10 khóa XX. " + FILLER,
         published="2024-06-26T16:34:00+07:00"),
    _doc("scattered", "Tổng kết công tác năm của hội phụ nữ",
         "Hội phụ nữ xã đã vận động nhân dân tham gia. Đồng chí Bình phát biểu. "
         "Phong trào dân vận được duy trì; giống lúa mới được đưa về Giang Sơn. " + FILLER,
         published="2024-06-20"),
    _doc("bk-tp", "HĐND TP Bắc Kạn giao ban triển khai nhiệm vụ quý II/2018",
         "Thường trực HĐND thành phố Bắc Kạn tổ chức giao ban với Thường trực HĐND các xã, phường. " + FILLER,
         published="2018-05-04T08:15:00+07:00", province="Bắc Kạn", current="Thái Nguyên",
         site="bk-thanhpho", site_name="Cổng thông tin điện tử thành phố Bắc Kạn"),
    _doc("thai-nguyen", "Thường trực Hội đồng nhân dân tỉnh Thái Nguyên giám sát đầu tư công",
         "Đoàn giám sát làm việc với Sở Kế hoạch và Đầu tư về giải ngân vốn đầu tư công. " + FILLER,
         published="2023-09-12", province="Thái Nguyên", current="Thái Nguyên", level="province",
         site="tn-hdnd", site_name="HĐND tỉnh Thái Nguyên"),
    _doc("nq-146", "Kỳ họp thông qua nghị quyết về hỗ trợ sản xuất nông nghiệp",
         "Kỳ họp đã thông qua Nghị quyết số 146/NQ-HĐND ngày 10/12/2023 về chính sách hỗ trợ. " + FILLER,
         published="2023-12-11", province="Cao Bằng", current="Cao Bằng", level="province", site="cb-hdnd",
         site_name="HĐND tỉnh Cao Bằng"),
    _doc("qcph-53", "Ký kết quy chế phối hợp giữa Thường trực HĐND, UBND và Ủy ban MTTQ",
         "Quy chế phối hợp số 53/QCPH-HĐND-UBND-UBMTTQ quy định trách nhiệm của mỗi bên. " + FILLER,
         published="2022-03-02", province="Cao Bằng", current="Cao Bằng", level="province", site="cb-hdnd",
         site_name="HĐND tỉnh Cao Bằng"),
    _doc("tone-hoi", "Đại biểu hội ý với cử tri xã Xuân Đông",
         "Trước kỳ họp, các đại biểu hội ý với cử tri về dự thảo nghị quyết. " + FILLER,
         published="2025-08-01", province="Đồng Nai", current="Đồng Nai", level="commune", site="dn-xuandong",
         site_name="Cổng thông tin điện tử xã Xuân Đông"),
    _doc("tone-hoi2", "Đại biểu hỏi ý kiến cử tri xã Xuân Đông",
         "Trước kỳ họp, các đại biểu hỏi ý kiến cử tri về dự thảo nghị quyết. " + FILLER,
         published="2025-08-01", province="Đồng Nai", current="Đồng Nai", level="commune", site="dn-xuandong",
         site_name="Cổng thông tin điện tử xã Xuân Đông"),
    _doc("uy-new-style", "Uỷ ban nhân dân huyện báo cáo tại kỳ họp",
         "Uỷ ban nhân dân huyện trình bày báo cáo tình hình kinh tế - xã hội. " + FILLER,
         published="2021-07-15"),
    _doc("ubnd-abbrev", "UBND tỉnh trả lời chất vấn của đại biểu",
         "Chủ tịch UBND tỉnh đã trả lời các câu hỏi của đại biểu HĐND. " + FILLER,
         published="2020-12-09", province="Cao Bằng", current="Cao Bằng", level="province", site="cb-hdnd",
         site_name="HĐND tỉnh Cao Bằng"),
    _doc("title-match", "Phiên chất vấn tại kỳ họp thứ 7",
         "Các đại biểu đặt câu hỏi với lãnh đạo các sở ngành. " + FILLER,
         published="2019-07-10", province="Bắc Ninh", current="Bắc Ninh", level="province", site="bn-vphdnd",
         site_name="Văn phòng Đoàn ĐBQH và HĐND tỉnh Bắc Ninh"),
    _doc("body-match", "Tổng kết hoạt động năm 2019",
         "Trong năm, Thường trực đã tổ chức một phiên chất vấn. " + FILLER * 3,
         published="2019-12-30", province="Bắc Ninh", current="Bắc Ninh", level="province", site="bn-vphdnd",
         site_name="Văn phòng Đoàn ĐBQH và HĐND tỉnh Bắc Ninh"),
    _doc("phrase-apart", "Kỳ họp bất thường và hội nghị thứ 10 của Ban",
         "Kỳ họp bất thường diễn ra trong một ngày; hội nghị thứ 10 của Ban được tổ chức sau đó. " + FILLER,
         published="2017-04-01"),
    _doc("eth", "Ðại biểu tiếp công dân định kỳ",
         "Ðoàn đại biểu tiếp công dân tại trụ sở tiếp công dân huyện. " + FILLER,
         published="2016-03-03", province="Bắc Kạn", current="Thái Nguyên", level="province", site="bk-hdnd",
         site_name="HĐND tỉnh Bắc Kạn"),
    _doc("html-text", "Cảnh báo mã độc trong văn bản <script>",
         "Nội dung có thẻ <script>alert(1)</script> và ký tự & cùng \"ngoặc kép\" trong kỳ họp HĐND. " + FILLER,
         published="2015-01-05", province="Cao Bằng", current="Cao Bằng", level="province", site="cb-hdnd",
         site_name="HĐND tỉnh Cao Bằng"),
    _doc("prox-together", "Báo cáo của Ban Pháp chế",
         "Ban Pháp chế đã xây dựng kế hoạch giám sát năm 2016 và trình Thường trực. " + FILLER * 3,
         published="2016-01-10"),
    _doc("prox-scattered", "Báo cáo của Ban Kinh tế",
         "Trong năm, Ban đã giám sát nhiều lĩnh vực và đề ra kế hoạch cho thời gian tới.",
         published="2016-01-11"),
    _doc("syndicated", "Giám sát việc thực hiện chính sách bảo hiểm y tế",
         "Ban Văn hóa - Xã hội HĐND tỉnh giám sát việc thực hiện chính sách bảo hiểm y tế. " + FILLER,
         published="2022-05-20", province="Bắc Ninh", current="Bắc Ninh", level="province", site="bn-vphdnd",
         site_name="Văn phòng Đoàn ĐBQH và HĐND tỉnh Bắc Ninh",
         duplicates=["https://baobacninh.example.vn/giam-sat-bhyt.html"]),
]

BY_ID = {d.id: d for d in DOCS}

HOSTILE_QUERIES = [
    '"unbalanced quote', "hội đồng\" nhân", "AND OR NOT", "+hội -đồng", "title:hội", "hội^3 đồng~2",
    "(((", ")", "*", "?", "\\", "'; DROP TABLE articles; --", 'province = "x" OR 1=1', "\x00\x01\x1f",
    "a" * 5000, "hội " * 1500, "<script>alert(1)</script>", "%00", "\u202e\u200b", "NOT", "''", '""', "-",
    "_id = 1", "site:x", "{}", "[1 TO 2]", "\ud7ff", "😀 hội đồng",
]
