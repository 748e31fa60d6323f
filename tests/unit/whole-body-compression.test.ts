import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from "node:zlib";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simpleEncoding, wholeBodyCompression } from "#app/server/whole-body-compression.ts";

const page = `<!DOCTYPE html><html><body>${"<p>Bewaar banden koel en droog.</p>".repeat(200)}</body></html>`;

let server: Server;
let port: number;
beforeAll(async () => {
  const app = express();
  // As app/server/index.ts.
  app.use(compression());
  app.use(wholeBodyCompression);
  app.get("/heel", (_req, res) => {
    res.type("text/html; charset=utf-8").end(Buffer.from(page));
  });
  app.get("/in-delen", (_req, res) => {
    res.type("text/html; charset=utf-8");
    res.write(page.slice(0, 3000));
    res.end(page.slice(3000));
  });
  app.get("/prive", (_req, res) => {
    res.type("text/html; charset=utf-8").set("Cache-Control", "private, no-store").end(Buffer.from(page));
  });
  app.get("/prive-standaard", (_req, res) => {
    // As httpCache does for a member page: the header itself comes only with writeHead.
    res.locals.defaultCacheControl = "private, no-store";
    res.type("text/html; charset=utf-8").end(Buffer.from(page));
  });
  app.get("/klein", (_req, res) => {
    res.type("text/html; charset=utf-8").end(Buffer.from("<p>kort</p>"));
  });
  app.get("/no-transform", (_req, res) => {
    res.type("text/html").set("Cache-Control", "no-transform").end(Buffer.from(page));
  });
  app.get("/png", (_req, res) => {
    res.type("image/png").end(Buffer.alloc(5000, 7));
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** The raw answer: headers and the bytes as sent (fetch would decode them). */
function raw(path: string, headers: Record<string, string>, method = "GET") {
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path, headers, method }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end();
    },
  );
}

function decoded(answer: { headers: Record<string, unknown>; body: Buffer }): string {
  const encoding = answer.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(answer.body).toString("utf8");
  if (encoding === "gzip") return gunzipSync(answer.body).toString("utf8");
  return answer.body.toString("utf8");
}

describe("compression of a body sent in one piece", () => {
  it("chooses the encoding compression would for the headers browsers send", () => {
    expect(simpleEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(simpleEncoding("gzip")).toBe("gzip");
    expect(simpleEncoding("deflate")).toBeNull();
    expect(simpleEncoding("br;q=0.5, gzip")).toBeNull();
    expect(simpleEncoding("*")).toBeNull();
    expect(simpleEncoding(undefined)).toBeNull();
  });

  it("compresses a private body at the fastest levels and a shareable one at the usual", async () => {
    const brotli = (quality: number) =>
      brotliCompressSync(Buffer.from(page), {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: quality,
          [constants.BROTLI_PARAM_SIZE_HINT]: page.length,
        },
      });
    for (const path of ["/prive", "/prive-standaard"]) {
      const gzip = await raw(path, { "accept-encoding": "gzip" });
      expect(gzip.body.equals(gzipSync(Buffer.from(page), { level: 1 }))).toBe(true);
      expect(decoded(gzip)).toBe(page);
      const br = await raw(path, { "accept-encoding": "br" });
      expect(br.body.equals(brotli(1))).toBe(true);
    }
    const shared = await raw("/heel", { "accept-encoding": "gzip" });
    expect(shared.body.equals(gzipSync(Buffer.from(page), { level: 6 }))).toBe(true);
    expect((await raw("/heel", { "accept-encoding": "br" })).body.equals(brotli(4))).toBe(true);
  });

  it("compresses a whole page in one go, with its length and Vary", async () => {
    for (const [accept, encoding] of [
      ["gzip", "gzip"],
      ["gzip, deflate, br", "br"],
    ] as const) {
      const answer = await raw("/heel", { "accept-encoding": accept });
      expect(answer.headers["content-encoding"]).toBe(encoding);
      expect(answer.headers["content-length"]).toBe(String(answer.body.length));
      expect(answer.headers.vary).toBe("Accept-Encoding");
      expect(answer.body.length).toBeLessThan(page.length / 10);
      expect(decoded(answer)).toBe(page);
    }
  });

  it("leaves every other case to the compression middleware, which answers as before", async () => {
    // q-values: compression negotiates (gzip here), streamed.
    const weighted = await raw("/heel", { "accept-encoding": "br;q=0.5, gzip" });
    expect(weighted.headers["content-encoding"]).toBe("gzip");
    expect(weighted.headers["transfer-encoding"]).toBe("chunked");
    expect(decoded(weighted)).toBe(page);
    // A body written in parts streams through compression.
    const parts = await raw("/in-delen", { "accept-encoding": "gzip" });
    expect(parts.headers["content-encoding"]).toBe("gzip");
    expect(decoded(parts)).toBe(page);
    // Too small, no-transform, not text, not accepted, HEAD: sent as it is.
    expect((await raw("/klein", { "accept-encoding": "gzip" })).headers["content-encoding"]).toBeUndefined();
    const noTransform = await raw("/no-transform", { "accept-encoding": "gzip" });
    expect(noTransform.headers["content-encoding"]).toBeUndefined();
    expect(noTransform.body.toString("utf8")).toBe(page);
    expect((await raw("/png", { "accept-encoding": "gzip" })).headers["content-encoding"]).toBeUndefined();
    const plain = await raw("/heel", { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toBe(page);
    const head = await raw("/heel", { "accept-encoding": "gzip" }, "HEAD");
    expect(head.body.length).toBe(0);
  });
});
