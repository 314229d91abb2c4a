"""The Meilisearch engine without a Meilisearch server: settings, filters, query text, records, and the
engine's real client calls against a small fake server on 127.0.0.1 (tests/meili_fake.py), which
is how failures (refused connection, wrong key, failed or endless tasks, slow answers) are tested.

The behaviour of searches themselves is tests/indexer/test_search_behaviour.py's job, on a real server.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from indexer.meili.filters import build_filters, day_start, equals, quote
from indexer.meili.querytext import MAX_TERMS, build_q, page_window, search_body
from indexer.meili.records import place_keys, published_time, record_id, to_hit, to_record
from indexer.meili.settings import (
    MAX_VALUES_PER_FACET,
    index_settings,
    mutual_synonyms,
    settings_diff,
)
from indexer.model import SearchQuery
from indexer.params import province_filter
from indexer.query import parse_query
from indexer.snippets import POST, PRE
from indexer.tokens import fold_tokens
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
