"""The search page in a real headless Chromium (Debian's package, driven by Playwright; no browser
download): what a journalist does, click by click, and that a hostile article stays text."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.webdata import WebData, briefing_docs, build

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package (scripts/test.sh does) to run the "
                "browser tests", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> WebData:
    return build(tmp_path_factory.mktemp("browser"), briefing_docs())


@pytest.fixture(scope="module")
def server(data: WebData) -> Iterator[str]:
    from search_ui.web.app import create_app
    from search_ui.web.server import BackgroundServer

    srv = BackgroundServer(create_app(data.data_dir, "embedded")).start()
    try:
        yield srv.url
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="vi-VN")
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    pg.dialogs = []
    pg.csp_errors = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("console", lambda m: pg.csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        yield pg
    finally:
        context.close()


def shot(page: Any, name: str) -> None:
    """Screenshots for a person to look at, when HDND_SCREENSHOTS names a directory."""
    import os

    target = os.environ.get("HDND_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(target) / f"{name}.png"), full_page=True)


def test_search_from_the_box(page: Any, server: str) -> None:
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.fill("#q", "ky hop thu 10")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=ky\+hop\+thu\+10"))
    first = page.locator("li.hit").first
    assert "kỳ họp thứ 10" in first.locator("mark").first.inner_text()
    assert page.locator("#tong-so strong").inner_text().isdigit()
    assert page.locator("svg.chart rect.bar").count() >= 1
    shot(page, "search")
    assert page.csp_errors == []


def test_search_as_you_type(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.locator("#q").press_sequentially("giam sat", delay=40)
    page.locator("#ket-qua mark").first.wait_for()
    page.wait_for_url(re.compile(r"q=giam\+sat"))       # the URL follows, so the search can be shared
    assert "giám sát" in page.locator("#ket-qua mark").first.inner_text().lower()
    page.reload()                                        # and reloading shows the same search
    assert page.locator("#q").input_value() == "giam sat"
    assert page.locator("#ket-qua mark").count() > 0


def test_filter_by_facet_and_by_form(page: Any, server: str) -> None:
    page.goto(server + "/?q=k%E1%BB%B3+h%E1%BB%8Dp")
    before = int(page.locator("#tong-so strong").inner_text().replace(".", ""))
    page.locator("#facet-level a", has_text="Cấp tỉnh").click()
    page.wait_for_url(re.compile(r"level=province"))
    after = int(page.locator("#tong-so strong").inner_text().replace(".", ""))
    assert 0 < after < before
    assert page.locator(".chips").inner_text().count("Cấp tỉnh") == 1
    page.fill("#province", "thai nguyen")
    page.fill("#q", "")
    page.select_option("select[name=level]", "")
    page.locator("form.search button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"province=thai\+nguyen"))
    assert page.locator("#tong-so strong").inner_text() == "3"
    assert "Bắc Kạn (cũ)" in page.locator("#facet-province").inner_text()


def test_paginate(page: Any, server: str) -> None:
    page.goto(server + "/?q=giao+ban&site=ls-hdnd")
    assert "đang xem 1–20" in page.locator("#tong-so").inner_text()
    page.locator("nav.pages a[rel=next]").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert "đang xem 21–25" in page.locator("#tong-so").inner_text()
    assert page.locator("ol.hits").get_attribute("start") == "21"
    assert "site=ls-hdnd" in page.url


def test_open_an_article_and_its_citation(page: Any, server: str) -> None:
    page.goto(server + "/?q=b%E1%BA%A3o+hi%E1%BB%83m+y+t%E1%BA%BF")
    page.locator("li.hit a.title").first.click()
    page.wait_for_url(re.compile(r"/bai/[0-9a-f]{16}$"))
    assert page.locator("h1").inner_text() == "Giám sát việc thực hiện chính sách bảo hiểm y tế"
    assert "Báo Bắc Ninh" in page.locator("#cac-ban-khac").inner_text()
    citation = page.locator("#trich-dan").input_value()
    assert citation.startswith("“Giám sát việc thực hiện") and "(truy cập ngày 12/01/2025)." in citation
    assert page.locator("button.copy").is_visible()      # the script un-hid it
    frame = page.frame_locator("iframe[sandbox]")
    assert "bảo hiểm y tế" in frame.locator("h1").inner_text()
    shot(page, "article")
    # the only violation: the archived page's tracking pixel, blocked so the source site never hears of it
    assert all("tracker.example" in e for e in page.csp_errors)


def test_export_downloads_the_whole_result_set(page: Any, server: str) -> None:
    page.goto(server + "/?q=giao+ban&site=ls-hdnd&page=2")
    with page.expect_download() as info:
        page.locator("form.export button[value=csv]").click()
    download = info.value
    assert download.suggested_filename.startswith("tin-hdnd-") and download.suggested_filename.endswith(".csv")
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"))))
    assert rows[0][0] == "Tiêu đề" and len(rows) == 26       # all 25, not the 5 on page 2
    page.locator("form.export input[value=full]").check()
    with page.expect_download() as info:
        page.locator("form.export button[value=xlsx]").click()
    xlsx = Path(info.value.path()).read_bytes()
    assert xlsx.startswith(b"PK")


def test_script_in_an_article_stays_text(page: Any, server: str, data: WebData) -> None:
    page.goto(server + "/?q=m%C3%A3+%C4%91%E1%BB%99c")
    assert "<script>" in page.locator("li.hit a.title").first.inner_text()
    page.goto(f"{server}/bai/{data.id('html-text')}")
    assert page.locator("h1").inner_text() == "Cảnh báo mã độc trong văn bản <script>"
    assert "<script>alert(1)</script>" in page.locator("#van-ban").inner_text()
    # the archived copy holds a live script that would alert and retitle its parent: it must do neither
    page.frame_locator("iframe[sandbox]").locator("h1").wait_for()
    page.wait_for_timeout(500)
    assert page.dialogs == [] and page.title() != "pwned"
    page.goto(f"{server}/bai/{data.id('html-text')}/ban-luu")   # opened on its own, still sandboxed
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.evaluate("() => { try { return window.origin } catch (e) { return 'blocked' } }") in ("null", "blocked")


def test_hostile_query_in_the_browser(page: Any, server: str) -> None:
    from urllib.parse import quote

    response = page.goto(server + "/?q=" + "%22%3Cscript%3Ealert(1)%3C%2Fscript%3E" + "a" * 4000)
    assert response.status == 200 and page.locator("form.search").count() == 1
    assert page.dialogs == []
    # 6,000 Vietnamese characters are about 20 KB percent-encoded: more than h11's default request head
    response = page.goto(server + "/?q=" + quote("hội đồng " * 700))
    assert response.status == 200
    assert "Câu tìm kiếm quá dài" in page.locator(".notice").first.inner_text()


def test_chromium_is_debian_s(browser: Any) -> None:
    assert shutil.which("chromium") or CHROMIUM.exists()
    assert browser.version
