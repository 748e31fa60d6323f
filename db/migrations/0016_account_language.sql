-- The language of a member's e-mails and calendar feeds (issue #17); existing accounts stay Dutch.
ALTER TABLE "app_user" ADD COLUMN "language" text DEFAULT 'nl' NOT NULL;
