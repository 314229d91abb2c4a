"""``hdnd extract PAGE [--url URL] [--json]``: every field of the extraction, for a saved page."""

from __future__ import annotations

import json

from tests.conftest import run_hdnd
from tests.paths import FIXTURES

PAGE = FIXTURES / "generic" / "tintuc-article-html5.html"
FIELDS = {"title", "published", "published_source", "author", "author_unit", "lead", "text", "captions", "source",
          "cms", "hdnd", "hdnd_score", "hdnd_reasons", "status", "problem"}


def test_json_has_every_field() -> None:
    proc = run_hdnd(["extract", str(PAGE), "--url", "https://hdnd.example.vn/tin-tuc/giam-sat-1234.html", "--json"])
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) >= FIELDS
    assert data["title"] == "Thường trực HĐND tỉnh giám sát công tác bồi thường, giải phóng mặt bằng"
    assert (data["published"], data["published_source"]) == ("2024-03-14T15:20+07:00", "page")
    assert data["author"] == "Hoàng Anh" and data["captions"] and data["status"] == "ok"


def test_text_output_names_each_field() -> None:
    proc = run_hdnd(["extract", str(PAGE)])
    assert proc.returncode == 0, proc.stderr
    for name in ("title", "published", "published_source", "author", "lead", "text", "captions", "cms", "hdnd"):
        assert f"\n{name}:" in "\n" + proc.stdout


def test_missing_file_is_an_error() -> None:
    proc = run_hdnd(["extract", "/nonexistent/page.html"])
    assert proc.returncode == 1 and "extract" in proc.stderr
