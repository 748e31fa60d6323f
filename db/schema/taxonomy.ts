import { integer, pgTable, text } from "drizzle-orm/pg-core";

/** The knowledge-need topics of docs/domain.md §3: they tag articles, come out of the survey, drive matching. */
export const topic = pgTable("topic", {
  key: text("key").primaryKey(),
  labelNl: text("label_nl").notNull(),
  labelEn: text("label_en").notNull(),
  surveyColumn: text("survey_column").notNull().unique(),
  sortOrder: integer("sort_order").notNull(),
});
