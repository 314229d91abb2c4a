"""Regenerate ``crawler/registry/sites.toml`` from the researched site list (``../shared/registry/sites.csv``).

The CSV is the research record: one row per site with the source that justifies it. The crawler needs
a validated registry instead, so this script turns one into the other and keeps the sources as TOML
comments, so a reader of the registry can still see why each site is there. Rows marked GUESS are left
out: a guessed host would send the crawler to a site nobody has seen.

The CMS, feed and sitemap hints come from ``../shared/registry/NOTES.md`` (sections 3 and 4), copied into
the tables below by hand because the notes are prose. A hint is given only where the notes name the
platform or the URL for that host; everything else is left to detection, since a wrong hint is worse
than none.

Usage::

    .venv/bin/python scripts/build_registry.py [CSV] [-o OUTPUT] [--check]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a plain script from anywhere, without installing the package
    sys.path.insert(0, str(REPO))

from crawler.lang import places  # noqa: E402
from crawler.lang.textnorm import fold, nfc  # noqa: E402
from crawler.registry import RegistryError, parse_registry  # noqa: E402

DEFAULT_CSV = REPO.parent / "shared" / "registry" / "sites.csv"
DEFAULT_OUTPUT = REPO / "crawler" / "registry" / "sites.toml"
COMMAND = "python scripts/build_registry.py"

# The CMS families the crawler will know; the registry rejects any other hint.
CMS_FAMILIES: tuple[str, ...] = (
    "sharepoint", "liferay", "vnportal", "dotnetnuke", "websphere",
    "webcenter", "nukeviet", "joomla", "wordpress", "drupal",
)

# NOTES.md section 4, "Seen on" column, host by host. Left out on purpose: "Unnamed ASP.NET portal
# products" (dbndthanhhoa, hdnd.namdinh, dbndhaiphong: no family named), "WordPress-like slugs"
# (backancity, bachthong: a guess from URL shape only), the Laravel meeting app (hdnd.thainguyen), and
# "many angiang.gov.vn subsites" (which ones is not said; angiang.gov.vn itself is not named).
CMS_BY_HOST: dict[str, str] = {
    # IBM WebSphere Portal / WCM
    "hdnd.dongthap.gov.vn": "websphere",
    "travinh.gov.vn": "websphere",  # seen at travinh.gov.vn/wps/portal/hdndtv
    "qh-hdnd.phuyen.gov.vn": "websphere",
    # Microsoft SharePoint
    "hdnd.dongnai.gov.vn": "sharepoint",
    "vpddbqh-hdnd.angiang.gov.vn": "sharepoint",
    "hdnd.vinhphuc.gov.vn": "sharepoint",
    "quangninh.gov.vn": "sharepoint",
    # Liferay ("other bacninh district sites": the two Bắc Ninh towns in the CSV)
    "vphdnd.bacninh.gov.vn": "liferay",
    "bacninh.gov.vn": "liferay",
    "thuanthanh.bacninh.gov.vn": "liferay",
    "quevo.bacninh.gov.vn": "liferay",
    "danang.gov.vn": "liferay",  # seen at danang.gov.vn/web/guest
    # DotNetNuke
    "dbnd.phutho.gov.vn": "dotnetnuke",
    "bencat.binhduong.gov.vn": "dotnetnuke",
    # NukeViet 4.5
    "dongnai.gov.vn": "nukeviet",
    "xuandong.dongnai.gov.vn": "nukeviet",
    "xuanque.dongnai.gov.vn": "nukeviet",
    "longha.dongnai.gov.vn": "nukeviet",
    "phuocbinh.dongnai.gov.vn": "nukeviet",
    # Oracle WebCenter (not in the CSV today; kept so the table mirrors the notes)
    "vpubnd.quangnam.gov.vn": "webcenter",
}

# NOTES.md section 3: NukeViet sites declare their news feed at this path (seen on xuandong; "the same
# convention should apply" to the others, so it is given for every NukeViet host).
NUKEVIET_FEED_PATH = "/vi/news/rss/"
FEEDS_BY_HOST: dict[str, tuple[str, ...]] = {
    "vinhlong.gov.vn": ("https://vinhlong.gov.vn/rss/tintuc.rss",),
}
SITEMAPS_BY_HOST: dict[str, tuple[str, ...]] = {
    "daklak.gov.vn": ("https://daklak.gov.vn/sitemap.xml",),
}

GUESS_MARK = "GUESS"
COLUMNS = ("id", "name", "province_current", "province_old", "level", "kind", "url", "news_url",
           "status", "source")
_ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


class BuildError(Exception):
    """The CSV cannot become a valid registry; the message names the row and the problem."""


def host_of(url: str) -> str:
    """Lower-case host without ``www.``, the form the hint tables are keyed by."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def registry_id(raw: str) -> str:
    """The CSV id made valid for the registry's id rule (folded, lower case, [a-z0-9_-], 64 chars)."""
    candidate = re.sub(r"[^a-z0-9_-]+", "-", fold(raw)).strip("-_")[:64].rstrip("-_")
    if not _ID_RE.fullmatch(candidate):
        raise BuildError(f"id {raw!r} cannot be made into a registry id")
    return candidate


