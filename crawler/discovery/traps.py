"""Which URLs a crawler must never follow, and why.

Government portals are full of links that lead nowhere useful or forever: date pickers that link to
the next day, print and share views of every article, search result pages, logins, files. The
patterns are data (rules/urls.toml); this module adds the checks that need a little logic, such as
recognising a date in a query value whatever its format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from crawler.discovery.urls import path_and_query
from crawler.rules import url_rules

# A date as calendars write it in a query value: 22/11/2024, 22-11-2024, 2024-11-22, 20241122.
_DATE_VALUE = re.compile(
    r"^(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d|(?:19|20)\d\d[/.-]\d{1,2}[/.-]\d{1,2}|(?:19|20)\d\d[01]\d[0-3]\d)"
    r"(?:[ T+]\d{1,2}(?::|%3a)\d{2}.*)?$",
    re.IGNORECASE,
)


def _calendar_query(query: str) -> bool:
    names = url_rules().calendar_params
    for seg in query.split("&"):
        name, _, value = seg.partition("=")
        value = unquote(value)
        if _DATE_VALUE.match(value) or (name.lower() in names and value):
            return True
    return False


def trap_reason(url: str, avoid: Iterable[re.Pattern[str]] = ()) -> str | None:
    """Why ``url`` must not be fetched ("calendar", "print", "search", ...), or None.

    ``avoid`` are a site's own avoid patterns from the registry; they give the reason "avoid".
    """
    target = path_and_query(url)
    for pattern in avoid:
        if pattern.search(target):
            return "avoid"
    for reason, patterns in url_rules().traps:
        if any(p.search(target) for p in patterns):
            return "calendar" if reason == "calendar_path" else reason
    if _calendar_query(urlsplit(url).query):
        return "calendar"
    return None
