"""crawler/registry/__init__.py: a bad registry must fail before any request, naming file, site and problem.

An operator who mistypes a key or a regular expression should be told where, not discover hours
later that the crawl fetched the wrong pages.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from crawler import registry
from crawler.registry import KEYS, RegistryError, Site, load_registry, parse_registry, select_sites

SOURCE = "conf/test-sites.toml"
CMS = ("sharepoint", "liferay", "vnportal", "dotnetnuke", "websphere",
       "webcenter", "nukeviet", "joomla", "wordpress", "drupal")
_MISSING = object()


def _value(value: Any) -> str:
    """A TOML literal; JSON strings and arrays of strings are valid TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def site_toml(**overrides: Any) -> str:
    """One ``[[site]]`` table; an override of ``_MISSING`` drops the key."""
    values: dict[str, Any] = {
        "id": "s1",
        "name": "HĐND tỉnh Bắc Kạn",
        "province": "Bắc Kạn",
        "level": "province",
        "start_urls": ["https://hdnd.backan.gov.vn/tin-tuc"],
    }
    values.update(overrides)
    lines = ["[[site]]"]
    lines += [f"{k} = {_value(v)}" for k, v in values.items() if v is not _MISSING]
    return "\n".join(lines) + "\n"


def one(text: str, known_cms: tuple[str, ...] = CMS) -> Site:
    sites = parse_registry(text, SOURCE, known_cms)
    assert len(sites) == 1
    return sites[0]


def expect_error(text: str, *fragments: str, known_cms: tuple[str, ...] = CMS) -> str:
    with pytest.raises(RegistryError) as info:
        parse_registry(text, SOURCE, known_cms)
    message = str(info.value)
    assert message.startswith(SOURCE), message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    return message


# ---- errors: each names the file, the site and the problem -------------------------------------

@pytest.mark.parametrize(
    ("overrides", "fragments"),
    [
        ({"colour": "red"}, ["site 's1'", "unknown key 'colour'", "known keys"]),
        ({"start_url": ["https://a.vn"]}, ["site 's1'", "unknown key 'start_url'"]),
        ({"start_urls": ["ftp://a.gov.vn/"]}, ["site 's1'", "bad URL", "ftp://a.gov.vn/"]),
        ({"start_urls": ["hdnd.backan.gov.vn"]}, ["site 's1'", "bad URL"]),
        ({"start_urls": ["https:///tin-tuc"]}, ["site 's1'", "bad URL"]),
        ({"start_urls": ["https://a.gov.vn/tin tuc"]}, ["site 's1'", "bad URL"]),
        ({"feeds": ["/vi/news/rss/"]}, ["site 's1'", "bad URL", "/vi/news/rss/"]),
        ({"sitemaps": ["sitemap.xml"]}, ["site 's1'", "bad URL"]),
        ({"level": "county"}, ["site 's1'", "unknown level 'county'"]),
        ({"level": "Province"}, ["site 's1'", "unknown level"]),
        ({"status": "dead"}, ["site 's1'", "unknown status 'dead'"]),
        ({"id": "Bad Id"}, ["site 'Bad Id'", "bad id"]),
        ({"id": "-leading"}, ["site '-leading'", "bad id"]),
        ({"id": "hđnd"}, ["bad id"]),
        ({"id": ""}, ["bad id"]),
        ({"id": "a" * 65}, ["bad id"]),
        ({"article_patterns": ["(unclosed"]}, ["site 's1'", "bad regular expression in 'article_patterns'"]),
        ({"listing_patterns": ["[a-"]}, ["site 's1'", "'listing_patterns'"]),
        ({"avoid_patterns": ["*x"]}, ["site 's1'", "'avoid_patterns'"]),
        ({"province": "Atlantis"}, ["site 's1'", "unknown province 'Atlantis'"]),
        ({"province": ""}, ["site 's1'", "unknown province"]),
        ({"cms": "plone"}, ["site 's1'", "unknown cms 'plone'"]),
        ({"start_urls": []}, ["site 's1'", "'start_urls' is empty"]),
        # wrong types
        ({"name": 5}, ["site 's1'", "'name' must be a string"]),
        ({"level": ["province"]}, ["site 's1'", "'level' must be a string"]),
        ({"start_urls": [1, 2]}, ["site 's1'", "'start_urls' must be a list of strings"]),
        ({"feeds": 7}, ["site 's1'", "'feeds' must be a list of strings"]),
        ({"max_pages": "ten"}, ["site 's1'", "'max_pages' must be a positive integer"]),
        ({"max_pages": 0}, ["site 's1'", "'max_pages' must be a positive integer"]),
        ({"max_pages": True}, ["site 's1'", "'max_pages' must be a positive integer"]),
        ({"enabled": "yes"}, ["site 's1'", "'enabled' must be true or false"]),
        ({"cms": 3}, ["site 's1'", "'cms' must be a string"]),
    ],
)
def test_bad_site_is_rejected_with_file_site_and_problem(
    overrides: dict[str, Any], fragments: list[str]
) -> None:
    expect_error(site_toml(**overrides), *fragments)


