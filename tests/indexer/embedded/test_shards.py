"""The embedded engine split in shards answers exactly as one index does, and a quoted phrase
ranked on its words (indexer/embedded/ranking.py) still returns only, and all, its matches.

The corpus is generated here with known phrase occurrences; expectations are computed from the
text, not from either engine.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from indexer.embedded import ranking, shards
from indexer.embedded import rerank as rerank_module
from indexer.embedded.engine import EmbeddedEngine
from indexer.embedded.fields import to_document
from indexer.embedded.schema import open_index
from indexer.model import Doc, SearchQuery
from indexer.tokens import fold_tokens

SENTENCES = [
    "Kỳ họp thứ mười HĐND tỉnh khai mạc sáng nay.",
    "Đại biểu chất vấn về kỳ họp và thứ tự ưu tiên đầu tư.",
    "Thứ trưởng dự họp, kỳ vọng nhiều đổi mới.",
    "Cử tri kiến nghị sửa đường giao thông nông thôn.",
    "Thường trực HĐND huyện giám sát giải ngân vốn đầu tư công.",
    "Hội đồng nhân dân thành phố thông qua nghị quyết về ngân sách.",
    "Tiếp xúc cử tri trước kỳ họp thường lệ giữa năm.",
    "Ban Pháp chế thẩm tra báo cáo về cải cách hành chính.",
]
RARE = "Ý kiến cử tri kỳ này được tổng hợp."   # the only place "tri kỳ" stand together
PROVINCES = [("Hải Dương", "Hải Phòng"), ("Bắc Kạn", "Thái Nguyên"), ("Thái Nguyên", "Thái Nguyên")]


def make_docs(count: int, seed: int = 11) -> list[Doc]:
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        province, current = PROVINCES[n % len(PROVINCES)]
        body = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 6)))
        if n % 50 == 7:
            body += " " + RARE
        docs.append(Doc(
            id=f"d{n:04d}", url=f"https://example.gov.vn/tin/{n}.html", title=f"Tin số {n}: {rng.choice(SENTENCES)}",
            lead="", text=body, captions=[], published=None if n % 13 == 5 else  # undated, as some pages are
            f"20{10 + n % 16:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00+07:00",
            site=f"site-{n % 5}", site_name=f"Cổng {n % 5}",
            province=province, province_current=current, level=("province", "district", "commune")[n % 3],
        ))
    return docs


def holds(doc: Doc, phrase: str) -> bool:
    words, want = fold_tokens(f"{doc.title}\n{doc.lead}\n{doc.text}"), fold_tokens(phrase)
    return any(words[i:i + len(want)] == want for i in range(len(words)))


DOCS = make_docs(300)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[EmbeddedEngine, EmbeddedEngine]:
    root = tmp_path_factory.mktemp("shards")
    single = EmbeddedEngine(root / "single", shards=1)
    split = EmbeddedEngine(root / "split", shards=2, shard_min=10)
    single.rebuild(DOCS)
    split.rebuild(DOCS)
    return single, split


def test_a_large_rebuild_is_split_and_a_small_one_is_not(tmp_path: Path) -> None:
    engine = EmbeddedEngine(tmp_path / "i", shards=2, shard_min=50)
    engine.rebuild(DOCS[:40])
    generation = next((tmp_path / "i").glob("g-*"))
    assert [p.name for p in generation.glob("s*")] == ["s0"]
    engine.rebuild(DOCS[:60])
    generation = next((tmp_path / "i").glob("g-*"))
    assert sorted(p.name for p in generation.glob("s*")) == ["s0", "s1"]
    assert engine.count() == 60


@pytest.mark.parametrize("q", ["", "kỳ họp", '"kỳ họp thứ"', "giám s", "HĐND", "cu tri"])
def test_shards_give_the_same_totals_facets_and_dated_pages(pair: tuple[EmbeddedEngine, EmbeddedEngine],
                                                            q: str) -> None:
    single, split = pair
    for sort in ("newest", "oldest"):
        for offset in (0, 20, 280):
            a = single.search(SearchQuery(q=q, sort=sort, offset=offset, limit=20))
            b = split.search(SearchQuery(q=q, sort=sort, offset=offset, limit=20))
            # undated articles come last in any order among themselves: compare dates, then who
            assert (b.total, [h.published for h in b.hits], b.facets) == (
                a.total, [h.published for h in a.hits], a.facets)
        whole = [{h.id for h in e.search(SearchQuery(q=q, sort=sort, limit=300)).hits} for e in pair]
        assert whole[0] == whole[1]
        dated = [[h.id for h in e.search(SearchQuery(q=q, sort=sort, limit=300)).hits if h.published] for e in pair]
        assert dated[0] == dated[1]
    assert split.timeline(SearchQuery(q=q)) == single.timeline(SearchQuery(q=q))


def test_deep_pages_merge_the_shards_in_order(pair: tuple[EmbeddedEngine, EmbeddedEngine],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    single, split = pair
    monkeypatch.setattr(shards, "DEEP_PAGE", 7)   # stream the shards a few hits at a time
    expected = [h for h in single.search(SearchQuery(q="kỳ họp", sort="newest", limit=300)).hits]
    pages = [split.search(SearchQuery(q="kỳ họp", sort="newest", limit=25, offset=o)) for o in range(0, 300, 25)]
    merged = [h for p in pages for h in p.hits]
    assert [h.published for h in merged] == [h.published for h in expected]
    assert sorted(h.id for h in merged) == sorted(h.id for h in expected)     # each once, none lost
    assert {p.total for p in pages} == {len(expected)}


@pytest.mark.parametrize("phrase", ['"kỳ họp thứ"', '"họp thứ"', '"thứ trưởng dự họp"', '"kỳ vọng nhiều"', '"tri kỳ"'])
@pytest.mark.parametrize("window", [5, 200])
def test_a_phrase_ranked_on_its_words_returns_exactly_its_matches(
        pair: tuple[EmbeddedEngine, EmbeddedEngine], monkeypatch: pytest.MonkeyPatch, phrase: str, window: int) -> None:
    """A window of 200 looks at every match of the words; a window of 5 finds enough holders of
    the phrase among the best 10 or 20, except for "tri kỳ", where the strict ranking takes over."""
    monkeypatch.setattr(ranking, "RERANK_WINDOW", window)
    monkeypatch.setattr(ranking, "LOOSE_POOL", 4 * window)
    gold = {d.id for d in DOCS if holds(d, phrase.strip('"'))}
    assert 0 < len(gold) < len(DOCS)
    for engine in pair:
        result = engine.search(SearchQuery(q=phrase, limit=min(window, 20), facets=True))
        assert result.total == len(gold)
        assert {h.id for h in result.hits} <= gold
        assert len(result.hits) == min(window, 20, len(gold))
        assert sum(result.facets["level"].values()) == len(gold)
        everything = engine.search(SearchQuery(q=phrase, limit=len(gold), facets=False))
        assert {h.id for h in everything.hits} == gold and everything.total == len(gold)


def test_updates_and_deletions_reach_the_shard_of_the_article(tmp_path: Path) -> None:
    engine = EmbeddedEngine(tmp_path / "i", shards=2, shard_min=10)
    engine.rebuild(DOCS[:100])
    changed = DOCS[:100][42]
    engine.upsert([Doc(**{**changed.as_dict(), "title": "Giám sát khu tái định cư Ngọc Xuyên"})])
    assert engine.count() == 100
    assert [h.id for h in engine.search(SearchQuery(q="ngoc xuyen")).hits] == [changed.id]
    assert engine.delete([changed.id, DOCS[7].id, "no-such-id"]) == 3
    assert engine.count() == 98
    assert engine.search(SearchQuery(q="ngoc xuyen")).total == 0


def test_an_index_written_before_shards_still_opens(tmp_path: Path) -> None:
    root = tmp_path / "i"
    generation = root / "g-20250101T000000-1-1"
    index = open_index(generation, create=True)
    writer = index.writer(64 * 1024 * 1024, 1)
    for doc in DOCS[:30]:
        writer.add_document(to_document(doc))
    writer.commit()
    writer.wait_merging_threads()
    (root / "CURRENT").write_text(generation.name, "utf-8")
    engine = EmbeddedEngine(root)
    assert engine.count() == 30
    gold = {d.id for d in DOCS[:30] if holds(d, "kỳ họp thứ")}
    assert {h.id for h in engine.search(SearchQuery(q='"kỳ họp thứ"', limit=30)).hits} == gold


def test_a_rare_phrase_of_common_words_falls_back_to_the_strict_ranking(
        pair: tuple[EmbeddedEngine, EmbeddedEngine], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ranking, "RERANK_WINDOW", 5)
    monkeypatch.setattr(ranking, "LOOSE_POOL", 20)
    counted: list[int] = []
    search = shards.MultiSearcher.search

    def spy(self: shards.MultiSearcher, query: object, limit: int, count: bool = True, **kw: object) -> object:
        if count:
            counted.append(limit)
        return search(self, query, limit, count, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(shards.MultiSearcher, "search", spy)
    result = pair[1].search(SearchQuery(q='"tri kỳ"', limit=5))
    assert counted == [5]   # the words' best 20 held too few: ranked and counted on the phrase itself
    gold = {d.id for d in DOCS if RARE in d.text}
    assert result.total == len(gold) == 6
    assert len(result.hits) == 5 and {h.id for h in result.hits} <= gold


def test_paging_in_order_continues_one_stream_per_shard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An export reads pages in order: each page must continue the shards' streams, not reread them
    from the first hit (which made a 50,000-row export quadratic)."""
    engine = EmbeddedEngine(tmp_path / "i", shards=2, shard_min=10)
    engine.rebuild(DOCS)
    monkeypatch.setattr(shards, "DEEP_PAGE", 7)
    opened: list[int] = []
    stream = shards.MultiSearcher._stream

    def counting(shard: int, *args: object) -> object:
        opened.append(shard)
        return stream(shard, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(shards.MultiSearcher, "_stream", staticmethod(counting))
    query = SearchQuery(q="kỳ họp", sort="newest", limit=25)
    pages = [engine.search(replace(query, offset=o)) for o in range(0, 150, 25)]
    assert opened == [0, 1]
    assert len({h.id for p in pages for h in p.hits}) == 150
    engine.search(replace(query, offset=100))            # a jump back starts over
    assert opened == [0, 1, 0, 1]
    engine.upsert([Doc(**{**DOCS[3].as_dict(), "title": "Kỳ họp bất thường"})])
    engine.search(replace(query, offset=125))            # the index changed: no stale stream
    assert opened == [0, 1, 0, 1, 0, 1]


@pytest.mark.parametrize("q", ["kỳ họp thứ", '"kỳ họp thứ"', "hội đồng", "cử tri"])
@pytest.mark.parametrize("size", [20, 7])
def test_pages_read_in_turn_give_each_match_once_in_one_order(
        pair: tuple[EmbeddedEngine, EmbeddedEngine], monkeypatch: pytest.MonkeyPatch, q: str, size: int) -> None:
    """Relevance pages before, across and after the re-scored window (and the exact-accent part of
    it) must add up to the one list: a journalist paging on, or an export, sees every article once."""
    monkeypatch.setattr(ranking, "RERANK_WINDOW", 30)
    monkeypatch.setattr(ranking, "LOOSE_POOL", 60)
    monkeypatch.setattr(rerank_module, "EXACT_WINDOW", 9)
    monkeypatch.setattr(ranking, "EXACT_WINDOW", 9)
    for engine in pair:
        whole = engine.search(SearchQuery(q=q, limit=300, facets=False))
        assert whole.total > 40
        pages = [engine.search(SearchQuery(q=q, limit=size, offset=o, facets=False)) for o in range(0, 300, size)]
        ids = [h.id for p in pages for h in p.hits]
        assert ids == [h.id for h in whole.hits]
        assert len(ids) == len(set(ids)) == whole.total


def test_a_phrase_export_finds_its_window_and_total_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every later page of a phrase query continues from the window and total of the first: an
    export must not re-rank and recount the phrase for each of its hundreds of pages."""
    engine = EmbeddedEngine(tmp_path / "i", shards=2, shard_min=10)
    engine.rebuild(DOCS)
    monkeypatch.setattr(ranking, "RERANK_WINDOW", 10)
    monkeypatch.setattr(shards, "DEEP_PAGE", 7)
    calls: list[str] = []
    candidates, count_later = ranking._candidates, shards.MultiSearcher.count_later

    def spy_candidates(*args: object) -> object:
        calls.append("window")
        return candidates(*args)  # type: ignore[arg-type]

    def spy_count(self: shards.MultiSearcher, query: object) -> object:
        calls.append("count")
        return count_later(self, query)  # type: ignore[arg-type]

    monkeypatch.setattr(ranking, "_candidates", spy_candidates)
    monkeypatch.setattr(shards.MultiSearcher, "count_later", spy_count)
    query = SearchQuery(q='"kỳ họp thứ"', limit=10, facets=False)
    gold = {d.id for d in DOCS if holds(d, "kỳ họp thứ")}
    pages = [engine.search(replace(query, offset=o)) for o in range(0, len(gold) + 10, 10)]
    assert {p.total for p in pages} == {len(gold)}
    ids = [h.id for p in pages for h in p.hits]
    assert len(ids) == len(set(ids)) and set(ids) == gold
    assert calls.count("window") == 1 and calls.count("count") == 1, calls
