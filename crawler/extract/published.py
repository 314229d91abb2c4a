"""The article's own publication date, and where it was read.

Order of trust: the page (the date printed with the article), its metadata, the URL,
the listing page that linked it. The page is full of other dates: the header's "today", the dates
of related articles, events in the text ("Ngày 17/4, HĐND TP…"), licence dates in the footer, a
server stamp in a comment. So a printed date counts only when it stands in a date element or on its
own line, outside the body, lead, header, menus, related lists and footer, and the one nearest the
headline wins. htmldate is the last resort, after the URL and the listing: it is slow and, on these
portals, reads the footer's licence date or a modified time as the publication date.
"""

from __future__ import annotations

import contextlib
import json
import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from crawler.extract.tree import (
    SKIP_TAGS,
    HtmlElement,
    ParsedPage,
    article_block,
    inside,
    matches,
    select_any,
    tag,
    text_of,
)
from crawler.lang.dates import VN_TZ, FoundDate, find_dates, plausible
from crawler.lang.textnorm import fold as folded
from crawler.rules import Family, boilerplate

PAGE, METADATA, URL, LISTING = "page", "metadata", "url", "listing"

_META_KEYS = frozenset({
    "article:published_time", "og:published_time", "og:pubdate", "datepublished", "pubdate", "publishdate",
    "publish_date", "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued",
    "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published", "created", "citation_date",
})
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_URL_DMY = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=/|$|-|\.)")
_URL_COMPACT = re.compile(r"(?:^|[/_-])((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=$|[/_.-])")
_CLOCK = re.compile(r"(?<![\d/.:])([01]?\d|2[0-3])\s*[:hg]\s*([0-5]\d)(?![\d/.])")
_DATEISH = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d|th[aá]ng\s*\d", re.I)
# A date element may carry a label ("Ngày đăng:", "Cập nhật lúc", a weekday, "| Lượt xem: 123"),
# not a sentence: longer leftovers mean the date sits inside prose.
MAX_LEFTOVER = 45
MAX_DISTANCE = 60          # elements between the headline and a loose date line
_FAMILY_DATES = 8          # family date elements read, nearest to the headline first
_UPDATED = ("cap nhat", "sua doi", "chinh sua", "updated", "modified")
# Many portals label the publication time "Cập nhật": an update label only breaks near ties.
_UPDATE_PENALTY = 3


@dataclass(frozen=True)
class Published:
    iso: str
    source: str


@dataclass(frozen=True)
class _Candidate:
    date: FoundDate
    el: HtmlElement
    updated: bool      # labelled as an update time ("Cập nhật"): loses near ties
    loose: bool        # a bare text line rather than a date element: must sit near the headline


def _excluded(el: HtmlElement, avoid: tuple[HtmlElement, ...], loose: bool) -> bool:
    """Inside the body, the lead, the page header, a menu, a related list, a footer or a calendar.
    ``loose`` (a bare text line, not a date element): also inside a link or a list item of links,
    which is how unlabelled related-news lists print their dates."""
    patterns = boilerplate().not_date_classes
    node: HtmlElement | None = el
    while node is not None:
        if any(node is a for a in avoid):
            return True
        t = tag(node)
        if t in ("header", "footer", "nav", "aside") and not any(
                tag(a) in ("article", "main") for a in node.iterancestors()):
            return True
        if t in ("script", "style", "option", "select", "textarea"):
            return True
        if loose and (t == "a" or (t == "li" and next(node.iter("a"), None) is not None)):
            return True
        if matches(node, patterns):
            return True
        node = node.getparent()
    return False


def _dominant(text: str) -> FoundDate | None:
    """The date of a short date line ("Thứ Tư 26/06/2024 16:34"), None for prose and for the
    header's "Hôm nay: …"."""
    if len(text) > 120:
        return None
    key = folded(text)
    if any(label in key for label in boilerplate().today_labels):
        return None
    found = [d for d in find_dates(text) if plausible(d.value)]
    if not found:
        return None
    first = found[0]
    leftover = text[:first.start] + text[first.end:]
    if len(" ".join(leftover.split())) > MAX_LEFTOVER:
        return None
    if not first.has_time:
        # "15:20, Thứ Năm, 14/03/2024": a weekday between the time and the date, which dates.py
        # does not read as one; on a date line, a lone clock time belongs to that date.
        clock = _CLOCK.search(leftover)
        if clock:
            when = first.value.replace(hour=int(clock.group(1)), minute=int(clock.group(2)))
            return FoundDate(when, True, first.start, first.end)
    return first


