import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { useActionData, useLoaderData } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { FormMessage, SelectField, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, translator, useLocale, useT } from "#app/i18n/index.ts";
import { errorResponse } from "#app/lib/errors.ts";
import { idParam } from "#app/lib/params.ts";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { localRedirect } from "#app/modules/http.server.ts";
import { getRound, ownAnswer, readPulseAnswer, savePulseAnswer } from "#app/modules/survey/pulse.server.ts";
import { answerLabel, choiceDef, labelsOf } from "#app/modules/survey/questionnaire.ts";
import { institution } from "#db/schema/auth.ts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data ? { text: data.round.title } : "pulse.member.title", "profiel.title") },
];

/** A member of a confirmed institution answers a pulse round for it. */
async function roundFor(request: Request, context: LoaderFunctionArgs["context"], params: Params) {
  const user = await requireUser(request, context);
  if (!user.institutionId) throw localRedirect(request, "/instelling");
  const [own] = await context.db
    .select({ name: institution.name, confirmed: institution.confirmed })
    .from(institution)
    .where(eq(institution.id, user.institutionId));
  if (!own?.confirmed) throw localRedirect(request, "/instelling");
  const round = await getRound(context.db, idParam(request, params, "id"));
  if (!round)
    throw new Response(translator(localeFromRequest(request))("error.pulse.notFound"), { status: 404 });
  return { user: { id: user.id, institutionId: user.institutionId }, round, name: own.name };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, round, name } = await roundFor(request, context, params);
  const answers = await ownAnswer(context.db, round.id, user.institutionId);
  const saved = new URL(request.url).searchParams.has("opgeslagen");
  return { round, name, answers: answers ?? {}, saved };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, round } = await roundFor(request, context, params);
  const locale = localeFromRequest(request);
  const read = readPulseAnswer(await request.formData(), round.columns, translator(locale));
  if (!read.ok) return data({ errors: read.errors }, { status: 400 });
  try {
    await savePulseAnswer(context.db, user, round.id, read.answers);
  } catch (error) {
    return errorResponse(error, locale, (message) => ({
      errors: { form: message } as Record<string, string>,
    }));
  }
  return localRedirect(request, `/instelling/peiling/${round.id}?opgeslagen=1`);
}

export default function PulseAnswerPage() {
  const { round, name, answers, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const t = useT();
  const locale = useLocale();
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={round.title} intro={t("pulse.answer.intro", { name })}>
        <p>
          <Link to="/instelling">{t("survey.self.back")}</Link>
        </p>
      </PageHeader>
      {saved ? <FormMessage tone="ok">{t("pulse.answer.saved")}</FormMessage> : null}
      {errors.form ? <FormMessage>{errors.form}</FormMessage> : null}
      {round.open ? (
        <Form method="post" className="space-y-4" noValidate>
          {round.columns.map((column) => (
            <SelectField
              key={column}
              label={choiceDef(column).question[locale]}
              name={column}
              defaultValue={answers[column] ?? ""}
              error={errors[column]}
            >
              <option value="">{t("survey.self.noAnswer")}</option>
              {labelsOf(column).map((label) => (
                <option key={label} value={label}>
                  {answerLabel(label, locale)}
                </option>
              ))}
            </SelectField>
          ))}
          <SubmitButton>{t("pulse.answer.submit")}</SubmitButton>
        </Form>
      ) : (
        <p>{t("pulse.answer.closed")}</p>
      )}
    </div>
  );
}
