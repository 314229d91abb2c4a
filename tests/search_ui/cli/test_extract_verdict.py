"""``hdnd extract PAGE [--url URL]`` shows the crawler's verdict beside the fields: what an operator
adding a site reads to see what the crawl would archive, and what it would leave out and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_hdnd
from tests.paths import FIXTURES

GENERIC = FIXTURES / "generic"
REAL = FIXTURES / "realpages"


def test_text_output_starts_with_the_verdict_and_its_evidence() -> None:
    proc = run_hdnd(["extract", str(GENERIC / "tintuc-article-html5.html"), "--url",
                     "https://hdnd.example.vn/tin-tuc/giam-sat-1234.html"])
    assert proc.returncode == 0, proc.stderr
    first = proc.stdout.splitlines()[0]
    assert first.startswith("crawler: article (<article> with headline and date; headline, date and"), first
    assert "\ntitle: " in proc.stdout


def test_a_listing_says_it_would_not_be_archived_and_why() -> None:
    proc = run_hdnd(["extract", str(REAL / "vbpl-search-listing.html"), "--url", "https://vbpl.vn/pages/vbpq-timkiem.aspx"])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].startswith("crawler: not an article (listing: "), proc.stdout[:300]


def test_json_has_the_crawler_key() -> None:
    proc = run_hdnd(["extract", str(REAL / "vpcp-chinhphu-home.html"), "--url", "https://vpcp.chinhphu.vn/", "--json"])
    assert proc.returncode == 0, proc.stderr
    crawler = json.loads(proc.stdout)["crawler"]
    assert crawler == {"article": False, "reason": "start page"}


def test_without_url_the_page_is_judged_as_a_file(tmp_path: Path) -> None:
    """No --url: the page's file:// URL stands for it; relative links are the page's own site."""
    page = tmp_path / "bai.html"
    page.write_bytes((GENERIC / "old-table-layout.html").read_bytes())
    proc = run_hdnd(["extract", str(page), "--json"])
    assert proc.returncode == 0, proc.stderr
    crawler = json.loads(proc.stdout)["crawler"]
    assert crawler["article"] is True and crawler["reason"].startswith("headline, date and 4 paragraphs")


@pytest.mark.parametrize("name", ["vbpl-thuoctinh-itemid96172.html", "anle-toaan-63-2023-AL.html"])
def test_pages_without_evidence_say_what_they_lack(name: str) -> None:
    proc = run_hdnd(["extract", str(REAL / name), "--url", f"https://example.gov.vn/{name}", "--json"])
    crawler = json.loads(proc.stdout)["crawler"]
    assert crawler["article"] is False and crawler["reason"] and not crawler["reason"].startswith("listing")
