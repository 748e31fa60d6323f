import type { LoaderFunctionArgs } from "@remix-run/node";
import { ping } from "#db/client.server.ts";

const TIMEOUT_MS = 3_000;

/** 200 when the database answers, 503 when it does not (for load balancers and monitoring). */
export async function loader({ context }: LoaderFunctionArgs) {
  const headers = { "Cache-Control": "no-store" };
  try {
    await Promise.race([
      ping(context.db),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS).unref()),
    ]);
    return Response.json({ status: "ok", database: { kind: context.databaseKind, ok: true } }, { headers });
  } catch {
    return Response.json(
      { status: "error", database: { kind: context.databaseKind, ok: false } },
      { status: 503, headers },
    );
  }
}
