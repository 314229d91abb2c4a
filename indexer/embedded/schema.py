"""The embedded index's schema and analyzer, and opening an index with it registered.

Matching runs on one folded field, ``all`` (title, lead, body and captions), which keeps each
required word to one posting list, and abbreviation groups on ``syn``; ``title`` is indexed again
so a title holding every query word can rank first. Everything shown to the user is stored once,
as a JSON blob (``doc``), read back only for the page of hits. Word order and exact accents are
scored afterwards on the best candidates only (indexer/embedded/rerank.py): phrase queries over
every match measured several times slower on common queries.

Analyzer ``vi_fold``: simple tokenizer + lowercase + ascii_fold (maps đ to d, strips Vietnamese
marks) over NFC text. It is not saved with the index: every open registers it again.
"""

from __future__ import annotations

import re
from pathlib import Path

import tantivy

FOLD = "vi_fold"
MAX_TOKEN_LEN = 40
SCHEMA_VERSION = 2
FACET_FIELDS = ("province", "province_current", "level", "site", "year")


def _analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_LEN))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


_PLAIN = re.compile(r"[a-z0-9]+")


def index_form(word: str) -> str:
    """A folded query word as the analyzer indexed it. The query side folds Vietnamese itself
    (indexer/tokens.py); ascii_fold also turns "m²" into "m2", "ß" into "ss", "æ" into "ae", which
    a term looked up as typed would miss ("5.000 m²" in land news)."""
    if _PLAIN.fullmatch(word):
        return word
    tokens = _analyzer().analyze(word)   # built per call (2 µs): safe across the server's threads
    return tokens[0] if len(tokens) == 1 else word


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("all", stored=False, tokenizer_name=FOLD, index_option="position")
    sb.add_text_field("title", stored=False, tokenizer_name=FOLD, index_option="position")
    # one token per abbreviation group present (crawler.lang.abbreviations.groups_in): "HĐND" and
    # "Hội đồng nhân dân" are the single term "hdnd" here
    sb.add_text_field("syn", stored=False, tokenizer_name=FOLD, index_option="freq")
    sb.add_text_field("title_syn", stored=False, tokenizer_name=FOLD, index_option="basic")
    # a number per document, read from a fast column to restrict second-stage queries to candidates
    sb.add_integer_field("num", stored=False, indexed=True, fast=True)
    sb.add_bytes_field("doc", stored=True, indexed=False, fast=False)
    for name in ("province", "province_current", "level", "site"):
        sb.add_text_field(name, stored=False, fast=True, tokenizer_name="raw", index_option="basic")
    for name in ("province_key", "province_current_key"):
        sb.add_text_field(name, stored=False, tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("published_ts", stored=False, indexed=True, fast=True)
    sb.add_integer_field("year", stored=False, indexed=True, fast=True)
    sb.add_integer_field("month", stored=False, indexed=True, fast=True)  # yyyymm
    return sb.build()


def register(index: tantivy.Index) -> tantivy.Index:
    index.register_tokenizer(FOLD, _analyzer())
    return index


def open_index(path: Path, create: bool = False) -> tantivy.Index:
    """Open (or create) the index at ``path`` with the analyzer registered."""
    path.mkdir(parents=True, exist_ok=True)
    if create or not tantivy.Index.exists(str(path)):
        return register(tantivy.Index(build_schema(), path=str(path), reuse=False))
    return register(tantivy.Index.open(str(path)))
