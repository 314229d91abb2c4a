"""A data directory for the web and export tests: the gold search corpus written into a real archive
(raw pages, extractions, sites, one syndicated copy, one non-HĐND article) and indexed from it with
the embedded engine, exactly as `hdnd crawl` + `hdnd index` would leave it."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from crawler.archive.store import Archive, RawPage, doc_id_for
from crawler.extract.model import Extracted
from crawler.lang import places
from crawler.registry import Site
from indexer.engines import DEFAULT_INDEX, open_engine
from indexer.model import Doc
from indexer.sync import state_path, sync_index
from tests.search_corpus import DOCS

FETCHED_AT = "2025-01-12T03:04:05Z"
COPY_URL = "https://baobacninh.example.vn/giam-sat-bhyt.html"
NOT_HDND_URL = "https://example.gov.vn/tin/thoi-tiet.html"
FORMULA_TITLE = "=HYPERLINK(\"http://evil.example\",\"bấm vào\") kỳ họp"
# Credited sources of republished articles: a name (with markup to be escaped) and a bare link.
SOURCES = {"bg-ky-hop": "Báo <b>Bắc Giang</b> điện tử", "syndicated": "https://baobacninh.example.vn/goc.html"}


@dataclass
class WebData:
    data_dir: Path
    ids: dict[str, str]          # corpus id ("html-text") -> archive doc id (16 hex digits)

    def id(self, corpus_id: str) -> str:
        return self.ids[corpus_id]


def page_html(doc: Doc) -> bytes:
    """A plausible raw page; the html-text article's page carries a live script, as hostile pages do."""
    script = "<script>window.parent.document.title='pwned';alert('archived')</script>" if doc.id == "html-text" else ""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in doc.text.split("\n") if p.strip())
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(doc.title)}</title>{script}</head>"
            f"<body><h1>{html.escape(doc.title)}</h1><div class='ArticleContent'>{body}</div>"
            f"<img src='https://tracker.example/pixel.gif'></body></html>").encode()


def _site(doc: Doc) -> Site:
    return Site(id=doc.site, name=doc.site_name, province=doc.province,
                province_current=places.current_of(doc.province) or doc.province_current, level=doc.level,
                start_urls=(f"https://{doc.site}.example.gov.vn/",))


def _store(archive: Archive, doc: Doc, hdnd: bool = True, source: str = "page") -> str:
    archive.upsert_site(_site(doc))
    page = RawPage(site=doc.site, url=doc.url, url_key=doc.url, final_url=doc.url, final_key=doc.url, status=200,
                   headers={"Content-Type": ["text/html; charset=utf-8"]}, body=page_html(doc), encoding="utf-8",
                   fetched_at=FETCHED_AT)
    extracted = Extracted(title=doc.title, published=doc.published, published_source=source, author=doc.author,
                          lead=doc.lead, text=doc.text, captions=list(doc.captions), hdnd=hdnd, hdnd_score=0.9,
                          source=SOURCES.get(doc.id, ""))
    archive.store_page(page, extracted)
    return doc_id_for(doc.url)


def build(data_dir: Path, extra: list[Doc] | None = None) -> WebData:
    """Archive and index the gold corpus (plus ``extra`` documents) under ``data_dir``."""
    archive = Archive.open(data_dir)
    ids: dict[str, str] = {}
    try:
        for doc in [*DOCS, *(extra or [])]:
            ids[doc.id] = _store(archive, doc)
        original = next(d for d in DOCS if d.id == "syndicated")
        copy = Doc(**{**original.as_dict(), "id": "syndicated-copy", "url": COPY_URL, "site": "bn-baobacninh",
                      "site_name": "Báo Bắc Ninh", "duplicates": [], "published": "2022-05-21"})
        ids["syndicated-copy"] = _store(archive, copy)
        with archive.transaction() as c:
            c.execute("UPDATE articles SET duplicate_of = ?, changed_at = ? WHERE doc_id = ?",
                      (ids["syndicated"], "2099-01-01T00:00:00Z", ids["syndicated-copy"]))
        weather = Doc(id="weather", url=NOT_HDND_URL, title="Dự báo thời tiết cuối tuần", lead="",
                      text="Trời nắng, nhiệt độ cao.", captions=[], published="2024-01-01", site="hd-binhgiang",
                      site_name="Cổng thông tin điện tử huyện Bình Giang", province="Hải Dương",
                      province_current="Hải Phòng", level="district")
        ids["weather"] = _store(archive, weather, hdnd=False)
        engine = open_engine("embedded", data_dir)
        try:
            sync_index(archive, engine, state_path(data_dir, engine.name, DEFAULT_INDEX), rebuild=True)
        finally:
            engine.close()
    finally:
        archive.close()
    return WebData(data_dir, ids)


def formula_doc() -> Doc:
    """An HĐND article whose title a spreadsheet would run as a formula."""
    return Doc(id="formula", url="https://example.gov.vn/tin/formula.html", title=FORMULA_TITLE, lead="",
               text="@SUM(1+1) đại biểu HĐND thảo luận.\n-2+3 kỳ họp", captions=[], published="2024-02-02",
               site="cb-hdnd", site_name="HĐND tỉnh Cao Bằng", province="Cao Bằng", province_current="Cao Bằng",
               level="province", author="+Nguyễn Văn A")


def briefing_docs(n: int = 25) -> list[Doc]:
    """``n`` monthly briefings of one provincial council: enough hits for a second page."""
    docs = []
    for i in range(n):
        year, month = 2020 + i // 12, i % 12 + 1
        docs.append(Doc(
            id=f"giao-ban-{i:02d}", url=f"https://hdnd.langson.example.gov.vn/tin/giao-ban-{i:02d}.html",
            title=f"Thường trực HĐND tỉnh giao ban tháng {month}/{year}",
            lead="Thường trực HĐND tỉnh Lạng Sơn tổ chức giao ban định kỳ.",
            text=f"Cuộc giao ban tháng {month} đánh giá kết quả giám sát và tiếp công dân.", captions=[],
            published=f"{year:04d}-{month:02d}-15", site="ls-hdnd", site_name="HĐND tỉnh Lạng Sơn",
            province="Lạng Sơn", province_current="Lạng Sơn", level="province", author="Minh Hà"))
    return docs
