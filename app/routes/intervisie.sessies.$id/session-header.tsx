// The top of the session page: title, flash message, when and where, places, and the links to
// the calendar file, the agenda feed and (for managers) the edit form.

import { useSearchParams } from "@remix-run/react";
import { FormMessage } from "#app/components/forms.tsx";
import { Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { useLocale, useLocalizedPath, useT } from "#app/i18n/index.ts";
import { formatSessionTime } from "#app/modules/intervisie/amsterdam-time.ts";
import { safeHref } from "#app/modules/urls.ts";
import type { SessionData } from "./shared.tsx";

export function SessionHeader({
  session,
  method,
  attendance,
  me,
}: Pick<SessionData, "session" | "method" | "attendance" | "me">) {
  const [search] = useSearchParams();
  const t = useT();
  const localized = useLocalizedPath();
  const locale = useLocale();
  const flash = search.get("gepland")
    ? t("sessie.flash.planned")
    : search.get("gewijzigd")
      ? t("sessie.flash.updated")
      : search.get("afgezegd")
        ? t("sessie.flash.cancelled")
        : null;
  return (
    <PageHeader title={session.title}>
      <p>
        <Link to={`/intervisie/groepen/${session.groupId}`}>
          {t("sessie.backToGroup", { group: session.groupName })}
        </Link>
      </p>
      {flash ? <FormMessage tone="ok">{flash}</FormMessage> : null}
      {session.cancelled ? <FormMessage>{t("sessie.cancelledNotice")}</FormMessage> : null}
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">{t("sessie.when")}</dt>
        <dd>{formatSessionTime(session.startsAt, locale, session.durationMinutes)}</dd>
        {session.address ? (
          <>
            <dt className="font-medium">{t("sessie.address")}</dt>
            <dd>{session.address}</dd>
          </>
        ) : null}
        {session.onlineUrl ? (
          <>
            <dt className="font-medium">{t("sessie.online")}</dt>
            <dd>
              {safeHref(session.onlineUrl) ? (
                <a href={safeHref(session.onlineUrl)} rel="noopener noreferrer">
                  {session.onlineUrl}
                </a>
              ) : (
                session.onlineUrl
              )}
            </dd>
          </>
        ) : null}
        <dt className="font-medium">{t("sessie.method")}</dt>
        <dd>{method ? (locale === "en" ? method.en : method.nl) : "—"}</dd>
        <dt className="font-medium">{t("sessie.places")}</dt>
        <dd>{t("sessie.placesValue", { going: attendance.going.length, capacity: session.capacity })}</dd>
      </dl>
      <p className="flex flex-wrap gap-4">
        <a href={localized(`/intervisie/sessies/${session.id}.ics`)} download>
          {t("sessie.ics")}
        </a>
        <Link to="/intervisie/agenda">{t("sessie.feedLink")}</Link>
        {me.canManage && !session.cancelled ? (
          <Link to={`/intervisie/groepen/${session.groupId}/sessies/nieuw?sessie=${session.id}`}>
            {t("sessie.edit")}
          </Link>
        ) : null}
      </p>
    </PageHeader>
  );
}
