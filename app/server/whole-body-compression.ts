// Compression of a body sent in one piece (issue #21). The `compression` middleware gives every
// response a zlib stream of its own, which runs on libuv's thread pool: for a 15 KB page that
// cost about four times the CPU of compressing the same bytes in one synchronous call (stream
// set-up, thread hand-offs), 7 % of a member page's CPU in a profile. Pages are sent in one
// `end` (request-guards.server.ts, `sendBody`), so this middleware, placed after `compression`,
// compresses such a body in one call, with the same encodings and levels as the middleware
// (brotli quality 4, gzip's default level; the fastest levels for a private body, see levelsFor),
// and marks it encoded, so that `compression` passes
// it on untouched. Everything else (a streamed body, an unusual Accept-Encoding, a small or
// already encoded body) is left to `compression` as before.
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { NextFunction, Request, Response } from "express";

/** As `compression`: smaller bodies are not worth it. */
export const THRESHOLD_BYTES = 1024;

/**
 * The encoding `compression` would choose, for the plain headers browsers send (a list without
 * q-values or `*`): brotli when offered, else gzip. null: leave it to `compression`.
 */
export function simpleEncoding(acceptEncoding: string | undefined): "br" | "gzip" | null {
  if (!acceptEncoding || /[;*]/.test(acceptEncoding)) return null;
  const offered = acceptEncoding.split(",").map((token) => token.trim().toLowerCase());
  if (offered.includes("br")) return "br";
  if (offered.includes("gzip")) return "gzip";
  return null;
}

/** Types `compression` compresses that our pages and data are sent as. */
function isCompressible(contentType: string): boolean {
  return /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/i.test(contentType);
}

/**
 * A body compressed for one reader only (`private` or `no-store`: a member page, an API answer)
 * is compressed for every request, so it gets the fastest levels: brotli quality 1 and gzip
 * level 1 took a quarter and two thirds of the CPU of quality 4 and level 6 for a 69 KB page,
 * for 16 % and 14 % more bytes (docs/benchmarks.md). Anything a cache may keep gets the usual
 * levels.
 */
export function levelsFor(cacheControl: string): { brotli: number; gzip: number } {
  return /\b(private|no-store)\b/i.test(cacheControl) ? { brotli: 1, gzip: 1 } : { brotli: 4, gzip: 6 };
}

function encode(body: Buffer, encoding: "br" | "gzip", cacheControl: string): Buffer {
  const levels = levelsFor(cacheControl);
  return encoding === "br"
    ? brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: levels.brotli,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipSync(body, { level: levels.gzip });
}

export function wholeBodyCompression(req: Request, res: Response, next: NextFunction) {
  const encoding = req.method === "HEAD" ? null : simpleEncoding(req.headers["accept-encoding"]);
  if (!encoding) {
    next();
    return;
  }
  const write = res.write;
  const end = res.end;
  const restore = () => {
    res.write = write;
    res.end = end;
  };
  // A body written in parts is streamed through `compression` as before.
  res.write = function (this: Response, ...args: unknown[]) {
    restore();
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as Response["write"];
  res.end = function (this: Response, ...args: unknown[]) {
    restore();
    const [chunk] = args;
    const cacheControl = String(res.getHeader("Cache-Control") ?? "");
    if (
      !Buffer.isBuffer(chunk) ||
      chunk.length < THRESHOLD_BYTES ||
      res.headersSent ||
      res.getHeader("Content-Encoding") ||
      res.statusCode === 204 ||
      res.statusCode === 304 ||
      /\bno-transform\b/i.test(cacheControl) ||
      !isCompressible(String(res.getHeader("Content-Type") ?? ""))
    )
      return (end as (...a: unknown[]) => Response).apply(this, args);
    // A route's own Cache-Control, else the one httpCache will give the response.
    const encoded = encode(chunk, encoding, cacheControl || String(res.locals.defaultCacheControl ?? ""));
    res.vary("Accept-Encoding");
    res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", encoded.length);
    const callback = args.find((arg) => typeof arg === "function");
    return (end as (...a: unknown[]) => Response).call(this, encoded, callback);
  } as Response["end"];
  next();
}
