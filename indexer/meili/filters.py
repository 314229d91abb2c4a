"""Meilisearch filter expressions from a SearchQuery, with every user value escaped.

Meilisearch parses a filter string as a small language, so a value must never become syntax: each
one is put in double quotes with backslash and double quote escaped. The server first undoes the
escaped quotes while scanning for the closing quote, then unescapes backslash sequences, so
doubling every backslash and escaping every quote returns the value exactly (see
tests/test_meili_unit.py, which replays that parse). Field names are ours, never the user's.

Filters compare after lowercasing only, not accent folding, so places are matched on the folded
keys (crawler.lang.places.key) stored with every document.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from indexer.meili.settings import FILTERABLE
from indexer.model import SearchQuery
from indexer.params import province_filter

# Dates on these sites are Vietnam's calendar dates; a day starts at midnight UTC+7.
VN_TZ = timezone(timedelta(hours=7), "ICT")


def quote(value: str) -> str:
    """A filter value literal: backslashes doubled, then double quotes escaped, inside quotes."""
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def equals(field: str, value: str) -> str:
    if field not in FILTERABLE:
        raise ValueError(f"not a filterable attribute: {field!r}")
    return f"{field} = {quote(value)}"


def day_start(day: date) -> int:
    """Seconds since the epoch at 00:00 Vietnam time on ``day``."""
    return int(datetime.combine(day, time(0), VN_TZ).timestamp())


def build_filters(query: SearchQuery) -> tuple[list[str], str | None]:
    """The filter as a list of conditions (Meilisearch ANDs array elements), and a message for the
    user when a value cannot match anything (an unknown province)."""
    clauses: list[str] = []
    message = None
    if query.province:
        found = province_filter(query.province)
        if found is None:
            # validated input never gets here; a direct caller gets "no results" and a reason.
            # Keys are [a-z0-9 ] only, so a value starting with "?" matches no document.
            found = ("province_key", "?" + query.province[:100])
            message = f"Không biết tỉnh/thành {query.province[:100]!r}: không có kết quả."
        clauses.append(equals(*found))
    if query.level:
        clauses.append(equals("level", query.level))
    if query.site:
        clauses.append(equals("site", query.site))
    if query.since:
        clauses.append(f"published_ts >= {day_start(query.since)}")
    if query.until:
        clauses.append(f"published_ts < {day_start(query.until + timedelta(days=1))}")
    return clauses, message
