"""The Meilisearch engine: the production search server, through the official client."""
