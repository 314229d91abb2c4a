"""The article's headline: not the site name, not the ``<title>`` with its " - Cổng thông tin…" suffix.

Order: the family's title selectors; then a heading that agrees with ``og:title`` or ``<title>``
(portals often put the site name in the only ``<h1>`` and the headline in an ``<h2>``); then the
metadata title with the site name cut off; then the first substantial ``<h1>``.
"""

from __future__ import annotations

import re

from crawler.extract.tree import HtmlElement, matches, select, tag, text_of
from crawler.rules import Family, boilerplate
from crawler.textnorm import clean_text
from crawler.textnorm import fold as folded

_SEPARATORS = re.compile(r"\s+(?:[-–—|»:]|::)\s+")
# Words that make one side of a "<title>" split look like the site's name rather than the headline.
_SITE_WORDS = ("cong thong tin", "trang thong tin", "trang tin", "website", "portal", "trang chu",
               "dien tu", ".vn", ".gov", "bao ", "tap chi")
# Organisations that name a site when they end a <title> ("… - HĐND tỉnh Cao Bằng"), if short.
_ORG_WORDS = ("hdnd", "hoi dong nhan dan", "ubnd", "uy ban nhan dan", "doan dbqh")
_ORG_MAX = 45
# Where headlines are printed, most specific first; any heading agreeing with the <title> counts.
_GENERIC = ("[itemprop='headline']", ".entry-title", ".post-title", ".article-title", ".news-title",
            ".title-detail", ".detail-title", "h1", "h2", "h3")
MIN_TITLE = 8


def meta_titles(root: HtmlElement) -> list[str]:
    """Titles the page states about itself: og:title, twitter:title, then ``<title>``."""
    out: list[str] = []
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in ("og:title", "twitter:title") and meta.get("content"):
            out.append(clean_text(" ".join(meta.get("content", "").split())))
    for t in root.iter("title"):
        text = clean_text(" ".join((t.text_content() or "").split()))
        if text:
            out.append(text)
        break
    return [t for t in out if t]


def site_names(root: HtmlElement) -> set[str]:
    """Folded names the page gives its site (og:site_name, application-name)."""
    names = set()
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in ("og:site_name", "application-name") and meta.get("content"):
            names.add(folded(meta.get("content", "")))
    return names


def _agrees(heading: str, ref: str) -> bool:
    h, r = folded(heading), folded(ref)
    return len(h) >= MIN_TITLE and (h in r or (len(r) >= 20 and r in h))


def _in_chrome(el: HtmlElement) -> bool:
    """Inside the page header, a menu or a related list: a heading there is not the headline."""
    patterns = boilerplate().not_date_classes
    for anc in el.iterancestors():
        if tag(anc) in ("header", "nav", "footer", "aside") and not any(
                tag(a) in ("article", "main") for a in anc.iterancestors()):
            return True
        if matches(anc, patterns):
            return True
    return False


def _site_like(part: str, names: set[str]) -> bool:
    key = folded(part)
    return key in names or (len(part) <= 80 and any(w in key for w in _SITE_WORDS)) or (
        len(part) <= _ORG_MAX and any(key.startswith(w) for w in _ORG_WORDS))


def strip_site(title: str, names: set[str]) -> str:
    """Cut the site's name off a ``<title>``: one leading or trailing part that is a known site
    name or reads like one. A headline containing " - " ("kinh tế - xã hội") is left whole."""
    seps = list(_SEPARATORS.finditer(title))
    if not seps:
        return title
    head, tail = title[:seps[-1].start()], title[seps[-1].end():]
    if len(head) >= MIN_TITLE and _site_like(tail, names):
        return head
    head, tail = title[:seps[0].start()], title[seps[0].end():]
    if len(tail) >= MIN_TITLE and _site_like(head, names):
        return tail
    return title


def find_title(root: HtmlElement, fam: Family | None) -> tuple[str, HtmlElement | None]:
    """The headline and the element printing it (None when it came from metadata)."""
    if fam is not None and fam.title:
        for el in select(root, fam.title):
            text = text_of(el)
            if len(text) >= MIN_TITLE and not _in_chrome(el):
                return text, el
    refs = meta_titles(root)
    headings = list(select(root, _GENERIC))
    seen: set[HtmlElement] = set()
    usable: list[tuple[str, HtmlElement]] = []
    for el in headings:
        if el in seen:
            continue
        seen.add(el)
        text = text_of(el)
        if len(text) >= MIN_TITLE and not _in_chrome(el):
            usable.append((text, el))
    for ref in refs:
        for text, el in usable:
            if _agrees(text, ref):
                return text, el
    names = site_names(root)
    for ref in refs:
        stripped = strip_site(ref, names)
        if len(stripped) >= MIN_TITLE and folded(stripped) not in names:
            return stripped, None
    for text, el in usable:
        if tag(el) == "h1" and folded(text) not in names:
            return text, el
    return (refs[0] if refs else ""), None
