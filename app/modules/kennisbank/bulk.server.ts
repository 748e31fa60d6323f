import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { DB } from "#db/client.server.ts";
import { audit } from "../audit.server.ts";
import { type Actor, exportPublishedContent, upsertPublishedContent } from "./articles.server.ts";
import {
  articleFilePath,
  type FileProblem,
  parseArticleFile,
  type SourceLookup,
  serializeArticleFile,
} from "./front-matter.server.ts";
import type { ArticleContent } from "./model.ts";

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** All published articles as Markdown files with front matter, zipped (one folder per kind). */
export async function exportZip(db: DB): Promise<Uint8Array> {
  const contents = await exportPublishedContent(db);
  const files: Record<string, Uint8Array> = {};
  for (const content of contents) files[articleFilePath(content)] = strToU8(serializeArticleFile(content));
  return zipSync(files, { level: 6 });
}

/**
 * Reads uploaded files (.md, or .zip archives of .md files) into validated article contents.
 * Any problem in any file means nothing is imported; every problem is reported with its file.
 * Source keys (in `sources`, `[@key]` and `carrier.cite`) must be in the registry (sourceLookup).
 */
export function readImportFiles(
  uploads: { name: string; bytes: Uint8Array }[],
  registry: SourceLookup,
): { ok: true; contents: ArticleContent[] } | { ok: false; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const contents: ArticleContent[] = [];
  const total = uploads.reduce((n, u) => n + u.bytes.length, 0);
  if (total > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      problems: [{ file: "upload", message: "De bestanden zijn samen groter dan 10 MB." }],
    };
  }
  const texts: { name: string; text: string }[] = [];
  for (const upload of uploads) {
    if (upload.name.toLowerCase().endsWith(".zip")) {
      let entries: Record<string, Uint8Array>;
      try {
        let size = 0;
        entries = unzipSync(upload.bytes, {
          filter: (f) => {
            size += f.originalSize;
            if (size > MAX_IMPORT_BYTES * 5) throw new Error("te groot uitgepakt");
            return f.name.toLowerCase().endsWith(".md") && !f.name.split("/").pop()!.startsWith(".");
          },
        });
      } catch {
        problems.push({
          file: upload.name,
          message: "Dit zip-bestand kan niet worden gelezen (beschadigd of te groot).",
        });
        continue;
      }
      for (const [name, bytes] of Object.entries(entries)) {
        if (name.toLowerCase().endsWith("readme.md")) continue;
        texts.push({ name: `${upload.name}/${name}`, text: strFromU8(bytes) });
      }
    } else if (upload.name.toLowerCase().endsWith(".md")) {
      texts.push({ name: upload.name, text: new TextDecoder("utf-8").decode(upload.bytes) });
    } else {
      problems.push({ file: upload.name, message: "Alleen .md-bestanden of een .zip met .md-bestanden." });
    }
  }
  const seen = new Map<string, string>();
  for (const { name, text } of texts) {
    const parsed = parseArticleFile(text, name, registry);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    const key = `${parsed.content.slug}/${parsed.content.locale}`;
    const earlier = seen.get(key);
    if (earlier) {
      problems.push({
        file: name,
        message: `'${parsed.content.slug}' (${parsed.content.locale}) staat ook in ${earlier}.`,
      });
      continue;
    }
    seen.set(key, name);
    contents.push(parsed.content);
  }
  if (!texts.length && !problems.length)
    problems.push({ file: "upload", message: "Geen artikelbestanden gevonden." });
  if (problems.length) return { ok: false, problems };
  // Dutch first, so that a new article exists before its translation.
  contents.sort((a, b) => (a.locale === b.locale ? 0 : a.locale === "nl" ? -1 : 1));
  return { ok: true, contents };
}

/** Applies an import in one transaction: all files or none. */
export async function applyImport(db: DB, actor: Actor, contents: ArticleContent[]) {
  return db.transaction(async (tx) => {
    const counts = { created: 0, updated: 0, translated: 0, unchanged: 0 };
    for (const content of contents) counts[await upsertPublishedContent(tx, actor, content)]++;
    await audit(tx, { actorId: actor.id, action: "article.import", subject: "kennisbank", details: counts });
    return counts;
  });
}
