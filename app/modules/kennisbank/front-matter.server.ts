import { parseDocument, stringify } from "yaml";
import { type ArticleContent, articleContentSchema } from "./model.ts";

export interface FileProblem {
  file: string;
  message: string;
}

/**
 * Reads an article file: YAML front matter between `---` lines, then the Markdown body. The
 * seed and the moderators' bulk import share this format (db/seed/content/README.md).
 */
export function parseArticleFile(
  text: string,
  file = "artikel.md",
): { ok: true; content: ArticleContent } | { ok: false; problems: FileProblem[] } {
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(normalised);
  if (!match) {
    return {
      ok: false,
      problems: [{ file, message: "Het bestand begint niet met front matter tussen twee regels '---'." }],
    };
  }
  const doc = parseDocument(match[1]!, { prettyErrors: false });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        message: `Front matter is geen geldige YAML (regel ${(e.linePos?.[0]?.line ?? 0) + 1}): ${e.message.split("\n")[0]}`,
      })),
    };
  }
  const front = doc.toJS({ maxAliasCount: 50 });
  if (!front || typeof front !== "object" || Array.isArray(front)) {
    return {
      ok: false,
      problems: [{ file, message: "De front matter moet velden bevatten (slug, title, ...)." }],
    };
  }
  const parsed = articleContentSchema.safeParse({ ...front, body: match[2]!.trim() });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({
        file,
        message: `${i.path.join(".") || "bestand"}: ${i.message}`,
      })),
    };
  }
  return { ok: true, content: parsed.data };
}

const order = [
  "slug",
  "locale",
  "kind",
  "title",
  "summary",
  "topics",
  "institutionTypes",
  "lastReviewed",
  "needsReview",
  "uncertain",
  "sources",
  "related",
  "carrier",
] as const;

/** Writes an article as a file that parseArticleFile reads back to the same content. */
export function serializeArticleFile(content: ArticleContent): string {
  const front: Record<string, unknown> = {};
  const record = content as unknown as Record<string, unknown>;
  for (const key of order) if (record[key] !== undefined) front[key] = record[key];
  return `---\n${stringify(front, { lineWidth: 0 })}---\n\n${content.body.trim()}\n`;
}

/** The path of an article file in an export or in db/seed/content. */
export function articleFilePath(content: Pick<ArticleContent, "kind" | "slug" | "locale">): string {
  return `${content.kind}/${content.slug}${content.locale === "nl" ? "" : `.${content.locale}`}.md`;
}
