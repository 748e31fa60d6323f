// Plan a session for a group, or (with ?sessie=ID) change or cancel one. For the group's
// facilitator and moderators. The file name's `$id_` keeps this page out of the group page's
// layout, so it renders on its own at /intervisie/groepen/<id>/sessies/nieuw.

import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DangerButton, Field, FormMessage, SelectField, SubmitButton } from "#app/components/forms.tsx";
import { Form, Link } from "#app/components/link.tsx";
import { PageHeader } from "#app/components/page-header.tsx";
import { localeFromRequest, pageTitle, translator, useLocale, useT } from "#app/i18n/index.ts";
import { errorResponse, pageResponse } from "#app/lib/errors.ts";
import { formIntent } from "#app/lib/forms.ts";
import { idParam, parseId } from "#app/lib/params.ts";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { localRedirect } from "#app/modules/http.server.ts";
import { groupAccess } from "#app/modules/intervisie/access.server.ts";
import { getGroup } from "#app/modules/intervisie/groups.server.ts";
import { methodMinutes, methods } from "#app/modules/intervisie/methods.ts";
import { getSession } from "#app/modules/intervisie/sessions/core.server.ts";
import {
  cancelSession,
  formValuesFrom,
  parseSessionForm,
  planSession,
  type SessionFormValues,
  sessionFormValues,
  updateSession,
} from "#app/modules/intervisie/sessions/planning.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "sessie.plan.title", "intervisie.title") },
];

