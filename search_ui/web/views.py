"""The search page's state and what it shows, independent of the web framework.

All state lives in the URL (q, province, level, site, since, until, sort, page), so any search can
be bookmarked, shared and reloaded; every link on the page (facets, pagination, removing a filter,
exports) is the current state with one change. Parameters are validated by indexer.params; a bad
one becomes a Vietnamese message on the normal page, never an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

from crawler.lang import places
from crawler.lang.textnorm import fold, has_marks
from indexer.model import SORT_LABELS, EngineError, Hit, SearchEngine, SearchQuery, SearchResult
from indexer.params import ParamError, build_query
from search_ui.formatting import LEVEL_NAMES, level_name, place, vn_date
from search_ui.web.timeline import Chart, build_chart

STATE_KEYS = ("q", "province", "level", "site", "since", "until", "sort", "page")
API_KEYS = (*STATE_KEYS, "limit", "offset")
PER_PAGE = 20
MAX_OFFSET = 100_000
SORT_NAMES = {key: label.capitalize() for key, label in SORT_LABELS.items()}
SITES_LISTED = 60
MAX_Q_CHARS = 1000


@cache
def _pool() -> ThreadPoolExecutor:
    """Threads that count the timeline beside the search, started by the first page served."""
    return ThreadPoolExecutor(max_workers=8, thread_name_prefix="hdnd-timeline")


def read_state(params: Mapping[str, str], keys: tuple[str, ...] = STATE_KEYS) -> dict[str, str]:
    """The known parameters, as sent (first value, surrounding space removed), empty ones dropped."""
    state: dict[str, str] = {}
    for key in keys:
        value = params.get(key)
        if value is not None and str(value).strip():
            # the engine reads at most 500 characters of a query; links need not carry 5,000
            state[key] = str(value)[:MAX_Q_CHARS] if key == "q" else str(value).strip()[:200]
    return state


def link(state: Mapping[str, str], path: str = "/", **changes: str | None) -> str:
    """``path`` with ``state`` changed: a value sets a parameter, None removes it. Any change but
    the page number returns to the first page."""
    merged = dict(state)
    if any(k != "page" for k in changes):
        merged.pop("page", None)
    for key, value in changes.items():
        if value is None or value == "":
            merged.pop(key, None)
        else:
            merged[key] = value
    ordered = [(k, merged[k]) for k in API_KEYS if k in merged]
    ordered += [(k, v) for k, v in merged.items() if k not in API_KEYS]
    return path + ("?" + urlencode(ordered) if ordered else "")


def to_query(state: Mapping[str, str], per_page: int = PER_PAGE) -> SearchQuery:
    """A validated SearchQuery; ``page`` (1-based) is turned into an offset. Raises ParamError."""
    raw = dict(state)
    if "page" in raw and "offset" not in raw:
        try:
            page = int(raw["page"])
        except ValueError:
            raise ParamError(f"Số trang phải là số nguyên, nhận được {raw['page'][:20]!r}") from None
        limit = int(raw["limit"]) if raw.get("limit", "").isdigit() else per_page
        if page < 1 or (page - 1) * limit > MAX_OFFSET:
            raise ParamError(f"Số trang phải từ 1 đến {MAX_OFFSET // limit + 1}")
        raw["offset"] = str((page - 1) * limit)
    raw.setdefault("limit", str(per_page))
    return build_query(raw, max_offset=MAX_OFFSET)


@dataclass
class FacetLink:
    label: str
    count: int
    url: str
    active: bool = False
    children: list[FacetLink] = field(default_factory=list)


@dataclass
class HitView:
    hit: Hit
    url: str                     # the article page
    title_html: Markup
    snippet_html: Markup
    date: str
    place: str
    level: str


@dataclass
class PageLink:
    label: str
    url: str | None              # None: the current page, or a gap
    current: bool = False


@dataclass
class SearchView:
    state: dict[str, str]
    query: SearchQuery | None = None
    result: SearchResult | None = None
    error: str | None = None
    status: int = 200
    hits: list[HitView] = field(default_factory=list)
    chart: Chart | None = None
    provinces: list[FacetLink] = field(default_factory=list)
    levels: list[FacetLink] = field(default_factory=list)
    sites: list[FacetLink] = field(default_factory=list)
    years: list[FacetLink] = field(default_factory=list)
    filters: list[FacetLink] = field(default_factory=list)   # active filters, each with its removal link
    pages: list[PageLink] = field(default_factory=list)
    suggestions: list[FacetLink] = field(default_factory=list)
    unfiltered_total: int | None = None
    effective_sort: str = "relevance"

    def url(self, path: str = "/", **changes: str | None) -> str:
        return link(self.state, path, **changes)

    @property
    def first(self) -> int:
        return (self.query.offset + 1) if self.query else 0

    @property
    def last(self) -> int:
        return (self.query.offset + len(self.hits)) if self.query else 0


def _hit_view(hit: Hit) -> HitView:
    # Engines return title_html and snippet already escaped with <mark> added after escaping
    # (indexer.snippets); they are trusted as markup here and nowhere else.
    title = Markup(hit.title_html) if hit.title_html else escape(hit.title or "Không có tiêu đề")
    return HitView(hit, f"/bai/{hit.id}", title, Markup(hit.snippet), vn_date(hit.published),
                   place(hit.province, hit.province_current), level_name(hit.level))


def _province_facets(view: SearchView, facets: dict[str, dict[str, int]]) -> list[FacetLink]:
    """Today's provinces by count, each with the old provinces merged into it."""
    chosen = places.lookup(view.state.get("province", ""))
    olds = facets.get("province", {})
    out: list[FacetLink] = []
    for current, count in sorted(facets.get("province_current", {}).items(), key=lambda kv: (-kv[1], kv[0])):
        active = chosen is not None and chosen.is_current and chosen.current == current
        item = FacetLink(current, count, view.url(province=current), active)
        for old in places.members_of(current) or (current,):
            if old != current and olds.get(old):
                item.children.append(FacetLink(old, olds[old], view.url(province=old),
                                               chosen is not None and chosen.name == old and not chosen.is_current))
        out.append(item)
    return out


