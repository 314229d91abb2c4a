"""``python -m sampleweb [--port N]``: serve the sample web in the foreground.

Useful to look at the sites in a browser, or to point a crawler at them by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import threading

from sampleweb.web import SampleWeb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sampleweb", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="first port; the sites use N, N+1, ... (0: any)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="date the portals show (YYYY-MM-DD)")
    parser.add_argument("--registry", help="also write a registry of the sites to this file")
    parser.add_argument("--slow-seconds", type=float, default=1.5)
    parser.add_argument("--hang-seconds", type=float, default=20.0)
    args = parser.parse_args(argv)
    web = SampleWeb(host=args.host, port=args.port, today=args.today, slow_seconds=args.slow_seconds,
                    hang_seconds=args.hang_seconds)
    web.start()
    try:
        for site in web.sites:
            print(f"{site.base_url}/  {site.id:<13} {site.cms or 'none':<11} {site.name}", flush=True)
        if args.registry:
            print(f"registry written to {web.write_registry(args.registry)}", flush=True)
        print("Serving; press Ctrl-C to stop.", flush=True)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        web.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
