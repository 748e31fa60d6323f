import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ArticleLink } from "#app/components/content-text.tsx";
import { DangerButton, Field, FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import {
  institutionTypeLabel,
  localeFromRequest,
  pageTitle,
  translator,
  useLocale,
  useT,
} from "#app/i18n/index.ts";
import { errorResponse, pageResponse } from "#app/lib/errors.ts";
import { formIntent, parseForm } from "#app/lib/forms.ts";
import { idParam } from "#app/lib/params.ts";
import { forbidden, requireUser } from "#app/modules/auth/auth.server.ts";
import { localRedirect } from "#app/modules/http.server.ts";
import { accessFor, groupAccess } from "#app/modules/intervisie/access.server.ts";
import { formatSessionTime } from "#app/modules/intervisie/amsterdam-time.ts";
import {
  decideRequest,
  getGroup,
  leaveGroup,
  listPendingRequests,
  updateGroupSettings,
} from "#app/modules/intervisie/groups.server.ts";
import { reasonText } from "#app/modules/intervisie/reasons.ts";
import { publishedCasesOfGroup } from "#app/modules/intervisie/sessions/cases.server.ts";
import { listGroupSessions } from "#app/modules/intervisie/sessions/lists.server.ts";
import { topics } from "#app/modules/taxonomy.ts";

const decisionSchema = z.object({
  aanvraag: z.coerce
    .number({ message: "form.group.request" })
    .int("form.group.request")
    .positive("form.group.request"),
});

const settingsName = "form.group.name";
const settingsSchema = z.object({
  naam: z.string({ message: settingsName }).trim().min(3, settingsName).max(120, settingsName),
  open: z.string().optional(),
  gespreksleider: z.string().default(""),
});

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data ? { text: data.group.name } : "meta.group", "intervisie.title") },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const groupId = idParam(request, params, "id");
  const group = await getGroup(context.db, groupId);
  if (!group) throw pageResponse(404, localeFromRequest(request));
  // The viewer's membership from the members just read: no second query for it.
  const access = accessFor(group.members.find((m) => m.userId === user.id)?.role ?? null, user);
  if (!access.canView) forbidden(request);
  const [sessions, requests, cases] = await Promise.all([
    listGroupSessions(context.db, groupId, user.id),
    access.canManage ? listPendingRequests(context.db, groupId) : Promise.resolve([]),
    publishedCasesOfGroup(context.db, groupId, localeFromRequest(request)),
  ]);
  return { group, access, sessions, requests, cases, userId: user.id };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const groupId = idParam(request, params, "id");
  const access = await groupAccess(context.db, groupId, user);
  if (!access.canView) forbidden(request);
  const form = await request.formData();
  const intent = formIntent(form);
  const t = translator(localeFromRequest(request));
  try {
    if (intent === "verlaten") {
      await leaveGroup(context.db, user.id, groupId, context.env);
      return localRedirect(request, "/intervisie?groep-verlaten=1");
    }
    if (!access.canManage) forbidden(request);
    if (intent === "toelaten" || intent === "afwijzen") {
      const parsed = parseForm(decisionSchema, form, { locale: localeFromRequest(request) });
      if (!parsed.ok) return data({ error: parsed.message, ok: null }, { status: 400 });
      const requestId = parsed.value.aanvraag;
      await decideRequest(context.db, user.id, groupId, requestId, intent === "toelaten", context.env);
      return {
        error: null,
        ok: t(intent === "toelaten" ? "notice.group.admitted" : "notice.group.declined"),
      };
    }
    if (intent === "instellingen") {
      const parsed = parseForm(settingsSchema, form, { locale: localeFromRequest(request) });
      if (!parsed.ok) return data({ error: parsed.message, ok: null }, { status: 400 });
      await updateGroupSettings(context.db, user.id, groupId, {
        name: parsed.value.naam,
        open: parsed.value.open === "ja",
        facilitatorId: parsed.value.gespreksleider,
      });
      return { error: null, ok: t("notice.group.settingsSaved") };
    }
    return data({ error: t("error.form.unknownIntent"), ok: null }, { status: 400 });
  } catch (error) {
    return errorResponse(error, localeFromRequest(request), (message) => ({ error: message, ok: null }));
  }
}

