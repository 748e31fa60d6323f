CREATE TABLE "survey_import" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"imported_by" text,
	"via" text NOT NULL,
	"rows_total" integer NOT NULL,
	"rows_new" integer NOT NULL,
	"rows_changed" integer NOT NULL,
	"rows_unchanged" integer NOT NULL,
	"per_wave" jsonb NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_institution_link" (
	"name_key" text PRIMARY KEY NOT NULL,
	"institution_id" integer NOT NULL,
	"linked_by" text,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_response" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"respondent_id" text NOT NULL,
	"wave" integer NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"institution_id" integer,
	"institution_name" text,
	"name_key" text,
	"institution_type" text NOT NULL,
	"province" text,
	"contact_email" text,
	"answers" jsonb NOT NULL,
	"ai_uses" text[] DEFAULT '{}'::text[] NOT NULL,
	"content_hash" text NOT NULL,
	"import_id" integer,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_upload" (
	"id" text PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"content" text NOT NULL,
	"uploaded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_import" ADD CONSTRAINT "survey_import_imported_by_app_user_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_institution_link" ADD CONSTRAINT "survey_institution_link_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_institution_link" ADD CONSTRAINT "survey_institution_link_linked_by_app_user_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_import_id_survey_import_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."survey_import"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_upload" ADD CONSTRAINT "survey_upload_uploaded_by_app_user_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_import_at_idx" ON "survey_import" USING btree ("imported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_response_key" ON "survey_response" USING btree ("source","respondent_id","wave");--> statement-breakpoint
CREATE INDEX "survey_response_wave_idx" ON "survey_response" USING btree ("source","wave");--> statement-breakpoint
CREATE INDEX "survey_response_institution_idx" ON "survey_response" USING btree ("institution_id","answered_at");--> statement-breakpoint
CREATE INDEX "survey_response_name_key_idx" ON "survey_response" USING btree ("name_key");