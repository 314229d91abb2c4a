"""Site and language knowledge as data, every file of it in this folder, read by one loader (``load``):
CMS families (cms.toml), URL rules (urls.toml), boilerplate and credits (boilerplate.toml), page
judgment (pages.toml), the HĐND classifier's vocabulary (hdnd.toml), abbreviations
(abbreviations.toml) and the provinces before and after the 2025 merger (provinces.toml).

The heuristics that use them (crawler/discovery/, crawler/judgment/, crawler/extract/,
crawler/classify/, crawler/lang/) never name a site; adding what a new portal product looks like
is an edit to the TOML files.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from crawler.lang.textnorm import fold

Patterns = tuple[re.Pattern[str], ...]


def _compile(patterns: list[str] | tuple[str, ...]) -> Patterns:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def load(name: str) -> dict:
    """One data file of this folder, parsed: the one loader of the project's TOML knowledge (the
    site registry, a user's file, has its own in crawler.registry)."""
    return tomllib.loads(resources.files("crawler.rules").joinpath(name).read_text("utf-8"))


@dataclass(frozen=True)
class Family:
    """What one CMS family looks like and where its content sits."""

    name: str
    label: str
    html: tuple[str, ...]      # lower-case substrings of the page's head
    url: Patterns
    article_urls: Patterns
    listing_urls: Patterns
    body: tuple[str, ...]
    lead: tuple[str, ...]
    date: tuple[str, ...]
    feeds: tuple[str, ...]
    sitemaps: tuple[str, ...]
    boilerplate: tuple[str, ...]
    # Extraction only (crawler/extract/); absent keys are empty.
    title: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    strip: tuple[str, ...] = ()
    author: tuple[str, ...] = ()


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
    raw = load("cms.toml")["family"]
    out: dict[str, Family] = {}
    for name, fam in raw.items():
        out[name] = Family(
            name=name,
            label=fam["label"],
            html=tuple(h.lower() for h in fam.get("html", [])),
            url=_compile(fam.get("url", [])),
            article_urls=_compile(fam.get("article_urls", [])),
            listing_urls=_compile(fam.get("listing_urls", [])),
            body=tuple(fam.get("body", [])),
            lead=tuple(fam.get("lead", [])),
            date=tuple(fam.get("date", [])),
            feeds=tuple(fam.get("feeds", [])),
            sitemaps=tuple(fam.get("sitemaps", [])),
            boilerplate=tuple(fam.get("boilerplate", [])),
            title=tuple(fam.get("title", [])),
            captions=tuple(fam.get("captions", [])),
            strip=tuple(fam.get("strip", [])),
            author=tuple(fam.get("author", [])),
        )
    return out


def cms_families() -> list[str]:
    """Names accepted by the registry's ``cms`` hint."""
    return sorted(families())


@dataclass(frozen=True)
class Boilerplate:
    """Compiled boilerplate.toml: chrome text and the class names of widgets, captions, leads,
    dates and bylines, valid on every site. Text tokens are folded (crawler.lang.textnorm.fold)."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    prefix_max_chars: int
    patterns: Patterns
    credit_prefixes: tuple[str, ...]
    credit_trailing: tuple[str, ...]
    credit_max_chars: int
    source_prefixes: tuple[str, ...]
    photo_prefixes: tuple[str, ...]
    strip_classes: Patterns
    not_date_classes: Patterns
    caption_classes: Patterns
    lead_classes: Patterns
    date_classes: Patterns
    author_classes: Patterns
    title_classes: Patterns
    signoff_prefixes: tuple[str, ...]
    unit_words: tuple[str, ...]
    today_labels: tuple[str, ...]


@cache
def boilerplate() -> Boilerplate:
    """The cross-CMS boilerplate knowledge, compiled once."""
    raw = load("boilerplate.toml")
    lines, credits, classes, signoff = raw["lines"], raw["credits"], raw["classes"], raw["signoff"]

    def folded(items: list[str]) -> tuple[str, ...]:
        # Longest first, so "tin, anh:" wins over "tin:"; trailing spaces are part of some prefixes.
        out = [fold(t) + (" " if t.endswith(" ") else "") for t in items]
        return tuple(sorted(set(out), key=len, reverse=True))

    return Boilerplate(
        exact=frozenset(fold(t).rstrip(" :.…") for t in lines["exact"]),
        prefixes=folded(lines["prefix"]),
        prefix_max_chars=int(lines.get("prefix_max_chars", 160)),
        patterns=_compile(lines.get("patterns", [])),
        credit_prefixes=folded(credits["prefix"]),
        credit_trailing=folded(credits.get("trailing_prefix", [])),
        credit_max_chars=int(credits.get("max_chars", 100)),
        source_prefixes=folded(credits.get("source_prefix", [])),
        photo_prefixes=folded(credits.get("photo_prefix", [])),
        strip_classes=_compile(classes["strip"]),
        not_date_classes=_compile(classes["not_date"]),
        caption_classes=_compile(classes["caption"]),
        lead_classes=_compile(classes["lead"]),
        date_classes=_compile(classes["date"]),
        author_classes=_compile(classes["author"]),
        title_classes=_compile(classes["title"]),
        signoff_prefixes=folded(signoff["prefixes"]),
        unit_words=folded(signoff["unit_words"]),
        today_labels=folded(raw["dates"]["today_labels"]),
    )


@cache
def generic() -> Generic:
    raw = load("cms.toml")["generic"]
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
    raw = load("urls.toml")
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


@cache
def canonical_patterns() -> Patterns:
    """Every family's ``canonical`` patterns: URL shapes whose group 1 alone names the article."""
    raw = load("cms.toml")["family"]
    return _compile([p for fam in raw.values() for p in fam.get("canonical", [])])


@dataclass(frozen=True)
class PageRules:
    """Compiled pages.toml: how page judgment (crawler/judgment/judge.py) tells chrome, related-news blocks,
    headlines and pagers apart on sites of any CMS. Class patterns are one alternation each: they
    are searched in the class and id of every element of every fetched page."""

    chrome_tags: frozenset[str]
    chrome_classes: re.Pattern[str]
    chrome_texts: tuple[str, ...]
    related_labels: frozenset[str]
    related_classes: re.Pattern[str]
    more_links: frozenset[str]
    headline_classes: re.Pattern[str]
    pager_classes: re.Pattern[str]
    pager_texts: frozenset[str]
    article_types: frozenset[str]


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@cache
def page_rules() -> PageRules:
    """The page-judgment vocabulary, compiled once; its texts are folded."""
    raw = load("pages.toml")
    return PageRules(
        chrome_tags=frozenset(raw["chrome"]["tags"]),
        chrome_classes=_alternation(raw["chrome"]["classes"]),
        chrome_texts=tuple(fold(t) for t in raw["chrome"]["texts"]),
        related_labels=frozenset(fold(label) for label in raw["related"]["labels"]),
        related_classes=_alternation(raw["related"]["classes"]),
        more_links=frozenset(fold(text) for text in raw["listing"]["more_links"]),
        headline_classes=_alternation(raw["headline"]["classes"]),
        pager_classes=_alternation(raw["pager"]["classes"]),
        pager_texts=frozenset(fold(text) for text in raw["pager"]["texts"]),
        article_types=frozenset(t.lower() for t in raw["schema"]["article_types"]),
    )
