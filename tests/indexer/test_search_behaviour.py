"""The search behaviour, run on every engine: the embedded default always, Meilisearch
when ``MEILI_URL`` is set (with ``MEILI_MASTER_KEY`` or ``MEILI_API_KEY``).

Expectations come from tests/search_corpus.py, written before the engines.
"""

from __future__ import annotations

import os
import unicodedata
import uuid
from collections.abc import Iterator
from datetime import date

import pytest

from indexer.model import SearchQuery, SearchResult
from tests.search_corpus import BY_ID, DOCS, HOSTILE_QUERIES

# "embedded-sharded": the embedded engine split in two shards however few the articles, the layout
# of a large archive (indexer/embedded/shards.py)
ENGINES = ["embedded", "embedded-sharded", "meilisearch"]


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from indexer.engines import open_engine

    if request.param == "meilisearch" and not os.environ.get("MEILI_URL"):
        pytest.skip("MEILI_URL is not set: no Meilisearch server to test against "
                    "(see README, 'Running the Meilisearch tests')")
    data = tmp_path_factory.mktemp(f"index-{request.param}")
    if request.param == "embedded-sharded":
        from indexer.embedded.engine import EmbeddedEngine

        eng: object = EmbeddedEngine(data / "index", shards=2, shard_min=1)
    else:
        eng = open_engine(request.param, data, index_name=f"test_{uuid.uuid4().hex[:10]}")
    eng.rebuild(DOCS)
    yield eng
    if request.param == "meilisearch":
        eng.drop()  # type: ignore[attr-defined]
    eng.close()


def ids(result: SearchResult) -> list[str]:
    return [h.id for h in result.hits]


def search(engine: object, q: str = "", **kw: object) -> SearchResult:
    return engine.search(SearchQuery(q=q, **kw))  # type: ignore[attr-defined]


# --- matching regardless of form -------------------------------------------------------------

@pytest.mark.parametrize("q", ["hoi dong nhan dan binh giang", "Hội đồng nhân dân Bình Giang",
                               "HỘI ĐỒNG NHÂN DÂN BÌNH GIANG", "hội đồng nhân dân bình giang"])
def test_diacritics_and_case_do_not_matter(engine: object, q: str) -> None:
    assert ids(search(engine, q))[:1] == ["bg-ky-hop"]


def test_nfd_query_equals_nfc_query(engine: object) -> None:
    nfd = unicodedata.normalize("NFD", "Hội đồng nhân dân Bình Giang")
    assert ids(search(engine, nfd)) == ids(search(engine, "Hội đồng nhân dân Bình Giang"))


@pytest.mark.parametrize("q", ["Ủy ban nhân dân huyện", "Uỷ ban nhân dân huyện", "uy ban nhan dan huyen"])
def test_tone_mark_placement_does_not_matter(engine: object, q: str) -> None:
    assert "uy-new-style" in ids(search(engine, q))


@pytest.mark.parametrize("q", ["đại biểu tiếp công dân", "dai bieu tiep cong dan", "Ðại biểu tiếp công dân",
                               "ĐẠI BIỂU TIẾP CÔNG DÂN"])
def test_d_with_stroke_and_eth_fold_to_d(engine: object, q: str) -> None:
    assert ids(search(engine, q))[:1] == ["eth"]


# --- abbreviations ----------------------------------------------------------------------------

def test_abbreviation_finds_expansion(engine: object) -> None:
    assert "uy-new-style" in ids(search(engine, "UBND huyện"))


def test_expansion_finds_abbreviation(engine: object) -> None:
    assert "ubnd-abbrev" in ids(search(engine, "ủy ban nhân dân tỉnh trả lời"))


def test_hdnd_both_ways(engine: object) -> None:
    found_by_abbrev = ids(search(engine, "HĐND Bình Giang"))
    found_by_words = ids(search(engine, "hội đồng nhân dân Bình Giang"))
    assert "bg-ky-hop" in found_by_abbrev and "bg-ky-hop" in found_by_words
    assert "bk-tp" in ids(search(engine, "hội đồng nhân dân thành phố Bắc Kạn"))
    assert "bk-tp" in ids(search(engine, "HĐND TP Bắc Kạn"))


