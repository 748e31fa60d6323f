// The app's Remix server build, loaded by Vite as `npm run dev` does, for tests that send real
// HTTP requests through Express + Remix. Call at the top of a test file: it registers the
// beforeAll/afterAll that start and stop Vite, and returns the build once it is loaded.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express, { type Express } from "express";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll } from "vitest";
import { loaderSharing } from "#app/modules/context.server.ts";
import type { Database } from "#db/client.server.ts";
import { contextFor } from "./remix.ts";

export function setupServerBuild(): () => ServerBuild {
  let vite: ViteDevServer | undefined;
  let build: ServerBuild | undefined;
  beforeAll(async () => {
    vite = await createServer({
      server: { middlewareMode: true, hmr: false },
      appType: "custom",
      logLevel: "error",
    });
    build = (await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
  });
  afterAll(async () => {
    await vite?.close();
  });
  return () => {
    if (!build) throw new Error("setupServerBuild: de build is nog niet geladen (alleen in tests en hooks)");
    return build;
  };
}

/**
 * Serves a build through Express + Remix on a free local port, as app/server/index.ts does after
 * its own middleware: `app` may carry middleware in front (CSP nonce, compression, the render
 * cache). A nonce a middleware put in `res.locals.cspNonce` reaches the load context.
 */
export async function serveBuild(
  build: ServerBuild,
  database: Database,
  app: Express = express(),
): Promise<{ base: string; close: () => Promise<void> }> {
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: "production",
      getLoadContext: (req, res) => {
        const nonce = res.locals.cspNonce as string | undefined;
        return contextFor(database, {
          ...(nonce ? { cspNonce: nonce } : {}),
          loaderShared: loaderSharing(req.method),
        });
      },
    }),
  );
  const server: Server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