def is_guess(row: dict[str, str]) -> bool:
    """A row that no source confirms (NOTES.md marks them "GUESS - NOT SEEN")."""
    return any(GUESS_MARK in (value or "") for value in row.values())


def read_rows(csv_path: Path) -> list[dict[str, str]]:
    """The CSV rows, every cell NFC and trimmed, so the output does not depend on how it was typed."""
    try:
        with csv_path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise BuildError(f"{csv_path}: missing column(s) {', '.join(missing)}")
            return [{k: nfc(v or "").strip() for k, v in row.items() if k is not None} for row in reader]
    except FileNotFoundError:
        raise BuildError(f"{csv_path}: no such file (give the path to sites.csv)") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise BuildError(f"{csv_path}: cannot read: {exc}") from None


def site_province(row: dict[str, str], where: str) -> tuple[str, str]:
    """The province as the site names it, and today's province, both checked against places.

    A site of a merged-away unit names its old province ("Bắc Kạn"); a site opened after the merger
    in an area that used to belong elsewhere (xã Long Hà, formerly Bình Phước) names today's one, so
    ``province_old`` is used only when the row is not ``active``.
    """
    current_name = row["province_current"]
    current = places.lookup(current_name)
    if current is None or not current.is_current:
        raise BuildError(f"{where}: province_current {current_name!r} is not one of the 34 current units")
    old_name = row["province_old"]
    if not old_name:
        return current_name, current.current
    old = places.lookup(old_name)
    if old is None:
        raise BuildError(f"{where}: province_old {old_name!r} is not a known province")
    if old.current != current.current:
        raise BuildError(f"{where}: province_old {old_name!r} became {old.current!r}, "
                         f"not {current_name!r} as province_current says")
    if row["status"] == "active":
        return current_name, current.current
    return old_name, current.current


def toml_str(value: str) -> str:
    """A TOML basic string; non-ASCII stays literal so the file reads as Vietnamese."""
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in "\b\t\n\f\r":
            out.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(toml_str(v) for v in values) + "]"


def comment_lines(label: str, text: str) -> list[str]:
    """``# label: text``, one comment line per line of text (TOML comments end at a newline)."""
    lines = text.splitlines() or [""]
    out = []
    for n, line in enumerate(lines):
        clean = _CONTROL_RE.sub(" ", line).rstrip()
        out.append(f"# {label}: {clean}".rstrip() if n == 0 else f"#   {clean}".rstrip())
    return out


