import type { DatabaseKind, DB } from "#db/client.server.ts";
import type { SearchService } from "#search/service.ts";
import type { Env } from "./env.server.ts";

/** What the server hands every loader and action (app/server/index.ts, getLoadContext). */
export type AppContext = {
  db: DB;
  databaseKind: DatabaseKind;
  env: Env;
  /** Per-request nonce that the Content-Security-Policy allows scripts with. */
  cspNonce: string;
  search: SearchService;
  /** The client's address as the server sees it (behind a proxy: X-Forwarded-For). */
  clientIp: string;
};

declare module "@remix-run/node" {
  interface AppLoadContext extends AppContext {}
}
