"""The articles the sample sites publish, loaded from ``corpus/*.toml`` and checked hard.

These files are the gold truth the crawler and the extractor are measured against, written by hand
while the sample web is being built. A silent mistake in one (a typo in a site id, a caption pointing
past the last paragraph, text pasted in NFD) would turn into a wrong expectation far away in a test,
so every problem fails at load time with the file's name and the field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sampleweb.sites import SITE_IDS

Published = dt.datetime | dt.date

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TOP_KEYS = {"id", "hdnd", "label_note", "title", "published", "lead", "paragraphs", "captions",
             "author", "author_unit", "signoff", "sites", "copies"}
_REQUIRED = {"id", "hdnd", "title", "published", "paragraphs", "sites"}
_COPY_KEYS = {"site", "title", "published", "lead", "author", "author_unit", "signoff"}


class CorpusError(ValueError):
    """A corpus file that cannot be used; the message starts with the file's path."""


@dataclass(frozen=True)
class Caption:
    """An image caption; ``after`` is the body paragraph the image follows (-1: before the first)."""

    after: int
    text: str


@dataclass(frozen=True)
class Copy:
    """How one site republishes an article: only the fields it changes are set."""

    site: str
    title: str | None = None
    published: Published | None = None
    lead: str | None = None
    author: str | None = None
    author_unit: str | None = None
    signoff: str | None = None


@dataclass(frozen=True)
class Article:
    """One article as its original site publishes it (see ``for_site`` for the other sites)."""

    id: str
    hdnd: bool
    label_note: str
    title: str
    published: Published
    lead: str
    paragraphs: tuple[str, ...]
    captions: tuple[Caption, ...]
    author: str
    author_unit: str
    signoff: str
    sites: tuple[str, ...]
    copies: tuple[Copy, ...] = ()
    source: str = ""

    @property
    def original_site(self) -> str:
        return self.sites[0]

    def for_site(self, site: str) -> Article:
        """The article as ``site`` shows it: the original with that site's copy overrides applied."""
        if site not in self.sites:
            raise KeyError(f"{self.id} is not published on {site}")
        for copy in self.copies:
            if copy.site == site:
                changes = {f.name: getattr(copy, f.name) for f in dataclasses.fields(copy)
                           if f.name != "site" and getattr(copy, f.name) is not None}
                return dataclasses.replace(self, **changes)
        return self

    @property
    def published_at(self) -> dt.datetime:
        """The publication time as a naive local datetime (midnight when only a date is known)."""
        return as_datetime(self.published)


def as_datetime(value: Published) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day)


def _fail(where: str, message: str) -> CorpusError:
    return CorpusError(f"{where}: {message}")


def _text(value: Any, where: str, name: str, *, empty_ok: bool = True) -> str:
    if not isinstance(value, str):
        raise _fail(where, f"'{name}' must be a string, got {value!r}")
    if not empty_ok and not value.strip():
        raise _fail(where, f"'{name}' must not be empty")
    if unicodedata.normalize("NFC", value) != value:
        raise _fail(where, f"'{name}' is not NFC: {value[:60]!r}")
    if value != value.strip():
        raise _fail(where, f"'{name}' has leading or trailing white space: {value[:60]!r}")
    return value


def _published(value: Any, where: str, name: str = "published") -> Published:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise _fail(where, f"'{name}' must be local time without an offset, got {value!r}")
        return value
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        for fmt, kind in (("%Y-%m-%dT%H:%M", "datetime"), ("%Y-%m-%d", "date")):
            try:
                parsed = dt.datetime.strptime(value, fmt)
            except ValueError:
                continue
            return parsed if kind == "datetime" else parsed.date()
    raise _fail(where, f"'{name}' must be 'YYYY-MM-DDTHH:MM' or 'YYYY-MM-DD', got {value!r}")


def _captions(value: Any, n_paragraphs: int, where: str) -> tuple[Caption, ...]:
    if not isinstance(value, list):
        raise _fail(where, f"'captions' must be a list of {{ after, text }} tables, got {value!r}")
    out = []
    for i, item in enumerate(value):
        here = f"{where}: captions[{i}]"
        if not isinstance(item, dict) or set(item) != {"after", "text"}:
            raise _fail(here, f"must be a table with exactly 'after' and 'text', got {item!r}")
        after = item["after"]
        if not isinstance(after, int) or isinstance(after, bool) or not -1 <= after < n_paragraphs:
            raise _fail(here, f"'after' must be an integer from -1 to {n_paragraphs - 1}, got {after!r}")
        out.append(Caption(after, _text(item["text"], here, "text", empty_ok=False)))
    return tuple(out)