async function load(
  request: Request,
  params: LoaderFunctionArgs["params"],
  context: LoaderFunctionArgs["context"],
) {
  const user = await requireUser(request, context);
  const group = await getGroup(context.db, idParam(request, params, "id"));
  if (!group) throw pageResponse(404, localeFromRequest(request));
  const access = await groupAccess(context.db, group.id, user);
  if (!access.canManage) throw pageResponse(403, localeFromRequest(request));
  const sessionParam = new URL(request.url).searchParams.get("sessie");
  let session = null;
  if (sessionParam !== null) {
    const sessionId = parseId(sessionParam);
    session = sessionId === null ? null : await getSession(context.db, sessionId);
    if (!session || session.groupId !== group.id) throw pageResponse(404, localeFromRequest(request));
  }
  return { user, group, session };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { group, session } = await load(request, params, context);
  const values: SessionFormValues = session
    ? sessionFormValues(session)
    : {
        title: "",
        date: "",
        time: "14:00",
        durationMinutes: "120",
        onlineUrl: "",
        address: "",
        method: "vijfstappen",
        capacity: String(group.maxSize),
      };
  return {
    group: { id: group.id, name: group.name },
    session: session
      ? { id: session.id, title: session.title, cancelled: session.cancelledAt !== null }
      : null,
    values,
    methods: methods.map((m) => ({ key: m.key, nl: m.nl, en: m.en, minutes: methodMinutes(m) })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, group, session } = await load(request, params, context);
  const form = await request.formData();
  const intent = formIntent(form);
  const values = formValuesFrom(form);
  const locale = localeFromRequest(request);
  const t = translator(locale);
  try {
    if (intent === "afzeggen") {
      if (!session)
        return data({ errors: { form: t("error.session.chooseToCancel") }, values }, { status: 400 });
      await cancelSession(context.db, user, session.id, context.env);
      return localRedirect(request, `/intervisie/sessies/${session.id}?afgezegd=1`);
    }
    if (intent !== "opslaan")
      return data({ errors: { form: t("error.form.unknownIntent") }, values }, { status: 400 });
    const parsed = parseSessionForm(values, {
      now: session ? undefined : new Date(),
      locale: localeFromRequest(request),
    });
    if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
    if (session) {
      await updateSession(context.db, user, session.id, parsed.value, context.env);
      return localRedirect(request, `/intervisie/sessies/${session.id}?gewijzigd=1`);
    }
    const id = await planSession(context.db, user, group.id, parsed.value, context.env);
    return localRedirect(request, `/intervisie/sessies/${id}?gepland=1`);
  } catch (error) {
    return errorResponse(error, locale, (message) => ({ errors: { form: message }, values }), {
      asErrorPage: [403, 404],
    });
  }
}

export default function PlanSession() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const values = result?.values ?? loaded.values;
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const editing = loaded.session;
  const errorCount = Object.keys(errors).filter((k) => k !== "form").length;
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader
        title={editing ? t("sessie.plan.editTitle", { title: editing.title }) : t("sessie.plan.title")}
        intro={t("sessie.plan.intro", { group: loaded.group.name })}
      >
        <p className="flex flex-wrap gap-4">
          <Link to={`/intervisie/groepen/${loaded.group.id}`}>
            {t("sessie.backToGroup", { group: loaded.group.name })}
          </Link>
          {editing ? (
            <Link to={`/intervisie/sessies/${editing.id}`}>{t("sessie.plan.backToSession")}</Link>
          ) : null}
        </p>
      </PageHeader>
      {errors.form ? <FormMessage>{errors.form}</FormMessage> : null}
      {errorCount > 0 ? <FormMessage>{t("sessie.plan.fixErrors")}</FormMessage> : null}
      {editing?.cancelled ? <FormMessage>{t("sessie.cancelledNotice")}</FormMessage> : null}
      <Form method="post" className="space-y-5" noValidate>
        <input type="hidden" name="intent" value="opslaan" />
        <Field
          label={t("sessie.plan.name")}
          name="title"
          defaultValue={values.title}
          error={errors.title}
          required
        />
        <fieldset className="space-y-3">
          <legend className="font-medium">{t("sessie.plan.when")}</legend>
          <p className="text-sm text-muted">{t("sessie.plan.whenHint")}</p>
          <div className="flex flex-wrap gap-4">
            <Field
              label={t("sessie.plan.date")}
              name="date"
              type="date"
              defaultValue={values.date}
              error={errors.date}
              required
            />
            <Field
              label={t("sessie.plan.time")}
              name="time"
              type="time"
              defaultValue={values.time}
              error={errors.time}
              required
            />
            <Field
              label={t("sessie.plan.duration")}
              name="durationMinutes"
              type="number"
              min={15}
              max={480}
              step={5}
              inputMode="numeric"
              defaultValue={values.durationMinutes}
              error={errors.durationMinutes}
              required
            />
          </div>
        </fieldset>
        <fieldset className="space-y-3">
          <legend className="font-medium">{t("sessie.plan.where")}</legend>
          <Field
            label={t("sessie.plan.onlineUrl")}
            name="onlineUrl"
            type="url"
            hint={t("sessie.plan.onlineUrlHint")}
            defaultValue={values.onlineUrl}
            error={errors.onlineUrl}
          />
          <Field
            label={t("sessie.plan.address")}
            name="address"
            defaultValue={values.address}
            error={errors.address}
          />
        </fieldset>
        <SelectField
          label={t("sessie.plan.method")}
          name="method"
          defaultValue={values.method}
          error={errors.method}
          hint={t("sessie.plan.methodHint")}
        >
          {loaded.methods.map((m) => (
            <option key={m.key} value={m.key}>
              {locale === "en" ? m.en : m.nl} ({t("sessie.steps.minutes", { n: m.minutes })})
            </option>
          ))}
        </SelectField>
        <Field
          label={t("sessie.plan.capacity")}
          name="capacity"
          type="number"
          min={1}
          max={50}
          inputMode="numeric"
          hint={t("sessie.plan.capacityHint")}
          defaultValue={values.capacity}
          error={errors.capacity}
          required
        />
        <SubmitButton>{editing ? t("sessie.plan.saveChanges") : t("sessie.plan.submit")}</SubmitButton>
      </Form>
      {editing && !editing.cancelled ? (
        <section aria-labelledby="afzeggen" className="space-y-3 rounded border border-accent p-4">
          <h2 id="afzeggen">{t("sessie.cancel.title")}</h2>
          <p>{t("sessie.cancel.text")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="afzeggen" />
            <DangerButton>{t("sessie.cancel.submit")}</DangerButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