@pytest.mark.parametrize("key", ["name", "province", "level", "start_urls"])
def test_missing_required_key_names_the_site(key: str) -> None:
    expect_error(site_toml(**{key: _MISSING}), "site 's1'", f"missing required key '{key}'")


def test_missing_id_names_the_site_by_position() -> None:
    text = site_toml(id="a") + site_toml(id=_MISSING)
    expect_error(text, "site #2", "missing required key 'id'")


def test_non_string_id_names_the_site_by_position() -> None:
    expect_error(site_toml(id=5), "site #1", "'id' must be a string")


def test_duplicate_id() -> None:
    text = site_toml(id="a") + site_toml(id="b") + site_toml(id="a")
    expect_error(text, "site 'a'", "duplicate id", "site #1")


def test_not_toml() -> None:
    expect_error("[[site]\nid = 's1'\n", "not valid TOML")
    expect_error('id = "unterminated\n', "not valid TOML")


def test_unknown_top_level_key() -> None:
    expect_error('title = "x"\n' + site_toml(), "unknown top-level key 'title'")


def test_site_must_be_an_array_of_tables() -> None:
    expect_error('site = "x"\n', "array of tables")
    expect_error('[site]\nid = "s1"\n', "array of tables")


@pytest.mark.parametrize("text", ['site = ["a"]\n', "site = [1, 2]\n"])
def test_site_elements_must_be_tables(text: str) -> None:
    expect_error(text, "site #1")


def test_id_with_trailing_newline_is_rejected() -> None:
    expect_error('[[site]]\nid = "abc\\n"\nname = "x"\nprovince = "Huế"\nlevel = "province"\n'
                 'start_urls = ["https://hue.gov.vn"]\n', "bad id")


def test_unknown_cms_is_accepted_when_no_family_list_is_given() -> None:
    """Without a family list (rules not loaded) the hint cannot be checked, so it is kept as is."""
    assert one(site_toml(cms="plone"), known_cms=()).cms == "plone"


def test_empty_registry_is_valid() -> None:
    assert parse_registry("", SOURCE, CMS) == []
    assert parse_registry("# nothing yet\n", SOURCE, CMS) == []


# ---- a good registry ----------------------------------------------------------------------------

def test_good_site_loads_with_defaults_and_derived_province() -> None:
    site = one(site_toml())
    assert site.id == "s1"
    assert site.province == "Bắc Kạn", "the site's own name for its province is kept"
    assert site.province_current == "Thái Nguyên"
    assert site.start_urls == ("https://hdnd.backan.gov.vn/tin-tuc",)
    assert site.cms is None
    assert site.status == "unknown"
    assert site.enabled is True
    assert site.max_pages is None
    assert site.article_patterns == site.feeds == site.hosts == ()
    assert site.note == ""


@pytest.mark.parametrize(
    ("province", "current"),
    [("Bắc Kạn", "Thái Nguyên"), ("tỉnh Bắc Kạn", "Thái Nguyên"), ("TP. Hải Phòng", "Hải Phòng"),
     ("Hải Dương", "Hải Phòng"), ("Thừa Thiên Huế", "Huế"), ("thanh hoa", "Thanh Hóa"),
     ("TP Hồ Chí Minh", "Hồ Chí Minh"), ("Bình Dương", "Hồ Chí Minh")],
)
def test_province_current_is_derived_from_any_spelling(province: str, current: str) -> None:
    site = one(site_toml(province=province))
    assert site.province == province
    assert site.province_current == current


