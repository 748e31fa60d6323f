CREATE TABLE "carrier_assumption" (
	"carrier" text PRIMARY KEY NOT NULL,
	"minutes_per_item" double precision NOT NULL,
	"transfer_factor" double precision NOT NULL,
	"master_gb_per_hour" double precision NOT NULL,
	"master_format" text NOT NULL,
	"access_gb_per_hour" double precision NOT NULL,
	"access_format" text NOT NULL,
	"degradation_score" integer NOT NULL,
	"obsolescence_score" integer NOT NULL,
	"certainty" jsonb NOT NULL,
	"sources" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "carrier_plan" (
	"id" serial PRIMARY KEY NOT NULL,
	"institution_id" integer NOT NULL,
	"lines" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carrier_plan_institution_id_unique" UNIQUE("institution_id")
);
--> statement-breakpoint
CREATE TABLE "digitisation_demand" (
	"id" serial PRIMARY KEY NOT NULL,
	"institution_id" integer NOT NULL,
	"carrier" text NOT NULL,
	"count" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digitisation_offer" (
	"id" serial PRIMARY KEY NOT NULL,
	"institution_id" integer NOT NULL,
	"carriers" text[] NOT NULL,
	"shared" text,
	"suitability" text,
	"terms" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digitisation_offer_institution_id_unique" UNIQUE("institution_id")
);
--> statement-breakpoint
ALTER TABLE "carrier_assumption" ADD CONSTRAINT "carrier_assumption_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrier_plan" ADD CONSTRAINT "carrier_plan_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrier_plan" ADD CONSTRAINT "carrier_plan_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digitisation_demand" ADD CONSTRAINT "digitisation_demand_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digitisation_demand" ADD CONSTRAINT "digitisation_demand_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digitisation_offer" ADD CONSTRAINT "digitisation_offer_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digitisation_offer" ADD CONSTRAINT "digitisation_offer_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "digitisation_demand_key" ON "digitisation_demand" USING btree ("institution_id","carrier");--> statement-breakpoint
CREATE INDEX "digitisation_demand_carrier_idx" ON "digitisation_demand" USING btree ("carrier");