def _from_element(el: HtmlElement) -> FoundDate | None:
    for attr in ("datetime", "content"):
        value = el.get(attr)
        if value:
            found = [d for d in find_dates(value) if plausible(d.value)]
            if found:
                return found[0]
    return _dominant(text_of(el))


def _nearest(doc: ParsedPage, found: list[HtmlElement], anchor: HtmlElement | None,
             scope: HtmlElement | None) -> list[HtmlElement]:
    """The family's date elements that can win: those in the article's scope, else the nearest
    to the headline. A selector such as ``.date`` also matches every item of the page's lists,
    and reading each of their dates costs more than the rest of the date search."""
    if len(found) <= _FAMILY_DATES or anchor is None:
        return found
    if scope is not None:
        inner = [el for el in found if inside(el, scope)]
        if inner:
            return inner
    here = doc.index(anchor)
    return sorted(found, key=lambda el: abs(doc.index(el) - here))[:_FAMILY_DATES]


def _candidates(doc: ParsedPage, fam: Family | None, anchor: HtmlElement | None, scope: HtmlElement | None,
                avoid: tuple[HtmlElement, ...]) -> list[_Candidate]:
    """Dated elements in three tiers, each tried only when the one before found nothing in the
    article's scope (or, without one, near the headline): the family's date selectors, date-named
    elements and <time>, then bare date lines, which only count near a headline or body."""
    out: list[_Candidate] = []
    seen: set[HtmlElement] = set()

    def add(el: HtmlElement, found: FoundDate | None, loose: bool = False) -> None:
        if found is None or el in seen or _excluded(el, avoid, loose):
            return
        seen.add(el)
        out.append(_Candidate(found, el, any(w in folded(text_of(el)) for w in _UPDATED), loose))

    def near() -> bool:
        if scope is not None:
            return any(inside(c.el, scope) for c in out)
        if anchor is None:
            return bool(out)
        here = doc.index(anchor)
        return any(abs(doc.index(c.el) - here) <= MAX_DISTANCE for c in out)

    if fam is not None:
        # Looked for in the article's block first: a family's date selectors over the whole page
        # cost more than the rest of the date search.
        found = select_any(scope, fam.date) if scope is not None else []
        for el in _nearest(doc, found or select_any(doc.root, fam.date), anchor, scope):
            add(el, _from_element(el))
        if near():
            return out
    window = doc.window(anchor, MAX_DISTANCE, MAX_DISTANCE)
    named = set(doc.near_matching(anchor, MAX_DISTANCE, MAX_DISTANCE, boilerplate().date_classes))
    for el in window:
        if el not in seen and (el in named or el.tag == "time"):
            add(el, _from_element(el))
    if near() or anchor is None:  # a bare date line far from any headline is the header's today
        return out
    for el in window:
        if el in seen or tag(el) in SKIP_TAGS:
            continue
        for text in (el.text, *(child.tail for child in el)):
            if text and _DATEISH.search(text):
                add(el, _dominant(text_of(el)), loose=True)
                break
    return out


def from_page(doc: ParsedPage, fam: Family | None, title_el: HtmlElement | None, body_el: HtmlElement | None,
              avoid: tuple[HtmlElement, ...], fetched: frozenset[date] = frozenset()) -> FoundDate | None:
    """The printed date nearest the headline (or the body when the headline was not found).

    When the headline and the body share a block, the date is taken inside it if it is there;
    outside it only a date element is believed (not a bare line such as the header's "Thứ sáu,
    ngày 22/11/2024"), and never one showing the day the page was fetched: that is the header's today.
    """
    anchor = title_el if title_el is not None else body_el
    scope = article_block(title_el, body_el)
    cands = _candidates(doc, fam, anchor, scope, avoid)
    if scope is not None:
        inner = [c for c in cands if inside(c.el, scope)]
        cands = inner or [c for c in cands if not c.loose and c.date.value.date() not in fetched]
    if not cands:
        return None
    if anchor is None:
        return cands[0].date
    here = doc.index(anchor)

    def distance(c: _Candidate) -> float:
        d = doc.index(c.el) - here
        return abs(d) + (0.5 if d < 0 else 0) + (_UPDATE_PENALTY if c.updated else 0)

    near = [c for c in cands if not c.loose or abs(doc.index(c.el) - here) <= MAX_DISTANCE]
    return min(near, key=distance).date if near else None


