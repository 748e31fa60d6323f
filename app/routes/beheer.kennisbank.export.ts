import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import { exportZip } from "#app/modules/kennisbank/bulk.server.ts";

/** Every published article as Markdown with front matter, in a zip (the seed's format). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "publish:article");
  const zip = await exportZip(context.db);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(Buffer.from(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="kennisbank-${day}.zip"`,
      "Cache-Control": "no-store",
    },
  });
}
