"""Shared fixtures: the sample web on 127.0.0.1 and a runner for the ``hdnd`` command.

Crawls run in a subprocess (Scrapy's reactor runs once per process) against the sample web served by
threads of the test process, so tests can read the server's own request log.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests import sampleweb_support

ROOT = Path(__file__).resolve().parent.parent

# Local sites need no politeness delay; short timeouts keep the deliberately hung page cheap.
FAST_CRAWL = (
    "-s", "AUTOTHROTTLE_ENABLED=False",
    "-s", "DOWNLOAD_DELAY=0",
    "-s", "DOWNLOAD_TIMEOUT=2",
    "-s", "RETRY_TIMES=2",
    "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4",
)


def run_hdnd(args: Sequence[str], *, timeout: float = 300, cwd: Path | None = None,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``hdnd ARGS`` in a fresh interpreter and return what it printed and its exit code."""
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "search_ui.cli", *args],
        capture_output=True, text=True, timeout=timeout, cwd=cwd or ROOT, env=full_env, check=False,
    )


@pytest.fixture(scope="module")
def sample_web() -> Iterator[object]:
    """The eight sample portals, started once per test module."""
    from sampleweb import SampleWeb

    web = SampleWeb(slow_seconds=1.0, hang_seconds=5.0)
    web.start()
    try:
        yield web
    finally:
        web.stop()


# The sample web on fixed settings for its own tests (tests/test_sampleweb*.py): a fixed "today",
# short slow and hanging pages.
def _fixed_web(hold_back: tuple[str, ...] = ()) -> object:
    from sampleweb import SampleWeb

    return SampleWeb(today=sampleweb_support.TODAY, slow_seconds=sampleweb_support.SLOW,
                     hang_seconds=sampleweb_support.HANG, hold_back=hold_back).start()


@pytest.fixture(scope="module")
def web() -> Iterator[object]:
    sample = _fixed_web()
    yield sample
    sample.stop()  # type: ignore[attr-defined]


@pytest.fixture()
def fresh() -> Iterator[object]:
    """A web of its own, for first-request-in-the-server's-life and publish() behaviour."""
    sample = _fixed_web((sampleweb_support.held_candidate(),))
    yield sample
    sample.stop()  # type: ignore[attr-defined]
