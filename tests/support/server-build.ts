// The app's Remix server build, loaded by Vite as `npm run dev` does, for tests that send real
// HTTP requests through Express + Remix. Call at the top of a test file: it registers the
// beforeAll/afterAll that start and stop Vite, and returns the build once it is loaded.
import type { ServerBuild } from "@remix-run/node";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll } from "vitest";

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
