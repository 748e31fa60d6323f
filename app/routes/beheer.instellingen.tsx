import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DangerButton, FormMessage, SubmitButton } from "#app/components/forms.tsx";
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
import { errorResponse } from "#app/lib/errors.ts";
import { formIntent, parseForm } from "#app/lib/forms.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import {
  confirmInstitution,
  decideMembership,
  listConfirmedInstitutions,
  listMembershipRequests,
  listProposedInstitutions,
  rejectInstitution,
} from "#app/modules/auth/institutions.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "beheer.institutions.title", "beheer.title") },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "confirm:institution");
  const [proposals, confirmed, requests] = await Promise.all([
    listProposedInstitutions(context.db),
    listConfirmedInstitutions(context.db),
    listMembershipRequests(context.db),
  ]);
  return { proposals, confirmed, requests };
}

const membershipSchema = z.object({
  userId: z.string().min(1).max(100),
  institutionId: z.coerce.number().int().positive(),
  intent: z.enum(["lid-bevestigen", "lid-afwijzen"]),
});

const schema = z.object({
  id: z.coerce.number().int().positive(),
  intent: z.enum(["bevestigen", "afwijzen"]),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const moderator = await requirePermission(request, context, "confirm:institution");
  const form = await request.formData();
  const intent = formIntent(form);
  const t = translator(localeFromRequest(request));
  if (intent === "lid-bevestigen" || intent === "lid-afwijzen") {
    const member = parseForm(membershipSchema, form, { locale: localeFromRequest(request) });
    if (!member.ok) return data({ error: t("error.institutions.chooseRequest"), ok: null }, { status: 400 });
    const accept = member.value.intent === "lid-bevestigen";
    let decided: Awaited<ReturnType<typeof decideMembership>>;
    try {
      decided = await decideMembership(context.db, moderator, { ...member.value, accept });
    } catch (error) {
      // A moderator's own request, or someone not asking to join: said in the form.
      return errorResponse(error, localeFromRequest(request), (message) => ({ error: message, ok: null }));
    }
    if (!decided) return data({ error: t("error.institutions.requestDecided"), ok: null }, { status: 409 });
    return {
      error: null,
      ok: t(accept ? "notice.institutions.memberConfirmed" : "notice.institutions.memberDeclined"),
    };
  }
  const parsed = parseForm(schema, form, { locale: localeFromRequest(request) });
  if (!parsed.ok) return data({ error: t("error.institutions.chooseProposal"), ok: null }, { status: 400 });
  const done =
    parsed.value.intent === "bevestigen"
      ? await confirmInstitution(context.db, moderator.id, parsed.value.id)
      : await rejectInstitution(context.db, moderator.id, parsed.value.id);
  if (!done) return data({ error: t("error.institutions.proposalDecided"), ok: null }, { status: 409 });
  return {
    error: null,
    ok: t(
      parsed.value.intent === "bevestigen" ? "notice.institutions.confirmed" : "notice.institutions.rejected",
    ),
  };
}

export default function Institutions() {
  const { proposals, confirmed, requests } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-8">
      <PageHeader title={t("beheer.institutions.title")} intro={t("beheer.institutions.intro")} />
      {result?.error ? <FormMessage>{result.error}</FormMessage> : null}
      {result?.ok ? <FormMessage tone="ok">{result.ok}</FormMessage> : null}
      <section aria-labelledby="voorstellen" className="space-y-3">
        <h2 id="voorstellen">{t("beheer.institutions.proposals")}</h2>
        {proposals.length === 0 ? <p>{t("beheer.institutions.none")}</p> : null}
        <ul className="space-y-3">
          {proposals.map((p) => (
            <li key={p.id} className="rounded border border-line p-4">
              <p className="font-medium">
                {p.name} <span className="text-muted">({institutionTypeLabel(locale, p.type)})</span>
              </p>
              <p className="text-sm text-muted">
                {t("beheer.institutions.proposedBy", { name: p.proposedBy ?? "—" })}
              </p>
              <Form method="post" className="mt-2 flex gap-2">
                <input type="hidden" name="id" value={p.id} />
                <SubmitButton name="intent" value="bevestigen">
                  {t("beheer.institutions.confirm")}
                </SubmitButton>
                <DangerButton name="intent" value="afwijzen">
                  {t("beheer.institutions.reject")}
                </DangerButton>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="aanmeldingen" className="space-y-3">
        <h2 id="aanmeldingen">{t("beheer.members.title")}</h2>
        <p className="text-muted">{t("beheer.members.intro")}</p>
        {requests.length === 0 ? <p>{t("beheer.members.none")}</p> : null}
        <ul className="space-y-3">
          {requests.map((r) => (
            <li key={r.userId} className="rounded border border-line p-4">
              <p className="font-medium">
                {r.name} <span className="text-muted">({r.email})</span> → {r.institutionName}
              </p>
              <Form method="post" className="mt-2 flex gap-2">
                <input type="hidden" name="userId" value={r.userId} />
                <input type="hidden" name="institutionId" value={r.institutionId} />
                <SubmitButton name="intent" value="lid-bevestigen">
                  {t("profiel.requests.accept")}
                </SubmitButton>
                <DangerButton name="intent" value="lid-afwijzen">
                  {t("profiel.requests.reject")}
                </DangerButton>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="bevestigd" className="space-y-3">
        <h2 id="bevestigd">{t("beheer.institutions.confirmed")}</h2>
        <ul className="list-disc pl-6">
          {confirmed.map((c) => (
            <li key={c.id}>
              <Link to={`/instellingen/${c.id}`}>{c.name}</Link>{" "}
              <span className="text-muted">({institutionTypeLabel(locale, c.type)})</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