def _active_filters(view: SearchView, site_names: Mapping[str, str]) -> list[FacetLink]:
    s, out = view.state, []
    if "province" in s:
        prov = places.lookup(s["province"])
        if prov is None:
            label = s["province"]
        elif prov.is_current:
            merged = [m for m in places.members_of(prov.current) if m != prov.current]
            label = prov.current + (f" (gồm cả {', '.join(merged)} cũ)" if merged else "")
        else:
            label = f"{prov.name} (tỉnh cũ, nay thuộc {prov.current})"
        out.append(FacetLink(f"Tỉnh: {label}", 0, view.url(province=None)))
    if "level" in s:
        out.append(FacetLink(LEVEL_NAMES.get(view.query.level if view.query else "", s["level"]), 0,
                             view.url(level=None)))
    if "site" in s:
        out.append(FacetLink(f"Trang: {site_names.get(s['site'], s['site'])}", 0, view.url(site=None)))
    if "since" in s:
        out.append(FacetLink(f"Từ {s['since']}", 0, view.url(since=None)))
    if "until" in s:
        out.append(FacetLink(f"Đến {s['until']}", 0, view.url(until=None)))
    return out


def _pagination(view: SearchView, total: int, per_page: int) -> list[PageLink]:
    if view.query is None or total <= per_page:
        return []
    current = view.query.offset // per_page + 1
    last = min((total - 1) // per_page + 1, MAX_OFFSET // per_page + 1)
    wanted = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    out: list[PageLink] = []
    if current > 1:
        out.append(PageLink("« Trước", view.url(page=str(current - 1))))
    previous = 0
    for n in wanted:
        if n - previous > 1:
            out.append(PageLink("…", None))
        out.append(PageLink(str(n), None if n == current else view.url(page=str(n)), n == current))
        previous = n
    if current < last:
        out.append(PageLink("Sau »", view.url(page=str(current + 1))))
    return out


def _suggestions(view: SearchView) -> list[FacetLink]:
    """What to try when nothing matched: drop a filter, the diacritics, the quotes, the last word."""
    out = [FacetLink(f"Bỏ bộ lọc «{f.label}»", 0, f.url) for f in view.filters]
    q = view.state.get("q", "").strip()
    if q and has_marks(q):
        out.append(FacetLink(f"Tìm không dấu: «{fold(q)}»", 0, view.url(q=fold(q))))
    if '"' in q:
        out.append(FacetLink("Bỏ dấu ngoặc kép", 0, view.url(q=q.replace('"', " "))))
    words = q.split()
    if len(words) > 1:
        shorter = " ".join(words[:-1])
        out.append(FacetLink(f"Bớt một từ: «{shorter}»", 0, view.url(q=shorter)))
    return out


def search_view(engine: SearchEngine, params: Mapping[str, str], site_names: Callable[[], Mapping[str, str]],
                per_page: int = PER_PAGE, timeline: bool = True) -> SearchView:
    """Everything the search page shows for these URL parameters."""
    view = SearchView(read_state(params))
    try:
        view.query = to_query(view.state, per_page)
    except ParamError as exc:
        view.error, view.status = str(exc), 400
        return view
    q = view.query
    try:
        # the timeline is a second engine call; beside the search it adds no latency (tantivy
        # releases the GIL, Meilisearch answers two requests at once)
        pending = _pool().submit(engine.timeline, q) if timeline else None
        result = engine.search(q)
        months = pending.result() if pending is not None else {}
    except EngineError as exc:
        view.error, view.status = f"Máy tìm kiếm đang không trả lời: {exc}", 503
        return view
    names = site_names()
    view.result = result
    view.effective_sort = result.sort or q.sort
    view.hits = [_hit_view(h) for h in result.hits]
    view.chart = build_chart(months)
    if view.chart:
        # one encoding of the state for two hundred bars: dates are digits and dashes, safe as they are
        base = view.url(since=None, until=None)
        sep = "&" if "?" in base else "?"
        for bar in view.chart.bars:
            bar.url = f"{base}{sep}since={bar.since}&until={bar.until}"
    view.provinces = _province_facets(view, result.facets)
    view.levels = [FacetLink(level_name(k), n, view.url(level=k), q.level == k)
                   for k, n in sorted(result.facets.get("level", {}).items(), key=lambda kv: -kv[1])]
    # the biggest sites only: hundreds of links would weigh more than the results (the form's site
    # list has them all)
    top_sites = sorted(result.facets.get("site", {}).items(), key=lambda kv: (-kv[1], kv[0]))[:SITES_LISTED]
    view.sites = [FacetLink(names.get(k, k), n, view.url(site=k), q.site == k) for k, n in top_sites]
    view.years = [FacetLink(k, n, view.url(since=k, until=k))
                  for k, n in sorted(result.facets.get("year", {}).items(), reverse=True)]
    view.filters = _active_filters(view, names)
    view.pages = _pagination(view, result.total, q.limit)
    if not result.total:
        view.suggestions = _suggestions(view)
        if view.filters and q.q.strip():
            try:
                bare = engine.search(replace(SearchQuery(q=q.q), limit=1, facets=False))
                view.unfiltered_total = bare.total
            except EngineError:
                pass
    return view


def api_payload(engine: SearchEngine, params: Mapping[str, str]) -> tuple[int, dict[str, Any]]:
    """/api/search: the same parameters as the page (plus limit/offset, and timeline=1)."""
    state = read_state(params, API_KEYS)
    try:
        query = to_query(state)
    except ParamError as exc:
        return 400, {"error": str(exc)}
    try:
        result = engine.search(query)
        payload = result.as_json()
        if params.get("timeline") in ("1", "true", "yes"):
            payload["timeline"] = engine.timeline(query)
    except EngineError as exc:
        return 503, {"error": str(exc)}
    payload["limit"], payload["offset"] = query.limit, query.offset
    payload["sort"] = result.sort or query.sort
    return 200, payload


def province_names() -> list[str]:
    """Every name the province box suggests: today's 34, then the 63 from before July 2025."""
    current = places.all_current()
    return current + sorted(set(places.all_old()) - set(current))
