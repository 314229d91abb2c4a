"""What a page declares about itself: Open Graph, schema.org (JSON-LD or microdata), article tags.

A site that says "this page is one article" is believed whatever the article's length; a listing
that says so of each of its teasers (one ``NewsArticle`` per item) declares nothing about itself,
so only a single declared article counts. JSON-LD on portals is often hand-pasted and broken
(trailing commas, comments, control characters): it is repaired where that is cheap, and read for
its ``@type`` values when it is not.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import html as lxml_html

from crawler.rules import page_rules

Element = lxml_html.HtmlElement

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_WRAPPERS = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")
_TYPE_RE = re.compile(r'"@type"\s*:\s*"([^"]+)"')


def _parse_json(text: str) -> Any:
    """JSON-LD as written, or repaired (comment wrappers, trailing commas, raw control characters);
    None when it cannot be read as JSON at all."""
    text = _WRAPPERS.sub("", text)
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(candidate, strict=False)
        except ValueError:
            continue
    return None


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    """The objects a JSON-LD block describes at its top: members of lists and ``@graph`` arrays, and
    a WebPage's ``mainEntity``; not the items of an ItemList (a listing's teasers)."""
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _objects(data["@graph"])
        if "@type" in data:
            yield data
        if isinstance(data.get("mainEntity"), dict):
            yield from _objects(data["mainEntity"])


def _types(obj: dict[str, Any]) -> list[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)]


def json_ld_types(root: Element) -> list[list[str]]:
    """The ``@type`` list of each top-level object of the page's JSON-LD blocks."""
    found: list[list[str]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        data = _parse_json(text)
        if data is None:
            found.extend([t] for t in _TYPE_RE.findall(text))
        else:
            found.extend(_types(obj) for obj in _objects(data))
    return found


def _single_article_type(type_lists: list[list[str]]) -> str | None:
    wanted = page_rules().article_types
    hits = [next(t for t in types if t.lower() in wanted) for types in type_lists
            if any(t.lower() in wanted for t in types)]
    return hits[0] if len(hits) == 1 else None


def _microdata_types(root: Element) -> list[list[str]]:
    return [[t.rstrip("/").rsplit("/", 1)[-1] for t in (el.get("itemtype") or "").split()]
            for el in root.iterfind(".//*[@itemtype]")]


def _meta_values(root: Element) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key:
            out.setdefault(key, []).append((meta.get("content") or "").strip())
    return out


def declared_article(root: Element) -> list[str]:
    """The page's own declarations that it is an article ("og:type=article", "schema.org
    NewsArticle (JSON-LD)", ...), in order of strength; [] when it declares nothing."""
    found: list[str] = []
    meta = _meta_values(root)
    if [v.lower() for v in meta.get("og:type", [])][:1] == ["article"]:
        found.append("og:type=article")
    kind = _single_article_type(json_ld_types(root))
    if kind:
        found.append(f"schema.org {kind} (JSON-LD)")
    kind = _single_article_type(_microdata_types(root))
    if kind:
        found.append(f"schema.org {kind} (microdata)")
    if any(meta.get("article:published_time", [])):
        found.append("article:published_time")
    elif len(meta.get("datepublished", [])) == 1:
        found.append("datePublished")
    if len(root.xpath("//*[@itemprop='articleBody']")) == 1:
        found.append("itemprop=articleBody")
    return found
