CREATE TABLE "topic" (
	"key" text PRIMARY KEY NOT NULL,
	"label_nl" text NOT NULL,
	"label_en" text NOT NULL,
	"survey_column" text NOT NULL,
	"sort_order" integer NOT NULL,
	CONSTRAINT "topic_survey_column_unique" UNIQUE("survey_column")
);
