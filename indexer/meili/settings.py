"""The Meilisearch index settings, as data, and the comparison that makes applying them idempotent.

Written for Meilisearch v1.52 (the image pinned in docker-compose.yml). Every choice below is about
Vietnamese as Meilisearch sees it: its tokenizer folds "Hội đồng" to "hoi dong" and keeps only the
folded form, syllables are short, and numbers (years, resolution numbers) must match exactly.

Settings are compared with what the server reports and only the differences are sent: a settings
update can re-index everything, which on a full archive takes minutes, so re-applying identical
settings at every start would be expensive as well as pointless.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crawler.lang import abbreviations as synonyms
from indexer.tokens import fold_tokens

# In rank order: a match in the title outranks one in the lead, which outranks the body, and so on
# (the attributeRank rule). Place names come last: they make "Bắc Kạn" find that province's news
# even when the text never names it, without outranking articles that do.
SEARCHABLE = ["title", "lead", "text", "captions", "author", "author_unit", "site_name", "province",
              "province_current"]

# Filters compare after lowercasing only (no accent folding), so place filters use the folded keys
# made by crawler.lang.places.key; "province" and "province_current" are here for their facet counts,
# which must show the names as written. published_ts takes the date range; year and month feed
# the facets and the timeline.
FILTERABLE = ["province_key", "province_current_key", "province", "province_current", "level", "site",
              "year", "month", "published_ts"]
SORTABLE = ["published_ts"]
DISPLAYED = ["id", "doc_id", "url", "title", "lead", "text", "captions", "author", "author_unit", "site",
             "site_name", "province", "province_current", "province_key", "province_current_key", "level",
             "published", "published_ts", "year", "month", "fetched_at", "duplicates", "duplicate_sites"]

# The documented default order, with "sort" moved first. "sort" does nothing unless a search asks
# for a sort, and when a journalist asks for newest or oldest first she means strictly by date,
# not "by date among equally relevant articles". Relevance searches send no sort and rank as usual.
RANKING_RULES = ["sort", "words", "typo", "proximity", "attributeRank", "wordPosition", "exactness"]

# Folded Vietnamese syllables are at most seven letters ("nghieng"), and one edit turns a syllable
# into another real one ("truong"/"thuong", "trung"): typo tolerance on them finds wrong articles.
# From eight letters up, a word is a name written without spaces or a foreign word, where a typo
# is worth forgiving. Numbers never get typos: 2024 must not find 2025, nor 146 find 145.
TYPO_TOLERANCE: dict[str, Any] = {
    "enabled": True,
    "minWordSizeForTypos": {"oneTypo": 8, "twoTypos": 12},
    "disableOnNumbers": True,
    "disableOnWords": [],
    "disableOnAttributes": [],
}

# One limit for every facet. The timeline needs every month since 2010 (about 200); the site facet
# may grow to a few hundred sites, sorted by count so the biggest come first if it ever overflows.
MAX_VALUES_PER_FACET = 1000
FACETING: dict[str, Any] = {
    "maxValuesPerFacet": MAX_VALUES_PER_FACET,
    "sortFacetValuesBy": {"*": "alpha", "site": "count"},
}

# How deep a search can page. It bounds how far offset+limit may reach (and the reported total,
# which the engine completes from facet counts). Equal to the export cap of the search page
# (search_ui), so both engines export the same result sets: 50,000 rows is more than a newsroom
# reads in a spreadsheet; whole-archive dumps are `hdnd export` without a query.
MAX_TOTAL_HITS = 50_000
PAGINATION: dict[str, Any] = {"maxTotalHits": MAX_TOTAL_HITS}

# Pin the language instead of letting the detector guess per field: short Vietnamese strings are
# easily mistaken for another Latin-script language whose segmenter or normaliser then applies.
LOCALE = "vie"
LOCALIZED_ATTRIBUTES = [{"attributePatterns": list(SEARCHABLE), "locales": [LOCALE]}]

# Word-level proximity is what makes quoted phrases and "words together rank first" work.
PROXIMITY_PRECISION = "byWord"


def mutual_synonyms(groups: list[list[str]] | None = None) -> dict[str, list[str]]:
    """Every form of a group as a key listing all the others (Meilisearch synonyms are one-way).

    Forms are sent already folded ("hdnd", "hoi dong nhan dan"): the server would fold them too, but
    folding here makes the keys exactly what the engine puts in ``q``, whatever the server's
    language detector makes of a lone "HĐND".
    """
    table: dict[str, list[str]] = {}
    for group in synonyms.raw_groups() if groups is None else groups:
        forms = [f for f in dict.fromkeys(" ".join(fold_tokens(form)) for form in group) if f]
        for form in forms:
            others = table.setdefault(form, [])
            others.extend(o for o in forms if o != form and o not in others)
    return {form: sorted(others) for form, others in sorted(table.items()) if others}


def index_settings() -> dict[str, Any]:
    """The full settings object for PATCH /indexes/{uid}/settings."""
    return {
        "searchableAttributes": list(SEARCHABLE),
        "filterableAttributes": list(FILTERABLE),
        "sortableAttributes": list(SORTABLE),
        "displayedAttributes": list(DISPLAYED),
        "rankingRules": list(RANKING_RULES),
        "synonyms": mutual_synonyms(),
        # Copies are merged by the archive before indexing (Doc.duplicates), so there is nothing
        # left to collapse; a distinct attribute would also make facet counts and totals disagree.
        "distinctAttribute": None,
        "typoTolerance": TYPO_TOLERANCE,
        "faceting": FACETING,
        "pagination": PAGINATION,
        "localizedAttributes": LOCALIZED_ATTRIBUTES,
        "proximityPrecision": PROXIMITY_PRECISION,
    }


_AS_SETS = {"filterableAttributes", "sortableAttributes", "displayedAttributes"}
_PARTIAL = {"typoTolerance", "faceting", "pagination"}   # the server adds keys we do not set


def _norm(value: Any) -> Any:
    """A comparable form: lists of plain values become sorted tuples, dicts are normalised inside."""
    if isinstance(value, Mapping):
        return {k: _norm(value[k]) for k in sorted(value)}
    if isinstance(value, list | tuple):
        items = [_norm(v) for v in value]
        if all(isinstance(v, str | int | float) for v in items):
            return tuple(sorted(items, key=str))
        return tuple(sorted(items, key=repr))
    return value


def same_setting(key: str, wanted: Any, current: Any) -> bool:
    """Whether the server's ``current`` value already is ``wanted``."""
    if key in ("searchableAttributes", "rankingRules"):
        return list(wanted) == list(current or [])
    if key in _AS_SETS:
        return isinstance(current, list) and _norm(wanted) == _norm(current)
    if key in _PARTIAL:
        if not isinstance(current, Mapping):
            return False
        return all(k in current and _norm(v) == _norm(current[k]) for k, v in wanted.items())
    if key == "synonyms":
        return _norm(wanted) == _norm(current or {})
    if key == "localizedAttributes":
        return _norm(wanted or []) == _norm(current or [])
    return wanted == current


def settings_diff(wanted: Mapping[str, Any], current: Mapping[str, Any]) -> dict[str, Any]:
    """The part of ``wanted`` that differs from the server's settings: what PATCH must send."""
    return {key: value for key, value in wanted.items() if not same_setting(key, value, current.get(key))}
