import compression from "compression";
import express from "express";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Actor,
  getPublishedArticle,
  saveRevision,
  setArchived,
  transitionRevision,
  upsertPublishedContent,
} from "#app/modules/kennisbank/articles.server.ts";
import { createNonce, securityHeaders } from "#app/modules/security.server.ts";
import { importSurveyFile } from "#app/modules/survey/import.server.ts";
import { type HttpCache, httpCache, inlineScripts, scriptHash } from "#app/server/http-cache.ts";
import { wholeBodyCompression } from "#app/server/whole-body-compression.ts";
import type { Database } from "#db/client.server.ts";
import { userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import {
  articleContent,
  createGroup,
  createIntervisionSession,
  joinGroup,
  system,
} from "#tests/support/factories.ts";
import { serveBuild, setupServerBuild } from "#tests/support/server-build.ts";
import { generateSurvey } from "#tests/support/survey.ts";

const serverBuild = setupServerBuild();

let database: Database;
let base: string;
let close: (() => Promise<void>) | undefined;
let cache: HttpCache;
beforeEach(async () => {
  database = await createTestDatabase();
  await upsertPublishedContent(database.db, system, articleContent());
  const app = express();
  // As app/server/index.ts: a fresh nonce and the production CSP per request, compression (a
  // page sent in one piece in one call), then the cache in front of Remix, whose pages are sent
  // in one piece.
  app.use((_req, res, next) => {
    const nonce = createNonce();
    res.locals.cspNonce = nonce;
    res.set(securityHeaders(nonce));
    next();
  });
  app.use(compression());
  app.use(wholeBodyCompression);
  cache = httpCache({ db: database.db, megabytes: 16 });
  app.use(cache);
  ({ base, close } = await serveBuild(serverBuild(), database, app));
});
afterEach(async () => {
  await close?.();
  await database?.close();
});

async function page(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(base + path, { headers });
  return { response, text: await response.text() };
}

describe("render cache", () => {
  it("serves an anonymous page from the cache until a publish, which the very next request shows", async () => {
    const first = await page("/kennisbank/proefartikel");
    expect(first.response.status).toBe(200);
    expect(first.text).toContain("Bewaar banden koel en droog.");
    const again = await page("/kennisbank/proefartikel");
    expect(cache.stats().hits).toBe(1);
    expect(again.text).toBe(first.text);
    expect(again.response.headers.get("etag")).toBe(first.response.headers.get("etag"));

    // A moderator publishes an edit: the next anonymous request has it.
    const published = await getPublishedArticle(database.db, "proefartikel", "nl");
    const moderator: Actor = { id: (await userWithSession(database.db, "moderator")).id, role: "moderator" };
    const saved = await saveRevision(database.db, moderator, {
      slug: "proefartikel",
      locale: "nl",
      title: "Proefartikel over opslag",
      summary: "Een korte samenvatting.",
      body: "## Klimaat\n\nBewaar banden bij 18 graden en 40 procent vocht.",
      data: { ...articleContent(), topics: ["storage"] } as never,
      baseRevisionId: published!.revisionId,
    });
    if (!saved.ok) throw new Error("conflict");
    await transitionRevision(database.db, moderator, saved.revisionId, "review");
    // Nothing public changed yet, but a review is a write: the cache may be dropped, the page
    // must still be the published one.
    expect((await page("/kennisbank/proefartikel")).text).toContain("Bewaar banden koel en droog.");
    await transitionRevision(database.db, moderator, saved.revisionId, "publish");
    const after = await page("/kennisbank/proefartikel");
    expect(after.text).toContain("Bewaar banden bij 18 graden en 40 procent vocht.");
    expect(after.response.headers.get("etag")).not.toBe(first.response.headers.get("etag"));
    // And its single-fetch data too.
    const data = await page("/kennisbank/proefartikel.data");
    expect(data.response.status).toBe(200);
    expect(data.text).toContain("18 graden");
  }, 120_000); // the first request makes Vite transform the app

  it("shows an archive at once: the article is gone from its page and from the kennisbank", async () => {
    expect((await page("/kennisbank")).text).toContain("Proefartikel over opslag");
    expect((await page("/kennisbank")).text).toContain("Proefartikel over opslag");
    expect(cache.stats().hits).toBe(1);
    await setArchived(database.db, system, "proefartikel", true);
    expect((await page("/kennisbank")).text).not.toContain("Proefartikel over opslag");
    expect((await page("/kennisbank/proefartikel")).response.status).not.toBe(200);
  });

  it("shows a survey import on /trends at once", async () => {
    const before = await page("/trends");
    expect(before.response.status).toBe(200);
    await page("/trends");
    expect(cache.stats().hits).toBe(1);
    const imported = await importSurveyFile(database.db, {
      fileName: "a.csv",
      content: generateSurvey(60, 1),
      actorId: null,
      via: "cli",
    });
    expect(imported.ok).toBe(true);
    const after = await page("/trends");
    expect(after.response.status).toBe(200);
    expect(after.text).not.toBe(before.text);
    expect(after.text).toContain("60");
  });

  it("keeps the languages apart by URL, whatever an old language cookie says", async () => {
    const nl = await page("/kennisbank");
    const en = await page("/en/kennisbank");
    const oldCookie = await page("/kennisbank", { cookie: "taal=en" });
    expect(nl.text).toContain('lang="nl"');
    expect(en.text).toContain('lang="en"');
    expect(oldCookie.text).toBe(nl.text);
    // English pages are cached and revalidated like Dutch ones.
    expect(en.response.headers.get("etag")).toBeTruthy();
    expect(en.response.headers.get("cache-control")).toMatch(/public/);
    const hits = cache.stats().hits;
    expect((await page("/en/kennisbank")).text).toBe(en.text);
    expect(cache.stats().hits).toBe(hits + 1);
    // A session cookie still makes a page private, so shared caches keep one per cookie.
    expect(en.response.headers.get("vary")).toMatch(/Cookie/i);
  });

  it("stores the plain page and sends each reader the encoding asked for", async () => {
    const member = await userWithSession(database.db, "member", "Ineke Lid");
    // The cache keeps a gzipped copy, which it sends to anyone who takes gzip; a member's page is
    // compressed as it goes out, with brotli when the browser offers it.
    const asked = [
      ["gzip, deflate, br", "gzip", {}],
      ["gzip", "gzip", {}],
      ["identity", null, {}],
      ["gzip, deflate, br", "br", { cookie: member.cookie }],
      ["gzip", "gzip", { cookie: member.cookie }],
    ] as const;
    for (const [accept, encoding, headers] of asked) {
      const { response, text } = await page("/kennisbank/proefartikel", {
        "accept-encoding": accept,
        ...headers,
      });
      expect(response.headers.get("content-encoding"), accept).toBe(encoding);
      expect(text).toContain("Bewaar banden koel en droog.");
      expect(text.includes("Ineke Lid")).toBe("cookie" in headers);
    }
    // The first anonymous request stored the page, the others were served from it.
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 1 });
  });

  it("answers 304 to a matching ETag, for the page and its data request", async () => {
    for (const path of ["/kennisbank/proefartikel", "/kennisbank/proefartikel.data"]) {
      const first = await page(path);
      const etag = first.response.headers.get("etag");
      expect(etag).toBeTruthy();
      expect(first.response.headers.get("cache-control")).toMatch(
        /public.*s-maxage=\d+.*stale-while-revalidate=\d+/,
      );
      const second = await fetch(base + path, { headers: { "if-none-match": etag! } });
      expect(second.status).toBe(304);
      expect(await second.text()).toBe("");
    }
  });

  it("never stores or shares a page that depends on a session", async () => {
    const member = await userWithSession(database.db, "member", "Ineke Lid");
    const anonymous = await page("/kennisbank/proefartikel");
    const signedIn = await page("/kennisbank/proefartikel", { cookie: member.cookie });
    expect(signedIn.text).toContain("Ineke Lid");
    expect(anonymous.text).not.toContain("Ineke Lid");
    expect(signedIn.response.headers.get("cache-control")).toBe("private, no-store");
    expect(signedIn.response.headers.get("etag")).toBeNull();
    for (const path of ["/account", "/meldingen", "/instelling", "/account.data", "/inloggen"]) {
      const response = await fetch(base + path, { headers: { cookie: member.cookie }, redirect: "manual" });
      await response.arrayBuffer();
      expect(response.headers.get("cache-control"), path).toBe("private, no-store");
    }
    // The next anonymous reader still gets the anonymous page.
    expect((await page("/kennisbank/proefartikel")).text).not.toContain("Ineke Lid");
  });

  it("sends private, no-store on member pages and their data requests, a session with notes too", async () => {
    // Issue #24, finding 11: nothing that depends on a session may be kept by a browser or proxy.
    const member = await userWithSession(database.db, "member", "Ineke Lid");
    const groupId = await createGroup(database.db, { name: "Groep Opslag" });
    await joinGroup(database.db, groupId, member);
    const sessionId = await createIntervisionSession(database.db, groupId, {
      startsAt: new Date(Date.now() - 86_400_000),
      createdBy: member.id,
      notes: "Vertrouwelijk: het depot lekt.",
    });
    const sessionPage = await page(`/intervisie/sessies/${sessionId}`, { cookie: member.cookie });
    expect(sessionPage.response.status).toBe(200);
    expect(sessionPage.text).toContain("Vertrouwelijk: het depot lekt.");
    const paths = [
      "/account",
      "/account.data",
      "/meldingen",
      "/meldingen.data",
      "/instelling",
      "/instelling.data",
      `/intervisie/groepen/${groupId}`,
      `/intervisie/groepen/${groupId}.data`,
      `/intervisie/sessies/${sessionId}`,
      `/intervisie/sessies/${sessionId}.data`,
    ];
    for (const path of paths) {
      const { response, text } = await page(path, { cookie: member.cookie });
      expect(response.status, path).toBe(200);
      if (path.startsWith("/intervisie/sessies/")) expect(text, path).toContain("het depot lekt");
      expect(response.headers.get("cache-control"), path).toBe("private, no-store");
      expect(response.headers.get("etag"), path).toBeNull();
    }
  });

  it("takes the __Host- session cookie of a site over https for a session too", async () => {
    const member = await userWithSession(database.db, "member");
    await page("/kennisbank/proefartikel");
    const secure = await page("/kennisbank/proefartikel", { cookie: `__Host-avk_sessie=${member.token}` });
    expect(secure.response.headers.get("cache-control")).toBe("private, no-store");
    expect(secure.response.headers.get("etag")).toBeNull();
  });
});

