"""The site registry: which sites to crawl, as TOML ``[[site]]`` tables.

Each key is defined once below with its type, default and help; the README's registry section is
checked against this table by a test, so the two cannot drift. A bad registry fails before any
request is made, with a message naming the file, the site and the problem: a typo in a hint must
not silently turn into a crawl of the wrong pages.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.lang import places

LEVELS = ("province", "district", "commune")
STATUSES = ("active", "merged", "unknown")
_ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


@dataclass(frozen=True)
class Key:
    """One registry key: its Python type name, whether it is required, its default and its help."""

    name: str
    kind: str
    required: bool
    default: Any
    help: str


KEYS: tuple[Key, ...] = (
    Key("id", "str", True, None, "Stable identifier: lower-case letters, digits, '-' or '_'; unique."),
    Key("name", "str", True, None, "The site's name as it presents itself."),
    Key("province", "str", True, None,
        "Province as the site names it (old names allowed: 'Bắc Kạn'); today's province is derived."),
    Key("level", "str", True, None, "Administrative level: province, district or commune."),
    Key("start_urls", "list[str]", True, None, "Homepage or news section URLs (http or https)."),
    Key("cms", "str", False, None, "CMS family hint (see crawler/rules/cms.toml); detected when absent."),
    Key("article_patterns", "list[str]", False, (), "Regular expressions matching article URLs."),
    Key("listing_patterns", "list[str]", False, (), "Regular expressions matching news listing URLs."),
    Key("avoid_patterns", "list[str]", False, (), "Regular expressions of URLs never to fetch."),
    Key("feeds", "list[str]", False, (), "RSS/Atom feed URLs, in addition to those the pages declare."),
    Key("sitemaps", "list[str]", False, (), "Sitemap URLs, in addition to those robots.txt declares."),
    Key("hosts", "list[str]", False, (), "Other host names that belong to the site (start URL hosts do)."),
    Key("max_pages", "int", False, None, "Page budget for this site; default HDND_MAX_PAGES_PER_SITE."),
    Key("status", "str", False, "unknown", "active, merged (unit merged away in 2025) or unknown."),
    Key("enabled", "bool", False, True, "false keeps the site listed but out of crawls."),
    Key("note", "str", False, "", "Free text for operators."),
)
_KEYS = {k.name: k for k in KEYS}


class RegistryError(ValueError):
    """A registry that cannot be used; the message names the file, the site and the problem."""


@dataclass(frozen=True)
class Site:
    """A site to crawl, validated; ``province_current`` is today's province after the 2025 merger."""

    id: str
    name: str
    province: str
    province_current: str
    level: str
    start_urls: tuple[str, ...]
    cms: str | None = None
    article_patterns: tuple[str, ...] = ()
    listing_patterns: tuple[str, ...] = ()
    avoid_patterns: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    hosts: tuple[str, ...] = field(default=())
    max_pages: int | None = None
    status: str = "unknown"
    enabled: bool = True
    note: str = ""

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """Hosts whose pages belong to the site: start URL hosts, their www twins, and ``hosts``."""
        found: set[str] = set()
        for url in (*self.start_urls, *self.feeds, *self.sitemaps):
            found.add(urlsplit(url).netloc.lower())
        found.update(h.lower() for h in self.hosts)
        twins = {h[4:] if h.startswith("www.") else "www." + h for h in found}
        return frozenset(found | twins)


def default_registry_path() -> Path:
    """The registry bundled with the package, built from the researched site list."""
    return Path(str(resources.files("crawler.registry").joinpath("sites.toml")))


def _check_url(url: Any, where: str) -> str:
    if not isinstance(url, str):
        raise RegistryError(f"{where}: URL {url!r} is not a string")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
        raise RegistryError(f"{where}: bad URL {url!r} (need an absolute http:// or https:// URL)")
    return url


def _check_type(value: Any, key: Key, where: str) -> Any:
    if key.kind == "str" and not isinstance(value, str):
        raise RegistryError(f"{where}: '{key.name}' must be a string, got {value!r}")
    if key.kind == "int" and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
        raise RegistryError(f"{where}: '{key.name}' must be a positive integer, got {value!r}")
    if key.kind == "bool" and not isinstance(value, bool):
        raise RegistryError(f"{where}: '{key.name}' must be true or false, got {value!r}")
    if key.kind == "list[str]":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RegistryError(f"{where}: '{key.name}' must be a list of strings, got {value!r}")
        return tuple(value)
    return value


