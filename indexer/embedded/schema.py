"""The embedded index's schema and analyzers, and opening an index with them registered.

Two analyzers over NFC text with one tone placement (indexer.tokens.normalise):
- ``vi_fold``: simple tokenizer + lowercase + ascii_fold (which maps đ to d and strips Vietnamese
  marks), what matching uses: "hoi dong" finds "Hội đồng";
- ``vi_exact``: the same without folding, so a query typed with accents can rank exact accents
  first ("hội" before "hỏi") without losing the variants.
Custom analyzers are not saved with a tantivy index: every open registers them again.
"""

from __future__ import annotations

from pathlib import Path

import tantivy

FOLD, EXACT = "vi_fold", "vi_exact"
MAX_TOKEN_LEN = 40

# Searchable fields and their weight in ranking (title first, captions last).
TEXT_FIELDS: dict[str, float] = {"title": 3.0, "lead": 1.6, "body": 1.0, "captions": 0.6}
EXACT_FIELDS: dict[str, float] = {"title_exact": 1.5, "body_exact": 1.0}
FACET_FIELDS = ("province", "province_current", "level", "site", "year")
STORED_ONLY = ("url", "published", "site_name", "author", "author_unit", "fetched_at", "duplicates",
               "duplicate_sites")


def _analyzer(fold: bool) -> tantivy.TextAnalyzer:
    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    builder = builder.filter(tantivy.Filter.remove_long(MAX_TOKEN_LEN)).filter(tantivy.Filter.lowercase())
    if fold:
        builder = builder.filter(tantivy.Filter.ascii_fold())
    return builder.build()


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    for name in TEXT_FIELDS:
        sb.add_text_field(name, stored=True, tokenizer_name=FOLD, index_option="position")
    for name in EXACT_FIELDS:
        sb.add_text_field(name, stored=False, tokenizer_name=EXACT, index_option="freq")
    for name in STORED_ONLY:
        sb.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    for name in ("province", "province_current", "level", "site", "province_key", "province_current_key"):
        sb.add_text_field(name, stored=True, fast=True, tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("published_ts", stored=False, indexed=True, fast=True)
    sb.add_integer_field("year", stored=False, indexed=True, fast=True)
    sb.add_integer_field("month", stored=False, indexed=True, fast=True)  # yyyymm
    return sb.build()


def register(index: tantivy.Index) -> tantivy.Index:
    index.register_tokenizer(FOLD, _analyzer(fold=True))
    index.register_tokenizer(EXACT, _analyzer(fold=False))
    return index


def open_index(path: Path, create: bool = False) -> tantivy.Index:
    """Open (or create) the index at ``path`` with the analyzers registered."""
    path.mkdir(parents=True, exist_ok=True)
    if create or not tantivy.Index.exists(str(path)):
        return register(tantivy.Index(build_schema(), path=str(path), reuse=False))
    return register(tantivy.Index.open(str(path)))
