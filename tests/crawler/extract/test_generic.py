"""Pages of no known CMS family (tests/fixtures/generic/: an HTML5 news page, an old table layout, a
newspaper with JSON-LD, a <br>-separated body with its date only in the URL): trafilatura finds the
body, the Vietnamese rules clean it. Each page has gold fields; the result must match them and be
at least as good as plain trafilatura's on the same page, field by field."""

from __future__ import annotations

import json

import pytest
import trafilatura

from crawler.extract import Extracted, extract
from tests.paths import FIXTURES

GENERIC = FIXTURES / "generic"
NAMES = sorted(p.stem for p in GENERIC.glob("*.json"))


def load(name: str) -> tuple[bytes, dict[str, object]]:
    return (GENERIC / f"{name}.html").read_bytes(), json.loads((GENERIC / f"{name}.json").read_text("utf-8"))


def run(name: str) -> tuple[Extracted, dict[str, object]]:
    raw, gold = load(name)
    return extract(raw, str(gold["url"]), listing_date=gold.get("listing_date")), gold  # type: ignore[arg-type]


def test_fixtures_exist_and_are_of_no_known_family() -> None:
    assert len(NAMES) >= 4
    for name in NAMES:
        assert run(name)[0].cms is None


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("field", ["title", "published", "published_source", "author", "author_unit", "lead",
                                   "paragraphs", "captions"])
def test_gold_fields(name: str, field: str) -> None:
    ex, gold = run(name)
    got = ex.text.split("\n\n") if field == "paragraphs" else getattr(ex, field)
    assert got == gold[field]


@pytest.mark.parametrize("name", NAMES)
def test_status_ok(name: str) -> None:
    ex, _ = run(name)
    assert (ex.status, ex.problem) == ("ok", None)


def _scores(lines: list[str], gold: dict[str, object]) -> tuple[float, float]:
    """Recall of the article's lines (lead and paragraphs) and precision of the text's lines."""
    truth = [str(gold["lead"]), *gold["paragraphs"]] if gold["lead"] else list(gold["paragraphs"])  # type: ignore[call-overload]
    lines = [" ".join(x.split()) for x in lines if x.strip()]
    recall = sum(1 for t in truth if t in lines) / len(truth)
    precision = sum(1 for x in lines if x in truth) / max(1, len(lines))
    return recall, precision


@pytest.mark.parametrize("name", NAMES)
def test_at_least_as_good_as_plain_trafilatura(name: str) -> None:
    raw, gold = load(name)
    plain = trafilatura.bare_extraction(raw.decode("utf-8"), url=str(gold["url"]), with_metadata=True)
    assert plain is not None
    p = plain.as_dict()
    ex, _ = run(name)
    p_recall, p_precision = _scores((p["text"] or "").split("\n"), gold)
    o_recall, o_precision = _scores([ex.lead, *ex.text.split("\n\n")], gold)
    assert o_recall >= p_recall and o_precision >= p_precision
    assert o_recall == 1.0 and o_precision == 1.0
    if p["title"] == gold["title"]:
        assert ex.title == gold["title"]
    if p["date"] and str(gold["published"]).startswith(p["date"]):
        assert str(ex.published).startswith(p["date"])