def _site_from_table(table: dict[str, Any], where: str, known_cms: Iterable[str]) -> Site:
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise RegistryError(f"{where}: unknown key {', '.join(repr(u) for u in unknown)} "
                            f"(known keys: {', '.join(_KEYS)})")
    values: dict[str, Any] = {}
    for key in KEYS:
        if key.name not in table:
            if key.required:
                raise RegistryError(f"{where}: missing required key '{key.name}'")
            values[key.name] = key.default
            continue
        values[key.name] = _check_type(table[key.name], key, where)
    if not _ID_RE.fullmatch(values["id"]):
        raise RegistryError(f"{where}: bad id {values['id']!r} (lower-case letters, digits, '-', '_')")
    if values["level"] not in LEVELS:
        raise RegistryError(f"{where}: unknown level {values['level']!r} (one of {', '.join(LEVELS)})")
    if values["status"] not in STATUSES:
        raise RegistryError(f"{where}: unknown status {values['status']!r} (one of {', '.join(STATUSES)})")
    if not values["start_urls"]:
        raise RegistryError(f"{where}: 'start_urls' is empty")
    for name in ("start_urls", "feeds", "sitemaps"):
        for url in values[name]:
            _check_url(url, where)
    for name in ("article_patterns", "listing_patterns", "avoid_patterns"):
        for pattern in values[name]:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise RegistryError(
                    f"{where}: bad regular expression in '{name}': {pattern!r} ({exc})"
                ) from None
    known = set(known_cms)
    if values["cms"] is not None and known and values["cms"] not in known:
        raise RegistryError(f"{where}: unknown cms {values['cms']!r} (one of {', '.join(sorted(known))})")
    prov = places.lookup(values["province"])
    if prov is None:
        raise RegistryError(f"{where}: unknown province {values['province']!r} (use one of the 63 old or "
                            f"34 current provinces, e.g. 'Bắc Kạn' or 'Thái Nguyên')")
    return Site(province_current=prov.current, **values)


def parse_registry(text: str, source: str, known_cms: Iterable[str] = ()) -> list[Site]:
    """Validate registry text; ``source`` names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{source}: not valid TOML: {exc}") from None
    extra = sorted(set(data) - {"site"})
    if extra:
        raise RegistryError(
            f"{source}: unknown top-level key {', '.join(map(repr, extra))} (only [[site]] tables)"
        )
    tables = data.get("site", [])
    if not isinstance(tables, list):
        raise RegistryError(f"{source}: 'site' must be an array of tables ([[site]])")
    sites: list[Site] = []
    seen: dict[str, int] = {}
    for n, table in enumerate(tables, 1):
        if not isinstance(table, dict):
            raise RegistryError(f"{source}: site #{n} is not a table (write each site as [[site]] with keys)")
        label = table.get("id") if isinstance(table.get("id"), str) else f"#{n}"
        where = f"{source}: site {label!r}" if isinstance(table.get("id"), str) else f"{source}: site {label}"
        site = _site_from_table(table, where, known_cms)
        if site.id in seen:
            raise RegistryError(f"{where}: duplicate id (first used by site #{seen[site.id]})")
        seen[site.id] = n
        sites.append(site)
    return sites


def load_registry(path: str | Path | None = None, known_cms: Iterable[str] | None = None) -> list[Site]:
    """Load and validate a registry file; the bundled one when ``path`` is None."""
    path = Path(path) if path else default_registry_path()
    if known_cms is None:
        from crawler.rules import cms_families

        known_cms = cms_families()
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise RegistryError(f"{path}: no such registry file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{path}: cannot read the registry: {exc}") from None
    return parse_registry(text, str(path), known_cms)


def select_sites(sites: list[Site], ids: Iterable[str] | None, source: str = "registry") -> list[Site]:
    """The sites named by ``ids`` (all enabled ones when empty); an unknown id is an error."""
    wanted = [i for i in (ids or []) if i]
    if not wanted:
        return [s for s in sites if s.enabled]
    by_id = {s.id: s for s in sites}
    missing = [i for i in wanted if i not in by_id]
    if missing:
        raise RegistryError(f"{source}: no site with id {', '.join(map(repr, missing))}")
    return [by_id[i] for i in dict.fromkeys(wanted)]
