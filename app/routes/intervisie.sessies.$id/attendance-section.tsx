// Who comes: going (of the capacity), the waiting list in order, maybe and not going.

import { useT } from "#app/i18n/index.ts";
import { Section, type SessionData } from "./shared.tsx";

export function AttendanceSection({ session, attendance }: Pick<SessionData, "session" | "attendance">) {
  const t = useT();
  return (
    <Section id="deelnemers" title={t("sessie.attendance.title")}>
      <div className="grid gap-6 sm:grid-cols-2">
        <div>
          <h3 className="font-semibold">
            {t("sessie.attendance.going")} ({attendance.going.length}/{session.capacity})
          </h3>
          {attendance.going.length ? (
            <ul className="list-disc pl-5">
              {attendance.going.map((a) => (
                <li key={a.userId}>{a.name}</li>
              ))}
            </ul>
          ) : (
            <p className="text-muted">{t("sessie.attendance.nobody")}</p>
          )}
        </div>
        <div>
          <h3 className="font-semibold">
            {t("sessie.attendance.waitlist")} ({attendance.waitlist.length})
          </h3>
          {attendance.waitlist.length ? (
            <ol className="list-decimal pl-5">
              {attendance.waitlist.map((a) => (
                <li key={a.userId}>{a.name}</li>
              ))}
            </ol>
          ) : (
            <p className="text-muted">{t("sessie.attendance.nobody")}</p>
          )}
        </div>
        {attendance.maybe.length ? (
          <div>
            <h3 className="font-semibold">{t("sessie.attendance.maybe")}</h3>
            <ul className="list-disc pl-5">
              {attendance.maybe.map((a) => (
                <li key={a.userId}>{a.name}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {attendance.notGoing.length ? (
          <div>
            <h3 className="font-semibold">{t("sessie.attendance.notGoing")}</h3>
            <ul className="list-disc pl-5">
              {attendance.notGoing.map((a) => (
                <li key={a.userId}>{a.name}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </Section>
  );
}
