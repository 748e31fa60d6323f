import { count, sql } from "drizzle-orm";
import { topics } from "../../app/modules/taxonomy.ts";
import type { DB } from "../client.server.ts";
import { topic } from "../schema/index.ts";

export interface SeedSummary {
  topics: number;
}

/** True when nothing has been seeded yet: the start command seeds only then. */
export async function isEmpty(db: DB): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(topic);
  return (row?.n ?? 0) === 0;
}

/**
 * Idempotent: running it again changes nothing, and a changed label in the code updates the
 * row instead of adding one.
 */
export async function seed(db: DB): Promise<SeedSummary> {
  await db.transaction(async (tx) => {
    await tx
      .insert(topic)
      .values(
        topics.map((t, i) => ({
          key: t.key,
          labelNl: t.nl,
          labelEn: t.en,
          surveyColumn: t.surveyColumn,
          sortOrder: i + 1,
        })),
      )
      .onConflictDoUpdate({
        target: topic.key,
        set: {
          labelNl: sql`excluded.label_nl`,
          labelEn: sql`excluded.label_en`,
          surveyColumn: sql`excluded.survey_column`,
          sortOrder: sql`excluded.sort_order`,
        },
      });
  });
  return { topics: topics.length };
}
