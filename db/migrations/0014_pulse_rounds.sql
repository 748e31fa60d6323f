CREATE TABLE "pulse_answer" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"institution_id" integer NOT NULL,
	"institution_type" text NOT NULL,
	"answers" jsonb NOT NULL,
	"answered_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pulse_round" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"columns" jsonb NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pulse_answer" ADD CONSTRAINT "pulse_answer_round_id_pulse_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."pulse_round"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_answer" ADD CONSTRAINT "pulse_answer_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_answer" ADD CONSTRAINT "pulse_answer_answered_by_app_user_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_round" ADD CONSTRAINT "pulse_round_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pulse_answer_round_institution_idx" ON "pulse_answer" USING btree ("round_id","institution_id");--> statement-breakpoint
-- /trends shows pulse results: a new answer or a closed round refreshes cached pages (0013).
CREATE TRIGGER "pulse_round_content_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "pulse_round" FOR EACH STATEMENT EXECUTE FUNCTION "content_changed"();--> statement-breakpoint
CREATE TRIGGER "pulse_answer_content_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "pulse_answer" FOR EACH STATEMENT EXECUTE FUNCTION "content_changed"();
