"""The article's headline: not the site name, not the ``<title>`` with its " - Cổng thông tin…" suffix.

The family's title selectors come first. Otherwise the headline is chosen by evidence, because on a
template nobody described the ``<title>`` may hold only the site's name ("Trang Thông Tin Điện Tử
huyện Đăk Song - tỉnh Đăk Nông") and the headline sits in a ``<p class="Title">``: every heading
and title-named element outside the page chrome is a candidate, and scores for what headlines do:
standing just above the body (or as its first line), repeating ``og:title`` or part of ``<title>``,
being repeated in the print view's script, being a heading element or named like one, having a
headline's length. A candidate in a link (a teaser), after the body, or naming the site loses. When
no candidate has enough evidence, the metadata title with the site's name cut off is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.extract.tree import HtmlElement, ParsedPage, inside, matches, select, tag, text_of
from crawler.lang.textnorm import clean_text
from crawler.lang.textnorm import fold as folded
from crawler.rules import Family, boilerplate

_SEPARATORS = re.compile(r"\s+(?:[-–—|»:]|::)\s+")
# Words that make one side of a "<title>" split look like the site's name rather than the headline.
_SITE_WORDS = ("cong thong tin", "trang thong tin", "trang tin", "website", "portal", "trang chu",
               "dien tu", ".vn", ".gov", "bao ", "tap chi")
# Organisations that name a site when they end a <title> ("… - HĐND tỉnh Cao Bằng"), if short.
_ORG_WORDS = ("hdnd", "hoi dong nhan dan", "ubnd", "uy ban nhan dan", "doan dbqh")
_ORG_MAX = 45
# A place alone ("tỉnh Đăk Nông", "TP. Hải Phòng") is the site's address, not a headline; the name
# must be capitalised, so "xã hội" (society) is not a commune.
_PLACE = re.compile(r"^(?:tỉnh|huyện|xã|thành phố|tp\.?|quận|phường|thị xã|thị trấn)\s+[A-ZĐÀ-Ỹ]", re.I)
_PLACE_MAX = 40
# Where headlines are printed: heading elements, schema.org's headline, and elements named like a
# headline (boilerplate.toml's title classes: .entry-title, .post-title, .article-title, …).
_HEADINGS = ("h1", "h2", "h3")
MIN_TITLE = 8
_MAX_TITLE = 300
_NEAR, _FAR = 40, 150     # elements between a candidate and the body
_SEARCH = 150             # elements above the body searched for headline-named ones
ENOUGH = 3.0              # evidence a candidate needs to beat the metadata title


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


def _in_chrome(el: HtmlElement, doc: ParsedPage) -> bool:
    """Inside the page header, a menu or a related list: a heading there is not the headline."""
    chrome = boilerplate().not_date_classes
    for anc in el.iterancestors():
        if tag(anc) in ("header", "nav", "footer", "aside") and not any(
                tag(a) in ("article", "main") for a in anc.iterancestors()):
            return True
        if matches(anc, chrome):
            return True
    return False


def site_like(part: str, names: set[str]) -> bool:
    """Reads like a site's name or address rather than a headline."""
    key = folded(part)
    return key in names or (len(part) <= 80 and any(w in key for w in _SITE_WORDS)) or (
        len(part) <= _ORG_MAX and any(key.startswith(w) for w in _ORG_WORDS)) or (
        len(part) <= _PLACE_MAX and bool(_PLACE.match(part)))


def strip_site(title: str, names: set[str]) -> str:
    """Cut the site's name off a ``<title>``: one leading or trailing part that is a known site
    name or reads like one. A headline containing " - " ("kinh tế - xã hội") is left whole; a
    ``<title>`` that is only the site's name gives ""."""
    seps = list(_SEPARATORS.finditer(title))
    if not seps:
        return "" if site_like(title, names) else title
    head, tail = title[:seps[-1].start()], title[seps[-1].end():]
    if len(head) >= MIN_TITLE and site_like(tail, names):
        return "" if site_like(head, names) else head
    head, tail = title[:seps[0].start()], title[seps[0].end():]
    if len(tail) >= MIN_TITLE and site_like(head, names):
        return "" if site_like(tail, names) else tail
    return title


