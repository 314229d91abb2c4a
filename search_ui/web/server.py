"""Running the search page with uvicorn: in the foreground (``hdnd serve``, ``hdnd demo``) or in a
background thread (browser tests, the benchmark)."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import uvicorn

# A 5,000-character Vietnamese query is about 45 KB once percent-encoded: h11's default limit on
# the request head (16 KB) would answer it with a bare 400 instead of the normal page.
MAX_REQUEST_HEAD = 256 * 1024


def config(app: Any, host: str, port: int, log_level: str = "warning") -> uvicorn.Config:
    import uvicorn  # here, not at the top: every `hdnd` command imports this module for PortBusy

    return uvicorn.Config(app, host=host, port=port, log_level=log_level, access_log=False,
                          h11_max_incomplete_event_size=MAX_REQUEST_HEAD, server_header=False,
                          timeout_graceful_shutdown=3)


class PortBusy(RuntimeError):
    """The port is taken; the message says so in Vietnamese."""


def check_port(host: str, port: int) -> None:
    """Fail before a long crawl (``hdnd demo``) or startup, not after, when the port is taken."""
    try:
        with socket.socket() as sock:
            sock.bind((host, port))
    except OSError as exc:
        raise PortBusy(f"không mở được cổng {port} trên {host} ({exc.strerror}): chọn cổng khác với --port") from None


def serve(data_dir: str | Path, host: str = "127.0.0.1", port: int = 8000, engine_kind: str | None = None,
          announce: bool = True) -> None:
    """Serve until interrupted (Ctrl-C)."""
    from search_ui.web.app import create_app

    check_port(host, port)
    app = create_app(data_dir, engine_kind)
    if announce:
        shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
        print(f"Trang tìm kiếm: http://{shown}:{port}/  (Ctrl-C để dừng)", flush=True)
    import uvicorn

    uvicorn.Server(config(app, host, port)).run()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class BackgroundServer:
    """uvicorn in a daemon thread on 127.0.0.1 and a free port; ``url`` once started."""

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int | None = None) -> None:
        self.host = host
        self.port = port or free_port(host)
        import uvicorn

        self.server = uvicorn.Server(config(app, self.host, self.port))
        self.thread = threading.Thread(target=self.server.run, name="hdnd-web", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 15.0) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the web server did not start on {self.url}")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
