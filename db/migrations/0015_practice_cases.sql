CREATE TABLE "practice_case" (
	"id" serial PRIMARY KEY NOT NULL,
	"session_id" integer NOT NULL,
	"owner_id" text,
	"title" text NOT NULL,
	"question" text NOT NULL,
	"advice" text NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"carriers" text[] DEFAULT '{}'::text[] NOT NULL,
	"source_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"attribution" text NOT NULL,
	"article_slug" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "practice_case_consent" (
	"case_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"name_institution" boolean DEFAULT false NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "practice_case_consent_case_id_user_id_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "practice_case" ADD CONSTRAINT "practice_case_session_id_intervision_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."intervision_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_case" ADD CONSTRAINT "practice_case_owner_id_app_user_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_case_consent" ADD CONSTRAINT "practice_case_consent_case_id_practice_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."practice_case"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_case_consent" ADD CONSTRAINT "practice_case_consent_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "practice_case_session_key" ON "practice_case" USING btree ("session_id");--> statement-breakpoint
-- Published cases show on guides ("Uit de praktijk"): a change refreshes cached pages (0013).
CREATE TRIGGER "practice_case_content_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "practice_case" FOR EACH STATEMENT EXECUTE FUNCTION "content_changed"();
