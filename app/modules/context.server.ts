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
  /**
   * The client's address: the connection's, or behind the proxies TRUST_PROXY names, the one
   * they pass on in X-Forwarded-For.
   */
  clientIp: string;
  /** PGlite's data directory (the health check looks that it is still there). */
  dataDir?: string;
};

declare module "@remix-run/node" {
  interface AppLoadContext extends AppContext {}
}
