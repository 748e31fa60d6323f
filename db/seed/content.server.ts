import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { errorText } from "../../app/lib/errors.ts";
import { upsertPublishedContent } from "../../app/modules/kennisbank/articles.server.ts";
import { type FileProblem, parseArticleFile } from "../../app/modules/kennisbank/front-matter.server.ts";
import type { ArticleContent } from "../../app/modules/kennisbank/model.ts";
import type { DB } from "../client.server.ts";
import { sourceFolder } from "../paths.ts";
import { article, articleRevision } from "../schema/kennisbank.ts";
import { readSourceRegistry } from "./sources.server.ts";

export const contentDir = sourceFolder(import.meta.url, "./content", "db/seed/content");

/** A problem in a seed file, in Dutch: the seed is read on the command line and in tests. */
export interface SeedProblem {
  file: string;
  message: string;
}

export class SeedContentError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(
      `De seed-artikelen bevatten fouten:\n${problems.map((p) => `  - ${p.file}: ${p.message}`).join("\n")}`,
    );
  }
}

const inDutch = (p: FileProblem): SeedProblem => ({ file: p.file, message: errorText("nl", p.message) });

/** Reads and validates every article file under db/seed/content (Dutch before English). */
export function readSeedContent(dir = contentDir, registry = readSourceRegistry()): ArticleContent[] {
  const contents: ArticleContent[] = [];
  const problems: SeedProblem[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const file of readdirSync(path.join(dir, entry.name)).sort()) {
      if (!file.endsWith(".md")) continue;
      const name = `${entry.name}/${file}`;
      const result = parseArticleFile(readFileSync(path.join(dir, entry.name, file), "utf8"), name, registry);
      if (!result.ok) {
        problems.push(...result.problems.map(inDutch));
        continue;
      }
      const expected = `${result.content.slug}${result.content.locale === "nl" ? "" : `.${result.content.locale}`}.md`;
      if (file !== expected || entry.name !== result.content.kind) {
        problems.push({ file: name, message: `hoort te heten ${result.content.kind}/${expected}` });
      }
      contents.push(result.content);
    }
  }
  if (problems.length) throw new SeedContentError(problems);
  return contents.sort((a, b) =>
    a.locale === b.locale ? a.slug.localeCompare(b.slug) : a.locale === "nl" ? -1 : 1,
  );
}

/**
 * Adds the seed articles that the database does not have yet (per slug and language). An
 * article that exists is left alone, so moderators' edits are never overwritten by a seed.
 */
export async function seedArticles(
  db: DB,
  contents = readSeedContent(),
): Promise<{ added: number; kept: number }> {
  let added = 0;
  let kept = 0;
  for (const content of contents) {
    const [existing] = await db
      .select({ id: articleRevision.id })
      .from(articleRevision)
      .innerJoin(article, eq(article.id, articleRevision.articleId))
      .where(and(eq(article.slug, content.slug), eq(articleRevision.locale, content.locale)))
      .limit(1);
    if (existing) {
      kept++;
      continue;
    }
    await upsertPublishedContent(db, { id: null, role: "system" }, content);
    added++;
  }
  return { added, kept };
}
