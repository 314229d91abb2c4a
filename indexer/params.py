"""Validating search parameters from the command line, the web page and the JSON API.

Every parameter arrives as text from someone we do not trust. Bad values get a clear Vietnamese
message (ParamError), never an exception from deep inside an engine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from crawler.lang import places
from indexer.model import LEVELS, MAX_LIMIT, SORTS, SearchQuery

_SITE_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_DATE_FORMATS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})"),
)
_LEVEL_ALIASES = {"tinh": "province", "huyen": "district", "xa": "commune", "cap tinh": "province",
                  "cap huyen": "district", "cap xa": "commune"}


class ParamError(ValueError):
    """A parameter the user must correct; the message says which and how."""


def parse_day(value: str, end: bool = False) -> date:
    """2024-06-26, 26/06/2024, 2024-06 or 2024; a month or year means its first (or last) day."""
    value = value.strip()
    for pattern in _DATE_FORMATS:
        m = pattern.fullmatch(value)
        if not m:
            continue
        parts = m.groupdict()
        year = int(parts["y"])
        month = int(parts.get("m") or (12 if end else 1))
        if parts.get("d"):
            day = int(parts["d"])
        else:
            day = 1
            if end:
                next_month = date(year + month // 12, month % 12 + 1, 1)
                return date.fromordinal(next_month.toordinal() - 1)
        try:
            return date(year, month, day)
        except ValueError:
            break
    raise ParamError(f"Ngày không hợp lệ: {value!r} (dùng 2024-06-26, 26/06/2024, 2024-06 hoặc 2024)")


def _int(value: str | None, name: str, default: int, low: int, high: int) -> int:
    if value is None or str(value).strip() == "":
        return default
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ParamError(f"{name} phải là số nguyên, nhận được {value!r}") from None
    if not low <= number <= high:
        raise ParamError(f"{name} phải trong khoảng {low}–{high}, nhận được {number}")
    return number


def normalise_level(value: str) -> str:
    from crawler.lang.textnorm import fold

    key = fold(value)
    level = _LEVEL_ALIASES.get(key, key)
    if level not in LEVELS:
        raise ParamError(f"Cấp không hợp lệ: {value!r} (province/tỉnh, district/huyện, commune/xã)")
    return level


def build_query(params: Mapping[str, str | None], max_offset: int = 100_000) -> SearchQuery:
    """A validated SearchQuery from raw text parameters (q, province, level, site, since, until,
    sort, limit, offset). Unknown or empty parameters are ignored."""
    def get(name: str) -> str | None:
        value = params.get(name)
        if value is None:
            return None
        value = str(value).strip()
        return value or None

    province = get("province")
    if province is not None:
        if len(province) > 100:
            raise ParamError("Tên tỉnh quá dài")
        if places.lookup(province) is None:
            raise ParamError(f"Không biết tỉnh/thành {province!r}: dùng tên trước hoặc sau sáp nhập 2025, "
                             "có dấu hay không dấu (ví dụ: Bắc Kạn, Thái Nguyên, hai phong)")
    level = get("level")
    if level is not None:
        level = normalise_level(level)
    site = get("site")
    if site is not None and not _SITE_RE.fullmatch(site):
        raise ParamError(f"Mã trang không hợp lệ: {site[:70]!r}")
    since = parse_day(get("since") or "", end=False) if get("since") else None
    until = parse_day(get("until") or "", end=True) if get("until") else None
    if since and until and since > until:
        raise ParamError("Ngày bắt đầu ở sau ngày kết thúc")
    sort = get("sort") or "relevance"
    if sort not in SORTS:
        raise ParamError(f"Cách sắp xếp không hợp lệ: {sort!r} (relevance, newest, oldest)")
    return SearchQuery(
        q=params.get("q") or "",
        province=province,
        level=level,
        site=site,
        since=since,
        until=until,
        sort=sort,
        limit=_int(get("limit"), "limit", 20, 1, MAX_LIMIT),
        offset=_int(get("offset"), "offset", 0, 0, max_offset),
    )


def province_filter(name: str | None) -> tuple[str, str] | None:
    """("province_current" | "province", folded key) for a place filter, or None.

    Today's unit matches its old members too ("Thái Nguyên" finds old Bắc Kạn articles); an old
    name matches only articles from that old province.
    """
    if not name:
        return None
    prov = places.lookup(name)
    if prov is None:
        return None
    if prov.is_current:
        return "province_current_key", places.key(prov.current)
    return "province_key", places.key(prov.name)
