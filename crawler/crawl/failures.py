"""Why a fetch failed, in a few stable words: what the log, the archive and `hdnd status` show."""

from __future__ import annotations

from scrapy import exceptions as scrapy_errors
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionDone, ConnectionLost, DNSLookupError, TCPTimedOutError, TimeoutError
from twisted.internet.error import ConnectionRefusedError as TxConnectionRefused
from twisted.python.failure import Failure
from twisted.web.client import ResponseFailed


def failure_reason(failure: Failure) -> tuple[str, int | None]:
    """A short, stable reason for a failed fetch ("http 404", "timeout", "dns", ...)."""
    if failure.check(HttpError):
        status = failure.value.response.status
        return f"http {status}", status
    if failure.check(scrapy_errors.DownloadTimeoutError, TimeoutError, TCPTimedOutError):
        return "timeout", None
    if failure.check(scrapy_errors.CannotResolveHostError, DNSLookupError):
        return "dns", None
    if failure.check(scrapy_errors.DownloadConnectionRefusedError, TxConnectionRefused):
        return "connection refused", None
    if failure.check(scrapy_errors.DownloadCancelledError):
        return "too large", None
    if failure.check(scrapy_errors.ResponseDataLossError):
        return "truncated", None
    # the server closed the connection before a whole response (Scrapy wraps Twisted's ResponseFailed)
    if failure.check(scrapy_errors.DownloadFailedError, ResponseFailed, ConnectionLost, ConnectionDone):
        return "connection lost", None
    return failure.type.__name__, None