export default function GroupPage() {
  const { group, access, sessions, requests, cases, userId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const topicLabel = (key: string) => topics.find((x) => x.key === key)?.[locale] ?? key;
  return (
    <div className="space-y-8">
      <PageHeader title={group.name} intro={t("intervisie.group.confidential")}>
        <p className="text-sm text-muted">
          {institutionTypeLabel(locale, group.institutionType)}
          {group.topics.length > 0 ? ` · ${group.topics.map(topicLabel).join(", ")}` : ""}
          {group.matchScore !== null
            ? ` · ${t("intervisie.group.score", { score: group.matchScore.toFixed(2) })}`
            : ""}
        </p>
        {group.closed ? <p className="font-medium">{t("intervisie.group.closed")}</p> : null}
      </PageHeader>
      {result?.error ? <FormMessage>{result.error}</FormMessage> : null}
      {result?.ok ? <FormMessage tone="ok">{result.ok}</FormMessage> : null}

      <section aria-labelledby="leden" className="space-y-3">
        <h2 id="leden">{t("intervisie.group.members")}</h2>
        <ul className="grid gap-3 md:grid-cols-2">
          {group.members.map((m) => (
            <li key={m.userId} className="rounded border border-line p-3">
              <p className="font-medium">
                {m.name}
                {m.role === "facilitator" ? (
                  <span className="text-muted"> ({t("intervisie.role.facilitator")})</span>
                ) : null}
              </p>
              <p className="text-sm text-muted">
                {m.institutionName ?? "—"}
                {m.institutionType ? ` · ${institutionTypeLabel(locale, m.institutionType)}` : ""}
              </p>
              {m.reasons.length > 0 ? (
                <details className="mt-1 text-sm">
                  <summary>{t("intervisie.group.why")}</summary>
                  <ul className="list-disc pl-5">
                    {m.reasons.map((r) => {
                      const text = reasonText(r, locale);
                      return <li key={text}>{text}</li>;
                    })}
                  </ul>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="bijeenkomsten" className="space-y-3">
        <h2 id="bijeenkomsten">{t("intervisie.group.sessions")}</h2>
        {sessions.length === 0 ? <p>{t("intervisie.group.noSessions")}</p> : null}
        <ul className="space-y-2">
          {sessions.map((s) => (
            <li key={s.id}>
              <Link to={`/intervisie/sessies/${s.id}`} className="font-medium">
                {s.title}
              </Link>{" "}
              <span className="text-muted">
                {formatSessionTime(s.startsAt, locale, s.durationMinutes)} ·{" "}
                {s.cancelled
                  ? t("intervisie.group.cancelled")
                  : t("intervisie.group.going", { going: s.going, capacity: s.capacity })}
              </span>
            </li>
          ))}
        </ul>
        {access.canManage && !group.closed ? (
          <p>
            <Link to={`/intervisie/groepen/${group.id}/sessies/nieuw`} className="font-medium">
              {t("intervisie.group.plan")}
            </Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="casussen" className="space-y-3">
        <h2 id="casussen">{t("casus.group.title")}</h2>
        {cases.length ? (
          <ul className="list-disc pl-5">
            {cases.map((c) => (
              <li key={c.slug}>
                <ArticleLink article={c} />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("casus.group.none")}</p>
        )}
      </section>

      {access.canManage ? (
        <section aria-labelledby="aanvragen" className="space-y-3">
          <h2 id="aanvragen">{t("intervisie.group.requests")}</h2>
          {requests.length === 0 ? <p>{t("intervisie.group.noRequests")}</p> : null}
          <ul className="space-y-3">
            {requests.map((r) => (
              <li key={r.id} className="rounded border border-line p-3">
                <p className="font-medium">
                  {r.name}{" "}
                  <span className="text-muted">
                    ({r.institutionName ?? "—"},{" "}
                    {r.institutionType ? institutionTypeLabel(locale, r.institutionType) : "—"})
                  </span>
                </p>
                {r.message ? <p className="whitespace-pre-line text-sm">{r.message}</p> : null}
                <Form method="post" className="mt-2 flex gap-2">
                  <input type="hidden" name="aanvraag" value={r.id} />
                  <SubmitButton name="intent" value="toelaten">
                    {t("intervisie.group.accept")}
                  </SubmitButton>
                  <DangerButton name="intent" value="afwijzen">
                    {t("intervisie.group.decline")}
                  </DangerButton>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {access.canManage && !group.closed ? (
        <section aria-labelledby="instellingen" className="max-w-xl space-y-3">
          <h2 id="instellingen">{t("intervisie.group.settings")}</h2>
          <Form method="post" className="space-y-4">
            <Field label={t("intervisie.group.name")} name="naam" defaultValue={group.name} required />
            <label className="flex items-center gap-2">
              <input type="checkbox" name="open" value="ja" defaultChecked={group.open} />
              {t("intervisie.group.open")}
            </label>
            <div className="space-y-1">
              <label htmlFor="gespreksleider" className="block font-medium">
                {t("intervisie.group.facilitator")}
              </label>
              <select
                id="gespreksleider"
                name="gespreksleider"
                defaultValue={group.members.find((m) => m.role === "facilitator")?.userId ?? ""}
                className="rounded border border-line px-3 py-2"
              >
                {group.members.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
            <SubmitButton name="intent" value="instellingen">
              {t("intervisie.group.saveSettings")}
            </SubmitButton>
          </Form>
        </section>
      ) : null}

      {access.membership && group.members.some((m) => m.userId === userId) ? (
        <Form method="post" className="border-t border-line pt-6">
          <DangerButton name="intent" value="verlaten">
            {t("intervisie.group.leave")}
          </DangerButton>
        </Form>
      ) : null}
    </div>
  );
}
