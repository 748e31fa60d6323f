ALTER TABLE "intervision_participant" ADD COLUMN "fte" text;--> statement-breakpoint
ALTER TABLE "intervision_participant" ADD COLUMN "digitisation_degree" text;