"""crawler/lang/places.py: a place filter has to find the province whatever way a journalist types it.

The 2025 merger means two names for most articles (old and current), so the mapping itself is
tested as well as the spelling tolerance.
"""

from __future__ import annotations

import unicodedata

import pytest

from crawler.lang import places

# (typed, the province it names, today's unit)
SPELLINGS = [
    ("Hải Phòng", "Hải Phòng", "Hải Phòng"),
    ("hai phong", "Hải Phòng", "Hải Phòng"),
    ("HAI PHONG", "Hải Phòng", "Hải Phòng"),
    ("TP. Hải Phòng", "Hải Phòng", "Hải Phòng"),
    ("TP Hải Phòng", "Hải Phòng", "Hải Phòng"),
    ("Thành phố Hải Phòng", "Hải Phòng", "Hải Phòng"),
    ("  Hải   Phòng ", "Hải Phòng", "Hải Phòng"),
    ("Thành phố Hồ Chí Minh", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("thanh pho ho chi minh", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("TP Hồ Chí Minh", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("T.P Hồ Chí Minh", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("TP HCM", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("TPHCM", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("Sài Gòn", "Hồ Chí Minh", "Hồ Chí Minh"),
    ("tỉnh Bắc Kạn", "Bắc Kạn", "Thái Nguyên"),
    ("Tỉnh Bắc Kạn", "Bắc Kạn", "Thái Nguyên"),
    ("bac kan", "Bắc Kạn", "Thái Nguyên"),
    ("Bắc Cạn", "Bắc Kạn", "Thái Nguyên"),
    ("Thanh Hoá", "Thanh Hóa", "Thanh Hóa"),
    ("Thanh Hóa", "Thanh Hóa", "Thanh Hóa"),
    ("tỉnh Thanh Hoá", "Thanh Hóa", "Thanh Hóa"),
    ("Hoà Bình", "Hòa Bình", "Phú Thọ"),
    ("Khánh Hoà", "Khánh Hòa", "Khánh Hòa"),
    ("Thừa Thiên Huế", "Huế", "Huế"),
    ("Thừa Thiên - Huế", "Huế", "Huế"),
    ("TP Huế", "Huế", "Huế"),
    ("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("Bà Rịa–Vũng Tàu", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),  # en dash
    ("ba ria vung tau", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("BR-VT", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("Đắk Lắk", "Đắk Lắk", "Đắk Lắk"),
    ("Dak Lak", "Đắk Lắk", "Đắk Lắk"),
    ("Daklak", "Đắk Lắk", "Đắk Lắk"),
    ("Đăk Nông", "Đắk Nông", "Lâm Đồng"),
    ("Kontum", "Kon Tum", "Quảng Ngãi"),
    ("Ðà Nẵng", "Đà Nẵng", "Đà Nẵng"),  # eth (U+00D0), typed by mistake for Đ
    ("da nang", "Đà Nẵng", "Đà Nẵng"),
    ("Quảng Nam", "Quảng Nam", "Đà Nẵng"),
]


@pytest.mark.parametrize(("typed", "name", "current"), SPELLINGS)
def test_lookup_accepts_any_spelling(typed: str, name: str, current: str) -> None:
    prov = places.lookup(typed)
    assert prov is not None, typed
    assert (prov.name, prov.current) == (name, current)
    assert places.current_of(typed) == current


@pytest.mark.parametrize("typed", ["Hải Phòng", "Thành phố Hồ Chí Minh", "tỉnh Bắc Kạn", "Thanh Hoá"])
def test_lookup_ignores_unicode_form(typed: str) -> None:
    """Pages arrive in NFD too (combining marks); the key must not depend on the form."""
    nfd = unicodedata.normalize("NFD", typed)
    assert nfd != typed
    assert places.lookup(nfd) == places.lookup(typed)


@pytest.mark.parametrize("typed", ["TP.HCM", "TP.Hải Phòng", "Tp.Hồ Chí Minh", "TP.Huế"])
def test_lookup_accepts_tp_dot_without_space(typed: str) -> None:
    """"TP.HCM" is the usual written form in the Vietnamese press."""
    assert places.lookup(typed) is not None


@pytest.mark.parametrize("typed", ["", "   ", "tỉnh", "Thành phố", "Atlantis", "Hà", "Bắc"])
def test_lookup_unknown_gives_none(typed: str) -> None:
    assert places.lookup(typed) is None
    assert places.current_of(typed) is None
    assert places.matching_names(typed) == set()
    assert places.members_of(typed) == ()


def test_there_are_63_old_and_34_current_units() -> None:
    old, current = places.all_old(), places.all_current()
    assert len(old) == 63 and len(set(old)) == 63
    assert len(current) == 34 and len(set(current)) == 34
    assert set(current) <= set(old), "an unchanged or absorbing unit keeps its own name"


def test_every_old_province_maps_to_one_of_the_34() -> None:
    current = set(places.all_current())
    owners: dict[str, list[str]] = {}
    for unit in current:
        for member in places.members_of(unit):
            owners.setdefault(member, []).append(unit)
    assert sorted(owners) == sorted(places.all_old())
    assert all(len(units) == 1 for units in owners.values()), owners
    for old in places.all_old():
        prov = places.lookup(old)
        assert prov is not None and prov.name == old
        assert prov.current in current
        assert old in places.members_of(prov.current)


def test_no_two_provinces_fold_to_the_same_key() -> None:
    """Folding is lossy; two names colliding would silently merge two provinces' news."""
    keys = [places.key(name) for name in places.all_old()]
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize(
    ("old", "current"),
    [
        ("Bắc Kạn", "Thái Nguyên"), ("Hà Giang", "Tuyên Quang"), ("Yên Bái", "Lào Cai"),
        ("Vĩnh Phúc", "Phú Thọ"), ("Hòa Bình", "Phú Thọ"), ("Bắc Giang", "Bắc Ninh"),
        ("Thái Bình", "Hưng Yên"), ("Hải Dương", "Hải Phòng"), ("Hà Nam", "Ninh Bình"),
        ("Nam Định", "Ninh Bình"), ("Quảng Bình", "Quảng Trị"), ("Quảng Nam", "Đà Nẵng"),
        ("Kon Tum", "Quảng Ngãi"), ("Bình Định", "Gia Lai"), ("Ninh Thuận", "Khánh Hòa"),
        ("Đắk Nông", "Lâm Đồng"), ("Bình Thuận", "Lâm Đồng"), ("Phú Yên", "Đắk Lắk"),
        ("Bình Dương", "Hồ Chí Minh"), ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"), ("Bình Phước", "Đồng Nai"),
        ("Long An", "Tây Ninh"), ("Sóc Trăng", "Cần Thơ"), ("Hậu Giang", "Cần Thơ"),
        ("Bến Tre", "Vĩnh Long"), ("Trà Vinh", "Vĩnh Long"), ("Tiền Giang", "Đồng Tháp"),
        ("Bạc Liêu", "Cà Mau"), ("Kiên Giang", "An Giang"),
    ],
)
def test_merged_provinces_follow_registry_notes(old: str, current: str) -> None:
    """The 29 merged-away provinces, as ../shared/registry/NOTES.md section 1 lists them."""
    assert places.current_of(old) == current
    prov = places.lookup(old)
    assert prov is not None and not prov.is_current


def test_unchanged_units_are_current() -> None:
    unchanged = ["Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh",
                 "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng"]
    for name in unchanged:
        assert places.members_of(name) == (name,)
        prov = places.lookup(name)
        assert prov is not None and prov.is_current


def test_city_flag_only_on_the_city_itself() -> None:
    for city in ["Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"]:
        prov = places.lookup(city)
        assert prov is not None and prov.city, city
    for name in ["Hải Dương", "Quảng Nam", "Bình Dương", "Sóc Trăng", "Thái Nguyên"]:
        prov = places.lookup(name)
        assert prov is not None and not prov.city, name


def test_matching_names_of_a_current_unit_include_its_old_provinces() -> None:
    assert places.matching_names("Thái Nguyên") == {"Thái Nguyên", "Bắc Kạn"}
    assert places.matching_names("thai nguyen") == {"Thái Nguyên", "Bắc Kạn"}
    assert places.matching_names("Ninh Bình") == {"Ninh Bình", "Hà Nam", "Nam Định"}
    assert places.matching_names("TP. Hồ Chí Minh") == {"Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"}
    assert places.matching_names("Hà Nội") == {"Hà Nội"}


def test_matching_names_of_an_old_province_is_only_itself() -> None:
    """"Bắc Kạn" must not pull in every Thái Nguyên article."""
    assert places.matching_names("Bắc Kạn") == {"Bắc Kạn"}
    assert places.matching_names("tỉnh Bắc Cạn") == {"Bắc Kạn"}
    assert places.matching_names("ba ria vung tau") == {"Bà Rịa - Vũng Tàu"}


def test_members_of_accepts_any_era() -> None:
    assert places.members_of("Cần Thơ") == ("Cần Thơ", "Sóc Trăng", "Hậu Giang")
    assert places.members_of("Sóc Trăng") == places.members_of("Cần Thơ")


def test_key_folds_prefixes_marks_and_punctuation() -> None:
    assert places.key("TP. Hải Phòng") == "hai phong"
    assert places.key("Tỉnh Đắk Lắk") == "dak lak"
    assert places.key("Bà Rịa - Vũng Tàu") == "ba ria vung tau"
    assert places.key("Thanh Hoá") == places.key("Thanh Hóa") == "thanh hoa"
