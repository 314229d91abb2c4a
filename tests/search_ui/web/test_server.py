"""The page behind the commands that serve it (`hdnd serve`, `hdnd demo`) and on Meilisearch: the same
page, and the browser never sees a key."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

pytest.importorskip("httpx")
with warnings.catch_warnings():   # Starlette 1.x prefers httpx2 for its TestClient; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from search_ui.web.app import create_app
from tests.search_corpus import BY_ID
from tests.webdata import WebData, briefing_docs, build, formula_doc

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> WebData:
    return build(tmp_path_factory.mktemp("web"), [formula_doc(), *briefing_docs()])


def total(html: str) -> int:
    m = re.search(r'id="tong-so">\s*<strong>([\d.]+)</strong>', html)
    return int(m.group(1).replace(".", "")) if m else 0


# --- Meilisearch behind the page: same page, and the browser never sees the key ----------------

def test_page_on_meilisearch_never_shows_the_key(tmp_path: Path) -> None:
    from indexer.meili.connection import Config
    from indexer.meili.engine import MeiliEngine
    from indexer.meili.records import to_record
    from indexer.snippets import POST, PRE
    from tests.meili_fake import FakeMeili

    key = "master-key-that-must-stay-on-the-server"
    fake = FakeMeili(key=key).start()
    try:
        engine = MeiliEngine("articles", Config(url=fake.url, api_key=key, http_timeout=5.0, task_timeout=5.0))
        doc = BY_ID["bg-ky-hop"]
        engine.upsert([doc])
        record = to_record(doc)
        marked = record["title"].replace("kỳ họp", f"{PRE}kỳ họp{POST}")
        fake.search_reply = {
            "hits": [{**record, "_formatted": {**record, "title": marked,
                                                "text": f"{PRE}Hội đồng{POST} <b>nhân dân</b>"}}],
            "totalHits": 1, "page": 1, "hitsPerPage": 20, "totalPages": 1,
            "facetDistribution": {"level": {"district": 1}, "province_current": {"Hải Phòng": 1},
                                  "province": {"Hải Dương": 1}, "site": {"hd-binhgiang": 1}, "year": {"2024": 1},
                                  "month": {"2024-06": 1}},
        }
        with TestClient(create_app(tmp_path, engine=engine)) as c:
            page = c.get("/", params={"q": "kỳ họp"})
            assert page.status_code == 200
            assert "<mark>kỳ họp</mark>" in page.text and "&lt;b&gt;nhân dân&lt;/b&gt;" in page.text
            assert "Hải Dương (nay Hải Phòng)" in page.text and "<svg" in page.text
            for path in ("/", "/?q=x", "/ket-qua?q=x", "/api/search?q=x", "/static/search.js", "/xuat?format=jsonl"):
                r = c.get(path)
                assert key not in r.text and key not in json.dumps(dict(r.headers)), path
    finally:
        fake.stop()


def test_engine_down_is_a_message_not_a_crash(tmp_path: Path) -> None:
    from indexer.model import EngineError

    class Down:
        name = "down"

        def search(self, query: object) -> object:
            raise EngineError("Không kết nối được Meilisearch tại http://127.0.0.1:9")

        def timeline(self, query: object) -> object:
            raise EngineError("down")

        def close(self) -> None:
            pass

    with TestClient(create_app(tmp_path, engine=Down())) as c:  # type: ignore[arg-type]
        r = c.get("/", params={"q": "hội"})
        assert r.status_code == 503 and "Không kết nối được Meilisearch" in r.text
        assert c.get("/api/search").status_code == 503
        assert c.get("/xuat", params={"format": "csv"}).status_code == 503


# --- the commands that serve it ---------------------------------------------------------------

def test_hdnd_serve_serves_the_page(data: WebData) -> None:
    import subprocess
    import sys
    import time
    import urllib.request

    from search_ui.web.server import free_port
    from tests.conftest import ROOT

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "search_ui.cli", "serve", "--data", str(data.data_dir),
                             "--port", str(port), "--engine", "embedded"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/?q=giao+ban", timeout=5) as r:
                    body = r.read().decode()
                    assert r.status == 200 and "giao ban" in body.lower()
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        busy = subprocess.run([sys.executable, "-m", "search_ui.cli", "serve", "--data", str(data.data_dir),
                               "--port", str(port)], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert busy.returncode == 1 and "chọn cổng khác" in busy.stderr
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in out


@pytest.mark.slow
def test_demo_crawls_indexes_and_the_page_shows_it(tmp_path: Path) -> None:
    from tests.conftest import run_hdnd

    target = tmp_path / "demo"
    done = run_hdnd(["demo", "--no-serve", "--data", str(target)], timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r"Chỉ mục:\s+(\d+) bài HĐND", done.stdout)
    assert found and int(found.group(1)) > 20
    with TestClient(create_app(target, "embedded")) as c:
        page = c.get("/", params={"q": "kỳ họp"})
        assert page.status_code == 200 and total(page.text) > 5
        first = re.search(r'href="(/bai/[0-9a-f]{16})"', page.text)
        assert first is not None
        article = c.get(first.group(1))
        assert article.status_code == 200 and "SHA-256" in article.text
        raw = c.get(first.group(1) + "/ban-luu")
        assert raw.status_code == 200 and raw.headers["content-security-policy"].startswith("sandbox")