def test_all_keys_load() -> None:
    site = one(site_toml(
        level="commune",
        cms="nukeviet",
        article_patterns=[r"/vi/news/[^/]+/[^/]+-\d+\.html$"],
        listing_patterns=[r"/vi/news/[^/]+/$"],
        avoid_patterns=[r"/savefile/"],
        feeds=["https://hdnd.backan.gov.vn/vi/news/rss/"],
        sitemaps=["https://hdnd.backan.gov.vn/sitemap.xml"],
        hosts=["backan.gov.vn"],
        max_pages=500,
        status="merged",
        enabled=False,
        note="merged into Thái Nguyên",
    ))
    assert site.level == "commune" and site.cms == "nukeviet"
    assert site.article_patterns == (r"/vi/news/[^/]+/[^/]+-\d+\.html$",)
    assert site.max_pages == 500 and site.status == "merged" and site.enabled is False
    assert site.note == "merged into Thái Nguyên"


def test_single_string_is_accepted_for_a_list_key() -> None:
    assert one(site_toml(start_urls="https://a.gov.vn")).start_urls == ("https://a.gov.vn",)


def test_allowed_hosts_cover_start_urls_feeds_sitemaps_hosts_and_www_twins() -> None:
    site = one(site_toml(
        start_urls=["https://www.hdnd.backan.gov.vn/tin-tuc", "http://Hdnd.BacKan.gov.vn/"],
        feeds=["https://rss.backan.gov.vn/feed"],
        sitemaps=["https://backan.gov.vn/sitemap.xml"],
        hosts=["Media.Backan.gov.vn"],
    ))
    assert site.allowed_hosts == frozenset({
        "hdnd.backan.gov.vn", "www.hdnd.backan.gov.vn",
        "rss.backan.gov.vn", "www.rss.backan.gov.vn",
        "backan.gov.vn", "www.backan.gov.vn",
        "media.backan.gov.vn", "www.media.backan.gov.vn",
    })
    assert "evil.example" not in site.allowed_hosts


# ---- select_sites --------------------------------------------------------------------------------

@pytest.fixture
def three() -> list[Site]:
    text = site_toml(id="a") + site_toml(id="b", enabled=False) + site_toml(id="c")
    return parse_registry(text, SOURCE, CMS)


@pytest.mark.parametrize("ids", [None, [], [""]])
def test_select_all_skips_disabled_sites(three: list[Site], ids: list[str] | None) -> None:
    assert [s.id for s in select_sites(three, ids)] == ["a", "c"]


def test_select_subset_in_the_order_asked_without_repeats(three: list[Site]) -> None:
    assert [s.id for s in select_sites(three, ["c", "a", "c"])] == ["c", "a"]


def test_select_named_disabled_site(three: list[Site]) -> None:
    """Naming a site explicitly selects it even when disabled, as the docstring says."""
    assert [s.id for s in select_sites(three, ["b"])] == ["b"]


def test_select_unknown_id_is_an_error(three: list[Site]) -> None:
    with pytest.raises(RegistryError) as info:
        select_sites(three, ["a", "nope", "zzz"], source=SOURCE)
    message = str(info.value)
    assert message.startswith(SOURCE)
    assert "'nope'" in message and "'zzz'" in message and "'a'" not in message


# ---- files ---------------------------------------------------------------------------------------

def test_load_registry_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "sites.toml"
    path.write_text(site_toml(), "utf-8")
    sites = load_registry(path, known_cms=CMS)
    assert [s.id for s in sites] == ["s1"]


def test_load_registry_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sites.toml"
    path.write_text(site_toml(level="county"), "utf-8")
    with pytest.raises(RegistryError, match=r"sites\.toml: site 's1': unknown level"):
        load_registry(path, known_cms=CMS)
    with pytest.raises(RegistryError, match="no such registry file"):
        load_registry(tmp_path / "missing.toml", known_cms=CMS)
    path.write_bytes(b'[[site]]\nname = "H\xd0ND"\n')  # not UTF-8
    with pytest.raises(RegistryError, match="cannot read the registry"):
        load_registry(path, known_cms=CMS)


def test_default_registry_path_is_the_bundled_file() -> None:
    path = registry.default_registry_path()
    assert path.name == "sites.toml" and path.parent.name == "registry" and path.is_file()


# ---- the key table -------------------------------------------------------------------------------

def test_keys_match_site_fields() -> None:
    """KEYS documents the format; a Site field without a key could never be set from a file."""
    fields = {f.name for f in dataclasses.fields(Site)} - {"province_current"}
    assert {k.name for k in KEYS} == fields
    assert {k.name for k in KEYS if k.required} == {"id", "name", "province", "level", "start_urls"}
    for key in KEYS:
        assert key.help, key.name
        assert key.kind in {"str", "int", "bool", "list[str]"}, key.name
