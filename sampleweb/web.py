"""The sample web: the eight portals, each on its own port, plus what the tests need to judge a crawl.

``registry_toml`` deliberately gives only the homepage of each site: the crawler has to discover
listings, pagination, feeds and sitemaps on its own, as it must on real sites.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from sampleweb.cms import FAMILIES
from sampleweb.corpus import Article, load_corpus
from sampleweb.gold import GoldPage
from sampleweb.server import LoggedRequest, RequestLog, SiteServer
from sampleweb.site import PortalSite, SiteOptions
from sampleweb.sites import SITES


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def registry_text(entries: Iterable[tuple[str, str, str, str, str]]) -> str:
    """A registry of (id, name, province, level, start URL) rows in crawler/registry/__init__.py's format."""
    blocks = []
    for site_id, name, province, level, url in entries:
        blocks.append("\n".join([
            "[[site]]",
            f"id = {_toml_str(site_id)}",
            f"name = {_toml_str(name)}",
            f"province = {_toml_str(province)}",
            f"level = {_toml_str(level)}",
            f"start_urls = [{_toml_str(url)}]",
        ]))
    return "# Sample web registry: homepages only; everything else must be discovered.\n\n" + \
        "\n\n".join(blocks) + "\n"


class SampleWeb:
    """Eight realistic portals served on 127.0.0.1 (see the package docstring)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, slow_seconds: float = 1.5,
                 hang_seconds: float = 20.0, today: dt.date | None = None,
                 hold_back: Sequence[str] = (), articles: Sequence[Article] | None = None,
                 corpus_dir: str | Path | None = None) -> None:
        self.host = host
        self.port = port
        corpus = list(articles) if articles is not None else load_corpus(corpus_dir)
        self.articles = corpus
        known = {a.id for a in corpus}
        unknown = sorted(set(hold_back) - known)
        if unknown:
            raise ValueError(f"hold_back names unknown articles: {', '.join(unknown)}")
        options = SiteOptions(today=today or dt.date.today(), slow_seconds=slow_seconds,
                              hang_seconds=hang_seconds, hold_back=frozenset(hold_back))
        self.sites: list[PortalSite] = [FAMILIES[spec.cms](spec, corpus, options) for spec in SITES]
        self._log = RequestLog()
        self._log_since = 0.0
        self._stopping = threading.Event()
        self._servers: list[SiteServer] = []

    # --- life cycle ------------------------------------------------------------------------

    def start(self) -> SampleWeb:
        if self._servers:
            return self
        self._stopping.clear()
        try:
            for n, site in enumerate(self.sites):
                port = 0 if self.port == 0 else self.port + n
                server = SiteServer(site.id, site.handle, self.host, port, self._log, self._stopping,
                                    site.server_name)
                site.base_url = server.base_url
                self._servers.append(server)
            for server in self._servers:
                server.start()
        except OSError:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        self._stopping.set()        # wakes slow and hanging handlers at once
        stoppers = [threading.Thread(target=s.stop) for s in self._servers]   # each waits one poll
        for t in stoppers:
            t.start()
        for t in stoppers:
            t.join()
        self._servers = []

    def __enter__(self) -> SampleWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- what tests and the demo need -------------------------------------------------------

    def site(self, site_id: str) -> PortalSite:
        for site in self.sites:
            if site.id == site_id:
                return site
        raise KeyError(site_id)

    def registry_toml(self) -> str:
        self._need_started()
        return registry_text((s.id, s.name, s.province, s.level, s.base_url + "/") for s in self.sites)

    def write_registry(self, path: str | Path) -> Path:
        out = Path(path)
        out.write_text(self.registry_toml(), "utf-8")
        return out

    @property
    def request_log(self) -> list[LoggedRequest]:
        """Requests that arrived since the last ``clear_log`` (a slow answer to an older request,
        logged when it completes, is not counted again)."""
        return [r for r in self._log.snapshot() if r.time >= self._log_since]

    def clear_log(self) -> None:
        self._log.clear()
        self._log_since = time.time()

    def gold(self) -> dict[str, GoldPage]:
        self._need_started()
        out: dict[str, GoldPage] = {}
        for site in self.sites:
            out.update(site.gold())
        return out

    def publish(self, article_id: str) -> list[str]:
        """Release a held-back article on every site that has it; returns those site ids."""
        done = [s.id for s in self.sites if s.publish(article_id)]
        if not done and not any(article_id in s.by_id for s in self.sites):
            raise KeyError(f"no article {article_id!r} in the sample web")
        return done

    def _need_started(self) -> None:
        if not self._servers:
            raise RuntimeError("start() the sample web first: its URLs depend on the ports it gets")
