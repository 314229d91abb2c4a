"""`hdnd index` and `hdnd search` on a crawled sample web: only HĐND news is searchable, copies
collapse into one hit, incremental runs send only what changed, rebuilds swap atomically."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.archive.store import Archive
from crawler.extract.model import Extracted
from indexer.engines import open_engine
from indexer.model import SearchQuery
from tests.conftest import FAST_CRAWL, run_hdnd
from tests.search_corpus import DOCS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def data(sample_web, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("indexed")
    registry = data / "sites.toml"
    sample_web.write_registry(registry)
    crawled = run_hdnd(["crawl", "--sites", str(registry), "--data", str(data), *FAST_CRAWL])
    assert crawled.returncode == 0, crawled.stderr[-2000:]
    indexed = run_hdnd(["index", "--data", str(data)])
    assert indexed.returncode == 0, indexed.stderr[-2000:]
    return data


def search_json(data: Path, *args: str) -> dict:
    result = run_hdnd(["search", *args, "--json", "--data", str(data)])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_only_hdnd_originals_are_searchable(data: Path, sample_web) -> None:
    gold = sample_web.gold()
    originals = {g.article_id for g in gold.values() if g.hdnd}
    everything = search_json(data, "", "--limit", "100")
    assert everything["total"] == len(originals)
    titles = {h["title"] for h in everything["hits"]}
    assert not {g.title for g in gold.values() if not g.hdnd} & titles


def test_copies_collapse_into_one_hit(data: Path, sample_web) -> None:
    gold = sample_web.gold()
    copied = [g for g in gold.values() if g.hdnd and not g.notes.get("original")]
    assert copied
    original = next(o for o in gold.values() if o.article_id == copied[0].article_id and o.notes.get("original"))
    hits = search_json(data, original.title, "--limit", "5")["hits"]
    hit = next(h for h in hits if h["title"] == original.title)
    assert any(copy.url.split("//", 1)[1].split("/", 1)[1][:20] in " ".join(hit["duplicates"]) for copy in copied
               if copy.article_id == original.article_id)


def test_search_json_contract_and_human_output(data: Path) -> None:
    out = search_json(data, "hội đồng nhân dân", "--province", "thai nguyen", "--limit", "3")
    assert set(out) >= {"total", "hits", "facets"}
    assert out["hits"], out
    assert set(out["hits"][0]) == {"id", "url", "title", "published", "site", "site_name", "province",
                                   "province_current", "level", "author", "snippet", "duplicates"}
    assert all(h["province_current"] == "Thái Nguyên" for h in out["hits"])
    assert set(out["facets"]) == {"province", "province_current", "level", "site", "year"}
    human = run_hdnd(["search", "kỳ họp", "--data", str(data), "--limit", "2"])
    assert human.returncode == 0 and "bài (đang xem 1–2)" in human.stdout and "<mark>" not in human.stdout
    bad = run_hdnd(["search", "x", "--since", "2024-13-40", "--data", str(data)])
    assert bad.returncode == 1 and "Ngày không hợp lệ" in bad.stderr


def test_incremental_run_sends_only_changes(data: Path) -> None:
    again = run_hdnd(["index", "--data", str(data)])
    assert again.returncode == 0 and "gửi 0 bài" in again.stdout
    archive = Archive.open(data)
    try:
        row = archive.conn.execute(
            "SELECT a.page_id, a.doc_id, a.title FROM articles a WHERE a.hdnd = 1 AND a.duplicate_of IS NULL LIMIT 1"
        ).fetchone()
        archive.save_extraction(row[0], Extracted(title=row[2], text="không còn là tin HĐND", hdnd=False))
    finally:
        archive.close()
    changed = run_hdnd(["index", "--data", str(data)])
    assert changed.returncode == 0 and "xóa 1" in changed.stdout
    assert row[1] not in {h["id"] for h in search_json(data, "", "--limit", "100")["hits"]}


def test_rebuild_swaps_and_a_crash_leaves_the_old_index(data: Path) -> None:
    before = search_json(data, "", "--limit", "1")["total"]
    engine = open_engine("embedded", data)

    def exploding() -> Iterator:
        yield DOCS[0]
        raise RuntimeError("killed mid-rebuild")

    with pytest.raises(RuntimeError):
        engine.rebuild(exploding())
    assert engine.count() == before
    assert engine.search(SearchQuery(q="kỳ họp")).total > 0
    generations = [p for p in (data / "index" / "articles").iterdir() if p.name.startswith("g-")]
    assert len(generations) == 1
    rebuilt = run_hdnd(["index", "--rebuild", "--data", str(data)])
    assert rebuilt.returncode == 0 and "Dựng lại" in rebuilt.stdout
    assert search_json(data, "", "--limit", "1")["total"] == before


def test_state_records_the_watermark(data: Path) -> None:
    state = json.loads((data / "index" / "embedded-articles.state.json").read_text("utf-8"))
    with sqlite3.connect(data / "archive.sqlite3") as db:
        latest = db.execute("SELECT MAX(changed_at) FROM articles").fetchone()[0]
    assert state["watermark"] == latest and state["engine"] == "embedded"


def test_an_index_grown_past_the_shard_threshold_is_split_by_the_next_run(data: Path, tmp_path: Path) -> None:
    from indexer.embedded.engine import EmbeddedEngine
    from indexer.sync import state_path, sync_index

    archive = Archive.open(data)
    state = state_path(tmp_path, "embedded", "articles")
    try:
        first = sync_index(archive, EmbeddedEngine(tmp_path / "i", shards=2, shard_min=10_000), state)
        assert first.mode == "rebuild" and first.total > 4
        grown = EmbeddedEngine(tmp_path / "i", shards=2, shard_min=first.total // 2)   # as if it had grown
        assert grown.needs_rebuild()
        second = sync_index(archive, grown, state)
    finally:
        archive.close()
    assert (first.reason, second.mode, second.reason, second.total) == ("first", "rebuild", "split", first.total)
    generation = next((tmp_path / "i").glob("g-*"))
    assert sorted(p.name for p in generation.glob("s*")) == ["s0", "s1"]
    assert not grown.needs_rebuild()
    assert grown.search(SearchQuery(q="")).total == first.total
