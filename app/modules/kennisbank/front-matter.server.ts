import { parseDocument, stringify } from "yaml";
import type { LaterMessage } from "#app/lib/errors.ts";
import { issueAsMessage } from "#app/lib/forms.ts";
import { type ArticleContent, articleContentSchema } from "./model.ts";
import { citationPattern } from "./sources.ts";

/** What a citation key resolves to: an entry of the source registry. */
export type SourceLookup = ReadonlyMap<string, { title: string; url?: string }>;

/** A problem in a file: which file, and the message to say in the reader's language. */
export interface FileProblem {
  file: string;
  message: LaterMessage;
}

/**
 * Reads an article file: YAML front matter between `---` lines, then the Markdown body. The
 * seed and the moderators' bulk import share this format (db/seed/content/README.md).
 */
export function parseArticleFile(
  text: string,
  file = "artikel.md",
  registry?: SourceLookup,
): { ok: true; content: ArticleContent } | { ok: false; problems: FileProblem[] } {
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(normalised);
  if (!match) {
    return {
      ok: false,
      problems: [{ file, message: { key: "error.kbImport.noFrontMatter" } }],
    };
  }
  const doc = parseDocument(match[1]!, { prettyErrors: false });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        message: {
          key: "error.kbImport.yaml",
          params: { line: (e.linePos?.[0]?.line ?? 0) + 1, detail: e.message.split("\n")[0] ?? "" },
        },
      })),
    };
  }
  const front = doc.toJS({ maxAliasCount: 50 });
  if (!front || typeof front !== "object" || Array.isArray(front)) {
    return {
      ok: false,
      problems: [{ file, message: { key: "error.kbImport.noFields" } }],
    };
  }
  const body = match[2]!.trim();
  const unknown = new Set<string>();
  if (Array.isArray(front.sources)) {
    // A source may be given by its registry key alone; it is stored with its title and URL.
    front.sources = front.sources.map((s: unknown) => {
      if (typeof s !== "string") return s;
      const found = registry?.get(s);
      if (!found) {
        unknown.add(s);
        return s;
      }
      return { key: s, title: found.title, ...(found.url ? { url: found.url } : {}) };
    });
  }
  if (registry) {
    const cited = [...body.matchAll(citationPattern)].map((m) => m[1]!);
    const cites = (front.carrier as { cite?: Record<string, unknown> } | undefined)?.cite ?? {};
    for (const list of Object.values(cites)) {
      for (const c of Array.isArray(list) ? list : []) {
        const key = /^@([^,\s]+)/.exec(String(c))?.[1];
        if (key) cited.push(key);
      }
    }
    for (const key of cited) if (key !== "?" && !registry.has(key)) unknown.add(key);
  }
  if (unknown.size) {
    return {
      ok: false,
      problems: [...unknown].map((key) => ({
        file,
        message: { key: "error.kbImport.unknownSource", params: { key } },
      })),
    };
  }
  const parsed = articleContentSchema.safeParse({ ...front, body });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({
        file,
        message: {
          key: "error.kbImport.field",
          params: {
            field: i.path.join(".") || { key: "error.kbImport.wholeFile" },
            reason: issueAsMessage(i),
          },
        },
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
  // A registered source by its key (the title and URL come from the registry on import).
  front.sources = content.sources.map(
    (s) => s.key ?? (s.url ? { title: s.title, url: s.url } : { title: s.title }),
  );
  return `---\n${stringify(front, { lineWidth: 0 })}---\n\n${content.body.trim()}\n`;
}

/** The path of an article file in an export or in db/seed/content. */
export function articleFilePath(content: Pick<ArticleContent, "kind" | "slug" | "locale">): string {
  return `${content.kind}/${content.slug}${content.locale === "nl" ? "" : `.${content.locale}`}.md`;
}
