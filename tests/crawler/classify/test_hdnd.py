"""crawler/classify/hdnd.py: the HĐND-news classifier, measured on the labelled corpus and on hard cases.

The corpus (sampleweb/corpus/*.toml) is the labelled set the issue asks for; precision and
recall are printed (run with -s to see them and the confusion list). Its hard negatives were written
for this classifier, so the hand-written cases below add what the corpus lacks: negatives that name
the council in a way that must not count, and positives that never use the abbreviation.
"""

from __future__ import annotations

import re
import timeit
import tomllib
import unicodedata

import pytest

from crawler.classify.hdnd import classify
from crawler.lang.textnorm import fold, fold_ascii
from tests.paths import REPO

CORPUS = REPO / "sampleweb" / "corpus"


def _corpus() -> list[dict]:
    return [tomllib.loads(p.read_text("utf-8")) for p in sorted(CORPUS.glob("*.toml"))]


def _verdict(article: dict):
    return classify(article["title"], article["lead"], "\n".join(article["paragraphs"]))


# (label, title, lead, body): short articles written for these tests.
EXTRA = [
    # Positives without the abbreviation, or with an unusual form of it.
    (True, "Hội đồng nhân dân xã Xuân Đông khai mạc kỳ họp thứ tám", "",
     "Sáng 10/12, Hội đồng nhân dân xã Xuân Đông khóa XII tổ chức kỳ họp thứ tám. Các đại biểu thảo luận "
     "báo cáo kinh tế - xã hội và thông qua 9 nghị quyết."),
    (True, "hoi dong nhan dan huyen cam my chat van ve ha tang giao thong", "",
     "tai ky hop thu 11, cac dai bieu hoi dong nhan dan huyen da chat van truong phong quan ly do thi."),
    (True, "TTHĐND huyện giám sát công tác giải quyết đơn thư của công dân", "",
     "Ngày 5/3, Thường trực Hội đồng nhân dân huyện giám sát việc giải quyết đơn thư tại UBND xã Tân Hồng."),
    (True, "Ban Kinh tế - Ngân sách HĐND tỉnh khảo sát tiến độ giải ngân vốn đầu tư công", "",
     "Đoàn khảo sát làm việc với Sở Kế hoạch và Đầu tư và UBND huyện về các dự án chậm tiến độ."),
    (True, "Đoàn ĐBQH và HĐND tỉnh tiếp xúc cử tri huyện Ba Bể", "",
     "Cử tri kiến nghị về đường giao thông liên xã và giá vật tư nông nghiệp. Đại biểu Quốc hội và đại "
     "biểu Hội đồng nhân dân tỉnh đã tiếp thu, giải trình."),
    (True, "Nghị quyết số 15/2024/NQ-HĐND quy định mức hỗ trợ người làm công tác tiếp công dân", "",
     "Nghị quyết do Hội đồng nhân dân tỉnh thông qua tại kỳ họp thứ 19, có hiệu lực từ ngày 1/8/2024."),
    (True, "Thường trực Hội đồng nhân dân tỉnh tiếp công dân định kỳ tháng 4", "",
     "Đồng chí Phó Chủ tịch Hội đồng nhân dân tỉnh chủ trì buổi tiếp công dân, tiếp nhận 6 lượt kiến nghị."),
    (True, "Ủy ban bầu cử huyện công bố kết quả bầu cử đại biểu Hội đồng nhân dân huyện", "",
     "Có 35 người trúng cử đại biểu Hội đồng nhân dân huyện nhiệm kỳ 2026 - 2031."),
    # Hard negatives: the council is named, but the article is not about it.
    (False, "Khai mạc Lễ hội đền Đồng Xâm năm 2024", "",
     "Dự lễ hội có đồng chí Nguyễn Văn An, Phó Chủ tịch Hội đồng nhân dân tỉnh; lãnh đạo Sở Văn hóa, "
     "Thể thao và Du lịch. Phần hội có đua thuyền, kéo co và hát chèo."),
    (False, "Giải cầu lông công nhân viên chức huyện năm 2023", "",
     "Giải do Công đoàn Văn phòng HĐND - UBND huyện tổ chức, thu hút 60 vận động viên của 14 đơn vị."),
    (False, "Quốc hội thông qua Luật Đất đai (sửa đổi)", "",
     "Chiều 18/1, tại Kỳ họp bất thường lần thứ 5, Quốc hội khóa XV biểu quyết thông qua Luật Đất đai. "
     "Các đại biểu Quốc hội đã chất vấn, thảo luận kỹ nhiều nội dung."),
    (False, "Hỗ trợ 200 hộ nghèo cải tạo nhà ở", "Thực hiện Nghị quyết số 12/2021/NQ-HĐND của HĐND tỉnh, "
     "UBND huyện Chợ Mới đã hỗ trợ 200 hộ nghèo cải tạo nhà ở.",
     "Mỗi hộ được hỗ trợ 40 triệu đồng. Các xã đã rà soát, bình xét công khai danh sách hộ được hỗ trợ."),
    (False, "Xã Xuân Đông tổ chức bầu cử trưởng ấp nhiệm kỳ 2025 - 2027", "",
     "Cuộc bầu cử trưởng ấp diễn ra dân chủ, đúng luật. Tỷ lệ cử tri đi bầu cử đạt 96%."),
    (False, "Tuyên dương học sinh giỏi năm học 2023 - 2024", "",
     "Sở Giáo dục và Đào tạo tổ chức lễ tuyên dương 150 học sinh giỏi.\n"
     "Đồng chí Lê Văn Bình, Phó Chủ tịch HĐND tỉnh trao Bằng khen cho các em học sinh. Ảnh: Minh Hà"),
    (False, "Đoàn ĐBQH tỉnh tiếp xúc cử tri trước Kỳ họp thứ 8, Quốc hội khóa XV", "",
     "Các đại biểu Quốc hội đã thông báo dự kiến chương trình kỳ họp và lắng nghe ý kiến cử tri."),
    (False, "Hội nghị giao ban công tác báo chí quý III", "",
     "Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị giao ban báo chí, định hướng tuyên truyền các nhiệm vụ trọng tâm."),
    (False, "Hội Nông dân tỉnh giám sát việc thực hiện chính sách", "",
     "Đoàn giám sát của Hội Nông dân tỉnh làm việc tại huyện Chợ Mới."),
    (False, "Công an tỉnh tiếp công dân định kỳ", "",
     "Đại tá Nguyễn Văn B, Giám đốc Công an tỉnh tiếp công dân định kỳ tháng 3."),
    (False, "Bầu cử Ban Chấp hành Công đoàn cơ sở", "",
     "Đại hội đã bầu cử Ban Chấp hành Công đoàn cơ sở nhiệm kỳ 2023 - 2028 gồm 7 đồng chí."),
    (False, "Đảng bộ xã tổ chức đại hội nhiệm kỳ 2025 - 2030", "",
     "Đại hội bầu Ban Chấp hành Đảng bộ xã. Đồng chí Lý Văn E, Bí thư Đảng ủy, Chủ tịch HĐND xã được bầu làm Bí thư."),
    (False, "Ngày hội văn hóa các dân tộc huyện Ba Bể", "",
     "Tới dự có đồng chí Trần Thị C, Chủ tịch HĐND huyện; đồng chí Lê Văn D, Chủ tịch UBND huyện. Ngày hội có "
     "nhiều hoạt động văn nghệ, thể thao."),
    # A one-line title that starts like a photo caption ("Đại biểu …") is still a title.
    (True, "Đại biểu HĐND tỉnh tiếp xúc cử tri sau kỳ họp", "", "Cử tri kiến nghị về giá điện, đường giao thông."),
    (True, "Thường trực HĐND huyện họp phiên thường kỳ tháng 5", "",
     "Phiên họp thống nhất nội dung, chương trình kỳ họp thường lệ giữa năm của HĐND huyện."),
]


