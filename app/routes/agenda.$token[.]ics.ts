// A member's private calendar feed. No login: the secret token in the address decides. An
// unknown or revoked token gets 404. All sessions of the member's groups from a year back,
// cancelled ones with STATUS:CANCELLED.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { localeFromRequest, translate } from "#app/i18n/index.ts";
import { appOrigin } from "#app/lib/origin.ts";
import { feedOwner, sessionsCalendar } from "#app/modules/intervisie/calendar-feed.server.ts";
import { listMemberSessions } from "#app/modules/intervisie/sessions/lists.server.ts";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const owner = await feedOwner(context.db, params.token ?? "");
  if (!owner) {
    return new Response(translate(localeFromRequest(request), "ics.notFound"), {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const since = new Date(Date.now() - 365 * 24 * 3_600_000);
  const sessions = await listMemberSessions(context.db, owner.userId, { since });
  // A calendar app fetches the feed without the member's cookie: the texts follow the account.
  const body = sessionsCalendar(
    sessions,
    appOrigin(request, context.env.APP_ORIGIN),
    translate(owner.language, "ics.feedName"),
    owner.language,
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, max-age=300",
      "X-Robots-Tag": "noindex",
      "Referrer-Policy": "no-referrer",
    },
  });
}
