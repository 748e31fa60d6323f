CREATE TABLE "search_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"epoch" text DEFAULT gen_random_uuid()::text NOT NULL
);
