import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { pageTitle, useLocale, useT } from "#app/i18n/index.ts";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { listNotifications, markAllRead } from "#app/modules/notifications/notifications.server.ts";
import { formatDateTime } from "#app/utils/format.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "meldingen.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return { notifications: await listNotifications(context.db, user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  await markAllRead(context.db, user.id);
  return { ok: true };
}

/** Only links inside the app are followed. */
const internal = (link: string | null) =>
  link?.startsWith("/") && !link.startsWith("//") && !link.includes("\\") ? link : null;

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const unread = notifications.some((n) => n.readAt === null);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={t("meldingen.title")} />
      {notifications.length === 0 ? <p>{t("meldingen.none")}</p> : null}
      {unread ? (
        <Form method="post">
          <SubmitButton>{t("meldingen.markRead")}</SubmitButton>
        </Form>
      ) : null}
      <ul className="space-y-3">
        {notifications.map((n) => {
          const link = internal(n.link);
          return (
            <li
              key={n.id}
              className={`rounded border p-3 ${n.readAt ? "border-line" : "border-brand bg-wash"}`}
            >
              <p className="font-medium">
                {n.readAt ? null : <span className="mr-2 text-sm text-brand">[{t("meldingen.unread")}]</span>}
                {link ? <Link to={link}>{n.title}</Link> : n.title}
              </p>
              {n.body ? <p className="text-sm">{n.body}</p> : null}
              <p className="text-sm text-muted">{formatDateTime(n.createdAt, locale)}</p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
