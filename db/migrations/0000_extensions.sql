-- Extensions the search engine relies on (ARCHITECTURE.md): trigram similarity for typos and
-- unaccent for accent-insensitive matching. Both are trusted extensions from PostgreSQL 13 on,
-- so a database owner can create them; PGlite loads them as bundled extensions.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
