import type { AppLoadContext } from "@remix-run/node";
import { loadEnv } from "#app/modules/env.server.ts";
import type { Database } from "#db/client.server.ts";
import { createSearchService } from "#search/service.ts";

export const ORIGIN = "http://localhost:3000";

/** The load context the server would pass, around a test database. */
export function contextFor(database: Database, overrides: Partial<AppLoadContext> = {}): AppLoadContext {
  return {
    db: database.db,
    search: createSearchService(database.db),
    databaseKind: database.kind,
    env: loadEnv({ NODE_ENV: "test" }),
    cspNonce: "test-nonce",
    clientIp: "192.0.2.1",
    ...overrides,
  };
}

export function get(path: string, headers: Record<string, string> = {}) {
  return new Request(new URL(path, ORIGIN), { headers });
}

/** A form post from this site; fields as an object, or as pairs where a name repeats. */
export function post(
  path: string,
  fields: Record<string, string> | [string, string][] | URLSearchParams,
  headers: Record<string, string> = {},
) {
  return new Request(new URL(path, ORIGIN), {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, ...headers },
  });
}

/** Runs a loader or action that signals with a thrown Response, and returns that Response. */
export async function thrownResponse(fn: () => Promise<unknown>): Promise<Response> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("verwachtte een gegooide Response");
}

/** The body of a `data()` result (single fetch) or a plain object. */
export function body<T = Record<string, unknown>>(result: unknown): T {
  const r = result as { data?: unknown; type?: string };
  return (r && typeof r === "object" && r.type === "DataWithResponseInit" ? r.data : r) as T;
}

/** The status of a `data()` result or a Response; 200 for a plain object. */
export function status(result: unknown): number {
  const r = result as { init?: { status?: number } | null };
  return r?.init?.status ?? (result instanceof Response ? result.status : 200);
}
