"""The embedded search engine: tantivy, no server."""
