// HTTP caching for the Express server (app/server/index.ts): the Cache-Control of every page
// response, ETags with 304 Not Modified, and a render cache for anonymous public pages.
//
// - An anonymous GET of a public page (allowlist below; also its single-fetch `.data` request)
//   is looked up in the render cache by URL (which holds the language: `/en/…`) and the database-wide
//   content version (db/schema/content.ts). A hit is sent without running Remix at all; a miss
//   is rendered, stored and sent. The version is read from the database on every such request,
//   so a publish, an import or an archive on any app server is visible on the very next request;
//   when it changes, the whole cache is dropped.
// - Such a response is `public` for shared caches (s-maxage, stale-while-revalidate), with an
//   ETag, and `Vary: Cookie` (a session cookie makes the page private).
// - A cached HTML page carries no nonce: its `nonce` attributes are removed and its CSP allows
//   exactly the SHA-256 hashes of its inline scripts, computed once per stored body. So no
//   nonce is ever sent twice.
// - Every other response of the app (session pages, member pages, forms) gets
//   `Cache-Control: private, no-store` unless its route set one itself.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { unlocalizedPath } from "#app/i18n/index.ts";
import { parseCookies } from "#app/lib/cookies.ts";
import { Lru } from "#app/lib/lru.ts";
import { expressOrigin } from "#app/lib/origin.ts";
import { SESSION_COOKIE_NAMES } from "#app/modules/auth/session.server.ts";
import { readContentVersion } from "#app/modules/content-version.server.ts";
import { contentSecurityPolicy } from "#app/modules/security.server.ts";
import type { DB } from "#db/client.server.ts";

/** Shared caches may keep a public page a minute and serve it stale for five while they refresh. */
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=60, stale-while-revalidate=300";
export const PRIVATE_CACHE_CONTROL = "private, no-store";

/** Pages that show the same to every anonymous reader (in one language) until content changes. */
const PUBLIC_PAGES = [
  /^\/$/,
  /^\/kennisbank$/,
  /^\/kennisbank\/[^/]+$/,
  /^\/dragers$/,
  /^\/dragers\/(herkennen|planner|samenwerken)$/,
  /^\/trends$/,
  /^\/bronnen(\/[^/]+)?$/,
];
/** The largest body kept; larger pages are sent but not stored. */
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;

/**
 * The page a path shows, in either language: `/kennisbank.data` and `/_root.data` (single
 * fetch) included, and `/en/kennisbank` or `/en.data` is `/kennisbank` or `/`.
 */
export function pagePath(pathname: string): string {
  if (pathname === "/_root.data") return "/";
  const page = pathname.endsWith(".data") ? pathname.slice(0, -".data".length) : pathname;
  return unlocalizedPath(page);
}

export function isPublicPage(pathname: string): boolean {
  const page = pagePath(pathname);
  return PUBLIC_PAGES.some((pattern) => pattern.test(page));
}

/** The inline scripts of an HTML page (no `src`), as the browser hashes them. */
export function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(match[1] ?? "")) continue;
    scripts.push(match[2] ?? "");
  }
  return scripts;
}

