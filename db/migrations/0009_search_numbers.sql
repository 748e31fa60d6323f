CREATE TABLE "search_body" (
	"id" text PRIMARY KEY NOT NULL,
	"n" integer NOT NULL,
	"tsv" "tsvector" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "search_body" ALTER COLUMN "tsv" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "search_document" ADD COLUMN "n" serial NOT NULL;--> statement-breakpoint
INSERT INTO "search_body" ("id", "n", "tsv") SELECT "id", "n", "tsv_body" FROM "search_document";--> statement-breakpoint
DROP INDEX "search_document_tsv_body_idx";--> statement-breakpoint
ALTER TABLE "search_document" DROP COLUMN "tsv_body";--> statement-breakpoint
DROP INDEX "search_document_tsv_head_idx";--> statement-breakpoint
DROP INDEX "search_vocabulary_trgm_idx";--> statement-breakpoint
ALTER TABLE "search_body" ADD CONSTRAINT "search_body_id_search_document_id_fk" FOREIGN KEY ("id") REFERENCES "public"."search_document"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "search_body_n_idx" ON "search_body" USING btree ("n");--> statement-breakpoint
CREATE INDEX "search_body_tsv_idx" ON "search_body" USING gin ("tsv") WITH (fastupdate=false);--> statement-breakpoint
CREATE UNIQUE INDEX "search_document_n_idx" ON "search_document" USING btree ("n");--> statement-breakpoint
CREATE INDEX "search_document_tsv_head_idx" ON "search_document" USING gin ("tsv_head") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "search_vocabulary_trgm_idx" ON "search_vocabulary" USING gin ("word" gin_trgm_ops) WITH (fastupdate=false);
