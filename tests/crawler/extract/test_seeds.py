"""The five seeds (tests/fixtures/seeds/: what a naive scraper kept) against our extraction of the
pages they came from, rebuilt by the sample web (corpus ids ``seed-*``): every article line of the
seed is kept, every piece of boilerplate it carried is gone, the sign-off has become ``author``."""

from __future__ import annotations

import pytest

from crawler.extract import Extracted, extract
from crawler.lang.textnorm import fold
from sampleweb.client import fetch_page
from tests.paths import FIXTURES

SEEDS = FIXTURES / "seeds"
CHROME = ("Xem với cỡ chữ", "Tăng cỡ chữ Giảm cỡ chữ", "PublishingPortal - Block_BanTin_Toolbar",
          "PublishingPortal - Block_BanTin_ViewData", "CÁC BÀI VIẾT KHÁC:", "Loading...", "Thứ sáu, ngày 22/11/2024",
          "Tác giả bài viết:")



@pytest.fixture(scope="module")
def rebuilt(sample_web) -> dict[str, tuple[object, Extracted]]:  # type: ignore[no-untyped-def]
    """Seed file name -> (gold page of the original site, extraction of that page)."""
    pages = [p for p in sample_web.gold().values() if p.article_id.startswith("seed-")]
    out: dict[str, tuple[object, Extracted]] = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        text = fold(seed.read_text("utf-8"))
        candidates = [p for p in pages if fold(p.title) in text or fold(p.paragraphs[-1][:80]) in text]
        page = next(p for p in candidates if _is_original(p, sample_web))
        body, headers = fetch_page(page.url)
        out[seed.name] = (page, extract(body, page.url, headers=headers))
    return out


def _is_original(page: object, web: object) -> bool:
    """The first site listed for the article is where the seed was scraped."""
    article = next(a for a in web.articles if a.id == page.article_id)  # type: ignore[attr-defined]
    return article.sites[0] == page.site  # type: ignore[attr-defined]


def test_five_seeds_found(rebuilt: dict[str, tuple[object, Extracted]]) -> None:
    assert len(rebuilt) == 5
    assert len({page.article_id for page, _ in rebuilt.values()}) == 5  # type: ignore[attr-defined]


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_article_lines_kept_and_chrome_gone(seed: str, rebuilt: dict[str, tuple[object, Extracted]]) -> None:
    page, ex = rebuilt[seed]
    raw = (SEEDS / seed).read_text("utf-8")
    article = {fold(x) for x in (page.lead, *page.paragraphs)}  # type: ignore[attr-defined]
    ours = {fold(x) for x in (ex.lead, *ex.text.split("\n\n"))}
    lines = [" ".join(line.split()) for line in raw.splitlines() if line.strip()]
    kept = [line for line in lines if fold(line) in article]
    assert kept, "the seed should share paragraphs with its gold article"
    assert all(fold(line) in ours for line in kept)
    quoted = fold(" ".join([ex.title, ex.lead, ex.text, ex.author]))
    carried = [c for c in CHROME if fold(c) in fold(raw)]
    assert not [c for c in carried if fold(c) in quoted]


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_sign_off_becomes_author(seed: str, rebuilt: dict[str, tuple[object, Extracted]]) -> None:
    page, ex = rebuilt[seed]
    assert (ex.author, ex.author_unit) == (page.author, page.author_unit)  # type: ignore[attr-defined]
    if page.signoff:  # type: ignore[attr-defined]
        assert fold(page.signoff) not in fold(ex.text)  # type: ignore[attr-defined]
