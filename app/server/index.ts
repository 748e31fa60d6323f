// The HTTP server: express around Remix's request handler. Run by `npm start` (production,
// after the build) and `npm run dev` (Vite in middleware mode). It validates the environment,
// opens the database, applies migrations, seeds an empty database, then serves.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { localeFromPath, translate } from "#app/i18n/index.ts";
import { expressOrigin } from "#app/lib/origin.ts";
import { isSameOriginRequest } from "#app/modules/auth/origin.server.ts";
import { AccountError } from "#app/modules/auth/users.server.ts";
import { type AppContext, loaderSharing } from "#app/modules/context.server.ts";
import { type Env, EnvError, loadEnv } from "#app/modules/env.server.ts";
import { startJobs } from "#app/modules/jobs.server.ts";
import { reindexStaleSources } from "#app/modules/kennisbank/sources.server.ts";
import { createRequestHandler, guardBody, guardMethodAndTarget } from "#app/modules/request-guards.server.ts";
import { createNonce, securityHeaders, startupWarnings } from "#app/modules/security.server.ts";
import { httpCache } from "#app/server/http-cache.ts";
import { rememberRouteMatches } from "#app/server/route-matching.ts";
import { rememberRouteTrees } from "#app/server/route-trees.ts";
import { wholeBodyCompression } from "#app/server/whole-body-compression.ts";
import { type Database, describeStartError, openDatabase } from "#db/client.server.ts";
import {
  describeSeed,
  ensureConfiguredAdmin,
  isEmpty,
  seed,
  seedOptionsFromEnv,
} from "#db/seed/index.server.ts";
import { createSearchService } from "#search/service.ts";

const started = performance.now();

// V8 lets the heap grow far past what is live before it collects (on a machine with GBs free):
// under load a server with about 100 MB live reached 500+ MB RSS. Doubling at most between
// collections keeps it near 300 MB, at no CPU cost we could measure (docs/benchmarks.md, #21).
v8.setFlagsFromString("--heap-growing-percent=100");

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let env: Env;
try {
  env = loadEnv();
} catch (error) {
  fail(error instanceof EnvError ? error.message : String(error));
}
const dev = env.NODE_ENV === "development";

let database: Database;
try {
  database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  await database.migrate();
  if (await isEmpty(database.db)) {
    const summary = await seed(database.db, seedOptionsFromEnv(env));
    console.log(`Lege database gevuld met de seed: ${describeSeed(summary)}.`);
  } else {
    if ((await ensureConfiguredAdmin(database.db, seedOptionsFromEnv(env))) === "created") {
      console.log(`Beheerder ${env.ADMIN_EMAIL} aangemaakt (ADMIN_EMAIL, ADMIN_PASSWORD).`);
    }
    // Sources a migration changed (0019_source_titles) are found by search as they are now.
    const stale = await reindexStaleSources(database.db);
    if (stale.length) console.log(`Zoekindex bijgewerkt voor ${stale.length} gewijzigde bronnen.`);
  }
} catch (error) {
  const message = describeStartError(error);
  fail(
    error instanceof AccountError
      ? `De eerste beheerder (ADMIN_EMAIL, ADMIN_PASSWORD) kon niet worden aangemaakt: ${message}`
      : `De database kon niet worden geopend: ${message}`,
  );
}

const search = createSearchService(database.db, {
  meiliUrl: env.MEILI_URL,
  meiliApiKey: env.MEILI_API_KEY,
  cacheSize: env.SEARCH_CACHE_SIZE,
  rankInDatabase: env.SEARCH_RANK_IN_DATABASE === "1",
});
const stopJobs = startJobs(database.db, search, env);

const app = express();
app.disable("x-powered-by");
// Only the proxies TRUST_PROXY names may say who the client is (default: none).
app.set("trust proxy", env.TRUST_PROXY);
for (const warning of startupWarnings(env)) console.warn(warning);

app.use((_req, res, next) => {
  const nonce = createNonce();
  res.locals.cspNonce = nonce;
  res.set(securityHeaders(nonce, { dev }));
  next();
});
app.use(compression());
// A page sent in one piece is compressed in one call instead of through a stream.
app.use(wholeBodyCompression);

// Every state-changing request must come from this site (besides SameSite cookies).
app.use((req, res, next) => {
  const site = env.APP_ORIGIN ?? expressOrigin(req);
  if (isSameOriginRequest(req.method, { origin: req.get("origin"), referer: req.get("referer") }, site)) {
    next();
    return;
  }
  res
    .status(403)
    .type("text/plain; charset=utf-8")
    .send(translate(localeFromPath(req.path), "error.crossSite"));
});

// Methods, addresses and bodies are checked (and bodies limited) before anything parses them.
app.use(guardMethodAndTarget);

// Remix matches each URL against all routes several times per request; the answers are kept.
rememberRouteMatches();
// The route trees Remix builds for every page are built once per build.
rememberRouteTrees();
let build: ServerBuild | (() => Promise<ServerBuild>);
if (dev) {
  const vite = await import("vite");
  const viteServer = await vite.createServer({ server: { middlewareMode: true } });
  app.use(viteServer.middlewares);
  build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
} else {
  const serverBuild = path.resolve("build/server/index.js");
  if (!existsSync(serverBuild))
    fail("Er is nog geen build: voer eerst `npm run build` uit (of `npm start`).");
  build = (await import(pathToFileURL(serverBuild).href)) as ServerBuild;
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y", index: false }));
  // The other public files (favicon.svg): only their own paths go to express.static, so a page
  // request does not cost a failed stat of the disk first.
  const publicFiles = new Set(
    readdirSync("build/client", { recursive: true, encoding: "utf8" })
      .filter((file) => statSync(path.join("build/client", file)).isFile())
      .map((file) => `/${file.split(path.sep).join("/")}`)
      .filter((file) => !file.startsWith("/assets/")),
  );
  const publicStatic = express.static("build/client", { maxAge: "1h", index: false });
  app.use((req, res, next) => (publicFiles.has(req.path) ? publicStatic(req, res, next) : next()));
}

app.use(guardBody);
// Cache-Control and ETags for every page, and the render cache for anonymous public pages.
app.use(httpCache({ db: database.db, megabytes: env.RENDER_CACHE_MB, dev }));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: env.NODE_ENV,
    getLoadContext: (req, res): AppContext => ({
      clientIp: req.ip ?? req.socket.remoteAddress ?? "onbekend",
      db: database.db,
      search,
      databaseKind: database.kind,
      dataDir: database.kind === "pglite" ? database.location : undefined,
      env,
      cspNonce: res.locals.cspNonce as string,
      loaderShared: loaderSharing(req.method),
    }),
  }),
);

const server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `AV-Kennisnet luistert op http://localhost:${port} (${database.kind}: ${database.location}; ${seconds} s)`,
  );
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: afsluiten...`);
  stopJobs();
  server.close();
  await database.close().catch(() => {});
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
