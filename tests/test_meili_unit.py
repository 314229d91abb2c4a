"""The Meilisearch engine without a Meilisearch server: settings, filters, query text, records, and the
engine's real client calls against a small fake server on 127.0.0.1 (tests/meili_fake.py), which
is how failures (refused connection, wrong key, failed or endless tasks, slow answers) are tested.

The behaviour of searches themselves is tests/test_search_behaviour.py's job, on a real server.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from indexer.meili.connection import Config
from indexer.meili.engine import MeiliEngine
from indexer.meili.filters import build_filters, day_start, equals, quote
from indexer.meili.querytext import MAX_TERMS, build_q, page_window, search_body
from indexer.meili.records import place_keys, published_time, record_id, to_hit, to_record
from indexer.meili.settings import (
    FILTERABLE,
    MAX_TOTAL_HITS,
    MAX_VALUES_PER_FACET,
    index_settings,
    mutual_synonyms,
    settings_diff,
)
from indexer.model import EngineError, SearchQuery
from indexer.params import province_filter
from indexer.query import parse_query
from indexer.snippets import POST, PRE
from indexer.tokens import fold_tokens
from tests.meili_fake import FakeMeili
from tests.search_corpus import BY_ID, DOCS, HOSTILE_QUERIES

KEY = "test-master-key-0123456789"

# --- settings --------------------------------------------------------------------------------


def test_synonyms_are_mutual_and_folded() -> None:
    table = mutual_synonyms()
    assert table["hdnd"] == ["hoi dong nhan dan"] and table["hoi dong nhan dan"] == ["hdnd"]
    assert "kinh te xa hoi" in table["kt xh"]
    for form, others in table.items():
        assert form == " ".join(fold_tokens(form)), form
        for other in others:
            assert form in table[other], (form, other)


def test_settings_payload() -> None:
    s = index_settings()
    assert {"province_key", "province_current_key", "level", "site", "year", "month", "published_ts"} <= set(
        s["filterableAttributes"])
    assert s["sortableAttributes"] == ["published_ts"]
    assert s["searchableAttributes"][:3] == ["title", "lead", "text"]
    assert s["typoTolerance"]["disableOnNumbers"] is True
    # no folded syllable of the corpus may get a typo: they are too close to each other
    longest = max(len(t) for d in DOCS for t in fold_tokens(d.title + " " + d.text) if not t.isdigit())
    assert s["typoTolerance"]["minWordSizeForTypos"]["oneTypo"] > longest
    assert s["faceting"]["maxValuesPerFacet"] == MAX_VALUES_PER_FACET >= (2026 - 2010 + 1) * 12
    assert s["pagination"]["maxTotalHits"] >= 1000
    assert s["localizedAttributes"] == [{"attributePatterns": s["searchableAttributes"], "locales": ["vie"]}]
    assert s["rankingRules"][0] == "sort" and s["distinctAttribute"] is None


def test_settings_diff_ignores_server_formatting() -> None:
    wanted = index_settings()
    server = dict(wanted)
    server["filterableAttributes"] = sorted(wanted["filterableAttributes"])
    server["typoTolerance"] = {**wanted["typoTolerance"], "disableOnWords": []}
    server["faceting"] = {"maxValuesPerFacet": MAX_VALUES_PER_FACET,
                          "sortFacetValuesBy": {"site": "count", "*": "alpha"}}
    server["synonyms"] = {k: list(reversed(v)) for k, v in wanted["synonyms"].items()}
    server["stopWords"] = []
    assert settings_diff(wanted, server) == {}
    server["pagination"] = {"maxTotalHits": 1000}
    server["searchableAttributes"] = list(reversed(wanted["searchableAttributes"]))
    assert set(settings_diff(wanted, server)) == {"pagination", "searchableAttributes"}


# --- filters ---------------------------------------------------------------------------------

def _rust_unescape(text: str) -> str:
    out, i = [], 0
    simple = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "r": "\r", "t": "\t", "0": "\0"}
    while i < len(text):
        if text[i] == "\\":
            if i + 1 >= len(text) or text[i + 1] not in simple:
                raise ValueError("invalid escape")
            out.append(simple[text[i + 1]])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def meili_value(literal: str) -> tuple[str, str]:
    """Replays Meilisearch's filter-parser on a double-quoted value (value.rs: quoted_by, then the
    unescaper crate): the value it reads and what follows the closing quote."""
    assert literal.startswith('"')
    inner, escaped, i = literal[1:], False, 0
    while True:
        if i >= len(inner):
            raise ValueError("no closing quote")
        if inner[i] == '"':
            break
        if inner[i] == "\\":
            if i + 1 >= len(inner):
                raise ValueError("malformed value")
            escaped |= inner[i + 1] == '"'
            i += 2
        else:
            i += 1
    value = inner[:i].replace('\\"', '"') if escaped else inner[:i]
    return _rust_unescape(value), inner[i + 1:]


HOSTILE_VALUES = ['"', "\\", '\\"', '"\\', 'x" OR site = "y', "a\\\\b", "\\n", "tab\tnew\nline", "", " ",
                  "Hải Phòng", "' OR 1=1 --", "\ue000<script>", 'end\\', '\\\\"\\"', "(((", "a = b AND c"]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_quote_round_trips_through_meilisearch_parser(value: str) -> None:
    assert meili_value(quote(value)) == (value, "")
    expression = equals("site", value)
    field, op, literal = expression.split(" ", 2)
    assert (field, op) == ("site", "=") and meili_value(literal) == (value, "")


def test_equals_refuses_unknown_fields() -> None:
    with pytest.raises(ValueError):
        equals("url", "x")


@pytest.mark.parametrize(("name", "field", "key"), [
    ("Thái Nguyên", "province_current_key", "thai nguyen"), ("bac kan", "province_key", "bac kan"),
    ("TP Hải Phòng", "province_current_key", "hai phong"), ("Hải Dương", "province_key", "hai duong")])
def test_place_filter_uses_folded_keys(name: str, field: str, key: str) -> None:
    clauses, message = build_filters(SearchQuery(province=name))
    assert clauses == [f'{field} = "{key}"'] and message is None


def test_unknown_place_matches_nothing_and_says_so() -> None:
    clauses, message = build_filters(SearchQuery(province='Atlantis" OR level = "x'))
    assert message and len(clauses) == 1
    value = meili_value(clauses[0].split(" = ", 1)[1])[0]
    assert value.startswith("?")


def test_level_site_and_dates() -> None:
    clauses, _ = build_filters(SearchQuery(level="commune", site="cb-hdnd", since=date(2023, 9, 1),
                                           until=date(2023, 12, 31)))
    assert clauses[:2] == ['level = "commune"', 'site = "cb-hdnd"']
    assert clauses[2] == f"published_ts >= {day_start(date(2023, 9, 1))}"
    assert clauses[3] == f"published_ts < {day_start(date(2024, 1, 1))}"
    assert day_start(date(2023, 9, 1)) == 1693501200   # 2023-09-01T00:00+07:00


# --- query text ------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "q"), [
    ("146/NQ-HĐND", '"146 nq hdnd" '),
    ("10/12/2023", '"10 12 2023" '),
    ('"kỳ họp thứ 10"', '"ky hop thu 10" '),
    ("ủy ban nhân dân tỉnh trả lời", "ubnd tinh tra loi"),
    ("Hội đồng nhân dân Bình Giang", "hdnd binh giang"),
    ("hội đồng nhân dân thành phố Bắc Kạn", "hdnd tp bac kan"),
    ("Ðại biểu tiếp công dân", "db tiep cong dan"),
    ("KT-XH", "kt xh "),
    ("UBND ", "ubnd "),
    ("thái nguyên giám s", "thai nguyen giam s"),
    ("", ""),
])
def test_q_is_rebuilt_from_folded_tokens(typed: str, q: str) -> None:
    assert build_q(parse_query(typed)).q == q


def test_ten_term_limit_counts_a_phrase_as_one() -> None:
    words = " ".join(f"w{i}" for i in range(12))
    shortened = build_q(parse_query(words))
    assert shortened.terms == MAX_TERMS and shortened.q.split() == [f"w{i}" for i in range(10)]
    assert shortened.message and "10" in shortened.message
    with_phrase = build_q(parse_query('"a b c d e f g h i j k l" ' + " ".join(f"w{i}" for i in range(9))))
    assert with_phrase.terms == MAX_TERMS and with_phrase.message is None
    assert build_q(parse_query("hội " * 1500)).message   # the parser's message is kept


@pytest.mark.parametrize("typed", HOSTILE_QUERIES)
def test_hostile_text_never_reaches_meilisearch_syntax(typed: str) -> None:
    q = build_q(parse_query(typed)).q
    assert q.count('"') % 2 == 0 and "-" not in q
    assert re.fullmatch(r'(?:[^\W_]+|"[^\W_]+(?: [^\W_]+)*")?(?: (?:[^\W_]+|"[^\W_]+(?: [^\W_]+)*"))* ?', q), q


def test_search_body() -> None:
    query = SearchQuery(q="", province="Thái Nguyên", limit=5, offset=10)
    meili_q = build_q(parse_query(query.q))
    body, skip, _ = search_body(query, meili_q)
    assert (body["page"], body["hitsPerPage"], skip) == (3, 5, 0)
    assert body["sort"] == ["published_ts:desc"]            # empty query: newest first
    assert body["filter"] == ['province_current_key = "thai nguyen"']
    assert (body["highlightPreTag"], body["highlightPostTag"]) == (PRE, POST)
    assert body["matchingStrategy"] == "all" and body["locales"] == ["vie"]
    relevance, _, _ = search_body(SearchQuery(q="kỳ họp"), build_q(parse_query("kỳ họp")))
    assert "sort" not in relevance
    oldest, _, _ = search_body(SearchQuery(q="kỳ họp", sort="oldest"), build_q(parse_query("kỳ họp")))
    assert oldest["sort"] == ["published_ts:asc"]
    assert page_window(5, 10) == (1, 15, 5)


# --- records and hits ------------------------------------------------------------------------

@pytest.mark.parametrize(("published", "ts", "month"), [
    ("2024-06-26T16:34:00+07:00", 1719394440, "2024-06"),
    ("2023-09-12", 1694451600, "2023-09"),
    ("2024-12-31T20:00:00Z", 1735675200, "2025-01"),     # already 1 January in Vietnam
    ("2018-05-04 08:15", 1525396500, "2018-05"),
])
def test_record_dates_in_vietnam_time(published: str, ts: int, month: str) -> None:
    record = to_record(replace(BY_ID["bg-ky-hop"], published=published))
    assert (record["published_ts"], record["month"], record["year"]) == (ts, month, int(month[:4]))


@pytest.mark.parametrize("published", [None, "", "hôm qua", "31/12/2024"])
def test_record_without_usable_date(published: str | None) -> None:
    record = to_record(replace(BY_ID["bg-ky-hop"], published=published))
    assert "published_ts" not in record and "month" not in record and record["published"] == published
    assert published_time(published) is None


def test_record_fields() -> None:
    doc = replace(BY_ID["bk-tp"], title=f"{PRE}Tiêu đề{POST}", captions=["Ảnh: hội nghị"])
    record = to_record(doc)
    assert record["id"] == record["doc_id"] == "bk-tp"
    assert record["title"] == "Tiêu đề" and record["captions"] == ["Ảnh: hội nghị"]
    assert (record["province_key"], record["province_current_key"]) == ("bac kan", "thai nguyen")
    assert record["province_key"] == province_filter("Bắc Kạn")[1]
    assert record["province_current_key"] == province_filter("Thái Nguyên")[1]
    assert place_keys("TP. Hải Phòng", "") == ("hai phong", "hai phong")


def test_record_ids_are_safe() -> None:
    assert record_id("abc_DEF-09") == "abc_DEF-09"
    unsafe = record_id("https://x.vn/a b?c=1")
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,511}", unsafe) and unsafe == record_id("https://x.vn/a b?c=1")
    assert record_id("x" * 600) != "x" * 600


def test_hit_is_escaped_html_from_markers() -> None:
    raw = {
        "id": "html-text", "doc_id": "html-text", "url": "https://x.vn/1", "title": "Mã độc <script>",
        "published": "2015-01-05", "site": "cb-hdnd", "site_name": "HĐND tỉnh Cao Bằng", "level": "province",
        "duplicates": ["https://y.vn/2"], "_rankingScore": 0.9,
        "_formatted": {"title": f"{PRE}Mã{POST} {PRE}độc{POST} <script>",
                       "lead": "",
                       "text": f"… thẻ <script>alert(1)</script> & {PRE}mã{POST} …",
                       "captions": []},
    }
    hit = to_hit(raw)
    assert hit.title_html == "<mark>Mã độc</mark> &lt;script&gt;"
    assert hit.snippet == "… thẻ &lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>mã</mark> …"
    assert hit.duplicates == ["https://y.vn/2"] and hit.score == 0.9 and hit.id == "html-text"
    plain = to_hit({"id": "a", "title": "<b>", "_formatted": {"text": "<i>x</i>"}})
    assert plain.title_html == "&lt;b&gt;" and plain.snippet == "&lt;i&gt;x&lt;/i&gt;"


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
