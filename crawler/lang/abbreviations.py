"""Abbreviations and their expansions (rules/abbreviations.toml): "HĐND" is "Hội đồng nhân dân".

The table is site knowledge shared by both ends: extraction records which groups an article
mentions (``groups_in``, computed once per article, stored in the archive), the embedded engine
indexes those as single terms, and queries expand an abbreviation into every form of its group
(and Meilisearch gets the table as its ``synonyms`` setting).
"""

from __future__ import annotations

from functools import cache

from crawler.lang.textnorm import fold_ascii
from crawler.rules import load

_NOT_WORD = bytes(b if chr(b).isalnum() else 32 for b in range(256))


def folded_words(text: str) -> str:
    """Folded words joined by single spaces, computed in C calls (textnorm.fold_ascii)."""
    return " ".join(fold_ascii(text).translate(_NOT_WORD).decode("ascii").split())


def _tokens(form: str) -> list[str]:
    return folded_words(form).split()


def detect(text: str) -> list[str]:
    """Keys of the groups ``text`` mentions in any form (what the archive stores per article)."""
    return groups_in(folded_words(text))


@cache
def groups() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Each group as folded token sequences: (("hdnd",), ("hoi", "dong", "nhan", "dan"))."""
    raw = load("abbreviations.toml")
    out = []
    for group in raw["groups"]:
        forms = tuple(dict.fromkeys(tuple(_tokens(form)) for form in group))
        out.append(tuple(f for f in forms if f))
    return tuple(out)


@cache
def lookup() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Form → every form of its group (itself included)."""
    table: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for group in groups():
        for form in group:
            table[form] = group
    return table


@cache
def longest_form() -> int:
    return max(len(form) for group in groups() for form in group)


def raw_groups() -> list[list[str]]:
    """The table as written, for engines that take synonyms themselves (Meilisearch)."""
    raw = load("abbreviations.toml")
    return [list(g) for g in raw["groups"]]


def group_key(group: tuple[tuple[str, ...], ...]) -> str:
    """One token naming a group ("hdnd" for HĐND / Hội đồng nhân dân): the first form, joined."""
    return "".join(group[0])


@cache
def _detectors() -> tuple[frozenset[str], dict[str, list[tuple[str, frozenset[str], str, int]]]]:
    """Every form indexed by its first token: (group key, its tokens, " form ", token count)."""
    by_first: dict[str, list[tuple[str, frozenset[str], str, int]]] = {}
    for group in groups():
        for form in group:
            by_first.setdefault(form[0], []).append(
                (group_key(group), frozenset(form), f" {' '.join(form)} ", len(form)))
    return frozenset(by_first), by_first


def groups_in(folded_words: str) -> list[str]:
    """Keys of every group one of whose forms occurs in ``folded_words`` (folded words joined by
    single spaces). Indexed as one token per group, an abbreviation clause becomes a single term
    lookup instead of a term-or-phrase query over every document.

    Runs on every indexed article, so the work stays in C: a set intersection finds the words that
    start some form, and only those forms are checked.
    """
    firsts, by_first = _detectors()
    words = set(folded_words.split())
    padded = f" {folded_words} "
    found: set[str] = set()
    for first in words & firsts:
        for key, tokens, joined, size in by_first[first]:
            if key not in found and (size == 1 or (tokens <= words and joined in padded)):
                found.add(key)
    return sorted(found)