export function scriptHash(script: string): string {
  return `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;
}

type Entry = {
  status: number;
  headers: [string, string | number | string[]][];
  body: Buffer;
  gzip: Buffer | null;
  etag: string;
  /** The CSP for an HTML page (its scripts' hashes); null for data. */
  csp: string | null;
  bytes: number;
};

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

function acceptsGzip(req: Request): boolean {
  return req.acceptsEncodings("gzip", "identity") === "gzip";
}

/** Sets `value` as Cache-Control when the headers go out, unless the route set its own. */
function defaultCacheControl(res: Response, value: string) {
  // Read by wholeBodyCompression, which compresses before the headers are written.
  res.locals.defaultCacheControl = value;
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
    if (!this.getHeader("Cache-Control")) this.setHeader("Cache-Control", value);
    return writeHead.apply(this, args);
  } as Response["writeHead"];
}

function send(req: Request, res: Response, entry: Entry) {
  for (const [name, value] of entry.headers) res.setHeader(name, value);
  if (entry.csp) res.setHeader("Content-Security-Policy", entry.csp);
  res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
  res.setHeader("ETag", entry.etag);
  res.vary("Cookie");
  if (etagMatches(req.get("if-none-match"), entry.etag)) {
    res.removeHeader("Content-Type");
    res.status(304).end();
    return;
  }
  let body = entry.body;
  if (entry.gzip && acceptsGzip(req)) {
    body = entry.gzip;
    res.setHeader("Content-Encoding", "gzip");
    res.vary("Accept-Encoding");
  }
  res.setHeader("Content-Length", body.length);
  res.status(entry.status).end(body);
}

/** Headers a stored response must not repeat: they belong to one request. */
const REQUEST_HEADERS = new Set([
  "content-length",
  "content-encoding",
  "content-security-policy",
  "etag",
  "cache-control",
  "set-cookie",
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "vary",
]);

export type HttpCacheOptions = {
  db: DB;
  /** Megabytes of rendered pages kept per process (0: no render cache; ETags stay). */
  megabytes: number;
  /** Development: Vite's inline scripts need the relaxed CSP (security.server.ts). */
  dev?: boolean;
};

export type HttpCache = RequestHandler & { stats(): { hits: number; misses: number; size: number } };

export function httpCache({ db, megabytes, dev = false }: HttpCacheOptions): HttpCache {
  const cache = new Lru<string, Entry>(Math.max(0, megabytes) * 1024 * 1024, (entry) => entry.bytes);
  let seenVersion: string | null = null;
  let hits = 0;
  let misses = 0;

  const handler = async (req: Request, res: Response, next: NextFunction) => {
    const jar = parseCookies(req.headers.cookie);
    // Either name: this layer does not know whether the site is served over https.
    const anonymous = SESSION_COOKIE_NAMES.every((name) => !jar.get(name));
    if (req.method !== "GET" || !anonymous || !isPublicPage(req.path)) {
      defaultCacheControl(res, PRIVATE_CACHE_CONTROL);
      next();
      return;
    }
    let version: string;
    try {
      version = await readContentVersion(db);
    } catch {
      // Without the version nothing may be served from the cache; Remix shows its own error.
      defaultCacheControl(res, PRIVATE_CACHE_CONTROL);
      next();
      return;
    }
    if (version !== seenVersion) {
      cache.clear();
      seenVersion = version;
    }
    // The language is in the URL (`/en/…`), so the URL is the whole key.
    const key = `${expressOrigin(req)}${req.originalUrl}`;
    const hit = cache.get(key);
    if (hit) {
      hits++;
      send(req, res, hit);
      return;
    }
    misses++;
    capture(
      res,
      (body) => {
        const nonce = String(res.locals.cspNonce ?? "");
        const type = String(res.getHeader("Content-Type") ?? "");
        const storable =
          res.statusCode === 200 &&
          !res.getHeader("Set-Cookie") &&
          !res.getHeader("Cache-Control") &&
          /^(text\/html|text\/x-script)/.test(type);
        if (!storable) return null;
        let csp: string | null = null;
        if (type.startsWith("text/html")) {
          // The nonce goes: the page is the same for every reader, and its scripts are allowed by
          // their hashes instead.
          const html = nonce
            ? body.toString("utf8").replaceAll(` nonce="${nonce}"`, "")
            : body.toString("utf8");
          if (nonce && html.includes(nonce)) return null;
          body = Buffer.from(html, "utf8");
          csp = contentSecurityPolicy([...new Set(inlineScripts(html).map(scriptHash))], { dev });
        }
        const headers = Object.entries(res.getHeaders())
          .filter(([name, value]) => value !== undefined && !REQUEST_HEADERS.has(name.toLowerCase()))
          .map(([name, value]) => [name, value] as Entry["headers"][number]);
        const gzip = body.length > 1024 ? gzipSync(body) : null;
        const entry: Entry = {
          status: 200,
          headers,
          body,
          gzip,
          etag: `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
          csp,
          bytes: body.length + (gzip?.length ?? 0) + key.length + 512,
        };
        if (entry.bytes <= MAX_ENTRY_BYTES) cache.set(key, entry);
        return entry;
      },
      req,
    );
    next();
  };
  return Object.assign(handler, { stats: () => ({ hits, misses, size: cache.size }) });
}

/**
 * Holds back what Remix writes until it ends, then either sends the stored form (`finish`
 * returned an entry) or the response as written, with `private, no-store` unless it set its own.
 */
function capture(res: Response, finish: (body: Buffer) => Entry | null, req: Request) {
  const chunks: Buffer[] = [];
  const write = res.write;
  const end = res.end;
  const add = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(
      Buffer.isBuffer(chunk)
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
          : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"),
    );
  };
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    add(chunk, encoding);
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") queueMicrotask(() => (done as () => void)());
    return true;
  }) as Response["write"];
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    add(chunk, encoding);
    res.write = write;
    res.end = end;
    const body = Buffer.concat(chunks);
    let entry: Entry | null = null;
    try {
      entry = finish(body);
    } catch (error) {
      console.error(error);
    }
    if (entry) {
      send(req, res, entry);
    } else {
      if (!res.getHeader("Cache-Control")) res.setHeader("Cache-Control", PRIVATE_CACHE_CONTROL);
      if (!res.headersSent) res.setHeader("Content-Length", body.length);
      (end as (body: Buffer) => Response).call(res, body);
    }
    const done = [chunk, encoding, callback].find((value) => typeof value === "function");
    if (typeof done === "function") queueMicrotask(() => (done as () => void)());
    return res;
  }) as Response["end"];
}