# --- ranking ---------------------------------------------------------------------------------

def test_all_words_required(engine: object) -> None:
    assert search(engine, "Bình Giang Thái Nguyên").total == 0


def test_words_together_rank_above_scattered(engine: object) -> None:
    found = ids(search(engine, "hội đồng nhân dân bình giang"))
    assert found[0] == "bg-ky-hop"
    if "scattered" in found:
        assert found.index("scattered") > found.index("bg-ky-hop")


def test_words_in_order_rank_above_scattered_words(engine: object) -> None:
    found = ids(search(engine, "kế hoạch giám sát năm"))
    assert found.index("prox-together") < found.index("prox-scattered")


def test_title_match_ranks_above_body_match(engine: object) -> None:
    found = ids(search(engine, "chất vấn"))
    assert found.index("title-match") < found.index("body-match")


def test_quoted_phrase(engine: object) -> None:
    found = ids(search(engine, '"kỳ họp thứ 10"'))
    assert "bg-ky-hop" in found and "phrase-apart" not in found


def test_prefix_on_last_word(engine: object) -> None:
    assert "thai-nguyen" in ids(search(engine, "thái nguyên giám s"))
    assert "bg-ky-hop" in ids(search(engine, "hội đồng nhân dân bình gi"))


def test_document_numbers_as_written(engine: object) -> None:
    assert ids(search(engine, "146/NQ-HĐND")) == ["nq-146"]
    assert ids(search(engine, "53/QCPH-HĐND-UBND-UBMTTQ")) == ["qcph-53"]
    assert ids(search(engine, "146/nq-hdnd")) == ["nq-146"]


def test_dates_in_text_as_written(engine: object) -> None:
    assert ids(search(engine, "10/12/2023")) == ["nq-146"]


def test_exact_diacritics_rank_first_on_embedded(engine: object) -> None:
    if engine.name != "embedded":  # type: ignore[attr-defined]
        pytest.skip("Meilisearch stores only folded text: exact accents cannot rank first there")
    assert ids(search(engine, "hội ý cử tri"))[:2] == ["tone-hoi", "tone-hoi2"]
    assert ids(search(engine, "hỏi ý cử tri"))[:2] == ["tone-hoi2", "tone-hoi"]
    assert set(ids(search(engine, "hoi y cu tri"))) >= {"tone-hoi", "tone-hoi2"}


# --- filters, sorting, facets, pages -----------------------------------------------------------

@pytest.mark.parametrize("province", ["Hải Phòng", "hai phong", "TP Hải Phòng", "Hải Dương", "hai duong"])
def test_province_filter_old_or_current(engine: object, province: str) -> None:
    found = ids(search(engine, "", province=province, limit=100))
    assert "bg-ky-hop" in found and "bk-tp" not in found


def test_current_province_covers_old_members(engine: object) -> None:
    found = set(ids(search(engine, "", province="Thái Nguyên", limit=100)))
    assert {"bk-tp", "thai-nguyen", "eth"} <= found
    old_only = set(ids(search(engine, "", province="bac kan", limit=100)))
    assert {"bk-tp", "eth"} <= old_only and "thai-nguyen" not in old_only


def test_level_site_and_date_filters(engine: object) -> None:
    assert set(ids(search(engine, "", level="commune", limit=100))) == {"tone-hoi", "tone-hoi2"}
    assert set(ids(search(engine, "", site="bn-vphdnd", limit=100))) == {"title-match", "body-match", "syndicated"}
    found = set(ids(search(engine, "", since=date(2023, 9, 1), until=date(2023, 12, 31), limit=100)))
    assert found == {"thai-nguyen", "nq-146"}


