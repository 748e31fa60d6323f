CREATE TABLE "article_review" (
	"id" serial PRIMARY KEY NOT NULL,
	"article_id" integer NOT NULL,
	"reviewer_id" text,
	"reviewer_name" text NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source_keys" text[] NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_note" (
	"id" serial PRIMARY KEY NOT NULL,
	"article_id" integer NOT NULL,
	"locale" text NOT NULL,
	"claim_key" text NOT NULL,
	"note" text NOT NULL,
	"user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source" (
	"key" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"publisher" text,
	"year" text,
	"url" text,
	"where" text,
	"kind" text NOT NULL,
	"language" text NOT NULL,
	"accessed" text,
	"sector" boolean DEFAULT false NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "article_review" ADD CONSTRAINT "article_review_article_id_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."article"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_review" ADD CONSTRAINT "article_review_reviewer_id_app_user_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_note" ADD CONSTRAINT "claim_note_article_id_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."article"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_note" ADD CONSTRAINT "claim_note_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source" ADD CONSTRAINT "source_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_review_article_idx" ON "article_review" USING btree ("article_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "claim_note_article_idx" ON "claim_note" USING btree ("article_id","locale");--> statement-breakpoint
-- A review date is only what a moderator's review gives (article_review); the one the seed wrote goes.
UPDATE "article_revision" SET "data" = "data" - 'lastReviewed' WHERE "data" ->> 'lastReviewed' IS NOT NULL;
