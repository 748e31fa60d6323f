import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Field, FieldError, FormMessage, fieldIds, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, translator, useLocale, useT } from "#app/i18n/index.ts";
import { formIntent, formText } from "#app/lib/forms.ts";
import { parseId } from "#app/lib/params.ts";
import { requirePermission } from "#app/modules/auth/auth.server.ts";
import {
  createRound,
  listRounds,
  MAX_PULSE_QUESTIONS,
  readRoundForm,
  setRoundOpen,
} from "#app/modules/survey/pulse.server.ts";
import { choiceColumns, choiceDef } from "#app/modules/survey/questionnaire.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "pulse.admin.title", "beheer.title") },
];

/** Moderators open and close pulse rounds (issue #20, part 4). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "import:survey");
  return { rounds: await listRounds(context.db), maxQuestions: MAX_PULSE_QUESTIONS };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const moderator = await requirePermission(request, context, "import:survey");
  const t = translator(localeFromRequest(request));
  const form = await request.formData();
  const intent = formIntent(form);
  if (intent === "openen" || intent === "sluiten") {
    const id = parseId(formText(form, "roundId"));
    const ok = id !== null && (await setRoundOpen(context.db, moderator.id, id, intent === "openen"));
    if (!ok)
      return data(
        { errors: { form: t("error.pulse.notFound") } as Record<string, string>, ok: null },
        { status: 404 },
      );
    return { errors: {} as Record<string, string>, ok: intent === "openen" ? "opened" : "closed" };
  }
  const read = readRoundForm(form, t);
  if (!read.ok) return data({ errors: read.errors, ok: null }, { status: 400 });
  await createRound(context.db, moderator.id, read);
  return { errors: {} as Record<string, string>, ok: "created" };
}

export default function PulseRounds() {
  const { rounds, maxQuestions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const t = useT();
  const locale = useLocale();
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader title={t("pulse.admin.title")} intro={t("pulse.admin.intro")}>
        <p>
          <Link to="/trends#peilingen">{t("pulse.admin.results")}</Link>
        </p>
      </PageHeader>
      {result?.ok ? (
        <FormMessage tone="ok">{t(`pulse.admin.${result.ok}` as "pulse.admin.created")}</FormMessage>
      ) : null}
      {errors.form ? <FormMessage>{errors.form}</FormMessage> : null}
      <section aria-labelledby="rondes" className="space-y-3">
        <h2 id="rondes">{t("pulse.admin.rounds")}</h2>
        {rounds.length === 0 ? <p>{t("pulse.admin.none")}</p> : null}
        <ul className="space-y-2">
          {rounds.map((round) => (
            <li key={round.id} className="flex flex-wrap items-center gap-3 rounded border border-line p-3">
              <span className="flex-1">
                <strong>{round.title}</strong> ({round.open ? t("pulse.open") : t("pulse.closed")}) ·{" "}
                {t("pulse.admin.answered", { count: round.answered })}
              </span>
              <Form method="post">
                <input type="hidden" name="roundId" value={round.id} />
                <SubmitButton
                  name="intent"
                  value={round.open ? "sluiten" : "openen"}
                  label={`${round.open ? t("pulse.admin.close") : t("pulse.admin.reopen")}: ${round.title}`}
                >
                  {round.open ? t("pulse.admin.close") : t("pulse.admin.reopen")}
                </SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="nieuwe-ronde" className="space-y-4">
        <h2 id="nieuwe-ronde">{t("pulse.admin.new")}</h2>
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="nieuw" />
          <Field
            label={t("pulse.admin.titleLabel")}
            name="title"
            error={errors.title}
            maxLength={200}
            required
          />
          <fieldset className="space-y-1" {...fieldIds("vragen", "hint", errors.columns)}>
            <legend className="font-medium">{t("pulse.admin.questions")}</legend>
            <p id="vragen-hint" className="text-sm text-muted">
              {t("pulse.admin.questionsHint", { max: maxQuestions })}
            </p>
            {choiceColumns.map((column) => (
              <div key={column} className="flex items-center gap-2">
                <input type="checkbox" id={`vraag-${column}`} name="columns" value={column} />
                <label htmlFor={`vraag-${column}`}>{choiceDef(column).short[locale]}</label>
              </div>
            ))}
            <FieldError id="vragen" error={errors.columns} />
          </fieldset>
          <SubmitButton>{t("pulse.admin.create")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
