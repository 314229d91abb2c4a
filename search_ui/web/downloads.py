"""``/xuat``: a search's results as a file (CSV, XLSX, JSON Lines), streamed as it is written."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from indexer.model import EngineError
from indexer.params import ParamError
from search_ui.exports import FORMATS, MEDIA_TYPES, TEXT_MODES, ExportJob, export_chunks
from search_ui.web.views import read_state, to_query

if TYPE_CHECKING:
    from search_ui.web.app import Web


def export(web: Web, request: Request) -> Response:
    params = request.query_params
    fmt, text = params.get("format", "csv"), params.get("text", "snippet")
    if fmt not in FORMATS:
        return web.message("Định dạng không hợp lệ", "Chọn csv, xlsx hoặc jsonl.", 400)
    if text not in TEXT_MODES:
        return web.message("Tham số không hợp lệ", "text phải là snippet (trích đoạn) hoặc full (toàn văn).", 400)
    try:
        query = to_query(read_state(params))
        web.engine.search(replace(query, limit=1, offset=0, facets=False))   # fail before the download starts
    except ParamError as exc:
        return web.message("Tham số không hợp lệ", str(exc), 400)
    except EngineError as exc:
        return web.message("Máy tìm kiếm không trả lời", str(exc), 503)
    job = ExportJob(web.engine, query, web.reader, text)
    name = f"tin-hdnd-{datetime.now().strftime('%Y%m%d-%H%M')}.{fmt}"
    return StreamingResponse(export_chunks(job, fmt), media_type=MEDIA_TYPES[fmt], headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store",
    })
