import { strFromU8, strToU8, Unzip, UnzipInflate, zipSync } from "fflate";
import type { LaterMessage } from "#app/lib/errors.ts";
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
/** How much all .md files of an import may take once unpacked, together (issue #24, finding 13). */
export const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;
/** How much one .md file in a zip may take once unpacked. */
export const MAX_UNZIPPED_ENTRY_BYTES = 5 * 1024 * 1024;
/**
 * The zip is fed to the inflater in slices this size: DEFLATE expands at most about 1032 times,
 * so one slice never inflates to more than about 4 MB before the count is checked.
 */
const UNZIP_SLICE = 4 * 1024;
/** The most one slice can unpack to: DEFLATE's largest ratio is 1032 to 1. */
export const UNZIP_SLICE_MAX_BYTES = UNZIP_SLICE * 1032;

const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));

type Unzipped =
  | { ok: true; entries: { name: string; bytes: Uint8Array }[]; inflated: number }
  /** `inflated`: the bytes unpacked before it stopped (a bomb stops within one slice of a limit). */
  | { ok: false; message: LaterMessage; inflated: number };

/**
 * The .md entries of a zip, inflated as a stream that stops as soon as one entry passes
 * MAX_UNZIPPED_ENTRY_BYTES or everything (with `already`, unpacked from earlier zips of the
 * same import) passes `limit`: a small zip that unpacks to gigabytes
 * (a zip bomb) costs at most a few megabytes and milliseconds. The sizes the zip declares are
 * not trusted; only the bytes that come out count.
 */
export function unzipArticles(
  bytes: Uint8Array,
  { limit = MAX_UNZIPPED_BYTES, already = 0 }: { limit?: number; already?: number } = {},
): Unzipped {
  const entries: { name: string; bytes: Uint8Array }[] = [];
  let inflated = 0;
  let stop: LaterMessage | null = null;
  const unzip = new Unzip((file) => {
    const base = file.name.split("/").pop() ?? "";
    if (!file.name.toLowerCase().endsWith(".md") || base.startsWith(".")) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, data, final) => {
      if (stop) return;
      if (error) {
        stop = { key: "error.kbImport.unreadableZip" };
        return;
      }
      size += data.length;
      inflated += data.length;
      if (size > MAX_UNZIPPED_ENTRY_BYTES) {
        stop = {
          key: "error.kbImport.entryTooBig",
          params: { name: file.name, mb: megabytes(MAX_UNZIPPED_ENTRY_BYTES) },
        };
        file.terminate();
        return;
      }
      if (already + inflated > limit) {
        stop = { key: "error.kbImport.zipTooBig", params: { mb: megabytes(limit) } };
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) {
        const whole = new Uint8Array(size);
        let at = 0;
        for (const chunk of chunks) {
          whole.set(chunk, at);
          at += chunk.length;
        }
        entries.push({ name: file.name, bytes: whole });
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !stop; at += UNZIP_SLICE) {
      const end = Math.min(at + UNZIP_SLICE, bytes.length);
      unzip.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch {
    return { ok: false, message: { key: "error.kbImport.unreadableZip" }, inflated };
  }
  if (stop) return { ok: false, message: stop, inflated };
  return { ok: true, entries, inflated };
}

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
      problems: [
        {
          file: "upload",
          message: { key: "error.kbImport.filesTooBig", params: { mb: megabytes(MAX_IMPORT_BYTES) } },
        },
      ],
    };
  }
  const texts: { name: string; text: string }[] = [];
  // Unpacked bytes of every zip so far: several zips share one MAX_UNZIPPED_BYTES.
  let unpacked = 0;
  for (const upload of uploads) {
    if (upload.name.toLowerCase().endsWith(".zip")) {
      const unzipped = unzipArticles(upload.bytes, { already: unpacked });
      if (!unzipped.ok) {
        // Nothing of this upload is read, and with a problem nothing at all is imported.
        problems.push({ file: upload.name, message: unzipped.message });
        continue;
      }
      unpacked += unzipped.inflated;
      for (const { name, bytes } of unzipped.entries) {
        if (name.toLowerCase().endsWith("readme.md")) continue;
        texts.push({ name: `${upload.name}/${name}`, text: strFromU8(bytes) });
      }
    } else if (upload.name.toLowerCase().endsWith(".md")) {
      texts.push({ name: upload.name, text: new TextDecoder("utf-8").decode(upload.bytes) });
    } else {
      problems.push({ file: upload.name, message: { key: "error.kbImport.onlyMarkdown" } });
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
        message: {
          key: "error.kbImport.duplicate",
          params: { slug: parsed.content.slug, locale: parsed.content.locale, earlier },
        },
      });
      continue;
    }
    seen.set(key, name);
    contents.push(parsed.content);
  }
  if (!texts.length && !problems.length)
    problems.push({ file: "upload", message: { key: "error.kbImport.noArticles" } });
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
