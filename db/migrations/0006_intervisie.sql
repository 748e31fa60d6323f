CREATE TABLE "calendar_feed" (
	"user_id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feed_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "intervision_group" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"institution_type" text NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"max_size" integer DEFAULT 7 NOT NULL,
	"match_score" jsonb,
	"match_run_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "intervision_member" (
	"group_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intervision_member_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "intervision_participant" (
	"user_id" text PRIMARY KEY NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"offers" text[] DEFAULT '{}'::text[] NOT NULL,
	"in_person" boolean DEFAULT false NOT NULL,
	"province" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intervision_session" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"online_url" text,
	"address" text,
	"method" text NOT NULL,
	"capacity" integer NOT NULL,
	"roles" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"notes_version" integer DEFAULT 0 NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	CONSTRAINT "intervision_session_capacity_check" CHECK ("intervision_session"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "join_request" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_run" (
	"id" serial PRIMARY KEY NOT NULL,
	"pool" text NOT NULL,
	"options" jsonb NOT NULL,
	"participants" jsonb NOT NULL,
	"proposal" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "session_rating" (
	"session_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_rating_session_id_user_id_pk" PRIMARY KEY("session_id","user_id"),
	CONSTRAINT "session_rating_score_check" CHECK ("session_rating"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "session_rsvp" (
	"session_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"answer" text NOT NULL,
	"status" text NOT NULL,
	"queued_at" timestamp with time zone,
	"queue_seq" serial NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_rsvp_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervision_group" ADD CONSTRAINT "intervision_group_match_run_id_match_run_id_fk" FOREIGN KEY ("match_run_id") REFERENCES "public"."match_run"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervision_member" ADD CONSTRAINT "intervision_member_group_id_intervision_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."intervision_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervision_member" ADD CONSTRAINT "intervision_member_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervision_participant" ADD CONSTRAINT "intervision_participant_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervision_session" ADD CONSTRAINT "intervision_session_group_id_intervision_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."intervision_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intervision_session" ADD CONSTRAINT "intervision_session_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_request" ADD CONSTRAINT "join_request_group_id_intervision_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."intervision_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_request" ADD CONSTRAINT "join_request_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_request" ADD CONSTRAINT "join_request_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run" ADD CONSTRAINT "match_run_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_rating" ADD CONSTRAINT "session_rating_session_id_intervision_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."intervision_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_rating" ADD CONSTRAINT "session_rating_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_rsvp" ADD CONSTRAINT "session_rsvp_session_id_intervision_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."intervision_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_rsvp" ADD CONSTRAINT "session_rsvp_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intervision_group_open_idx" ON "intervision_group" USING btree ("open");--> statement-breakpoint
CREATE INDEX "intervision_member_user_idx" ON "intervision_member" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "intervision_session_group_idx" ON "intervision_session" USING btree ("group_id","starts_at");--> statement-breakpoint
CREATE INDEX "intervision_session_reminder_idx" ON "intervision_session" USING btree ("starts_at") WHERE "intervision_session"."reminder_sent_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "join_request_pending_key" ON "join_request" USING btree ("group_id","user_id") WHERE "join_request"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "match_run_created_idx" ON "match_run" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "notification_user_idx" ON "notification" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "session_rsvp_status_idx" ON "session_rsvp" USING btree ("session_id","status");