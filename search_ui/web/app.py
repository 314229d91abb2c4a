"""The search page: a Starlette app rendering Jinja2 templates on the server.

Every page works without JavaScript; search.js only makes results follow the typing. Endpoints are
plain functions, which Starlette runs on its thread pool: the engines and SQLite are blocking. The
engine is opened once (the embedded one notices a rebuilt or updated index by itself); the archive
is opened read-only per request (see search_ui.web.articles).

Routes: ``/`` search, ``/ket-qua`` the results part of it (for search-as-you-type),
``/bai/<id>`` an article, ``/bai/<id>/ban-luu`` its page as fetched, ``/xuat`` export,
``/api/search`` JSON, ``/static/…``.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from indexer.engines import open_engine
from indexer.model import SearchEngine
from search_ui import formatting
from search_ui.exports import EXPORT_MAX_ROWS
from search_ui.web import downloads
from search_ui.web.articles import DOC_ID_RE, ArchiveReader
from search_ui.web.security import ARCHIVED_CSP, SecurityHeaders
from search_ui.web.views import SORT_NAMES, api_payload, province_names, search_view

HERE = Path(__file__).resolve().parent


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,                       # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    env.globals.update(
        vn_date=formatting.vn_date, vn_time=formatting.vn_time, place=formatting.place,
        level_name=formatting.level_name, date_sources=formatting.DATE_SOURCES, sort_names=SORT_NAMES,
        province_names=province_names(), export_max=f"{EXPORT_MAX_ROWS:,}".replace(",", "."),
        levels=formatting.LEVEL_NAMES, export_cap=EXPORT_MAX_ROWS,
    )
    env.filters["href"] = safe_href
    return env


def safe_href(url: str | None) -> str:
    """A scraped URL for an href: only http(s), so a stored ``javascript:`` link can never run."""
    text = (url or "").strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    return text if scheme in ("http", "https") else "#"


class Web:
    """The app's shared parts: templates, the engine, the archive reader."""

    def __init__(self, data_dir: str | Path, engine: SearchEngine) -> None:
        self.env = _environment()
        self.engine = engine
        self.reader = ArchiveReader(data_dir)

    def page(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(name).render(**context), status_code=status)

    def message(self, title: str, text: str, status: int) -> HTMLResponse:
        return self.page("message.html", status, title=title, text=text)

    # --- endpoints ------------------------------------------------------------------------------

    def search(self, request: Request) -> Response:
        view = search_view(self.engine, request.query_params, self.reader.site_names)
        return self.page("search.html", view.status, view=view, site_names=self.reader.site_names())

    def results(self, request: Request) -> Response:
        view = search_view(self.engine, request.query_params, self.reader.site_names)
        return self.page("results.html", view.status, view=view)

    def api_search(self, request: Request) -> Response:
        status, payload = api_payload(self.engine, request.query_params)
        return JSONResponse(payload, status_code=status, headers={"Cache-Control": "no-store"})

    def article(self, request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        if not DOC_ID_RE.fullmatch(doc_id):
            return self.message("Mã bài không hợp lệ", "Mã bài gồm 16 chữ số thập lục phân.", 404)
        art = self.reader.article(doc_id)
        if art is None:
            return self.message("Không có bài này", "Kho lưu trữ không có bài với mã này.", 404)
        cite = formatting.citation(art.title, art.site_name, art.published, art.url, art.fetched_at)
        return self.page("article.html", art=art, citation=cite)

    def archived(self, request: Request) -> Response:
        raw = self.reader.raw_page(request.path_params["doc_id"])
        if raw is None:
            return self.message("Không có bản lưu", "Kho lưu trữ không có trang gốc của bài này.", 404)
        body, charset = raw
        return Response(body, media_type=f"text/html; charset={charset}", headers={
            "Content-Security-Policy": ARCHIVED_CSP, "X-Frame-Options": "SAMEORIGIN",
            "Cache-Control": "private, max-age=3600", "Cross-Origin-Resource-Policy": "same-origin",
        })

    def export(self, request: Request) -> Response:
        return downloads.export(self, request)


def create_app(data_dir: str | Path, engine_kind: str | None = None, engine: SearchEngine | None = None) -> Starlette:
    """The web app over the index in ``data_dir`` (or the given engine) and its archive."""
    web = Web(data_dir, engine or open_engine(engine_kind, data_dir))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        web.engine.close()

    async def not_found(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "không tìm thấy" if status == 404 else "lỗi"}, status_code=status)
        if status == 404:
            return web.message("Không tìm thấy trang", "Địa chỉ này không có trên Kho tin HĐND.", 404)
        if status == 405:
            return web.message("Phương thức không được hỗ trợ", "Trang này chỉ đọc (GET).", 405)
        return web.message("Lỗi", "Yêu cầu không xử lý được.", status)

    async def server_error(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            return Response(json.dumps({"error": "lỗi máy chủ"}), 500, media_type="application/json")
        return web.message("Lỗi máy chủ", "Đã có lỗi khi xử lý yêu cầu. Vui lòng thử lại.", 500)

    routes = [
        Route("/", web.search, methods=["GET"]),
        Route("/ket-qua", web.results, methods=["GET"]),
        Route("/api/search", web.api_search, methods=["GET"]),
        Route("/xuat", web.export, methods=["GET"]),
        Route("/bai/{doc_id}", web.article, methods=["GET"]),
        Route("/bai/{doc_id}/ban-luu", web.archived, methods=["GET"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)], lifespan=lifespan,
                    exception_handlers={HTTPException: not_found, 500: server_error})
    app.state.web = web
    return app
