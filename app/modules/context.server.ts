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
  /**
   * What the loaders of one request share (the session lookup, auth.server.ts): set by
   * `loaderSharing` for a request that runs no action. Remix gives each loader its own copy of
   * the Request, so the request object itself cannot carry it.
   */
  loaderShared?: Map<symbol, unknown>;
};

/**
 * A new store for the loaders of a GET or HEAD request; none for a request with an action
 * (POST…), whose loaders must see what the action changed (say a session it ended).
 */
export function loaderSharing(method: string): Map<symbol, unknown> | undefined {
  return method === "GET" || method === "HEAD" ? new Map() : undefined;
}

declare module "@remix-run/node" {
  interface AppLoadContext extends AppContext {}
}
