import type { LoaderFunctionArgs } from "@remix-run/node";
import { ping } from "#db/client.server.ts";

const TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS).unref()),
  ]);
}

/**
 * 200 when the database answers, 503 when it does not (for load balancers and monitoring). It
 * also says which search engine answers: Meilisearch being down is reported but is not a 503,
 * because search falls back to postgres.
 */
export async function loader({ context }: LoaderFunctionArgs) {
  const headers = { "Cache-Control": "no-store" };
  let databaseOk = true;
  try {
    await withTimeout(ping(context.db, { dataDir: context.dataDir }));
  } catch {
    databaseOk = false;
  }
  let searchInfo: { configured: string; meilisearch?: { ok: boolean }; serving: string } = {
    configured: context.search.configured,
    serving: "postgres",
  };
  if (context.search.meili) {
    const meili = await withTimeout(context.search.meili.health()).catch(() => ({ ok: false }));
    searchInfo = {
      ...searchInfo,
      meilisearch: { ok: meili.ok },
      serving: meili.ok ? "meilisearch" : "postgres",
    };
  }
  const body = {
    status: databaseOk ? "ok" : "error",
    database: { kind: context.databaseKind, ok: databaseOk },
    search: searchInfo,
  };
  return Response.json(body, { status: databaseOk ? 200 : 503, headers });
}
