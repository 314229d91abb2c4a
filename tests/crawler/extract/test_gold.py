"""Extraction against the gold corpus: every article page of the seven sample portals (one per CMS
family, the five seeds rebuilt among them), fetched over HTTP as the crawler would, extracted, and
compared field by field with what the journalist should get.

The quality floor below is what the extractor measured when this test was written; the table of
per-field accuracy per family is printed (pytest -s, or on failure) so a regression shows where.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Iterator

import pytest

from crawler.extract import Extracted, extract
from crawler.lang.textnorm import fold
from sampleweb.client import fetch_page

FIELDS = ("title", "published", "author", "author_unit", "lead", "paragraphs", "captions", "clean")
# Measured: 100% on every field of all gold pages. Paragraphs are scored per paragraph (in order, no
# extra ones); the other fields per page.
FLOOR = {"title": 1.0, "published": 1.0, "author": 0.95, "author_unit": 0.95, "lead": 0.95,
         "paragraphs": 0.98, "captions": 0.95, "clean": 1.0}

# DOMAIN.md's boilerplate: none may survive in what a journalist quotes (title, lead, text, author).
BOILERPLATE = (
    "Xem với cỡ chữ", "Tăng cỡ chữ", "Giảm cỡ chữ", "Tương phản", "In bài viết", "Bản in", "Gửi email",
    "Lượt xem", "Đã xem", "CÁC BÀI VIẾT KHÁC", "Các tin khác", "Tin cùng chuyên mục", "Các tin đã đưa",
    "Về đầu trang", "Loading...", "khi phát hành lại thông tin", "Giấy phép số", "Chịu trách nhiệm chính",
    "PublishingPortal", "Block_", "Truy cập nội dung luôn", "Chia sẻ", "Tác giả bài viết", "Tin, ảnh:",
    "Ảnh:", "Nguồn:", "__VIEWSTATE", "/wEP",
)



@pytest.fixture(scope="module")
def results(sample_web) -> list[tuple[object, Extracted]]:  # type: ignore[no-untyped-def]
    out = []
    for url, page in sorted(sample_web.gold().items()):
        body, headers = fetch_page(url)
        out.append((page, extract(body, url, headers=headers)))
    return out


def _gold_published(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M") + "+07:00"
    return value.isoformat()


def _paragraph_score(gold: tuple[str, ...], mine: list[str]) -> tuple[int, int]:
    """Gold paragraphs found at their place, out of the longer of the two lists (extras count)."""
    hits = sum(1 for g, m in zip(gold, mine, strict=False) if g == m)
    return hits, max(len(gold), len(mine))


def _survivors(page: object, ex: Extracted) -> list[str]:
    quoted = fold(" ".join([ex.title, ex.lead, ex.text, ex.author, ex.author_unit]))
    truth = fold(" ".join([page.title, page.lead, *page.paragraphs]))  # type: ignore[attr-defined]
    return [b for b in BOILERPLATE if fold(b) in quoted and fold(b) not in truth]


def _checks(page: object, ex: Extracted) -> dict[str, bool]:
    p = page  # GoldPage
    return {
        "title": ex.title == p.title,  # type: ignore[attr-defined]
        "published": ex.published == _gold_published(p.published),  # type: ignore[attr-defined]
        "author": ex.author == p.author,  # type: ignore[attr-defined]
        "author_unit": ex.author_unit == p.author_unit,  # type: ignore[attr-defined]
        "lead": ex.lead == p.lead,  # type: ignore[attr-defined]
        "captions": ex.captions == list(p.captions),  # type: ignore[attr-defined]
        "clean": not _survivors(page, ex),
    }


def _table(results: list[tuple[object, Extracted]]) -> tuple[dict[str, float], str]:
    per: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for page, ex in results:
        fam = str(page.notes.get("cms"))  # type: ignore[attr-defined]
        for key in (fam, "ALL"):
            for name, ok in _checks(page, ex).items():
                per[key][name][0] += int(ok)
                per[key][name][1] += 1
            hits, total = _paragraph_score(page.paragraphs, ex.text.split("\n\n") if ex.text else [])  # type: ignore[attr-defined]
            per[key]["paragraphs"][0] += hits
            per[key]["paragraphs"][1] += total
    rows = ["family       pages " + " ".join(f"{f[:10]:>10}" for f in FIELDS)]
    for key in sorted(per, key=lambda k: (k == "ALL", k)):
        pages = per[key]["title"][1]
        cells = " ".join(f"{100 * per[key][f][0] / max(1, per[key][f][1]):9.1f}%" for f in FIELDS)
        rows.append(f"{key:<12} {pages:>5} {cells}")
    overall = {f: per["ALL"][f][0] / max(1, per["ALL"][f][1]) for f in FIELDS}
    return overall, "\n".join(rows)


def test_every_family_and_the_seeds_are_in_the_gold_set(results: list[tuple[object, Extracted]]) -> None:
    families = {page.notes.get("cms") for page, _ in results}  # type: ignore[attr-defined]
    assert families >= {"sharepoint", "liferay", "vnportal", "nukeviet", "dotnetnuke", "wordpress", "joomla"}
    seeds = {page.article_id for page, _ in results if page.article_id.startswith("seed-")}  # type: ignore[attr-defined]
    assert len(seeds) == 5


def test_accuracy_floor(results: list[tuple[object, Extracted]]) -> None:
    overall, table = _table(results)
    print("\nExtraction accuracy on the gold set (per field, % of pages; paragraphs: % of paragraphs)\n" + table)
    below = {f: round(overall[f], 4) for f in FIELDS if overall[f] < FLOOR[f]}
    assert not below, f"below the quality floor {FLOOR}:\n{table}"


def test_detected_family_is_the_sites(results: list[tuple[object, Extracted]]) -> None:
    wrong = [(page.url, page.notes["cms"], ex.cms) for page, ex in results  # type: ignore[attr-defined]
             if ex.cms != page.notes["cms"]]  # type: ignore[attr-defined]
    assert not wrong


def test_no_boilerplate_survives(results: list[tuple[object, Extracted]]) -> None:
    dirty = {page.url: _survivors(page, ex) for page, ex in results if _survivors(page, ex)}  # type: ignore[attr-defined]
    assert not dirty


def test_every_body_paragraph_in_order(results: list[tuple[object, Extracted]]) -> None:
    wrong = []
    for page, ex in results:
        mine = ex.text.split("\n\n") if ex.text else []
        if mine != list(page.paragraphs):  # type: ignore[attr-defined]
            wrong.append((page.url, len(mine), len(page.paragraphs)))  # type: ignore[attr-defined]
    assert len(wrong) <= 1, wrong


def test_status_ok_and_sources(results: list[tuple[object, Extracted]]) -> None:
    for page, ex in results:
        assert ex.status == "ok", (page.url, ex.problem)  # type: ignore[attr-defined]
        assert ex.published_source == "page", page.url  # type: ignore[attr-defined]


def _variants(results: list[tuple[object, Extracted]], note: str) -> Iterator[tuple[object, Extracted]]:
    return ((p, ex) for p, ex in results if note in p.notes)  # type: ignore[attr-defined]


@pytest.mark.parametrize("note", ["encoding", "form", "charrefs"])
def test_encodings_give_the_utf8_nfc_article(results: list[tuple[object, Extracted]], note: str) -> None:
    """windows-1258, NFD and character-reference pages come out exactly as their NFC gold."""
    pages = list(_variants(results, note))
    assert pages, f"the sample web serves no {note} page"
    for page, ex in pages:
        assert all(_checks(page, ex).values()), (page.url, _checks(page, ex))  # type: ignore[attr-defined]
        assert ex.text.split("\n\n") == list(page.paragraphs)  # type: ignore[attr-defined]
        for value in (ex.title, ex.lead, ex.text, ex.author, *ex.captions):
            assert unicodedata.is_normalized("NFC", value)


def test_view_state_pages_are_clean(results: list[tuple[object, Extracted]]) -> None:
    pages = list(_variants(results, "viewstate"))
    assert pages
    for page, ex in pages:
        assert ex.text.split("\n\n") == list(page.paragraphs), page.url  # type: ignore[attr-defined]
        assert "/wEP" not in ex.text and len(ex.text) < 20_000
