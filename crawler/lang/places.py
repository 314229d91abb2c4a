"""Provinces before and after the 2025 merger, and lookups that accept any spelling.

An article from a site of the old Bắc Kạn province must be found under "Bắc Kạn" and under
today's "Thái Nguyên"; journalists type "hai phong", "TP. Hải Phòng" or "Hải Phòng". The data
lives in ``data/provinces.toml``; this module only folds names and answers questions about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from crawler.lang.textnorm import fold
from crawler.rules import load

# Administrative prefixes that do not change which province is meant ("tỉnh Nam Định",
# "TP. Hải Phòng", "Thành phố Hồ Chí Minh"). Compared on folded text.
_PREFIX_RE = re.compile(r"^(?:tinh\s+|thanh pho\s+|t\.?\s*p(?:\s*\.\s*|\s+))")


@dataclass(frozen=True)
class Province:
    """A provincial-level unit; ``current`` is the unit it belongs to since 1 July 2025."""

    name: str
    current: str
    city: bool = False

    @property
    def is_current(self) -> bool:
        return self.name == self.current


def key(name: str) -> str:
    """Folded lookup key: no accents, no "tỉnh"/"TP" prefix, no punctuation."""
    folded = fold(name).replace("-", " ")
    folded = _PREFIX_RE.sub("", folded)
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


@cache
def _table() -> tuple[dict[str, Province], dict[str, tuple[str, ...]]]:
    raw = load("provinces.toml")
    by_key: dict[str, Province] = {}
    members: dict[str, tuple[str, ...]] = {}
    for unit in raw["province"]:
        current = unit["name"]
        members[current] = tuple(unit["formed_from"])
        for old in unit["formed_from"]:
            by_key[key(old)] = Province(old, current, unit.get("city", False) and old == current)
    for alias, target in raw.get("aliases", {}).items():
        by_key[key(alias)] = by_key[key(target)]
    return by_key, members


def lookup(name: str) -> Province | None:
    """The province named by ``name`` in any spelling, old or current; None when unknown."""
    if not name or not name.strip():
        return None
    return _table()[0].get(key(name))


def current_of(name: str) -> str | None:
    """Today's province for a name of any era ("Bắc Kạn" gives "Thái Nguyên")."""
    prov = lookup(name)
    return prov.current if prov else None


def members_of(current: str) -> tuple[str, ...]:
    """The pre-2025 provinces that form today's ``current`` unit (itself included)."""
    prov = lookup(current)
    if prov is None:
        return ()
    return _table()[1][prov.current]


def all_current() -> list[str]:
    """The 34 current units, in the order of the data file."""
    return list(_table()[1])


def all_old() -> list[str]:
    """The 63 pre-2025 provinces."""
    return [name for names in _table()[1].values() for name in names]


def matching_names(query: str) -> set[str]:
    """Every province name (old or current) a place filter for ``query`` should match.

    "Thái Nguyên" matches articles of Thái Nguyên and of the old Bắc Kạn; "Bắc Kạn" matches only
    the old Bắc Kạn. Unknown names give an empty set, and the caller says so.
    """
    prov = lookup(query)
    if prov is None:
        return set()
    if prov.is_current:
        return set(members_of(prov.current))
    return {prov.name}
