import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { institutionTypeLabel, localeFromRequest, pageTitle, useLocale, useT } from "#app/i18n/index.ts";
import { errorResponse } from "#app/lib/errors.ts";
import { parseForm } from "#app/lib/forms.ts";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { listOpenGroups, requestToJoin, withdrawRequest } from "#app/modules/intervisie/groups.server.ts";
import { getParticipation } from "#app/modules/intervisie/participation.server.ts";
import { institutionTypes, topics } from "#app/modules/taxonomy.ts";

const schema = z.object({
  groep: z.coerce
    .number({ message: "form.groups.group" })
    .int("form.groups.group")
    .positive("form.groups.group"),
  intent: z.string().optional(),
  bericht: z.string().default(""),
});

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "intervisie.groups.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const url = new URL(request.url);
  const topic = url.searchParams.get("onderwerp") || null;
  const type = url.searchParams.get("type") || null;
  const [groups, participation] = await Promise.all([
    listOpenGroups(context.db, user.id, { topic, type }),
    getParticipation(context.db, user),
  ]);
  return { groups, topic, type, optedIn: participation.optedIn };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = parseForm(schema, await request.formData(), { locale: localeFromRequest(request) });
  if (!parsed.ok) return data({ error: parsed.message, ok: null }, { status: 400 });
  const { groep: groupId, intent, bericht } = parsed.value;
  try {
    if (intent === "intrekken") {
      await withdrawRequest(context.db, user.id, groupId);
      return { error: null, ok: "ingetrokken" as const };
    }
    await requestToJoin(context.db, user, groupId, bericht, context.env);
    return { error: null, ok: "aangevraagd" as const };
  } catch (error) {
    return errorResponse(error, localeFromRequest(request), (message) => ({ error: message, ok: null }));
  }
}

export default function OpenGroups() {
  const { groups, topic, type, optedIn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const topicLabel = (key: string) => topics.find((x) => x.key === key)?.[locale] ?? key;
  return (
    <div className="space-y-8">
      <PageHeader title={t("intervisie.groups.title")} intro={t("intervisie.groups.intro")} />
      {result?.error ? <FormMessage>{result.error}</FormMessage> : null}
      {result?.ok === "aangevraagd" ? (
        <FormMessage tone="ok">{t("intervisie.groups.requested")}</FormMessage>
      ) : null}
      {!optedIn ? (
        <p className="rounded border border-line p-4">
          {t("intervisie.groups.optinFirst")} <Link to="/intervisie/deelnemen">{t("intervisie.join")}</Link>
        </p>
      ) : null}
      <Form method="get" className="flex flex-wrap items-end gap-4">
        <div className="space-y-1">
          <label htmlFor="onderwerp" className="block font-medium">
            {t("intervisie.groups.filterTopic")}
          </label>
          <select
            id="onderwerp"
            name="onderwerp"
            defaultValue={topic ?? ""}
            className="rounded border border-line px-3 py-2"
          >
            <option value="">{t("intervisie.groups.all")}</option>
            {topics.map((x) => (
              <option key={x.key} value={x.key}>
                {x[locale]}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="type" className="block font-medium">
            {t("intervisie.groups.filterType")}
          </label>
          <select
            id="type"
            name="type"
            defaultValue={type ?? ""}
            className="rounded border border-line px-3 py-2"
          >
            <option value="">{t("intervisie.groups.all")}</option>
            {institutionTypes.map((x) => (
              <option key={x} value={x}>
                {institutionTypeLabel(locale, x)}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton>{t("intervisie.groups.filter")}</SubmitButton>
      </Form>
      {groups.length === 0 ? <p>{t("intervisie.groups.none")}</p> : null}
      <ul className="grid gap-4 md:grid-cols-2">
        {groups.map((g) => (
          <li key={g.id} className="space-y-2 rounded border border-line p-4">
            <h2 className="text-lg">{g.name}</h2>
            <p className="text-sm text-muted">
              {institutionTypeLabel(locale, g.institutionType)} ·{" "}
              {t("intervisie.groups.size", { size: g.size, max: g.maxSize })}
            </p>
            {g.topics.length > 0 ? (
              <p className="text-sm">
                {t("intervisie.groups.topics")}: {g.topics.map(topicLabel).join(", ")}
              </p>
            ) : null}
            {g.isMember ? (
              <p>
                <Link to={`/intervisie/groepen/${g.id}`}>{t("intervisie.groups.member")}</Link>
              </p>
            ) : g.requestPending ? (
              <Form method="post" className="space-y-2">
                <p>{t("intervisie.groups.pending")}</p>
                <input type="hidden" name="groep" value={g.id} />
                <SubmitButton name="intent" value="intrekken">
                  {t("intervisie.groups.withdraw")}
                </SubmitButton>
              </Form>
            ) : optedIn && g.size < g.maxSize ? (
              <Form method="post" className="space-y-2">
                <input type="hidden" name="groep" value={g.id} />
                <label htmlFor={`bericht-${g.id}`} className="block text-sm font-medium">
                  {t("intervisie.groups.message")}
                </label>
                <textarea
                  id={`bericht-${g.id}`}
                  name="bericht"
                  rows={2}
                  maxLength={1000}
                  className="w-full rounded border border-line px-3 py-2"
                />
                <SubmitButton name="intent" value="aanvragen">
                  {t("intervisie.groups.ask")}
                </SubmitButton>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