def from_metadata(root: HtmlElement) -> FoundDate | None:
    """Publication date in <meta> tags, itemprop attributes or JSON-LD (never the modified date)."""
    for el in root.xpath("//meta[@property or @name or @itemprop] | //*[@itemprop]"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in _META_KEYS or (tag(el) != "meta" and key == "datepublished"):
            value = el.get("content") or el.get("datetime") or ""
            found = [d for d in find_dates(value) if plausible(d.value)]
            if found:
                return found[0]
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        m = _LD_DATE.search(script.text)
        if m:
            found = [d for d in find_dates(json.loads(f'"{m.group(1)}"')) if plausible(d.value)]
            if found:
                return found[0]
    return None


_DOOMED = "data-hdnd-not-date"


def from_htmldate(doc: ParsedPage) -> str | None:
    """htmldate's answer from markup only (no URL, no text search), on a copy of the page without
    its header, footer, menus and related lists: left whole, it reads the footer's licence date
    ("Giấy phép số … ngày 12/05/2015") or a modified time as the publication date. The slow last
    resort. The chrome is marked on the page before it is copied (the class patterns are already
    answered for the page), so the copy is pruned with one XPath instead of a walk."""
    try:
        from htmldate import find_date

        root = doc.root
        marked = [*root.iter("header", "footer", "nav", "aside"), *doc.matching(boilerplate().not_date_classes)]
        for el in marked:
            el.set(_DOOMED, "")
        pruned = deepcopy(root)
        for el in marked:
            el.attrib.pop(_DOOMED, None)
        for el in pruned.xpath(f"//*[@{_DOOMED}]"):
            if el.getparent() is not None:
                el.drop_tree()
        value = find_date(pruned, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate is third-party code on arbitrary markup
        return None
    if not value:
        return None
    try:
        day = datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        return None
    return value if plausible(day) else None


def from_url(url: str) -> str | None:
    """A full date in the URL path: /2023-1-30/, /2024/06/26/, /20240626/."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "", flags=re.I)
    for pattern in (_URL_DMY, _URL_COMPACT):
        m = pattern.search(path)
        if m:
            try:
                day = datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            if plausible(day):
                return day.date().isoformat()
    return None


def from_listing(value: str | None) -> str | None:
    if not value:
        return None
    found = [d for d in find_dates(value) if plausible(d.value)]
    return found[0].iso() if found else None


def fetch_days(headers: dict[str, list[str]] | None) -> frozenset[date]:
    """The day the page was fetched (HTTP Date header) and today, in Vietnam: the days a page
    header's "today" shows."""
    days = {datetime.now(VN_TZ).date()}
    for name, values in (headers or {}).items():
        if name.lower() == "date" and values:
            value = values[0] if isinstance(values, list) else str(values)
            with contextlib.suppress(TypeError, ValueError, IndexError):
                days.add(parsedate_to_datetime(value).astimezone(VN_TZ).date())
    return frozenset(days)


def find_published(doc: ParsedPage, fam: Family | None, url: str, *, title_el: HtmlElement | None,
                   body_el: HtmlElement | None, avoid: tuple[HtmlElement, ...], listing_date: str | None = None,
                   headers: dict[str, list[str]] | None = None) -> Published | None:
    """The publication date by the order of trust; None when no source has one."""
    root = doc.root
    found = from_page(doc, fam, title_el, body_el, avoid, fetch_days(headers))
    if found is not None:
        return Published(found.iso(), PAGE)
    found = from_metadata(root)
    if found is not None:
        return Published(found.iso(), METADATA)
    value = from_url(url)
    if value is not None:
        return Published(value, URL)
    value = from_listing(listing_date)
    if value is not None:
        return Published(value, LISTING)
    value = from_htmldate(doc)
    return Published(value, METADATA) if value else None
