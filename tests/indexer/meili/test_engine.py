"""The Meilisearch engine through the official client against a small fake server on 127.0.0.1:
errors, tasks, batches, settings sent, rebuild swaps, searches (no real server needed)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from indexer.meili.connection import Config
from indexer.meili.engine import MeiliEngine
from indexer.meili.filters import build_filters
from indexer.meili.records import record_id, to_record
from indexer.meili.settings import (
    FILTERABLE,
    MAX_TOTAL_HITS,
    index_settings,
)
from indexer.model import EngineError, SearchQuery
from indexer.snippets import POST, PRE
from tests.meili_fake import FakeMeili
from tests.search_corpus import BY_ID, DOCS

KEY = "test-master-key-0123456789"

# --- the engine against a fake server --------------------------------------------------------

@pytest.fixture
def fake() -> Iterator[FakeMeili]:
    server = FakeMeili(key=KEY).start()
    yield server
    server.stop()


def engine_on(fake: FakeMeili, **config: object) -> MeiliEngine:
    values: dict[str, object] = {"url": fake.url, "api_key": KEY, "http_timeout": 5.0, "task_timeout": 5.0,
                                 "batch_size": 1000}
    values.update(config)
    return MeiliEngine("articles", Config(**values))  # type: ignore[arg-type]


def test_from_env_needs_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEILI_URL", raising=False)
    with pytest.raises(EngineError, match="MEILI_URL"):
        MeiliEngine.from_env("articles")
    monkeypatch.setenv("MEILI_URL", "localhost:7700")
    with pytest.raises(EngineError, match="http://"):
        MeiliEngine.from_env("articles")
    monkeypatch.setenv("MEILI_URL", "http://127.0.0.1:7700")
    monkeypatch.setenv("MEILI_TASK_TIMEOUT", "soon")
    with pytest.raises(EngineError, match="MEILI_TASK_TIMEOUT"):
        MeiliEngine.from_env("articles")


def test_connection_refused_is_clear(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("MEILI_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("MEILI_MASTER_KEY", KEY)
    with pytest.raises(EngineError, match="Không kết nối được Meilisearch") as caught:
        MeiliEngine.from_env("articles")
    assert f"127.0.0.1:{port}" in str(caught.value)


def test_open_engine_uses_env(monkeypatch: pytest.MonkeyPatch, fake: FakeMeili, tmp_path: object) -> None:
    from indexer.engines import open_engine

    monkeypatch.setenv("MEILI_URL", fake.url)
    monkeypatch.setenv("MEILI_MASTER_KEY", KEY)
    engine = open_engine("meilisearch", str(tmp_path), "articles")
    assert isinstance(engine, MeiliEngine) and engine.count() == 0


@pytest.mark.parametrize("key", ["wrong-key", None])
def test_refused_key_is_clear(monkeypatch: pytest.MonkeyPatch, fake: FakeMeili, key: str | None) -> None:
    monkeypatch.setenv("MEILI_URL", fake.url)
    monkeypatch.delenv("MEILI_API_KEY", raising=False)
    if key:
        monkeypatch.setenv("MEILI_MASTER_KEY", key)
    else:
        monkeypatch.delenv("MEILI_MASTER_KEY", raising=False)
    with pytest.raises(EngineError, match="từ chối khóa API") as caught:
        MeiliEngine.from_env("articles")
    assert "invalid_api_key" in str(caught.value) and "MEILI_MASTER_KEY" in str(caught.value)


def test_401_is_clear(fake: FakeMeili) -> None:
    fake.refuse = (401, "missing_authorization_header", "The Authorization header is missing.")
    with pytest.raises(EngineError, match=r"từ chối khóa API.*missing_authorization_header"):
        engine_on(fake).check()


def test_failed_task_raises_with_the_servers_message(fake: FakeMeili) -> None:
    fake.fail_tasks["documentAdditionOrUpdate"] = ("invalid_document_id", "Document identifier `a b` is invalid.")
    with pytest.raises(EngineError, match=r"thất bại: Document identifier `a b` is invalid\. \[invalid_document_id\]"):
        engine_on(fake).upsert(DOCS[:3])


def test_rejected_setting_raises_with_the_servers_message(fake: FakeMeili) -> None:
    fake.fail_tasks["settingsUpdate"] = ("invalid_settings_typo_tolerance", "Unknown field `disableOnNumbers`.")
    with pytest.raises(EngineError, match=r"disableOnNumbers.*invalid_settings_typo_tolerance"):
        engine_on(fake).upsert(DOCS[:1])


def test_task_that_never_finishes_times_out(fake: FakeMeili) -> None:
    fake.stall_tasks = True
    started = time.monotonic()
    with pytest.raises(EngineError, match=r"chưa xong tác vụ \d+ .*0.5 giây.*MEILI_TASK_TIMEOUT"):
        engine_on(fake, task_timeout=0.5).upsert(DOCS[:1])
    assert time.monotonic() - started < 4


def test_slow_server_times_out(fake: FakeMeili) -> None:
    fake.delay = 1.5
    started = time.monotonic()
    with pytest.raises(EngineError, match=r"không trả lời trong 0\.3 giây"):
        engine_on(fake, http_timeout=0.3).check()
    assert time.monotonic() - started < 1.4


def test_upsert_batches_and_applies_settings_once(fake: FakeMeili) -> None:
    engine = engine_on(fake, batch_size=7)
    assert engine.upsert(DOCS) == len(DOCS)
    batches = fake.sent("POST", "indexes/articles/documents")
    assert [len(b) for b in batches] == [7, 7, len(DOCS) - 14]
    assert fake.sent("POST", "indexes") and fake.sent("POST", "indexes")[0] == {"uid": "articles", "primaryKey": "id"}
    patches = fake.sent("PATCH", "indexes/articles/settings")
    assert len(patches) == 1 and patches[0]["typoTolerance"]["disableOnNumbers"] is True
    assert engine.count() == len(DOCS)
    engine_on(fake).upsert(DOCS[:2])                      # a new process: settings already right
    assert len(fake.sent("PATCH", "indexes/articles/settings")) == 1
    stored = fake.indexes["articles"]["documents"]["bg-ky-hop"]
    assert stored["month"] == "2024-06" and stored["province_current_key"] == "hai phong"


def test_batches_stay_under_the_payload_limit(fake: FakeMeili, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from indexer.meili import engine as engine_module
    from indexer.meili.records import size_bound

    record = to_record(BY_ID["bg-ky-hop"])
    assert size_bound(record) >= len(json.dumps(record))   # what the client sends (ASCII-escaped)
    limit = 3 * size_bound(record)
    monkeypatch.setattr(engine_module, "MAX_BATCH_BYTES", limit)
    engine_on(fake).upsert(DOCS[:7])
    batches = fake.sent("POST", "indexes/articles/documents")
    assert len(batches) >= 3 and sum(len(b) for b in batches) == 7
    assert all(sum(size_bound(r) for r in batch) <= limit for batch in batches)


def test_only_changed_settings_are_sent(fake: FakeMeili) -> None:
    engine = engine_on(fake)
    engine.upsert(DOCS[:1])
    fake.indexes["articles"]["settings"]["pagination"] = {"maxTotalHits": 1000}
    assert engine_on(fake).apply_settings() == ["pagination"]
    assert fake.sent("PATCH", "indexes/articles/settings")[-1] == {"pagination": index_settings()["pagination"]}


def test_rebuild_swaps_a_fresh_index_in(fake: FakeMeili) -> None:
    engine = engine_on(fake)
    engine.upsert([replace(BY_ID["eth"], id="old-only")])
    fake.indexes["articles__rebuild_0ld"] = fake._index("articles__rebuild_0ld", "id")   # a crashed rebuild
    assert engine.rebuild(DOCS) == len(DOCS)
    assert set(fake.indexes) == {"articles"}
    assert set(fake.indexes["articles"]["documents"]) == {d.id for d in DOCS}
    swap = fake.sent("POST", "swap-indexes")
    assert len(swap) == 1 and swap[0][0]["indexes"][0] == "articles"
    assert swap[0][0]["indexes"][1].startswith("articles__rebuild_")


def test_rebuild_into_a_new_server(fake: FakeMeili) -> None:
    assert engine_on(fake).rebuild(DOCS[:4]) == 4
    assert set(fake.indexes) == {"articles"} and len(fake.indexes["articles"]["documents"]) == 4


def test_failed_rebuild_leaves_the_live_index_alone(fake: FakeMeili) -> None:
    engine = engine_on(fake)
    engine.upsert(DOCS[:2])
    fake.fail_tasks["documentAdditionOrUpdate"] = ("payload_too_large", "The provided payload reached the limit.")
    with pytest.raises(EngineError, match="payload reached the limit"):
        engine.rebuild(DOCS)
    assert set(fake.indexes) == {"articles"} and len(fake.indexes["articles"]["documents"]) == 2


def test_delete_maps_ids_and_drop_cleans_up(fake: FakeMeili) -> None:
    engine = engine_on(fake)
    assert engine.delete(["bg-ky-hop"]) == 0                # no index yet: nothing to do
    engine.upsert(DOCS)
    assert engine.delete(["bg-ky-hop", "not there", "bg-ky-hop"]) == 2
    assert fake.sent("POST", "indexes/articles/documents/delete-batch")[-1] == ["bg-ky-hop", record_id("not there")]
    assert engine.count() == len(DOCS) - 1
    engine.drop()
    assert engine.count() == 0 and "articles" not in fake.indexes
    engine.drop()                                          # already gone: fine


def test_search_sends_clean_request_and_maps_hits(fake: FakeMeili) -> None:
    engine = engine_on(fake)
    engine.upsert(DOCS[:1])
    fake.search_reply = {
        "hits": [{"id": "bg-ky-hop", "doc_id": "bg-ky-hop", "title": "HĐND <b>", "url": "u", "level": "district",
                  "_formatted": {"title": f"{PRE}HĐND{POST} <b>", "text": f"{PRE}Hội{POST} & đồng", "lead": ""}}],
        "totalHits": 1, "page": 1, "hitsPerPage": 20, "totalPages": 1,
        "facetDistribution": {"level": {"district": 1}, "year": {"2024": 1}, "province_current": {"Hải Phòng": 1}},
    }
    result = engine.search(SearchQuery(q='HĐND "kỳ họp" -đồng', province="hai phong", sort="newest"))
    body = fake.sent("POST", "indexes/articles/search")[-1]
    assert body["q"] == 'hdnd "ky hop" dong' and body["sort"] == ["published_ts:desc"]
    assert body["filter"] == ['province_current_key = "hai phong"']
    assert result.total == 1 and result.hits[0].title_html == "<mark>HĐND</mark> &lt;b&gt;"
    assert result.hits[0].snippet == "<mark>Hội</mark> &amp; đồng"
    assert result.facets["year"] == {"2024": 1} and result.facets["site"] == {}
    assert set(result.facets) == {"province", "province_current", "level", "site", "year"}


def test_total_beyond_max_total_hits_comes_from_facet_counts(fake: FakeMeili) -> None:
    engine = engine_on(fake)
    engine.upsert(DOCS[:1])
    fake.search_reply = {"hits": [], "totalHits": MAX_TOTAL_HITS,
                         "facetDistribution": {"level": {"province": 60_000, "district": 4_000, "commune": 1_000}}}
    result = engine.search(SearchQuery(q="hội", facets=False))
    assert result.total == 65_000 and result.message and str(MAX_TOTAL_HITS) in result.message
    assert result.facets == {}


def test_timeline_counts_months(fake: FakeMeili) -> None:
    engine = engine_on(fake)
    engine.upsert(DOCS[:1])
    fake.search_reply = {"hits": [], "estimatedTotalHits": 3,
                         "facetDistribution": {"month": {"2024-06": 2, "2019-07": 1}}}
    assert engine.timeline(SearchQuery(q="kỳ họp", level="province")) == {"2019-07": 1, "2024-06": 2}
    body = fake.sent("POST", "indexes/articles/search")[-1]
    assert body["limit"] == 0 and body["facets"] == ["month"] and body["filter"] == ['level = "province"']


def test_search_on_a_missing_index_is_clear(fake: FakeMeili) -> None:
    with pytest.raises(EngineError, match="Chỉ mục chưa có"):
        engine_on(fake).search(SearchQuery(q="hội"))


def test_filterable_attributes_cover_the_filters() -> None:
    query = SearchQuery(province="Bắc Kạn", level="district", site="x", since=date(2020, 1, 1), until=date(2020, 2, 1))
    for clause in build_filters(query)[0]:
        assert clause.split(" ", 1)[0] in FILTERABLE
