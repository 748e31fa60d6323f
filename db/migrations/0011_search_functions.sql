-- Matching document numbers straight from the GIN indexes (search/postgres.ts). A common word
-- matches most documents; the planner then prefers a sequential scan, which reads and
-- decompresses every vector, where the GIN index finds the same rows without touching them.
-- As functions with their own settings (no sequential scans, no JIT), these hold for these
-- statements only, without a transaction around them. The numbers come back as bytea, four
-- bytes each (int4send): for thousands of numbers that is cheaper to send and to read than an
-- int[] in text.
CREATE FUNCTION search_body_numbers(q tsquery) RETURNS bytea
LANGUAGE sql STABLE
SET enable_seqscan = off
SET jit = off
AS $$ SELECT coalesce(string_agg(int4send(n), ''::bytea), ''::bytea) FROM search_body WHERE tsv @@ q $$;
--> statement-breakpoint
CREATE FUNCTION search_head_numbers(q tsquery, terms tsquery[], OUT ns bytea, OUT covers bytea)
LANGUAGE sql STABLE
SET enable_seqscan = off
SET jit = off
AS $$
  SELECT coalesce(string_agg(int4send(n), ''::bytea), ''::bytea),
    coalesce(string_agg(int4send(cover), ''::bytea), ''::bytea)
  FROM (
    SELECT d.n, 2 * (SELECT count(*)::int FROM unnest(terms) t WHERE d.tsv_head @@ t) AS cover
    FROM search_document d
    WHERE d.tsv_head @@ q
  ) x
$$;
