// Guards in front of Remix (called from app/server/index.ts): which methods the app answers,
// which request bodies it reads and how large they may be, characters no page accepts, and the
// Remix request handler that reads the checked body instead of the socket. Every refusal is a
// short plain-text message in the visitor's language, never a stack trace.
import { createRequestHandler as createNodeHandler, type ServerBuild } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from "express";
import { localeFromPath, type MessageKey, translate, unlocalizedPath } from "#app/i18n/index.ts";

/** Forms (every page but the uploads below): registration, articles, notes. */
export const FORM_LIMIT_BYTES = 1024 * 1024;
/** The two upload forms: the survey CSV (20 MB) and the kennisbank import (10 MB), plus envelope. */
export const UPLOAD_LIMIT_BYTES = 21 * 1024 * 1024;
const UPLOAD_PATHS = ["/beheer/enquete", "/beheer/kennisbank/import"];

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const WITHOUT_BODY = new Set(["GET", "HEAD", "OPTIONS"]);

type Locals = { checkedBody?: Buffer };

function message(req: ExpressRequest, key: MessageKey, values: Record<string, string> = {}): string {
  const locale = localeFromPath(req.path);
  return translate(locale, key, values);
}

function refuse(res: ExpressResponse, status: number, text: string, close = false) {
  if (close) res.set("Connection", "close");
  res.status(status).type("text/plain; charset=utf-8").set("Cache-Control", "no-store").send(text);
}

/** The body limit for a path: uploads have their own, every other form a small one. */
export function bodyLimitFor(pathname: string): number {
  const path = unlocalizedPath(pathname.replace(/\.data$/, "").replace(/\/+$/, "") || "/");
  return UPLOAD_PATHS.includes(path) ? UPLOAD_LIMIT_BYTES : FORM_LIMIT_BYTES;
}

/** The media type of a Content-Type header, lower case, without parameters. */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

/** True when the text has a NUL (or another character no database text column accepts). */
export function hasForbiddenCharacter(text: string): boolean {
  return text.includes("\u0000");
}

/** The path and query decoded; null when their percent-encoding is broken. */
function decodedTarget(url: string): string | null {
  try {
    const [path = "", query = ""] = url.split("?", 2);
    let decoded = decodeURIComponent(path);
    for (const [key, value] of new URLSearchParams(query)) decoded += `\n${key}\n${value}`;
    return decoded;
  } catch {
    return null;
  }
}

/**
 * Methods the app does not answer (TRACE, CONNECT, PROPFIND…) get 405 with the allowed ones;
 * addresses with broken percent-encoding or a NUL character get 400.
 */
export function guardMethodAndTarget(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  if (!METHODS.has(req.method)) {
    res.set("Allow", [...METHODS].join(", "));
    refuse(res, 405, message(req, "http.method", { method: req.method }));
    return;
  }
  const target = decodedTarget(req.originalUrl);
  if (target === null || hasForbiddenCharacter(target)) {
    refuse(res, 400, message(req, "http.badInput"));
    return;
  }
  next();
}

function formatLimit(bytes: number) {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/**
 * Reads the body of every request that has one, before anything parses it: only forms
 * (urlencoded or multipart with a boundary) are accepted (400 otherwise), and never more than
 * the path's limit (413, also for chunked bodies: reading stops at the limit and the connection
 * is closed). A multipart body that does not parse, or a form field with a NUL, is a 400. The
 * checked body is kept for the Remix handler below.
 */
export function guardBody(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  if (WITHOUT_BODY.has(req.method)) {
    next();
    return;
  }
  const limit = bodyLimitFor(req.path);
  const declared = req.get("content-length");
  if (declared !== undefined && Number(declared) > limit) {
    refuse(res, 413, message(req, "http.tooLarge", { limit: formatLimit(limit) }), true);
    req.resume();
    return;
  }
  const type = mediaType(req.get("content-type"));
  const contentType = req.get("content-type") ?? "";
  const isForm =
    type === "application/x-www-form-urlencoded" ||
    (type === "multipart/form-data" && /;\s*boundary=/i.test(contentType));
  if (!isForm) {
    refuse(res, 400, message(req, "http.badBody"));
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  const finish = (handler: () => void) => {
    if (done) return;
    done = true;
    req.off("data", onData);
    handler();
  };
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      finish(() => {
        // Stop keeping it: what was read is dropped, the rest is discarded as it arrives (node
        // drains an unread body after the answer; its requestTimeout ends a sender that goes on).
        // Closing the socket at once would reset it before the client reads the 413.
        chunks.length = 0;
        refuse(res, 413, message(req, "http.tooLarge", { limit: formatLimit(limit) }));
        req.resume();
      });
      return;
    }
    chunks.push(chunk);
  };
  req.on("data", onData);
  req.once("error", () => finish(() => req.socket.destroy()));
  req.once("end", () =>
    finish(() => {
      const body = Buffer.concat(chunks);
      checkForm(type, contentType, body).then(
        (ok) => {
          if (!ok) {
            refuse(res, 400, message(req, ok === false ? "http.badBody" : "http.badInput"));
            return;
          }
          (res.locals as Locals).checkedBody = body;
          next();
        },
        (error: unknown) => next(error),
      );
    }),
  );
}