@dataclass
class _Candidate:
    text: str
    el: HtmlElement | None
    score: float = 0.0


def _candidates(doc: ParsedPage, region: HtmlElement | None) -> list[_Candidate]:
    """Headings and headline-named elements; named ones only from above the body to its first
    elements when the body is known (a headline is not printed further away, and the page's other
    boxes are many)."""
    seen: set[HtmlElement] = set()
    out: list[_Candidate] = []
    named = boilerplate().title_classes
    near = doc.matching(named) if region is None else doc.near_matching(region, _SEARCH, _NEAR, named)
    found = [*doc.root.iter(*_HEADINGS), *doc.root.xpath("//*[@itemprop='headline']"), *near]
    for el in found:
        if el in seen:
            continue
        seen.add(el)
        if not MIN_TITLE <= len(el.text_content().strip()) <= 2 * _MAX_TITLE:  # cheap first look
            continue
        text = text_of(el)
        if MIN_TITLE <= len(text) <= _MAX_TITLE and not _in_chrome(el, doc):
            out.append(_Candidate(text, el))
    return out


def _scripts(root: HtmlElement) -> str:
    """Inline script text that writes headings, where print views keep their own copy of the
    headline (searched as it is: normalising a page's scripts costs more than the search)."""
    return "\n".join(s.text for s in root.iter("script") if s.text and "<h" in s.text)


_TAG_SCORE = {"h1": 2.0, "h2": 1.5, "h3": 1.0, "h4": 0.5}


def _score(c: _Candidate, doc: ParsedPage, region: HtmlElement | None, refs: list[str], names: set[str],
           scripts: str) -> float:
    score = 0.0
    if any(_agrees(c.text, r) for r in refs):
        score += 3.0
    if scripts and c.text in scripts:
        score += 2.0
    if c.el is not None:
        score += _TAG_SCORE.get(tag(c.el), 0.0)
        if c.el.get("itemprop") == "headline" or matches(c.el, boilerplate().title_classes):
            score += 1.5
        score += _placement(c.el, doc, region)
        if tag(c.el) == "a" or any(tag(a) == "a" for a in c.el.iterancestors()) or (
                len(c.el) == 1 and tag(c.el[0]) == "a" and not (c.el.text or "").strip()):
            score -= 2.0
    if len(c.text) < 15 or len(c.text) > 250:
        score -= 1.0
    if site_like(c.text, names):
        score -= 4.0
    return score


def _placement(el: HtmlElement, doc: ParsedPage, region: HtmlElement | None) -> float:
    """Just above the body, or its first line, is where a headline stands."""
    if region is None:
        return 0.0
    if inside(el, region):
        return 1.0
    if inside(region, el):
        return 0.0
    gap = doc.index(region) - doc.index(el)
    if gap < 0:
        return -3.0
    return 3.0 if gap <= _NEAR else (1.5 if gap <= _FAR else 0.0)


def find_title(doc: ParsedPage, fam: Family | None, region: HtmlElement | None = None,
               heading: str = "") -> tuple[str, HtmlElement | None]:
    """The headline and the element printing it (None when it came from metadata or ``heading``,
    the bold line trafilatura's reading found just above the body)."""
    root = doc.root
    if fam is not None and fam.title:
        for el in select(root, fam.title):
            text = text_of(el)
            if len(text) >= MIN_TITLE and not _in_chrome(el, doc):
                return text, el
    refs, names = meta_titles(root), site_names(root)
    cands = _candidates(doc, region)
    if heading and not any(folded(c.text) == folded(heading) for c in cands):
        cands.append(_Candidate(heading, None, ENOUGH))
    scripts = _scripts(root) if cands else ""
    for c in cands:
        c.score += _score(c, doc, region, refs, names, scripts)
    best = max(cands, key=lambda c: c.score, default=None)
    if best is not None and best.score >= ENOUGH:
        return best.text, best.el
    for ref in refs:
        stripped = strip_site(ref, names)
        if len(stripped) >= MIN_TITLE and folded(stripped) not in names:
            return stripped, None
    if best is not None and best.score > 0:
        return best.text, best.el
    return "", None