def test_corpus_precision_and_recall() -> None:
    articles = _corpus()
    sites = {a["sites"][0] for a in articles}
    assert len(articles) >= 60, f"only {len(articles)} labelled articles"
    assert len(sites) >= 5, f"only sites {sorted(sites)}"
    assert any(a["hdnd"] for a in articles) and not all(a["hdnd"] for a in articles)
    tp = fp = fn = 0
    wrong = []
    scores: dict[bool, list[tuple[float, str]]] = {True: [], False: []}
    for article in articles:
        verdict = _verdict(article)
        scores[article["hdnd"]].append((verdict.score, article["id"]))
        tp += verdict.hdnd and article["hdnd"]
        fp += verdict.hdnd and not article["hdnd"]
        fn += article["hdnd"] and not verdict.hdnd
        if verdict.hdnd != article["hdnd"]:
            wrong.append(f"{article['id']} (gold {article['hdnd']}, score {verdict.score}): {verdict.reasons}")
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"\ncorpus: {len(articles)} articles, {len(sites)} sites, tp={tp} fp={fp} fn={fn}")
    print(f"precision {precision:.3f}, recall {recall:.3f}")
    print(f"lowest HĐND article: {min(scores[True])}; highest other: {max(scores[False])}")
    print("\n".join(wrong))
    assert precision >= 0.95 and recall >= 0.95, wrong


@pytest.mark.parametrize(("label", "title", "lead", "body"), EXTRA, ids=[case[1][:40] for case in EXTRA])
def test_hand_written_cases(label: bool, title: str, lead: str, body: str) -> None:
    verdict = classify(title, lead, body)
    assert verdict.hdnd is label, (verdict.score, verdict.reasons)