def test_sorting(engine: object) -> None:
    newest = ids(search(engine, "", sort="newest", limit=100))
    oldest = ids(search(engine, "", sort="oldest", limit=100))
    assert newest[0] in ("tone-hoi", "tone-hoi2") and newest[-1] == "html-text"
    assert oldest == list(reversed(newest)) or oldest[0] == "html-text"
    dated = [BY_ID[i].published[:10] for i in newest]
    assert dated == sorted(dated, reverse=True)


def test_empty_query_lists_everything_newest_first(engine: object) -> None:
    result = search(engine, "", limit=100)
    assert result.total == len(DOCS)
    dated = [BY_ID[i].published[:10] for i in ids(result)]
    assert dated == sorted(dated, reverse=True)


@pytest.mark.parametrize("q", ["", "   ", "!!! ?", '""'])
def test_a_query_of_no_words_is_served_newest_first_and_says_so(engine: object, q: str) -> None:
    result = search(engine, q, limit=100)
    assert result.sort == "newest"
    dated = [BY_ID[i].published[:10] for i in ids(result)]
    assert dated == sorted(dated, reverse=True)


def test_facets(engine: object) -> None:
    f = search(engine, "", limit=1).facets
    assert f["province_current"]["Thái Nguyên"] == 3
    assert f["province"]["Bắc Kạn"] == 2
    assert f["level"]["commune"] == 2
    assert f["site"]["cb-hdnd"] == 4
    assert f["year"]["2019"] == 2


def test_pagination_with_total(engine: object) -> None:
    first = search(engine, "", limit=5, offset=0)
    second = search(engine, "", limit=5, offset=5)
    assert first.total == second.total == len(DOCS)
    assert not set(ids(first)) & set(ids(second))
    assert len(ids(first)) == 5


# --- snippets and safety -----------------------------------------------------------------------

def test_snippet_marks_words_on_accented_text(engine: object) -> None:
    hit = search(engine, "hoi dong nhan dan binh giang").hits[0]
    assert "<mark>Hội</mark>" in hit.snippet or "<mark>Hội đồng" in hit.snippet
    assert "Bình" in hit.snippet


def test_snippet_is_escaped(engine: object) -> None:
    hit = next(h for h in search(engine, "mã độc").hits if h.id == "html-text")
    assert "<script>" not in hit.snippet and "<script>" not in hit.title_html
    assert "&lt;script&gt;" in hit.snippet or "&lt;script&gt;" in hit.title_html


def test_duplicates_listed_on_the_hit(engine: object) -> None:
    hit = next(h for h in search(engine, "bảo hiểm y tế").hits if h.id == "syndicated")
    assert hit.duplicates == ["https://baobacninh.example.vn/giam-sat-bhyt.html"]


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_hostile_queries_never_raise(engine: object, q: str) -> None:
    result = search(engine, q)
    assert result.total >= 0
    for hit in result.hits:
        assert "<script>" not in hit.snippet


def test_long_query_says_it_was_shortened(engine: object) -> None:
    assert search(engine, "hội " * 1500).message


# --- keeping the index in step -----------------------------------------------------------------

def test_upsert_replaces_and_delete_removes(engine: object) -> None:
    from dataclasses import replace

    doc = replace(BY_ID["eth"], title="Ðại biểu tiếp công dân định kỳ tháng Chín", id="temp-doc")
    engine.upsert([doc])  # type: ignore[attr-defined]
    assert "temp-doc" in ids(search(engine, "tháng Chín"))
    engine.upsert([replace(doc, title="Tiêu đề đã sửa")])  # type: ignore[attr-defined]
    assert "temp-doc" not in ids(search(engine, "tháng Chín"))
    assert "temp-doc" in ids(search(engine, "tiêu đề đã sửa"))
    engine.delete(["temp-doc"])  # type: ignore[attr-defined]
    assert "temp-doc" not in ids(search(engine, "tiêu đề đã sửa"))
    assert engine.count() == len(DOCS)  # type: ignore[attr-defined]


def test_timeline_counts_per_month(engine: object) -> None:
    months = engine.timeline(SearchQuery(q="kỳ họp"))  # type: ignore[attr-defined]
    assert months.get("2024-06", 0) >= 1
    assert all(len(m) == 7 for m in months)
