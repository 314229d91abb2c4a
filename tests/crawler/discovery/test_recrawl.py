"""crawler/discovery/recrawl.py: a re-crawl fetches only what may have changed.

For a site whose last crawl ran to its end: pages that led to no article are left alone for
``revisit_days``, as are URLs the last run gave up on and usual sitemaps the site does not have;
listings, start pages, feeds and sitemaps are read every time; stored validators become conditional
headers; listings stop paging after ``lookback`` pages in a row with nothing new. A site whose last
crawl was incomplete is crawled in full.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crawler.archive.visits import Visit
from crawler.discovery.recrawl import ALWAYS_REREAD, Recrawl
from crawler.discovery.urls import url_key

SITE = "quangninh"
OTHER_SITE = "laocai"
ABOUT = "https://hdnd.quangninh.gov.vn/portal/Pages/Gioi-thieu.aspx"
LISTING = "https://hdnd.quangninh.gov.vn/portal/KenhTin/Hoat-dong-HDND.aspx"
START = "https://hdnd.quangninh.gov.vn/portal/Pages/TrangChu.aspx"
SITEMAP = "https://hdnd.quangninh.gov.vn/sitemap.xml"


def stamp(days_ago: float) -> str:
    """A fetched_at as the archive writes it: UTC, to the second, with Z."""
    when = datetime.now(UTC) - timedelta(days=days_ago)
    return when.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def visit(url: str, kind: str | None, days_ago: float, *, status: int = 200, etag: str | None = None,
          last_modified: str | None = None, has_body: bool = False, site: str = SITE) -> Visit:
    return Visit(url_key=url_key(url), site=site, url=url, kind=kind, fetched_at=stamp(days_ago), status=status,
                 etag=etag, last_modified=last_modified, article_links=0, has_body=has_body)


def policy(*visits: Visit, incremental: set[str] | None = None, revisit_days: float = 7, lookback: int = 0,
           failed: dict[str, str] | None = None) -> Recrawl:
    return Recrawl({v.url_key: v for v in visits}, {SITE} if incremental is None else incremental,
                   revisit_days, lookback, failed or {})


def skip(recrawl: Recrawl, url: str, kind: str, site: str = SITE) -> str | None:
    return recrawl.skip_reason(site, url, url_key(url), kind)


# --- skip_reason ----------------------------------------------------------------------------------

def test_page_that_led_to_no_article_is_left_alone_within_revisit_days() -> None:
    recrawl = policy(visit(ABOUT, "other", days_ago=2))
    assert skip(recrawl, ABOUT, "other") == "recently_visited"


def test_page_that_led_to_no_article_is_fetched_again_after_revisit_days() -> None:
    recrawl = policy(visit(ABOUT, "other", days_ago=8))
    assert skip(recrawl, ABOUT, "other") is None


def test_revisit_days_is_the_boundary() -> None:
    assert skip(policy(visit(ABOUT, "other", days_ago=2.9), revisit_days=3), ABOUT, "listing") == "recently_visited"
    assert skip(policy(visit(ABOUT, "other", days_ago=3.1), revisit_days=3), ABOUT, "listing") is None


def test_zero_revisit_days_revisits_everything() -> None:
    assert skip(policy(visit(ABOUT, "other", days_ago=0.01), revisit_days=0), ABOUT, "other") is None


def test_the_visit_is_found_by_url_key() -> None:
    """A link written with a tracking parameter or another host case is the page visited last time."""
    recrawl = policy(visit(ABOUT, "other", days_ago=1))
    variant = "https://HDND.quangninh.gov.vn/portal/Pages/Gioi-thieu.aspx?utm_source=fb#top"
    assert skip(recrawl, variant, "other") == "recently_visited"


@pytest.mark.parametrize("visit_kind", ["listing", "start", "feed", "sitemap", None])
def test_pages_that_were_not_other_are_reread(visit_kind: str | None) -> None:
    """Listings are where new articles appear: read every run, however recent the last visit."""
    recrawl = policy(visit(LISTING, visit_kind, days_ago=0.1))
    assert skip(recrawl, LISTING, "listing") is None


def test_unknown_page_is_fetched() -> None:
    assert skip(policy(visit(ABOUT, "other", days_ago=1)), LISTING, "other") is None


@pytest.mark.parametrize("kind", sorted(ALWAYS_REREAD))
def test_start_pages_feeds_and_sitemaps_are_reread_every_run(kind: str) -> None:
    recrawl = policy(visit(START, "other", days_ago=0.1))
    assert skip(recrawl, START, kind) is None


def test_a_usual_sitemap_the_site_lacks_is_not_asked_for_again_soon() -> None:
    recrawl = policy(visit(SITEMAP, "sitemap", days_ago=1, status=404))
    assert skip(recrawl, SITEMAP, "sitemap") == "missing_recently"
    assert skip(policy(visit(SITEMAP, "sitemap", days_ago=10, status=404)), SITEMAP, "sitemap") is None
    assert skip(policy(visit(SITEMAP, "sitemap", days_ago=1, status=200)), SITEMAP, "sitemap") is None


def test_url_the_last_run_gave_up_on_is_left_alone_within_revisit_days() -> None:
    dead = "https://hdnd.quangninh.gov.vn/portal/Pages/2020-1-1/Tin-cu-99.aspx"
    assert skip(policy(failed={dead: stamp(1)}), dead, "listing") == "failed_recently"
    assert skip(policy(failed={dead: stamp(1)}), dead, "start") == "failed_recently"
    assert skip(policy(failed={dead: stamp(9)}), dead, "listing") is None


def test_failed_urls_are_matched_as_written() -> None:
    """Failures are recorded by URL; another URL of the same key is not a failure."""
    dead = "https://hdnd.quangninh.gov.vn/portal/Pages/Tin-cu-99.aspx"
    assert skip(policy(failed={dead: stamp(1)}), dead + "?utm_source=x", "listing") is None


def test_unreadable_timestamps_count_as_old() -> None:
    """A visit whose time cannot be read is not a reason to skip."""
    broken = Visit(url_key(ABOUT), SITE, ABOUT, "other", "hôm qua", 200, None, None, 0, False)
    assert skip(Recrawl({broken.url_key: broken}, {SITE}, 7, 0), ABOUT, "other") is None
    assert skip(policy(failed={ABOUT: "not a date"}), ABOUT, "other") is None


def test_timestamps_with_an_offset_are_read() -> None:
    hanoi = (datetime.now(UTC) - timedelta(days=1)).astimezone().isoformat()
    recent = Visit(url_key(ABOUT), SITE, ABOUT, "other", hanoi, 200, None, None, 0, False)
    assert skip(Recrawl({recent.url_key: recent}, {SITE}, 7, 0), ABOUT, "other") == "recently_visited"


def test_site_whose_last_crawl_was_incomplete_is_crawled_in_full() -> None:
    """Not in ``incremental_sites``: nothing is skipped, not even recent failures."""
    recrawl = policy(visit(ABOUT, "other", days_ago=0.1), incremental=set(), failed={ABOUT: stamp(0.1)})
    assert skip(recrawl, ABOUT, "other") is None


def test_incremental_is_per_site() -> None:
    about_laocai = "https://hdnd.laocai.gov.vn/vi/about/"
    recrawl = policy(visit(ABOUT, "other", 1), visit(about_laocai, "other", 1, site=OTHER_SITE), incremental={SITE})
    assert skip(recrawl, ABOUT, "other", SITE) == "recently_visited"
    assert skip(recrawl, about_laocai, "other", OTHER_SITE) is None


# --- conditional_headers ----------------------------------------------------------------------------

def test_conditional_headers_from_stored_validators() -> None:
    recrawl = policy(visit(LISTING, "listing", 1, etag='W/"5f3a-1b2c"', last_modified="Wed, 26 Jun 2024 09:34:00 GMT",
                           has_body=True))
    assert recrawl.conditional_headers(url_key(LISTING)) == {
        "If-None-Match": 'W/"5f3a-1b2c"', "If-Modified-Since": "Wed, 26 Jun 2024 09:34:00 GMT"}


def test_conditional_headers_send_only_the_validators_there_are() -> None:
    etag_only = policy(visit(LISTING, "listing", 1, etag='"abc"', has_body=True))
    assert etag_only.conditional_headers(url_key(LISTING)) == {"If-None-Match": '"abc"'}
    date_only = policy(visit(LISTING, "listing", 1, last_modified="Wed, 26 Jun 2024 09:34:00 GMT", has_body=True))
    assert date_only.conditional_headers(url_key(LISTING)) == {"If-Modified-Since": "Wed, 26 Jun 2024 09:34:00 GMT"}


def test_no_conditional_headers_without_a_stored_body() -> None:
    """A 304 must be answerable from what we kept: no body, no validators sent."""
    recrawl = policy(visit(LISTING, "listing", 1, etag='"abc"', last_modified="Wed, 26 Jun 2024 09:34:00 GMT"))
    assert recrawl.conditional_headers(url_key(LISTING)) == {}


def test_no_conditional_headers_for_unknown_pages_or_without_validators() -> None:
    recrawl = policy(visit(LISTING, "listing", 1, has_body=True))
    assert recrawl.conditional_headers(url_key(LISTING)) == {}
    assert recrawl.conditional_headers(url_key(ABOUT)) == {}


# --- keep_paging ------------------------------------------------------------------------------------

def test_paging_stops_at_the_first_page_with_nothing_new_without_lookback() -> None:
    recrawl = policy(lookback=0)
    assert recrawl.keep_paging(SITE, 0, new_articles=4) == (True, 0)
    assert recrawl.keep_paging(SITE, 0, new_articles=0) == (False, 1)


def test_lookback_reads_that_many_pages_past_the_first_stale_one() -> None:
    recrawl = policy(lookback=2)
    stale, follows = 0, []
    for _ in range(4):  # pages 1..4 of a listing that brings nothing new
        follow, stale = recrawl.keep_paging(SITE, stale, new_articles=0)
        follows.append(follow)
    assert follows == [True, True, False, False]


def test_a_page_with_new_articles_resets_the_stale_count() -> None:
    recrawl = policy(lookback=1)
    assert recrawl.keep_paging(SITE, 1, new_articles=0) == (False, 2)
    assert recrawl.keep_paging(SITE, 5, new_articles=1) == (True, 0)


def test_incomplete_site_pages_to_the_end() -> None:
    """Paging always continues for a site crawled in full; the stale count is still kept."""
    recrawl = policy(incremental=set(), lookback=0)
    assert recrawl.keep_paging(SITE, 3, new_articles=0) == (True, 4)
