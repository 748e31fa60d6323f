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
  /** The language searched in (default Dutch). */
  locale?: "nl" | "en";
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
    const result = await engine.query({ q: `${c.q} `, locale: c.locale ?? "nl", limit: 10 });
    const slugs = result.hits.map((h) => h.slug);
    const found = c.expect.filter((s) => slugs.slice(0, 3).includes(s)).length / c.expect.length;
    recall += found;
    const first = slugs.findIndex((s) => c.expect.includes(s));
    reciprocal += first >= 0 ? 1 / (first + 1) : 0;
    if (found < 1 || first > 0)
      misses.push(`${c.q} → ${slugs.slice(0, 3).join(", ") || "niets"} (verwacht ${c.expect.join(", ")})`);
  }
  const recallAt3 = recall / queries.length;
  const mrr = reciprocal / queries.length;
  console.log(
    `Zoekrelevantie (${engine.name}): recall@3 = ${recallAt3.toFixed(3)}, MRR = ${mrr.toFixed(3)} over ${queries.length} zoekvragen` +
      (misses.length ? `\nNiet in de top 3:\n  ${misses.join("\n  ")}` : ""),
  );
  return { recallAt3, mrr };
}

const count = (type: string) => queries.filter((c) => c.type === type).length;

describe("search relevance on the seed", () => {
  it("the set covers Dutch compounds both ways and English searches", () => {
    expect(queries.length).toBeGreaterThanOrEqual(40);
    expect(count("compound") + count("compound-parts")).toBeGreaterThanOrEqual(25);
    expect(count("compound")).toBeGreaterThanOrEqual(10);
    expect(count("compound-parts")).toBeGreaterThanOrEqual(10);
    expect(queries.filter((c) => c.locale === "en").length).toBeGreaterThanOrEqual(10);
  });

  it(`postgres engine: the right guide in the top 3 for at least 95% of ${queries.length} queries, MRR at least 0.9`, async () => {
    const { recallAt3, mrr } = await measure(new PostgresEngine(database.db));
    expect(recallAt3).toBeGreaterThanOrEqual(0.95);
    expect(mrr).toBeGreaterThanOrEqual(0.9);
  });

  // Runs only where a Meilisearch server is configured (README: "Zoeken"); none can be
  // installed on the development machines, so CI here runs the postgres engine only.
  it.runIf(Boolean(process.env.MEILI_URL))("meilisearch engine: the same relevance set", async () => {
    const engine = new MeiliEngine(process.env.MEILI_URL!, process.env.MEILI_API_KEY);
    await engine.applySettings({ wait: true });
    const slugs = await database.db.select({ slug: article.slug }).from(article);
    const docs = (await Promise.all(slugs.map((s) => documentsForArticle(database.db, s.slug)))).flat();
    await engine.indexAndWait(docs);
    const { recallAt3, mrr } = await measure(engine);
    expect(recallAt3).toBeGreaterThanOrEqual(0.95);
    expect(mrr).toBeGreaterThanOrEqual(0.9);
  });
});
