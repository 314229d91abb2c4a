"""Query words are looked up in the form the embedded analyzer indexed them: ascii_fold turns
"m²" into "m2", so "5.000 m²" in land news must be found as typed and as "m2"."""

from __future__ import annotations

import pytest

from indexer.embedded.engine import EmbeddedEngine
from indexer.model import Doc, SearchQuery


def _doc(doc_id: str, text: str) -> Doc:
    return Doc(id=doc_id, url=f"https://example.gov.vn/{doc_id}", title=f"Tin {doc_id}", lead="", text=text,
               captions=[], published="2024-05-01", site="s", site_name="S", province="Hải Dương",
               province_current="Hải Phòng", level="province")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedEngine:
    eng = EmbeddedEngine(tmp_path_factory.mktemp("tokens") / "i")
    eng.rebuild([
        _doc("dat", "HĐND tỉnh thông qua việc thu hồi 5.000 m² đất lúa để làm đường."),
        _doc("nuoc", "Dự án cấp 300 m³ nước sạch mỗi ngày cho xã."),
        _doc("khac", "Kỳ họp bàn về ngân sách, không nói đến diện tích."),
    ])
    return eng


@pytest.mark.parametrize(("q", "expected"), [
    ("m²", ["dat"]), ("m2", ["dat"]), ('"5.000 m²"', ["dat"]), ("thu hồi 5.000 m²", ["dat"]),
    ("m³ nước", ["nuoc"]), ("m3", ["nuoc"]), ("km²", []),
])
def test_superscript_units_match_as_typed_and_folded(engine: EmbeddedEngine, q: str, expected: list[str]) -> None:
    assert [h.id for h in engine.search(SearchQuery(q=q)).hits] == expected


@pytest.mark.parametrize("q", ["m²", "m2"])
def test_either_form_is_marked_in_the_snippet(engine: EmbeddedEngine, q: str) -> None:
    assert "5.000 <mark>m²</mark> đất" in engine.search(SearchQuery(q=q)).hits[0].snippet
