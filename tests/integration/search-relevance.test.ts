import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentsForArticle } from "#app/modules/kennisbank/search-documents.server.ts";
import type { Database } from "#db/client.server.ts";
import { article } from "#db/schema/kennisbank.ts";
import { seedArticles } from "#db/seed/content.server.ts";
import { MeiliEngine } from "#search/meilisearch.ts";
import { PostgresEngine } from "#search/postgres.ts";
import type { SearchEngine } from "#search/types.ts";
import { createTestDatabase } from "#tests/support/db.ts";

interface Case {
  q: string;
  expect: string[];
  type: string;
}
const { queries } = JSON.parse(
  readFileSync(new URL("../fixtures/search-relevance.json", import.meta.url), "utf8"),
) as {
  queries: Case[];
};

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedArticles(database.db);
});
afterAll(async () => {
  await database?.close();
});

async function measure(engine: SearchEngine) {
  let recall = 0;
  let reciprocal = 0;
  const misses: string[] = [];
  for (const c of queries) {
    // Typed with a trailing space: a finished query, not a prefix being typed.
    const result = await engine.query({ q: `${c.q} `, locale: "nl", limit: 10 });
    const slugs = result.hits.map((h) => h.slug);
    const found = c.expect.filter((s) => slugs.slice(0, 3).includes(s)).length / c.expect.length;
    recall += found;
    const first = slugs.findIndex((s) => c.expect.includes(s));
    reciprocal += first >= 0 ? 1 / (first + 1) : 0;
    if (found < 1)
      misses.push(`${c.q} → ${slugs.slice(0, 3).join(", ") || "niets"} (verwacht ${c.expect.join(", ")})`);
  }
  const recallAt3 = recall / queries.length;
  const mrr = reciprocal / queries.length;
  console.log(
    `Zoekrelevantie (${engine.name}): recall@3 = ${recallAt3.toFixed(3)}, MRR = ${mrr.toFixed(3)} over ${queries.length} zoekvragen` +
      (misses.length ? `\nNiet in de top 3:\n  ${misses.join("\n  ")}` : ""),
  );
  return recallAt3;
}

describe("search relevance on the seed", () => {
  it(`postgres engine: the right guide in the top 3 for at least 90% of ${queries.length} queries`, async () => {
    expect(queries.length).toBeGreaterThanOrEqual(40);
    expect(await measure(new PostgresEngine(database.db))).toBeGreaterThanOrEqual(0.9);
  });

  // Runs only where a Meilisearch server is configured (README: "Zoeken"); none can be
  // installed on the development machines, so CI here runs the postgres engine only.
  it.runIf(Boolean(process.env.MEILI_URL))("meilisearch engine: the same relevance set", async () => {
    const engine = new MeiliEngine(process.env.MEILI_URL!, process.env.MEILI_API_KEY);
    await engine.applySettings({ wait: true });
    const slugs = await database.db.select({ slug: article.slug }).from(article);
    const docs = (await Promise.all(slugs.map((s) => documentsForArticle(database.db, s.slug)))).flat();
    await engine.indexAndWait(docs);
    expect(await measure(engine)).toBeGreaterThanOrEqual(0.9);
  });
});
