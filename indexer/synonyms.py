"""The abbreviation table (synonyms.toml), folded into token sequences both engines can use."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from indexer.tokens import fold_tokens


@cache
def groups() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Each group as folded token sequences: (("hdnd",), ("hoi", "dong", "nhan", "dan"))."""
    raw = tomllib.loads(resources.files("indexer").joinpath("synonyms.toml").read_text("utf-8"))
    out = []
    for group in raw["groups"]:
        forms = tuple(dict.fromkeys(tuple(fold_tokens(form)) for form in group))
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
    raw = tomllib.loads(resources.files("indexer").joinpath("synonyms.toml").read_text("utf-8"))
    return [list(g) for g in raw["groups"]]


def group_key(group: tuple[tuple[str, ...], ...]) -> str:
    """One token naming a group ("hdnd" for HĐND / Hội đồng nhân dân): the first form, joined."""
    return "".join(group[0])


@cache
def _detectors() -> tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]:
    return tuple((group_key(g), g) for g in groups())


def groups_in(folded_words: str) -> list[str]:
    """Keys of every group one of whose forms occurs in ``folded_words`` (folded words joined by
    single spaces). Indexed as one token per group, an abbreviation clause becomes a single term
    lookup instead of a term-or-phrase query over every document.

    Runs on every indexed article: a set of the words rules most forms out before any substring
    search of the text.
    """
    words = set(folded_words.split())
    padded = f" {folded_words} "
    found = []
    for key, forms in _detectors():
        for form in forms:
            if form[0] in words and (len(form) == 1 or f" {' '.join(form)} " in padded):
                found.append(key)
                break
    return found
