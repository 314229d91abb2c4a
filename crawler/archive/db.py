"""Opening the archive database: WAL mode, foreign keys, and migrations to the current schema.

WAL lets the search page and ``sqlite3``/Datasette read while a crawl writes. ``synchronous=NORMAL``
in WAL mode never corrupts the database; a power cut may lose the last commits but a killed process
loses nothing that was committed, which is the failure a crawler meets.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from crawler.archive.schema import MIGRATIONS

ARCHIVE_FILE = "archive.sqlite3"


class ArchiveError(RuntimeError):
    """The archive cannot be opened or is newer than this program."""


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data DIR``, else ``$HDND_DATA``, else ``./data``: the one place this default is decided
    (the crawl's HDND_DATA_DIR setting, the commands and the scheduler all ask here)."""
    return Path(explicit or os.environ.get("HDND_DATA") or "data")


def archive_path(directory: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(directory) / ARCHIVE_FILE


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date; returns the version reached."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise ArchiveError(
            f"archive schema version {version} is newer than this program knows ({len(MIGRATIONS)}); upgrade hdnd"
        )
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        # executescript commits first; wrap the migration and its version bump in one transaction
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
    return len(MIGRATIONS)


def connect(path: str | os.PathLike[str], readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the archive at ``path``."""
    path = Path(path)
    if readonly:
        if not path.exists():
            raise ArchiveError(f"no archive at {path} (run `hdnd crawl` first, or pass --data DIR)")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    if not readonly:
        migrate(conn)
    else:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != len(MIGRATIONS):
            conn.close()
            raise ArchiveError(f"archive at {path} has schema {version}, expected {len(MIGRATIONS)}: "
                               "open it once read-write (any hdnd command that writes) to migrate")
    return conn
