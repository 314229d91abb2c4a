"""A parsed query and its filters as a tantivy query, built term by term (no query-string parser).

Every clause is required; its alternatives (a word, a phrase, each form of an abbreviation) may
match in any searchable field, weighted by field. Optional clauses only add score: the typed words
as one phrase (words together and in order rank first) and, when the user typed diacritics, the
exact accented words (so "hội" ranks above "hỏi" without hiding it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import tantivy

from crawler.textnorm import has_marks
from indexer.embedded.schema import EXACT_FIELDS, TEXT_FIELDS
from indexer.model import SearchQuery
from indexer.params import province_filter
from indexer.query import Clause, ParsedQuery

MUST, SHOULD = tantivy.Occur.Must, tantivy.Occur.Should
PREFIX_EXPANSIONS = 50
PHRASE_BOOST = 2.5
NEAR_BOOST = 1.2
EXACT_BOOST = 1.5


@dataclass
class Built:
    query: tantivy.Query
    expanded: set[str] = field(default_factory=set)   # words the prefix matched, for highlighting
    matches_nothing: bool = False


def _alt_query(schema: tantivy.Schema, alt: tuple[str, ...], name: str) -> tantivy.Query:
    if len(alt) == 1:
        return tantivy.Query.term_query(schema, name, alt[0])
    return tantivy.Query.phrase_query(schema, name, list(alt))


def _clause_query(schema: tantivy.Schema, searcher: tantivy.Searcher, clause: Clause, expanded: set[str]
                  ) -> tantivy.Query | None:
    parts: list[tuple[tantivy.Occur, tantivy.Query]] = []
    if clause.prefix:
        prefix = clause.alternatives[0][0]
        words: dict[str, int] = {}
        for name in ("title", "body"):
            for term, count in searcher.terms_with_prefix(name, prefix, limit=PREFIX_EXPANSIONS):
                words[term] = words.get(term, 0) + count
        chosen = sorted(words, key=lambda w: (-words[w], w))[:PREFIX_EXPANSIONS]
        if not chosen:
            return None
        expanded.update(chosen)
        for name, weight in TEXT_FIELDS.items():
            q = tantivy.Query.term_set_query(schema, name, chosen)
            parts.append((SHOULD, tantivy.Query.boost_query(q, weight)))
    else:
        for alt in clause.alternatives:
            for name, weight in TEXT_FIELDS.items():
                parts.append((SHOULD, tantivy.Query.boost_query(_alt_query(schema, alt, name), weight)))
    return tantivy.Query.boolean_query(parts)


def _filters(schema: tantivy.Schema, q: SearchQuery) -> list[tantivy.Query]:
    out: list[tantivy.Query] = []
    place = province_filter(q.province)
    if place:
        out.append(tantivy.Query.term_query(schema, place[0], place[1]))
    if q.level:
        out.append(tantivy.Query.term_query(schema, "level", q.level))
    if q.site:
        out.append(tantivy.Query.term_query(schema, "site", q.site))
    if q.since or q.until:
        out.append(tantivy.Query.range_query(
            schema, "published_ts", tantivy.FieldType.Integer,
            day_start(q.since) if q.since else None, day_end(q.until) if q.until else None,
        ))
    return out


def day_start(d: date) -> int:
    return int(datetime(d.year, d.month, d.day, tzinfo=UTC).timestamp()) - 7 * 3600


def day_end(d: date) -> int:
    return day_start(d) + 86400 - 1


def build(schema: tantivy.Schema, searcher: tantivy.Searcher, parsed: ParsedQuery, q: SearchQuery) -> Built:
    """The tantivy query for ``parsed`` under the filters of ``q``."""
    expanded: set[str] = set()
    musts: list[tuple[tantivy.Occur, tantivy.Query]] = []
    for clause in parsed.clauses:
        cq = _clause_query(schema, searcher, clause, expanded)
        if cq is None:
            return Built(tantivy.Query.empty_query(), expanded, matches_nothing=True)
        musts.append((MUST, cq))
    musts.extend((MUST, f) for f in _filters(schema, q))
    if not parsed.clauses:
        base = tantivy.Query.all_query()
        if not musts:
            return Built(base, expanded)
        return Built(tantivy.Query.boolean_query([(MUST, base), *musts]), expanded)
    shoulds: list[tuple[tantivy.Occur, tantivy.Query]] = []
    words = [w for c in parsed.clauses if not c.prefix for w in c.typed]
    if len(words) >= 2:
        for name in ("title", "body"):
            weight = TEXT_FIELDS[name]
            phrase = tantivy.Query.phrase_query(schema, name, words)
            shoulds.append((SHOULD, tantivy.Query.boost_query(phrase, PHRASE_BOOST * weight)))
            near = tantivy.Query.phrase_query(schema, name, words, slop=3)
            shoulds.append((SHOULD, tantivy.Query.boost_query(near, NEAR_BOOST * weight)))
    for word in parsed.exact_words:
        if has_marks(word):
            for name, weight in EXACT_FIELDS.items():
                exact = tantivy.Query.term_query(schema, name, word)
                shoulds.append((SHOULD, tantivy.Query.boost_query(exact, EXACT_BOOST * weight)))
    return Built(tantivy.Query.boolean_query(musts + shoulds), expanded)