def site_block(row: dict[str, str], n: int) -> tuple[str, list[str]]:
    """The ``[[site]]`` table for one CSV row, with its comment lines; returns (id, lines)."""
    where = f"sites.csv row {n} (id {row['id']!r})"
    if not row["id"]:
        raise BuildError(f"sites.csv row {n}: empty id")
    try:
        site_id = registry_id(row["id"])
    except BuildError as exc:
        raise BuildError(f"{where}: {exc}") from None
    if not row["url"]:
        raise BuildError(f"{where}: empty url")
    province, current = site_province(row, where)
    start_urls = list(dict.fromkeys(u for u in (row["news_url"], row["url"]) if u))
    host = host_of(row["url"])
    cms = CMS_BY_HOST.get(host)
    feeds = list(FEEDS_BY_HOST.get(host, ()))
    if cms == "nukeviet":
        parts = urlsplit(row["url"])
        feeds.append(f"{parts.scheme}://{parts.netloc}{NUKEVIET_FEED_PATH}")
    sitemaps = list(SITEMAPS_BY_HOST.get(host, ()))

    lines = comment_lines("kind", row["kind"] or "(none)")
    if places.key(province) != places.key(current):
        lines += comment_lines("now part of", current)
    if site_id != row["id"]:
        lines += comment_lines("csv id", row["id"])
    if row["province_old"] and province != row["province_old"]:
        lines += comment_lines("area formerly in", f"{row['province_old']} (province_old in the CSV)")
    lines += comment_lines("source", row["source"])
    lines.append("[[site]]")
    lines.append(f"id = {toml_str(site_id)}")
    lines.append(f"name = {toml_str(row['name'])}")
    lines.append(f"province = {toml_str(province)}")
    lines.append(f"level = {toml_str(row['level'])}")
    lines.append(f"start_urls = {toml_list(start_urls)}")
    if cms:
        lines.append(f"cms = {toml_str(cms)}")
    if feeds:
        lines.append(f"feeds = {toml_list(feeds)}")
    if sitemaps:
        lines.append(f"sitemaps = {toml_list(sitemaps)}")
    lines.append(f"status = {toml_str(row['status'])}")
    return site_id, lines


def display_path(path: Path) -> str:
    """The CSV path as the header shows it: relative to the repo, so the bytes do not depend on cwd."""
    absolute = Path(os.path.normpath(path.absolute()))
    return Path(os.path.relpath(absolute, REPO)).as_posix()


def build(csv_path: Path = DEFAULT_CSV, source: str = "crawler/registry/sites.toml") -> str:
    """The registry text for ``csv_path``, validated as ``source``; raises BuildError naming the row."""
    rows = read_rows(csv_path)
    kept = [(n, row) for n, row in enumerate(rows, 2) if not is_guess(row)]  # row 1 is the header
    guesses = [row["id"] for row in rows if is_guess(row)]
    header = [
        "# GENERATED FILE: DO NOT EDIT BY HAND.",
        f"# Generated from {display_path(csv_path)} by `{COMMAND}`;",
        "# change the CSV (or the hint tables in that script) and regenerate instead.",
        "# cms, feeds and sitemaps come from ../shared/registry/NOTES.md sections 3 and 4.",
        f"# {len(kept)} sites; rows marked GUESS are left out: {', '.join(guesses) or 'none'}.",
        "# Each table's comments keep the CSV's kind and source.",
    ]
    blocks: list[str] = ["\n".join(header)]
    seen: dict[str, int] = {}
    for n, row in kept:
        site_id, lines = site_block(row, n)
        if site_id in seen:
            raise BuildError(f"sites.csv row {n}: id {site_id!r} already used by row {seen[site_id]}")
        seen[site_id] = n
        blocks.append("\n".join(lines))
    text = "\n\n".join(blocks) + "\n"
    try:
        sites = parse_registry(text, source, known_cms=CMS_FAMILIES)
    except RegistryError as exc:
        raise BuildError(f"the generated registry does not validate: {exc}") from None
    if len(sites) != len(kept):
        raise BuildError(f"expected {len(kept)} sites, the registry has {len(sites)}")
    return text


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same directory, so readers never see half a registry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV,
                        help=f"the researched site list (default: {display_path(DEFAULT_CSV)})")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"registry to write (default: {display_path(DEFAULT_OUTPUT)})")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when the output is missing or out of date")
    args = parser.parse_args(argv)
    try:
        text = build(args.csv, str(args.output))
    except BuildError as exc:
        print(f"build_registry: error: {exc}", file=sys.stderr)
        return 1
    if args.check:
        try:
            current = args.output.read_text("utf-8")
        except OSError:
            current = None
        if current != text:
            print(f"build_registry: {args.output} is out of date; run {COMMAND}", file=sys.stderr)
            return 1
        return 0
    write_atomic(args.output, text)
    print(f"build_registry: wrote {text.count('[[site]]')} sites to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
