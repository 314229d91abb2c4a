"""failure_reason: the few stable words a failed fetch is logged and archived under, from twisted
Failure objects built in memory."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy import exceptions as scrapy_errors
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as tx_errors
from twisted.python.failure import Failure

from crawler.crawl.failures import failure_reason


def _http_error(status: int) -> Failure:
    request = Request("http://alpha.example.vn/tin-tuc/bai-1.html")
    response = HtmlResponse(request.url, status=status, body=b"<html>loi</html>", request=request)
    return Failure(HttpError(response, f"Ignoring non-200 response ({status})"))


@pytest.mark.parametrize("status", [403, 404, 410, 500, 503])
def test_http_error_gives_its_status(status: int) -> None:
    """A filtered non-2xx response gives "http <status>" and the status itself."""
    assert failure_reason(_http_error(status)) == (f"http {status}", status)


@pytest.mark.parametrize(("exc", "reason"), [
    (scrapy_errors.DownloadTimeoutError("took longer than 60.0 seconds"), "timeout"),
    (tx_errors.TimeoutError("User timeout caused connection failure."), "timeout"),
    (tx_errors.TCPTimedOutError(), "timeout"),
    (scrapy_errors.CannotResolveHostError("alpha.example.vn"), "dns"),
    (tx_errors.DNSLookupError("alpha.example.vn"), "dns"),
    (scrapy_errors.DownloadConnectionRefusedError(), "connection refused"),
    (tx_errors.ConnectionRefusedError(), "connection refused"),
    (scrapy_errors.DownloadCancelledError("over DOWNLOAD_MAXSIZE"), "too large"),
    (scrapy_errors.ResponseDataLossError(), "truncated"),
    (scrapy_errors.DownloadFailedError("[<twisted.python.failure.Failure ConnectionLost>]"), "connection lost"),
    (tx_errors.ConnectionLost(), "connection lost"),
    (tx_errors.ConnectionDone(), "connection lost"),
])
def test_network_failures_get_stable_reasons(exc: Exception, reason: str) -> None:
    """Timeouts, DNS errors, refused connections, oversized and truncated downloads, connections the
    server dropped (Scrapy's own exceptions and Twisted's) each give one stable reason and no status."""
    assert failure_reason(Failure(exc)) == (reason, None)


@pytest.mark.parametrize("exc", [ValueError("bad"), tx_errors.SSLError(), scrapy_errors.UnsupportedURLSchemeError()])
def test_other_failures_are_named_by_their_type(exc: Exception) -> None:
    """Anything else is reported by its exception's class name, without a status."""
    assert failure_reason(Failure(exc)) == (type(exc).__name__, None)


def test_http_error_is_not_taken_for_another_ignore_request() -> None:
    """HttpError is an IgnoreRequest; a plain IgnoreRequest is reported by its own name, with no status."""
    assert failure_reason(Failure(scrapy_errors.IgnoreRequest("robots.txt"))) == ("IgnoreRequest", None)
    assert failure_reason(_http_error(404))[0] == "http 404"
