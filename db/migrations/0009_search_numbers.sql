-- The postgres engine's index as document numbers and narrow vector tables (docs/decisions/009).
CREATE TABLE "search_head" (
	"id" text PRIMARY KEY NOT NULL,
	"n" integer NOT NULL,
	"tsv" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_body" (
	"id" text PRIMARY KEY NOT NULL,
	"n" integer NOT NULL,
	"tsv" "tsvector" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "search_body" ALTER COLUMN "tsv" SET STORAGE EXTERNAL;--> statement-breakpoint
CREATE TABLE "search_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"epoch" text DEFAULT gen_random_uuid()::text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "search_document" ADD COLUMN "n" serial NOT NULL;--> statement-breakpoint
INSERT INTO "search_head" ("id", "n", "tsv") SELECT "id", "n", "tsv_head" FROM "search_document";--> statement-breakpoint
INSERT INTO "search_body" ("id", "n", "tsv") SELECT "id", "n", "tsv_body" FROM "search_document";--> statement-breakpoint
DROP INDEX "search_document_tsv_head_idx";--> statement-breakpoint
DROP INDEX "search_document_tsv_body_idx";--> statement-breakpoint
ALTER TABLE "search_document" DROP COLUMN "tsv_head";--> statement-breakpoint
ALTER TABLE "search_document" DROP COLUMN "tsv_body";--> statement-breakpoint
DROP INDEX "search_vocabulary_trgm_idx";--> statement-breakpoint
ALTER TABLE "search_head" ADD CONSTRAINT "search_head_id_search_document_id_fk" FOREIGN KEY ("id") REFERENCES "public"."search_document"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_body" ADD CONSTRAINT "search_body_id_search_document_id_fk" FOREIGN KEY ("id") REFERENCES "public"."search_document"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "search_document_n_idx" ON "search_document" USING btree ("n");--> statement-breakpoint
CREATE UNIQUE INDEX "search_head_n_idx" ON "search_head" USING btree ("n");--> statement-breakpoint
CREATE INDEX "search_head_tsv_idx" ON "search_head" USING gin ("tsv") WITH (fastupdate=false);--> statement-breakpoint
CREATE UNIQUE INDEX "search_body_n_idx" ON "search_body" USING btree ("n");--> statement-breakpoint
CREATE INDEX "search_body_tsv_idx" ON "search_body" USING gin ("tsv") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "search_vocabulary_trgm_idx" ON "search_vocabulary" USING gin ("word" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
-- Matching document numbers straight from the GIN indexes. A common word matches most
-- documents; the planner then prefers a sequential scan, which reads and decompresses every
-- vector, where the GIN index finds the same rows without touching them. As functions with their
-- own settings (no sequential scans, no JIT), these hold for these statements only, without a
-- transaction around them. The numbers come back as bytea, four bytes each (int4send): for
-- thousands of numbers that is cheaper to send and to read than an int[] in text.
CREATE FUNCTION search_body_numbers(q tsquery) RETURNS bytea
LANGUAGE sql STABLE
SET enable_seqscan = off
SET jit = off
AS $$ SELECT coalesce(string_agg(int4send(n), ''::bytea), ''::bytea) FROM search_body WHERE tsv @@ q $$;
--> statement-breakpoint
CREATE FUNCTION search_head_numbers(q tsquery) RETURNS bytea
LANGUAGE sql STABLE
SET enable_seqscan = off
SET jit = off
AS $$ SELECT coalesce(string_agg(int4send(n), ''::bytea), ''::bytea) FROM search_head WHERE tsv @@ q $$;
--> statement-breakpoint
-- With phrases or excluded words: the head matches of the whole query, each with twice the
-- number of words (terms) it has.
CREATE FUNCTION search_head_cover(q tsquery, terms tsquery[], OUT ns bytea, OUT covers bytea)
LANGUAGE sql STABLE
SET enable_seqscan = off
SET jit = off
AS $$
  SELECT coalesce(string_agg(int4send(n), ''::bytea), ''::bytea),
    coalesce(string_agg(int4send(cover), ''::bytea), ''::bytea)
  FROM (
    SELECT h.n, 2 * (SELECT count(*)::int FROM unnest(terms) t WHERE h.tsv @@ t) AS cover
    FROM search_head h
    WHERE h.tsv @@ q
  ) x
$$;
