import { count, sql } from "drizzle-orm";
import { passwordRefusal } from "../../app/modules/auth/password.server.ts";
import { AccountError, ensureAdmin } from "../../app/modules/auth/users.server.ts";
import { seedAssumptions } from "../../app/modules/dragers/dragers.server.ts";
import type { Env } from "../../app/modules/env.server.ts";
import { seedSources } from "../../app/modules/kennisbank/sources.server.ts";
import { topics } from "../../app/modules/taxonomy.ts";
import type { DB } from "../client.server.ts";
import { topic } from "../schema/index.ts";
import { readSeedContent, seedArticles } from "./content.server.ts";
import { readSourceRegistry } from "./sources.server.ts";

export interface SeedOptions {
  /** The first admin (ADMIN_EMAIL and ADMIN_PASSWORD). */
  admin?: { email: string; password: string };
}

export interface SeedSummary {
  topics: number;
  articles: { added: number; kept: number };
  sources: { added: number; kept: number };
  admin: "created" | "promoted" | "unchanged" | "not configured";
}

export function seedOptionsFromEnv(env: Pick<Env, "ADMIN_EMAIL" | "ADMIN_PASSWORD">): SeedOptions {
  return env.ADMIN_EMAIL && env.ADMIN_PASSWORD
    ? { admin: { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } }
    : {};
}

/**
 * At every start of a database that is not empty: creates the configured admin when no account
 * has that address (e.g. ADMIN_EMAIL was set after the first start). Never promotes or changes an
 * existing account.
 */
export async function ensureConfiguredAdmin(
  db: DB,
  options: SeedOptions,
): Promise<"created" | "unchanged" | "not configured"> {
  if (!options.admin) return "not configured";
  const result = await ensureAdmin(db, options.admin.email, options.admin.password, { promote: false });
  return result === "created" ? "created" : "unchanged";
}

export function describeSeed(summary: SeedSummary): string {
  const admin = {
    created: "beheerder aangemaakt",
    promoted: "bestaande gebruiker is nu beheerder",
    unchanged: "beheerder bestond al",
    "not configured": "geen beheerder (ADMIN_EMAIL en ADMIN_PASSWORD niet gezet)",
  }[summary.admin];
  return `${summary.topics} onderwerpen, ${summary.sources.added} bronnen toegevoegd (${summary.sources.kept} bestonden al), ${summary.articles.added} artikelen toegevoegd (${summary.articles.kept} bestonden al), ${admin}`;
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
export async function seed(db: DB, options: SeedOptions = {}): Promise<SeedSummary> {
  // The configured admin is checked before anything is written: a refused password used to stop
  // the start after the content was seeded, and the next start then skipped the seed and the admin.
  if (options.admin) {
    const problem = passwordRefusal(options.admin.password, ["Beheerder", options.admin.email]);
    if (problem) throw new AccountError(problem.key, "password", problem.params);
  }
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
  // The registry first: the articles cite its keys.
  const registry = readSourceRegistry();
  const sources = await seedSources(db, registry);
  const articles = await seedArticles(db, readSeedContent(undefined, registry));
  await seedAssumptions(db);
  const admin = options.admin
    ? await ensureAdmin(db, options.admin.email, options.admin.password)
    : "not configured";
  return { topics: topics.length, articles, sources, admin };
}
