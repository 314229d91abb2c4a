"""Logging for long-running commands: structured (one JSON object or one key=value line per event)
and quiet by default; ``-v`` shows more."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

# attributes every LogRecord has; anything else came from ``extra=`` and is part of the event
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


def _fields(record: logging.LogRecord) -> dict[str, object]:
    return {k: v for k, v in vars(record).items() if k not in _STANDARD}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        event = {"ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="seconds"),
                 "level": record.levelname.lower(), "logger": record.name, "msg": record.getMessage(),
                 **_fields(record)}
        return json.dumps(event, ensure_ascii=False, default=str)


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        stamp = datetime.fromtimestamp(record.created).strftime("%Y-%m-%d %H:%M:%S")
        pairs = " ".join(f"{k}={json.dumps(v, ensure_ascii=False, default=str)}" for k, v in _fields(record).items())
        return f"{stamp} {record.levelname.lower():7} {record.getMessage()}" + (f" {pairs}" if pairs else "")


def configure(verbosity: int, fmt: str = "text") -> None:
    """hdnd's own events at INFO (WARNING with no -v is too quiet for a scheduler's one line per
    cycle, so events are INFO; library chatter stays at WARNING unless -vv)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else KeyValueFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbosity >= 2 else logging.WARNING)
    logging.getLogger("hdnd").setLevel(logging.DEBUG if verbosity >= 1 else logging.INFO)
    logging.getLogger("apscheduler").setLevel(logging.INFO if verbosity >= 1 else logging.WARNING)
