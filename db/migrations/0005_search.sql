CREATE TABLE "search_document" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"locale" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"aliases" text DEFAULT '' NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"topics" text[] NOT NULL,
	"medium" text,
	"institution_types" text[] NOT NULL,
	"tsv_head" "tsvector" NOT NULL,
	"tsv_body" "tsvector" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_miss" (
	"query" text PRIMARY KEY NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_outbox" (
	"id" serial PRIMARY KEY NOT NULL,
	"doc_id" text NOT NULL,
	"op" text NOT NULL,
	"payload" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_vocabulary" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_document_tsv_head_idx" ON "search_document" USING gin ("tsv_head");--> statement-breakpoint
CREATE INDEX "search_document_tsv_body_idx" ON "search_document" USING gin ("tsv_body");--> statement-breakpoint
CREATE INDEX "search_document_slug_idx" ON "search_document" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "search_document_topics_idx" ON "search_document" USING gin ("topics");--> statement-breakpoint
CREATE INDEX "search_outbox_next_idx" ON "search_outbox" USING btree ("next_attempt_at");--> statement-breakpoint
CREATE INDEX "search_vocabulary_trgm_idx" ON "search_vocabulary" USING gin ("word" gin_trgm_ops);