"""Site knowledge as data: CMS families (cms.toml) and URL rules (urls.toml), compiled once.

The heuristics that use them (crawler/urls.py, crawler/traps.py, crawler/cms.py, the extractor)
never name a site; adding what a new portal product looks like is an edit to the TOML files.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

Patterns = tuple[re.Pattern[str], ...]


def _compile(patterns: list[str] | tuple[str, ...]) -> Patterns:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _load(name: str) -> dict:
    return tomllib.loads(resources.files("crawler.rules").joinpath(name).read_text("utf-8"))


@dataclass(frozen=True)
class Family:
    """What one CMS family looks like and where its content sits."""

    name: str
    label: str
    html: Patterns
    url: Patterns
    article_urls: Patterns
    listing_urls: Patterns
    body: tuple[str, ...]
    lead: tuple[str, ...]
    date: tuple[str, ...]
    feeds: tuple[str, ...]
    sitemaps: tuple[str, ...]
    boilerplate: tuple[str, ...]


@dataclass(frozen=True)
class Generic:
    """Article and listing URL shapes of unknown products, and words that steer link priority."""

    article_urls: Patterns
    listing_urls: Patterns
    news_words: tuple[str, ...]
    other_words: tuple[str, ...]


@dataclass(frozen=True)
class UrlRules:
    """Compiled urls.toml."""

    noise_exact: frozenset[str]
    noise_prefixes: tuple[str, ...]
    noise_suffixes: tuple[str, ...]
    path_sessions: Patterns
    pagination_params: frozenset[str]
    pagination_param_suffixes: tuple[str, ...]
    pagination_paths: Patterns
    pagination_texts: frozenset[str]
    traps: tuple[tuple[str, Patterns], ...]
    calendar_params: frozenset[str]


@cache
def families() -> dict[str, Family]:
    """Every known CMS family by name."""
    raw = _load("cms.toml")["family"]
    out: dict[str, Family] = {}
    for name, fam in raw.items():
        out[name] = Family(
            name=name,
            label=fam["label"],
            html=_compile(fam.get("html", [])),
            url=_compile(fam.get("url", [])),
            article_urls=_compile(fam.get("article_urls", [])),
            listing_urls=_compile(fam.get("listing_urls", [])),
            body=tuple(fam.get("body", [])),
            lead=tuple(fam.get("lead", [])),
            date=tuple(fam.get("date", [])),
            feeds=tuple(fam.get("feeds", [])),
            sitemaps=tuple(fam.get("sitemaps", [])),
            boilerplate=tuple(fam.get("boilerplate", [])),
        )
    return out


def cms_families() -> list[str]:
    """Names accepted by the registry's ``cms`` hint."""
    return sorted(families())


@cache
def generic() -> Generic:
    raw = _load("cms.toml")["generic"]
    return Generic(
        article_urls=_compile(raw["article_urls"]),
        listing_urls=_compile(raw["listing_urls"]),
        news_words=tuple(raw["news_words"]),
        other_words=tuple(raw["other_words"]),
    )


def _split_wildcards(names: list[str]) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    exact = frozenset(n.lower() for n in names if "*" not in n)
    prefixes = tuple(n[:-1].lower() for n in names if n.endswith("*"))
    suffixes = tuple(n[1:].lower() for n in names if n.startswith("*"))
    return exact, prefixes, suffixes


@cache
def url_rules() -> UrlRules:
    raw = _load("urls.toml")
    noise_exact, noise_prefixes, noise_suffixes = _split_wildcards(raw["noise_params"])
    page_exact, _, page_suffixes = _split_wildcards(raw["pagination_params"])
    return UrlRules(
        noise_exact=noise_exact,
        noise_prefixes=noise_prefixes,
        noise_suffixes=noise_suffixes,
        path_sessions=_compile(raw["path_sessions"]),
        pagination_params=page_exact,
        pagination_param_suffixes=page_suffixes,
        pagination_paths=_compile(raw["pagination_paths"]),
        pagination_texts=frozenset(raw["pagination_texts"]),
        traps=tuple((reason, _compile(pats)) for reason, pats in raw["traps"].items()),
        calendar_params=frozenset(raw["calendar_params"]),
    )
