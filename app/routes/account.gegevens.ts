import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { exportUserData } from "#app/modules/auth/users.server.ts";
import { exportIntervision } from "#app/modules/intervisie/personal-data.server.ts";
import { exportKennisbank } from "#app/modules/kennisbank/personal-data.server.ts";

/** The AVG data download: everything kept about the member, as JSON. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const body = {
    ...(await exportUserData(context.db, user.id)),
    intervisie: await exportIntervision(context.db, user.id),
    kennisbank: await exportKennisbank(context.db, user.id),
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="av-kennisnet-mijn-gegevens.json"',
      "Cache-Control": "no-store",
    },
  });
}
