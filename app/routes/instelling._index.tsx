import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { DangerButton, FormMessage, SubmitButton } from "#app/components/forms.tsx";
import { InstitutionProfileView } from "#app/components/institution-profile.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, type MessageKey, pageTitle, useLocale, useT } from "#app/i18n/index.ts";
import { parseForm } from "#app/lib/forms.ts";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import {
  decideMembership,
  InstitutionError,
  listMembershipRequests,
} from "#app/modules/auth/institutions.server.ts";
import { savedPlanSummary } from "#app/modules/dragers/planner.server.ts";
import { formatNumber } from "#app/modules/dragers/planner.ts";
import { type ComparisonResult, compareInstitution } from "#app/modules/survey/comparison.server.ts";
import { getInstitutionProfile, startingArticles } from "#app/modules/survey/profile.server.ts";
import { listRounds, ownAnswer } from "#app/modules/survey/pulse.server.ts";
import { answerLabel, choiceDef } from "#app/modules/survey/questionnaire.ts";
import { institution } from "#db/schema/auth.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "profiel.title") }];

/** The profile of the member's own institution. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const saved = new URL(request.url).searchParams.has("opgeslagen");
  const profile = user.institutionId ? await getInstitutionProfile(context.db, user.institutionId) : null;
  if (!profile) {
    // Asked to belong to an institution that has not confirmed it yet: only its name.
    const [requested] = user.requestedInstitutionId
      ? await context.db
          .select({ name: institution.name })
          .from(institution)
          .where(eq(institution.id, user.requestedInstitutionId))
      : [];
    return {
      profile: null,
      articles: {},
      saved,
      plan: null,
      requests: [],
      requested: requested?.name ?? null,
      comparison: null,
      pulses: [],
    };
  }
  const articles = await startingArticles(context.db, localeFromRequest(request), profile.needs);
  const plan = await savedPlanSummary(context.db, localeFromRequest(request), profile.institution.id);
  // Colleagues decide on requests for a confirmed institution only; for a proposal, moderators do.
  const waiting = profile.institution.confirmed
    ? await listMembershipRequests(context.db, profile.institution.id)
    : [];
  const requests = waiting.map((r) => ({
    userId: r.userId,
    name: r.name,
    email: r.email,
  }));
  // Where do I stand: only for a confirmed institution, only aggregates over at least 5 others.
  const comparison: ComparisonResult | null = profile.institution.confirmed
    ? await compareInstitution(context.db, profile.institution.id)
    : null;
  // Open pulse rounds the institution can answer (confirmed institutions only).
  const open = profile.institution.confirmed ? await listRounds(context.db, { openOnly: true }) : [];
  const pulses = await Promise.all(
    open.map(async (round) => ({
      id: round.id,
      title: round.title,
      answered: (await ownAnswer(context.db, round.id, profile.institution.id)) !== null,
    })),
  );
  return { profile, articles, saved, plan, requests, requested: null, comparison, pulses };
}

const decisionSchema = z.object({
  userId: z.string().min(1).max(100),
  intent: z.enum(["bevestigen", "afwijzen"]),
});

/** A confirmed member confirms or turns down a request to join their institution. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = parseForm(decisionSchema, await request.formData(), { locale: localeFromRequest(request) });
  if (!parsed.ok || !user.institutionId) {
    return data({ ok: null, error: "profiel.requests.gone" as const, name: "" }, { status: 400 });
  }
  let name: string | null;
  try {
    // Only a request for the member's own institution can be decided here.
    name = await decideMembership(context.db, user, {
      userId: parsed.value.userId,
      institutionId: user.institutionId,
      accept: parsed.value.intent === "bevestigen",
    });
  } catch (error) {
    if (error instanceof InstitutionError) {
      return data({ ok: null, error: "profiel.requests.gone" as const, name: "" }, { status: 403 });
    }
    throw error;
  }
  if (name === null)
    return data({ ok: null, error: "profiel.requests.gone" as const, name: "" }, { status: 409 });
  return {
    ok:
      parsed.value.intent === "bevestigen"
        ? ("profiel.requests.accepted" as const)
        : ("profiel.requests.rejected" as const),
    error: null,
    name,
  };
}

export default function OwnInstitution() {
  const { profile, articles, saved, plan, requests, requested, comparison, pulses } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  if (!profile) {
    return (
      <PageHeader
        title={t("profiel.title")}
        intro={requested ? t("profiel.requested", { name: requested }) : t("profiel.noInstitution")}
      >
        <p>
          <Link to="/account">{t("profiel.chooseInstitution")}</Link>
        </p>
      </PageHeader>
    );
  }
  return (
    <>
      <InstitutionProfileView
        profile={profile}
        articles={articles}
        canAssess
        notice={saved ? t("profiel.saved") : null}
      />
      {comparison ? <ComparisonView result={comparison} /> : null}
      {pulses.length ? (
        <section aria-labelledby="peilingen" className="mt-10 max-w-3xl space-y-2">
          <h2 id="peilingen">{t("pulse.member.title")}</h2>
          <ul className="space-y-1">
            {pulses.map((p) => (
              <li key={p.id}>
                {p.title}:{" "}
                <Link to={`/instelling/peiling/${p.id}`}>
                  {p.answered ? t("pulse.member.change") : t("pulse.member.answer")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {requests.length || result ? (
        <section aria-labelledby="aanmeldingen" className="mt-10 max-w-3xl space-y-3">
          <h2 id="aanmeldingen">{t("profiel.requests.title")}</h2>
          {result?.ok ? <FormMessage tone="ok">{t(result.ok, { name: result.name })}</FormMessage> : null}
          {result?.error ? <FormMessage tone="error">{t(result.error)}</FormMessage> : null}
          {requests.length ? <p className="text-muted">{t("profiel.requests.intro")}</p> : null}
          <ul className="space-y-2">
            {requests.map((r) => (
              <li key={r.userId} className="flex flex-wrap items-center gap-3 rounded border border-line p-3">
                <span className="flex-1">
                  {r.name} <span className="text-muted">({r.email})</span>
                </span>
                <Form method="post" className="flex gap-2">
                  <input type="hidden" name="userId" value={r.userId} />
                  <SubmitButton
                    name="intent"
                    value="bevestigen"
                    label={`${t("profiel.requests.accept")}: ${r.name}`}
                  >
                    {t("profiel.requests.accept")}
                  </SubmitButton>
                  <DangerButton
                    name="intent"
                    value="afwijzen"
                    label={`${t("profiel.requests.reject")}: ${r.name}`}
                  >
                    {t("profiel.requests.reject")}
                  </DangerButton>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="digitaliseringsplan" className="mt-10 max-w-3xl space-y-2">
        <h2 id="digitaliseringsplan">{t("dragers.profile.title")}</h2>
        <p>
          {plan
            ? t("dragers.profile.summary", {
                items: formatNumber(plan.items, locale, 0),
                hours: formatNumber(plan.digitisationHours, locale, 0),
                tb: formatNumber(plan.masterTb, locale, 2),
                first: plan.first ?? "–",
              })
            : t("dragers.profile.none")}
        </p>
        <p>
          <Link to="/dragers/planner">{t("dragers.profile.link")}</Link>
        </p>
      </section>
    </>
  );
}

function ComparisonView({ result }: { result: ComparisonResult }) {
  const t = useT();
  const locale = useLocale();
  const question = (column: string) =>
    column === "ai_uses" ? t("vergelijking.aiUses") : choiceDef(column as "ooc_known").short[locale];
  return (
    <section aria-labelledby="vergelijking" className="mt-10 max-w-4xl space-y-3">
      <h2 id="vergelijking">{t("vergelijking.title")}</h2>
      {result.status === "no_answers" ? (
        <p>
          {t("vergelijking.noAnswers")} <Link to="/instelling/zelfevaluatie">{t("vergelijking.fillIn")}</Link>
        </p>
      ) : result.status === "too_few" ? (
        <p>{t("vergelijking.tooFew")}</p>
      ) : (
        <>
          <p className="text-muted">
            {t(
              result.comparison.basis === "type_and_band"
                ? "vergelijking.basisBand"
                : "vergelijking.basisType",
              {
                band: answerLabel(result.comparison.band ?? "", locale),
                type: t(`survey.type.${result.comparison.institutionType}` as MessageKey),
                size: result.comparison.size,
              },
            )}
          </p>
          <p className="text-muted">{t("vergelijking.privacy")}</p>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("vergelijking.title")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="p-2">
                    {t("vergelijking.question")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("vergelijking.own")}
                  </th>
                  <th scope="col" className="p-2">
                    {t("vergelijking.others")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.comparison.questions.map((q) => (
                  <tr key={q.column} className="border-t border-line align-top" data-column={q.column}>
                    <th scope="row" className="p-2 font-medium">
                      {question(q.column)}
                    </th>
                    <td className="p-2">
                      {q.own === null
                        ? t("vergelijking.notAnswered")
                        : q.own.length
                          ? q.own.map((label) => answerLabel(label, locale)).join(", ")
                          : t("vergelijking.none")}
                    </td>
                    <td className="p-2">
                      {q.hidden ? (
                        t("vergelijking.hidden")
                      ) : (
                        <>
                          <ul className="space-y-0.5">
                            {q.shares.map((s) => (
                              <li key={s.label}>
                                {answerLabel(s.label, locale)}: {s.percent} %
                              </li>
                            ))}
                          </ul>
                          <span className="text-muted">{t("vergelijking.base", { n: String(q.n) })}</span>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
