import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FieldError, FormMessage, fieldIds, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import {
  institutionTypeLabel,
  localeFromRequest,
  type MessageKey,
  pageTitle,
  useLocale,
  useT,
} from "#app/i18n/index.ts";
import { errorText } from "#app/lib/errors.ts";
import { parseForm } from "#app/lib/forms.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import { localRedirect } from "#app/modules/http.server.ts";
import { listAllGroups } from "#app/modules/intervisie/groups.server.ts";
import { listRuns, parsePool, poolSizes, runMatching } from "#app/modules/intervisie/matching.server.ts";
import { defaultWeights, type Weights } from "#app/modules/intervisie/matching.ts";
import { formatDateTime } from "#app/utils/format.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "intervisie.beheer.title", "beheer.title") },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "run:matching");
  const url = new URL(request.url);
  const [counts, runs, groups] = await Promise.all([
    poolSizes(context.db),
    listRuns(context.db),
    listAllGroups(context.db),
  ]);
  return {
    counts,
    runs,
    groups,
    selectedPool: parsePool(url.searchParams.get("pool")) ?? "vrij",
  };
}

const weightField = z.coerce
  .number({ invalid_type_error: "form.matching.number" })
  .min(0, "form.matching.weightLow")
  .max(10, "form.matching.weightHigh");

const schema = z
  .object({
    pool: z.string().refine((v) => parsePool(v) !== null, "form.matching.pool"),
    min: z.coerce
      .number({ invalid_type_error: "form.matching.number" })
      .int("form.matching.whole")
      .min(2, "form.matching.min"),
    max: z.coerce
      .number({ invalid_type_error: "form.matching.number" })
      .int("form.matching.whole")
      .max(20, "form.matching.max"),
    seed: z.coerce
      .number({ invalid_type_error: "form.matching.number" })
      .int("form.matching.whole")
      .min(0)
      .max(2 ** 31),
    sameType: weightField,
    sharedNeeds: weightField,
    canHelp: weightField,
    sameProvinceInPerson: weightField,
    similarSize: weightField,
    similarMaturity: weightField,
  })
  .refine((v) => v.max >= v.min, {
    path: ["max"],
    message: "form.matching.order",
  });

export async function action({ request, context }: ActionFunctionArgs) {
  const moderator = await requirePermission(request, context, "run:matching");
  const parsed = parseForm(schema, await request.formData(), { locale: localeFromRequest(request) });
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const { pool, min, max, seed, ...weights } = parsed.value;
  const result = await runMatching(context.db, moderator.id, {
    pool: parsePool(pool) ?? "vrij",
    min,
    max,
    seed,
    weights: weights satisfies Weights,
  });
  if (!result.ok) {
    const message = errorText(localeFromRequest(request), result.error);
    return data({ errors: { form: message } as Record<string, string> }, { status: 400 });
  }
  return localRedirect(request, `/beheer/intervisie/voorstel/${result.runId}`);
}

const weightKeys = [
  "sameType",
  "sharedNeeds",
  "canHelp",
  "sameProvinceInPerson",
  "similarSize",
  "similarMaturity",
] as const;

export default function MatchingPage() {
  const { counts, runs, groups, selectedPool } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const t = useT();
  const locale = useLocale();
  const activeGroups = groups.filter((g) => !g.closed);
  return (
    <div className="space-y-10">
      <PageHeader title={t("intervisie.beheer.title")} intro={t("intervisie.beheer.intro")}>
        <p>
          <Link to="/beheer/intervisie/beoordelingen">{t("intervisie.beheer.ratings")}</Link>
        </p>
      </PageHeader>
      {errors.form ? <FormMessage>{errors.form}</FormMessage> : null}
      <Form method="post" className="max-w-2xl space-y-6" noValidate>
        <div className="space-y-1">
          <label htmlFor="pool" className="block font-medium">
            {t("intervisie.beheer.pool")}
          </label>
          <select
            id="pool"
            name="pool"
            defaultValue={selectedPool}
            className="rounded border border-line px-3 py-2"
            {...fieldIds("pool", undefined, errors.pool)}
          >
            <option value="vrij">{t("intervisie.beheer.pool.vrij", { n: counts.vrij })}</option>
            <option value="iedereen">{t("intervisie.beheer.pool.iedereen", { n: counts.iedereen })}</option>
            {activeGroups.map((g) => (
              <option key={g.id} value={`groep-${g.id}`}>
                {t("intervisie.beheer.pool.groep", { name: g.name })}
              </option>
            ))}
          </select>
          <FieldError id="pool" error={errors.pool} />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field
            label={t("intervisie.beheer.min")}
            name="min"
            type="number"
            inputMode="numeric"
            defaultValue="4"
            error={errors.min}
          />
          <Field
            label={t("intervisie.beheer.max")}
            name="max"
            type="number"
            inputMode="numeric"
            defaultValue="7"
            error={errors.max}
          />
          <Field
            label={t("intervisie.beheer.seed")}
            name="seed"
            type="number"
            inputMode="numeric"
            defaultValue="1"
            hint={t("intervisie.beheer.seedHint")}
            error={errors.seed}
          />
        </div>
        <fieldset className="grid gap-4 rounded border border-line p-4 sm:grid-cols-2">
          <legend className="px-1 font-semibold">{t("intervisie.beheer.weights")}</legend>
          {weightKeys.map((key) => (
            <Field
              key={key}
              label={t(`intervisie.beheer.weight.${key}` as MessageKey)}
              name={key}
              type="number"
              step="0.1"
              min="0"
              defaultValue={String(defaultWeights[key])}
              error={errors[key]}
            />
          ))}
        </fieldset>
        <SubmitButton>{t("intervisie.beheer.run")}</SubmitButton>
      </Form>

      <section aria-labelledby="voorstellen" className="space-y-3">
        <h2 id="voorstellen">{t("intervisie.beheer.runs")}</h2>
        {runs.length === 0 ? <p>{t("intervisie.beheer.noRuns")}</p> : null}
        <ul className="space-y-1">
          {runs.map((r) => (
            <li key={r.id}>
              <Link to={`/beheer/intervisie/voorstel/${r.id}`}>
                {t("intervisie.proposal.title", { id: r.id })}
              </Link>{" "}
              <span className="text-muted">
                ({t(`intervisie.beheer.status.${r.status}` as MessageKey)}, {r.pool},{" "}
                {formatDateTime(r.createdAt, locale)}
                {r.createdBy ? `, ${r.createdBy}` : ""})
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="groepen" className="space-y-3">
        <h2 id="groepen">{t("intervisie.beheer.groups")}</h2>
        {groups.length === 0 ? <p>{t("intervisie.beheer.noGroups")}</p> : null}
        <ul className="space-y-1">
          {groups.map((g) => (
            <li key={g.id}>
              <Link to={`/intervisie/groepen/${g.id}`}>{g.name}</Link>{" "}
              <span className="text-muted">
                ({g.size} · {institutionTypeLabel(locale, g.institutionType)}
                {g.matchScore !== null ? ` · ${g.matchScore.toFixed(2)}` : ""}
                {g.closed ? ` · ${t("intervisie.group.closed")}` : ""})
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