/** true: a readable form without NUL characters; false: unreadable; null: a NUL in a field. */
async function checkForm(type: string, contentType: string, body: Buffer): Promise<boolean | null> {
  if (type === "application/x-www-form-urlencoded") {
    const text = body.toString("utf8");
    for (const [key, value] of new URLSearchParams(text)) {
      if (hasForbiddenCharacter(key) || hasForbiddenCharacter(value)) return null;
    }
    return true;
  }
  let form: FormData;
  try {
    form = await new Response(body as unknown as BodyInit, {
      headers: { "content-type": contentType },
    }).formData();
  } catch {
    return false;
  }
  for (const [key, value] of form) {
    if (hasForbiddenCharacter(key)) return null;
    // Files are checked by their importer (which reports the line); text fields here.
    if (typeof value === "string" && hasForbiddenCharacter(value)) return null;
  }
  return true;
}

function remixHeaders(requestHeaders: ExpressRequest["headers"]): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  return headers;
}

/**
 * As `createRequestHandler` of @remix-run/express, but the body is the one `guardBody` read
 * and checked, not the socket.
 */
export function createRequestHandler<Context>({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => Context;
}) {
  const handle = createNodeHandler(build, mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      // req.hostname and req.protocol follow the "trust proxy" setting; so does the port.
      const trusted = req.app.get("trust proxy fn")(req.socket.remoteAddress, 0) as boolean;
      const host = (trusted && req.get("x-forwarded-host")) || req.get("host") || "";
      const port = Number.parseInt(/:(\d+)$/.exec(host)?.[1] ?? "", 10);
      const url = new URL(
        `${req.protocol}://${req.hostname}${Number.isSafeInteger(port) ? `:${port}` : ""}${req.originalUrl}`,
      );
      let controller: AbortController | null = new AbortController();
      const init: RequestInit & { duplex?: "half" } = {
        method: req.method,
        headers: remixHeaders(req.headers),
        signal: controller.signal,
      };
      const body = (res.locals as Locals).checkedBody;
      if (body !== undefined) init.body = body as unknown as BodyInit;
      res.on("finish", () => {
        controller = null;
      });
      res.on("close", () => controller?.abort());
      const response = await handle(new Request(url.href, init), getLoadContext(req, res) as never);
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [key, value] of response.headers.entries()) res.append(key, value);
      if (response.body) await sendBody(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}

/** A body up to this size is sent in one piece; a larger one is streamed from there on. */
export const COALESCE_BYTES = 256 * 1024;

/**
 * Writes a Remix response body to Express. React and single fetch produce a page in many small
 * chunks; written one by one, each goes through gzip with a flush of its own (compression's
 * `res.flush`, which Remix's `writeReadableStreamToWritable` calls after every chunk). So the
 * chunks are gathered and sent with one `end`, which compresses the page in one go. A body
 * larger than COALESCE_BYTES (a long export) is streamed from that point on, chunk by chunk.
 */
/** A chunk as a Buffer over the same memory. */
function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

async function sendBody(stream: ReadableStream<Uint8Array>, res: ExpressResponse): Promise<void> {
  const reader = stream.getReader();
  const flushable = res as ExpressResponse & { flush?: () => void };
  let chunks: Uint8Array[] | null = [];
  let gathered = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        if (chunks)
          res.end(chunks.length === 1 ? asBuffer(chunks[0] as Uint8Array) : Buffer.concat(chunks, gathered));
        else res.end();
        return;
      }
      if (chunks) {
        chunks.push(value);
        gathered += value.byteLength;
        if (gathered <= COALESCE_BYTES) continue;
        res.write(Buffer.concat(chunks, gathered));
        chunks = null;
      } else {
        res.write(value);
      }
      if (typeof flushable.flush === "function") flushable.flush();
    }
  } catch (error) {
    res.destroy(error as Error);
    throw error;
  }
}
