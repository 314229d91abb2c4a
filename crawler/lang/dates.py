"""Vietnamese dates as portals print them, day first.

Not dateparser: it guesses (month-first when the day is ≤ 12 and no order is forced), costs about a
millisecond a call on listing pages with hundreds of dates, and does not say which text it used.
Portals print a handful of formats ("Thứ Tư 26/06/2024 16:34", "17/04/2023 23:48", "Ngày 02 tháng
10 năm 2014", "(29/06/2026, 14:49)", "14:49 29/06/2026", "2024-06-26T16:34:00+07:00"); these regexes
read exactly those, and every match reports where it was found so callers can rank sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from crawler.lang.textnorm import nfc, strip_marks

VN_TZ = timezone(timedelta(hours=7))

_TIME = (
    r"(?P<H>[01]?\d|2[0-3])\s*(?:[:hg]|giờ)\s*(?P<M>[0-5]\d)(?:\s*phút)?(?:\s*:\s*(?P<S>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[ap]\.?m\.?))?"
)
_DMY = r"(?P<d>[0-3]?\d)\s*[/.-]\s*(?P<m>[01]?\d)\s*[/.-]\s*(?P<y>(?:19|20)\d\d)"
_YMD = r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
_WORDS = r"ngay\s+(?P<d>[0-3]?\d)\s+thang\s+(?P<m>[01]?\d)\s*(?:,\s*)?nam\s+(?P<y>(?:19|20)\d\d)"

# Ordered: the more specific (date with time) first. Matching runs on folded text, so "Ngày 02 tháng
# 10 năm 2014" and "ngay 02 thang 10 nam 2014" are the same; positions map back 1:1 because folding
# Vietnamese keeps one character per character in NFC.
_FOLDED_TIME = _TIME.replace("giờ", "gio").replace("phút", "phut")
_PATTERNS = [
    re.compile(_YMD + r"[T ]" + _TIME.replace("[:hg]|giờ", ":") + r"(?P<tz>Z|[+-]\d\d:?\d\d)?", re.I),
    re.compile(_DMY + r"[\s,|-]*(?:luc\s*)?" + _FOLDED_TIME, re.I),
    re.compile(_FOLDED_TIME + r"[\s,|-]*(?:ngay\s*)?" + _DMY, re.I),
    re.compile(_WORDS, re.I),
    re.compile(_DMY, re.I),
    re.compile(_YMD, re.I),
]


@dataclass(frozen=True)
class FoundDate:
    """A date read from text; ``has_time`` says whether a clock time was printed with it."""

    value: datetime
    has_time: bool
    start: int
    end: int

    def iso(self) -> str:
        """ISO 8601: date and time with the Vietnamese offset when a time was printed, else the date."""
        if self.has_time:
            return self.value.isoformat(timespec="minutes")
        return self.value.date().isoformat()


def _build(m: re.Match[str]) -> FoundDate | None:
    g = m.groupdict()
    try:
        day, month, year = int(g["d"]), int(g["m"]), int(g["y"])
        hour = int(g.get("H") or 0)
        minute = int(g.get("M") or 0)
        if g.get("ampm"):
            # "12/6/2024 8:09:13 AM" is .NET's en-US format: month first. Vietnamese portals
            # never print AM/PM after a day-first date.
            pm = g["ampm"].lower().startswith("p")
            hour = hour % 12 + (12 if pm else 0)
            day, month = month, day
        value = datetime(year, month, day, hour, minute, tzinfo=VN_TZ)
    except (TypeError, ValueError):
        return None
    tz = (g.get("tz") or "").upper()
    if tz and tz != "Z" and tz.replace(":", "") != "+0700":
        sign = 1 if tz[0] == "+" else -1
        hh, mm = int(tz[1:3]), int(tz[-2:])
        value = value.replace(tzinfo=timezone(sign * timedelta(hours=hh, minutes=mm))).astimezone(VN_TZ)
    elif tz == "Z":
        value = value.replace(tzinfo=UTC).astimezone(VN_TZ)
    return FoundDate(value, g.get("H") is not None, m.start(), m.end())


def find_dates(text: str) -> list[FoundDate]:
    """Every date in ``text``, in order of position, without overlaps (longest form wins)."""
    text = nfc(text)
    folded = strip_marks(text).lower()
    if len(folded) != len(text):  # a character outside Vietnamese changed length; match unfolded
        folded = text.lower()
    taken: list[tuple[int, int]] = []
    found: list[FoundDate] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            fd = _build(m)
            if fd is not None:
                taken.append((m.start(), m.end()))
                found.append(fd)
    return sorted(found, key=lambda f: f.start)


def first_date(text: str) -> FoundDate | None:
    """The first date in ``text``, or None."""
    dates = find_dates(text)
    return dates[0] if dates else None


def plausible(value: datetime | date, today: date | None = None) -> bool:
    """Dates of Vietnamese web news: not before the first portals, not in the future."""
    today = today or datetime.now(VN_TZ).date()
    day = value.date() if isinstance(value, datetime) else value
    return date(1995, 1, 1) <= day <= today + timedelta(days=1)
