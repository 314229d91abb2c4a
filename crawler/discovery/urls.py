"""URL cleaning and comparison.

Two forms of every URL: ``clean_url`` is what we fetch and store (no fragment, no session id, no
tracking or view-switch parameters, parameter order kept because some ASP.NET products care), and
``url_key`` is what we compare (w3lib's canonical form of the clean URL, parameters sorted). A page
reached as ``…/a.aspx;jsessionid=X?utm_source=fb&id=3`` and ``…/a.aspx?id=3`` is one page.
"""

from __future__ import annotations

from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, safe_url_string

from crawler.rules import canonical_patterns, url_rules

_DEFAULT_PORTS = {"http": "80", "https": "443"}
# Pagination parameters that count items, not pages, and the page size assumed to turn one into
# the other (Joomla's default list length), for the listing-depth cap and the past-page-1 checks.
_OFFSET_PARAMS = frozenset({"start", "offset"})
_OFFSET_PAGE = 20


def _is_noise(name: str) -> bool:
    rules = url_rules()
    name = unquote(name).lower()
    return (
        name in rules.noise_exact
        or name.startswith(rules.noise_prefixes)
        or (bool(rules.noise_suffixes) and name.endswith(rules.noise_suffixes))
    )


def clean_url(url: str) -> str:
    """The URL to fetch: fragment, session ids and noise parameters removed; host lower-cased."""
    url = safe_url_string(url.strip())
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    netloc = f"[{host}]" if ":" in host else host      # an IPv6 address keeps its brackets
    if parts.port is not None and str(parts.port) != _DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{parts.port}"
    path = parts.path or "/"
    for pattern in url_rules().path_sessions:
        path = pattern.sub("", path) or "/"
    kept = [seg for seg in parts.query.split("&")
            if seg and not _is_noise(seg.split("=", 1)[0]) and not _is_first_page(seg)]
    return urlunsplit((scheme, netloc, path, "&".join(kept), ""))


def resolve(base: str, href: str) -> str | None:
    """The clean absolute http(s) URL a scraped link points to, or None when it names none (an
    empty href, another scheme, a malformed URL).

    A page's hrefs are untrusted: ``http://[bad``, a port of 99999 or ``javascript:`` must cost that
    link only, never the page's other links (urljoin and the URL parsers raise ValueError on them).
    """
    if not href or not href.strip():
        return None
    try:
        absolute = urljoin(base, href.strip())
        if urlsplit(absolute).scheme.lower() not in ("http", "https"):
            return None
        return clean_url(absolute)
    except ValueError:
        return None


def _is_first_page(seg: str) -> bool:
    """``page=1`` (or ``start=0``) names the listing itself: one URL for one page."""
    name, _, value = seg.partition("=")
    if not _is_page_param(name):
        return False
    return value == ("0" if unquote(name).lower() in _OFFSET_PARAMS else "1")


def url_key(url: str) -> str:
    """Comparison key: equal for URLs that name the same page.

    Where a CMS shows one article under many paths (Liferay's asset publishers), the key keeps only
    what names the article (rules/cms.toml ``canonical``: its groups, joined by "-").
    """
    cleaned = clean_url(url)
    parts = urlsplit(cleaned)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    for pattern in canonical_patterns():
        match = pattern.search(target)
        if match:
            name = "-".join(group for group in match.groups() if group)
            return f"{parts.scheme}://{parts.netloc}/~content/{name}"
    return canonicalize_url(cleaned, keep_fragments=False)


def path_and_query(url: str) -> str:
    """The part of a URL that site patterns are matched against."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _is_page_param(name: str) -> bool:
    rules = url_rules()
    name = unquote(name).lower()
    return name in rules.pagination_params or name.endswith(rules.pagination_param_suffixes)


def page_number(url: str) -> int | None:
    """The listing page number a URL names (``?page=3``, ``_cur=3``, ``/page/3/``), else None.

    An item offset (Joomla's ``?start=40``) is counted in pages of ``_OFFSET_PAGE`` items: any offset
    is past page 1, and the listing-depth cap reaches as deep into an offset listing as into a
    numbered one instead of stopping at offset 300.
    """
    parts = urlsplit(url)
    for seg in parts.query.split("&"):
        name, _, value = seg.partition("=")
        if _is_page_param(name) and value.isdigit():
            if unquote(name).lower() in _OFFSET_PARAMS:
                return 1 + -(-int(value) // _OFFSET_PAGE)
            return int(value)
    for pattern in url_rules().pagination_paths:
        match = pattern.search(parts.path)
        if match:
            return int(match.group(1))
    return None


def without_page(url: str) -> str:
    """The listing a paginated URL belongs to: page parameters and path suffixes removed."""
    parts = urlsplit(url)
    kept = [seg for seg in parts.query.split("&") if seg and not _is_page_param(seg.split("=", 1)[0])]
    path = parts.path
    for pattern in url_rules().pagination_paths:
        match = pattern.search(path)
        if match:
            path = path[: match.start()] + "/"
            break
    return urlunsplit((parts.scheme, parts.netloc, path, "&".join(kept), ""))

