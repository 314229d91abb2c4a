"""Reading a page of the sample web as the crawler would, for the tests and benchmarks that need
the page itself rather than a crawl."""

from __future__ import annotations

import time
import urllib.error
import urllib.request


def fetch_page(url: str, attempts: int = 5) -> tuple[bytes, dict[str, list[str]]]:
    """Body and headers (``{name: [value]}``, as the archive keeps them) of one page, with the
    crawler's patience: the sample web answers some pages 503 once, as overloaded portals do."""
    for attempt in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=30) as resp:
                return resp.read(), {k: [v] for k, v in resp.headers.items()}
        except urllib.error.HTTPError as err:
            if err.code != 503 or attempt == attempts - 1:
                raise
            time.sleep(float(err.headers.get("Retry-After") or 1))
    raise AssertionError("unreachable: the last attempt returns or raises")
