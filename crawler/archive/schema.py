"""The archive's schema, as an ordered list of migrations.

``PRAGMA user_version`` records how many have run; each migration runs in its own transaction, so a
crash mid-upgrade leaves the previous version intact. Never edit a migration that has shipped:
append a new one.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: sites, raw pages (the evidence), extraction results, fetch errors, runs.
    """
    CREATE TABLE sites (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        province TEXT NOT NULL,
        province_current TEXT NOT NULL,
        level TEXT NOT NULL,
        cms TEXT,
        registry TEXT NOT NULL,            -- the site's registry entry as JSON, as last crawled
        updated_at TEXT NOT NULL
    );
    CREATE TABLE pages (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL,                 -- the URL requested (cleaned of session ids and trackers)
        url_key TEXT NOT NULL UNIQUE,      -- canonical form, for comparison
        final_url TEXT NOT NULL,           -- after redirects
        final_key TEXT NOT NULL,
        site TEXT NOT NULL REFERENCES sites(id),
        fetched_at TEXT NOT NULL,          -- ISO 8601, UTC
        status INTEGER NOT NULL,
        headers TEXT NOT NULL,             -- response headers as JSON {name: [values]}
        body BLOB NOT NULL,                -- raw bytes as received, zlib-compressed
        body_size INTEGER NOT NULL,        -- uncompressed size
        sha256 TEXT NOT NULL,              -- of the raw bytes
        encoding TEXT,                     -- as Scrapy decoded it
        cms TEXT,
        discovered_via TEXT,               -- start, link, listing, feed, sitemap
        listing_url TEXT,
        listing_date TEXT,                 -- date printed beside the link on the listing, ISO 8601
        run_id INTEGER
    );
    CREATE INDEX pages_site ON pages(site);
    CREATE INDEX pages_final_key ON pages(final_key);
    CREATE INDEX pages_sha256 ON pages(sha256);
    CREATE TABLE articles (
        page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
        doc_id TEXT NOT NULL UNIQUE,       -- public id: hash of the URL key, safe for Meilisearch
        title TEXT,
        published TEXT,                    -- ISO 8601 date or datetime (+07:00)
        published_source TEXT,             -- page, metadata, url, listing
        author TEXT,
        author_unit TEXT,
        lead TEXT,
        text TEXT,
        captions TEXT NOT NULL DEFAULT '[]',   -- JSON list
        cms TEXT,
        hdnd INTEGER NOT NULL DEFAULT 0,
        hdnd_score REAL,
        hdnd_reasons TEXT NOT NULL DEFAULT '[]',
        fingerprint TEXT,                  -- near-duplicate signature of the text
        duplicate_of TEXT,                 -- doc_id of the earliest copy, when this is a copy
        status TEXT NOT NULL,              -- ok, suspect, failed
        problem TEXT,                      -- why suspect or failed
        extractor TEXT NOT NULL,           -- extractor version, so re-extraction can target old rows
        extracted_at TEXT NOT NULL,
        changed_at TEXT NOT NULL           -- last time any field changed; the indexer syncs from it
    );
    CREATE INDEX articles_status ON articles(status);
    CREATE INDEX articles_changed ON articles(changed_at);
    CREATE INDEX articles_duplicate ON articles(duplicate_of);
    CREATE TABLE fetch_errors (
        id INTEGER PRIMARY KEY,
        site TEXT NOT NULL,
        url TEXT NOT NULL,
        reason TEXT NOT NULL,              -- "http 404", "timeout", "dns", ...
        status INTEGER,
        at TEXT NOT NULL,
        run_id INTEGER
    );
    CREATE INDEX fetch_errors_site ON fetch_errors(site, at);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        sites TEXT NOT NULL,               -- JSON list of site ids
        stats TEXT,                        -- JSON: per-site pages, new articles, errors; Scrapy stats
        outcome TEXT                       -- finished, interrupted, ... (NULL while running or killed)
    );
    """,
    # 2: other URLs of archived pages (redirects, canonical links), so re-crawls skip them too.
    """
    CREATE TABLE aliases (
        url_key TEXT PRIMARY KEY,
        page_key TEXT NOT NULL,            -- url_key of the archived page it leads to
        site TEXT NOT NULL,
        at TEXT NOT NULL
    );
    """,
    # 3: near-duplicate lookup: MinHash band keys of each article's fingerprint (crawler/classify/fingerprint.py)
    """
    CREATE TABLE article_bands (
        band INTEGER NOT NULL,
        page_id INTEGER NOT NULL REFERENCES articles(page_id) ON DELETE CASCADE,
        PRIMARY KEY (band, page_id)
    ) WITHOUT ROWID;
    CREATE INDEX article_bands_page ON article_bands(page_id);
    """,
    # 4: re-crawls: what each non-article page gave last time (validators for conditional requests,
    # how many article links, the body to reuse on 304), and each site's outcome in each run.
    """
    CREATE TABLE visits (
        url_key TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        url TEXT NOT NULL,
        kind TEXT,                         -- start, listing, pagination, postback, other, feed, sitemap
        fetched_at TEXT NOT NULL,
        status INTEGER,
        etag TEXT,
        last_modified TEXT,
        article_links INTEGER NOT NULL DEFAULT 0,
        body BLOB,                         -- zlib-compressed, kept only when the server gave validators
        encoding TEXT
    );
    CREATE INDEX visits_site ON visits(site);
    CREATE TABLE site_runs (
        run_id INTEGER NOT NULL,
        site TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        fetched INTEGER NOT NULL DEFAULT 0,
        new_articles INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        extract_problems INTEGER NOT NULL DEFAULT 0,
        complete INTEGER NOT NULL DEFAULT 0,   -- the crawl of this site ran to its end (not killed, not over budget)
        outcome TEXT,
        PRIMARY KEY (run_id, site)
    );
    CREATE INDEX site_runs_site ON site_runs(site, run_id);
    """,
    # 5: abbreviation groups an article mentions (crawler/lang/abbreviations.py), computed at extraction
    # so indexing does not fold every text again; NULL for articles extracted before this version.
    """
    ALTER TABLE articles ADD COLUMN abbreviations TEXT;
    """,
    # 6: nothing dropped silently: why the crawler judged each visited page not an article (NULL for
    # feeds, sitemaps and pages visited before this version), and how many such pages each site run had.
    """
    ALTER TABLE visits ADD COLUMN verdict TEXT;
    ALTER TABLE site_runs ADD COLUMN not_articles INTEGER NOT NULL DEFAULT 0;
    """,
    # 7: the source a republished article credits ("Theo Báo Đắk Nông điện tử"), kept apart from
    # the author; NULL for articles extracted before this version (``hdnd reextract`` fills it).
    """
    ALTER TABLE articles ADD COLUMN source TEXT;
    """,
    # 8: why the crawler took each archived page for an article ("headline, date and 2 paragraphs,
    # 712 chars"), as visits.verdict keeps why the others were not; NULL for pages archived before.
    """
    ALTER TABLE pages ADD COLUMN verdict TEXT;
    """,
    # 9: pages found by their URL as well as by their key, so a page whose key the URL rules now
    # compute differently (a CMS's canonical form corrected) is recognised and re-keyed, not stored twice.
    """
    CREATE INDEX pages_url ON pages(url);
    CREATE INDEX pages_final_url ON pages(final_url);
    """,
)
