// One session as an iCalendar file, for members of the group and moderators.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { localeFromRequest } from "#app/i18n/index.ts";
import { throwAsResponse } from "#app/lib/errors.ts";
import { appOrigin } from "#app/lib/origin.ts";
import { idParam } from "#app/lib/params.ts";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { sessionsCalendar } from "#app/modules/intervisie/calendar-feed.server.ts";
import { requireSessionAccess } from "#app/modules/intervisie/sessions/core.server.ts";
import { groupName } from "#app/modules/intervisie/sessions/planning.server.ts";
import { myRsvpStatus } from "#app/modules/intervisie/sessions/rsvp.server.ts";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = idParam(request, params, "id");
  const { session } = await requireSessionAccess(context.db, id, user).catch((error) =>
    throwAsResponse(error, localeFromRequest(request)),
  );
  const [name, myStatus] = await Promise.all([
    groupName(context.db, session.groupId),
    myRsvpStatus(context.db, id, user.id),
  ]);
  const body = sessionsCalendar(
    [{ ...session, groupName: name, cancelled: session.cancelledAt !== null, myStatus }],
    appOrigin(request, context.env.APP_ORIGIN),
    undefined,
    localeFromRequest(request),
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="intervisie-${id}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
