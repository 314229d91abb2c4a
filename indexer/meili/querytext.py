"""From a parsed query to Meilisearch's ``q`` and the body of a search request.

``q`` is rebuilt from folded tokens, spaces and double quotes only, so nothing the user typed can
reach Meilisearch's own syntax (its "-word" negation, stray quotes). Three things Meilisearch does
shape the rebuild:

- Only the first 10 query terms count, a quoted phrase being one term: we cut there ourselves and
  say so, rather than let the server drop words silently.
- Synonyms are looked up for single words and for runs of two or three words only, so "ủy ban
  nhân dân" (four words) would never reach "UBND". An abbreviation group is therefore sent as its
  one-word form ("ubnd"), which the synonyms setting expands to every other form, as a phrase.
- The last word is matched as a prefix unless a space follows it; the parser decides, we follow.

Phrases and document numbers ("146/NQ-HĐND") go quoted, so they match as written, with no typo,
prefix or synonym.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from indexer.meili.filters import build_filters
from indexer.meili.settings import LOCALE, MAX_TOTAL_HITS
from indexer.model import FACETS, SearchQuery, effective_sort
from indexer.query import Clause, ParsedQuery
from indexer.snippets import POST, PRE

MAX_TERMS = 10          # Meilisearch's query word limit
MAX_SYNONYM_NGRAM = 3   # longest run of words it looks synonyms up for
RETRIEVE = ["id", "doc_id", "url", "title", "published", "site", "site_name", "province", "province_current",
            "level", "author", "duplicates"]
HIGHLIGHT = ["title", "lead", "text", "captions"]
CROP = ["lead", "text", "captions"]
SORT_FIELD = "published_ts"


@dataclass(frozen=True)
class MeiliQuery:
    q: str
    message: str | None = None
    terms: int = 0

    @property
    def empty(self) -> bool:
        return not self.q.strip()


def _phrase(tokens: tuple[str, ...]) -> str:
    return '"' + " ".join(tokens) + '"'


def clause_options(clause: Clause) -> list[tuple[str, int]]:
    """Ways to send ``clause``, best first, each with the number of terms Meilisearch counts."""
    if len(clause.alternatives) == 1:
        tokens = clause.alternatives[0]
        if clause.phrase or len(tokens) > 1:
            return [(_phrase(tokens), 1)]
        return [(tokens[0], 1)]
    # an abbreviation group: a one-word form is expanded by the server's synonyms
    typed = clause.typed or clause.alternatives[0]
    singles = [a for a in clause.alternatives if len(a) == 1]
    if singles:
        single = typed if len(typed) == 1 else singles[0]
        return [(single[0], 1)]
    shortest = min(clause.alternatives, key=len)
    options: list[tuple[str, int]] = []
    if len(shortest) <= MAX_SYNONYM_NGRAM:
        options.append((" ".join(shortest), len(shortest)))
    options.append((_phrase(typed), 1))   # as typed, when there is no room (or no way) to expand
    return options


def build_q(parsed: ParsedQuery) -> MeiliQuery:
    """``q`` for Meilisearch, at most MAX_TERMS terms, with the user-facing message if shortened."""
    parts: list[str] = []
    used = 0
    cut = False
    for clause in parsed.clauses:
        for text, count in clause_options(clause):
            if used + count <= MAX_TERMS:
                parts.append(text)
                used += count
                break
        else:
            cut = True
            break
    q = " ".join(parts)
    prefix = bool(parsed.clauses) and parsed.clauses[-1].prefix and not cut
    if q and not prefix:
        q += " "   # a trailing space stops Meilisearch matching the last word as a prefix
    messages = [parsed.message] if parsed.message else []
    if cut:
        messages.append(f"Meilisearch chỉ xét {MAX_TERMS} từ đầu của câu tìm kiếm (một cụm trong ngoặc kép "
                        "tính là một từ): các từ sau đã bị bỏ qua.")
    return MeiliQuery(q=q, message=" ".join(messages) or None, terms=used)


def page_window(offset: int, limit: int) -> tuple[int, int, int]:
    """(page, hitsPerPage, hits to skip) covering offset..offset+limit.

    Page-based requests are the ones for which Meilisearch counts matches exactly (totalHits);
    offset/limit gives only an estimate, and the page shows the total.
    """
    limit = max(1, limit)
    if offset % limit == 0:
        return offset // limit + 1, limit, 0
    return 1, offset + limit, offset


def sort_for(query: SearchQuery, mq: MeiliQuery) -> list[str] | None:
    sort = effective_sort(query.sort, mq.empty)
    if sort == "newest":
        return [f"{SORT_FIELD}:desc"]
    if sort == "oldest":
        return [f"{SORT_FIELD}:asc"]
    return None


def crop_length(snippet_chars: int) -> int:
    """Meilisearch crops in words; Vietnamese syllables average about five characters with a space."""
    return max(10, min(200, snippet_chars // 5))


def search_body(query: SearchQuery, mq: MeiliQuery) -> tuple[dict[str, Any], int, str | None]:
    """Search parameters (everything but ``q``), the number of leading hits to drop, and a message."""
    filters, message = build_filters(query)
    page, per_page, skip = page_window(query.offset, query.limit)
    body: dict[str, Any] = {
        "page": page,
        "hitsPerPage": min(per_page, MAX_TOTAL_HITS),
        "matchingStrategy": "all",
        "locales": [LOCALE],
        # "level" is single-valued and always set: its counts add up to the exact total even when
        # totalHits stops at maxTotalHits
        "facets": list(FACETS) if query.facets else ["level"],
        "attributesToRetrieve": RETRIEVE,
        "attributesToHighlight": HIGHLIGHT,
        "attributesToCrop": CROP,
        "cropLength": crop_length(query.snippet_chars),
        "cropMarker": "…",
        "highlightPreTag": PRE,
        "highlightPostTag": POST,
        "showRankingScore": True,
    }
    if filters:
        body["filter"] = filters
    sort = sort_for(query, mq)
    if sort:
        body["sort"] = sort
    return body, skip, message


def timeline_body(query: SearchQuery) -> tuple[dict[str, Any], str | None]:
    filters, message = build_filters(query)
    body: dict[str, Any] = {"limit": 0, "facets": ["month"], "matchingStrategy": "all", "locales": [LOCALE]}
    if filters:
        body["filter"] = filters
    return body, message
