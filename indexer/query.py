"""From what a journalist typed to a structured query both engines can run.

User text is never handed to an engine's own query parser: quotes, operators and filter syntax are
just characters here. The result is a list of required clauses; each clause is a set of
alternatives (a word, a quoted phrase, a document number, or every form of an abbreviation), all
compared on folded tokens. The typed words with their diacritics ride along so the embedded engine
can rank exact accents first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.lang import abbreviations as synonyms
from crawler.lang.textnorm import has_marks
from indexer.tokens import exact_tokens, fold_tokens, normalise

MAX_QUERY_CHARS = 500
MAX_CLAUSES = 32

# Control and direction characters become spaces; invisible ones inside words (soft hyphen, zero-width
# space, BOM) are removed by ``normalise``, so "Hội\u00adđồng" is searched as "Hộiđồng" typed whole.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "＂": '"'})


@dataclass
class Clause:
    """One required part of the query: any of ``alternatives`` must match (each a token sequence)."""

    alternatives: list[tuple[str, ...]]
    prefix: bool = False          # the last word, still being typed: match words starting with it
    phrase: bool = False          # from quotes or a document number: the tokens must stand together
    typed: tuple[str, ...] = ()   # the tokens as typed, folded (the first alternative's source)
    group: str | None = None      # abbreviation group key (crawler.lang.abbreviations.group_key) when it is one


@dataclass
class ParsedQuery:
    clauses: list[Clause] = field(default_factory=list)
    words: list[str] = field(default_factory=list)         # every typed token, folded, in order
    exact_words: list[str] = field(default_factory=list)   # typed tokens with diacritics, if any were typed
    message: str | None = None
    text: str = ""                                          # the cleaned query text

    @property
    def empty(self) -> bool:
        return not self.clauses


def clean_query(raw: str) -> tuple[str, str | None]:
    """Strip control characters, cap the length; returns the text and a message if it was cut."""
    text = _CONTROL_RE.sub(" ", raw or "").translate(_QUOTES)
    text = " ".join(normalise(text).split())
    if len(text) > MAX_QUERY_CHARS:
        cut = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
        return cut, f"Câu tìm kiếm quá dài: chỉ dùng {len(cut)} ký tự đầu."
    return text, None


def _chunks(text: str) -> list[tuple[str, bool]]:
    """Split into (chunk, quoted) pieces; an unbalanced quote is just a character."""
    if text.count('"') % 2:
        last = text.rfind('"')
        text = text[:last] + " " + text[last + 1 :]
    out: list[tuple[str, bool]] = []
    for n, part in enumerate(text.split('"')):
        if n % 2:
            if part.strip():
                out.append((part, True))
        else:
            out.extend((w, False) for w in part.split())
    return out


def _expand(tokens: list[str]) -> list[Clause]:
    """Word clauses with abbreviation groups recognised (longest form first)."""
    table = synonyms.lookup()
    clauses: list[Clause] = []
    i = 0
    while i < len(tokens):
        for size in range(min(synonyms.longest_form(), len(tokens) - i), 0, -1):
            form = tuple(tokens[i : i + size])
            group = table.get(form)
            if group:
                ordered = [form, *[g for g in group if g != form]]
                clauses.append(Clause(ordered, phrase=size > 1, typed=form, group=synonyms.group_key(group)))
                i += size
                break
        else:
            clauses.append(Clause([(tokens[i],)], typed=(tokens[i],)))
            i += 1
    return clauses


def parse_query(raw: str, prefix_last: bool = True) -> ParsedQuery:
    """Parse user text; never raises. An empty result means "everything, newest first"."""
    text, message = clean_query(raw)
    parsed = ParsedQuery(message=message, text=text)
    pending: list[str] = []   # plain words, expanded together so multi-word abbreviations are seen
    last_plain_clause: Clause | None = None

    def flush() -> None:
        nonlocal last_plain_clause
        if pending:
            expanded = _expand(pending)
            parsed.clauses.extend(expanded)
            last_plain_clause = expanded[-1]
            pending.clear()

    chunks = _chunks(text)
    for n, (chunk, quoted) in enumerate(chunks):
        tokens = fold_tokens(chunk)
        if not tokens:
            continue
        parsed.words.extend(tokens)
        if quoted or len(tokens) > 1:
            # a quoted phrase, or a chunk such as "146/NQ-HĐND", "26/06/2024", "KT-XH": as written,
            # unless the whole chunk is an abbreviation ("KT-XH" also finds "kinh tế - xã hội")
            flush()
            group = None if quoted else synonyms.lookup().get(tuple(tokens))
            alternatives = [tuple(tokens), *[g for g in group if g != tuple(tokens)]] if group else [tuple(tokens)]
            parsed.clauses.append(Clause(alternatives, phrase=True, typed=tuple(tokens),
                                         group=synonyms.group_key(group) if group else None))
            last_plain_clause = None
        else:
            pending.extend(tokens)
        if n == len(chunks) - 1:
            flush()
    flush()
    if has_marks(text):
        parsed.exact_words = exact_tokens(" ".join(c for c, _ in chunks))
    if len(parsed.clauses) > MAX_CLAUSES:
        parsed.clauses = parsed.clauses[:MAX_CLAUSES]
        parsed.message = parsed.message or f"Câu tìm kiếm có quá nhiều từ: chỉ dùng {MAX_CLAUSES} từ đầu."
    last = parsed.clauses[-1] if parsed.clauses else None
    if (prefix_last and last is not None and last is last_plain_clause and len(last.alternatives) == 1
            and len(last.alternatives[0]) == 1 and not text.endswith((" ", '"'))):
        last.prefix = True
    return parsed