def test_guest_only_mention_is_not_hdnd_and_says_so() -> None:
    verdict = classify(
        "Khai mạc Lễ hội Lồng tồng Ba Bể",
        "",
        "Dự lễ khai mạc có các đồng chí: Hoàng Văn Lợi, Phó Bí thư Tỉnh ủy; Lương Thị Hạnh, Phó Chủ tịch "
        "HĐND tỉnh. Lễ hội có nhiều trò chơi dân gian như ném còn, kéo co.",
    )
    assert not verdict.hdnd
    assert any("khách mời" in r and "Lương Thị Hạnh, Phó Chủ tịch HĐND tỉnh" in r for r in verdict.reasons)


def test_session_without_the_abbreviation_is_hdnd() -> None:
    verdict = classify(
        "Bế mạc kỳ họp thứ 14, Hội đồng nhân dân tỉnh khóa X",
        "",
        "Hội đồng nhân dân tỉnh đã thông qua 18 nghị quyết quan trọng về kinh tế - xã hội.",
    )
    assert verdict.hdnd
    assert verdict.reasons[0].startswith("tiêu đề")


def test_nfd_and_tone_placement_give_the_same_verdict() -> None:
    title = "Thường trực Hội đồng nhân dân huyện giám sát tại Uỷ ban nhân dân xã Hoà Bình"
    body = "Đoàn giám sát đề nghị Ủy ban nhân dân xã khắc phục hạn chế trong quản lý đất công ích."
    base = classify(title, "", body)
    variants = [
        classify(unicodedata.normalize("NFD", title), "", unicodedata.normalize("NFD", body)),
        classify(title.replace("Uỷ", "Ủy").replace("Hoà", "Hòa"), "", body.replace("Ủy", "Uỷ")),
        classify(title.upper(), "", body),
        classify(title.replace("Đ", "Ð"), "", body),  # eth look-alike
    ]
    assert base.hdnd
    for v in variants:
        assert (v.hdnd, v.score) == (base.hdnd, base.score)


@pytest.mark.parametrize("args", [("", "", ""), ("   ", "\n\n", " \n "), ("Tin ảnh", "", "")])
def test_empty_or_tiny_text_is_not_hdnd(args: tuple[str, str, str]) -> None:
    verdict = classify(*args)
    assert not verdict.hdnd
    assert verdict.score <= 0


def test_a_caption_left_in_the_text_counts_less() -> None:
    body = "Lễ tuyên dương 150 học sinh giỏi diễn ra tại Nhà văn hóa tỉnh, có đông đảo phụ huynh tham dự.\n"
    caption = "Đại biểu HĐND tỉnh giám sát việc tổ chức lễ tuyên dương"
    as_caption = classify("Tuyên dương học sinh giỏi", "", body + caption)
    as_sentence = classify("Tuyên dương học sinh giỏi", "", body + caption + ".")
    credited = classify("Tuyên dương học sinh giỏi", "", body + caption + ". Ảnh: Minh Hà")
    assert as_caption.score < as_sentence.score and credited.score < as_sentence.score
    assert not as_caption.hdnd


def test_office_name_alone_is_not_hdnd() -> None:
    verdict = classify("Chi đoàn Văn phòng HĐND tỉnh trồng cây xanh", "", "Đoàn viên trồng 200 cây keo.")
    assert not verdict.hdnd
    assert any("tên cơ quan" in r for r in verdict.reasons)


def test_deterministic_and_reasons_are_readable() -> None:
    article = _corpus()[0]
    first, second = _verdict(article), _verdict(article)
    assert first == second
    assert first.reasons and all(isinstance(r, str) and r for r in first.reasons)
    hdnd, score, reasons = first  # the extractor unpacks it
    assert (hdnd, score, reasons) == (first.hdnd, first.score, first.reasons)


def test_fast_fold_gives_the_words_of_textnorm_fold() -> None:
    words = re.compile(r"[a-z0-9]+")
    for article in _corpus():
        text = "\n".join([article["title"], article["lead"], *article["paragraphs"]])
        for variant in (text, unicodedata.normalize("NFD", text), text.upper(), text.replace("Ủy", "Uỷ")):
            assert words.findall(fold_ascii(variant).decode()) == words.findall(fold(text)), article["id"]


def test_speed() -> None:
    articles = _corpus()
    _verdict(articles[0])  # compiles the rules

    def run() -> None:
        for article in articles:
            _verdict(article)

    per_article = min(timeit.repeat(run, number=3, repeat=5)) / 3 / len(articles)
    longest = max(articles, key=lambda a: len("".join(a["paragraphs"])))
    one = min(timeit.repeat(lambda: _verdict(longest), number=20, repeat=5)) / 20
    size = len("\n".join(longest["paragraphs"]).encode())
    print(f"\nclassify: {per_article * 1e6:.0f} µs per corpus article; longest ({size} bytes): {one * 1e6:.0f} µs")