def _copies(value: Any, sites: tuple[str, ...], where: str) -> tuple[Copy, ...]:
    if not isinstance(value, list):
        raise _fail(where, "'copies' must be an array of tables ([[copies]])")
    out: list[Copy] = []
    for i, table in enumerate(value):
        here = f"{where}: copies[{i}]"
        if not isinstance(table, dict):
            raise _fail(here, "must be a table")
        unknown = sorted(set(table) - _COPY_KEYS)
        if unknown:
            raise _fail(here, f"unknown key {', '.join(map(repr, unknown))} (allowed: {sorted(_COPY_KEYS)})")
        site = table.get("site")
        if site not in sites[1:]:
            raise _fail(here, f"'site' {site!r} must be one of the article's other sites {list(sites[1:])}")
        if any(c.site == site for c in out):
            raise _fail(here, f"a second copy for site {site!r}")
        fields: dict[str, Any] = {"site": site}
        for key in ("title", "lead", "author", "author_unit", "signoff"):
            if key in table:
                fields[key] = _text(table[key], here, key, empty_ok=key != "title")
        if "published" in table:
            fields["published"] = _published(table["published"], here)
        out.append(Copy(**fields))
    return tuple(out)


def parse_article(data: dict[str, Any], where: str, stem: str | None = None) -> Article:
    """Validate one parsed TOML table; ``where`` names the file in error messages."""
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise _fail(where, f"unknown key {', '.join(map(repr, unknown))}")
    missing = sorted(_REQUIRED - set(data))
    if missing:
        raise _fail(where, f"missing key {', '.join(map(repr, missing))}")
    art_id = data["id"]
    if not isinstance(art_id, str) or not _ID_RE.match(art_id):
        raise _fail(where, f"bad id {art_id!r} (lower-case letters, digits and '-')")
    if stem is not None and art_id != stem:
        raise _fail(where, f"id {art_id!r} differs from the file name {stem!r}")
    if not isinstance(data["hdnd"], bool):
        raise _fail(where, f"'hdnd' must be true or false, got {data['hdnd']!r}")
    paragraphs = data["paragraphs"]
    if not isinstance(paragraphs, list) or not paragraphs:
        raise _fail(where, "'paragraphs' must be a non-empty list of strings")
    paras = tuple(_text(p, f"{where}: paragraphs[{i}]", "paragraph", empty_ok=False)
                  for i, p in enumerate(paragraphs))
    sites = data["sites"]
    if not isinstance(sites, list) or not sites or not all(isinstance(s, str) for s in sites):
        raise _fail(where, "'sites' must be a non-empty list of site ids")
    bad = [s for s in sites if s not in SITE_IDS]
    if bad:
        raise _fail(where, f"unknown site {', '.join(map(repr, bad))} (known: {', '.join(SITE_IDS)})")
    if len(set(sites)) != len(sites):
        raise _fail(where, f"a site is listed twice in 'sites': {sites}")
    site_tuple = tuple(sites)
    return Article(
        id=art_id,
        hdnd=data["hdnd"],
        label_note=_text(data.get("label_note", ""), where, "label_note"),
        title=_text(data["title"], where, "title", empty_ok=False),
        published=_published(data["published"], where),
        lead=_text(data.get("lead", ""), where, "lead"),
        paragraphs=paras,
        captions=_captions(data.get("captions", []), len(paras), where),
        author=_text(data.get("author", ""), where, "author"),
        author_unit=_text(data.get("author_unit", ""), where, "author_unit"),
        signoff=_text(data.get("signoff", ""), where, "signoff"),
        sites=site_tuple,
        copies=_copies(data.get("copies", []), site_tuple, where),
        source=where,
    )


def load_file(path: Path) -> Article:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(str(path), f"cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise _fail(str(path), f"not valid TOML: {exc}") from None
    return parse_article(data, str(path), path.stem)


def default_corpus_dir() -> Path:
    """The corpus bundled with the package (``sampleweb/corpus``)."""
    return Path(str(resources.files("sampleweb").joinpath("corpus")))


def load_corpus(directory: str | Path | None = None) -> list[Article]:
    """Every ``*.toml`` article of the directory, sorted by id; the bundled corpus by default."""
    folder = Path(directory) if directory is not None else default_corpus_dir()
    if not folder.is_dir():
        raise CorpusError(f"{folder}: no such corpus directory")
    return [load_file(p) for p in sorted(folder.glob("*.toml"))]


def articles_for(site: str, articles: Iterable[Article]) -> list[Article]:
    """The articles ``site`` publishes, each in the form that site shows."""
    return [a.for_site(site) for a in articles if site in a.sites]
