CREATE TABLE "content_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "content_version" ("id", "version") VALUES (1, (extract(epoch from clock_timestamp()) * 1000000)::bigint);
--> statement-breakpoint
-- Bumped by every statement that writes what anonymous pages show, in the writer's transaction
-- (db/schema/content.ts). Never lower than the time in microseconds, so a truncate or restore
-- cannot bring an old number back.
CREATE OR REPLACE FUNCTION "content_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "content_version" ("id", "version")
    VALUES (1, (extract(epoch from clock_timestamp()) * 1000000)::bigint)
    ON CONFLICT ("id") DO UPDATE SET "version" = greatest(
      "content_version"."version" + 1,
      (extract(epoch from clock_timestamp()) * 1000000)::bigint
    );
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'article', 'article_revision', 'article_feedback', 'topic', 'carrier_assumption',
    'digitisation_offer', 'digitisation_demand', 'survey_import', 'survey_response',
    'survey_institution_link', 'institution', 'source', 'article_review', 'claim_note'
  ] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "content_changed"()',
      t || '_content_changed', t
    );
  END LOOP;
END
$$;
