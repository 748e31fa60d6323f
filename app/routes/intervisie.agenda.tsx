// The member's agenda: upcoming sessions across their groups, and their private calendar feed
// (made, shown once, replaced or revoked here).

import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DangerButton, FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { type MessageKey, pageTitle, useLocale, useT } from "#app/i18n/index.ts";
import { formIntent } from "#app/lib/forms.ts";
import { appOrigin } from "#app/lib/origin.ts";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { formatSessionTime } from "#app/modules/intervisie/amsterdam-time.ts";
import {
  createFeedToken,
  feedCreatedAt,
  revokeFeedToken,
} from "#app/modules/intervisie/calendar-feed.server.ts";
import { listMemberSessions } from "#app/modules/intervisie/sessions/lists.server.ts";
import { formatDateTime } from "#app/utils/format.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "sessie.agenda.title", "intervisie.title") },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const [sessions, feedSince] = await Promise.all([
    listMemberSessions(context.db, user.id, { since: new Date() }),
    feedCreatedAt(context.db, user.id),
  ]);
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      groupId: s.groupId,
      groupName: s.groupName,
      startsAt: s.startsAt.toISOString(),
      durationMinutes: s.durationMinutes,
      cancelled: s.cancelled,
      myStatus: s.myStatus,
    })),
    feedSince: feedSince ? feedSince.toISOString() : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const intent = formIntent(await request.formData());
  if (intent === "aanmaken") {
    const token = await createFeedToken(context.db, user.id);
    const url = new URL(`/agenda/${token}.ics`, appOrigin(request, context.env.APP_ORIGIN)).href;
    return data({ intent, feedUrl: url as string | null, error: null as string | null });
  }
  if (intent === "intrekken") {
    await revokeFeedToken(context.db, user.id);
    return data({ intent, feedUrl: null, error: null });
  }
  return data({ intent, feedUrl: null, error: "Onbekende actie." }, { status: 400 });
}

const statusKey: Record<string, MessageKey> = {
  going: "sessie.status.going",
  waitlist: "sessie.status.waitlist",
  maybe: "sessie.status.maybe",
  not_going: "sessie.status.notGoing",
};

export default function Agenda() {
  const { sessions, feedSince } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="max-w-3xl space-y-10">
      <PageHeader title={t("sessie.agenda.title")} intro={t("sessie.agenda.intro")} />
      <section aria-labelledby="komend" className="space-y-3">
        <h2 id="komend">{t("sessie.agenda.upcoming")}</h2>
        {sessions.length === 0 ? <p>{t("sessie.agenda.none")}</p> : null}
        <ul className="space-y-3">
          {sessions.map((s) => (
            <li key={s.id} className="rounded border border-line p-3">
              <p className="font-medium">
                <Link to={`/intervisie/sessies/${s.id}`}>{s.title}</Link>
                {s.cancelled ? <span className="text-accent"> — {t("sessie.cancelledShort")}</span> : null}
              </p>
              <p className="text-sm">{formatSessionTime(s.startsAt, locale, s.durationMinutes)}</p>
              <p className="text-sm text-muted">
                <Link to={`/intervisie/groepen/${s.groupId}`}>{s.groupName}</Link>
                {" · "}
                {s.myStatus ? t(statusKey[s.myStatus]!) : t("sessie.status.none")}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="feed" className="space-y-3">
        <h2 id="feed">{t("sessie.feed.title")}</h2>
        <p>{t("sessie.feed.intro")}</p>
        {result?.error ? <FormMessage>{result.error}</FormMessage> : null}
        {result?.intent === "aanmaken" && result.feedUrl ? (
          <div className="space-y-2 rounded border border-brand bg-wash p-3" role="status">
            <p className="font-medium">{t("sessie.feed.created")}</p>
            <label htmlFor="feed-url" className="block text-sm">
              {t("sessie.feed.urlLabel")}
            </label>
            <input
              id="feed-url"
              readOnly
              value={result.feedUrl}
              className="block w-full rounded border border-muted bg-paper px-3 py-2 font-mono text-sm"
            />
            <p className="text-sm">{t("sessie.feed.showOnce")}</p>
          </div>
        ) : null}
        {result?.intent === "intrekken" ? (
          <FormMessage tone="ok">{t("sessie.feed.revoked")}</FormMessage>
        ) : null}
        {feedSince ? (
          <p>{t("sessie.feed.active", { date: formatDateTime(feedSince, locale) })}</p>
        ) : (
          <p>{t("sessie.feed.noneYet")}</p>
        )}
        <div className="flex flex-wrap gap-3">
          <Form method="post">
            <input type="hidden" name="intent" value="aanmaken" />
            <SubmitButton>{feedSince ? t("sessie.feed.regenerate") : t("sessie.feed.create")}</SubmitButton>
          </Form>
          {feedSince ? (
            <Form method="post">
              <input type="hidden" name="intent" value="intrekken" />
              <DangerButton>{t("sessie.feed.revoke")}</DangerButton>
            </Form>
          ) : null}
        </div>
        <p className="text-sm text-muted">{t("sessie.feed.regenerateHint")}</p>
      </section>
    </div>
  );
}