describe("CSP on cached pages", () => {
  const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1] ?? null;

  it("allows every inline script of a cached page by its hash, and sends no nonce", async () => {
    for (const path of ["/", "/kennisbank", "/kennisbank/proefartikel", "/trends"]) {
      for (let i = 0; i < 2; i++) {
        const { response, text } = await page(path);
        const csp = response.headers.get("content-security-policy") ?? "";
        expect(csp).not.toContain("unsafe-inline");
        expect(nonceOf(csp), path).toBeNull();
        expect(text).not.toMatch(/\snonce="/);
        const scripts = inlineScripts(text);
        expect(scripts.length).toBeGreaterThan(0);
        const allowed = /script-src ([^;]*)/.exec(csp)![1]!.split(" ");
        for (const script of scripts) expect(allowed, path).toContain(scriptHash(script));
      }
    }
  });

  it("never sends the same nonce twice", async () => {
    const member = await userWithSession(database.db, "member");
    const seen = new Set<string>();
    const paths = ["/inloggen", "/inloggen", "/account", "/account", "/", "/kennisbank/proefartikel"];
    for (const path of paths) {
      const headers = path === "/account" ? { cookie: member.cookie } : ({} as Record<string, string>);
      const { response, text } = await page(path, headers);
      const nonce = nonceOf(response.headers.get("content-security-policy"));
      const inBody = [...text.matchAll(/\snonce="([^"]*)"/g)].map((m) => m[1]!);
      for (const value of inBody) expect(value).toBe(nonce);
      if (nonce) {
        expect(seen.has(nonce), `${path}: nonce sent before`).toBe(false);
        seen.add(nonce);
      }
    }
    expect(seen.size).toBe(4);
  });
});
