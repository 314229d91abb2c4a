"""One threaded HTTP server per site, and the log of every request they receive.

Each site gets its own origin (port) because that is what the crawler sees in the wild: separate
hosts with separate robots.txt files and politeness budgets. HTTP/1.1 keep-alive is on, as with
real servers, so a benchmark measures the crawler and not connection set-up.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from sampleweb.wire import Request, Response

Handler = Callable[[Request], Response]


@dataclass(frozen=True)
class LoggedRequest:
    """One request as the server saw it; ``time`` is when it arrived (time.time())."""

    site: str
    method: str
    path: str                 # path with query
    status: int
    time: float
    headers: dict[str, str]


class RequestLog:
    """A list shared by the server threads; readers get a snapshot."""

    def __init__(self) -> None:
        self._items: list[LoggedRequest] = []
        self._lock = threading.Lock()

    def append(self, item: LoggedRequest) -> None:
        with self._lock:
            self._items.append(item)

    def snapshot(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def _make_handler(site_id: str, handle: Handler, log: RequestLog, stopping: threading.Event,
                  server_name: str) -> type[BaseHTTPRequestHandler]:
    class SiteRequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True      # headers and body go out in two writes: no 40 ms stalls
        timeout = 60                        # idle keep-alive connections do not hold a thread forever
        server_version = server_name
        sys_version = ""

        def log_message(self, format: str, *args: object) -> None:
            """Silence the per-request stderr line; the request log is the record."""

        def _serve(self) -> None:
            arrived = time.time()
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length > 0 else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            req = Request(self.command, parts.path or "/", parts.query, headers, body)
            try:
                resp = handle(req)
            except Exception:  # a bug in a page must not kill the server: answer 500 and say why
                traceback.print_exc(file=sys.stderr)
                resp = Response(500, b"<h1>Internal Server Error</h1>", [("Content-Type", "text/html")])
            if resp.delay > 0:
                stopping.wait(resp.delay)
            log.append(LoggedRequest(site_id, self.command, self.path, resp.status, arrived,
                                     {k: v for k, v in self.headers.items()}))
            try:
                self.send_response(resp.status)
                for key, value in resp.headers:
                    self.send_header(key, value)
                no_body = self.command == "HEAD" or resp.status in (204, 304)
                if resp.status not in (204, 304):
                    self.send_header("Content-Length", str(len(resp.body)))
                self.end_headers()
                if not no_body:
                    self.wfile.write(resp.body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        do_GET = _serve
        do_HEAD = _serve
        do_POST = _serve

    return SiteRequestHandler


class SiteServer:
    """Serves one site on ``host:port`` (0: any free port) from a daemon thread."""

    def __init__(self, site_id: str, handle: Handler, host: str, port: int, log: RequestLog,
                 stopping: threading.Event, server_name: str = "Microsoft-IIS/8.5") -> None:
        handler = _make_handler(site_id, handle, log, stopping, server_name)
        self._httpd = _Server((host, port), handler)
        self.host = host
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"sampleweb-{site_id}", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
